"""End-to-end behaviour of the dnaslab kernel, driven through jupyter_client."""
import base64
import json
import os
import subprocess
import time

import pytest
import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

from conftest import KERNEL_NAME, collect, execute

# A library-style loop: it checks Thread.interrupted() once per step, as the library's search and training loops do.
LIBRARY_LOOP = """
try (Progress p = Progress.start("search", 1_000_000)) {
    double acc = 0;
    for (int step = 1; step <= 1_000_000; step++) {
        if (Thread.interrupted()) {
            throw new java.util.concurrent.CancellationException("search stopped at step " + step);
        }
        for (int k = 0; k < 20_000; k++) acc += Math.sqrt(k + step);
        p.update(step, "epoch 1/1", Map.of("loss", 1.0 / step));
    }
}
"""

# The library's own search on real data: it stops at the next step when the cell is interrupted, and keeps its state.
SEARCH_SETUP = """
var data = FashionMnist.load().train().limit(4096);
var config = SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).setEpochs(20).optBatchSize(16).build();
var search = DartsSearch.builder(config).build();
"""
SEARCH_RUN = "var result = search.run(data);"

# An interrupted cell ends at its next check (milliseconds here); the bound is generous because a loaded 2-core
# machine can stall any process for seconds, and a loop that missed the interrupt would never end at all.
INTERRUPT_WITHIN = 10.0

# Never checks anything: only a hard stop ends it. It writes the file MARKER just before the loop (one block, so one
# snippet: nothing is left to compile in between), and the test interrupts once the file is there.
TIGHT_LOOP = ('long spins = 0; { java.nio.file.Files.writeString(java.nio.file.Path.of("MARKER"), "spinning");'
              ' while (true) { spins++; } }')


