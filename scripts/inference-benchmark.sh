#!/usr/bin/env bash
# Shallow inference and early exit, measured. Usage: scripts/inference-benchmark.sh [latency] [exit] [crossing]
#   latency: per backend (TensorFlow, DJL, ND4J, ONNX Runtime), depth-k latency over full-depth latency beside the multiply-add ratio,
#            then 10,000 requests at random depths (latency and resident memory every 1,000). Seeded weights.
#   exit:    trains LPA models (MNIST ResNet depth 6 width 16, spam, a surface) with 'lpa4j fit' unless already in
#            $OUT, then 'lpa4j evaluate' on TensorFlow: per-depth figures and the calibrated exit policy's speedup.
#   crossing: per backend, what early exit's host routing costs per block at batch 256 (ResNet d6 w16, seeded weights):
#            a block call against a pass-through of its state (the copies an engine-resident state would save at most),
#            then the three calls of the README model's calibrated exit with the state on the engine (median, mean, p99).
#            CROSSING_ARGS (e.g. "--repeats 400") go to the bench.
# latency and exit by default. Builds on first use. Results go to stdout; OUT (default out/inference-benchmark) keeps the models.
set -euo pipefail
cd "$(dirname "$0")/.."
parts=("$@")
[[ ${#parts[@]} -eq 0 ]] && parts=(latency exit)
OUT=${OUT:-out/inference-benchmark}
LPA4J=${LPA4J:-./lpa4j}   # the command that runs lpa4j (./lpa4j builds on first use)
BACKENDS=${BACKENDS:-tensorflow djl nd4j onnxruntime}
export TF_CPP_MIN_LOG_LEVEL=2 OPT_OUT_TRACKING=true DJL_OFFLINE=true
# PyTorch's oneDNN computes wrong float32 conv2d results on some AVX-512 CPUs, with its AVX-512 and (now and then) its AVX2
# kernels; capped at SSE4.1 they are right (pom.xml and docs/extending.md say more).
export ONEDNN_MAX_CPU_ISA="${ONEDNN_MAX_CPU_ISA:-SSE41}"
for part in "${parts[@]}"; do
  case "$part" in
    latency|crossing)
      if [[ ! -f bench/target/classpath.txt || ! -f bench/target/classes/org/lpa4j/bench/InferenceBench.class || ! -f bench/target/classes/org/lpa4j/bench/ExitCrossingBench.class ]]; then
        echo "Building lpa4j (first use)..." >&2
        mvn -B -q install -DskipTests >&2
        mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
      fi
      cp="bench/target/classes:$(cat bench/target/classpath.txt)"
      for b in $BACKENDS; do
        # One JVM per backend; a fixed, pre-touched heap, so resident-memory growth is the engine's, not the heap's first touch.
        if [[ $part == latency ]]; then
          java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp "$cp" org.lpa4j.bench.InferenceBench --backend "$b" ${LATENCY_ARGS:-}
        else
          java -Xmx2g -cp "$cp" org.lpa4j.bench.ExitCrossingBench --backend "$b" ${CROSSING_ARGS:-}
        fi
      done
      ;;
    exit)
      fit() { # task, then fit options
        local task=$1; shift
        local dir="$OUT/${task//:/-}"
        if [[ ! -f "$dir/lpa/model.json" ]]; then
          $LPA4J fit --task "$task" --trainer lpa --backend tensorflow --seed 0 --out "$dir" "$@"
        fi
        echo
        echo "=== $task: lpa4j evaluate --model $dir/lpa --backend tensorflow ==="
        $LPA4J evaluate --model "$dir/lpa" --backend tensorflow --json "$dir/evaluate.json"
      }
      fit mnist --arch resnet --depth 6 --width 16 --epochs 6 --lr 0.01
      fit spam --arch transformer --depth 4 --width 48 --heads 4 --context 128 --epochs 3 --batch-size 32 --lr 0.003
      fit surface:peaks2d --arch fnn --depth 6 --width 64 --epochs 60
      ;;
    *) echo "Unknown part '$part'; use latency, exit and/or crossing." >&2; exit 2 ;;
  esac
done
