"""`./lab` on a machine it cannot set up says what is wrong before it installs or downloads anything.

Each test runs the real `lab` script with bash under a PATH that holds only stubs: `id`, `uname`, `dpkg-query`
and (when the case has them) `sudo` answer as the case needs; `apt-get`, `mvn`, `java`, `curl` and `wget` only
record that they were called. The few real tools the script needs (dirname, grep, sed) are linked in.
"""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAB = ROOT / "lab"

BASE = ["openjdk-17-jdk-headless", "openjdk-17-source", "maven", "fontconfig", "fonts-dejavu-core", "dataset-fashion-mnist"]
JUPYTER = ["jupyter-notebook", "jupyter-nbconvert", "python3-nbclient", "jupyter-client", "python3-ipykernel"]
TESTS = ["python3-pytest", "python3-jupyter-kernel-test", "chromium", "python3-torch"]
RECORDED = ["apt-get", "mvn", "java", "curl", "wget"]


def _script(path, body):
    path.write_text("#!/bin/bash\n" + body)
    path.chmod(0o755)


class Machine:
    """A faked machine: the stub directory, the packages it has, and a log of recorded commands."""

    def __init__(self, tmp_path, uid=1000, os_name="Linux", arch="x86_64", installed=(), sudo=None):
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        self.calls = tmp_path / "calls.log"
        self.calls.touch()
        for tool in ["dirname", "grep", "sed"]:
            (self.bin / tool).symlink_to(shutil.which(tool))
        _script(self.bin / "id", f'[ "$1" = -u ] && echo {uid} || echo "uid={uid}"\n')
        _script(self.bin / "uname", f'case "$1" in -s) echo {os_name} ;; -m) echo {arch} ;; *) echo {os_name} ;; esac\n')
        wanted = " ".join(installed)
        _script(self.bin / "dpkg-query",
                f'pkg="${{@: -1}}"; for p in {wanted}; do [ "$p" = "$pkg" ] && {{ printf "install ok installed"; exit 0; }}; done\n'
                'echo "dpkg-query: no packages found matching $pkg" >&2; exit 1\n')
        for tool in RECORDED:
            # apt-get "succeeds" so that a permitted install goes on; the build and download tools stop the script
            _script(self.bin / tool, f'echo "{tool} $*" >> "{self.calls}"; exit {0 if tool == "apt-get" else 1}\n')
        if sudo == "passwordless":
            _script(self.bin / "sudo", f'[ "$1" = -n ] && shift; echo "sudo $*" >> "{self.calls}"; "$@"\n')
        elif sudo == "password":
            # like sudo -n when a password would be needed; anything else would prompt, which a test cannot answer
            _script(self.bin / "sudo", f'echo "sudo $*" >> "{self.calls}"\n'
                    '[ "$1" = -n ] && { echo "sudo: a password is required" >&2; exit 1; }\nexit 1\n')

    def run(self, *args):
        env = {"PATH": str(self.bin), "HOME": str(self.bin.parent), "LANG": "C.UTF-8"}
        # stdin from /dev/null: no terminal, as in CI or a notebook's terminal-less shell
        return subprocess.run(["/bin/bash", str(LAB), *args], env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=60)

    def recorded(self):
        return self.calls.read_text().splitlines()


def _missing_line(stderr):
    """The line that lists the packages: the indented one after the explanation."""
    lines = [l.strip() for l in stderr.splitlines() if l.startswith("  ") and "apt-get" not in l]
    assert lines, stderr
    return lines[0].split()


@pytest.mark.parametrize("command, needed", [((), BASE + JUPYTER), (("test",), BASE + JUPYTER + TESTS)])
def test_without_root_or_sudo_lab_stops_at_once_with_the_missing_packages(tmp_path, command, needed):
    have = ["maven", "fontconfig", "jupyter-client"]
    m = Machine(tmp_path, installed=have)
    r = m.run(*command)

    assert r.returncode == 1, r.stderr
    assert "not root, and there is no sudo" in r.stderr
    assert _missing_line(r.stderr) == [p for p in needed if p not in have]
    assert "apt-get update && apt-get install --no-install-recommends" in r.stderr
    assert m.recorded() == [], "nothing was installed, built or downloaded"


def test_with_a_sudo_that_needs_a_password_and_no_terminal_lab_stops_with_the_list(tmp_path):
    m = Machine(tmp_path, installed=BASE, sudo="password")
    r = m.run()

    assert r.returncode == 1, r.stderr
    assert "sudo needs a password" in r.stderr
    assert _missing_line(r.stderr) == JUPYTER
    assert m.recorded() == ["sudo -n true"], "only asked sudo whether it needs a password"


def test_with_passwordless_sudo_lab_installs_only_the_missing_packages(tmp_path):
    m = Machine(tmp_path, installed=BASE + JUPYTER, sudo="passwordless")
    r = m.run("test")

    calls = m.recorded()
    assert "sudo apt-get update -qq" in calls, calls
    assert "apt-get install -y -qq --no-install-recommends " + " ".join(TESTS) in calls, calls
    assert calls[-1].startswith("mvn "), "then it builds"
    assert r.returncode != 0  # the stub mvn fails; the point is what was installed, and how


def test_as_root_lab_installs_without_sudo(tmp_path):
    m = Machine(tmp_path, uid=0, installed=BASE)
    m.run()

    calls = m.recorded()
    assert calls[0] == "apt-get update -qq", calls
    assert not any(c.startswith("sudo") for c in calls)


def test_with_everything_installed_lab_goes_on_to_build(tmp_path):
    m = Machine(tmp_path, installed=BASE + JUPYTER)
    r = m.run()

    assert "missing" not in r.stderr
    assert m.recorded()[0].startswith("mvn "), (m.recorded(), r.stderr)


@pytest.mark.parametrize("os_name, arch", [("Linux", "aarch64"), ("Darwin", "x86_64"), ("Darwin", "arm64")])
@pytest.mark.parametrize("command", [(), ("test",), ("search", "--help")])
def test_an_unsupported_platform_is_named_before_anything_is_installed(tmp_path, os_name, arch, command):
    m = Machine(tmp_path, uid=0, os_name=os_name, arch=arch)
    r = m.run(*command)

    assert r.returncode == 1
    assert "runs on x86-64 Linux" in r.stderr and f"this machine is {os_name} {arch}" in r.stderr, r.stderr
    assert m.recorded() == []


def test_help_works_anywhere(tmp_path):
    m = Machine(tmp_path, os_name="Darwin", arch="arm64")
    r = m.run("help")

    assert r.returncode == 0
    assert "./lab test" in r.stdout
