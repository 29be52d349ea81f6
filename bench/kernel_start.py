#!/usr/bin/python3
"""Kernel cold start for `./lab bench`: start the real dnaslab kernel through jupyter_client, time start → reply to
the first executed cell, shut it down; several times. Run with Debian's Python (jupyter_client), e.g.

    /usr/bin/python3 bench/kernel_start.py --repeats 5 --threads 2 --json out.json

The kernelspec is installed from kernel/target/dnaslab-kernel.jar into a temporary prefix, as tests/run_notebooks.py
does for `./lab run`, so a kernelspec installed on the machine is neither used nor changed.
Timed per repeat: KernelManager.start_kernel() (JVM start) → wait_for_ready (kernel_info answered) → execute(CELL)
→ its execute_reply. `ready_ms` is the part up to kernel_info's reply, `first_cell_ms` the whole.
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from run_notebooks import JAR, KERNEL_NAME, install_kernelspec, with_threads  # noqa: E402

# a small Java statement that needs the kernel's evaluator, not just its protocol loop
CELL = "int first = 1 + 1;\nfirst"
TIMEOUT_S = 120


def one_start(kernel_name):
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name=kernel_name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    try:
        kc.start_channels()
        kc.wait_for_ready(timeout=TIMEOUT_S)
        ready = time.perf_counter()
        msg_id = kc.execute(CELL)
        while True:
            reply = kc.get_shell_msg(timeout=TIMEOUT_S)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        done = time.perf_counter()
        status = reply["content"].get("status")
        if status != "ok":
            raise RuntimeError(f"the first cell failed: {reply['content']}")
        return (ready - t0) * 1000.0, (done - t0) * 1000.0
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def summary(values):
    v = sorted(values)
    q = statistics.quantiles(v, n=10, method="inclusive") if len(v) > 1 else v * 9
    return {"median_ms": statistics.median(v), "p10_ms": q[0], "p90_ms": q[-1], "min_ms": v[0], "max_ms": v[-1]}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2, help="PyTorch threads of the kernel")
    ap.add_argument("--jar", default=str(JAR))
    ap.add_argument("--json", help="write results here")
    args = ap.parse_args(argv)
    if args.repeats < 1:
        ap.error("--repeats must be at least 1")
    with tempfile.TemporaryDirectory(prefix="dnaslab-kernel-start-") as prefix:
        install_kernelspec(prefix, args.jar)
        name = with_threads(KERNEL_NAME, args.threads, Path(prefix) / "threads")
        ready, first = [], []
        load_before = os.getloadavg()[0]
        for i in range(args.repeats):
            r, f = one_start(name)
            ready.append(r)
            first.append(f)
            print(f"kernel_start {i + 1}/{args.repeats}: ready {r:.0f} ms, first cell replied {f:.0f} ms", flush=True)
    # the first start may be colder than the rest (page cache, the kernel's class-data archive): kept apart too
    result = {"first_cell": summary(first), "ready": summary(ready), "first_start_ms": first[0],
              "repeats": args.repeats,
              "threads": args.threads, "loadavg_1min_before": load_before, "loadavg_1min_after": os.getloadavg()[0],
              "cell": CELL}
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(result, fh, indent=2)
            fh.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