def _await_output(kc, msg_id, types, timeout=120):
    """Reads the cell's iopub messages until one of `types` arrives (the cell is under way); returns those read."""
    deadline = time.monotonic() + timeout
    seen = []
    while True:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no {types} from the cell within {timeout} s; got {[m['msg_type'] for m in seen]}"
        msg = kc.get_iopub_msg(timeout=remaining)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        assert not (msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"), \
            f"the cell ended before it got going: {[m['msg_type'] for m in seen]}"
        if msg["msg_type"] not in ("status", "execute_input"):
            seen.append(msg)
        if msg["msg_type"] in types:
            return seen


def _await_file(path, timeout=120):
    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        assert time.monotonic() < deadline, f"{path} did not appear within {timeout} s"
        time.sleep(0.02)  # polling interval, not a guess at how long the cell takes


def _start_cell_and_interrupt(km, kc, code, started=("display_data", "update_display_data"), marker=None):
    """Runs `code`, waits until it shows output of a type in `started` or writes `marker` (its loop is running),
    then interrupts."""
    msg_id = kc.execute(code)
    if marker:
        _await_file(marker)
        early = []
    else:
        early = _await_output(kc, msg_id, started)
    begun = time.monotonic()
    km.interrupt_kernel()
    cell = collect(kc, msg_id, timeout=30)
    cell.messages[:0] = early
    return cell, time.monotonic() - begun


def test_interrupting_a_library_loop_returns_quickly_and_keeps_the_session(kernel):
    km, kc = kernel
    assert execute(kc, "int keep = 41;").status == "ok"

    cell, elapsed = _start_cell_and_interrupt(km, kc, LIBRARY_LOOP)

    print(f"\ninterrupt of a library loop answered in {elapsed:.2f} s")
    assert elapsed < INTERRUPT_WITHIN
    assert cell.status == "error"
    assert cell.error["ename"] == "CellInterruptedException"
    # It ended through the loop's own check (the soft path), not a hard stop.
    assert "CancellationException: search stopped at step" in cell.traceback
    assert execute(kc, "keep + 1").result["text/plain"] == "42"


def test_interrupting_a_running_search_stops_it_at_the_next_step_and_keeps_the_session(kernel):
    km, kc = kernel
    assert execute(kc, "int before = 7;").status == "ok"
    assert execute(kc, SEARCH_SETUP, timeout=120).status == "ok"

    # a progress update means search steps are running
    cell, elapsed = _start_cell_and_interrupt(km, kc, SEARCH_RUN, started=("update_display_data",))

    print(f"\ninterrupt of a running search answered in {elapsed:.2f} s")
    assert elapsed < INTERRUPT_WITHIN
    assert execute(kc, "before * 6").result["text/plain"] == "42"
    # The search object survives with what it did, and says it was interrupted rather than finished.
    assert execute(kc, "search.status()").result["text/plain"] == "INTERRUPTED"
    assert execute(kc, "search.supernet().arch().softmaxSnapshot(CellType.NORMAL).length").result["text/plain"] == "6"


def test_interrupting_a_loop_that_never_checks_stops_it_too(kernel, tmp_path):
    km, kc = kernel
    assert execute(kc, "String survivor = \"still here\";").status == "ok"

    marker = tmp_path / "spinning"
    cell, elapsed = _start_cell_and_interrupt(km, kc, TIGHT_LOOP.replace("MARKER", str(marker)), marker=marker)

    print(f"\ninterrupt of a tight loop answered in {elapsed:.2f} s")
    assert elapsed < INTERRUPT_WITHIN
    assert cell.status == "error"
    assert cell.error["ename"] == "CellInterruptedException"
    assert "restart" not in cell.traceback, "Java 17 can stop the loop: no restart needed"
    assert execute(kc, "survivor").result["text/plain"] == "still here"
    assert execute(kc, "spins > 0").result["text/plain"] == "true"


def test_an_interrupt_between_cells_does_not_touch_the_next_cell(kernel):
    km, kc = kernel
    # The interrupt goes on the client's control channel, so the test can wait for the kernel's reply to it.
    kc.control_channel.send(kc.session.msg("interrupt_request", {}))
    reply = kc.get_control_msg(timeout=60)
    assert reply["msg_type"] == "interrupt_reply"
    assert execute(kc, "1 + 2").result["text/plain"] == "3"


def test_update_display_replaces_output_in_place(kernel):
    _, kc = kernel
    cell = execute(kc, 'String id = display("step 0"); for (int i = 1; i <= 3; i++) updateDisplay(id, "step " + i);')

    assert cell.status == "ok"
    shown = cell.of_type("display_data")
    updates = cell.of_type("update_display_data")
    assert len(shown) == 1 and len(updates) == 3
    display_id = shown[0]["content"]["transient"]["display_id"]
    assert all(u["content"]["transient"]["display_id"] == display_id for u in updates)
    assert [u["content"]["data"]["text/plain"] for u in updates] == ["step 1", "step 2", "step 3"]
    assert cell.result is None, "a statement ending in ';' shows no value"


def test_library_progress_draws_a_live_html_bar(kernel):
    _, kc = kernel
    cell = execute(kc, """
        try (Progress p = Progress.start("demo search", 3)) {
            for (int i = 1; i <= 3; i++) { Thread.sleep(300); p.update(i, "epoch " + i + "/3", Map.of("loss", 1.0 / i)); }
        }""")

    assert cell.status == "ok"
    first = cell.of_type("display_data")[0]["content"]
    assert "demo search" in first["data"]["text/html"]
    updates = [u["content"]["data"] for u in cell.of_type("update_display_data")]
    assert updates, "the bar is updated in place"
    final = updates[-1]
    assert "100% 3/3" in final["text/plain"]
    assert "epoch 3/3" in final["text/html"] and "loss=0.3333" in final["text/html"]


def _shell_socket(km):
    info = km.get_connection_info()
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(f"tcp://{info['ip']}:{info['shell_port']}")
    return sock


@pytest.mark.parametrize("key", [b"not-the-key", b""], ids=["wrong signature", "missing signature"])
def test_a_message_with_a_bad_signature_is_ignored_and_not_run(kernel, key):
    km, kc = kernel
    name = "forged" + str(len(key))
    forger = Session(key=key, signature_scheme="hmac-sha256", username="intruder")
    sock = _shell_socket(km)
    try:
        forger.send(sock, "execute_request", content={
            "code": f"int {name} = 1;", "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        assert sock.poll(1500) == 0, "the kernel must not answer a forged request"
    finally:
        sock.close()

    cell = execute(kc, name)
    assert cell.status == "error" and "cannot find symbol" in cell.traceback
    assert execute(kc, "2 * 21").result["text/plain"] == "42", "the kernel still serves signed requests"


def test_compile_errors_show_the_offending_code(kernel):
    _, kc = kernel
    cell = execute(kc, "int fine = 1;\nint broken = notDeclared + 1;")

    assert cell.error["ename"] == "CompilationException"
    assert "(line 2)" in cell.traceback
    assert "int broken = notDeclared + 1;" in cell.traceback
    assert "^~~~~~~~~~~" in cell.traceback


def test_runtime_errors_show_a_stack_trace_cut_to_the_cell(kernel):
    _, kc = kernel
    cell = execute(kc, "int[] small = new int[2];\nint f(int i) { return small[i]; }\nf(5);")

    assert cell.error["ename"] == "ArrayIndexOutOfBoundsException"
    assert "cell code: f(...)" in cell.traceback
    for noise in ("jdk.internal.reflect", "CellRunner", "jdk.jshell", "java.util.concurrent"):
        assert noise not in cell.traceback


def test_charts_render_as_png_by_default_and_svg_on_request(kernel):
    _, kc = kernel
    chart = ('var c = new XYChartBuilder().width(300).height(200).title("loss").build(); '
             'c.addSeries("train", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.3});')
    assert execute(kc, chart).status == "ok"

    png = execute(kc, "c").result
    assert base64.b64decode(png["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert "XYChart" in png["text/plain"]

    svg = execute(kc, 'display(c, "svg");').of_type("display_data")[0]["content"]["data"]
    assert "<svg" in svg["image/svg+xml"] and "image/png" not in svg


def test_tables_render_as_truncated_html_with_a_text_fallback(kernel):
    _, kc = kernel
    data = execute(kc, 'Table.create("big", IntColumn.indexColumn("i", 100, 0))').result

    assert "<table" in data["text/html"] and "100 rows × 1 columns" in data["text/html"]
    assert "…" in data["text/html"] and data["text/html"].count("<tr>") < 30
    assert "big" in data["text/plain"]


def test_an_architecture_renders_as_a_drawn_cell(kernel):
    _, kc = kernel
    data = execute(kc, 'Architecture.of(SearchSpace.nb201(), List.of("nor_conv_3x3", "skip_connect", "none", '
                       '"avg_pool_3x3", "nor_conv_1x1", "nor_conv_3x3"))').result

    assert data["image/svg+xml"].lstrip().startswith("<svg") and "avg_pool_3x3" in data["image/svg+xml"]
    assert "nb201" in data["text/plain"]


def test_time_magics_report_wall_time_and_keep_the_value(kernel):
    _, kc = kernel
    line = execute(kc, "%time Thread.sleep(200)")
    assert "Wall time:" in line.stdout

    cell = execute(kc, "%%time\nint timed = 5;\ntimed * 2")
    assert "Wall time:" in cell.stdout
    assert cell.result["text/plain"] == "10"


def test_jars_and_classpath_magics_make_new_classes_usable(kernel, tmp_path):
    _, kc = kernel
    src = tmp_path / "src" / "demo"
    src.mkdir(parents=True)
    (src / "Greeter.java").write_text('package demo; public class Greeter { public static String hi() { return "hi"; } }')
    classes = tmp_path / "classes"
    subprocess.run(["javac", "-d", str(classes), str(src / "Greeter.java")], check=True)
    subprocess.run(["jar", "cf", str(tmp_path / "greeter.jar"), "-C", str(classes), "."], check=True)

    assert execute(kc, f"%jars {tmp_path}/*.jar").status == "ok"
    assert execute(kc, "demo.Greeter.hi()").result["text/plain"] == "hi"
    assert str(tmp_path / "greeter.jar") in execute(kc, "%classpath").stdout
    assert execute(kc, "%jars /no/such/dir/*.jar").status == "error"


def test_load_runs_a_script_or_the_code_cells_of_a_notebook(kernel, tmp_path):
    _, kc = kernel
    script = tmp_path / "helpers.jsh"
    script.write_text("int twice(int x) { return 2 * x; }\nint loadedFromScript = twice(4);\n")
    notebook = tmp_path / "other.ipynb"
    notebook.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# not code"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": ["int fromNotebook = 3;\n", "fromNotebook += 1;"]},
    ]}))

    assert execute(kc, f"%load {script}\n%load {notebook}").status == "ok"
    assert execute(kc, "loadedFromScript + fromNotebook").result["text/plain"] == "12"


def test_unknown_magic_is_a_clear_error(kernel):
    _, kc = kernel
    cell = execute(kc, "%nosuchmagic")
    assert cell.status == "error" and "unknown line magic %nosuchmagic" in cell.error["evalue"]


def _cpu_seconds(km):
    """User + system CPU time of the kernel process so far (Linux)."""
    try:
        fields = open(f"/proc/{km.provisioner.process.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, AttributeError):
        return float("nan")


def test_cold_start_to_first_executed_cell():
    # The target is 3 s on a machine with a free core per busy thread. When other work already keeps every CPU busy
    # (load above the CPU count) wall time stretches with it, so the limit does too; the print shows both figures.
    base = float(os.environ.get("DNASLAB_COLD_START_LIMIT", "3.0"))
    oversubscribed = max(1.0, os.getloadavg()[0] / os.cpu_count())
    limit = base * oversubscribed
    started = time.monotonic()
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        ready = time.monotonic() - started
        result = execute(kc, "6 * 7").result
        first = time.monotonic() - started
        cpu = _cpu_seconds(km)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(f"\ncold start: kernel_info answered after {ready:.2f} s, first cell executed after {first:.2f} s, "
          f"kernel CPU time {cpu:.2f} s (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    assert result["text/plain"] == "42"
    assert first < limit, f"cold start took {first:.2f} s, limit {limit} s (DNASLAB_COLD_START_LIMIT)"
