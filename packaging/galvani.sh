#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Galvani set-up, build, run and test on Debian 12. Installs what is missing (apt-get, as root or through sudo).
#
#   packaging/galvani.sh run [galvani options]   install, build, start the GUI on the simulated stimulator
#   packaging/galvani.sh test                    install, build, run the whole ctest suite (prints its summary)
#   packaging/galvani.sh sanitize                ASan+UBSan build of the non-GUI tests, TSan build of the threading tests
#   packaging/galvani.sh fuzz SECONDS [TARGET…]  build the libFuzzer targets (clang) and run each for SECONDS
#   packaging/galvani.sh bench [--battery] [REPORT.md]
#                                                build and run every benchmark, write the Markdown report (default
#                                                <build>/bench-report.md); --battery adds the reliability battery
#   packaging/galvani.sh format                  check formatting of our sources with clang-format
#   packaging/galvani.sh deps                    only install the Debian packages
#
# Environment: GALVANI_BUILD_DIR (default <repo>/build), GALVANI_JOBS (default: number of cores),
#              CI=true turns warnings into errors.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GALVANI_BUILD_DIR:-$ROOT/build}"
JOBS="${GALVANI_JOBS:-$(nproc)}"

PACKAGES=(
  cmake ninja-build g++ pkg-config file dpkg-dev fakeroot
  qt6-base-dev qt6-serialport-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev
  libqt6sql6-sqlite libqt6sql6-psql libgl-dev fonts-dejavu-core
  libspdlog-dev libfmt-dev libsodium-dev catch2 nlohmann-json3-dev
  sqlite3 libsqlite3-dev socat xvfb xauth postgresql-15
  clang clang-format clang-tidy libclang-rt-14-dev appstream desktop-file-utils
)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'galvani.sh: %s\n' "$*" >&2; exit 1; }

install_deps() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing ${#missing[@]} Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      die "these packages are missing and installing them needs root (sudo is not available): ${missing[*]}
Run as root: apt-get update && apt-get install -y ${missing[*]}"
    fi
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

configure() { # configure <build-dir> [cmake args...]
  local dir="$1"; shift
  local werror="${GALVANI_WERROR:-OFF}"
  [ "${CI:-}" = "true" ] && [ -z "${GALVANI_WERROR:-}" ] && werror=ON
  cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGALVANI_WERROR="$werror" "$@" >/dev/null
}

build() { # build <build-dir> [targets...]
  local dir="$1"; shift
  local targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build "$dir" -j "$JOBS" "${targets[@]}"
}

check_format() {
  say "Checking formatting (clang-format)"
  cd "$ROOT"
  git ls-files '*.cpp' '*.h' | grep -v '^tests/layering/fixtures/' | xargs clang-format --dry-run -Werror
}

cmd_run() {
  install_deps
  say "Building Galvani in $BUILD"
  configure "$BUILD"
  build "$BUILD" galvani galvani-cli galvani-sim
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    die "no graphical display (DISPLAY and WAYLAND_DISPLAY are unset). Start this from a desktop session,
or render the screens to files instead: $BUILD/bin/galvani --capture-screens ./screens"
  fi
  say "Starting Galvani on the simulated stimulator (records in the user's data folder)"
  exec "$BUILD/bin/galvani" "$@"
}

cmd_test() {
  install_deps
  check_format
  say "Building Galvani and its tests in $BUILD"
  configure "$BUILD" -DGALVANI_BUILD_TESTS=ON -DGALVANI_BUILD_GUI_TESTS=ON
  build "$BUILD"
  say "Running the test suite"
  cd "$BUILD"
  QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$JOBS" --timeout 600
}

cmd_sanitize() {
  install_deps
  local asan="$BUILD-asan" tsan="$BUILD-tsan"
  say "AddressSanitizer + UndefinedBehaviorSanitizer build of the non-GUI tests in $asan"
  # Warnings stay warnings here: GCC 12 reports false maybe-uninitialized warnings inside <regex> (pulled in by
  # Catch2) once ASan instruments it. The normal build in `test` keeps -Werror.
  GALVANI_WERROR=OFF configure "$asan" -DGALVANI_SANITIZE="address;undefined" -DGALVANI_BUILD_GUI_TESTS=OFF -DGALVANI_BUILD_BENCHMARKS=OFF
  build "$asan"
  (cd "$asan" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$JOBS" --timeout 900 -LE 'gui|packaging')
  say "ThreadSanitizer build of the threading tests in $tsan"
  GALVANI_WERROR=OFF CXX=clang++ configure "$tsan" -DGALVANI_SANITIZE=thread -DGALVANI_BUILD_QT=OFF -DGALVANI_BUILD_BENCHMARKS=OFF
  build "$tsan"
  (cd "$tsan" && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest --output-on-failure -j "$JOBS" -L threading)
}

cmd_fuzz() {
  local seconds="${1:-}"
  [[ "$seconds" =~ ^[0-9]+$ ]] || die "fuzz: SECONDS must be a whole number, e.g. packaging/galvani.sh fuzz 60"
  shift
  install_deps
  local dir="$BUILD-fuzz"
  say "libFuzzer build in $dir"
  CXX=clang++ configure "$dir" -DGALVANI_BUILD_QT=OFF -DGALVANI_BUILD_TESTS=OFF -DGALVANI_BUILD_BENCHMARKS=OFF \
    -DGALVANI_FUZZ=ON
  build "$dir"
  "$ROOT/tests/fuzz/run-fuzzers.sh" "$dir" "$seconds" "$@"
}

cmd_bench() {
  local battery="" report=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --battery) battery="--battery" ;;
      -*) die "bench: unknown option $1 (allowed: --battery)" ;;
      *) report="$1" ;;
    esac
    shift
  done
  report="${report:-$BUILD/bench-report.md}"
  install_deps
  say "Building Galvani, its benchmarks${battery:+ and tests} in $BUILD"
  if [ -n "$battery" ]; then
    configure "$BUILD" -DGALVANI_BUILD_BENCHMARKS=ON -DGALVANI_BUILD_TESTS=ON -DGALVANI_BUILD_GUI_TESTS=ON
  else
    configure "$BUILD" -DGALVANI_BUILD_BENCHMARKS=ON
  fi
  build "$BUILD"
  "$ROOT/tests/bench/report.sh" "$BUILD" "$report" $battery
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) cmd_test ;;
  sanitize) cmd_sanitize ;;
  fuzz) shift; cmd_fuzz "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  format) check_format ;;
  deps) install_deps ;;
  *) sed -n '3,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
