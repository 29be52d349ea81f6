"""Interrupts on a JDK without Thread.stop (20 and later): the kernel stays alive and asks for a restart only when
it must, i.e. only for a loop that never checks for interrupts.

Runs on a JDK of 20 or later found under /usr/lib/jvm (e.g. Temurin); skipped with the reason when there is none."""
import re
import subprocess
import time
from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from conftest import JAR, collect, execute, running
from test_e2e import LIBRARY_LOOP, TIGHT_LOOP

NAME = "dnaslab-newer-jdk"


def _newer_jdk():
    for home in sorted(Path("/usr/lib/jvm").glob("*")):
        release = home / "release"
        if (home / "bin" / "java").is_file() and release.is_file():
            m = re.search(r'^JAVA_VERSION="(\d+)', release.read_text(), re.M)
            if m and int(m.group(1)) >= 20:
                return home / "bin" / "java", int(m.group(1))
    return None


JDK = _newer_jdk()
pytestmark = pytest.mark.skipif(JDK is None, reason="no JDK 20 or later under /usr/lib/jvm (Debian 12 ships only 17; "
                                                    "install e.g. Temurin 21+ to run these tests)")


@pytest.fixture(scope="module")
def newer_kernel(tmp_path_factory):
    java, _ = JDK
    prefix = tmp_path_factory.mktemp("newer-jdk")
    subprocess.run([str(java), "-jar", str(JAR), "install", "--prefix", str(prefix), "--name", NAME, "--no-cds"],
                   check=True, stdout=subprocess.DEVNULL)
    ksm = KernelSpecManager(kernel_dirs=[str(prefix / "share" / "jupyter" / "kernels")])
    with running(KernelManager(kernel_name=NAME, kernel_spec_manager=ksm), timeout=120, now=True) as started:
        yield started


def _interrupt(km, kc, code):
    msg_id = kc.execute(code)
    time.sleep(1.5)
    started = time.monotonic()
    km.interrupt_kernel()
    cell = collect(kc, msg_id, timeout=30)
    return cell, time.monotonic() - started


def test_the_kernel_runs_on_that_jdk(newer_kernel):
    _, kc = newer_kernel
    assert execute(kc, "Runtime.version().feature()").result["text/plain"] == str(JDK[1])


def test_a_loop_that_never_checks_is_abandoned_the_kernel_lives_on_and_asks_for_a_restart(newer_kernel):
    km, kc = newer_kernel
    assert execute(kc, 'String survivor = "still here";').status == "ok"

    cell, elapsed = _interrupt(km, kc, TIGHT_LOOP)

    assert elapsed < 5.0
    assert cell.status == "error" and cell.error["ename"] == "CellInterruptedException"
    assert "goes on running in the background" in cell.traceback and "restart the kernel" in cell.traceback
    # The session goes on: old variables, new cells, and the abandoned loop's own variable still counting.
    assert execute(kc, "survivor").result["text/plain"] == "still here"
    assert execute(kc, "6 * 7").result["text/plain"] == "42"
    first = int(execute(kc, "spins").result["text/plain"])
    time.sleep(0.2)
    assert int(execute(kc, "spins").result["text/plain"]) > first, "the loop runs on, as the message says"


def test_a_loop_that_checks_stops_cleanly_without_asking_for_a_restart(newer_kernel):
    km, kc = newer_kernel
    cell, elapsed = _interrupt(km, kc, LIBRARY_LOOP)

    assert elapsed < 5.0
    assert cell.error["ename"] == "CellInterruptedException"
    assert "restart" not in cell.traceback
    assert execute(kc, "1 + 1").result["text/plain"] == "2"
