#!/usr/bin/python3
"""PyTorch reference for `./lab bench`: one first-order DARTS search step on the NB201 and DARTS supernets, and one
training-from-scratch step of a discrete NB201 network.

The models follow bench/MODEL.md exactly; the Java side builds the same networks. Run with Debian's
python3-torch (1.13) through /usr/bin/python3, e.g.

    /usr/bin/python3 bench/reference.py --threads 2 --warmup 3 --repeats 15 \
        --cases nb201_n1,nb201_n5,darts8 --json out.json
    /usr/bin/python3 bench/reference.py --check --cases nb201_n1

What is timed (per repeat), search cases: an alpha-step (forward + backward on a val batch, gradients of alpha only,
Adam step) followed by a w-step (forward + backward on a train batch, gradients of the weights only, clip to norm 5,
SGD step). gt_train: one SGD step of the discrete network (forward, backward, clip to norm 5, SGD with momentum).
Each case also reports the process's peak resident memory (VmHWM); `./lab bench` runs one case per process so the
peak is that case's own.
"""
import argparse
import json
import math
import os
import random
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH, CHANNELS_IN, SIZE, CLASSES = 64, 1, 28, 10  # BATCH: the search cases' batch; gt_train uses GT_BATCH
MIN_REPEATS = 3


# ---------------------------------------------------------------------------------------------------------------
# Building blocks shared by both spaces
# ---------------------------------------------------------------------------------------------------------------

def relu_conv_bn(c_in, c_out, k, stride, pad, affine):
    return nn.Sequential(nn.ReLU(), nn.Conv2d(c_in, c_out, k, stride, pad, bias=False),
                         nn.BatchNorm2d(c_out, affine=affine))


