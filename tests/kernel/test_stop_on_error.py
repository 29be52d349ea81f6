"""Stop on error: a failed cell aborts the cells already queued behind it, as IPython's kernel does."""
from conftest import collect, execute

FAILING = 'Thread.sleep(1500); int queuedBefore = 1; throw new IllegalStateException("half-defined state");'


def test_cells_queued_behind_a_failed_cell_are_aborted_and_not_run(kernel):
    _, kc = kernel
    # "Run All": every request is sent before the first one has finished.
    first = kc.execute(FAILING)
    second = kc.execute("int ranAfterFailure = 2;")
    third = kc.execute('System.out.println("third cell ran");')

    failed = collect(kc, first)
    aborted = [collect(kc, second), collect(kc, third)]

    assert failed.status == "error" and "half-defined state" in failed.error["evalue"]
    assert [c.status for c in aborted] == ["aborted", "aborted"]
    assert all(c.stdout == "" and not c.of_type("error") for c in aborted)
    cell = execute(kc, "ranAfterFailure")
    assert cell.status == "error" and "cannot find symbol" in cell.traceback, "the aborted cell must not have run"


def test_a_cell_sent_after_the_failure_is_answered_runs_normally(kernel):
    _, kc = kernel
    assert execute(kc, 'throw new RuntimeException("on purpose");').status == "error"
    assert execute(kc, "40 + 2").result["text/plain"] == "42"


def test_without_stop_on_error_the_queued_cells_still_run(kernel):
    _, kc = kernel
    first = kc.execute(FAILING, stop_on_error=False)
    second = kc.execute("int ranDespiteFailure = 3;")

    assert collect(kc, first).status == "error"
    assert collect(kc, second).status == "ok"
    assert execute(kc, "ranDespiteFailure").result["text/plain"] == "3"


def test_a_silent_failing_cell_does_not_abort_the_queue(kernel):
    _, kc = kernel
    first = kc.execute(FAILING, silent=True)
    second = kc.execute("int ranAfterSilentFailure = 4;")

    collect(kc, first)
    assert collect(kc, second).status == "ok"
