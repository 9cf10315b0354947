#!/usr/bin/env bash
# TensorFlow serving speed of this checkout against an earlier revision's TensorFlow backend, measured in one session
# with the two alternating (and ONNX Runtime beside them as a load reference), so that their ratio survives a loaded
# machine. Usage: scripts/tensorflow-before-after.sh REV [ROUNDS] [MODEL]
#   REV:    the revision whose backend-tensorflow classes are "before" (compiled here into a temporary folder and put
#           ahead of this checkout's on the classpath; the rest of the classpath is this checkout's).
#   ROUNDS: rounds (default 2); each runs InferenceBench's depth-k latency table (151 calls per depth, batch 256) for
#           before, after and onnxruntime, then, when MODEL is given, `evaluate --repeats 31 --no-save` on MODEL (the
#           calibrated exit against full depth at batch 1 and 256) for the same three, the order of before and after
#           swapped every round.
# Needs bench/ and cli/ built with their target/classpath.txt (./bench.sh and ./lpa4j make them). Prints each run's
# resnet table or speedup line with the load average at its start; full logs stay in $OUT (default
# out/tensorflow-before-after).
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: scripts/tensorflow-before-after.sh REV [ROUNDS] [MODEL]}
rounds=${2:-2}
model=${3:-}
OUT=${OUT:-out/tensorflow-before-after}
mkdir -p "$OUT"
for f in bench/target/classpath.txt cli/target/classpath.txt; do
  [[ -f $f ]] || { echo "error: $f is missing; run ./bench.sh and ./lpa4j once to build them." >&2; exit 2; }
done
old=$(mktemp -d); trap 'rm -rf "$old"' EXIT
git archive "$rev" backend-tensorflow/src/main/java | tar -x -C "$old"
mkdir -p "$old/classes"
javac -nowarn -d "$old/classes" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" $(find "$old/backend-tensorflow" -name '*.java') 2>&1 \
  | grep -v '^Note:' >&2 || true
export TF_CPP_MIN_LOG_LEVEL=2 OPT_OUT_TRACKING=true DJL_OFFLINE=true
# As ./lpa4j and ./bench.sh run (the cap is for PyTorch's oneDNN; TensorFlow's oneDNN reads it too).
export ONEDNN_MAX_CPU_ISA="${ONEDNN_MAX_CPU_ISA:-SSE41}"
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"
cli_cp="cli/target/classes:$(cat cli/target/classpath.txt)"
run() {   # run NAME FIRST_CLASSPATH_ENTRY BACKEND KIND
  local name=$1 first=$2 backend=$3 kind=$4 log
  log="$OUT/$kind-$name-round$r.log"
  echo "== $kind, $name ($backend), round $r, $(date -u +%T) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ $kind == latency ]]; then
    java -Xmx2g -cp "$first$bench_cp" org.lpa4j.bench.InferenceBench --backend "$backend" --repeats 151 --requests 1 >"$log" 2>&1
    awk '/resnet depth 6/{p=1} p&&/^\| [1-6] \|/{print} /mlp depth/{p=0}' "$log"
  else
    java -Xmx6g -cp "$first$cli_cp" org.lpa4j.cli.Lpa4jCli evaluate --model "$model" --backend "$backend" --repeats 31 --no-save >"$log" 2>&1
    grep -E 'measured speedup|^\| [1-6] \|' "$log"
  fi
}
for r in $(seq 1 "$rounds"); do
  for kind in latency ${model:+exit}; do
    if (( r % 2 == 1 )); then order=(before after); else order=(after before); fi
    for v in "${order[@]}"; do
      if [[ $v == before ]]; then run before "$old/classes:" tensorflow "$kind"; else run after "" tensorflow "$kind"; fi
    done
    run onnxruntime "" onnxruntime "$kind"
  done
done
