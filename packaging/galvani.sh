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
#   packaging/galvani.sh tidy                    static analysis of our sources (cppcheck, clang-tidy with the repo's
#                                                .clang-tidy); any finding fails. Build dir <build>-tidy
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
  clang clang-format clang-tidy libclang-rt-14-dev lld appstream desktop-file-utils
  cppcheck
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
  # Optimised as shipped, with line tables (-g1) rather than full debug information: stack traces keep their
  # file and line, and the test build compiles in about three quarters of the time and links far smaller
  # executables. A later -DCMAKE_CXX_FLAGS_RELWITHDEBINFO in the arguments wins (the sanitized build sets its own).
  # Unity builds (CMake compiles the sources of a target eight at a time as one translation unit): Qt's, the
  # standard library's and Catch2's headers are parsed once per eight sources instead of once per source, which
  # takes the build to about a third of its time. Every source still compiles on its own (the static analysis
  # stage compiles each one alone, and so does a plain cmake configure): names local to a source file are unique
  # within its target.
  cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGALVANI_WERROR="$werror" \
    -DCMAKE_UNITY_BUILD=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" "$@" >/dev/null
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

# The folders of our own sources that static analysis covers (tests and the layering fixtures are not analysed).
ANALYSED_DIRS=(src protocols device db ui)

