#!/usr/bin/env bash
# The GPU measurement of issue 13, in one go (about 6–8 minutes on a real GPU): run it from the repo
# root on a machine with a GPU, e.g. `bash bench/h200.sh`. Writes every JSON line to
# $OUT/h200.jsonl (OUT defaults to results/h200) and the log to $OUT/h200.log:
#   1. the adapter, GPU and Deno version;
#   2. deno task bench --backend webgpu --only-steps: per-step ms of NN n=15 batch 64 and DNN n=15
#      batches 256 and 64, WebGPU beside wasm (batches on the device, as fit takes them);
#   3. bench/gpu_fill.ts for NN, WNN and DNN (batch 64): summed steps/s of K cells in flight, and
#      the K that fills the GPU;
#   4. bench/paper_estimate.ts: table1's paper preset in hours per 10 epochs and at 100 epochs;
#   5. bench/full_cell.ts: the wall time of a full-size cell, DNN-A n=15 1e6 samples, 2 epochs,
#      extrapolated per epoch (last, and cut at 5 minutes: its per-epoch lines reach the log anyway).
# SMOKE=1 runs the same steps tiny (a check of this script on a software driver, ~2 minutes).
# With no network there, first pack here: bash bench/h200_pack.sh (see it for the command to run).
set -uo pipefail
cd "$(dirname "$0")/.."
pack=scratch/h200
# The packed Deno where there is none of the pinned version, and the packed node_modules where none is.
if [ "$(deno --version 2>/dev/null | head -n1 | cut -d' ' -f2)" != 2.9.6 ] && [ -f $pack/deno.gz ]; then
  mkdir -p /tmp/h200-bin && gzip -dc $pack/deno.gz >/tmp/h200-bin/deno && chmod +x /tmp/h200-bin/deno
  export PATH="/tmp/h200-bin:$PATH"
fi
if [ ! -d node_modules/.deno ] && [ -f $pack/node_modules.tar.gz ]; then tar -xzf $pack/node_modules.tar.gz; fi
# A GPU machine may lack the Vulkan loader: unpack the packed one (bench/h200_pack.sh) where so.
if ! ldconfig -p 2>/dev/null | grep -q libvulkan.so.1 && ls $pack/gl/*.deb >/dev/null 2>&1; then
  for f in $pack/gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
[ -z "${VK_DRIVER_FILES:-}" ] && [ -f "$icd" ] && export VK_DRIVER_FILES="$icd"
out="${OUT:-results/h200}"
mkdir -p "$out"
export NO_COLOR=1
[ -n "${XDG_RUNTIME_DIR:-}" ] && [ -w "$XDG_RUNTIME_DIR" ] || export XDG_RUNTIME_DIR="$(mktemp -d)"
jsonl="$out/h200.jsonl" log="$out/h200.log"
: >"$jsonl"
: >"$log"
step() { echo "== $*" | tee -a "$log" >&2; }
run() { "$@" 2>>"$log" | tee -a "$jsonl"; }
R="--allow-read=node_modules,src,bench"
if [ "${SMOKE:-}" = 1 ]; then
  quick=(--quick) fill=(--cells 1,2 --seconds 1) big=(--model nn --samples 3000 --epochs 2)
  fill_dnn=(--cells 1 --seconds 1)
else
  quick=() fill=(--cells 1,4,8,16 --seconds 5) big=(--model dnn --samples 1e6 --epochs 2)
  fill_dnn=(--cells 1,2,4,8,16 --seconds 6)
fi

step "machine"
{ nvidia-smi -L 2>&1 || echo "no nvidia-smi"; deno --version | head -n1; lscpu | grep -E '^Model name|^CPU\(s\)'; } | tee -a "$log" >&2
run deno eval 'const a = await navigator.gpu?.requestAdapter(); console.log(JSON.stringify({ name: "adapter", adapter: a ? a.info.description || a.info.vendor : null, fallback: a?.info.isFallbackAdapter ?? null }))'

step "per-step times, WebGPU beside wasm"
run timeout 240 deno task -q bench --backend webgpu --only-steps --json "${quick[@]}"

step "cells in flight"
run timeout 90 deno run $R bench/gpu_fill.ts --model nn "${fill[@]}"
run timeout 90 deno run $R bench/gpu_fill.ts --model wnn "${fill[@]}"
run timeout 120 deno run $R bench/gpu_fill.ts --model dnn "${fill_dnn[@]}"

step "paper-preset estimate"
run deno run --allow-read="$out" bench/paper_estimate.ts "$jsonl"

step "full-size cell: DNN-A, n=15, 1e6 samples, 2 epochs"
run timeout 300 deno run $R bench/full_cell.ts --backend webgpu --variant A --n 15 "${big[@]}"

step "done: $jsonl"
