#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Throwaway PostgreSQL 15 cluster for the tests.
#
#   pg-cluster.sh start STATE_DIR   create a cluster in a fresh temporary directory, start it on a free TCP port of
#                                   127.0.0.1 (no Unix socket), trust authentication, superuser "galvani"; print the
#                                   store URL (postgresql://galvani@127.0.0.1:PORT/postgres) and write it to
#                                   STATE_DIR/url. Tests create their own databases in it.
#   pg-cluster.sh stop STATE_DIR    stop the cluster and delete its data.
#
# PostgreSQL refuses to run as root. When this script runs as root (as CI does), initdb and the server run as the
# unprivileged system user "nobody" through runuser(1); no account is created. The data directory is made with
# mktemp under ${TMPDIR:-/tmp} so that "nobody" can reach it whatever the permissions of the build tree.
# When PostgreSQL 15 is not installed, "start" prints a WARN line, writes STATE_DIR/skipped with the reason and
# exits 0: the PostgreSQL test variants then report themselves skipped (ctest "Skipped"), never passed.
# The cluster runs with fsync=off: it is thrown away after the run, and durability is not what its tests test.
set -euo pipefail

PGBIN="${GALVANI_PGBIN:-/usr/lib/postgresql/15/bin}"
cmd="${1:-}"
state="${2:-}"
[ -n "$cmd" ] && [ -n "$state" ] || { echo "usage: $0 start|stop STATE_DIR" >&2; exit 2; }

as_owner() { # run a command as the cluster owner
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

port_in_use() { # true when something accepts connections on 127.0.0.1:$1
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop_cluster() {
  local data
  [ -f "$state/datadir" ] || return 0
  data="$(cat "$state/datadir")"
  if [ -f "$data/pgdata/postmaster.pid" ]; then
    as_owner "$PGBIN/pg_ctl" -D "$data/pgdata" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  case "$data" in
    */galvani-pg.*) rm -rf -- "$data" ;;
  esac
  rm -f -- "$state/datadir" "$state/url" "$state/port"
}

start_cluster() {
  mkdir -p "$state"
  stop_cluster # a cluster left behind by an interrupted run
  rm -f -- "$state/skipped"
  if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
    local why="PostgreSQL 15 is not installed ($PGBIN/initdb not found): the PostgreSQL test variants are SKIPPED"
    echo "WARN: $why"
    echo "$why" > "$state/skipped"
    return 0
  fi
  local data
  data="$(mktemp -d "${TMPDIR:-/tmp}/galvani-pg.XXXXXXXX")"
  echo "$data" > "$state/datadir"
  chmod 0755 "$data"
  [ "$(id -u)" -eq 0 ] && chown nobody "$data"
  if ! as_owner "$PGBIN/initdb" -D "$data/pgdata" -U galvani --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      >"$data/initdb.log" 2>&1; then
    cat "$data/initdb.log" >&2
    echo "pg-cluster.sh: initdb failed" >&2
    exit 1
  fi
  cat >>"$data/pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = on
full_page_writes = off
max_connections = 200
shared_buffers = 32MB
log_min_messages = warning
CONF
  local attempt port
  for attempt in $(seq 1 20); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    port_in_use "$port" && continue
    if as_owner "$PGBIN/pg_ctl" -D "$data/pgdata" -l "$data/server.log" -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
      echo "$port" > "$state/port"
      echo "postgresql://galvani@127.0.0.1:$port/postgres" > "$state/url"
      cat "$state/url"
      return 0
    fi
    grep -q "could not bind\|Address already in use" "$data/server.log" 2>/dev/null || break
  done
  cat "$data/server.log" >&2 2>/dev/null || true
  echo "pg-cluster.sh: the server did not start (attempt $attempt)" >&2
  exit 1
}

case "$cmd" in
  start) start_cluster ;;
  stop) stop_cluster ;;
  *) echo "usage: $0 start|stop STATE_DIR" >&2; exit 2 ;;
esac