cmd_tidy() {
  install_deps
  local dir="$BUILD-tidy" start=$SECONDS
  local analysis="$dir/analysis"
  say "Compile database of every source in $dir"
  # Without -Werror: clang-tidy would turn clang's own compiler warnings into errors, which the GCC build and
  # the checks in .clang-tidy decide on, not this run.
  # Each source on its own (no unity build): the database must name every source file, and each is analysed alone.
  GALVANI_WERROR=OFF configure "$dir" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_UNITY_BUILD=OFF \
    -DGALVANI_BUILD_TESTS=ON -DGALVANI_BUILD_GUI_TESTS=ON
  mkdir -p "$analysis" "$dir/cppcheck-cache"
  # Only our own sources: the database also lists tests, benchmarks and generated moc/resource files.
  python3 - "$dir/compile_commands.json" "$analysis/compile_commands.json" "$ROOT" "${ANALYSED_DIRS[@]}" <<'EOF'
import json, os, sys
src, dst, root, dirs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
prefixes = tuple(os.path.join(root, d) + os.sep for d in dirs)
entries = [e for e in json.load(open(src))
           if os.path.normpath(os.path.join(e["directory"], e["file"])).startswith(prefixes)]
json.dump(entries, open(dst, "w"), indent=1)
print(f"{len(entries)} translation units in {', '.join(dirs)}")
EOF

  say "cppcheck $(cppcheck --version | sed 's/^Cppcheck //')"
  local cppcheck_rc=0
  { cppcheck --project="$analysis/compile_commands.json" --library=qt --enable=warning,performance,portability \
      --inline-suppr --error-exitcode=1 --quiet -j "$JOBS" --cppcheck-build-dir="$dir/cppcheck-cache" \
      --template='{file}:{line}:{column}: {severity}: {message} [{id}]' 2>&1 \
      | tee "$dir/cppcheck.txt"; } || cppcheck_rc=$?

  say "clang-tidy 14 ($ROOT/.clang-tidy, every finding an error; files unchanged since a clean run are skipped)"
  local tidy_rc=0
  # Qt's headers are read as user headers (--no-system-header-prefix=Q): the analyzer assumes that a function
  # declared in a system header never keeps a pointer it is given, so every QMetaObject::invokeMethod() and
  # QTimer::singleShot() with a functor, whose slot object Qt takes over, would be reported as a leak
  # (clang-analyzer-cplusplus.NewDeleteLeaks). A finding located in a Qt header is still reported only when its
  # path runs through our code (HeaderFilterRegex names only our folders).
  { python3 "$ROOT/packaging/clang-tidy-runner.py" "$analysis" "$dir/clang-tidy-cache" "$JOBS" \
      --extra-arg=--no-system-header-prefix=Q | tee "$dir/clang-tidy.txt"; } || tidy_rc=$?

  # A finding in a header is reported once per file that includes it: count each place once.
  local cppcheck_n tidy_n
  cppcheck_n=$(grep -cE '\[[A-Za-z0-9_]+\]$' "$dir/cppcheck.txt" || true)
  tidy_n=$({ grep -E '^[^ ].*:[0-9]+:[0-9]+: (warning|error): .*\]$' "$dir/clang-tidy.txt" || true; } | sort -u | wc -l)
  say "Static analysis summary ($(( (SECONDS - start) / 60 )) min $(( (SECONDS - start) % 60 )) s)"
  printf '  cppcheck:   %d finding(s), exit status %d\n' "$cppcheck_n" "$cppcheck_rc"
  grep -E '\[[A-Za-z0-9_]+\]$' "$dir/cppcheck.txt" | sed -E 's/.*\[([^]]*)\]$/\1/' | sort | uniq -c \
    | awk '{ printf "    %5d %s\n", $1, $2 }' || true
  printf '  clang-tidy: %d finding(s), exit status %d\n' "$tidy_n" "$tidy_rc"
  grep -E '^[^ ].*:[0-9]+:[0-9]+: (warning|error): .*\]$' "$dir/clang-tidy.txt" | sort -u \
    | sed -E 's/.*\[([^]]*)\]$/\1/; s/,.*//' | sort | uniq -c | awk '{ printf "    %5d %s\n", $1, $2 }' || true
  printf '  full output: %s, %s\n' "$dir/cppcheck.txt" "$dir/clang-tidy.txt"
  if [ "$cppcheck_rc" -ne 0 ] || [ "$tidy_rc" -ne 0 ] || [ "$cppcheck_n" -ne 0 ] || [ "$tidy_n" -ne 0 ]; then
    die "static analysis failed: fix each finding, or suppress a false positive on its line with the check's name
and the reason (cppcheck: // cppcheck-suppress <id>; clang-tidy: // NOLINTNEXTLINE(<check>))"
  fi
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
  # Twice the cores: a busy test takes two of ctest's slots, one that mostly waits one (tests/CMakeLists.txt, WAITS).
  QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$((2 * JOBS))" --timeout 600
}

cmd_sanitize() {
  install_deps
  local asan="$BUILD-asan" tsan="$BUILD-tsan"
  say "AddressSanitizer + UndefinedBehaviorSanitizer build of the non-GUI tests in $asan"
  # Warnings stay warnings here: GCC 12 reports false maybe-uninitialized warnings inside <regex> (pulled in by
  # Catch2) once ASan instruments it. The normal build in `test` keeps -Werror.
  # -O1 -g1: the optimisation level AddressSanitizer is documented for and line tables for its stack traces.
  # Without the GUI (GALVANI_BUILD_GUI=OFF): no test here uses it, and it is a sixth of the compile time.
  GALVANI_WERROR=OFF configure "$asan" -DGALVANI_SANITIZE="address;undefined" -DGALVANI_BUILD_GUI=OFF \
    -DGALVANI_BUILD_GUI_TESTS=OFF -DGALVANI_BUILD_BENCHMARKS=OFF -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"
  build "$asan"
  # Every test case runs here. The statistical harnesses and the CLI's bad-input battery run smaller samples than
  # in `test`, which runs their full sizes: what the sanitizers look for is reached by each kind of trial or value,
  # not by the count (200 kill -9 trials, 1000 power-loss trials per mode and every bad value in a process of its
  # own would take half of this stage; each trial runs the same code paths). The bad-input battery keeps every
  # third value of each list and its last.
  (cd "$asan" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     GALVANI_CRASH_TRIALS=10 GALVANI_POWERLOSS_TRIALS=200 GALVANI_BADINPUT_EVERY=3 \
     QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$((2 * JOBS))" --timeout 900 -LE 'gui|packaging')
  say "ThreadSanitizer build of the threading tests in $tsan"
  GALVANI_WERROR=OFF CXX=clang++ configure "$tsan" -DGALVANI_SANITIZE=thread -DGALVANI_BUILD_QT=OFF -DGALVANI_BUILD_BENCHMARKS=OFF
  build "$tsan"
  (cd "$tsan" && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest --output-on-failure -j "$((2 * JOBS))" -L threading)
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
  tidy) cmd_tidy ;;
  deps) install_deps ;;
  *) sed -n '3,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
