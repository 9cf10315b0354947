#!/usr/bin/env bash
# The table of docs/nested-network.md: `lpa4j construct` for three functions, d = 1 and 2, N = 2 and 3, printed as one
# markdown table (network error and certified bound per readout; beyond the decoded depth the host's E_l f, labelled).
# Usage: scripts/construct-table.sh [backend]   (default djl). Environment: SEARCH_STEPS (1000000), P (2),
# OUT (out/construct-table), LPA4J (the command that runs the app; default ./lpa4j).
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${1:-djl}"
steps="${SEARCH_STEPS:-1000000}"; p="${P:-2}"; out="${OUT:-out/construct-table}"
read -r -a app <<< "${LPA4J:-./lpa4j}"
# dim base depth: the terminal depth runs a little past where float64 decoding stops, to show the E_l f fallback.
cases=("1 2 6" "1 3 4" "2 2 4" "2 3 3")
mkdir -p "$out"
start=$SECONDS
echo "| function | d | N | l | network | certified bound | E_l f (host) | E_l bound | params |"
echo "|---|---|---|---|---|---|---|---|---|"
for c in "${cases[@]}"; do
  read -r d n depth <<< "$c"
  for f in lipschitz hoelder jump; do
    dir="$out/$f-d$d-N$n"
    # construct exits 1 when a readout misses its bound: the table is still printed, and the failure shows in it.
    "${app[@]}" construct --function "$f" --dim "$d" --base "$n" --depth "$depth" --p "$p" --backend "$backend" \
      --search-steps "$steps" --out "$dir" > "$dir.log" 2>&1 || echo "construct $f d=$d N=$n exited $?: see $dir.log" >&2
    awk -v f="$f" -v d="$d" -v n="$n" -v decoded=0 '
      function num(s) { gsub(/.*: |,?[[:space:]]*$/, "", s); return s }
      function fmt(s) { return s == "null" ? "-" : sprintf("%.4g", s) }
      /"decodedDepth"/ { decoded = num($0) }
      /"rows" :/ { rows = 1 }
      !rows { next }
      /"level" :/ { level = num($0) }
      /"networkError" :/ { net = num($0) }
      /"certifiedBound" :/ { bound = num($0) }
      /"cellAverageError" :/ { avg = num($0) }
      /"cellAverageBound" :/ { avgBound = num($0) }
      /"parameters" :/ { params = num($0) }
      /^  }/ { if (level > 0) {
          network = level <= decoded ? fmt(net) : "- (E_l f only)"
          printf "| %s | %d | %d | %d | %s | %s | %s | %s | %s |\n", f, d, n, level, network, fmt(bound), fmt(avg), fmt(avgBound), level <= decoded ? params : "-"
        } level = 0; if ($0 ~ /^  } \]/) rows = 0 }' "$dir/report.json"
  done
done
echo
echo "($(date -u +%Y-%m-%d), backend $backend, p = $p, decoder search steps $steps; wall time $((SECONDS - start)) s)"
