"""The JShell redefinition trap (JJava issues 119, 120, 124, 127, 128): a later import or a redeclared method must not
reset the variables that earlier cells defined."""
from conftest import execute


def stderr(cell):
    return "".join(m["content"]["text"] for m in cell.of_type("stream") if m["content"]["name"] == "stderr")


def test_an_import_in_a_later_cell_keeps_earlier_variables(kernel):
    _, kc = kernel
    assert execute(kc, 'var kept = new StringBuilder("kept"); String name = "x";').status == "ok"
    assert execute(kc, "import java.util.regex.*;").status == "ok"
    assert execute(kc, "import java.text.*;\nimport java.util.function.*;").status == "ok"

    assert execute(kc, "kept").result["text/plain"] == "kept"
    assert execute(kc, 'name + "!"').result["text/plain"] == "x!"


def test_an_import_after_a_comment_or_blank_lines_keeps_earlier_variables(kernel):
    _, kc = kernel
    assert execute(kc, 'var matcher = java.util.regex.Pattern.compile("a+").matcher("caaab");').status == "ok"
    assert execute(kc, "// more imports\n\n/* block */\nimport java.time.*;\nimport java.math.*;").status == "ok"

    assert execute(kc, "matcher.find()").result["text/plain"] == "true"


def test_a_redeclared_method_keeps_values_computed_with_the_old_one_and_callers_use_the_new_one(kernel):
    _, kc = kernel
    assert execute(kc, "int f() { return 1; }\nvar v = f();\nint g() { return f() * 10; }").status == "ok"
    assert execute(kc, "int f() { return 2; }").status == "ok"

    assert execute(kc, "v").result["text/plain"] == "1"
    assert execute(kc, "g()").result["text/plain"] == "20"


def test_a_variable_that_jshell_must_replace_is_reported_not_silently_reset(kernel):
    _, kc = kernel
    assert execute(kc, "int h() { return 1; }\nvar w = h();").status == "ok"
    # h's return type changes, so w's class changes shape and cannot be redefined in place: JShell replaces it.
    cell = execute(kc, "long h() { return 2; }")

    assert cell.status == "ok"
    assert "what w depends on" in stderr(cell) and "could not keep the value" in stderr(cell)
