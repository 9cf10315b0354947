#!/usr/bin/env bash
# How often a tiny DJL (PyTorch) ResNet fit on the digits diverges to NaN under a given oneDNN instruction-set cap: the
# check behind ONEDNN_MAX_CPU_ISA=SSE41 in the build, ./lpa4j and the scripts (docs/extending.md, "Known engine defects").
# The fit is seeded, so every run should give the same numbers; a NaN in some runs and not others is the engine's.
# Usage: scripts/djl-oneDNN-check.sh [RUNS] [ISA]      e.g. scripts/djl-oneDNN-check.sh 24 AVX2
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-24}; isa=${2:-SSE41}
./lpa4j backends >/dev/null   # builds on first use
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
diverged=0
for i in $(seq 1 "$runs"); do
  if ! out=$(ONEDNN_MAX_CPU_ISA=$isa ./lpa4j fit --task digits --arch resnet --depth 2 --width 4 --epochs 1 --batch-size 128 \
      --trainer lpa,e2e,separate --separate-depths 1 --seeds 0,1 --backend djl --threads 1 --out "$work/run-$i" 2>&1); then
    if grep -qE 'diverged|holds NaN' <<<"$out"; then
      diverged=$((diverged + 1)); echo "run $i: $(grep -E 'diverged|holds NaN' <<<"$out" | head -1 | cut -c1-140)"
    else
      echo "run $i failed for another reason:"; echo "$out" | tail -5; exit 1
    fi
  fi
done
echo "ONEDNN_MAX_CPU_ISA=$isa: $diverged of $runs seeded fits diverged"
