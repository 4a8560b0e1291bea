#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Long tier of the power-loss battery (README.md in this folder): the synchronous=FULL and synchronous=NORMAL runs
# with more trials, plus, once each, the shim's self-test, the synchronous=OFF check and the exit/restart sweep.
#
#   tests/reliability/powerloss/run-long.sh <build-dir> [trials-per-run] [seed]
#
# trials-per-run: default 10000 (about 7–8 minutes per run on the 2-core VM; ctest runs 1000). seed: default the
# tests' fixed one; a different seed draws other cut points and losses. Failing images are kept under
# <build-dir>/powerloss-kept/ (GALVANI_POWERLOSS_KEEP). Prints the "powerloss ..." summary lines.
# Exit status: 0 when every check passed, 1 otherwise, 2 on a usage error.
set -u -o pipefail

usage() {
    echo "usage: $0 <build-dir> [trials-per-run] [seed]" >&2
    exit 2
}

[ $# -ge 1 ] && [ $# -le 3 ] || usage
build_dir=$1
trials=${2:-10000}
[[ "$trials" =~ ^[0-9]+$ ]] && [ "$trials" -gt 0 ] || usage
bin="$build_dir/tests/bin/reliability_powerloss_tests"
[ -x "$bin" ] || { echo "$bin is missing: build the target reliability_powerloss_tests first" >&2; exit 2; }

export GALVANI_POWERLOSS_TRIALS=$trials
export GALVANI_POWERLOSS_KEEP="$build_dir/powerloss-kept"
if [ $# -ge 3 ]; then
    [[ "$3" =~ ^[0-9]+$ ]] || usage
    export GALVANI_POWERLOSS_SEED=$3
fi

if nice -n 10 "$bin" "[powerloss]"; then
    exit 0
fi
echo "power-loss long tier: a check failed; images of failing trials (if any) are in $GALVANI_POWERLOSS_KEEP" >&2
exit 1
