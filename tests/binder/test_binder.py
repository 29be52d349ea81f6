"""binder/: what mybinder installs (apt.txt) and the script postBuild runs, run here against a temporary prefix.

The script reuses the jars the build already made (it rebuilds only when they are missing, or with --rebuild as
postBuild asks), so this test takes seconds; the build itself is what `./lab test` has just checked.
"""
import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BINDER = ROOT / "binder"


def test_apt_txt_lists_the_jdk_maven_fonts_and_the_dataset():
    packages = set(BINDER.joinpath("apt.txt").read_text().split())
    assert {"openjdk-17-jdk-headless", "maven", "fontconfig", "fonts-dejavu-core", "dataset-fashion-mnist"} <= packages


def test_post_build_runs_the_setup_script_with_a_rebuild():
    post = BINDER / "postBuild"
    assert os.access(post, os.X_OK)
    assert "setup.sh" in post.read_text() and "--rebuild" in post.read_text()


def test_setup_installs_the_kernelspec_under_the_given_prefix_and_finds_the_data(tmp_path):
    prefix = tmp_path / "prefix"
    done = subprocess.run([str(BINDER / "setup.sh"), "--prefix", str(prefix)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)

    assert done.returncode == 0, done.stderr
    spec_file = prefix / "share" / "jupyter" / "kernels" / "dnaslab" / "kernel.json"
    spec = json.loads(spec_file.read_text())
    assert spec["display_name"] == "Java (DNAS Lab)" and spec["language"] == "java"
    assert str(spec_file.parent / "jars" / "dnaslab-kernel.jar") in spec["argv"], "its own copy, not target/"
    assert "data: " in done.stderr


def test_setup_refuses_to_run_without_a_prefix():
    done = subprocess.run([str(BINDER / "setup.sh")], capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and "--prefix" in done.stderr


def test_start_picks_the_quick_budget_unless_the_user_chose_one():
    start = BINDER / "start"
    assert os.access(start, os.X_OK)
    env = {k: v for k, v in os.environ.items() if k != "DNASLAB_BUDGET"}
    shown = subprocess.run([str(start), "sh", "-c", "echo $DNASLAB_BUDGET"], env=env, capture_output=True, text=True,
                           timeout=30)
    assert shown.stdout.strip() == "quick", shown
    env["DNASLAB_BUDGET"] = "laptop"
    shown = subprocess.run([str(start), "sh", "-c", "echo $DNASLAB_BUDGET"], env=env, capture_output=True, text=True,
                           timeout=30)
    assert shown.stdout.strip() == "laptop", shown
