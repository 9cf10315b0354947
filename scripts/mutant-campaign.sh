#!/usr/bin/env bash
# The planted-bug campaign: runs MutantCampaignTest (integration-tests; every mutant in Mutants.java against the suite
# classes and ops that can see it, on TensorFlow) and prints its kill table: each mutant, what it plants, and the suite
# tests that killed it. Exits non-zero if a mutant survived, an equivalent one was rejected, or the control run failed.
# Usage: scripts/mutant-campaign.sh   (builds what integration-tests needs first)
set -euo pipefail
cd "$(dirname "$0")/.."
table=integration-tests/target/mutant-kill-table.txt
rm -f "$table"
status=0
mvn -B -q -pl integration-tests -am test -Dtest=MutantCampaignTest -Dsurefire.failIfNoSpecifiedTests=false -Dlpa4j.skipFetch=true \
  > /tmp/mutant-campaign.$$.log 2>&1 || status=$?
if [[ -f "$table" ]]; then
  cat "$table"
else
  echo "The campaign wrote no kill table; the build log follows." >&2
  tail -40 /tmp/mutant-campaign.$$.log >&2
fi
[[ $status -eq 0 ]] || echo "The campaign failed (exit $status): see the table above and /tmp/mutant-campaign.$$.log." >&2
exit $status
