#!/usr/bin/env bash
# The benchmark: a throwaway PostgreSQL (as ./test.sh makes it), the large dataset (bench/build_dataset.py),
# the app under gunicorn with production settings on loopback, then bench/measure.py: SQL queries per page
# and wrk's requests/s and p50/p95/p99 at 8 connections, every page drawn afresh, beside two yardsticks
# measured in the same run (ping, and a plain Django ListView of 200 contacts), with the goals met or missed.
# The server runs bench/settings.py: the application's settings with bench/reference_urls.py as URLconf,
# so the reference page is served without being one of the application's URLs.
#
#   bench/run.sh                          # every page, 10 s each (about 5 minutes in all)
#   bench/run.sh --duration 5s --only desk,team,pdf
#   WORKERS=4 PORT=8123 bench/run.sh
#   VENV=/path/to/checkout/.venv bench/run.sh   # an existing virtualenv with the test extras (a worktree)
#
# Extra arguments go to bench/measure.py. Uses $DATABASE_URL if set (it must be an empty database: the
# dataset is built into it); otherwise a throwaway cluster, removed on exit like everything started here.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./bootstrap.sh
source ./pgtemp.sh
if [ -n "${VENV:-}" ]; then
  # Another checkout's virtualenv (a git worktree): used as it is, this checkout first on sys.path.
  [ -x "$VENV/bin/python" ] || { echo "VENV=$VENV has no bin/python" >&2; exit 1; }
  VENV=$(cd "$VENV" && pwd)
else
  ensure_venv test
  VENV=$PWD/.venv
fi

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's wrk ..."
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  fi
  command -v wrk >/dev/null 2>&1 || { echo "The benchmark needs wrk: apt-get install wrk" >&2; exit 1; }
fi

# Production settings, except TLS: there is none on loopback.
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0
SECRET_KEY="$("$VENV"/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export SECRET_KEY
WORKERS="${WORKERS:-$((2 * $(nproc) + 1))}"  # as docs/deploy.md runs it: 2 × CPUs + 1

if [ -z "${DATABASE_URL:-}" ]; then
  start_throwaway_postgres
fi
BENCH_TMP=$(mktemp -d /tmp/salescamp-bench.XXXXXX)
GUNICORN_PID=""
cleanup() {
  if [ -n "$GUNICORN_PID" ]; then
    kill "$GUNICORN_PID" 2>/dev/null || true
    wait "$GUNICORN_PID" 2>/dev/null || true
  fi
  rm -rf "$BENCH_TMP"
  stop_throwaway_postgres
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Migrating ..."
"$VENV"/bin/python manage.py migrate --no-input -v0
"$VENV"/bin/python manage.py createcachetable
echo "Building the dataset ..."
"$VENV"/bin/python bench/build_dataset.py --out "$BENCH_TMP/info.json" >/dev/null
"$VENV"/bin/python manage.py collectstatic --no-input -v0

PORT="${PORT:-$("$VENV"/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
export DJANGO_SETTINGS_MODULE=bench.settings  # for gunicorn and measure.py
"$VENV"/bin/gunicorn salescamp.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --log-level warning --error-logfile "$BENCH_TMP/gunicorn.log" &
GUNICORN_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/ping/" >/dev/null 2>&1 && break
  kill -0 "$GUNICORN_PID" 2>/dev/null || { cat "$BENCH_TMP/gunicorn.log" >&2; exit 1; }
  sleep 0.2
done
echo "gunicorn $("$VENV"/bin/python -c 'import gunicorn; print(gunicorn.__version__)') with $WORKERS workers on 127.0.0.1:$PORT"

set +e
"$VENV"/bin/python bench/measure.py --info "$BENCH_TMP/info.json" --base "http://127.0.0.1:$PORT" "$@"
status=$?
set -e
if [ -s "$BENCH_TMP/gunicorn.log" ]; then
  echo "--- gunicorn's log ---"
  tail -20 "$BENCH_TMP/gunicorn.log"
fi
exit $status
