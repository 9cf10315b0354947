#!/usr/bin/env bash
# The nd4j train step of the bench network at several ND4J thread counts, alternated in one JVM (the measurement behind
# the nd4j backend's default of one thread; -Dlpa4j.nd4j.threads changes it). Usage: scripts/nd4j-threads.sh [--threads 1,2]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f bench/target/classpath.txt || ! -d bench/target/classes ]]; then
  echo "Building lpa4j (first use)..." >&2
  mvn -B -q install -DskipTests >&2
  mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
fi
exec java -Xms1g -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.lpa4j.bench.Nd4jThreads "$@"
