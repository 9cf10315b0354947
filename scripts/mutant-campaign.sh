#!/usr/bin/env bash
# The planted-bug campaigns: MutantCampaignTest (integration-tests; every backend-op mutant in Mutants.java against the
# suite classes and ops that can see it, on TensorFlow) and LibraryMutantCampaignTest (every one-line slip in
# LibraryMutants.java planted in the library's source, compiled, and run against the tests that can see it, each in a
# JVM of its own). Prints both kill tables: each mutant, what it plants, and the tests that killed it. Exits non-zero if
# a mutant survived, an equivalent one was rejected, or a control run failed.
# Usage: scripts/mutant-campaign.sh [ops|library]   (both by default; builds what integration-tests needs first)
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-both}
case "$which" in
  ops) tests=MutantCampaignTest; tables=(integration-tests/target/mutant-kill-table.txt) ;;
  library) tests=LibraryMutantCampaignTest; tables=(integration-tests/target/library-mutant-kill-table.txt) ;;
  both) tests=MutantCampaignTest,LibraryMutantCampaignTest
        tables=(integration-tests/target/mutant-kill-table.txt integration-tests/target/library-mutant-kill-table.txt) ;;
  *) echo "Usage: $0 [ops|library]" >&2; exit 2 ;;
esac
rm -f "${tables[@]}"
status=0
log=/tmp/mutant-campaign.$$.log
# test-compile of every module first: the library campaign runs tests of api, models, datasets and cli.
mvn -B -q -pl integration-tests -am test -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false -Dlpa4j.skipFetch=true \
  > "$log" 2>&1 || status=$?
for table in "${tables[@]}"; do
  if [[ -f "$table" ]]; then
    cat "$table"
    echo
  else
    echo "The campaign wrote no kill table $table; the build log follows." >&2
    tail -40 "$log" >&2
  fi
done
[[ $status -eq 0 ]] || echo "The campaign failed (exit $status): see the tables above and $log." >&2
exit $status
