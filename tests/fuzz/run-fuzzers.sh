#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs libFuzzer targets for a fixed time each and reports executions and findings.
#
#   tests/fuzz/run-fuzzers.sh <build-fuzz-dir> <seconds-per-target> [target...]
#
# Targets: every executable in <build-fuzz-dir>/fuzz, or the ones named. Each runs on a scratch copy of
# its seed corpus (tests/fuzz/corpus/<target>/ or tests/fuzz/corpus/*/<target>/), so the committed
# corpus never changes. Findings (crash, leak, timeout, out-of-memory, sanitizer report) are kept in
# <build-fuzz-dir>/fuzz-findings/<target>/ with the log. Exit status: 0 when no target found anything,
# 1 on any finding, 2 on a usage error.
#
# GALVANI_FUZZ_TIMEOUT_S (default 10): seconds one input may run before libFuzzer reports a timeout. The parsers
# take microseconds per input, so 10 s only ever means a hang on an idle machine; on a machine shared with heavy
# builds a process can be descheduled for longer (a timeout whose input then replays in milliseconds), and a
# long run there may raise it.
# GALVANI_FUZZ_JOBS (default: number of cores): how many targets run at the same time.
# GALVANI_FUZZ_MIN_EXECS (default 0): a target that ran fewer executions in its time fails as SHORT (the long tier
# asks for at least 10^7 per target).
set -u -o pipefail

usage() {
    echo "usage: $0 <build-fuzz-dir> <seconds-per-target> [target...]" >&2
    exit 2
}

[ $# -ge 2 ] || usage
build_dir=$1
seconds=$2
shift 2
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || usage
timeout_s=${GALVANI_FUZZ_TIMEOUT_S:-10}
jobs=${GALVANI_FUZZ_JOBS:-$(nproc)}
[[ "$jobs" =~ ^[0-9]+$ ]] && [ "$jobs" -gt 0 ] || { echo "GALVANI_FUZZ_JOBS must be a whole number of targets above 0" >&2; exit 2; }
[[ "$timeout_s" =~ ^[0-9]+$ ]] && [ "$timeout_s" -gt 0 ] || { echo "GALVANI_FUZZ_TIMEOUT_S must be a whole number of seconds above 0" >&2; exit 2; }
min_execs=${GALVANI_FUZZ_MIN_EXECS:-0}
[[ "$min_execs" =~ ^[0-9]+$ ]] || { echo "GALVANI_FUZZ_MIN_EXECS must be a whole number of executions" >&2; exit 2; }
bin_dir="$build_dir/fuzz"
[ -d "$bin_dir" ] || { echo "no fuzz targets: $bin_dir does not exist (configure with -DGALVANI_FUZZ=ON)" >&2; exit 2; }

script_dir=$(cd "$(dirname "$0")" && pwd)
corpus_root="$script_dir/corpus"
findings_root="$build_dir/fuzz-findings"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    while IFS= read -r f; do
        targets+=("$(basename "$f")")
    done < <(find "$bin_dir" -maxdepth 1 -type f -perm -u+x | sort)
fi
[ ${#targets[@]} -gt 0 ] || { echo "no fuzz targets in $bin_dir" >&2; exit 2; }

# UBSan recovers by default; make every report a finding. Leak detection stays on.
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

seed_dir_for() {
    local target=$1
    if [ -d "$corpus_root/$target" ]; then
        echo "$corpus_root/$target"
        return
    fi
    local d
    for d in "$corpus_root"/*/"$target"; do
        [ -d "$d" ] && { echo "$d"; return; }
    done
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# One target: runs it and writes its table row to $scratch/<target>.row; the row starts with FOUND/MISSING on failure.
run_target() {
    local target=$1 exe="$bin_dir/$1" work="$scratch/$1" row="$scratch/$1.row"
    if [ ! -x "$exe" ]; then
        printf '%-32s %14s %8s %8s  %s\n' "$target" "-" "-" "-" "MISSING (no executable $exe)" >"$row"
        return
    fi
    mkdir -p "$work/corpus" "$work/artifacts"
    local seeds seed_count=0
    seeds=$(seed_dir_for "$target")
    if [ -n "$seeds" ]; then
        cp -r "$seeds"/. "$work/corpus/"
        seed_count=$(find "$work/corpus" -type f | wc -l)
    fi
    local log="$work/log.txt" status
    "$exe" -max_total_time="$seconds" -timeout="$timeout_s" -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/" "$work/corpus" >"$log" 2>&1
    status=$?
    local execs corpus_count artifacts
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    corpus_count=$(find "$work/corpus" -type f | wc -l)
    artifacts=$(find "$work/artifacts" -type f | wc -l)
    if [ "$status" -ne 0 ] || [ "$artifacts" -gt 0 ] || grep -q -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|property violated' "$log"; then
        local keep="$findings_root/$target" kind
        rm -rf "$keep"
        mkdir -p "$keep"
        cp "$log" "$keep/"
        cp -r "$work/artifacts"/. "$keep/" 2>/dev/null || true
        kind=$(grep -o -m1 -E 'ERROR: [A-Za-z]+: [a-z-]+|runtime error|property violated|timeout|out-of-memory' "$log" || echo "exit $status")
        printf '%-32s %14s %8s %8s  %s\n' "$target" "${execs:-?}" "$seed_count" "$corpus_count" \
            "FOUND: $kind (exit $status, $artifacts artifact(s) in $keep)" >"$row"
    elif [ "${execs:-0}" -lt "$min_execs" ]; then
        printf '%-32s %14s %8s %8s  %s\n' "$target" "${execs:-?}" "$seed_count" "$corpus_count" \
            "SHORT: nothing found, but fewer than $min_execs executions in $seconds s" >"$row"
    else
        printf '%-32s %14s %8s %8s  %s\n' "$target" "${execs:-?}" "$seed_count" "$corpus_count" "ok, nothing found" >"$row"
    fi
}

# Targets run side by side, as many at a time as there are cores: each fuzzer is one single-threaded process, so
# this halves the wall time on two cores without giving any target less CPU time.
least=""
[ "$min_execs" -gt 0 ] && least=", at least $min_execs executions each"
echo "${#targets[@]} target(s), $seconds s each, $jobs at a time$least"
printf '%-32s %14s %8s %8s  %s\n' "target" "executions" "seeds" "corpus" "result"
running=0
for target in "${targets[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
    run_target "$target" &
    running=$((running + 1))
done
wait

failures=0
for target in "${targets[@]}"; do
    row="$scratch/$target.row"
    if [ -f "$row" ]; then
        cat "$row"
        grep -q -E '  (FOUND|MISSING|SHORT)' "$row" && failures=$((failures + 1))
    else
        printf '%-32s %14s %8s %8s  %s\n' "$target" "?" "?" "?" "NO RESULT (the runner itself failed)"
        failures=$((failures + 1))
    fi
done

if [ "$failures" -gt 0 ]; then
    echo "$failures target(s) with findings (or too few executions)" >&2
    exit 1
fi
exit 0
