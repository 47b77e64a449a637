#!/usr/bin/env bash
# Runs every grid task on a reduced grid (seed 3, 2 workers) into OUT, inside the repository at REPO:
# bash bench/reduced_grids.sh REPO OUT. With bench/compare_outputs.py it checks that a refactor keeps
# every output byte (run it on a clone of the old commit and on the new code, then compare the folders).
set -uo pipefail
failed=0
cd "$1"; out="$2"
mkdir -p data && rm -rf data/fx && cp -r fixtures/idx data/fx
W="--workers 2 --seed 3"
run() {
  local name=$1; shift; echo "== $name $*"
  deno task -q "$@" --out "$out/$name" 2>&1 | tail -2 || { echo "FAILED: $name"; failed=$((failed + 1)); }
}
run table1 table1 --n 3,5 --samples 1000 --models nn,wnn,dnn,knn --knn-raw --epochs 3 $W
run table2 table2 --n 3 --samples 1000 --models nn,knn --epochs 3 $W
run table3 table3
run table4 table4 --n 3 --samples 1000 --epochs 3 $W
run fig2 fig2 --samples 500 --epochs 5 $W
run fig4 fig4 --n 3 --samples 1000 --epochs 2 --batches 10,100 --lrs 0.01,0.001 $W
for t in quartic reparam ridge teacher; do run syre_$t syre:$t --preset smoke $W; done
run syre_collapse syre:collapse --data data/fx --fractions 0,0.5 --train 100 --hidden 10 --steps 30 --batch 10 $W
run syre_fcn syre:fcn --data data/fx --gammas 0.01,0.1 --alphas 1 --train 100 --test 40 --width 20 --steps 30 --batch 10 $W
run syre_continual syre:continual --data data/fx --tasks 2 --steps 10 --train 100 --test 40 --batch 10 $W
run syre_vae syre:vae --data data/fx --betas 0.1,1 --steps 20 --train 100 --test 40 --batch 10 --width 20 $W
[ "$failed" = 0 ] || { echo "$failed tasks failed"; exit 1; }
