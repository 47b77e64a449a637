"""scikit-learn and faiss peers for `deno task bench:knn`: exact K-NN (K = 5) on the same workloads.

Times scikit-learn's brute-force NearestNeighbors and faiss's IndexFlatL2 at 1 thread and at all
cores, on 80,000 references x 20,000 queries x 60 dims and 16,000 x 4,000 x 20 (the sizes of the
n = 15, 1e5-sample and n = 5, 2e4-sample cells; standard normal float32 data, seed 1: brute force
costs the same on any data). GFLOP/s = 2 * refs * queries * dim / seconds. Each library runs once
on a small problem first, so its start-up is not timed.

Where OpenBLAS does not recognise the CPU (it falls back to generic SSE3 kernels, "Core: Prescott"),
the script sets OPENBLAS_CORETYPE to the family the CPU flags allow (SkylakeX with AVX-512, else
Haswell with AVX2) and says so; set OPENBLAS_CORETYPE yourself to override.

Run with Debian's python3-sklearn and python3-faiss (never dependencies of symbreak):
    deno task bench:knn --json > knn.jsonl
    /usr/bin/python3 bench/peer_knn.py --kernel knn.jsonl [--json]

With --kernel FILE (the lines of `deno task bench:knn --json`), every line also gives the ratio of
the kernel's GFLOP/s at the same thread count to the peer's (above 1: the kernel is faster), for the
kernel as knnSearchWasm runs it (8-bit screen, `kernel`) and without its screen (`kernel_plain`).
The kernel's speed depends on the data through its screen (the peers' does not): the ratios name
the data the kernel ran on (`bench:knn --data normal` times it on the peers' kind of points).
Without it, only the peers' numbers are printed. --quick uses a hundredth of the samples.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _openblas import NOTE as OPENBLAS_NOTE  # noqa: E402  (before OpenBLAS loads)

# Before libgomp starts: OpenMP threads that spin after a parallel region steal the cores from
# OpenBLAS's threads, and faiss at 2 threads ran slower than at 1 (56 against 70 GFLOP/s here).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import faiss  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.neighbors import NearestNeighbors  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

K = 5
WORKLOADS = [(80_000, 20_000, 60), (16_000, 4_000, 20)]


def sklearn_search(ref, q, threads):
    with threadpool_limits(limits=threads):
        nn = NearestNeighbors(n_neighbors=K, algorithm="brute", metric="euclidean", n_jobs=threads)
        nn.fit(ref)
        nn.kneighbors(q)


def faiss_search(ref, q, threads):
    # faiss computes distances with BLAS sgemm (OpenBLAS has its own threads) and selects with
    # OpenMP: limit both, or "1 thread" would run on every core.
    with threadpool_limits(limits=threads):
        faiss.omp_set_num_threads(threads)
        index = faiss.IndexFlatL2(ref.shape[1])
        index.add(ref)
        index.search(q, K)


PEERS = {"sklearn_brute": sklearn_search, "faiss_flat_l2": faiss_search}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", help="JSON lines from `deno task bench:knn --json`")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--quick", action="store_true", help="a hundredth of the samples")
    args = parser.parse_args()
    kernel, plain = {}, {}
    if args.kernel:
        with open(args.kernel) as f:
            for line in f:
                row = json.loads(line)
                if row.get("name") == "kernel":
                    kernel[(row["workload"], row["workers"])] = (row["gflops"], row.get("data", "pr"))
                elif row.get("name") == "kernel_plain":
                    plain[(row["workload"], row["workers"])] = row["gflops"]
    cores = os.cpu_count() or 1
    rng = np.random.default_rng(1)
    warm = rng.standard_normal((512, 8), dtype=np.float32)
    for peer in PEERS.values():
        peer(warm, warm[:64], 1)
    if not args.json:
        print(OPENBLAS_NOTE)
        print(f"{'method':14} {'workload':20} workers  seconds  GFLOP/s  kernel/peer  plain/peer  data")
    for refs, queries, dim in WORKLOADS:
        if args.quick:
            refs, queries = refs // 100, queries // 100
        ref = rng.standard_normal((refs, dim), dtype=np.float32)
        q = rng.standard_normal((queries, dim), dtype=np.float32)
        workload = f"{refs}x{queries}x{dim}"
        for name, peer in PEERS.items():
            for threads in sorted({1, cores}):
                t0 = time.perf_counter()
                peer(ref, q, threads)
                seconds = time.perf_counter() - t0
                gflops = 2 * refs * queries * dim / seconds / 1e9
                ours, data = kernel.get((workload, threads), (None, None))
                ratio = None if ours is None else round(ours / gflops, 2)
                bare = plain.get((workload, threads))
                plain_ratio = None if bare is None else round(bare / gflops, 2)
                row = {"name": name, "workload": workload, "workers": threads,
                       "seconds": round(seconds, 3), "gflops": round(gflops, 2), "kernel_ratio": ratio,
                       "kernel_plain_ratio": plain_ratio, "kernel_data": data}
                if args.json:
                    print(json.dumps(row), flush=True)
                else:
                    shown = "-" if ratio is None else f"{ratio:.2f}"
                    shown_plain = "-" if plain_ratio is None else f"{plain_ratio:.2f}"
                    print(f"{name:14} {workload:20} {threads:7} {seconds:8.3f} {gflops:8.1f}  {shown:>11}"
                          f"  {shown_plain:>10}  {data or '-'}", flush=True)


if __name__ == "__main__":
    main()
