"""`./lab jsh`: scripts run with the kernel's class path, default imports and startup, without Jupyter."""
import os
import subprocess
from pathlib import Path

from conftest import ROOT

# A quick what-if without a notebook server: one real search epoch on Fashion-MNIST, then softmax(α) of an edge
# saved as a PNG chart.
SCRIPT = """
var out = Path.of(System.getenv("DNASLAB_TEST_OUT"));
var data = FashionMnist.load().train().limit(512);
var config = SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).setEpochs(1).optBatchSize(32).build();
try (var search = DartsSearch.builder(config).build()) {
    var result = search.run(data);
    double[][] p = result.last().softmax().get("normal");
    var chart = new CategoryChartBuilder().width(500).height(300).title("softmax(alpha) on edge 1<-0").build();
    chart.addSeries("epoch 1", SearchSpace.nb201().ops(), Arrays.stream(p[0]).boxed().toList());
    BitmapEncoder.saveBitmap(chart, out.toString(), BitmapEncoder.BitmapFormat.PNG);
    System.out.println("saved " + out.getFileName() + " after " + result.epochsDone() + " epoch");
}
"""


def run_jsh(script_path, env_extra=None):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([str(ROOT / "lab"), "jsh", str(script_path)], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=180)


def test_a_script_searches_one_epoch_reports_progress_and_saves_a_png_chart(tmp_path):
    script = tmp_path / "whatif.jsh"
    script.write_text(SCRIPT)
    png = tmp_path / "loss.png"

    done = run_jsh(script, {"DNASLAB_TEST_OUT": str(png)})

    assert done.returncode == 0, done.stderr
    assert "saved loss.png after 1 epoch" in done.stdout
    assert "[search nb201]" in done.stderr, "outside a notebook, progress is a console line"
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
