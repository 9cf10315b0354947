#!/usr/bin/env bash
# The figures of "every depth as good as a model trained for it, the last as good as E2E, on any seed" (issue 14),
# printed as markdown from multi-seed fits (fit --seeds, fit --trainer lpa,e2e,separate); every number is from this run.
# Usage: scripts/depth-quality-benchmark.sh [backend]   (default tensorflow, the fastest on CPU)
# Environment:
#   PARTS     which parts to run, in order (default "options surfaces images text"):
#             options  - each LPA option against the default, over SEEDS, on the four surfaces and on digits
#             surfaces - the four surfaces x 5 seeds (depth 6, width 64): monotone runs, final error within 10% of E2E's
#             images   - MNIST and Fashion-MNIST (ResNet depth 6, width 16, 6 epochs), 3 seeds: LPA against the separate
#                        model of every depth and against E2E (hours on 2 cores; SEPARATE_DEPTHS="1,2" to shorten)
#             text     - spam and Moby Dick (the settings of docs/quality.md), 3 seeds: monotone, last depth against E2E
#   OPTION_TASKS (the tasks of "options": "oscillation1d peaks2d discontinuous2d smooth3d digits"; mnist and
#   fashion-mnist take the images' setting), VARIANTS (the LPA settings of "options", "name:flags;name:flags";
#   default: adaptive weights, uniform weights, and each option alone on adaptive weights), REFERENCE (1: "options" also runs E2E and the
#   separate models of depth 1-3 per task; 0: not),
#   SEEDS (0,1,2), SURFACE_SEEDS (0,1,2,3,4), SEPARATE_DEPTHS (all), IMAGE_SETS ("mnist fashion-mnist"),
#   TEXT_TASKS ("spam moby"),
#   LPA_ARGS (LPA options for every part but "options", e.g. "--distill 0.5"), OUT (out/depth-quality),
#   LPA4J (the command that runs the app; default ./lpa4j, which builds on first use).
# Reads each report.json with jq.
set -euo pipefail
cd "$(dirname "$0")/.."
# jq comes from Debian's packages when missing, as .ci/run installs strace.
if ! command -v jq > /dev/null && command -v apt-get > /dev/null; then
  { apt-get install -y -q jq || { apt-get update -q && apt-get install -y -q jq; }; } > /dev/null 2>&1 || true
fi
command -v jq > /dev/null || { echo "This script reads report.json with jq, which is not installed and could not be installed; install it (e.g. apt-get install jq)." >&2; exit 1; }
backend="${1:-tensorflow}"
parts="${PARTS:-options surfaces images text}"
seeds="${SEEDS:-0,1,2}"; surface_seeds="${SURFACE_SEEDS:-0,1,2,3,4}"
out="${OUT:-out/depth-quality}/$backend"
read -r -a app <<< "${LPA4J:-./lpa4j}"
read -r -a lpa_args <<< "${LPA_ARGS:-}"
separate=()
[[ -n "${SEPARATE_DEPTHS:-}" ]] && separate=(--separate-depths "$SEPARATE_DEPTHS")
surfaces="oscillation1d peaks2d discontinuous2d smooth3d"
mkdir -p "$out"

fit() { # fit DIR ARGS...: one quiet multi-seed run of the app, its output in DIR.log
  local dir="$1"; shift
  "${app[@]}" fit --backend "$backend" --overwrite --out "$dir" "$@" > "$dir.log" 2>&1 || { echo "fit failed, see $dir.log" >&2; tail -5 "$dir.log" >&2; exit 1; }
}

# jq helpers on a multi-seed report.json: a column, a seed's values of a trainer, and "mean ± spread" at a depth (scaled,
# rounded to 1/digits; "-" where the column has no value, which report.json writes as "NaN").
jq_defs='def col($t): .trainers[] | select(.trainer == $t);
         def run($r; $t): $r.trainers[] | select(.trainer == $t) | .values;
         def fmt($m; $sd; $scale; $digits): if ($m | type) != "number" then "-"
           else "\(($m * $scale * $digits | round) / $digits) ± \(($sd * $scale * $digits | round) / $digits)" end;
         def pm($t; $l; $scale; $digits): col($t) | fmt(.mean[$l - 1]; .spread[$l - 1]; $scale; $digits);
         def gap($l; $scale; $digits): .gaps[0] | fmt(.mean[$l - 1]; .spread[$l - 1]; $scale; $digits);'

echo "Depth-quality benchmark on $backend ($(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)); every number below is from this run."

