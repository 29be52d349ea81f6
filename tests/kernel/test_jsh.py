"""`./lab jsh`: scripts run with the kernel's class path, default imports and startup, without Jupyter."""
import os
import subprocess
from pathlib import Path

from conftest import ROOT

# A toy training loop with the library's progress reporting, ending in a chart saved as PNG: what a quick
# what-if script does. (Once the library's search lands, this should run one real search epoch.)
SCRIPT = """
var out = Path.of(System.getenv("DNASLAB_TEST_OUT"));
int epochs = 5;
double[] xs = new double[epochs];
double[] loss = new double[epochs];
try (Progress p = Progress.start("toy search", epochs)) {
    for (int e = 0; e < epochs; e++) {
        xs[e] = e + 1;
        loss[e] = 1.0 / (e + 1);
        p.update(e + 1, "epoch " + (e + 1) + "/" + epochs, Map.of("loss", loss[e]));
    }
}
var chart = new XYChartBuilder().width(400).height(300).title("loss").xAxisTitle("epoch").build();
chart.addSeries("train", xs, loss);
BitmapEncoder.saveBitmap(chart, out.toString(), BitmapEncoder.BitmapFormat.PNG);
System.out.println("saved " + out.getFileName());
"""


def run_jsh(script_path, env_extra=None):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([str(ROOT / "lab"), "jsh", str(script_path)], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=180)


def test_a_script_trains_reports_progress_and_saves_a_png_chart(tmp_path):
    script = tmp_path / "whatif.jsh"
    script.write_text(SCRIPT)
    png = tmp_path / "loss.png"

    done = run_jsh(script, {"DNASLAB_TEST_OUT": str(png)})

    assert done.returncode == 0, done.stderr
    assert "saved loss.png" in done.stdout
    assert "[toy search] 100% 5/5" in done.stderr, "outside a notebook, progress is a console line"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_failing_script_exits_with_status_1_and_a_readable_error(tmp_path):
    script = tmp_path / "broken.jsh"
    script.write_text("int ok = 1;\nint bad = missingName * 2;\n")

    done = run_jsh(script)

    assert done.returncode == 1
    assert "error (line 2): cannot find symbol" in done.stderr
    assert "int bad = missingName * 2;" in done.stderr


def test_interactive_jsh_has_the_library_and_default_imports():
    done = subprocess.run([str(ROOT / "lab"), "jsh"], cwd=ROOT, input="SearchSpace.nb201().edges().size()\n/exit\n",
                          text=True, capture_output=True, timeout=180)

    assert done.returncode == 0, done.stderr
    assert "==> 6" in done.stdout
