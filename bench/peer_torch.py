"""PyTorch peer for `deno task bench`: ms per Adam step of the same MLPs on one CPU thread.

Run with Debian's python3-torch (never a dependency of symbreak):
    /usr/bin/python3 bench/peer_torch.py [--json]
"""
import json
import sys
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(1)
HIDDEN = {"nn": [256, 128, 64], "dnn": [2048, 1024, 512, 256, 128]}


def step_ms(model, batch, count):
    sizes = [60, *HIDDEN[model], 15]
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, eps=1e-7)
    x, y = torch.randn(batch, 60), torch.randn(batch, 15)

    def step():
        opt.zero_grad()
        torch.nn.functional.mse_loss(net(x), y).backward()
        opt.step()

    for _ in range(max(3, count // 10)):
        step()
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return round(times[len(times) // 2], 3)


for model, batch, count in (("nn", 64, 500), ("dnn", 256, 20)):
    row = {"name": f"torch_adam_step_{model}_n15_b{batch}", "ms_per_step": step_ms(model, batch, count)}
    print(json.dumps(row) if "--json" in sys.argv else f"{row['name']:<34} {row['ms_per_step']:.2f} ms/step")