if [[ " $parts " == *" options "* ]]; then
  # Each option alone on top of joint + adaptive (named, so the rows do not move with the default), and uniform weights; E2E for scale.
  IFS=';' read -r -a variants <<< "${VARIANTS:-adaptive weights:--weighting ADAPTIVE;uniform weights:--weighting UNIFORM;distill 0.5:--weighting ADAPTIVE --distill 0.5;balance:--weighting ADAPTIVE --balance;uniform 20 epochs, then adaptive:--weighting ADAPTIVE --uniform-epochs 20;layer dropout 0.1:--weighting ADAPTIVE --layer-dropout 0.1}"
  for task in ${OPTION_TASKS:-$surfaces digits}; do
    if [[ $task == mnist || $task == fashion-mnist ]]; then
      setting=(--task "$task" --arch resnet --depth 6 --width 16 --epochs 6 --lr 0.01); metric="test accuracy %"; scale=100; digits=100
    elif [[ $task == digits ]]; then
      setting=(--task digits --arch resnet --depth 6 --width 16 --epochs 20 --lr 0.01); metric="test accuracy %"; scale=100; digits=100
    else
      setting=(--task "surface:$task" --arch fnn --depth 6 --width 64 --epochs 60); metric="test relative L2 error"; scale=1; digits=10000
    fi
    echo; echo "**$task** ($metric, mean ± sample standard deviation over seeds $seeds; ${setting[*]:2})"; echo
    echo "| LPA setting | depth 1 | depth 2 | depth 3 | depth 6 | monotone runs (2%) | time |"; echo "|---|---|---|---|---|---|---|"
    for v in "${variants[@]}"; do
      name="${v%%:*}"; read -r -a opts <<< "${v#*:}"
      dir="$out/options/$task-${name// /-}"; mkdir -p "$(dirname "$dir")"
      fit "$dir" "${setting[@]}" --trainer lpa --seeds "$seeds" ${opts[@]+"${opts[@]}"}
      jq -r --argjson s "$scale" --argjson d "$digits" "$jq_defs"' . as $r | [.runs[] | run(.; "lpa") as $v
          | [range(1; $v | length) | select(($r.lowerIsBetter and $v[.] > 1.02 * $v[. - 1]) or ((($r.lowerIsBetter | not)) and $v[.] < $v[. - 1] - 0.02))]
          | length == 0] | "| '"$name"' | \($r | pm("lpa"; 1; $s; $d)) | \($r | pm("lpa"; 2; $s; $d)) | \($r | pm("lpa"; 3; $s; $d)) | \($r | pm("lpa"; 6; $s; $d)) | \(map(select(.)) | length) of \(length) | \($r | col("lpa") | .meanWallSeconds | round)s |"' "$dir/report.json"
    done
    [[ ${REFERENCE:-1} == 1 ]] || continue
    dir="$out/options/$task-e2e-separate"
    fit "$dir" "${setting[@]}" --trainer e2e,separate --separate-depths 1,2,3 --seeds "$seeds"
    jq -r --argjson s "$scale" --argjson d "$digits" "$jq_defs"' . as $r
        | "| E2E | \(pm("e2e"; 1; $s; $d)) | \(pm("e2e"; 2; $s; $d)) | \(pm("e2e"; 3; $s; $d)) | \(pm("e2e"; 6; $s; $d)) | | \(col("e2e") | .meanWallSeconds | round)s |",
          "| separate model of each depth | \(pm("separate"; 1; $s; $d)) | \(pm("separate"; 2; $s; $d)) | \(pm("separate"; 3; $s; $d)) | \(pm("separate"; 6; $s; $d)) | | \(col("separate") | .meanWallSeconds | round)s |"' "$dir/report.json"
  done
fi

