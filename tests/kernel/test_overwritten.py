"""A re-run cell that declares a search or supernet again: the old one's native memory is not left unreachable.
The kernel warns in the cell's output and closeOverwritten() closes what no live variable still holds."""
from conftest import execute

CONFIG = 'var config = SearchConfig.builder().setSpace("nb201").optChannels(4).optCells(1).setEpochs(1).build();'
DECLARE = "var search = DartsSearch.builder(config).build();"
USE_BOXED = "((DartsSearch) box.get(0)).supernet().arch().softmaxSnapshot(CellType.NORMAL).length"


def stderr(cell):
    return "".join(m["content"]["text"] for m in cell.of_type("stream") if m["content"]["name"] == "stderr")


def test_declaring_a_search_again_warns_and_close_overwritten_frees_the_old_one(kernel):
    _, kc = kernel
    assert execute(kc, CONFIG).status == "ok"
    assert execute(kc, DECLARE).status == "ok"
    # A reference the kernel cannot see as a variable, to look at the old search afterwards.
    assert execute(kc, "var box = new ArrayList<Object>(); box.add(search);").status == "ok"

    again = execute(kc, DECLARE)

    assert again.status == "ok"
    assert "search was declared again" in stderr(again) and "DartsSearch" in stderr(again)
    assert "closeOverwritten()" in stderr(again)
    assert execute(kc, USE_BOXED).result["text/plain"] == "6", "not closed behind the user's back"

    closed = execute(kc, "closeOverwritten()")

    assert closed.result["text/plain"] == "1"
    assert "closed DartsSearch (was search)" in closed.stdout
    assert execute(kc, USE_BOXED).status == "error", "the old search's native memory is released"
    assert execute(kc, "search.supernet().arch().softmaxSnapshot(CellType.NORMAL).length").result["text/plain"] == "6"
    assert execute(kc, "closeOverwritten()").result["text/plain"] == "0"


def test_an_old_search_still_held_by_another_variable_is_neither_reported_nor_closed(kernel):
    _, kc = kernel
    declare_other = "var other = DartsSearch.builder(config).build();"
    assert execute(kc, CONFIG + "\n" + declare_other + "\nvar first = other;").status == "ok"

    again = execute(kc, declare_other)

    assert "declared again" not in stderr(again)
    assert execute(kc, "closeOverwritten()").result["text/plain"] == "0"
    assert execute(kc, "first.supernet().arch().softmaxSnapshot(CellType.NORMAL).length").result["text/plain"] == "6"


def test_a_cell_that_closes_before_declaring_again_gets_no_warning(kernel):
    _, kc = kernel
    assert execute(kc, CONFIG + "\n" + DECLARE).status == "ok"
    rerun = execute(kc, "search.close();\n" + DECLARE)
    assert rerun.status == "ok" and "declared again" not in stderr(rerun)


def test_redeclared_plain_variables_and_copies_of_their_old_values_keep_their_values(kernel):
    _, kc = kernel
    assert execute(kc, 'var sb = new StringBuilder("one");').status == "ok"
    assert execute(kc, 'var sb = new StringBuilder("two");\nvar copy = sb;').status == "ok"
    assert execute(kc, 'var sb = new StringBuilder("three");').status == "ok"
    assert execute(kc, 'copy + " " + sb').result["text/plain"] == "two three"
    assert execute(kc, "int[] big = new int[10];").status == "ok"
    assert execute(kc, "long[] big = new long[20];").status == "ok"  # another type: JShell makes a new class
    assert execute(kc, "big.length").result["text/plain"] == "20"
