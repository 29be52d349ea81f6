#!/usr/bin/python3
"""Executes the notebook series headless on the dnaslab kernel and writes each as HTML with its plots embedded.

    ./lab run [NOTEBOOK...] [--budget quick|laptop|paper] [--quick] [--all] [--out DIR] [--kernel NAME] [--threads N]

NOTEBOOK is a file or a prefix of a name in notebooks/ ("00", "01-supernet"). Without one, every notebook of
the series that is not pending runs (--all adds the pending ones). --budget sets DNASLAB_BUDGET for the kernel
(default: $DNASLAB_BUDGET, else laptop); --quick is short for --budget quick. Every budget runs the same code.
Results go to build/notebooks/NAME.html (and the executed NAME.ipynb); each notebook's wall time is printed. The exit status is 1 if any notebook failed.

SERIES below is the one list of the notebooks, the image outputs each must produce, and which wait for a library API
that has not landed yet; tests/notebooks/test_notebooks.py reads it.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "build" / "notebooks"
KERNEL_NAME = "dnaslab"
JAR = ROOT / "kernel" / "target" / "dnaslab-kernel.jar"


@dataclass(frozen=True)
class Entry:
    """A notebook of the series: how many image outputs (PNG or SVG) its figures need, what it waits for, and the
    claims whose findings it saves (report.Findings; each prints a verdict line)."""
    name: str
    min_images: int
    pending: str = ""  # the library API it needs that has not landed; empty when it runs today
    claims: tuple = ()


SERIES = [
    Entry("00-quick-start.ipynb", 2),
    Entry("01-supernet-training.ipynb", 5, claims=("01-parameter-free-drift",)),
    Entry("02-discretization-error.ipynb", 4, claims=("02-magnitude-gap", "02-alpha-vs-strength")),
    Entry("03-entropy-regularization.ipynb", 4,
          claims=("03-entropy-shrinks-gap", "03-entropy-costs-accuracy", "03-da2s-shrinks-gap")),
    Entry("04-pt-selection.ipynb", 4, claims=("04-pt-beats-magnitude", "04-fixed-alpha-pt")),
    Entry("05-single-stage.ipynb", 4, claims=("05-single-beats-two-stage", "05-split-prevents-degeneration")),
    Entry("06-honest-evaluation.ipynb", 2, claims=("06-ri-barely-above-random", "06-seeds-change-rankings")),
]
# The quick start shows the tools and claims nothing; every other notebook measures its paper's claims.
WITHOUT_CLAIMS = ("00-quick-start.ipynb",)


def findings_directory():
    """Where the notebooks save findings: $DNASLAB_FINDINGS, else build/findings (as report.Findings decides)."""
    return Path(os.environ.get("DNASLAB_FINDINGS") or ROOT / "build" / "findings")


def has_findings(e, budget):
    """Whether every claim of a notebook has its finding at this budget (./lab reproduce then skips it)."""
    return bool(e.claims) and all((findings_directory() / budget / (c + ".json")).is_file() for c in e.claims)


def report_findings(budget):
    """The table of the budget's findings on the terminal, and build/findings/findings.{json,html}: `./lab findings`,
    so the Java command line is set in one place."""
    return subprocess.run(["bash", str(ROOT / "lab"), "findings", "--budget", budget]).returncode


def entry(name):
    for e in SERIES:
        if e.name == name:
            return e
    raise KeyError(name)


def add_jupyter_path(directory):
    """Puts directory first on JUPYTER_PATH, so its kernelspecs win over installed ones of the same name."""
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(directory)] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p])


def install_kernelspec(prefix, jar=JAR):
    """Installs the kernelspec of the built jar under prefix (as tests/kernel/conftest.py does) and makes it the one
    jupyter_client finds; returns the share/jupyter directory."""
    if not Path(jar).is_file():
        raise FileNotFoundError(f"the kernel jar {jar} is missing: build it first (mvn -B -q package -DskipTests)")
    subprocess.run(["java", "-jar", str(jar), "install", "--prefix", str(prefix)], check=True,
                   stdout=subprocess.DEVNULL)
    share = Path(prefix) / "share" / "jupyter"
    add_jupyter_path(share)
    return share


def with_threads(kernel_name, threads, directory=None):
    """A kernelspec like kernel_name whose PyTorch uses `threads` intra-op threads; returns its name.

    The installed spec uses every core. On a machine other jobs share, PyTorch's spinning OpenMP threads then fight
    them, and a small search step gets many times slower; one thread degrades gracefully.
    """
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec(kernel_name)
    argv = [a for a in spec.argv if not a.startswith("-Dai.djl.pytorch.num_threads=")]
    argv.insert(argv.index("-jar"), f"-Dai.djl.pytorch.num_threads={int(threads)}")
    name = f"{kernel_name}-threads{int(threads)}"
    directory = Path(directory or tempfile.mkdtemp(prefix="dnaslab-kernels-"))
    kdir = directory / "kernels" / name
    kdir.mkdir(parents=True, exist_ok=True)
    (kdir / "kernel.json").write_text(json.dumps({
        "argv": argv, "display_name": f"{spec.display_name} ({int(threads)} thread(s))", "language": spec.language,
        "interrupt_mode": spec.interrupt_mode, "env": spec.env, "metadata": spec.metadata}, indent=1))
    add_jupyter_path(directory)
    return name


def resolve(arg):
    """A notebook file from a path or a name prefix."""
    p = Path(arg)
    if p.is_file():
        return p.resolve()
    matches = sorted(NOTEBOOKS.glob(arg + "*.ipynb")) if not arg.endswith(".ipynb") else [NOTEBOOKS / arg]
    matches = [m for m in matches if m.is_file()]
    if len(matches) != 1:
        raise SystemExit(f"run: '{arg}' names {len(matches)} notebooks in {NOTEBOOKS} "
                         f"({', '.join(m.name for m in matches) or 'none'})")
    return matches[0]


# A quick cell that runs 15 minutes is stuck; a laptop or paper cell measures a claim over seeds and may take hours on
# a machine other jobs share.
QUICK_CELL_TIMEOUT_S = 900
CELL_TIMEOUT_S = 6 * 3600


def execute(path, quick=False, kernel_name=KERNEL_NAME, cell_timeout=None, budget=None):
    """Runs a notebook top to bottom in a fresh kernel (working directory: the notebook's folder).

    Returns (executed notebook, seconds, error or None); on a failing or timed-out cell the notebook holds the outputs
    up to it.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb = nbformat.read(str(path), as_version=4)
    budget = "quick" if quick else (budget or os.environ.get("DNASLAB_BUDGET") or "laptop")
    if cell_timeout is None:
        cell_timeout = QUICK_CELL_TIMEOUT_S if budget == "quick" else CELL_TIMEOUT_S
    previous = {k: os.environ.get(k) for k in ("DNASLAB_QUICK", "DNASLAB_BUDGET")}
    os.environ.pop("DNASLAB_QUICK", None)
    os.environ["DNASLAB_BUDGET"] = budget
    # The library finds the repository's data subset and writes runs/ relative to it.
    os.environ.setdefault("DNASLAB_HOME", str(ROOT))
    client = NotebookClient(nb, kernel_name=kernel_name, timeout=cell_timeout, startup_timeout=120,
                            resources={"metadata": {"path": str(Path(path).parent)}})
    start = time.monotonic()
    error = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as e:
        error = e
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return nb, time.monotonic() - start, error


# Scripts the template loads (jQuery, RequireJS, MathJax; Debian points them at file:///usr/share/javascript) are not
# needed by static outputs, and would make the page depend on the machine it was written on.
_SCRIPT_WITH_SRC = re.compile(r'<script[^>]*\bsrc="[^"]*"[^>]*>\s*</script>', re.IGNORECASE)
_MATHJAX_CONFIG = re.compile(r'<script type="text/x-mathjax-config">.*?</script>', re.IGNORECASE | re.DOTALL)


def to_html(nb):
    """Self-contained HTML: every picture is a data URI, and no script is loaded (it works offline, anywhere)."""
    import base64
    import copy
    from nbconvert import HTMLExporter
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            svg = out.get("data", {}).get("image/svg+xml")
            if svg is not None:
                # The template passes inline SVG through an HTML sanitizer that drops its shapes; an <img> with a data
                # URI shows it intact.
                text = svg if isinstance(svg, str) else "".join(svg)
                out["svg_filename"] = "data:image/svg+xml;base64," + base64.b64encode(text.encode("utf-8")).decode()
    exporter = HTMLExporter(template_name="classic")
    exporter.embed_images = True
    body, _ = exporter.from_notebook_node(nb)
    return _MATHJAX_CONFIG.sub("", _SCRIPT_WITH_SRC.sub("", body))


def image_outputs(nb):
    """How many outputs show a picture (PNG or SVG)."""
    n = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data or "image/svg+xml" in data:
                n += 1
    return n


def write(nb, path, out_dir=OUT):
    import nbformat
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = Path(path).stem
    html = out_dir / (stem + ".html")
    html.write_text(to_html(nb), encoding="utf-8")
    nbformat.write(nb, str(out_dir / (stem + ".ipynb")))
    return html


def main(argv=None):
    ap = argparse.ArgumentParser(prog="./lab run", description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*", help="files or name prefixes (default: the series)")
    ap.add_argument("--budget", choices=["quick", "laptop", "paper"],
                    help="DNASLAB_BUDGET for the kernel (default $DNASLAB_BUDGET, else laptop)")
    ap.add_argument("--quick", action="store_true", help="short for --budget quick: tiny data and few epochs")
    ap.add_argument("--all", action="store_true", help="also the notebooks whose library API is pending")
    ap.add_argument("--reproduce", action="store_true",
                    help="run the notebooks whose findings are missing at the budget, then print and write the report")
    ap.add_argument("--out", default=str(OUT), help="output directory (default build/notebooks)")
    ap.add_argument("--kernel", default=KERNEL_NAME, help="kernelspec name (default dnaslab)")
    ap.add_argument("--threads", type=int, default=int(os.environ.get("DNASLAB_THREADS", "0") or 0),
                    help="PyTorch threads of the kernel (default $DNASLAB_THREADS, else the kernelspec's: all cores)")
    args = ap.parse_args(argv)
    kernel = with_threads(args.kernel, args.threads) if args.threads > 0 else args.kernel

    if args.notebooks:
        paths = [resolve(a) for a in args.notebooks]
    else:
        paths = [NOTEBOOKS / e.name for e in SERIES if args.all or not e.pending]
    failed = 0
    total = 0.0
    mode = "quick" if args.quick else (args.budget or os.environ.get("DNASLAB_BUDGET") or "laptop")
    if args.reproduce:
        # Resumable: a notebook whose findings are all saved at this budget is done; the others run (and their
        # searches continue from their run directories).
        done = [p for p in paths if has_findings(entry(p.name), mode)]
        for p in done:
            print(f"[run] {p.name}: findings at the {mode} budget already saved, skipped", flush=True)
        paths = [p for p in paths if p not in done and entry(p.name).claims]
    for p in paths:
        print(f"[run] {p.name} ({mode}) ...", flush=True)
        nb, seconds, error = execute(p, quick=args.quick, kernel_name=kernel, budget=mode)
        total += seconds
        html = write(nb, p, args.out)
        status = "ok" if error is None else "FAILED"
        print(f"[run] {p.name}: {status} in {seconds:.1f} s, {image_outputs(nb)} images -> "
              f"{os.path.relpath(html, Path.cwd())}", flush=True)
        if error is not None:
            failed += 1
            print(str(error).strip()[-3000:], file=sys.stderr)
    print(f"[run] {len(paths)} notebook(s), {failed} failed, {total:.1f} s in all", flush=True)
    if args.reproduce:
        report_findings(mode)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
