#!/usr/bin/env bash
# Growing a trained model deeper against training the deeper model from scratch, both with LPA (docs/runs-that-last.md):
# per seed, fit depth FROM, `lpa4j grow` it by TO-FROM blocks, and fit depth TO from scratch with the same settings;
# prints a markdown table of the last depth's test metric and the training time of each, and the grown/scratch ratios.
# Usage: scripts/grow-benchmark.sh TASK FROM TO   e.g. surface:peaks2d 4 8, or mnist 3 6 with ARCH=resnet
# Environment: ARCH (fnn), WIDTH (64), EPOCHS (100; the parent, the grow step and the scratch model each train this many),
# GROW_EPOCHS (EPOCHS), LR (0.003), GROW_LR (LR), LIMIT (0 = all training examples of a fetched data set), SEEDS ("0 1 2"),
# BACKEND (tensorflow), OUT (out/grow-benchmark), LPA4J (the command that runs the app; default ./lpa4j). Reads JSON with jq.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v jq > /dev/null || { echo "This script reads report.json and model.json with jq, which is not installed; install it (e.g. apt-get install jq)." >&2; exit 1; }
task="$1"; from="$2"; to="$3"
arch="${ARCH:-fnn}"; width="${WIDTH:-64}"; epochs="${EPOCHS:-100}"; grow_epochs="${GROW_EPOCHS:-$epochs}"; lr="${LR:-0.003}"; grow_lr="${GROW_LR:-$lr}"
limit="${LIMIT:-0}"; seeds="${SEEDS:-0 1 2}"; backend="${BACKEND:-tensorflow}"; out="${OUT:-out/grow-benchmark}/${task//:/-}"
read -r -a app <<< "${LPA4J:-./lpa4j}"
mkdir -p "$out"

run() { # run LOG ARGS...: one quiet run of the app
  local log="$1"; shift
  "${app[@]}" "$@" > "$log" 2>&1 || { echo "lpa4j $1 failed, see $log" >&2; tail -5 "$log" >&2; exit 1; }
}

rows=()
for seed in $seeds; do
  common=(--task "$task" --arch "$arch" --width "$width" --lr "$lr" --limit "$limit" --seed "$seed" --trainer lpa --backend "$backend" --overwrite)
  echo "== $task seed $seed: depth $from, grown to $to ($grow_epochs epochs), and depth $to from scratch ($epochs epochs each)" >&2
  run "$out/parent-$seed.log" fit "${common[@]}" --depth "$from" --epochs "$epochs" --out "$out/parent-$seed"
  rm -rf "$out/grown-$seed"
  run "$out/grown-$seed.log" grow --model "$out/parent-$seed/lpa" --add $((to - from)) --epochs "$grow_epochs" --lr "$grow_lr" --backend "$backend" --out "$out/grown-$seed"
  run "$out/scratch-$seed.log" fit "${common[@]}" --depth "$to" --epochs "$epochs" --out "$out/scratch-$seed"
  rows+=("$(jq -r --slurpfile g "$out/grown-$seed/model.json" --slurpfile p "$out/parent-$seed/report.json" '
      (.trainers[0]) as $s | ($g[0].metrics[0].test) as $gt | ($g[0].lineage.details.seconds) as $gs
      | [$s.values[-1], $gt[-1], $gt[-1] / $s.values[-1], $p[0].trainers[0].values[-1], $s.wallSeconds, $gs, $gs / $s.wallSeconds,
         $p[0].trainers[0].wallSeconds] | @tsv' "$out/scratch-$seed/report.json") $seed")
done
metric=$(jq -r .metric "$out/scratch-${seeds%% *}/report.json")
echo
echo "**$task**, $arch width $width, depth $from grown to $to against depth $to from scratch, LPA, $epochs epochs ($grow_epochs for the grow step), lr $lr ($grow_lr for the grow step), limit $limit, backend $backend: test $metric of the last depth"
echo
echo "| seed | depth $from (parent) | depth $to from scratch | grown to $to | grown / scratch | scratch time | grow time | grow / scratch time | parent time |"
echo "|---|---|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  read -r s g ratio p st gt tr pt seed <<< "$r"
  printf '| %s | %.4f | %.4f | %.4f | %.3f | %.1fs | %.1fs | %.2f | %.1fs |\n' "$seed" "$p" "$s" "$g" "$ratio" "$st" "$gt" "$tr" "$pt"
done
printf '%s\n' "${rows[@]}" | awk '{s+=$1; g+=$2; r+=$3; p+=$4; st+=$5; gt+=$6; tr+=$7; pt+=$8; n++}
  END {printf "| mean | %.4f | %.4f | %.4f | %.3f | %.1fs | %.1fs | %.2f | %.1fs |\n", p/n, s/n, g/n, r/n, st/n, gt/n, tr/n, pt/n}'
