#!/usr/bin/env bash
# Run the whole test suite against a real PostgreSQL: $DATABASE_URL if set, otherwise a throwaway
# cluster made here with the machine's PostgreSQL server binaries and removed afterwards.
# Extra arguments go to pytest, e.g.  ./test.sh tests/test_access.py -k stranger
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
source "$(dirname "$0")/pgtemp.sh"
ensure_venv test

export DEBUG=0 SECRET_KEY="test-only-not-secret" ALLOWED_HOSTS="testserver,127.0.0.1,localhost"
export SECURE_SSL_REDIRECT=0 FAST_PASSWORD_HASHER=1

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
