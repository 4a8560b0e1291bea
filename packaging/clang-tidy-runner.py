#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs clang-tidy on every translation unit of a compile database, JOBS at a time (used by `galvani.sh tidy`).

    clang-tidy-runner.py DATABASE_DIR CACHE_DIR JOBS [clang-tidy arguments...]

Prints clang-tidy's findings and its own failures, then one line of counts; exits 1 if clang-tidy failed on any
file (with WarningsAsErrors, any finding). A file that came out clean is remembered in CACHE_DIR under a digest of
everything clang-tidy reads for it: the clang-tidy version, every .clang-tidy on the way up from the file, the
arguments, the compile command and the preprocessed source with comments and line markers (so a NOLINT or a moved
line counts as a change). The next run skips it while that digest is unchanged; files with findings always run
again. Digests not met in a run are removed at its end.
"""
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
import threading

CLANG_TIDY = "clang-tidy-14"
COUNT_LINE = re.compile(r"^\d+ warnings? (generated|treated as errors)\.$")
FINDING = re.compile(r"^\S.*:\d+:\d+: (warning|error): ")


def preprocess_command(entry):
    """The entry's compile command turned into "preprocess to stdout, keep comments"."""
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg == "-o":
            skip = True
        elif arg != "-c" and not arg.startswith(("-MD", "-MF", "-MT", "-MQ")):
            out.append(arg)
    return out + ["-E", "-C"]


def tidy_configs(path):
    """Contents of every .clang-tidy clang-tidy may read for this file (nearest first)."""
    parts, directory = [], os.path.dirname(path)
    while True:
        candidate = os.path.join(directory, ".clang-tidy")
        if os.path.isfile(candidate):
            with open(candidate, "rb") as f:
                parts.append(candidate.encode() + b"\0" + f.read())
        parent = os.path.dirname(directory)
        if parent == directory:
            return parts
        directory = parent


def digest(entry, path, common):
    h = hashlib.sha256(common)
    for part in tidy_configs(path):
        h.update(part)
    h.update(json.dumps(entry, sort_keys=True).encode())
    pre = subprocess.run(preprocess_command(entry), cwd=entry["directory"], capture_output=True)
    if pre.returncode != 0:
        return None  # clang-tidy will say what is wrong; never cache such a file
    h.update(pre.stdout)
    return h.hexdigest()


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    db_dir, cache_dir, jobs, extra = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    with open(os.path.join(db_dir, "compile_commands.json")) as f:
        entries = json.load(f)
    os.makedirs(cache_dir, exist_ok=True)
    version = subprocess.run([CLANG_TIDY, "--version"], capture_output=True, check=True).stdout
    common = version + b"\0" + "\0".join(extra).encode()
    lock = threading.Lock()
    seen, counts = set(), {"analysed": 0, "cached": 0, "failed": 0}

    def one(entry):
        path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
        key = digest(entry, path, common)
        if key is not None:
            with lock:
                seen.add(key)
            if os.path.exists(os.path.join(cache_dir, key)):
                with lock:
                    counts["cached"] += 1
                return
        run = subprocess.run([CLANG_TIDY, "-p", db_dir, "--quiet", *extra, path], capture_output=True, text=True)
        problems = [line for line in run.stderr.splitlines() if not COUNT_LINE.match(line)]
        clean = run.returncode == 0 and not any(FINDING.match(line) for line in run.stdout.splitlines())
        with lock:
            counts["analysed"] += 1
            if run.returncode != 0:
                counts["failed"] += 1
            sys.stdout.write(run.stdout)
            sys.stdout.flush()
            if problems:
                sys.stderr.write(f"clang-tidy on {path} (exit status {run.returncode}):\n" + "\n".join(problems) + "\n")
            if run.returncode < 0:
                sys.stderr.write(f"clang-tidy on {path} ended by signal {-run.returncode}\n")
        if clean and key is not None:
            open(os.path.join(cache_dir, key), "w").close()

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for future in [pool.submit(one, e) for e in entries]:
            future.result()
    for name in os.listdir(cache_dir):
        if name not in seen:
            os.remove(os.path.join(cache_dir, name))
    print(f"clang-tidy: {len(entries)} files, {counts['analysed']} analysed, {counts['cached']} unchanged since a "
          f"clean run, {counts['failed']} failed", file=sys.stderr)
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
