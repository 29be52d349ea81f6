"""%maven and %%loadFromPOM resolve from the local Maven repository, offline, in a notebook and in ./lab jsh scripts."""
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, execute

GROUP = "org.dnaslab.kerneltest"
REPO = Path.home() / ".m2" / "repository"


def _pom(artifact, dependency=None):
    deps = ""
    if dependency:
        deps = (f"<dependencies><dependency><groupId>{GROUP}</groupId><artifactId>{dependency}</artifactId>"
                "<version>1.0</version></dependency></dependencies>")
    return (f'<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
            f"<groupId>{GROUP}</groupId><artifactId>{artifact}</artifactId><version>1.0</version>{deps}</project>")


def _publish(tmp, artifact, source, dependency=None, classpath=None):
    """Puts a jar and its POM where `mvn install` would, as a user's earlier download would have."""
    src = tmp / artifact / "src"
    src.mkdir(parents=True)
    for name, text in source.items():
        (src / name).write_text(text)
    classes = tmp / artifact / "classes"
    cmd = ["javac", "-d", str(classes)] + (["-cp", str(classpath)] if classpath else [])
    subprocess.run(cmd + [str(p) for p in src.iterdir()], check=True)
    target = REPO / GROUP.replace(".", "/") / artifact / "1.0"
    target.mkdir(parents=True, exist_ok=True)
    jar = target / f"{artifact}-1.0.jar"
    subprocess.run(["jar", "cf", str(jar), "-C", str(classes), "."], check=True)
    (target / f"{artifact}-1.0.pom").write_text(_pom(artifact, dependency))
    return jar


@pytest.fixture(scope="module", autouse=True)
def artifacts(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("maven")
    lib = _publish(tmp, "greeting-lib", {"Words.java": "package kt.lib; public class Words { public static String hello() { return \"hello\"; } }"})
    _publish(tmp, "greeting-app", {"App.java": "package kt.app; public class App { public static String greet(String n) { return kt.lib.Words.hello() + \", \" + n; } }"},
             dependency="greeting-lib", classpath=lib)
    _publish(tmp, "other", {"Other.java": "package kt.other; public class Other { public static int answer() { return 42; } }"})
    yield
    shutil.rmtree(REPO / GROUP.replace(".", "/"), ignore_errors=True)


def test_maven_adds_an_artifact_and_its_dependencies_from_the_local_repository(kernel):
    _, kc = kernel
    cell = execute(kc, f"%maven {GROUP}:greeting-app:1.0", timeout=180)

    assert cell.status == "ok", cell.traceback
    assert "added 2 jars" in cell.stdout
    assert execute(kc, 'kt.app.App.greet("notebook")').result["text/plain"] == "hello, notebook"


def test_load_from_pom_accepts_dependency_elements(kernel):
    _, kc = kernel
    cell = execute(kc, f"%%loadFromPOM\n<dependency><groupId>{GROUP}</groupId><artifactId>other</artifactId>"
                       "<version>1.0</version></dependency>", timeout=180)

    assert cell.status == "ok", cell.traceback
    assert execute(kc, "kt.other.Other.answer()").result["text/plain"] == "42"


def test_an_artifact_missing_from_the_local_repository_names_the_command_that_fetches_it(kernel):
    _, kc = kernel
    cell = execute(kc, f"%maven {GROUP}:not-downloaded:2.0", timeout=180)

    assert cell.status == "error"
    assert f"{GROUP}:not-downloaded:2.0 is not in the local Maven repository" in cell.traceback
    assert f"mvn dependency:get -Dartifact={GROUP}:not-downloaded:2.0" in cell.traceback
    assert "\tat " not in cell.traceback, "a clear message, not a stack trace"


def test_bad_coordinates_are_a_clear_error(kernel):
    _, kc = kernel
    cell = execute(kc, "%maven just-a-name")
    assert cell.status == "error" and "is not group:artifact:version" in cell.traceback


def test_maven_works_in_a_jsh_script(tmp_path):
    script = tmp_path / "uses-maven.jsh"
    script.write_text(f'%maven {GROUP}:greeting-app:1.0\nSystem.out.println(kt.app.App.greet("script"));\n')

    done = subprocess.run([str(ROOT / "lab"), "jsh", str(script)], cwd=ROOT, text=True, capture_output=True, timeout=240)

    assert done.returncode == 0, done.stderr
    assert "hello, script" in done.stdout
