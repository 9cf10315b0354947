#!/usr/bin/env bash
# LPA (joint and layer-local forms) against end-to-end training of the isotropic ResNet on MNIST and Fashion-MNIST, and
# against separately trained end-to-end models of depth 1, 2, 4, ... (the "N separate models" reference). Same width, epochs, learning rate and
# seed everywhere; prints one markdown table per data set: test accuracy (%) at every depth and training times.
# Usage: scripts/image-benchmark.sh [backend]   (default tensorflow, the fastest on CPU for these convolutions)
# Environment: DEPTH (6), WIDTH (16), EPOCHS (6), LR (0.01), LIMIT (0 = all 55,000 training images), DATASETS
# ("mnist fashion-mnist"), OUT (out/image-benchmark), LPA_ARGS (extra fit options for the LPA run, e.g.
# "--weighting UNIFORM"), LPA4J (the command that runs the app; default ./lpa4j).
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${1:-tensorflow}"
depth="${DEPTH:-6}"; width="${WIDTH:-16}"; epochs="${EPOCHS:-6}"; lr="${LR:-0.01}"; limit="${LIMIT:-0}"
datasets="${DATASETS:-mnist fashion-mnist}"; out="${OUT:-out/image-benchmark}"
read -r -a lpa_args <<< "${LPA_ARGS:-}"
read -r -a app <<< "${LPA4J:-./lpa4j}"

# values TRAINER FILE: the trainer's per-depth primary metric (space separated), then its wall seconds, from report.json.
values() {
  awk -v want="$1" '/"secondaryMetric"/ { exit }
    /"trainer" :/ { t = $0; gsub(/.*: "|",?[[:space:]]*$/, "", t) }
    /"values" :/ && t == want { v = $0; gsub(/.*\[ *| *\].*/, "", v); gsub(/,/, " ", v); print v }
    /"wallSeconds" :/ && t == want { w = $0; gsub(/.*: |,?[[:space:]]*$/, "", w); print w }' "$2"
}

fit() { # fit OUT_DIR ARGS...: one quiet run of the app
  local dir="$1"; shift
  "${app[@]}" fit --arch resnet --width "$width" --epochs "$epochs" --lr "$lr" --limit "$limit" --seed 0 --backend "$backend" \
    --overwrite --out "$dir" "$@" > "$dir.log" 2>&1 || { echo "fit failed, see $dir.log" >&2; tail -5 "$dir.log" >&2; exit 1; }
}

separate_depths=()
for ((k = 1; k < depth; k *= 2)); do separate_depths+=("$k"); done
separate_depths+=("$depth")

for task in $datasets; do
  scripts/fetch-data.sh "$task" >&2
  mkdir -p "$out/$task"
  start=$(date +%s)
  echo "== $task: LPA ${LPA_ARGS:-} and E2E, depth $depth, width $width, $epochs epochs, lr $lr, limit $limit, backend $backend" >&2
  fit "$out/$task/both" --task "$task" --depth "$depth" --trainer both ${lpa_args[@]+"${lpa_args[@]}"}
  echo "== $task: LPA, layer-local form" >&2
  fit "$out/$task/layer-local" --task "$task" --depth "$depth" --trainer lpa --form LAYER_LOCAL ${lpa_args[@]+"${lpa_args[@]}"}
  mapfile -t ll < <(values lpa "$out/$task/layer-local/report.json")
  read -r -a local_acc <<< "${ll[0]}"
  mapfile -t lpa < <(values lpa "$out/$task/both/report.json")
  mapfile -t e2e < <(values e2e "$out/$task/both/report.json")
  read -r -a lpa_acc <<< "${lpa[0]}"; read -r -a e2e_acc <<< "${e2e[0]}"
  declare -A sep_acc=() sep_time=()
  sep_total=0
  for k in "${separate_depths[@]}"; do
    if [[ $k == "$depth" ]]; then
      sep_acc[$k]=${e2e_acc[$((depth - 1))]}; sep_time[$k]=${e2e[1]}
    else
      echo "== $task: separate E2E model of depth $k" >&2
      fit "$out/$task/e2e-depth-$k" --task "$task" --depth "$k" --trainer e2e
      mapfile -t sep < <(values e2e "$out/$task/e2e-depth-$k/report.json")
      read -r -a s <<< "${sep[0]}"
      sep_acc[$k]=${s[$((k - 1))]}; sep_time[$k]=${sep[1]}
    fi
    sep_total=$(awk -v a="$sep_total" -v b="${sep_time[$k]}" 'BEGIN { print a + b }')
  done
  echo
  echo "**$task** (test accuracy %, ResNet depth $depth width $width, $epochs epochs, lr $lr, limit $limit, backend $backend${LPA_ARGS:+, LPA $LPA_ARGS})"
  echo
  echo "| depth | LPA (joint) | LPA (layer-local) | E2E | separate E2E model of this depth |"
  echo "|---|---|---|---|---|"
  for ((l = 1; l <= depth; l++)); do
    sep="-"
    [[ -n "${sep_acc[$l]:-}" ]] && sep=$(awk -v a="${sep_acc[$l]}" 'BEGIN { printf "%.2f", 100 * a }')
    awk -v l="$l" -v a="${lpa_acc[$((l - 1))]}" -v c="${local_acc[$((l - 1))]}" -v b="${e2e_acc[$((l - 1))]}" -v s="$sep" \
      'BEGIN { printf "| %d | %.2f | %.2f | %.2f | %s |\n", l, 100 * a, 100 * c, 100 * b, s }'
  done
  times=""
  for k in "${separate_depths[@]}"; do times+="$(awk -v t="${sep_time[$k]}" -v k="$k" 'BEGIN { printf "d%d %.0fs, ", k, t }')"; done
  awk -v a="${lpa[1]}" -v c="${ll[1]}" -v b="${e2e[1]}" -v s="$sep_total" -v d="${times%, }" \
    'BEGIN { printf "| training time | %.0fs | %.0fs | %.0fs | %.0fs in all (%s) |\n", a, c, b, s, d }'
  echo
  echo "($task wall time of this benchmark: $(( $(date +%s) - start ))s)"
  unset sep_acc sep_time
done
