#!/usr/bin/env bash
# Run the whole test suite against a real PostgreSQL: $DATABASE_URL if set, otherwise a throwaway
# cluster made here with the machine's PostgreSQL server binaries and removed afterwards.
# Extra arguments go to pytest, e.g.  ./test.sh tests/test_access.py -k stranger
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
ensure_venv test

export DEBUG=0 SECRET_KEY="test-only-not-secret" ALLOWED_HOSTS="testserver,127.0.0.1,localhost"
export SECURE_SSL_REDIRECT=0 FAST_PASSWORD_HASHER=1

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

# Tools the tests drive, from Debian: chromium for the browser journeys (through playwright; playwright's own
# browser download is not used, and is blocked on these machines), poppler-utils to read PDFs back.
ensure_tool() {
  local command=$1 package=$2
  if command -v "$command" >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's $package for the tests ..."
    apt-get install -y -qq "$package" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$package" >/dev/null; }
  fi
  command -v "$command" >/dev/null 2>&1 || { echo "The tests need $command: apt-get install $package" >&2; exit 1; }
}
[ -n "${CHROMIUM:-}" ] || ensure_tool chromium chromium
ensure_tool pdffonts poppler-utils

if [ -z "${DATABASE_URL:-}" ]; then
  start_throwaway_postgres
fi

.venv/bin/ruff check .
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null \
  || { echo "Model changes without a migration: run manage.py makemigrations" >&2; exit 1; }
# Production settings must pass the deployment checklist (a real-looking secret and hosts, TLS on).
env DEBUG=0 SECURE_SSL_REDIRECT=1 ALLOWED_HOSTS=crm.example.com \
  SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  .venv/bin/python manage.py check --deploy --fail-level WARNING
# Tests run with the production static storage (hashed names), so they need the collected files.
.venv/bin/python manage.py collectstatic --no-input -v0
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
exit $status
