#!/usr/bin/env bash
# LPA's two forms (joint, layer-local) and three depth weightings against E2E and the separate models of depths 1-3,
# on every surface and on digits, over seeds (mean ± sample standard deviation): docs/quality.md's form table comes from
# here. It is the "options" part of the depth-quality benchmark with these variants, so both print alike.
# Usage: scripts/lpa-forms.sh [backend] (default tensorflow, the fastest for small steps); SEEDS (default 0,1,2).
set -euo pipefail
cd "$(dirname "$0")/.."
PARTS=options OPTION_TASKS="${OPTION_TASKS:-oscillation1d peaks2d discontinuous2d smooth3d digits}" OUT="${OUT:-out/forms}" \
  VARIANTS="joint, uniform:--form JOINT --weighting UNIFORM;layer-local, uniform:--form LAYER_LOCAL --weighting UNIFORM;joint, increasing:--form JOINT --weighting INCREASING;joint, adaptive:--form JOINT --weighting ADAPTIVE" \
  exec scripts/depth-quality-benchmark.sh "$@"
