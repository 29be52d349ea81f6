"""Magic names complete like Java names, and %lsmagic describes every magic in one line."""
import re

from conftest import execute

EXPECTED = {"%classpath", "%jars", "%load", "%time", "%%time", "%lsmagic", "%maven", "%%loadFromPOM"}


def complete(kc, code, cursor=None):
    reply = kc.complete(code, len(code) if cursor is None else cursor, reply=True, timeout=30)["content"]
    assert reply["status"] == "ok"
    return reply


def test_a_line_magic_name_completes(kernel):
    _, kc = kernel
    reply = complete(kc, "%lsm")
    assert reply["matches"] == ["%lsmagic"]
    assert (reply["cursor_start"], reply["cursor_end"]) == (0, 4)


def test_a_magic_on_a_later_line_completes_in_place(kernel):
    _, kc = kernel
    code = "int a = 1;\n  %cla"
    reply = complete(kc, code)
    assert reply["matches"] == ["%classpath"]
    assert reply["cursor_start"] == code.index("%")


def test_cell_magics_complete_on_the_first_line_only(kernel):
    _, kc = kernel
    assert complete(kc, "%%ti")["matches"] == ["%%time"]
    assert complete(kc, "%%load")["matches"] == ["%%loadFromPOM"]
    assert complete(kc, "int a = 1;\n%%ti")["matches"] == []


def test_a_bare_percent_offers_every_magic_and_java_completion_still_works_after_it(kernel):
    _, kc = kernel
    assert set(complete(kc, "%")["matches"]) == EXPECTED
    assert "toUpperCase(" in complete(kc, '%time "abc".toUpperCa')["matches"]


def test_lsmagic_describes_each_magic_in_one_line(kernel):
    _, kc = kernel
    lines = execute(kc, "%lsmagic").stdout.splitlines()

    names = [line.split()[0] for line in lines]
    assert sorted(names) == sorted(EXPECTED)
    for line in lines:
        call, _, description = re.split(r"(\s{2,})", line, maxsplit=1)
        assert len(description.split()) >= 3, f"no description in: {line!r}"
