"""Shift-Tab inspection shows Javadoc: the library's (its sources ship with the kernel) and the JDK's (where the JDK's
sources are installed; ./lab installs Debian's openjdk-17-source)."""
import subprocess
from pathlib import Path

import pytest


def inspect(kc, code):
    reply = kc.inspect(code, len(code), reply=True, timeout=60)["content"]
    assert reply["status"] == "ok"
    return reply["data"].get("text/plain", "") if reply["found"] else ""


def _jdk_sources_installed():
    java_home = Path(subprocess.run(["java", "-XshowSettings:properties", "-version"], capture_output=True, text=True)
                     .stderr.split("java.home = ")[1].splitlines()[0])
    return (java_home / "lib" / "src.zip").resolve().is_file()


def test_a_library_type_shows_its_javadoc(kernel):
    _, kc = kernel
    doc = inspect(kc, "DartsSearch")
    assert doc.startswith("org.dnaslab.search.DartsSearch")
    assert "DARTS's bilevel search" in doc


def test_a_library_method_shows_its_javadoc_with_inline_tags_as_text(kernel):
    _, kc = kernel
    doc = inspect(kc, "SearchSpace.nb201")
    assert "SearchSpace.nb201()" in doc
    assert "NAS-Bench-201: 4 nodes, 6 edges, 5 ops with none" in doc, doc


@pytest.mark.skipif(not _jdk_sources_installed(), reason="the JDK's src.zip is not installed (Debian: openjdk-17-source)")
def test_a_jdk_method_shows_its_javadoc(kernel):
    _, kc = kernel
    doc = inspect(kc, "Math.max")
    assert "int Math.max(int a, int b)" in doc
    assert "Returns the greater of two int values" in doc
