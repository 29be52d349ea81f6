"""Memory of a kernel that runs a notebook's cells again and again, as a user re-running "Run All" does.

    /usr/bin/python3 tests/soak/notebook_rss.py [--notebook notebooks/04-pt-selection.ipynb] [--rounds 10]
                                                [--limit 0.10] [--threads N]

Runs every code cell of the notebook ROUNDS times in one dnaslab kernel at the quick setting (DNASLAB_QUICK=1),
reads the kernel's resident memory (VmRSS in /proc/PID/status) after each round, and exits 1 when the last round's
is more than LIMIT above the first's. It also reports what the kernel itself holds: objects waiting for
closeOverwritten(), the Java heap in use after a GC, and the JShell snippets kept. Kept outside `./lab test`: ten
rounds of notebook 04 take minutes. Build the kernel first (`mvn -B -q -pl kernel -am package -DskipTests`).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "kernel" / "target" / "dnaslab-kernel.jar"
sys.path.insert(0, str(ROOT / "tests" / "kernel"))
from conftest import execute  # noqa: E402

PROBE = ("System.gc(); var rt = Runtime.getRuntime(); "
         "String.format(\"%d %d\", (rt.totalMemory() - rt.freeMemory()) >> 20, "
         "org.dnaslab.kernel.session.OverwrittenResources.pending())")


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def code_cells(notebook):
    nb = json.loads(Path(notebook).read_text())
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notebook", default=str(next((ROOT / "notebooks").glob("04-*.ipynb"))))
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--limit", type=float, default=0.10)
    ap.add_argument("--settle", type=float, default=6.0,
                    help="seconds to wait before reading RSS: the kernel JVM gives freed native memory back to the "
                         "system every 5 s (TrimNativeHeapInterval), so an immediate reading sees transient peaks")
    ap.add_argument("--threads", type=int, default=int(os.environ.get("DNASLAB_THREADS", "2")))
    args = ap.parse_args(argv)

    prefix = Path(tempfile.mkdtemp(prefix="dnaslab-soak-"))
    subprocess.run(["java", "-jar", str(JAR), "install", "--prefix", str(prefix), "--no-cds",
                    "--jvm-opt", f"-Dai.djl.pytorch.num_threads={args.threads}"], check=True, stdout=subprocess.DEVNULL)
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name="dnaslab",
                       kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(prefix / "share/jupyter/kernels")]))
    km.start_kernel(env=dict(os.environ, DNASLAB_QUICK="1"), cwd=str(Path(args.notebook).resolve().parent))
    kc = km.client()
    kc.start_channels()
    cells = code_cells(args.notebook)
    figures = []
    try:
        kc.wait_for_ready(timeout=120)
        pid = km.provisioner.process.pid
        for r in range(1, args.rounds + 1):
            started = time.monotonic()
            for i, code in enumerate(cells):
                cell = execute(kc, code, timeout=1800)
                if cell.status != "ok":
                    raise SystemExit(f"round {r}, cell {i + 1} failed:\n{cell.traceback}")
            heap, pending = execute(kc, PROBE).result["text/plain"].strip('"').split()
            time.sleep(args.settle)
            figures.append(rss_mib(pid))
            print(f"round {r:2d}: {time.monotonic() - started:6.1f} s, RSS {figures[-1]:7.1f} MiB, "
                  f"Java heap after GC {heap} MiB, awaiting closeOverwritten() {pending}", flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    growth = figures[-1] / figures[0] - 1
    print(f"{Path(args.notebook).name}, {args.rounds} rounds, DNASLAB_QUICK=1, {args.threads} PyTorch thread(s): "
          f"RSS {figures[0]:.1f} MiB after round 1, {figures[-1]:.1f} MiB after round {args.rounds} "
          f"({growth:+.1%}; limit {args.limit:+.0%})")
    return 0 if growth <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
