"""`./lab` passes flags it does not know to Jupyter (`./lab --port 9000`), and still rejects unknown commands."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

from conftest import ROOT

TOKEN = "dnaslab-lab-test"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(port, path, method="GET"):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/{path}?token={TOKEN}", method=method,
                                 data=b"{\"name\": \"dnaslab\"}" if method == "POST" else None)
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, (json.loads(r.read() or b"null"))


def test_flags_go_to_jupyter_and_it_serves_the_dnaslab_kernel_there(tmp_path):
    port = _free_port()
    log = open(tmp_path / "lab.log", "w")
    proc = subprocess.Popen([str(ROOT / "lab"), "--port", str(port), f"--NotebookApp.token={TOKEN}"], cwd=ROOT,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 600  # ./lab builds and installs the kernel first
        while True:
            assert proc.poll() is None, (tmp_path / "lab.log").read_text()[-3000:]
            try:
                status, specs = _api(port, "kernelspecs")
                break
            except OSError:
                assert time.monotonic() < deadline, "Jupyter did not answer on the port given to ./lab"
                time.sleep(1)
        assert status == 200 and "dnaslab" in specs["kernelspecs"]
        status, kernel = _api(port, "kernels", "POST")
        assert status == 201 and kernel["name"] == "dnaslab"
        _api(port, f"kernels/{kernel['id']}", "DELETE")
        assert f"127.0.0.1, port {port})" in (tmp_path / "lab.log").read_text()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        log.close()


def test_an_unknown_command_is_still_rejected():
    done = subprocess.run([str(ROOT / "lab"), "no-such-command"], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and "unknown command 'no-such-command'" in done.stderr
