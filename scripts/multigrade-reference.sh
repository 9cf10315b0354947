#!/usr/bin/env bash
# Reproduces the published multigrade run on f(x) = sin(100x) on every backend, with the end-to-end comparison,
# and keeps each backend's table in out/multigrade-reference/BACKEND.txt. Extra arguments go to the command, e.g.
# --epoch-scale 0.25 (a reduced run, labelled as such), --dtype FLOAT32, --seed 3, --skip-e2e.
# Usage: scripts/multigrade-reference.sh [backend ...] [-- extra arguments]   (default: tensorflow djl nd4j)
# Environment: LPA4J (the command that runs the app; default ./lpa4j).
set -euo pipefail
cd "$(dirname "$0")/.."
backends=()
while [[ $# -gt 0 && $1 != -- ]]; do backends+=("$1"); shift; done
[[ ${1:-} == -- ]] && shift
[[ ${#backends[@]} -eq 0 ]] && backends=(tensorflow djl nd4j)
read -r -a app <<< "${LPA4J:-./lpa4j}"
mkdir -p out/multigrade-reference
for backend in "${backends[@]}"; do
  echo "== $backend"
  start=$(date +%s)
  "${app[@]}" multigrade-reference --backend "$backend" "$@" 2>/dev/null | tee "out/multigrade-reference/$backend.txt"
  echo "wall time $(( $(date +%s) - start )) s" | tee -a "out/multigrade-reference/$backend.txt"
done
