#!/usr/bin/env bash
# The kit on the other supported Pythons (3.12, 3.13) that this machine has:
# a venv each from the same lock file, the demo built for both audiences, and
# the in-process unit tests. The whole suite runs on 3.11 (make test).
# Interpreters are looked up on PATH, then in pyenv's and uv's folders.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
uv=.venv/bin/uv

find_python() {
  local v=$1 candidate
  for candidate in "$(command -v "python$v" 2>/dev/null || true)" \
      "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$v".*/bin/python"$v" \
      "$HOME"/.local/share/uv/python/cpython-"$v".*/bin/python"$v"; do
    [[ -n $candidate && -x $candidate ]] && "$candidate" -c 'import sys' 2>/dev/null && { echo "$candidate"; return; }
  done
}

found=0
for v in 3.12 3.13; do
  py=$(find_python "$v")
  if [[ -z $py ]]; then
    echo "Python $v absent de cette machine : non vérifié."
    continue
  fi
  found=$((found + 1))
  venv=.venv-$v
  echo "Python $v ($py) : installation depuis requirements.lock…"
  [[ -x $venv/bin/python ]] || "$uv" venv --quiet --python "$py" "$venv"
  "$uv" pip sync --quiet --python "$venv/bin/python" --require-hashes requirements.lock
  "$uv" pip install --quiet --python "$venv/bin/python" --no-deps -e .
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  for audience in interne public; do
    if ! log=$("$venv/bin/kit" build demo --audience "$audience" --no-pdf --out "$out/$audience" 2>&1); then
      echo "$log" >&2
      exit 1
    fi
  done
  test -s "$out/interne/demo/index.html" && test -s "$out/public/demo/index.html"
  "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/test_fmt.py tests/test_quote.py tests/test_roi_compute.py tests/test_sanitize.py
  rm -rf "$out"
done
echo "Autres versions de Python vérifiées : $found."
