"""Jupyter's own kernel conformance suite (Debian's python3-jupyter-kernel-test) against the dnaslab kernel."""
import unittest

import jupyter_kernel_test

CHART = ('var chart = new XYChartBuilder().width(320).height(200).title("t").build(); '
         'chart.addSeries("s", new double[] {1, 2, 3}, new double[] {3, 1, 2}); display(chart);')
TABLE = 'display(Table.create("t", IntColumn.create("a", 1, 2, 3)));'


class DnaslabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "dnaslab"
    language_name = "java"
    file_extension = ".jsh"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("this goes to stderr");'

    complete_code_samples = ["int x = 1;", "System.out.println(1);", "6 * 7", "void f() { }", "class A { }"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y = (1 +", "void g() {", "class B {"]
    invalid_code_samples = ["int x = );", ")"]

    completion_samples = [
        {"text": '"abc".toUpperCa', "matches": {"toUpperCase("}},
        {"text": "Math.ma", "matches": {"max("}},
    ]
    code_inspect_sample = "Math.max"

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"dnas" + "lab"', "result": "dnaslab"},
    ]
    code_history_pattern = "6 ? 7"
    supported_history_operations = ("tail", "range", "search")

    code_display_data = [
        {"code": CHART, "mime": "image/png"},
        {"code": TABLE, "mime": "text/html"},
    ]
    code_clear_output = 'System.out.println("soon gone"); clearOutput();'

    code_generate_error = 'throw new IllegalStateException("on purpose");'


if __name__ == "__main__":
    unittest.main()
