#!/usr/bin/env bash
# Serving speed of this checkout against an earlier revision, measured in one session with the two alternating, so
# that their ratio survives a loaded machine. Usage: scripts/serving-before-after.sh REV [ROUNDS] [MODEL]
#   REV:     the revision whose api, onnx, backend-onnxruntime and backend-tensorflow classes are "before" (those of them
#            that exist there, compiled here into a temporary folder and put ahead of this checkout's on the
#            classpath; the rest of the classpath is this checkout's).
#   ROUNDS:  rounds (default 2); each runs InferenceBench's depth-k latency table (151 calls per depth, batch 256) for
#            before and after on every engine of ENGINES, then, when MODEL is given, `evaluate --repeats 31 --no-save`
#            on MODEL (the calibrated exit against full depth at batch 1 and 256), the order of before and after
#            swapped every round.
#   ENGINES: (environment) the engines, default "tensorflow@ALL tensorflow@SSE41 onnxruntime": a backend name, and
#            after '@' the value of ONEDNN_MAX_CPU_ISA for it (ALL: uncapped, as ./lpa4j runs TensorFlow; SSE41: as
#            ./lpa4j runs DJL, and as the scripts ran every engine before).
# Needs bench/ and cli/ built with their target/classpath.txt (./bench.sh and ./lpa4j make them). Prints each run's
# resnet table or speedup line with the load average at its start; full logs stay in $OUT (default
# out/serving-before-after).
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: scripts/serving-before-after.sh REV [ROUNDS] [MODEL]}
rounds=${2:-2}
model=${3:-}
engines=${ENGINES:-tensorflow@ALL tensorflow@SSE41 onnxruntime}
OUT=${OUT:-out/serving-before-after}
mkdir -p "$OUT"
for f in bench/target/classpath.txt ${model:+cli/target/classpath.txt}; do
  [[ -f $f ]] || { echo "error: $f is missing; run ./bench.sh and ./lpa4j once to build them." >&2; exit 2; }
done
old=$(mktemp -d); trap 'rm -rf "$old"' EXIT
for m in api onnx backend-onnxruntime backend-tensorflow; do
  if git cat-file -e "$rev:$m/src/main/java" 2>/dev/null; then git archive "$rev" "$m/src/main/java" | tar -x -C "$old"; fi
done
mkdir -p "$old/classes"
javac -nowarn -d "$old/classes" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" $(find "$old" -name '*.java') 2>&1 \
  | grep -v '^Note:' >&2 || true
export TF_CPP_MIN_LOG_LEVEL=2 OPT_OUT_TRACKING=true DJL_OFFLINE=true
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"
cli_cp=""; [[ -n $model ]] && cli_cp="cli/target/classes:$(cat cli/target/classpath.txt)"
run() {   # run NAME FIRST_CLASSPATH_ENTRY ENGINE KIND
  local name=$1 first=$2 backend=${3%@*} isa=ALL kind=$4 log
  [[ $3 == *@* ]] && isa=${3#*@}
  log="$OUT/$kind-${3/@/-}-$name-round$r.log"
  echo "== $kind, $name ($3), round $r, $(date -u +%T) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ $kind == latency ]]; then
    ONEDNN_MAX_CPU_ISA=$isa java -Xmx2g -cp "$first$bench_cp" org.lpa4j.bench.InferenceBench --backend "$backend" --repeats 151 \
      --requests 1 >"$log" 2>&1
    awk '/resnet depth 6/{p=1} p&&/^\| [1-6] \|/{print} /mlp depth/{p=0}' "$log"
  else
    ONEDNN_MAX_CPU_ISA=$isa java -Xmx6g -cp "$first$cli_cp" org.lpa4j.cli.Lpa4jCli evaluate --model "$model" --backend "$backend" \
      --repeats 31 --no-save >"$log" 2>&1
    grep -E 'measured speedup|^\| [1-6] \|' "$log"
  fi
}
for r in $(seq 1 "$rounds"); do
  for kind in latency ${model:+exit}; do
    if (( r % 2 == 1 )); then order=(before after); else order=(after before); fi
    for e in $engines; do
      for v in "${order[@]}"; do
        if [[ $v == before ]]; then run before "$old/classes:" "$e" "$kind"; else run after "" "$e" "$kind"; fi
      done
    done
  done
done
