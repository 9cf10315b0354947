#!/usr/bin/env bash
# The benchmark: lpa4j's train step against the same step written by hand on each engine, and resident-memory
# growth over 10,000 steps; on an inference-only engine (onnxruntime) the per-depth inference latency instead, the training
# rows skipped with the reason. Builds on first use. Usage: [JAVA_OPTS=...] ./bench.sh [nd4j|djl|tensorflow|onnxruntime ...] [-- bench options]
set -euo pipefail
cd "$(dirname "$0")"
backends=()
while [[ $# -gt 0 && "$1" != "--" ]]; do backends+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
[[ ${#backends[@]} -eq 0 ]] && backends=(nd4j djl tensorflow onnxruntime)
if [[ ! -f bench/target/classpath.txt || ! -d bench/target/classes ]]; then
  echo "Building lpa4j (first use)..." >&2
  # Maven 3.8 prints bare colour resets even in batch mode with -q; strip them so a log reads clean.
  mvn -B -q install -DskipTests 2>&1 | sed $'s/\x1b\\[[0-9;]*m//g' >&2
  mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt 2>&1 | sed $'s/\x1b\\[[0-9;]*m//g' >&2
fi
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
export TF_CPP_MIN_LOG_LEVEL=2 OPT_OUT_TRACKING=true DJL_OFFLINE=true
# PyTorch's oneDNN computes wrong float32 conv2d results on some AVX-512 CPUs, with its AVX-512 and (now and then) its AVX2
# kernels; capped at SSE4.1 they are right (pom.xml and docs/extending.md say more).
export ONEDNN_MAX_CPU_ISA="${ONEDNN_MAX_CPU_ISA:-SSE41}"
for b in "${backends[@]}"; do
  # One JVM per backend, so each memory figure is that engine's alone. The heap is fixed and pre-touched, so
  # resident-memory growth measures native leaks, not the JVM first touching fresh heap pages.
  java ${JAVA_OPTS:-} -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp "$cp" org.lpa4j.bench.Bench --backend "$b" "$@"
done
