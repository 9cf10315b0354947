#!/usr/bin/env bash
# LPA (joint and layer-local forms) against end-to-end training of the isotropic ResNet on MNIST and Fashion-MNIST, and
# against separately trained end-to-end models of depth 1, 2, 4, ... (the "N separate models" reference, which
# `fit --trainer lpa,e2e,separate` trains in the same run). Same width, epochs, learning rate and seed everywhere;
# prints one markdown table per data set: test accuracy (%) at every depth and training times.
# Usage: scripts/image-benchmark.sh [backend]   (default tensorflow, the fastest on CPU for these convolutions)
# Environment: DEPTH (6), WIDTH (16), EPOCHS (6), LR (0.01), LIMIT (0 = all 55,000 training images), DATASETS
# ("mnist fashion-mnist"), OUT (out/image-benchmark), LPA_ARGS (extra fit options for the LPA runs, e.g.
# "--weighting UNIFORM"), LPA4J (the command that runs the app; default ./lpa4j). Reads report.json with jq.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v jq > /dev/null || { echo "This script reads report.json with jq, which is not installed; install it (e.g. apt-get install jq)." >&2; exit 1; }
backend="${1:-tensorflow}"
depth="${DEPTH:-6}"; width="${WIDTH:-16}"; epochs="${EPOCHS:-6}"; lr="${LR:-0.01}"; limit="${LIMIT:-0}"
datasets="${DATASETS:-mnist fashion-mnist}"; out="${OUT:-out/image-benchmark}"
read -r -a lpa_args <<< "${LPA_ARGS:-}"
read -r -a app <<< "${LPA4J:-./lpa4j}"

fit() { # fit OUT_DIR ARGS...: one quiet run of the app
  local dir="$1"; shift
  "${app[@]}" fit --arch resnet --width "$width" --epochs "$epochs" --lr "$lr" --limit "$limit" --seed 0 --backend "$backend" \
    --overwrite --out "$dir" "$@" > "$dir.log" 2>&1 || { echo "fit failed, see $dir.log" >&2; tail -5 "$dir.log" >&2; exit 1; }
}

separate_depths=""
for ((k = 1; k < depth; k *= 2)); do separate_depths+="$k,"; done
separate_depths+="$depth"

for task in $datasets; do
  scripts/fetch-data.sh "$task" >&2
  mkdir -p "$out/$task"
  start=$(date +%s)
  echo "== $task: LPA ${LPA_ARGS:-}, E2E and separate models of depth $separate_depths, depth $depth, width $width, $epochs epochs, lr $lr, limit $limit, backend $backend" >&2
  fit "$out/$task/reference" --task "$task" --depth "$depth" --trainer lpa,e2e,separate --separate-depths "$separate_depths" ${lpa_args[@]+"${lpa_args[@]}"}
  echo "== $task: LPA, layer-local form" >&2
  fit "$out/$task/layer-local" --task "$task" --depth "$depth" --trainer lpa --form LAYER_LOCAL ${lpa_args[@]+"${lpa_args[@]}"}
  echo
  echo "**$task** (test accuracy %, ResNet depth $depth width $width, $epochs epochs, lr $lr, limit $limit, backend $backend${LPA_ARGS:+, LPA $LPA_ARGS})"
  echo
  echo "| depth | LPA (joint) | LPA (layer-local) | E2E | separate E2E model of this depth |"
  echo "|---|---|---|---|---|"
  jq -r --slurpfile local "$out/$task/layer-local/report.json" '
      def col($t): .trainers[] | select(.trainer == $t);
      def pct: if type == "number" then (. * 10000 | round) / 100 | tostring else "-" end;
      range(1; .depth + 1) as $l
      | "| \($l) | \(col("lpa").values[$l - 1] | pct) | \($local[0].trainers[0].values[$l - 1] | pct) | \(col("e2e").values[$l - 1] | pct) | \(col("separate").values[$l - 1] | pct) |",
        if $l == .depth then "| training time | \(col("lpa").wallSeconds | round)s | \($local[0].trainers[0].wallSeconds | round)s | \(col("e2e").wallSeconds | round)s | \(col("separate").wallSeconds | round)s in all (depth \(.depth) is the E2E model) |" else empty end' \
      "$out/$task/reference/report.json"
  echo
  echo "($task wall time of this benchmark: $(( $(date +%s) - start ))s)"
done
