#!/usr/bin/env bash
# Measures LPA's two forms (joint, layer-local) and three depth weightings against E2E on every surface, with the
# same depth, width, epochs and seed, and prints one per-depth table per run. The README's form table comes from here.
# Usage: scripts/lpa-forms.sh [backend] (default tensorflow, the fastest for small steps)
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${1:-tensorflow}"
for task in surface:oscillation1d surface:peaks2d surface:discontinuous2d surface:smooth3d; do
  for variant in "JOINT UNIFORM" "LAYER_LOCAL UNIFORM" "JOINT INCREASING" "JOINT ADAPTIVE"; do
    set -- $variant
    echo "== $task lpa form=$1 weighting=$2"
    ./lpa4j fit --task "$task" --depth 6 --width 64 --epochs 60 --trainer lpa --form "$1" --weighting "$2" \
      --backend "$backend" --overwrite --out "out/forms/${task#surface:}-$1-$2" | sed -n '/^depth/,/^time/p'
  done
  echo "== $task e2e"
  ./lpa4j fit --task "$task" --depth 6 --width 64 --epochs 60 --trainer e2e --backend "$backend" \
    --overwrite --out "out/forms/${task#surface:}-e2e" | sed -n '/^depth/,/^time/p'
done
