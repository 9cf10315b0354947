#!/usr/bin/env bash
# Runs a sweep the way a Spark cluster's users do: spark-submit with the one jar of the sweep, on a standalone cluster
# started here (a master and a worker JVM on 127.0.0.1, torn down after). No Spark distribution is installed on this
# machine, so its parts are built from the jars Maven has: SPARK_HOME/jars holds Spark's jars (the sweep module's
# provided dependencies under -Pspark-submit), and spark-submit is what Spark's script runs,
# java -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit.
# Usage: scripts/spark-submit-check.sh [--no-build] [GRID]   (default: a two-cell peaks2d grid; docs/sweeps.md)
#   --no-build: use the jar built before (sweep/target/sweep-0.1.0-SNAPSHOT-spark-submit.jar)
# Prints the time to build the jar, the spark-submit line, the sweep's output; exits 0 when every cell is complete.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
work="$root/sweep/target/spark-submit-check"
rm -rf "$work"; mkdir -p "$work/spark-home/jars" "$work/logs"

jar="$root/sweep/target/sweep-0.1.0-SNAPSHOT-spark-submit.jar"
if [[ ${1:-} == --no-build ]]; then
  shift
else
  start=$(date +%s)
  mvn -B -q install -DskipTests -pl sweep -am
  mvn -B -q -pl sweep package -DskipTests -Pspark-submit
  echo "Built $jar ($(( $(stat -c %s "$jar") / 1000000 )) MB) in $(( $(date +%s) - start )) s"
fi

# A Spark distribution's jars/: Spark, Scala and the Hadoop client, as the cluster provides them.
mvn -B -q -pl sweep -Pspark-submit dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$work/spark-jars.txt"
tr ':' '\n' < "$work/spark-jars.txt" | while read -r j; do ln -s "$j" "$work/spark-home/jars/"; done
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
# The module options Spark's launcher gives its JVMs on Java 17: one list, in the sweep module's pom.
read -ra jvm <<< "$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' sweep/pom.xml)"
spark=(java "${jvm[@]}" -Xmx512m -cp "$SPARK_HOME/jars/*")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
pids=()
cleanup() { for p in "${pids[@]}"; do pkill -TERM -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
"${spark[@]}" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$(free_port)" > "$work/logs/master.log" 2>&1 &
pids+=($!)
"${spark[@]}" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port "$(free_port)" --cores 2 --memory 2g \
  --work-dir "$work/logs/work" "spark://127.0.0.1:$port" > "$work/logs/worker.log" 2>&1 &
pids+=($!)

grid=${1:-}
if [[ -z $grid ]]; then
  grid="$work/grid.yaml"
  cat > "$grid" <<'YAML'
settings: {task: surface:peaks2d, arch: fnn, width: 8, epochs: 2, examples: 200, batch-size: 50, trainer: "lpa,e2e", backend: tensorflow}
axes:
  depth: [2]
  seed: [0, 1]
YAML
fi
# The sweep writes through Hadoop's FileSystem API (a file:// URI here; hdfs://... on a cluster).
submit=("${spark[@]}" org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$port" --conf spark.driver.host=127.0.0.1
  --conf spark.executor.memory=2g --conf spark.cores.max=2 --class org.lpa4j.cli.Lpa4jCli "$jar"
  sweep --grid "$grid" --out "file://$work/out")
echo "spark-submit line (Spark's script runs the same): spark-submit ${submit[*]:$((${#spark[@]} + 1))}"
start=$(date +%s)
"${submit[@]}" 2> "$work/logs/driver.log"
echo "spark-submit ran the sweep in $(( $(date +%s) - start )) s (logs: $work/logs)"
