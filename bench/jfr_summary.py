#!/usr/bin/python3
"""Where this side's step time goes, from a JFR recording of one bench case (see bench/README.md, "Profile").

    /usr/bin/python3 bench/jfr_summary.py build/bench/nb201_n1.jfr

Reads the main thread's jdk.ExecutionSample (running Java: our code, DJL's NDArray bookkeeping, JNI argument
marshalling) and jdk.NativeMethodSample (inside a native method: libtorch's kernels) events with `jfr print --json`,
weights each by its sampling period (settings=profile: 10 ms and 20 ms), and sorts the native samples by the JNI
method they are in. Autograd's backward is one JNI call, so the convolution and batch-norm backward kernels it runs
are not separable here: they count as "backward (native, all ops)"; the PyTorch profiler of the reference
(bench/reference.py --profile) gives that split for the same network. Samples whose stack shows engine start
(library loading) are left out.
"""
import argparse
import collections
import json
import subprocess
import sys

CATEGORIES = [  # JNI method name (PyTorchLibrary.torchXxx) fragments, lower case, first match wins
    ("backward (native, all ops)", ("backward",)),
    ("convolution", ("conv",)),
    ("batch norm", ("batchnorm", "batch_norm")),
    ("memory moves", ("copy", "cat", "contiguous", "to", "zeros", "empty", "stack", "index", "slice", "get", "set",
                      "pad", "reshape", "view", "permute", "transpose")),
    ("mixing", ("mul", "add", "sum", "softmax", "div", "sub")),
]
STARTUP = ("loadLibrary", "Engine.getInstance", "LibUtils")


def frames(event):
    trace = event["values"].get("stackTrace") or {}
    out = []
    for f in trace.get("frames", []):
        m = f["method"]
        out.append(m["type"]["name"].replace("/", ".") + "." + m["name"])
    return out


def native_category(top):
    name = top.rsplit(".", 1)[-1].lower()
    name = name[len("torch"):] if name.startswith("torch") else name  # "torch" itself contains "to"
    if "pytorchlibrary" not in top.lower():
        return "native, not libtorch (" + top + ")"
    for category, keys in CATEGORIES:
        if any(k in name for k in keys):
            return category
    return "other libtorch"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("recording")
    ap.add_argument("--java-period-ms", type=float, default=10.0)
    ap.add_argument("--native-period-ms", type=float, default=20.0)
    ap.add_argument("--thread", default="main")
    args = ap.parse_args(argv)
    text = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample",
                           args.recording], check=True, capture_output=True, text=True).stdout
    events = json.loads(text)["recording"]["events"]
    ms = collections.Counter()
    jni = collections.Counter()
    for e in events:
        thread = (e["values"].get("sampledThread") or {}).get("javaName")
        if thread != args.thread:
            continue
        stack = frames(e)
        if not stack or any(s in f for f in stack for s in STARTUP):
            continue
        if e["type"] == "jdk.ExecutionSample":
            ms["Java side (our code, DJL NDArray bookkeeping, JNI marshalling)"] += args.java_period_ms
        else:
            ms[native_category(stack[0])] += args.native_period_ms
            jni[stack[0]] += args.native_period_ms
    total = sum(ms.values())
    if total == 0:
        print("no samples of thread", args.thread, "in", args.recording)
        return 1
    print(f"{args.recording}: {total / 1000:.1f} s of samples on thread {args.thread}")
    for category, v in ms.most_common():
        print(f"  {100 * v / total:5.1f} %  {category}")
    print("top JNI methods:")
    for method, v in jni.most_common(12):
        print(f"  {100 * v / total:5.1f} %  {method}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
