#!/usr/bin/env bash
# Packs what bench/h200.sh needs beyond the tracked files, for a GPU machine that cannot reach npm
# (or Debian), into scratch/h200 (ignored by git), under the 64 MiB a device run carries:
#   node_modules.tar.gz  node_modules pruned to what a Deno run loads: no source maps, type files,
#                        minified or ES bundles; binaryen and assemblyscript (build only) keep just
#                        the package.json Deno checks;
#   deno.gz              this machine's Deno, used there only when no Deno of the same version is on PATH;
#   gl/*.deb             Debian's amd64 Vulkan loader, unpacked there only when libvulkan.so.1 is missing.
# Then run on the GPU machine, with `scratch/h200` carried (the device tool's carry), the command
#   OUT=$OUT bash bench/h200.sh            (≈ 6–9 minutes; give it timeout_s 570)
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf scratch/h200 && mkdir -p scratch/h200/gl /tmp/h200-apt/partial
tar -C . -czf scratch/h200/node_modules.tar.gz \
  --exclude='*.map' --exclude='*.d.ts' --exclude='*.min.js' --exclude='*es2017*' --exclude='*fesm*' \
  --exclude='*.esm.js' --exclude='*/src/*.ts' \
  --exclude='*/node_modules/binaryen/bin' --exclude='*/node_modules/binaryen/index.js' \
  --exclude='*/node_modules/assemblyscript/dist' --exclude='*/node_modules/assemblyscript/std' \
  node_modules
gzip -c "$(readlink -f "$(command -v deno)")" >scratch/h200/deno.gz
o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/h200-apt)
if apt-get "${o[@]}" update >/dev/null 2>&1 &&
  (cd scratch/h200/gl && apt-get "${o[@]}" download libvulkan1 >/dev/null 2>&1); then
  :
else
  echo "could not download libvulkan1: the GPU machine must have its own Vulkan loader"
fi
ls -la scratch/h200 scratch/h200/gl
du -sh scratch/h200
