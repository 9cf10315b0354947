#!/usr/bin/env bash
# Two builds of a backend module timed on the bench train step in one JVM, alternated round by round (see
# bench/.../BackendBuilds.java). Before/after a change: extract the earlier classes (e.g. `git archive`, then javac, or an
# earlier build's target/classes) and run
#   scripts/backend-builds.sh OLD_CLASSES backend-nd4j/target/classes --nd4j-threads 2,1
# ND4J thread counts on one build: scripts/backend-builds.sh backend-nd4j/target/classes backend-nd4j/target/classes --nd4j-threads 1,2
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f bench/target/classpath.txt || ! -d bench/target/classes ]]; then
  echo "Building lpa4j (first use)..." >&2
  # Maven 3.8 prints bare colour resets even in batch mode with -q; strip them so a log reads clean.
  mvn -B -q install -DskipTests 2>&1 | sed $'s/\x1b\\[[0-9;]*m//g' >&2
  mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt 2>&1 | sed $'s/\x1b\\[[0-9;]*m//g' >&2
fi
export OPT_OUT_TRACKING=true DJL_OFFLINE=true
exec java -Xms1g -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.lpa4j.bench.BackendBuilds "$@"
