#!/usr/bin/env bash
# Packs what bench/h200.sh needs beyond the tracked files for a GPU machine that cannot reach npm:
# a pruned copy of node_modules (no source maps, type files, minified or ES bundles the Deno run does
# not load; the build-only packages binaryen and assemblyscript keep only their package.json, which
# Deno checks) in scratch/h200/node_modules, under the 64 MiB a device run carries.
# Then run on the GPU machine with `scratch/h200` carried (the device tool's carry), as the command
#   rm -rf node_modules && cp -a scratch/h200/node_modules node_modules && bash bench/h200.sh
set -euo pipefail
cd "$(dirname "$0")/.."
deno install >/dev/null 2>&1 || true # node_modules as the lock file pins it
rm -rf scratch/h200 && mkdir -p scratch/h200
tar -C . -cf - \
  --exclude='*.map' --exclude='*.d.ts' --exclude='*.min.js' --exclude='*es2017*' --exclude='*fesm*' \
  --exclude='*.esm.js' --exclude='*/src/*.ts' \
  --exclude='*/node_modules/binaryen/bin' --exclude='*/node_modules/binaryen/index.js' \
  --exclude='*/node_modules/assemblyscript/dist' --exclude='*/node_modules/assemblyscript/std' \
  node_modules | tar -C scratch/h200 -xf -
# The Vulkan loader, in case the GPU machine lacks it (its NVIDIA driver brings the ICD, not always
# libvulkan.so.1): Debian's amd64 packages, unpacked there by bench/h200.sh only when needed.
mkdir -p scratch/h200/gl /tmp/h200-apt/partial
o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/h200-apt)
if apt-get "${o[@]}" update >/dev/null 2>&1 &&
  (cd scratch/h200/gl && apt-get "${o[@]}" download libvulkan1 >/dev/null 2>&1); then
  ls scratch/h200/gl
else
  echo "could not download libvulkan1: the GPU machine must have its own Vulkan loader"
fi
du -sh scratch/h200
