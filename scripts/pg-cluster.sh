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

# A new empty folder for a cluster, owned by the user the cluster runs as.
make_dir() {
  local dir
  # As root the folder goes under /tmp, which `nobody` can reach ($TMPDIR may be under /root).
  if [[ $(id -u) -eq 0 ]]; then dir=$(mktemp -d /tmp/mbw-pg.XXXXXX); else dir=$(mktemp -d "${TMPDIR:-/tmp}/mbw-pg.XXXXXX"); fi
  chmod 700 "$dir"
  if [[ $(id -u) -eq 0 ]]; then chown nobody "$dir"; fi
  echo "$dir"
}

# Starts a cluster in the folder $1; prints the two export lines. On failure the caller removes the folder.
start_in() {
  local dir=$1 bin port
  bin=$(pg_bin)
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  port=$(free_port)
  # Durability off: the cluster is thrown away, and the tests run faster.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; return 1; }
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres mbw || return 1
  echo "export PG_CLUSTER_DIR='$dir'"
  echo "export TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$port/mbw'"
}

start() {
  local dir
  dir=$(make_dir)
  # a failure or a signal while starting removes the folder (and stops a server that started)
  trap 'stop "$dir" >/dev/null 2>&1; exit 1' ERR INT TERM
  start_in "$dir"
  trap - ERR INT TERM
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
    # Not in a subshell: a signal while the cluster starts must still remove it.
    PG_CLUSTER_DIR=$(make_dir)
    trap 'stop "$PG_CLUSTER_DIR"' EXIT
    trap 'exit 130' INT TERM
    start_in "$PG_CLUSTER_DIR" >"$PG_CLUSTER_DIR/env"
    # shellcheck disable=SC1091
    source "$PG_CLUSTER_DIR/env"
    echo "pg-cluster: $TEST_DATABASE_URL" >&2
    # In the background, so that a signal stops the command and the cluster at once (bash waits for a foreground one).
    "$@" &
    child=$!
    trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 130' INT TERM
    wait "$child"
    ;;
  *) die "usage: $0 start | stop <folder> | run -- <command>…" ;;
esac