class FactorizedReduce(nn.Module):
    """ReLU, two 1x1 stride-2 convs (the second on the input shifted by one pixel), concat, BN."""

    def __init__(self, c_in, c_out, affine):
        super().__init__()
        self.conv_1 = nn.Conv2d(c_in, c_out // 2, 1, 2, 0, bias=False)
        self.conv_2 = nn.Conv2d(c_in, c_out // 2, 1, 2, 0, bias=False)
        self.bn = nn.BatchNorm2d(c_out, affine=affine)

    def forward(self, x):
        x = F.relu(x)
        return self.bn(torch.cat([self.conv_1(x), self.conv_2(x[:, :, 1:, 1:])], dim=1))


# ---------------------------------------------------------------------------------------------------------------
# NB201 supernet
# ---------------------------------------------------------------------------------------------------------------

NB201_OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
NB201_EDGES = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]  # (to, from), the row order of alpha


class NB201Cell(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = nn.ModuleList(relu_conv_bn(c, c, 1, 1, 0, False) for _ in NB201_EDGES)
        self.conv3 = nn.ModuleList(relu_conv_bn(c, c, 3, 1, 1, False) for _ in NB201_EDGES)
        self.pool = nn.AvgPool2d(3, 1, 1, count_include_pad=False)

    def forward(self, x, w):  # w = softmax(alpha), [6, 5]
        nodes = [x]
        for i in range(1, 4):
            acc = None
            for e, (to, j) in enumerate(NB201_EDGES):
                if to != i:
                    continue
                h = nodes[j]
                # none (column 0) contributes exactly 0 and is not computed
                s = (w[e, 1] * h + w[e, 2] * self.conv1[e](h) + w[e, 3] * self.conv3[e](h)
                     + w[e, 4] * self.pool(h))
                acc = s if acc is None else acc + s
            nodes.append(acc)
        return nodes[3]


class ResNetReduction(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.a = relu_conv_bn(c_in, c_out, 3, 2, 1, True)
        self.b = relu_conv_bn(c_out, c_out, 3, 1, 1, True)
        self.shortcut = nn.Sequential(nn.AvgPool2d(2, 2), nn.Conv2d(c_in, c_out, 1, 1, 0, bias=False))

    def forward(self, x):
        return self.shortcut(x) + self.b(self.a(x))


def nb201_stem(c):
    return nn.Sequential(nn.Conv2d(CHANNELS_IN, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c))


def nb201_stages(c, n, make_cell):
    """NB201's macro skeleton: three stages of n cells at C, 2C, 4C channels, a residual reduction between them."""
    layers = []
    for stage in range(3):
        width = c * 2 ** stage
        if stage > 0:
            layers.append(ResNetReduction(width // 2, width))
        layers += [make_cell(width) for _ in range(n)]
    return layers


class NB201Supernet(nn.Module):
    def __init__(self, c=16, n=1, classes=CLASSES):
        super().__init__()
        self.stem = nb201_stem(c)
        self.layers = nn.ModuleList(nb201_stages(c, n, NB201Cell))
        self.head_bn = nn.BatchNorm2d(4 * c)
        self.classifier = nn.Linear(4 * c, classes)
        self.alpha = nn.Parameter(1e-3 * torch.randn(len(NB201_EDGES), len(NB201_OPS)))

    def arch_parameters(self):
        return [self.alpha]

    def forward(self, x):
        w = F.softmax(self.alpha, dim=-1)
        x = self.stem(x)
        for layer in self.layers:
            x = layer(x, w) if isinstance(layer, NB201Cell) else layer(x)
        x = F.relu(self.head_bn(x))
        return self.classifier(x.mean(dim=(2, 3)))


# ---------------------------------------------------------------------------------------------------------------
# DARTS supernet
# ---------------------------------------------------------------------------------------------------------------

DARTS_OPS = ["none", "max_pool_3x3", "avg_pool_3x3", "skip_connect",
             "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5"]


def sep_conv(c, k, stride):
    p = k // 2
    return nn.Sequential(
        nn.ReLU(), nn.Conv2d(c, c, k, stride, p, groups=c, bias=False), nn.Conv2d(c, c, 1, bias=False),
        nn.BatchNorm2d(c, affine=False),
        nn.ReLU(), nn.Conv2d(c, c, k, 1, p, groups=c, bias=False), nn.Conv2d(c, c, 1, bias=False),
        nn.BatchNorm2d(c, affine=False))


def dil_conv(c, k, stride):
    return nn.Sequential(
        nn.ReLU(), nn.Conv2d(c, c, k, stride, (k // 2) * 2, dilation=2, groups=c, bias=False),
        nn.Conv2d(c, c, 1, bias=False), nn.BatchNorm2d(c, affine=False))


def darts_op(name, c, stride):
    if name == "max_pool_3x3":
        return nn.Sequential(nn.MaxPool2d(3, stride, 1), nn.BatchNorm2d(c, affine=False))
    if name == "avg_pool_3x3":
        return nn.Sequential(nn.AvgPool2d(3, stride, 1, count_include_pad=False), nn.BatchNorm2d(c, affine=False))
    if name == "skip_connect":
        return nn.Identity() if stride == 1 else FactorizedReduce(c, c, False)
    if name.startswith("sep_conv"):
        return sep_conv(c, int(name[-1]), stride)
    if name.startswith("dil_conv"):
        return dil_conv(c, int(name[-1]), stride)
    raise ValueError(name)


class DartsMixedOp(nn.Module):
    def __init__(self, c, stride):
        super().__init__()
        self.ops = nn.ModuleList(darts_op(name, c, stride) for name in DARTS_OPS[1:])  # none is not computed

    def forward(self, x, w):  # w = softmax(alpha) row of this edge, [8]
        out = None
        for o, op in enumerate(self.ops, start=1):
            y = w[o] * op(x)
            out = y if out is None else out + y
        return out


class DartsCell(nn.Module):
    STEPS, MULTIPLIER = 4, 4

    def __init__(self, c_pp, c_p, c, reduction, reduction_prev):
        super().__init__()
        self.reduction = reduction
        self.pre0 = FactorizedReduce(c_pp, c, False) if reduction_prev else relu_conv_bn(c_pp, c, 1, 1, 0, False)
        self.pre1 = relu_conv_bn(c_p, c, 1, 1, 0, False)
        self.edges = nn.ModuleList()
        for i in range(self.STEPS):
            for j in range(2 + i):
                self.edges.append(DartsMixedOp(c, 2 if reduction and j < 2 else 1))

    def forward(self, s0, s1, w):
        states = [self.pre0(s0), self.pre1(s1)]
        e = 0
        for _ in range(self.STEPS):
            acc = None
            for h in states:
                y = self.edges[e](h, w[e])
                acc = y if acc is None else acc + y
                e += 1
            states.append(acc)
        return torch.cat(states[-self.MULTIPLIER:], dim=1)


class DartsSupernet(nn.Module):
    def __init__(self, c=16, layers=8, classes=CLASSES, stem_multiplier=3):
        super().__init__()
        c_curr = stem_multiplier * c
        self.stem = nn.Sequential(nn.Conv2d(CHANNELS_IN, c_curr, 3, 1, 1, bias=False), nn.BatchNorm2d(c_curr))
        c_pp, c_p, c_curr = c_curr, c_curr, c
        self.cells = nn.ModuleList()
        reduction_prev = False
        for i in range(layers):
            reduction = i in (layers // 3, 2 * layers // 3)
            if reduction:
                c_curr *= 2
            self.cells.append(DartsCell(c_pp, c_p, c_curr, reduction, reduction_prev))
            reduction_prev = reduction
            c_pp, c_p = c_p, DartsCell.MULTIPLIER * c_curr
        self.classifier = nn.Linear(c_p, classes)
        k = sum(2 + i for i in range(DartsCell.STEPS))
        self.alpha_normal = nn.Parameter(1e-3 * torch.randn(k, len(DARTS_OPS)))
        self.alpha_reduce = nn.Parameter(1e-3 * torch.randn(k, len(DARTS_OPS)))

    def arch_parameters(self):
        return [self.alpha_normal, self.alpha_reduce]

    def forward(self, x):
        wn = F.softmax(self.alpha_normal, dim=-1)
        wr = F.softmax(self.alpha_reduce, dim=-1)
        s0 = s1 = self.stem(x)
        for cell in self.cells:
            s0, s1 = s1, cell(s0, s1, wr if cell.reduction else wn)
        return self.classifier(s1.mean(dim=(2, 3)))


# ---------------------------------------------------------------------------------------------------------------
# Discrete NB201 network (training from scratch at the ground-truth protocol's size)
# ---------------------------------------------------------------------------------------------------------------

GT_BATCH, GT_CHANNELS, GT_CELLS = 128, 8, 1  # evaluate/TrainingProtocol.groundTruth()
GT_LR, GT_MOMENTUM, GT_WEIGHT_DECAY, GT_CLIP = 0.1, 0.9, 3e-4, 5.0
# a fixed conv-heavy cell: five 3x3 convs and one skip
GT_ARCH = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"


def parse_nb201(text):
    """The ops of an NB201 string in NB201_EDGES order: '|op~0|+|op~0|op~1|+|op~0|op~1|op~2|'."""
    ops = {}
    for to, node in enumerate(text.split("+"), start=1):
        for part in node.strip("|").split("|"):
            op, source = part.split("~")
            ops[(to, int(source))] = op
    if sorted(ops) != sorted(NB201_EDGES):
        raise ValueError(f"not an NB201 cell string: {text!r}")
    return [ops[e] for e in NB201_EDGES]


def nb201_discrete_op(name, c):
    """The library's discrete ops (OpFactory with affine batch norm that tracks running stats); none is None."""
    if name == "none":
        return None
    if name == "skip_connect":
        return nn.Identity()
    if name == "nor_conv_1x1":
        return relu_conv_bn(c, c, 1, 1, 0, True)
    if name == "nor_conv_3x3":
        return relu_conv_bn(c, c, 3, 1, 1, True)
    if name == "avg_pool_3x3":
        return nn.AvgPool2d(3, 1, 1, count_include_pad=False)
    raise ValueError(f"unknown NB201 op {name!r}")


class NB201DiscreteCell(nn.Module):
    def __init__(self, c, ops):
        super().__init__()
        self.c = c
        self.ops = nn.ModuleList(nb201_discrete_op(name, c) or nn.Identity() for name in ops)
        self.kept = [name != "none" for name in ops]

    def forward(self, x):
        nodes = [x]
        for i in range(1, 4):
            acc = None
            for e, (to, j) in enumerate(NB201_EDGES):
                if to != i or not self.kept[e]:
                    continue
                y = self.ops[e](nodes[j])
                acc = y if acc is None else acc + y
            nodes.append(acc if acc is not None else torch.zeros_like(x))
        return nodes[3]


class NB201Discrete(nn.Module):
    """Supernet.discrete of an NB201 architecture: the supernet's skeleton with only the chosen ops, affine BN."""

    def __init__(self, arch, c=GT_CHANNELS, n=GT_CELLS, classes=CLASSES):
        super().__init__()
        ops = parse_nb201(arch)
        self.stem = nb201_stem(c)
        self.layers = nn.Sequential(*nb201_stages(c, n, lambda width: NB201DiscreteCell(width, ops)))
        self.head_bn = nn.BatchNorm2d(4 * c)
        self.classifier = nn.Linear(4 * c, classes)

    def arch_parameters(self):
        return []

    def forward(self, x):
        x = F.relu(self.head_bn(self.layers(self.stem(x))))
        return self.classifier(x.mean(dim=(2, 3)))


class Case:
    """A benchmark case: the model, its batch size, and whether its step is a search step or a training step."""

    def __init__(self, build, batch=BATCH, search=True):
        self.build, self.batch, self.search = build, batch, search


CASES = {
    "nb201_n1": Case(lambda: NB201Supernet(16, 1)),
    "nb201_n5": Case(lambda: NB201Supernet(16, 5)),
    "darts8": Case(lambda: DartsSupernet(16, 8)),
    # report/Budget.laptop(): C 8, N 1, batch 64
    "laptop_search": Case(lambda: NB201Supernet(8, 1)),
    "gt_train": Case(lambda: NB201Discrete(GT_ARCH), batch=GT_BATCH, search=False),
}


def weight_parameters(model):
    arch = {id(p) for p in model.arch_parameters()}
    return [p for p in model.parameters() if id(p) not in arch]


# ---------------------------------------------------------------------------------------------------------------
# The timed step
# ---------------------------------------------------------------------------------------------------------------

class SearchStep:
    """First-order DARTS: alpha-step on a val batch, then w-step on a train batch (DESIGN.md section 3)."""

    def __init__(self, model):
        self.model = model
        self.alphas = model.arch_parameters()
        self.weights = weight_parameters(model)
        self.a_opt = torch.optim.Adam(self.alphas, lr=3e-4, betas=(0.5, 0.999), weight_decay=1e-3)
        self.w_opt = torch.optim.SGD(self.weights, lr=0.025, momentum=0.9, weight_decay=3e-4)

    def __call__(self, xv, yv, xt, yt):
        # alpha-step: backward restricted to alpha, so autograd skips every weight gradient
        self.a_opt.zero_grad(set_to_none=True)
        F.cross_entropy(self.model(xv), yv).backward(inputs=self.alphas)
        self.a_opt.step()
        # w-step: backward restricted to the weights (alpha gets no gradient here)
        self.w_opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(self.model(xt), yt)
        loss.backward(inputs=self.weights)
        nn.utils.clip_grad_norm_(self.weights, 5.0)
        self.w_opt.step()
        return loss


class TrainStep:
    """One step of training from scratch (ScratchTrainer): forward, backward to every weight, clip, SGD."""

    def __init__(self, model):
        self.model = model
        self.alphas = []
        self.weights = list(model.parameters())
        self.opt = torch.optim.SGD(self.weights, lr=GT_LR, momentum=GT_MOMENTUM, weight_decay=GT_WEIGHT_DECAY)

    def __call__(self, xv, yv, xt, yt):  # the val batch is unused: same signature as SearchStep
        self.opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(self.model(xt), yt)
        loss.backward()
        nn.utils.clip_grad_norm_(self.weights, GT_CLIP)
        self.opt.step()
        return loss


def make_step(case, model):
    return SearchStep(model) if case.search else TrainStep(model)


def peak_rss_mib():
    """This process's peak resident memory so far (VmHWM), in MiB; NaN where /proc is missing."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


# ---------------------------------------------------------------------------------------------------------------
# FLOP counting (analytic, with forward hooks on Conv2d and Linear)
# ---------------------------------------------------------------------------------------------------------------

def _layer_macs(module, inp, out):
    if isinstance(module, nn.Conv2d):
        k = module.kernel_size[0] * module.kernel_size[1]
        return out.numel() * (module.in_channels // module.groups) * k
    return out.numel() * module.in_features  # Linear


def _forward_macs(model, x):
    """Forward MACs, and the MACs of the layers whose input depends on something that requires grad."""
    total, needs_input_grad = [0], [0]

    def hook(module, inputs, output):
        m = _layer_macs(module, inputs[0], output)
        total[0] += m
        if inputs[0].requires_grad:
            needs_input_grad[0] += m

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    try:
        model(x)
    finally:
        for h in handles:
            h.remove()
    return total[0], needs_input_grad[0]


def count_train_flops(model, x):
    """FLOPs of one training step: forward, input gradient of every layer but the stem conv, weight gradient."""
    scale, x = x.shape[0] // 2, x[:2]
    state = {k: v.clone() for k, v in model.state_dict().items()}
    try:
        fwd, bwd_input = _forward_macs(model, x)
    finally:
        model.load_state_dict(state)
    fwd, bwd_input = fwd * scale, bwd_input * scale
    return {"forward_flops": 2 * fwd, "alpha_step_flops": 0, "w_step_flops": 2 * (fwd + bwd_input + fwd),
            "flops_per_step": 2 * (fwd + bwd_input + fwd)}


def count_flops(model, x):
    """FLOPs of one search step = 2 x MACs of conv and linear layers, forward and backward.

    Backward of a layer costs one forward's MACs for the input gradient (only if its input depends on what the
    step differentiates) plus one for the weight gradient (w-step only). BN, ReLU, pools, sums, softmax, loss and
    optimizers are not counted. The model is left unchanged (BN running stats are restored).
    """
    # MACs are proportional to the batch size, so count on 2 samples (cheap) and scale
    scale, x = x.shape[0] // 2, x[:2]
    state = {k: v.clone() for k, v in model.state_dict().items()}
    weights, alphas = weight_parameters(model), model.arch_parameters()
    try:
        # alpha-step: only alpha requires grad, so input.requires_grad <=> the input depends on alpha
        for p in weights:
            p.requires_grad_(False)
        fwd, a_bwd_input = _forward_macs(model, x)
        # w-step: only the weights require grad
        for p in weights:
            p.requires_grad_(True)
        for p in alphas:
            p.requires_grad_(False)
        _, w_bwd_input = _forward_macs(model, x)
    finally:
        for p in weights + alphas:
            p.requires_grad_(True)
        model.load_state_dict(state)
    fwd, a_bwd_input, w_bwd_input = fwd * scale, a_bwd_input * scale, w_bwd_input * scale
    alpha_step = fwd + a_bwd_input
    w_step = fwd + w_bwd_input + fwd
    return {"forward_flops": 2 * fwd, "alpha_step_flops": 2 * alpha_step, "w_step_flops": 2 * w_step,
            "flops_per_step": 2 * (alpha_step + w_step)}


# ---------------------------------------------------------------------------------------------------------------
# Benchmark
# ---------------------------------------------------------------------------------------------------------------

def make_batches(count, gen, batch=BATCH):
    return [(torch.randn(batch, CHANNELS_IN, SIZE, SIZE, generator=gen),
             torch.randint(0, CLASSES, (batch,), generator=gen)) for _ in range(count)]


def seed_everything(seed):
    random.seed(seed)
    torch.manual_seed(seed)


def bench_case(name, args):
    seed_everything(args.seed)
    case = CASES[name]
    model = case.build().train()
    gen = torch.Generator().manual_seed(args.seed + 1)
    train, val = make_batches(args.batches, gen, case.batch), make_batches(args.batches, gen, case.batch)
    if args.channels_last:
        # the layout DNAS Lab uses by default; an expert's one-line change, not what a user writes first
        model = model.to(memory_format=torch.channels_last)
        train = [(x.contiguous(memory_format=torch.channels_last), y) for x, y in train]
        val = [(x.contiguous(memory_format=torch.channels_last), y) for x, y in val]
    flops = count_flops(model, train[0][0]) if case.search else count_train_flops(model, train[0][0])
    step = make_step(case, model)
    load_before = os.getloadavg()[0]

    def run(k):
        xv, yv = val[k % len(val)]
        xt, yt = train[k % len(train)]
        c0, t0 = time.process_time(), time.perf_counter()
        loss = step(xv, yv, xt, yt)
        t1, c1 = time.perf_counter(), time.process_time()
        return loss, (t1 - t0) * 1000.0, (c1 - c0) * 1000.0

    # warmup: as asked, but one step is enough once warmup has used a quarter of the budget
    k, warmup, started = 0, 0, time.perf_counter()
    while warmup < args.warmup:
        loss, _, _ = run(k)
        k, warmup = k + 1, warmup + 1
        if time.perf_counter() - started > args.max_seconds / 4:
            break
    # timed steps: as asked, but the budget ends them early once MIN_REPEATS are timed
    times, cpu, started = [], [], time.perf_counter()
    while len(times) < args.repeats:
        loss, dt, dc = run(k)
        k = k + 1
        times.append(dt)
        cpu.append(dc)
        if len(times) >= MIN_REPEATS and time.perf_counter() - started > args.max_seconds:
            break
    if not math.isfinite(loss.item()):
        raise RuntimeError(f"{name}: loss is not finite")
    if args.profile:
        profile_steps(name, run, k, args)
    times.sort()
    cpu.sort()
    q = statistics.quantiles(times, n=10, method="inclusive") if len(times) > 1 else times * 9
    return {
        "median_ms": statistics.median(times), "p10_ms": q[0], "p90_ms": q[-1],
        "min_ms": times[0], "max_ms": times[-1], "cpu_median_ms": statistics.median(cpu),
        "repeats": len(times), "warmup": warmup,
        "loadavg_1min_before": load_before, "loadavg_1min_after": os.getloadavg()[0],
        **flops,
        "params": sum(p.numel() for p in step.weights),
        "arch_params": sum(p.numel() for p in step.alphas),
        "torch_version": torch.__version__, "threads": torch.get_num_threads(),
        "memory_format": "channels_last" if args.channels_last else "contiguous",
        "interop_threads": torch.get_num_interop_threads(),
        "batch": case.batch, "step": "search" if case.search else "train",
        # the whole process so far: model build, data, FLOP counting and every step (one case per process in ./lab bench)
        "peak_rss_mib": peak_rss_mib(),
    }


# ---------------------------------------------------------------------------------------------------------------
# --profile: where a step's time goes, by category
# ---------------------------------------------------------------------------------------------------------------

# Categories of bench/README.md's profile summary, matched on the op name in this order; the rest is "other"
# (pools, ReLU, softmax, loss, optimizer updates, autograd bookkeeping).
PROFILE_CATEGORIES = [
    ("convolution", ("conv",)),
    ("batch norm", ("batch_norm",)),
    ("memory moves", ("copy_", "cat", "clone", "contiguous", "_to_copy", "zero_", "fill_", "zeros", "empty",
                      "constant_pad_nd", "stack", "slice_backward")),
    ("mixing", ("aten::mul", "aten::add", "aten::sum", "softmax", "aten::div")),
]


def profile_category(op):
    for category, keys in PROFILE_CATEGORIES:
        if any(k in op for k in keys):
            return category
    return "other"


def profile_steps(name, run, k, args):
    """Runs args.profile_steps more steps under torch.profiler and writes the op table and category shares.

    Shares are of the profiled steps' wall time, as on the Java side (tools/.../bench/OpProfile.java): each op's self
    CPU time by category, and "outside ops", the wall time not inside any op (Python, the profiler's own cost).
    """
    from torch.profiler import ProfilerActivity, profile
    wall_ms = 0.0
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        for i in range(args.profile_steps):
            wall_ms += run(k + i)[1]
    averages = prof.key_averages()
    shares = {}
    for e in averages:
        shares[profile_category(e.key)] = shares.get(profile_category(e.key), 0.0) + e.self_cpu_time_total
    inside = sum(shares.values())
    wall_us = wall_ms * 1000.0
    shares["outside ops"] = max(0.0, wall_us - inside)
    order = [c for c, _ in PROFILE_CATEGORIES] + ["other", "outside ops"]
    summary = ", ".join(f"{c} {100 * shares.get(c, 0.0) / wall_us:.0f} %" for c in order)
    layout = "channels_last" if args.channels_last else "nchw"
    path = f"{args.profile}.{name}.{layout}.txt"
    with open(path, "w") as f:
        f.write(f"{name}: {args.profile_steps} steps, {wall_ms:.1f} ms of wall time (profiled), "
                f"self CPU time by category: {summary}\n\n")
        f.write(averages.table(sort_by="self_cpu_time_total", row_limit=40))
        f.write("\n")
    print(f"{name} profile ({args.profile_steps} steps, share of wall time, {layout}): {summary}  -> {path}",
          flush=True)


# ---------------------------------------------------------------------------------------------------------------
# --check: deterministic weights and inputs that the Java side can rebuild without an export
# ---------------------------------------------------------------------------------------------------------------

def formula_init(model):
    """Order-independent init (bench/MODEL.md, "Check mode"): a value depends only on the tensor's role and shape.

    Conv/Linear weight w, flat index i (row-major), fan_in = numel / shape[0]:  sin(1.3 i + 0.7) / sqrt(fan_in)
    Linear bias: 0.  BN (affine) gamma 1, beta 0; BN running mean 0, var 1.
    alpha (NB201) and alpha_normal (DARTS), [E, O], i = e O + o:  0.2 sin(0.9 i + 0.1)
    alpha_reduce (DARTS):                                        0.2 cos(0.9 i + 0.1)
    Values are computed in float64 and rounded to float32.
    """
    def wave(shape, fn, scale=1.0):
        n = math.prod(shape)
        i = torch.arange(n, dtype=torch.float64)
        return (scale * fn(i)).reshape(shape).to(torch.float32)

    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                fan_in = m.weight.numel() // m.weight.shape[0]
                m.weight.copy_(wave(m.weight.shape, lambda i: torch.sin(1.3 * i + 0.7), 1 / math.sqrt(fan_in)))
                if m.bias is not None:
                    m.bias.zero_()
            elif isinstance(m, nn.BatchNorm2d):
                m.reset_parameters()
        for name, p in model.named_parameters():
            if name.startswith("alpha"):
                fn = torch.cos if name == "alpha_reduce" else torch.sin
                p.copy_(wave(p.shape, lambda i: fn(0.9 * i + 0.1), 0.2))


def check_batch(phase, batch=BATCH):
    """x[n,0,h,w] = sin(0.37 n + 0.11 h + 0.07 w + phase);  y[n] = (7 n + phase) mod 10."""
    n = torch.arange(batch, dtype=torch.float64).view(-1, 1, 1, 1)
    h = torch.arange(SIZE, dtype=torch.float64).view(1, 1, -1, 1)
    w = torch.arange(SIZE, dtype=torch.float64).view(1, 1, 1, -1)
    x = torch.sin(0.37 * n + 0.11 * h + 0.07 * w + phase).to(torch.float32)
    y = (7 * torch.arange(batch) + phase) % CLASSES
    return x, y


def describe(logits, y):
    return (f"loss {F.cross_entropy(logits, y).item():.6f}  sum {logits.sum().item():.6f}  "
            f"abs_sum {logits.abs().sum().item():.6f}  "
            f"logits[0] {' '.join(f'{v:.5f}' for v in logits[0].tolist())}")


def check_case(name):
    case = CASES[name]
    model = case.build().train()
    formula_init(model)
    xv, yv = check_batch(0, case.batch)
    xt, yt = check_batch(1, case.batch)
    with torch.no_grad():
        before = model(xv)
    step = make_step(case, model)
    step(xv, yv, xt, yt)
    with torch.no_grad():
        after = model(xv)
    print(f"{name} check forward    {describe(before, yv)}")
    print(f"{name} check after step {describe(after, yv)}")
    alphas = torch.cat([a.detach().flatten() for a in model.arch_parameters()] + [torch.zeros(1)])
    print(f"{name} check after step alpha_sum {alphas.sum().item():.9f}  "
          f"weight_sum {sum(p.detach().sum().item() for p in step.weights):.6f}")


# ---------------------------------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--cases", default="nb201_n1,nb201_n5,darts8",
                    help="comma-separated, of: " + ", ".join(CASES))
    ap.add_argument("--max-seconds", type=float, default=60.0,
                    help="per-case time budget: timed steps stop once it is spent and at least "
                         f"{MIN_REPEATS} are timed; warmup stops after one step once it has used a quarter of it")
    ap.add_argument("--batches", type=int, default=4, help="train and val batches each, cycled")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--channels-last", action="store_true",
                    help="model and inputs in torch.channels_last (NHWC) memory format instead of the default NCHW")
    ap.add_argument("--json", help="write results here")
    ap.add_argument("--profile", metavar="PREFIX",
                    help="after timing, profile --profile-steps more steps with torch.profiler; writes "
                         "PREFIX.CASE.LAYOUT.txt (op table and the share of convolution, batch norm, memory moves, "
                         "mixing and other)")
    ap.add_argument("--profile-steps", type=int, default=3)
    ap.add_argument("--check", action="store_true", help="print numeric checksums instead of timing")
    args = ap.parse_args(argv)

    torch.set_num_interop_threads(1)  # must come before any parallel work
    torch.set_num_threads(args.threads)
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [c for c in cases if c not in CASES]
    if unknown:
        ap.error(f"unknown case(s) {unknown}; known: {sorted(CASES)}")

    if args.check:
        for name in cases:
            check_case(name)
        return 0

    results = {}
    for name in cases:
        r = bench_case(name, args)
        results[name] = r
        gflops = r["flops_per_step"] / (r["median_ms"] * 1e6)
        print(f"{name:9s} pytorch {r['torch_version']} threads {r['threads']}: median {r['median_ms']:8.1f} ms "
              f"(p10 {r['p10_ms']:.1f}, p90 {r['p90_ms']:.1f}), {r['flops_per_step'] / 1e9:.2f} GFLOP/step, "
              f"{gflops:.1f} GFLOP/s, {r['params']:,} weights, {r['repeats']} repeats, "
              f"cpu/wall {r['cpu_median_ms'] / r['median_ms']:.2f}, load {r['loadavg_1min_before']:.1f}, "
              f"peak RSS {r['peak_rss_mib']:.0f} MiB ({r['memory_format']})",
              flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
