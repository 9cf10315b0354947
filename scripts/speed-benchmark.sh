#!/usr/bin/env bash
# Training speed, measured. Usage: scripts/speed-benchmark.sh [api] [lpa] [throughput]
#   api:        ./bench.sh on every backend: the lpa4j train step over the same step written by hand on the engine
#               (median of alternated rounds, repeated in two sessions to show how far two runs agree), the step's
#               FLOP rate as a share of the engine's own large matrix product, and resident memory over 10,000 steps.
#   lpa:        LPA's epoch time over E2E's (TrainerCost: the real trainers in lockstep on two threads that take turns
#               every 10 batches) on the demo (peaks2d, fnn depth 6 width 64), MNIST (resnet depth 6 width 16, 10,000
#               training images) and Moby Dick (transformer depth 4 width 64, context 64, batch 64, 3,000 windows) on
#               TensorFlow and DJL, with each trainer's training throughput (examples per second of its steps alone).
#   throughput: the demo, MNIST (2,000 images, 3 epochs) and Moby Dick (1,000 windows, 3 epochs) on ND4J, whose
#               figures complete the per-backend throughput table. Moby Dick is cut further than on the other engines:
#               an ND4J transformer training holds about 4 GB (every array of a training step, and a validation pass's
#               arrays of each shape; see "Driving ND4J fast" in docs/training-speed.md), and two run at once here.
# All three by default; each prints the load average it ran under. Builds on first use. ROUNDS (default 3) sets the
# alternated rounds of the lpa and throughput parts. THREADS (default 1) sets every engine's threads: this script's
# figures are taken on a 2-core machine that other busy processes share, where an op whose workers wait at a barrier
# for a busy core runs many times slower (docs/speed.md); THREADS=all uses the engines' default, every core.
set -euo pipefail
cd "$(dirname "$0")/.."
parts=("$@")
[[ ${#parts[@]} -eq 0 ]] && parts=(api lpa throughput)
rounds=${ROUNDS:-3}
threads=${THREADS:-1}
threading=()
[[ $threads != all ]] && threading=(--threads "$threads")
export TF_CPP_MIN_LOG_LEVEL=2 OPT_OUT_TRACKING=true DJL_OFFLINE=true
# PyTorch's oneDNN computes wrong float32 conv2d results on some AVX-512 CPUs, with its AVX-512 and (now and then) its AVX2
# kernels; capped at SSE4.1 they are right (pom.xml and docs/extending.md say more).
export ONEDNN_MAX_CPU_ISA="${ONEDNN_MAX_CPU_ISA:-SSE41}"
if [[ ! -f bench/target/classpath.txt || ! -f bench/target/classes/org/lpa4j/bench/TrainerCost.class ]]; then
  echo "Building lpa4j (first use)..." >&2
  mvn -B -q install -DskipTests 2>&1 | sed $'s/\x1b\\[[0-9;]*m//g' >&2
  mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt 2>&1 | sed $'s/\x1b\\[[0-9;]*m//g' >&2
fi
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
demo=(--task surface:peaks2d --arch fnn --depth 6 --width 64 --epochs 12)
# The networks are those of docs/quality.md; the data is cut so an epoch takes seconds, not minutes (the ratio is per epoch).
mnist=(--task mnist --arch resnet --depth 6 --width 16 --limit 10000 --epochs 4)
moby=(--task moby --arch transformer --depth 4 --width 64 --heads 4 --context 64 --batch-size 64 --limit 3000 --epochs 4)
log=$(mktemp -t speed-benchmark.XXXXXX)
cost() { # backend, then TrainerCost options: prints TrainerCost's summary line, or says where a failed run's output is
  if java -Xmx6g -cp "$cp" org.lpa4j.bench.TrainerCost --backend "$@" --rounds "$rounds" "${threading[@]}" > "$log" 2> "$log.err"; then
    tail -1 "$log"
  else
    echo "TrainerCost --backend $* failed (exit $?, killed if 137); the end of its output, all of it in $log.err:" >&2
    tail -3 "$log.err" >&2
  fi
}
for part in "${parts[@]}"; do
  echo "== $part (engine threads: $threads; $(uptime | sed 's/.*load/load/'))"
  case "$part" in
    api)
      ./bench.sh nd4j djl tensorflow -- --sessions 2 "${threading[@]}" 2>/dev/null | grep -v "^\[" ;;
    lpa)
      for task in demo mnist moby; do
        [[ $task == mnist || $task == moby ]] && scripts/fetch-data.sh "$task" >&2
        for b in tensorflow djl; do
          case $task in demo) cost "$b" "${demo[@]}" ;; mnist) cost "$b" "${mnist[@]}" ;; moby) cost "$b" "${moby[@]}" ;; esac
        done
      done ;;
    throughput)
      scripts/fetch-data.sh mnist >&2; scripts/fetch-data.sh moby >&2
      cost nd4j "${demo[@]}"
      cost nd4j --task mnist --arch resnet --depth 6 --width 16 --limit 2000 --epochs 3
      cost nd4j --task moby --arch transformer --depth 4 --width 64 --heads 4 --context 64 --batch-size 64 --limit 1000 --epochs 3 ;;
    *) echo "Unknown part '$part'; use api, lpa or throughput." >&2; exit 2 ;;
  esac
done
echo "== done ($(uptime | sed 's/.*load/load/'))"
