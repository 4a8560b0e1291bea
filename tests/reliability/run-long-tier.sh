#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every long tier of the reliability battery, one after another, with one summary at the end. Each part is the
# folder's own long-tier script or binary (see the README of each folder); this script only runs them in turn,
# keeps each part's full output and collects the summary lines the benchmark report also reads.
#
#   tests/reliability/run-long-tier.sh BUILD_DIR [FUZZ_SECONDS] [OUT_DIR]
#
# BUILD_DIR     a build with tests and benchmarks (packaging/galvani.sh test builds one; the fuzz part builds its
#               own clang build next to it through packaging/galvani.sh fuzz)
# FUZZ_SECONDS  per fuzz target, default 1800 (10^7 executions and more for every target on the 2-core reference
#               machine; the slowest decoder runs about 6 000 executions/s there)
# OUT_DIR       default BUILD_DIR/long-tier; one file per part plus summary.txt
#
# Parts and their sizes (the issue's long tier): fuzzing FUZZ_SECONDS per target; kill -9 crash consistency 1000
# kills (4 lanes × 250); power loss 10 000 trials per synchronous mode; host death 200 trials per condition; link
# faults 10 000 commands per profile; STOP under stress 1000 STOPs per condition (device, session and GUI paths).
# Each size can be lowered for a trial run through the environment: GALVANI_LONG_CRASH_TRIALS (per lane),
# GALVANI_LONG_POWERLOSS_TRIALS, GALVANI_LONG_HOSTDEATH_TRIALS, GALVANI_LONG_LINKFAULT_COMMANDS,
# GALVANI_LONG_STOPS. GALVANI_LONG_PARTS="crash powerloss" runs only the parts named (fuzz crash powerloss hostdeath
# linkfaults stop). On the reference machine the whole tier takes about 9 hours, most of it fuzzing and STOPs.
# Exit status: 0 when every part passed, 1 when any failed, 2 on a usage error. Benchmarks (the STOP part) never
# fail on figures; they fail only when they could not run.
set -uo pipefail

usage() {
  echo "usage: run-long-tier.sh BUILD_DIR [FUZZ_SECONDS] [OUT_DIR]" >&2
  exit 2
}
[[ $# -ge 1 && $# -le 3 ]] || usage
build=$(cd "$1" 2>/dev/null && pwd) || { echo "run-long-tier.sh: no build folder $1" >&2; exit 2; }
fuzz_seconds=${2:-1800}
[[ "$fuzz_seconds" =~ ^[0-9]+$ && "$fuzz_seconds" -ge 1 ]] || { echo "run-long-tier.sh: FUZZ_SECONDS must be a whole number of seconds, at least 1" >&2; exit 2; }
out=${3:-$build/long-tier}
mkdir -p "$out" || exit 2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
parts=${GALVANI_LONG_PARTS:-fuzz crash powerloss hostdeath linkfaults stop}
for p in $parts; do
  case "$p" in fuzz|crash|powerloss|hostdeath|linkfaults|stop) ;; *) echo "run-long-tier.sh: unknown part '$p' in GALVANI_LONG_PARTS (fuzz crash powerloss hostdeath linkfaults stop)" >&2; exit 2 ;; esac
done

summary="$out/summary.txt"
: >"$summary"
failed=0

# Runs one part: name, then the command; its output goes to OUT_DIR/<name>.txt, its summary lines to summary.txt.
run_part() {
  local name=$1
  shift
  local log="$out/$name.txt" started status
  started=$(date +%s)
  echo "==> $name: $*" | tee -a "$summary"
  "$@" >"$log" 2>&1
  status=$?
  grep -E '^(crash|powerloss|hostdeath|linkfaults|badinput) |^FIGURE	|^fuzz_|^target ' "$log" >>"$summary"
  echo "    $name: exit $status after $(( $(date +%s) - started )) s (full output: $log)" | tee -a "$summary"
  [[ $status -eq 0 ]] || failed=1
}

for p in $parts; do
  case "$p" in
    fuzz)
      run_part fuzz env GALVANI_FUZZ_MIN_EXECS="${GALVANI_FUZZ_MIN_EXECS:-10000000}" \
        "$root/packaging/galvani.sh" fuzz "$fuzz_seconds" ;;
    crash)
      # Four seeded lanes side by side, as in CI, with 250 kills each.
      run_part crash env GALVANI_CRASH_TRIALS="${GALVANI_LONG_CRASH_TRIALS:-250}" \
        ctest --test-dir "$build" -R '^session_crash_tests' -j4 --output-on-failure --timeout 7200 ;;
    powerloss)
      run_part powerloss "$here/powerloss/run-long.sh" "$build" "${GALVANI_LONG_POWERLOSS_TRIALS:-10000}" ;;
    hostdeath)
      run_part hostdeath "$here/hostdeath/run-long.sh" "$build" "${GALVANI_LONG_HOSTDEATH_TRIALS:-200}" ;;
    linkfaults)
      run_part linkfaults "$here/linkfaults/run-long-tier.sh" "$build" "${GALVANI_LONG_LINKFAULT_COMMANDS:-10000}" ;;
    stop)
      stops=${GALVANI_LONG_STOPS:-1000}
      run_part stop-device nice -n 10 "$build/bench/bench_device_stop" "$stops"
      run_part stop-session nice -n 10 "$build/bench/bench_session_stop" "$stops" "$stops"
      run_part stop-gui env QT_QPA_PLATFORM=offscreen nice -n 10 "$build/bench/bench_gui_stop" "$stops" "$stops" ;;
  esac
done

echo "long tier: $( [[ $failed -eq 0 ]] && echo "every part passed" || echo "FAILED (see the parts above)" ); summary in $summary" \
  | tee -a "$summary"
exit $failed
