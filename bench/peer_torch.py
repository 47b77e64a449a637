"""Peer for `deno task bench`: ms per Adam step of the same MLPs, in PyTorch or, where it is slow, NumPy.

Times one Adam step (forward, MSE backward, Adam with lr 1e-3, eps 1e-7) of NN (60-256-128-64-15,
batch 64) at 1 thread and of DNN (60-2048-1024-512-256-128-15, batch 256) at 1 and 2 threads: the
median of many steps after a warm-up.

Debian's python3-torch links a generic BLAS on some machines (on our AMD EPYC ones it takes 667 ms
for the DNN step, 20x its speed elsewhere), which would flatter symbreak. So the script first
times a 512^3 float32 matrix product on one thread in PyTorch and in NumPy (OpenBLAS sgemm); where
PyTorch reaches less than half NumPy's GFLOP/s it times the same step written in NumPy instead
(forward, backward and Adam, float32, in-place updates), and every line says which peer it is.
--peer torch|numpy forces one. OPENBLAS_CORETYPE is set as bench/peer_knn.py sets it (OpenBLAS
misreads some VMs' CPUs).

Run with Debian's python3-torch and python3-numpy (never dependencies of symbreak):
    deno task bench --json > bench.jsonl
    /usr/bin/python3 bench/peer_torch.py --bench bench.jsonl [--json]

With --bench FILE (the lines of `deno task bench --json`), each line also gives symbreak's
milliseconds for the same step and thread count and the ratio symbreak / peer (below 1: symbreak
is faster), for the step `fit` runs (`fused`, the one-kernel wasm step) and for the op-by-op tfjs
step it replaced (`ops`).
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _openblas import NOTE as OPENBLAS_NOTE  # noqa: E402  (sets OPENBLAS_CORETYPE before NumPy loads)

import numpy as np  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

HIDDEN = {"nn": [256, 128, 64], "dnn": [2048, 1024, 512, 256, 128]}
STEPS = [("nn", 64, 1, 500), ("dnn", 256, 1, 20), ("dnn", 256, 2, 20)]


def median_ms(step, count):
    for _ in range(max(3, count // 10)):
        step()
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return round(times[len(times) // 2], 3)


def sizes_of(model):
    return [60, *HIDDEN[model], 15]


def torch_step_ms(model, batch, threads, count):
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    sizes = sizes_of(model)
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

    return median_ms(step, count)


def numpy_step_ms(model, batch, threads, count):
    rng = np.random.default_rng(1)
    sizes = sizes_of(model)
    ws = [(rng.uniform(-1, 1, (a, b)) * np.sqrt(6 / (a + b))).astype(np.float32) for a, b in zip(sizes, sizes[1:])]
    bs = [np.zeros(b, np.float32) for b in sizes[1:]]
    params = ws + bs
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    x = rng.standard_normal((batch, 60), dtype=np.float32)
    y = rng.standard_normal((batch, 15), dtype=np.float32)
    lr, b1, b2, eps = np.float32(1e-3), np.float32(0.9), np.float32(0.999), np.float32(1e-7)
    t = [0]

    def step():
        acts = [x]
        for i, (w, b) in enumerate(zip(ws, bs)):
            z = acts[-1] @ w
            z += b
            if i < len(ws) - 1:
                np.maximum(z, 0, out=z)
            acts.append(z)
        dz = (acts[-1] - y) * np.float32(2 / acts[-1].size)
        grads = [None] * len(params)
        for i in range(len(ws) - 1, -1, -1):
            grads[i] = acts[i].T @ dz
            grads[len(ws) + i] = dz.sum(0)
            if i > 0:
                dz = dz @ ws[i].T
                dz *= acts[i] > 0
        t[0] += 1
        c1, c2 = 1 - b1 ** t[0], 1 - b2 ** t[0]
        for p, g, mi, vi in zip(params, grads, m, v):
            mi *= b1
            mi += (1 - b1) * g
            vi *= b2
            vi += (1 - b2) * (g * g)
            p -= lr * (mi / c1) / (np.sqrt(vi / c2) + eps)

    with threadpool_limits(limits=threads):
        return median_ms(step, count)


def gflops_1thread():
    """GFLOP/s of a 512^3 float32 product on one thread in NumPy and (if it loads) PyTorch."""
    a = np.random.default_rng(2).standard_normal((512, 512), dtype=np.float32)
    with threadpool_limits(limits=1):
        np_ms = median_ms(lambda: a @ a, 20)
    try:
        import torch
        torch.set_num_threads(1)
        ta = torch.from_numpy(a)
        torch_ms = median_ms(lambda: ta @ ta, 20)
    except ImportError:
        torch_ms = None
    flop = 2 * 512 ** 3
    return flop / np_ms / 1e6, (None if torch_ms is None else flop / torch_ms / 1e6)


def read_bench(path):
    """symbreak's step times from `deno task bench --json`: (model, batch, threads, kind) -> ms."""
    ours = {}
    with open(path) as f:
        for line in f:
            row = json.loads(line)
            name = row.get("name", "")
            if not name.startswith("adam_step_") or "ms_per_step" not in row:
                continue
            model = "nn" if "_nn_" in name else "dnn"
            batch = int(name.split("_b")[1].split("_")[0])
            threads = row.get("threads", 1)
            kind = "threaded" if "_threads" in name else "ops" if name.endswith("_ops") else "fused"
            ours[(model, batch, threads, kind)] = row["ms_per_step"]
    return ours


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", help="JSON lines from `deno task bench --json`")
    parser.add_argument("--peer", choices=["auto", "torch", "numpy"], default="auto")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--quick", action="store_true", help="a fifth of the steps")
    parser.add_argument("--loop", nargs=2, metavar=("SECONDS", "MODEL"),
                        help="for bench/side_by_side.sh: time MODEL's 1-thread step (nn, dnn; dnn2: DNN on 2"
                             " threads) again and again for SECONDS, one JSON line each with its wall-clock time")
    args = parser.parse_args()
    np_gflops, torch_gflops = gflops_1thread()
    peer = args.peer
    if peer == "auto":
        peer = "torch" if torch_gflops is not None and torch_gflops >= 0.5 * np_gflops else "numpy"
    timer = torch_step_ms if peer == "torch" else numpy_step_ms
    if args.loop:
        seconds, name = float(args.loop[0]), args.loop[1]
        model, threads = ("dnn", 2) if name == "dnn2" else (name, 1)
        batch, count = (64, 300) if model == "nn" else (256, 5)
        end = time.time() + seconds
        while time.time() < end:
            print(json.dumps({"t": time.time(), "model": name, "kind": peer,
                              "ms_per_step": timer(model, batch, threads, count)}), flush=True)
        return
    why = {"row": "gflops", "numpy_sgemm_gflops": round(np_gflops, 1),
           "torch_matmul_gflops": None if torch_gflops is None else round(torch_gflops, 1), "peer": peer,
           "openblas": os.environ.get("OPENBLAS_CORETYPE", "as detected")}
    ours = read_bench(args.bench) if args.bench else {}
    if args.json:
        print(json.dumps(why), flush=True)
    else:
        tg = "not installed" if torch_gflops is None else f"{torch_gflops:.1f}"
        print(f"1-thread 512^3 GFLOP/s: NumPy {np_gflops:.1f}, PyTorch {tg}; peer: {peer}; {OPENBLAS_NOTE}")
        print(f"{'step':32} {'threads':>7} {'peer ms':>9} {'fused ms':>9} {'ratio':>6} {'ops ms':>9} {'ratio':>6}")
    for model, batch, threads, count in STEPS:
        ms = timer(model, batch, threads, max(5, count // 5) if args.quick else count)
        fused = ours.get((model, batch, threads, "fused"))
        ops = ours.get((model, batch, threads, "ops"))
        row = {"name": f"{peer}_adam_step_{model}_n15_b{batch}", "peer": peer, "threads": threads,
               "ms_per_step": ms, "symbreak_fused_ms": fused,
               "fused_ratio": None if fused is None else round(fused / ms, 2),
               "symbreak_ops_ms": ops, "ops_ratio": None if ops is None else round(ops / ms, 2)}
        if args.json:
            print(json.dumps(row), flush=True)
        else:
            show = lambda v, f: "-" if v is None else format(v, f)  # noqa: E731
            print(f"{row['name']:32} {threads:7} {ms:9.2f} {show(fused, '9.2f'):>9} {show(row['fused_ratio'], '6.2f'):>6}"
                  f" {show(ops, '9.2f'):>9} {show(row['ops_ratio'], '6.2f'):>6}", flush=True)


if __name__ == "__main__":
    main()
