#!/usr/bin/python3
"""PyTorch's answers to the small optimizer problems of OptimizerMathsTest, printed as one JSON object.

Run with Debian's python3-torch through /usr/bin/python3 (the same PyTorch that bench/reference.py --check uses).
Every tensor is a formula of its flat index (computed in float64, rounded to float32), so the Java test rebuilds
the same problem without an exchange of files. The hyper-parameters of each case are printed with its answer; the
test reads them from here and hands them to the library's own classes.

The problem: parameters p0 [3, 4], p1 [5] and p2 [2]; p2 takes no part in the loss, so its gradient stays None
and an optimizer must leave it alone (no weight decay either). The loss of parameter k with n elements is
    scale * sum_i a_i (p_i - t_i)^2 + 0.3 sum_i sin(2 p_i),   a_i = 0.5 + 0.4 sin(0.7 i + k),  t_i = cos(0.4 i + k)
"""
import json
import math
import sys

import torch
import torch.nn as nn

SHAPES = [(3, 4), (5,), (2,)]
IN_LOSS = 2  # the first two parameters
STEPS = 8


def wave(n, fn):
    i = torch.arange(n, dtype=torch.float64)
    return fn(i).to(torch.float32)


def initial():
    """p0: sin(1.3 i + 0.7); p1: 0.5 cos(0.7 i + 0.2); p2: 0.1 (i + 1)."""
    fns = [lambda i: torch.sin(1.3 * i + 0.7), lambda i: 0.5 * torch.cos(0.7 * i + 0.2), lambda i: 0.1 * (i + 1)]
    return [nn.Parameter(wave(math.prod(s), fn).reshape(s)) for s, fn in zip(SHAPES, fns)]


def loss(params, scale):
    total = 0
    for k, p in enumerate(params[:IN_LOSS]):
        n = p.numel()
        a = wave(n, lambda i: 0.5 + 0.4 * torch.sin(0.7 * i + k)).reshape(p.shape)
        t = wave(n, lambda i: torch.cos(0.4 * i + k)).reshape(p.shape)
        total = total + scale * (a * (p - t) ** 2).sum() + 0.3 * torch.sin(2 * p).sum()
    return total


def flat(tensors):
    return [v for t in tensors for v in t.detach().flatten().tolist()]


def trajectory(make_optimizer, scale=1.0, clip=None, lrs=None):
    """Parameters after each of STEPS steps (a list of flat lists); lrs, if given, is the rate of each step."""
    params = initial()
    opt = make_optimizer(params)
    out = []
    for step in range(STEPS):
        if lrs is not None:
            for group in opt.param_groups:
                group["lr"] = lrs[step]
        opt.zero_grad(set_to_none=True)
        loss(params, scale).backward()
        if clip is not None:
            nn.utils.clip_grad_norm_(params, clip)
        opt.step()
        out.append(flat(params))
    return out


def adam_cases():
    cases = []
    # the first is the α optimizer of DARTS and of bench/reference.py; lr raised from 3e-4 so that the steps show
    for lr, b1, b2, wd in [(0.05, 0.5, 0.999, 1e-3), (0.05, 0.9, 0.99, 0.05), (3e-4, 0.5, 0.999, 1e-3)]:
        cases.append({"lr": lr, "beta1": b1, "beta2": b2, "weight_decay": wd, "trajectory": trajectory(
            lambda ps: torch.optim.Adam(ps, lr=lr, betas=(b1, b2), weight_decay=wd))})
    return cases


def sgd_cases():
    cases = []
    # the first is the w optimizer of DARTS and of bench/reference.py; the second makes weight decay count
    for lr, momentum, wd in [(0.025, 0.9, 3e-4), (0.1, 0.9, 0.05), (0.05, 0.0, 0.01)]:
        cases.append({"lr": lr, "momentum": momentum, "weight_decay": wd, "trajectory": trajectory(
            lambda ps: torch.optim.SGD(ps, lr=lr, momentum=momentum, weight_decay=wd))})
    return cases


def cosine_rates(base, minimum, epochs):
    """CosineAnnealingLR stepped once per epoch: the rate of epoch e, for e = 0 .. epochs."""
    p = nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=base)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=epochs, eta_min=minimum)
    rates = []
    for _ in range(epochs + 1):
        rates.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return rates


def cosine_cases():
    return [{"base": base, "min": minimum, "epochs": epochs, "rates": cosine_rates(base, minimum, epochs)}
            for base, minimum, epochs in [(0.025, 0.001, 5), (0.1, 0.0, 7), (0.05, 0.01, 1)]]


def clip_cases():
    """Gradients of the loss at the initial parameters, clipped with clip_grad_norm_: the norm and the result."""
    cases = []
    for scale, max_norm in [(10.0, 5.0), (0.1, 5.0), (1.0, 0.5)]:
        params = initial()
        loss(params, scale).backward()
        norm = nn.utils.clip_grad_norm_(params, max_norm)
        cases.append({"scale": scale, "max_norm": max_norm, "norm": norm.item(),
                      "gradients": flat(p.grad for p in params[:IN_LOSS])})
    return cases


def w_step_case():
    """The w-step of DARTS (bench/reference.py's SearchStep): backward, clip to 5, SGD; lr on the cosine schedule,
    one epoch per two steps."""
    base, minimum, epochs, momentum, wd, clip, scale = 0.025, 0.001, 4, 0.9, 3e-4, 5.0, 10.0
    rates = cosine_rates(base, minimum, epochs)
    lrs = [rates[s // 2] for s in range(STEPS)]
    return {"lr": base, "lr_min": minimum, "epochs": epochs, "steps_per_epoch": 2, "momentum": momentum,
            "weight_decay": wd, "clip": clip, "scale": scale, "trajectory": trajectory(
                lambda ps: torch.optim.SGD(ps, lr=base, momentum=momentum, weight_decay=wd),
                scale=scale, clip=clip, lrs=lrs)}


def main():
    torch.set_num_threads(1)
    out = {"torch_version": torch.__version__, "steps": STEPS, "initial": flat(initial()),
           "adam": adam_cases(), "sgd": sgd_cases(), "cosine": cosine_cases(), "clip": clip_cases(),
           "w_step": w_step_case()}
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
