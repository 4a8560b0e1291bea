#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every benchmark of a build and writes the benchmark report: a Markdown file with the date, the commit, the
# machine, and one table row per FIGURE line the benchmarks printed (bench/support/Figure.h). With --battery it also
# runs the reliability battery (ctest -L reliability) of the same build and adds its summary lines.
#
#   tests/bench/report.sh BUILD_DIR REPORT.md [--battery]
#
# Environment: GALVANI_BENCH_SESSION_MINUTES  length of the memory benchmark's session (default 30)
#              GALVANI_BENCH_SKIP             space-separated benchmark names not to run (e.g. "bench_ring")
#              GALVANI_BENCH_STOPS            STOPs per row of bench_session_stop and bench_gui_stop (default: 200
#                                             and 50 for their store rows, about 25 minutes together; 1000 is the
#                                             long tier's count, tests/reliability/run-long-tier.sh)
# Each benchmark's full output is kept next to the report in REPORT.md.d/<name>.txt. Benchmarks never fail on
# time; a benchmark that exits non-zero or prints no figure is listed as such in the report.
set -euo pipefail

[ $# -ge 2 ] || { sed -n '3,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
BUILD="$(cd "$1" && pwd)"
REPORT="$2"
BATTERY="${3:-}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOGS="$REPORT.d"
MINUTES="${GALVANI_BENCH_SESSION_MINUTES:-30}"
[[ "$MINUTES" =~ ^[0-9]+$ ]] && [ "$MINUTES" -ge 1 ] \
  || { echo "report.sh: GALVANI_BENCH_SESSION_MINUTES must be a whole number of minutes, 1 or more" >&2; exit 2; }
[ -d "$BUILD/bench" ] || { echo "report.sh: no benchmarks in $BUILD/bench (configure with -DGALVANI_BUILD_BENCHMARKS=ON)" >&2; exit 2; }
mkdir -p "$LOGS"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

# Arguments per benchmark (the defaults of each are documented in its source).
args_for() {
  case "$1" in
    bench_app_memory) echo "$MINUTES" ;;
    bench_session_stop | bench_gui_stop) echo "${GALVANI_BENCH_STOPS:-200} ${GALVANI_BENCH_STOPS:-50}" ;;
    *) echo "" ;;
  esac
}

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
cores="$(nproc)"
mem="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
os="$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-Linux}")"
kernel="$(uname -r)"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty="$(git -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo " (with local changes)" || true)"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load="$(cut -d' ' -f1-3 /proc/loadavg)"

figures="$LOGS/figures.tsv"
: > "$figures"
problems=()
# The issue's order first (codecs, pulse rate, STOP, watchdog, plot, records, start-up, memory), then the rest.
ORDER=(bench_sm2_codec bench_sm4 bench_device_pulse_rate bench_device_stop bench_sim_watchdog bench_ui_plot
  bench_db_export bench_app_startup bench_app_memory)
mapfile -t ALL < <(printf '%s\n' "${ORDER[@]}"; ls "$BUILD/bench" | grep '^bench_' | grep -vxF -f <(printf '%s\n' "${ORDER[@]}"))
for name in "${ALL[@]}"; do
  exe="$BUILD/bench/$name"
  [ -x "$exe" ] && [ -f "$exe" ] || continue
  case " ${GALVANI_BENCH_SKIP:-} " in *" $name "*) continue ;; esac
  [ "$name" = bench_qt_hello ] && continue # the start-up baseline, run by bench_app_startup
  printf '\033[1m==> %s\033[0m\n' "$name"
  t0=$(date +%s)
  # shellcheck disable=SC2046
  if "$exe" $(args_for "$name") 2>&1 | tee "$LOGS/$name.txt"; then rc=0; else rc=$?; fi
  t1=$(date +%s)
  echo "($name: $((t1 - t0)) s)"
  n=$(grep -c $'^FIGURE\t' "$LOGS/$name.txt" || true)
  [ "$rc" -eq 0 ] || problems+=("$name exited with status $rc")
  [ "$n" -gt 0 ] || problems+=("$name printed no figure")
  grep $'^FIGURE\t' "$LOGS/$name.txt" | cut -f2- | sed "s/\$/\t$name/" >> "$figures" || true
done

battery=""
if [ "$BATTERY" = "--battery" ]; then
  printf '\033[1m==> reliability battery (ctest -L reliability)\033[0m\n'
  if (cd "$BUILD" && ctest -L reliability --output-on-failure -V --timeout 1800) > "$LOGS/battery.txt" 2>&1; then
    battery_rc=0
  else
    battery_rc=$?
  fi
  battery="$(grep -E '^([0-9]+: )?(powerloss|hostdeath|badinput|linkfaults|crash) ' "$LOGS/battery.txt" \
    | sed -E 's/^[0-9]+: //' | sort -u || true)"
  summary="$(grep -E 'tests passed|tests failed' "$LOGS/battery.txt" | tail -1 || true)"
  [ "$battery_rc" -eq 0 ] || problems+=("reliability battery: $summary")
fi

escape() { sed 's/|/\\|/g'; }
{
  echo "# Galvani benchmark report"
  echo
  echo "- Date: $started"
  echo "- Commit: $commit$dirty"
  echo "- Machine: $cpu, $cores cores, $mem RAM, $os, Linux $kernel"
  echo "- Load average at start: $load; Qt platform: $QT_QPA_PLATFORM; memory session: $MINUTES min"
  echo
  echo "| Area | Figure | Value | Baseline / ratio / n | Benchmark |"
  echo "|---|---|---|---|---|"
  escape < "$figures" | awk -F'\t' '{ printf "| %s | %s | %s | %s | `%s` |\n", $1, $2, $3, $4, $5 }'
  if [ -n "$battery" ]; then
    echo
    echo "## Reliability battery (ctest -L reliability, same build)"
    echo
    echo "| Summary line |"
    echo "|---|"
    printf '%s\n' "$battery" | escape | sed 's/^/| `/; s/$/` |/'
    echo
    echo "ctest: ${summary:-no summary}"
  fi
  if [ ${#problems[@]} -gt 0 ]; then
    echo
    echo "## Problems in this run"
    echo
    printf -- '- %s\n' "${problems[@]}"
  fi
  echo
  echo "Full outputs: \`$(basename "$LOGS")/\`. Figures are CPU-contended when the load average above is not near 0."
} > "$REPORT"
printf '\033[1m==> report written to %s\033[0m\n' "$REPORT"
