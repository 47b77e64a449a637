#!/usr/bin/env bash
# symbreak's 1-thread Adam step and its peer's (PyTorch, or NumPy where PyTorch is slow: see
# bench/peer_torch.py), timed at the same moments: each pinned to a core of
# its own (taskset), both looping for SECONDS, then every symbreak timing is paired with the peer's
# timings of the same seconds. For machines whose speed drifts (our VMs change pace by 2x from
# minute to minute): ratios from separate runs there mean little.
# dnn2 times the DNN step on two threads each (symbreak with one core lent): the two cannot run at
# once on 2 cores, so they take turns of 15 s for SECONDS in all, and each symbreak timing is paired
# with the peer's of the turns around it.
#   bash bench/side_by_side.sh [SECONDS] [nn|dnn|dnn2]   (default 60 nn; needs 2 cores and python3-torch)
# OURS_CORE and PEER_CORE (default 0 and 1) swap the cores, to check that neither core is the slow one.
set -euo pipefail
seconds=${1:-60}; model=${2:-nn}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ours() { deno run --allow-read=node_modules,src,bench bench/steps_loop.ts "$@"; }
if [ "$model" = dnn2 ]; then
  window=20; end=$((SECONDS + seconds))
  while [ "$SECONDS" -lt "$end" ]; do
    ours 15 dnn2 >> "$tmp/ours.jsonl"
    /usr/bin/python3 bench/peer_torch.py --loop 15 dnn2 >> "$tmp/peer.jsonl"
  done
else
  window=5
  taskset -c "${OURS_CORE:-0}" bash -c "$(declare -f ours); ours $seconds $model" > "$tmp/ours.jsonl" &
  taskset -c "${PEER_CORE:-1}" /usr/bin/python3 bench/peer_torch.py --loop "$seconds" "$model" > "$tmp/peer.jsonl"
  wait
fi
python3 - "$tmp/ours.jsonl" "$tmp/peer.jsonl" "$window" <<'PY'
import json, statistics, sys
ours = [json.loads(l) for l in open(sys.argv[1])]
peer = [json.loads(l) for l in open(sys.argv[2])]
window = float(sys.argv[3])
for kind in ("fused", "ops"):
    ratios = []
    for o in (r for r in ours if r["kind"] == kind):
        near = [p["ms_per_step"] for p in peer if abs(p["t"] - o["t"]) < window]
        if near:
            ratios.append(o["ms_per_step"] / statistics.median(near))
    if ratios:
        mine = [r["ms_per_step"] for r in ours if r["kind"] == kind]
        print(json.dumps({"model": ours[0]["model"], "kind": kind, "peer": peer[0]["kind"], "pairs": len(ratios),
                          "symbreak_ms_median": statistics.median(mine),
                          "peer_ms_median": statistics.median(p["ms_per_step"] for p in peer),
                          "ratio_median": round(statistics.median(ratios), 2),
                          "ratio_min": round(min(ratios), 2), "ratio_max": round(max(ratios), 2)}))
PY
