#!/usr/bin/env bash
# The image and text tasks on DJL and ND4J (the benchmarks run on TensorFlow): each fit's per-depth test tables, so a
# reader sees LPA's per-depth quality on every backend. ND4J's convolutions and attention are 5-10x slower on CPU, so its
# runs use fewer examples. Writes out/backend-proofs/NAME{,.txt}; prints the tables as markdown.
# Usage: scripts/backend-proofs.sh [djl] [nd4j]   (default both). Environment: LPA4J (default ./lpa4j).
set -euo pipefail
cd "$(dirname "$0")/.."
read -r -a app <<< "${LPA4J:-./lpa4j}"
backends=("$@"); [[ ${#backends[@]} -eq 0 ]] && backends=(djl nd4j)
out=out/backend-proofs
mkdir -p "$out"

run() { # run NAME ARGS...: one fit, its tables as markdown
  local name="$1"; shift
  local start=$SECONDS
  "${app[@]}" fit "$@" --trainer both --seed 0 --overwrite --out "$out/$name" > "$out/$name.txt" 2> "$out/$name.err" \
    || { echo "fit $name failed, see $out/$name.err" >&2; tail -3 "$out/$name.err" >&2; return 1; }
  echo; echo "### $name: fit $*  ($((SECONDS - start)) s)"
  awk '/^Test .* by depth/ {print "\n**" $0 "**\n"; inside=1; header=1; next}
       inside && NF == 0 {inside=0; next}
       inside { line="|"; for (i = 1; i <= NF; i++) line = line " " $i " |"; print line;
                if (header) { sep="|"; for (i = 1; i <= NF; i++) sep = sep "---|"; print sep; header=0 } }' "$out/$name.txt"
}

for b in "${backends[@]}"; do
  case $b in
    djl) run mnist-djl --task mnist --arch resnet --depth 6 --width 16 --epochs 3 --lr 0.01 --backend djl ;;
    nd4j) run mnist-nd4j --task mnist --arch resnet --depth 4 --width 16 --epochs 3 --lr 0.01 --limit 5000 --backend nd4j ;;
    *) echo "Unknown backend '$b'. Use djl or nd4j (the benchmarks cover tensorflow)." >&2; exit 2 ;;
  esac
  run "moby-$b" --task moby --arch transformer --depth 3 --width 32 --heads 2 --context 32 --limit 4000 --epochs 2 \
    --batch-size 32 --lr 0.003 --backend "$b"
  run "spam-$b" --task spam --arch transformer --depth 3 --width 32 --heads 2 --context 64 --limit 1500 --epochs 2 \
    --batch-size 32 --lr 0.003 --backend "$b"
done
