#!/usr/bin/env bash
# Both ends at once (issue 24): LPA variants against E2E and the separate model of depth 1, over seeds, on one task;
# prints one markdown row per variant: accuracy (or the task's metric) and cross-entropy (its second metric) at every
# depth, depth 1 against its separate model (not for text tasks, whose reference is E2E alone), the last depth against
# E2E. Every number is from this run; docs/depth-quality.md holds its tables.
# Usage: scripts/depth-quality-variants.sh TASK [backend]   (TASK: digits, mnist, fashion-mnist, surface:NAME, spam, moby;
#        backend default tensorflow)
# The settings are the docs' (digits: the issue's ResNet depth 4, width 16, 40 epochs, seeds 0-4).
# Environment: VARIANTS ("name:flags;name:flags", default "default:"), SEEDS (digits 0-4, others 0,1,2),
#   REFERENCE (1: train E2E and the separate model of depth 1 once per OUT folder, kept for later runs; 0: not),
#   REUSE (1: a variant whose report.json is already in the OUT folder is printed, not trained again),
#   LIMIT (training images of mnist / fashion-mnist, training windows of moby; 0 = all), OUT (out/both-ends), LPA4J (./lpa4j).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v jq > /dev/null || { echo "This script reads report.json with jq, which is not installed; install it (e.g. apt-get install jq)." >&2; exit 1; }
task="${1:?name a task: digits, mnist, fashion-mnist, surface:NAME, spam or moby}"
backend="${2:-tensorflow}"
read -r -a app <<< "${LPA4J:-./lpa4j}"
limit=()
[[ -n "${LIMIT:-}" && "${LIMIT:-0}" != 0 ]] && limit=(--limit "$LIMIT")
case $task in
  digits) setting=(--arch resnet --depth 4 --width 16 --epochs 40); seeds="${SEEDS:-0,1,2,3,4}" ;;
  mnist|fashion-mnist) setting=(--arch resnet --depth 6 --width 16 --epochs 6 --lr 0.01 ${limit[@]+"${limit[@]}"}); seeds="${SEEDS:-0,1,2}" ;;
  surface:*) setting=(--arch fnn --depth 6 --width 64 --epochs 60); seeds="${SEEDS:-0,1,2,3,4}" ;;
  spam) setting=(--arch transformer --depth 4 --width 48 --heads 4 --context 128 --epochs 3 --batch-size 32 --lr 0.003); seeds="${SEEDS:-0,1,2}" ;;
  moby) setting=(--arch transformer --depth 4 --width 64 --heads 4 --context 64 --epochs 5 --batch-size 64 --lr 0.003 ${limit[@]+"${limit[@]}"}); seeds="${SEEDS:-0,1,2}" ;;
  *) echo "Unknown task '$task': use digits, mnist, fashion-mnist, surface:NAME, spam or moby." >&2; exit 1 ;;
esac
out="${OUT:-out/both-ends}/$backend/${task//:/-}${LIMIT:+-limit$LIMIT}"
mkdir -p "$out"
fit() { # fit DIR ARGS...: one quiet multi-seed run of the app, its output in DIR.log
  local dir="$1"; shift
  "${app[@]}" fit --backend "$backend" --task "$task" "${setting[@]}" --seeds "$seeds" --overwrite --out "$dir" "$@" > "$dir.log" 2>&1 \
    || { echo "fit failed, see $dir.log" >&2; tail -5 "$dir.log" >&2; exit 1; }
}
ref="$out/reference"
if [[ ${REFERENCE:-1} == 1 && ! -f "$ref/report.json" ]]; then
  case $task in
    spam|moby) fit "$ref" --trainer e2e ;;   # a text model's reference is E2E's last depth
    *) fit "$ref" --trainer e2e,separate --separate-depths 1 ;;
  esac
fi
echo "**$task** (${setting[*]}, seeds $seeds, $backend; $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)): mean over seeds"
echo
# metric and second metric per depth, scaled to points for accuracy; depth 1 - separate depth 1, last - E2E last.
jq_defs='def col($r; $t): $r.trainers[] | select(.trainer == $t);
         def sec($r; $t): $r.secondary[] | select(.trainer == $t);
         def sc($r): if $r.lowerIsBetter then 1 else 100 end;
         def r4: (. * 10000 | round) / 10000;
         def r2: (. * 100 | round) / 100;
         def rr($r): if $r.lowerIsBetter then r4 else r2 end;'
if [[ -f "$ref/report.json" ]]; then
  jq -r "$jq_defs"' . as $r | sc($r) as $s
      | "| E2E | \([col($r; "e2e").mean[] * $s | rr($r)] | join(", ")) | \([sec($r; "e2e").mean[] | r4] | join(", ")) | | |",
        (if any($r.trainers[]; .trainer == "separate") then "| separate depth 1 | \(col($r; "separate").mean[0] * $s | rr($r)) | \(sec($r; "separate").mean[0] | r4) | | |" else empty end)' "$ref/report.json"
fi
echo "| variant | $(jq -r '.metric' "$ref/report.json" 2>/dev/null || echo metric) by depth | second metric by depth | depth 1 - separate | last - E2E |"
echo "|---|---|---|---|---|"
IFS=';' read -r -a variants <<< "${VARIANTS:-default:}"
for v in "${variants[@]}"; do
  name="${v%%:*}"; read -r -a opts <<< "${v#*:}"
  dir="$out/${name// /-}"
  [[ ${REUSE:-0} == 1 && -f "$dir/report.json" ]] || fit "$dir" --trainer lpa ${opts[@]+"${opts[@]}"}
  jq -r --slurpfile ref <(cat "$ref/report.json" 2>/dev/null || echo null) "$jq_defs"' . as $r | sc($r) as $s | $ref[0] as $f
      | col($r; "lpa").mean as $m
      | "| '"$name"' | \([$m[] * $s | rr($r)] | join(", ")) | \([sec($r; "lpa").mean[] | r4] | join(", ")) | "
        + (if $f == null then " | |" else "\(if any($f.trainers[]; .trainer == "separate") then ($m[0] - col($f; "separate").mean[0]) * $s | rr($r) else "-" end) | \(($m[-1] - col($f; "e2e").mean[-1]) * $s | rr($r)) |" end)' "$dir/report.json"
done
# The surfaces' own targets, run by run (docs/quality.md): LPA monotone (no depth more than 2% above the one before) and
# its last depth within 10% of E2E's in the same seed.
if [[ $task == surface:* && -f "$ref/report.json" ]]; then
  echo
  echo "| variant | monotone runs (no depth > 2% above the one before) | last depth within 10% of E2E's (same seed) | worst last / E2E |"
  echo "|---|---|---|---|"
  for v in "${variants[@]}"; do
    name="${v%%:*}"; dir="$out/${name// /-}"
    jq -r --slurpfile ref "$ref/report.json" '[.runs[] | .seed as $s | {lpa: (.trainers[] | select(.trainer == "lpa") | .values),
          e2e: ($ref[0].runs[] | select(.seed == $s) | .trainers[] | select(.trainer == "e2e") | .values)}] as $runs
        | ($runs | map(.lpa as $v | [range(1; $v | length) | select($v[.] > 1.02 * $v[. - 1])] | length == 0) | map(select(.)) | length) as $mono
        | ($runs | map(.lpa[-1] / .e2e[-1])) as $ratio
        | "| '"$name"' | \($mono) of \($runs | length) | \($ratio | map(select(. <= 1.1)) | length) of \($runs | length) | \($ratio | max * 1000 | round / 1000) |"' "$dir/report.json"
  done
fi