if [[ " $parts " == *" surfaces "* ]]; then
  echo; echo "**Surfaces** (fnn depth 6 width 64, 60 epochs, seeds $surface_seeds${LPA_ARGS:+, LPA $LPA_ARGS}; test relative L2 error)"; echo
  echo "| surface | LPA monotone runs (no depth > 2% above the one before) | final within 10% of E2E | worst final LPA / E2E | mean final LPA | mean final E2E |"
  echo "|---|---|---|---|---|---|"
  for task in $surfaces; do
    dir="$out/surfaces/$task"; mkdir -p "$(dirname "$dir")"
    fit "$dir" --task "surface:$task" --arch fnn --depth 6 --width 64 --epochs 60 --trainer lpa,e2e --seeds "$surface_seeds" ${lpa_args[@]+"${lpa_args[@]}"}
    jq -r "$jq_defs"' [.runs[] | {lpa: run(.; "lpa"), e2e: run(.; "e2e")}] as $runs
        | ($runs | map(.lpa as $v | [range(1; $v | length) | select($v[.] > 1.02 * $v[. - 1])] | length == 0) | map(select(.)) | length) as $mono
        | ($runs | map(.lpa[-1] / .e2e[-1])) as $ratio
        | "| '"$task"' | \($mono) of \($runs | length) | \($ratio | map(select(. <= 1.1)) | length) of \($runs | length) | \($ratio | max * 1000 | round / 1000) | \(pm("lpa"; 6; 1; 10000)) | \(pm("e2e"; 6; 1; 10000)) |"' "$dir/report.json"
  done
fi

if [[ " $parts " == *" images "* ]]; then
  for task in ${IMAGE_SETS:-mnist fashion-mnist}; do
    scripts/fetch-data.sh "$task" >&2
    dir="$out/images/$task"; mkdir -p "$(dirname "$dir")"
    fit "$dir" --task "$task" --arch resnet --depth 6 --width 16 --epochs 6 --lr 0.01 --trainer lpa,e2e,separate --seeds "$seeds" \
      ${separate[@]+"${separate[@]}"} ${lpa_args[@]+"${lpa_args[@]}"}
    echo; echo "**$task** (test accuracy %, ResNet depth 6 width 16, 6 epochs, lr 0.01, mean ± sample standard deviation over seeds $seeds${LPA_ARGS:+, LPA $LPA_ARGS})"; echo
    echo "| depth | LPA | separate model of this depth | LPA - separate (points) | E2E |"; echo "|---|---|---|---|---|"
    jq -r "$jq_defs"' range(1; .depth + 1) as $l | "| \($l) | \(pm("lpa"; $l; 100; 100)) | \(pm("separate"; $l; 100; 100)) | \(gap($l; 100; 100)) | \(pm("e2e"; $l; 100; 100)) |"' "$dir/report.json"
    jq -r "$jq_defs"' "| training time (mean per seed) | \(col("lpa").meanWallSeconds | round)s | \(col("separate").meanWallSeconds | round)s in all | | \(col("e2e").meanWallSeconds | round)s |"' "$dir/report.json"
  done
fi

if [[ " $parts " == *" text "* ]]; then
  echo; echo "**Text** (seeds $seeds${LPA_ARGS:+, LPA $LPA_ARGS}; the settings of docs/quality.md)"; echo
  echo "| task | metric | LPA by depth (mean ± sd) | E2E last depth | LPA last - E2E last | monotone runs |"; echo "|---|---|---|---|---|---|"
  for task in ${TEXT_TASKS:-spam moby}; do
    scripts/fetch-data.sh "$task" >&2
    if [[ $task == moby ]]; then
      setting=(--task moby --arch transformer --depth 4 --width 64 --heads 4 --context 64 --epochs 5 --batch-size 64 --lr 0.003)
    else
      setting=(--task spam --arch transformer --depth 4 --width 48 --heads 4 --context 128 --epochs 3 --batch-size 32 --lr 0.003)
    fi
    dir="$out/text/$task"; mkdir -p "$(dirname "$dir")"
    fit "$dir" "${setting[@]}" --trainer lpa,e2e --seeds "$seeds" ${lpa_args[@]+"${lpa_args[@]}"}
    jq -r "$jq_defs"' . as $r | (if .lowerIsBetter then 1 else 100 end) as $s
        | [.runs[] | run(.; "lpa") as $v | [range(1; $v | length) | select(($r.lowerIsBetter and $v[.] > 1.02 * $v[. - 1]) or (($r.lowerIsBetter | not) and $v[.] < $v[. - 1] - 0.02))] | length == 0] as $mono
        | (col("lpa").mean[-1] - col("e2e").mean[-1]) as $gap
        | "| '"$task"' | \(.metric) | \([range(1; .depth + 1) as $l | $r | pm("lpa"; $l; $s; 10000)] | join(", ")) | \(pm("e2e"; .depth; $s; 10000))"
          + " | \(if .lowerIsBetter then "\(($gap / col("e2e").mean[-1] * 10000 | round) / 100)% of E2E" else "\(($gap * 10000 | round) / 100) points" end)"
          + " | \($mono | map(select(.)) | length) of \($mono | length) |"' "$dir/report.json"
  done
fi
