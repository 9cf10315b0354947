#!/usr/bin/env bash
# LPA against E2E wall time of `./lpa4j demo` on each backend, RUNS times each (issue 26's check: best of two on an
# idle machine at most 1.10). Prints one line per run and the best LPA/E2E ratio per backend, with the load average.
# Also prints each demo's total wall time (the build excluded: it builds once first), warm-ups included.
# Usage: scripts/demo-timing.sh [RUNS] [BACKEND ...]     (default 2 runs on tensorflow djl nd4j)
# DEMO_ARGS adds arguments to every demo, e.g. DEMO_ARGS="--threads 1" on a machine other processes keep busy.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2}; shift || true
backends=("$@"); [[ ${#backends[@]} -gt 0 ]] || backends=(tensorflow djl nd4j)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
./lpa4j --help >/dev/null   # builds on first use, so that no run's total time includes the build
read -ra extra <<<"${DEMO_ARGS:-}"
for b in "${backends[@]}"; do
  best=""
  for r in $(seq 1 "$runs"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    start=$(date +%s.%N)
    ./lpa4j demo --backend "$b" --out "$work/$b-$r" ${extra[@]+"${extra[@]}"} >/dev/null
    total=$(echo "$(date +%s.%N) - $start" | bc)
    ratio=$(python3 - "$work/$b-$r/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
t = {x["trainer"]: x["wallSeconds"] for x in r["trainers"]}
print(f'{t["lpa"]:.2f} {t["e2e"]:.2f} {t["lpa"] / t["e2e"]:.3f}')
PY
)
    read -r lpa e2e q <<<"$ratio"
    echo "$b run $r: LPA ${lpa} s, E2E ${e2e} s, LPA/E2E ${q}; the demo $(printf %.1f "$total") s in all (load before ${load})"
    if [[ -z $best ]] || (( $(echo "$q < $best" | bc -l) )); then best=$q; fi
  done
  echo "$b best of $runs: LPA/E2E $best"
done
