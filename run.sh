#!/usr/bin/env bash
# Run the app for development: venv, install, migrate, demo data (if the database is empty), server.
# Embedded SQLite by default (db.sqlite3 here); set DATABASE_URL to use PostgreSQL instead.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
ensure_venv test

export DEBUG="${DEBUG:-1}"
ADDR="${ADDR:-127.0.0.1:8000}"
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py createcachetable
.venv/bin/python manage.py seed_demo --if-empty
.venv/bin/python manage.py refresh_warnings  # today's warnings for the desks (the daily job in production)
echo
echo "大客户作战台 is running at http://$ADDR/  (sign in with a demo login above; Ctrl-C stops it)"
exec .venv/bin/python manage.py runserver "$ADDR"
