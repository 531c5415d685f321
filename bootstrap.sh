# Sourced by run.sh and test.sh: find Python 3.12+, create .venv, install the project when pyproject.toml changes.
# shellcheck shell=bash

find_python() {
  local candidate version
  for candidate in "${PYTHON:-}" python3.14 python3.13 python3.12 python3; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null 2>&1 || continue
    # pyenv shims answer for versions that are installed but not selected; check the real thing.
    version=$("$candidate" -c 'import sys; print("%d%02d" % sys.version_info[:2])' 2>/dev/null) || continue
    if [ "$version" -ge 312 ]; then command -v "$candidate"; return 0; fi
  done
  # pyenv keeps other versions beside the selected one; take the newest 3.12+.
  local root="${PYENV_ROOT:-$HOME/.pyenv}"
  for candidate in $(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
    "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo "$candidate"; return 0; }
  done
  return 1
}

ensure_venv() {
  local extras="$1" python stamp want
  cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1
  if [ ! -x .venv/bin/python ]; then
    python=$(find_python) || {
      echo "This project needs Python 3.12 or newer (Django 6), and none was found on PATH or in pyenv." >&2
      echo "Install one, e.g.:  pyenv install 3.12   or   apt-get install python3.12 python3.12-venv" >&2
      echo "or point PYTHON at it:  PYTHON=/path/to/python3.12 $0" >&2
      exit 1
    }
    echo "Creating .venv with $python ($("$python" --version))"
    "$python" -m venv .venv || exit 1
  fi
  stamp=.venv/.installed
  want="$extras $(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "Installing dependencies into .venv ..."
    .venv/bin/python -m pip install --quiet --upgrade pip || exit 1
    .venv/bin/python -m pip install --quiet -e ".[$extras]" || exit 1
    echo "$want" > "$stamp"
  fi
  # Compiled translation catalogues are committed; recompile if a .po is newer (needs gettext's msgfmt).
  if command -v msgfmt >/dev/null 2>&1; then
    for po in locale/*/LC_MESSAGES/django.po; do
      [ -f "$po" ] && [ "$po" -nt "${po%.po}.mo" ] && msgfmt --check -o "${po%.po}.mo" "$po"
    done
  fi
  ensure_cjk_font
  return 0
}

# The plan PDF sets Chinese in Noto Sans CJK SC (Debian's fonts-noto-cjk), embedded in the file.
ensure_cjk_font() {
  # (No pipe into grep -q: under pipefail, fc-list's SIGPIPE would make a found font look missing.)
  command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 'Noto Sans CJK SC' family 2>/dev/null)" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's fonts-noto-cjk for the PDF export ..."
    apt-get install -y -qq fonts-noto-cjk >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq fonts-noto-cjk >/dev/null; } \
      || echo "Could not install fonts-noto-cjk; PDFs will lack Chinese glyphs." >&2
  else
    echo "The PDF export needs the Noto Sans CJK font: sudo apt-get install fonts-noto-cjk" >&2
  fi
  return 0
}
