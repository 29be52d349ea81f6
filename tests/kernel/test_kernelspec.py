"""An installed kernel survives `mvn clean`: the kernelspec runs its own copy of the jars, refreshed on every install."""
import json
import shutil
import subprocess
import zipfile

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from conftest import JAR, execute

NAME = "dnaslab-clean-test"


def _install(jar, prefix):
    subprocess.run(["java", "-jar", str(jar), "install", "--prefix", str(prefix), "--name", NAME, "--no-cds"],
                   check=True, stdout=subprocess.DEVNULL)
    return prefix / "share" / "jupyter" / "kernels" / NAME


def test_the_installed_kernel_runs_after_its_build_directory_is_deleted(tmp_path):
    build = tmp_path / "target"
    build.mkdir()
    shutil.copy2(JAR, build / JAR.name)
    shutil.copytree(JAR.parent / "lib", build / "lib")
    spec_dir = _install(build / JAR.name, tmp_path / "prefix")

    shutil.rmtree(build)  # what `mvn clean` does to kernel/target

    argv = json.loads((spec_dir / "kernel.json").read_text())["argv"]
    assert not any("target" in a for a in argv), argv
    assert str(spec_dir / "jars" / JAR.name) in argv
    km = KernelManager(kernel_name=NAME, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(spec_dir.parent)]))
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=90)
        assert execute(kc, "SearchSpace.nb201().edges().size()").result["text/plain"] == "6"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def _class_path(jar):
    """The jar names of the manifest's Class-Path: what the kernel runs on. target/lib may also hold jars of older
    builds (copy-dependencies never deletes), which an install rightly leaves behind."""
    with zipfile.ZipFile(jar) as z:
        manifest = z.read("META-INF/MANIFEST.MF").decode().replace("\r\n ", "").replace("\n ", "")
    line = next(l for l in manifest.splitlines() if l.startswith("Class-Path:"))
    return sorted(entry.split("/")[-1] for entry in line.split(":", 1)[1].split())


def test_installing_again_refreshes_the_copied_jars(tmp_path):
    spec_dir = _install(JAR, tmp_path / "prefix")
    jars = spec_dir / "jars"
    stale = jars / "lib" / "no-longer-needed.jar"
    stale.write_bytes(b"old")
    changed = jars / "lib" / "gson-2.11.0.jar"
    original = changed.read_bytes()
    changed.write_bytes(b"damaged")

    _install(JAR, tmp_path / "prefix")

    assert not stale.exists()
    assert changed.read_bytes() == original
    copied = {p.name for p in (jars / "lib").glob("*.jar")}
    assert set(_class_path(JAR)) <= copied, "every jar of the kernel's class path is copied"
    assert copied <= {p.name for p in (JAR.parent / "lib").glob("*.jar")}, "and nothing the build did not make"
