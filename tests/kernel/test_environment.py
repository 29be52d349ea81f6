"""Settings from the environment, read when the kernel starts: DNASLAB_* names, and IJava's and JJava's."""
import os
import subprocess

import pytest
from jupyter_client.manager import KernelManager

from conftest import KERNEL_NAME, execute


def _stderr(cell):
    return "".join(m["content"]["text"] for m in cell.of_type("stream") if m["content"]["name"] == "stderr")


@pytest.fixture(scope="module")
def greeter_jar(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("greeter")
    src = tmp / "src" / "envdemo"
    src.mkdir(parents=True)
    (src / "Greeter.java").write_text('package envdemo; public class Greeter { public static String hi() { return "hi from env"; } }')
    subprocess.run(["javac", "-d", str(tmp / "classes"), str(src / "Greeter.java")], check=True)
    subprocess.run(["jar", "cf", str(tmp / "greeter.jar"), "-C", str(tmp / "classes"), "."], check=True)
    return tmp / "greeter.jar"


def _kernel_with(env_extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DNASLAB_", "JJAVA_", "IJAVA_"))}
    env.update(env_extra)
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel(env=env)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=90)
    return km, kc


def _stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def test_dnaslab_settings_reach_the_jvm_the_class_path_and_the_startup(tmp_path, greeter_jar):
    first = tmp_path / "first.jsh"
    first.write_text('String startupOrder = "first";\n')
    second = tmp_path / "second.jsh"
    second.write_text('startupOrder += ",second";\nint fromScript = envdemo.Greeter.hi().length();\n')
    km, kc = _kernel_with({
        "DNASLAB_JVM_OPTS": "-Ddnaslab.test.flag=from-env -Xmx700m",
        "JJAVA_JVM_OPTS": "-Ddnaslab.test.flag=from-jjava",  # DNASLAB_* wins where both are set
        "DNASLAB_CLASSPATH": str(greeter_jar),
        "DNASLAB_STARTUP_SCRIPTS": f"{first}:{second}",
        "DNASLAB_STARTUP_SCRIPT": 'startupOrder += ",code";',
    })
    try:
        assert execute(kc, 'System.getProperty("dnaslab.test.flag")').result["text/plain"] == "from-env"
        max_mib = int(execute(kc, "Runtime.getRuntime().maxMemory() >> 20").result["text/plain"])
        assert 600 <= max_mib <= 700
        assert execute(kc, "envdemo.Greeter.hi()").result["text/plain"] == "hi from env"
        assert execute(kc, "startupOrder").result["text/plain"] == "first,second,code"
        assert execute(kc, "fromScript").result["text/plain"] == "11"
    finally:
        _stop(km, kc)


def test_ijava_and_jjava_names_are_accepted(tmp_path, greeter_jar):
    script = tmp_path / "ijava.jsh"
    script.write_text('String viaIJava = "ijava script";\n')
    km, kc = _kernel_with({
        "JJAVA_JVM_OPTS": "-Ddnaslab.test.flag=from-jjava",
        "IJAVA_CLASSPATH": str(greeter_jar.parent / "*.jar"),
        "IJAVA_STARTUP_SCRIPTS_PATH": str(script),
        "JJAVA_STARTUP_SCRIPT": 'String viaJJava = "jjava code";',
    })
    try:
        assert execute(kc, 'System.getProperty("dnaslab.test.flag")').result["text/plain"] == "from-jjava"
        assert execute(kc, "envdemo.Greeter.hi()").result["text/plain"] == "hi from env"
        assert execute(kc, 'viaIJava + ", " + viaJJava').result["text/plain"] == "ijava script, jjava code"
    finally:
        _stop(km, kc)


def test_a_broken_setting_is_reported_in_the_first_cell_and_the_kernel_still_works(tmp_path):
    broken = tmp_path / "broken.jsh"
    broken.write_text("int x = notDeclared;\n")
    km, kc = _kernel_with({
        "DNASLAB_CLASSPATH": str(tmp_path / "missing.jar"),
        "DNASLAB_STARTUP_SCRIPTS": str(broken),
    })
    try:
        cell = execute(kc, "6 * 7")
        assert cell.result["text/plain"] == "42"
        assert "DNASLAB_CLASSPATH" in _stderr(cell) and "missing.jar" in _stderr(cell)
        assert "broken.jsh failed" in _stderr(cell) and "cannot find symbol" in _stderr(cell)
        assert _stderr(execute(kc, "1")) == "", "reported once, not on every cell"
    finally:
        _stop(km, kc)
