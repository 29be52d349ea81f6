"""The notebook series, executed by nbclient on the dnaslab kernel in quick mode (DNASLAB_QUICK=1).

Which notebooks run, and how many pictures each must show, is run_notebooks.SERIES (one list, shared with
`./lab run`). Notebooks marked pending there wait for a library API that has not landed; they are only checked for
being well-formed. The kernelspec is installed from the built jar into a temporary prefix, as tests/kernel does, and
run with one PyTorch thread: the test machine is shared, and spinning OpenMP threads fighting other jobs make a small
search many times slower.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import run_notebooks as series  # noqa: E402

NOTEBOOK_LIMIT_S = 180
SERIES_LIMIT_S = 15 * 60
RUNNABLE = [e for e in series.SERIES if not e.pending]
CHROMIUM = "/usr/bin/chromium"
# Lines DJL or PyTorch print when their logging leaks into a notebook.
NOISE = ("ai.djl", "SLF4J", "CUDA", "[main] INFO", "[main] WARN", "libtorch", "OMP:")

_executed = {}


@pytest.fixture(scope="module")
def kernel_name():
    saved = {k: os.environ.get(k) for k in ("JUPYTER_PATH", "DNASLAB_FINDINGS", "DNASLAB_RUNS")}
    prefix = Path(tempfile.mkdtemp(prefix="dnaslab-notebooks-"))
    # The notebooks' findings go to a folder of the test's own, not the user's build/findings.
    os.environ["DNASLAB_FINDINGS"] = str(prefix / "findings")
    # ... and their run directories too: a search left in the repository's runs/ by an earlier run would be resumed
    # finished, and the notebook would test nothing.
    os.environ["DNASLAB_RUNS"] = str(prefix / "runs")
    try:
        series.install_kernelspec(prefix)
        yield series.with_threads(series.KERNEL_NAME, 1, prefix / "threads")
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(prefix, ignore_errors=True)


def run(entry, kernel_name):
    """Executes a notebook once per session (quick mode); later tests reuse the result."""
    if entry.name not in _executed:
        _executed[entry.name] = series.execute(series.NOTEBOOKS / entry.name, quick=True, kernel_name=kernel_name)
    return _executed[entry.name]


def outputs(nb, output_type=None):
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if output_type is None or out["output_type"] == output_type:
                yield cell, out


def test_every_notebook_in_the_folder_is_in_the_series_and_the_other_way_round():
    on_disk = sorted(p.name for p in series.NOTEBOOKS.glob("*.ipynb"))
    assert on_disk == sorted(e.name for e in series.SERIES)


@pytest.mark.parametrize("entry", series.SERIES, ids=lambda e: e.name[:2])
def test_notebooks_are_committed_without_outputs_for_the_dnaslab_kernel(entry):
    nb = nbformat.read(str(series.NOTEBOOKS / entry.name), as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec == {"name": "dnaslab", "display_name": "Java (DNAS Lab)", "language": "java"}
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and "Cost on 2 CPU cores" in first.source, \
        "the first cell says what its budgets cost"
    assert "Budget.fromEnvironment()" in code[0].source, "quick and full go through the same budget object"


@pytest.mark.parametrize("entry", RUNNABLE, ids=lambda e: e.name[:2])
def test_notebook_runs_clean_in_quick_mode_with_its_figures(entry, kernel_name):
    nb, seconds, error = run(entry, kernel_name)

    assert error is None, f"{entry.name} failed:\n{error}"
    errors = [out for _, out in outputs(nb, "error")]
    assert not errors, errors
    stderr = ["".join(out["text"]) for _, out in outputs(nb, "stream") if out["name"] == "stderr"]
    noisy = [t for t in stderr if any(n in t for n in NOISE)]
    assert not noisy, f"library log lines leaked into {entry.name}: {noisy}"
    assert not stderr, f"{entry.name} wrote to stderr: {stderr}"
    images = series.image_outputs(nb)
    assert images >= entry.min_images, f"{entry.name} showed {images} pictures, its figures need {entry.min_images}"
    for _, out in outputs(nb):
        data = out.get("data", {})
        if "image/png" in data:
            png = __import__("base64").b64decode(data["image/png"])
            assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2000
    assert seconds < NOTEBOOK_LIMIT_S, f"{entry.name} took {seconds:.0f} s in quick mode (limit {NOTEBOOK_LIMIT_S} s)"
    print(f"{entry.name}: {seconds:.1f} s, {images} pictures")


def test_every_notebook_but_the_quick_start_has_claims():
    missing = [e.name for e in series.SERIES if not e.claims and e.name not in series.WITHOUT_CLAIMS]
    assert not missing, f"these notebooks state no claim (run_notebooks.SERIES claims=...): {missing}"


@pytest.mark.parametrize("entry", [e for e in RUNNABLE if e.claims], ids=lambda e: e.name[:2])
def test_a_notebook_with_a_claim_prints_its_verdict_and_saves_its_finding(entry, kernel_name):
    nb, _, error = run(entry, kernel_name)
    assert error is None, f"{entry.name} failed:\n{error}"
    texts = []
    for _, out in outputs(nb):
        if out["output_type"] == "stream":
            texts.append("".join(out["text"]))
        texts.append("".join(out.get("data", {}).get("text/plain", "")))
    verdicts = [line.strip().strip('"') for t in texts for line in t.splitlines()
                if line.strip().strip('"').startswith("verdict: ")]
    assert len(verdicts) >= len(entry.claims), \
        f"{entry.name} printed {len(verdicts)} verdict line(s) for its {len(entry.claims)} claim(s): {verdicts}"
    labels = ("reproduced", "not reproduced at this budget", "inconclusive")
    assert all(any(line.startswith(f"verdict: {v} — ") for v in labels) for line in verdicts), verdicts
    html = ["".join(out.get("data", {}).get("text/html", "")) for _, out in outputs(nb)]
    assert any('class="dnaslab-finding"' in h for h in html), "the finding shows as its table in the notebook"
    for claim in entry.claims:
        saved = series.findings_directory() / "quick" / (claim + ".json")
        assert saved.is_file(), f"{entry.name} did not save its finding {saved}"


def test_the_series_runs_in_quick_mode_within_15_minutes(kernel_name):
    total = sum(run(e, kernel_name)[1] for e in RUNNABLE)
    assert total < SERIES_LIMIT_S, f"the series took {total:.0f} s in quick mode (limit {SERIES_LIMIT_S} s)"


# ---- the HTML, as a browser shows it ----

def decode_png(data):
    """(width, height, rows of RGB(A) bytes) of an 8-bit, non-interlaced RGB or RGBA PNG, with zlib only."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def pixels(data):
    """Every pixel's (r, g, b): with Pillow when it is installed (fast), else with the zlib decoder above."""
    try:
        from PIL import Image
        import io
        img = Image.open(io.BytesIO(data)).convert("RGB")
        return img.width, img.height, list(img.getdata())
    except ImportError:
        w, h, bpp, rows = decode_png(data)
        return w, h, [tuple(r[i:i + 3]) for r in rows for i in range(0, len(r), bpp)]


