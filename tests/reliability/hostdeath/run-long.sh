#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The long tier of the host-death battery: 200 trials per condition (or the count given), several at once.
# Usage: run-long.sh BUILD_DIR [TRIALS] [LANES] [CATCH_FILTER]
#   e.g. run-long.sh /work/b/mybuild            (all twelve conditions, 200 trials each, 8 lanes)
#        run-long.sh /work/b/mybuild 200 8 'hostdeath sigstop*'
# Prints one "hostdeath <fault> protocol=... p50_ms=... p99_ms=... max_ms=... bound_ms=... resumed=..." line per
# condition; exit status non-zero if any trial failed. Runs niced: the machine is shared.
set -eu
build=${1:?usage: run-long.sh BUILD_DIR [TRIALS] [LANES] [CATCH_FILTER]}
trials=${2:-200}
lanes=${3:-8}
filter=${4:-[hostdeath]}
exe="$build/tests/bin/hostdeath_tests"
[ -x "$exe" ] || { echo "run-long.sh: $exe not built (ninja hostdeath_tests)" >&2; exit 2; }
start=$(date +%s)
status=0
GALVANI_HOSTDEATH_TRIALS=$trials GALVANI_HOSTDEATH_LANES=$lanes nice -n 10 "$exe" "$filter" --durations yes || status=$?
echo "hostdeath long tier: trials=$trials lanes=$lanes took $(( $(date +%s) - start )) s"
exit $status
