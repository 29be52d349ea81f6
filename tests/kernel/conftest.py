"""Shared set-up for the kernel tests: the dnaslab kernelspec, installed from the built jar into a temporary prefix.

The tests drive kernel/target/dnaslab-kernel.jar as built, not whatever kernel happens to be installed. Build it
first with `mvn -B -q -pl kernel -am package -DskipTests` (or `./lab test`).
"""
import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "kernel" / "target" / "dnaslab-kernel.jar"
KERNEL_NAME = "dnaslab"


def _install_kernelspec():
    if not JAR.is_file():
        raise pytest.UsageError(
            f"the kernel jar {JAR} is missing: build it first with "
            "`mvn -B -q -pl kernel -am package -DskipTests` (or run ./lab test)")
    prefix = Path(tempfile.mkdtemp(prefix="dnaslab-kernelspec-"))
    subprocess.run(["java", "-jar", str(JAR), "install", "--prefix", str(prefix)], check=True,
                   stdout=subprocess.DEVNULL)
    # jupyter_client looks in JUPYTER_PATH first, so this spec wins over any installed 'dnaslab'.
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(prefix / "share" / "jupyter")] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p])
    return prefix


def pytest_configure(config):
    # Before any test module runs: KernelTests.setUpClass starts kernels by name.
    config._dnaslab_prefix = _install_kernelspec()


def pytest_unconfigure(config):
    prefix = getattr(config, "_dnaslab_prefix", None)
    if prefix is not None:
        shutil.rmtree(prefix, ignore_errors=True)


class Cell:
    """What one execute_request produced: the reply and the iopub messages in order."""

    def __init__(self, reply, messages):
        self.reply = reply
        self.messages = messages

    @property
    def status(self):
        return self.reply["content"]["status"]

    def of_type(self, msg_type):
        return [m for m in self.messages if m["msg_type"] == msg_type]

    @property
    def stdout(self):
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == "stdout")

    @property
    def result(self):
        results = self.of_type("execute_result")
        return results[0]["content"]["data"] if results else None

    @property
    def error(self):
        errors = self.of_type("error")
        return errors[0]["content"] if errors else None

    @property
    def traceback(self):
        return "\n".join(self.error["traceback"]) if self.error else ""


def collect(kc, msg_id, timeout=60):
    """Waits for the reply to msg_id and the iopub messages up to its idle status."""
    deadline = time.monotonic() + timeout
    messages = []
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status":
            if msg["content"]["execution_state"] == "idle":
                break
            continue
        if msg["msg_type"] != "execute_input":
            messages.append(msg)
    while True:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return Cell(reply, messages)


def execute(kc, code, timeout=60):
    return collect(kc, kc.execute(code), timeout)


@contextlib.contextmanager
def running(km, timeout=90, now=False):
    """Starts the kernel of a KernelManager, yields (km, client) once it is ready, and shuts it down after."""
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=timeout)
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=now)


@pytest.fixture(scope="module")
def kernel():
    """A running dnaslab kernel and a client, shared by one test module."""
    from jupyter_client.manager import KernelManager
    with running(KernelManager(kernel_name=KERNEL_NAME)) as started:
        yield started
