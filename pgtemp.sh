# Sourced by test.sh and bench/run.sh: a throwaway PostgreSQL cluster made with the machine's server binaries
# (initdb + pg_ctl, as the postgres user when run as root) on a free loopback port in a temp folder, removed on
# exit. start_throwaway_postgres exports DATABASE_URL and sets a trap (EXIT INT TERM) that calls
# stop_throwaway_postgres. Needs .venv/bin/python (bootstrap.sh's ensure_venv) in the working directory.
# shellcheck shell=bash

pg_bin_dir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir)
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV) /usr/local/pgsql/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

start_throwaway_postgres() {
  local bin port owner
  if ! bin=$(pg_bin_dir); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "PostgreSQL server binaries not found; installing Debian's postgresql ..."
      apt-get install -y -qq postgresql >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
      bin=$(pg_bin_dir) || true
    fi
    if [ -z "${bin:-}" ]; then
      echo "No PostgreSQL server binaries (initdb, pg_ctl). Install them (Debian: apt-get install postgresql-15)," >&2
      echo "or set DATABASE_URL=postgres://user:password@host:5432/dbname to use a running server." >&2
      exit 1
    fi
  fi
  PG_TMP=$(mktemp -d /tmp/salescamp-pg.XXXXXX)
  port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_TMP"
    as_owner() { runuser -u postgres -- "$@"; }
    owner=postgres
  else
    as_owner() { "$@"; }
    owner=$(id -un)
  fi
  trap stop_throwaway_postgres EXIT INT TERM
  as_owner "$bin/initdb" -D "$PG_TMP/data" -U "$owner" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1 \
    || { cat "$PG_TMP/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 start \
    -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
    || { cat "$PG_TMP/server.log" >&2; exit 1; }
  PG_CTL="$bin/pg_ctl"
  export DATABASE_URL="postgres://$owner@127.0.0.1:$port/postgres"
  echo "Throwaway PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port"
}

stop_throwaway_postgres() {
  if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP" ]; then
    as_owner "$PG_CTL" -D "$PG_TMP/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}
