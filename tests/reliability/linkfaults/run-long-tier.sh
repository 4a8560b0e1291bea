#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Long tier of the link-fault battery: every profile with 10 000 amplitude commands (or COMMANDS), run straight
# from the test binary (the ctest entries have a 300 s timeout; the long profiles take longer).
#
#   tests/reliability/linkfaults/run-long-tier.sh <build-dir> [COMMANDS] [catch-filter]
#
# COMMANDS defaults to 10000; catch-filter defaults to every link-fault case ("[linkfaults]"), e.g.
# "*stalls*" or "*mid level". GALVANI_LINKFAULT_SEED=N replays every profile with seed N instead of its own.
# Prints each profile's "linkfaults ..." summary line as it finishes and writes all of them, with the per-cycle
# "linkfaults-unplug ..." lines, to <build-dir>/linkfaults-long.txt. Exit status: that of the test binary
# (0 when every profile passed), 2 on a usage error.
set -u -o pipefail

usage() {
    echo "usage: $0 <build-dir> [COMMANDS] [catch-filter]" >&2
    exit 2
}

[ $# -ge 1 ] || usage
build_dir=$1
commands=${2:-10000}
filter=${3:-[linkfaults]}
[[ "$commands" =~ ^[0-9]+$ ]] && [ "$commands" -gt 0 ] || usage
binary="$build_dir/tests/bin/linkfaults_tests"
[ -x "$binary" ] || { echo "$binary not found; build the linkfaults_tests target first" >&2; exit 2; }
out="$build_dir/linkfaults-long.txt"

GALVANI_LINKFAULT_COMMANDS=$commands QT_QPA_PLATFORM=offscreen \
    nice -n 10 "$binary" "$filter" --durations yes 2>&1 | tee "$out.log" | grep --line-buffered -E '^linkfaults|s: ' 
status=${PIPESTATUS[0]}
grep -E '^linkfaults' "$out.log" > "$out"
echo "summary lines: $out (full output: $out.log); exit status $status"
exit "$status"