def near(p, rgb, tol=14):
    return all(abs(p[k] - ((rgb >> (16 - 8 * k)) & 255)) <= tol for k in range(3))


def test_the_png_decoder_reads_what_zlib_wrote():
    # A 2x2 RGB image, row 1 with the Sub filter (red, green), row 2 with Up (adds row 1's bytes, modulo 256).
    rows = [bytes([1, 255, 0, 0, 1, 255, 0]), bytes([2, 0, 0, 255, 255, 255, 0])]
    ihdr = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b"")
    w, h, bpp, decoded = decode_png(png)
    assert (w, h, bpp) == (2, 2, 3)
    assert [tuple(decoded[0][0:3]), tuple(decoded[0][3:6]), tuple(decoded[1][0:3]), tuple(decoded[1][3:6])] == \
        [(255, 0, 0), (0, 255, 0), (255, 0, 255), (255, 254, 0)]


def test_the_html_of_a_notebook_shows_its_plots_in_headless_chromium(kernel_name, tmp_path):
    assert os.path.exists(CHROMIUM), "headless Chromium is needed: apt-get install chromium (./lab test does)"
    entry = series.entry("01-supernet-training.ipynb")
    nb, _, error = run(entry, kernel_name)
    assert error is None
    html = series.write(nb, series.NOTEBOOKS / entry.name, tmp_path)
    text = html.read_text()
    assert text.count('src="data:image/png;base64,') + text.count('src="data:image/svg+xml;base64,') \
        == series.image_outputs(nb), "every picture is embedded as a data URI"
    assert "<script src=" not in text, "the page loads nothing from elsewhere"

    shot = tmp_path / "shot.png"
    profile = tmp_path / "profile"
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={shot}",
                           "--window-size=1000,1800", html.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert shot.exists(), done.stderr[-2000:]

    w, h, px = pixels(shot.read_bytes())
    assert (w, h) == (1000, 1800)
    non_white = sum(1 for p in px if min(p) < 235)
    colours = len(set(px))
    # The training curves' blue (Okabe-Ito #0072B2) appears only in the charts, not in text or code.
    chart_blue = sum(1 for p in px if near(p, 0x0072B2))
    assert non_white > 0.03 * w * h, f"only {non_white} non-white pixels: the page looks blank"
    assert colours > 100, f"only {colours} colours"
    assert chart_blue > 300, f"{chart_blue} pixels of the charts' blue: the plots are not showing"
