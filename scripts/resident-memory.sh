#!/usr/bin/env bash
# Resident memory of one command over its run: samples the command's RSS (VmRSS of its process, or of the java process
# it starts) every INTERVAL seconds (default 5), prints each sample, then the peak and the range after WARMUP seconds
# (default 60). Usage: [INTERVAL=5] [WARMUP=60] scripts/resident-memory.sh COMMAND [ARGS...], e.g.
#   scripts/resident-memory.sh ./lpa4j fit --task moby --arch transformer --depth 4 --width 64 --heads 4 --context 64 \
#       --batch-size 64 --limit 1000 --epochs 2 --trainer lpa --backend nd4j --out /tmp/run --overwrite
# The command's own output goes to a log whose path is printed; the exit status is the command's.
set -uo pipefail
interval=${INTERVAL:-5}
warmup=${WARMUP:-60}
log=$(mktemp -t resident-memory.XXXXXX)
shown="$*"
((${#shown} > 300)) && shown="${shown:0:150} ... ${shown: -150}"   # a long classpath would hide the rest
echo "== $shown ($(uptime | sed 's/.*load/load/')); output in $log"
"$@" > "$log" 2>&1 &
pid=$!
start=$SECONDS
peak=0
after_min=""
after_max=0
rss_of() { # the RSS in MiB of the process, or of its java child while one runs
  local p=$1 child
  child=$(pgrep -n -P "$p" java || true)
  [[ -n $child ]] && p=$child
  awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$p/status" 2>/dev/null
}
while kill -0 "$pid" 2>/dev/null; do
  rss=$(rss_of "$pid")
  t=$((SECONDS - start))
  if [[ -n $rss ]]; then
    echo "${t}s ${rss} MiB"
    ((rss > peak)) && peak=$rss
    if ((t >= warmup)); then
      [[ -z $after_min || $rss -lt $after_min ]] && after_min=$rss
      ((rss > after_max)) && after_max=$rss
    fi
  fi
  sleep "$interval"
done
wait "$pid"
status=$?
echo "== exit $status after $((SECONDS - start)) s; peak ${peak} MiB; after ${warmup} s: ${after_min:-none}-${after_max} MiB ($(uptime | sed 's/.*load/load/'))"
exit $status
