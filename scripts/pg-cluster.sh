#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and CI: Debian's binaries
# (/usr/lib/postgresql/<version>/bin, the newest; PG_BIN overrides), a fresh
# temporary folder, initdb and pg_ctl as an unprivileged user (as root: the
# user `nobody`, since initdb and pg_ctl refuse root), a free port on
# 127.0.0.1, trust authentication (nothing but this machine reaches it), the C
# locale (byte order, as SQLite compares text), one database `mbw`. Stopping
# removes the folder and everything in it.
#
#   eval "$(scripts/pg-cluster.sh start)"   # exports PG_CLUSTER_DIR and TEST_DATABASE_URL
#   scripts/pg-cluster.sh stop "$PG_CLUSTER_DIR"
#   scripts/pg-cluster.sh run -- npx vitest run tests/pg   # start, run with TEST_DATABASE_URL, stop
set -euo pipefail

die() { echo "pg-cluster: $*" >&2; exit 1; }

pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -n "$newest" && -x "$newest/initdb" ]]; then echo "$newest"; return; fi
  command -v initdb >/dev/null 2>&1 && { dirname "$(readlink -f "$(command -v initdb)")"; return; }
  die "no PostgreSQL binaries (install Debian's postgresql, or set PG_BIN)"
}

# Runs a command as the folder's owner: `nobody` when we are root, else ourselves.
as_owner() {
  if [[ $(id -u) -ne 0 ]]; then "$@"; return; fi
  if command -v runuser >/dev/null 2>&1; then runuser -u nobody -- "$@"; return; fi
  su -s /bin/sh nobody -c "$(printf '%q ' "$@")"
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start() {
  local bin dir port
  bin=$(pg_bin)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/mbw-pg.XXXXXX")
  chmod 700 "$dir"
  [[ $(id -u) -eq 0 ]] && chown nobody "$dir"
  # from here on, a failure removes the folder (and stops a server that started)
  trap 'stop "$dir" >/dev/null 2>&1 || true' ERR
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; false; }
  port=$(free_port)
  # Durability off: the cluster is thrown away, and the tests run faster.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; false; }
  echo "$port" >"$dir/port"
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres mbw
  trap - ERR
  echo "export PG_CLUSTER_DIR='$dir'"
  echo "export TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$port/mbw'"
}

stop() {
  local dir=${1:-${PG_CLUSTER_DIR:-}}
  [[ -n "$dir" ]] || die "stop: name the cluster's folder (PG_CLUSTER_DIR)"
  [[ -d "$dir" && "$(basename "$dir")" == mbw-pg.* ]] || die "stop: $dir is not a cluster folder made by this script"
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  run)
    shift
    [[ "${1:-}" == "--" ]] && shift
    [[ $# -gt 0 ]] || die "run: name a command after --"
    cluster=$(start)
    eval "$cluster"
    trap 'stop "$PG_CLUSTER_DIR"' EXIT
    echo "pg-cluster: $TEST_DATABASE_URL" >&2
    "$@"
    ;;
  *) die "usage: $0 start | stop <folder> | run -- <command>…" ;;
esac
