#!/usr/bin/env bash
# The Transformer figures: LPA against E2E on Moby Dick (test bits per character by depth) and on SpamAssassin
# (test accuracy by depth), a sample generated at depths 1, L/2 and L, and the training times, printed as markdown.
# Usage: scripts/text-benchmark.sh [backend]   (default tensorflow, the fastest on CPU; about 20 minutes on 2 cores)
# LPA4J_COMMAND overrides the command that runs the CLI (default ./lpa4j, which builds on first use); LPA_ARGS adds fit
# options for LPA and E2E alike (e.g. "--weighting ADAPTIVE"; E2E ignores LPA's).
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${1:-tensorflow}"
lpa4j="${LPA4J_COMMAND:-./lpa4j}"
read -r -a lpa_args <<< "${LPA_ARGS:-}"
out="out/text-benchmark/$backend"
depth=4
moby=(--task moby --arch transformer --depth "$depth" --width 64 --heads 4 --context 64 --epochs 5 --batch-size 64 --lr 0.003)
spam=(--task spam --arch transformer --depth "$depth" --width 48 --heads 4 --context 128 --epochs 3 --batch-size 32 --lr 0.003)
prompt="Call me Ishmael. "

# Turns the CLI's per-depth tables (a "Test ... by depth" title, a header, rows up to a blank line) into markdown.
tables() {
  awk '/^Test .* by depth/ {print "\n**" $0 "**\n"; inside=1; header=1; next}
       inside && NF == 0 {inside=0; next}
       inside { line="|"; for (i = 1; i <= NF; i++) line = line " " $i " |"; print line;
                if (header) { sep="|"; for (i = 1; i <= NF; i++) sep = sep "---|"; print sep; header=0 } }' "$1"
}

mkdir -p "$out"
start=$SECONDS
echo "Text benchmark on $backend ($(date -u +%Y-%m-%dT%H:%MZ)), seed 0${LPA_ARGS:+, LPA $LPA_ARGS}; every number below is from this run." >&2
"$lpa4j" fit "${moby[@]}" --trainer both --seed 0 ${lpa_args[@]+"${lpa_args[@]}"} --backend "$backend" --overwrite --out "$out/moby" > "$out/moby.txt"
"$lpa4j" fit "${spam[@]}" --trainer both --seed 0 ${lpa_args[@]+"${lpa_args[@]}"} --backend "$backend" --overwrite --out "$out/spam" > "$out/spam.txt"
for k in 1 $((depth / 2)) "$depth"; do
  "$lpa4j" generate --model "$out/moby" --depth "$k" --prompt "$prompt" --length 200 --seed 0 --backend "$backend" > "$out/sample-$k.txt"
done

echo "## Moby Dick, next character (${moby[*]:2})"
tables "$out/moby.txt"
echo
echo "## SpamAssassin, ham vs spam (${spam[*]:2})"
tables "$out/spam.txt"
echo
echo "## Samples from LPA's readouts (prompt \"$prompt\", 200 characters, temperature 0.8, seed 0)"
for k in 1 $((depth / 2)) "$depth"; do
  echo
  echo "Depth $k of $depth:"
  echo
  echo '```'
  tail -n +2 "$out/sample-$k.txt"
  echo '```'
done
echo
echo "Wall time of the whole benchmark: $((SECONDS - start)) s on $backend."
