#!/usr/bin/env bash
# Test tools that pip cannot bring: Debian's Chromium (driven by Playwright),
# Java for the Nu HTML Checker, poppler-utils for the PDF checks, HarfBuzz's
# subsetting library (WeasyPrint warns without it, and warnings fail the tests),
# and the npm packages pinned in package-lock.json (axe-core, vnu-jar).
# Idempotent: does nothing when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v npm >/dev/null 2>&1 || missing+=(npm)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset\.so' || missing+=(libharfbuzz-subset0)

explain() {
  cat >&2 <<MSG

Impossible d'installer automatiquement les outils de test manquants : ${missing[*]}.
Installez-les vous-même avec les droits d'administrateur, puis relancez « make test » :

    sudo apt-get update && sudo apt-get install -y ${missing[*]}

(Sur une autre distribution que Debian : Chromium, un Java 11 ou plus récent,
poppler-utils, HarfBuzz (harfbuzz-subset) et Node.js avec npm, par le gestionnaire de paquets habituel.)
MSG
  exit 1
}

if ((${#missing[@]})); then
  echo "Outils de test manquants : ${missing[*]} ; installation par apt-get…"
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    explain
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || explain
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || explain
fi

# npm ci only when the lock file changed since the last install.
stamp=node_modules/.package-lock.json
if [[ ! -f node_modules/vnu-jar/build/dist/vnu.jar || ! -f node_modules/axe-core/axe.min.js \
      || package-lock.json -nt "$stamp" ]]; then
  echo "Installation des outils npm épinglés (axe-core, vnu-jar)…"
  if ! npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; then
    echo "npm ci a échoué : vérifiez l'accès au registre npm, puis relancez « make test »." >&2
    exit 1
  fi
fi
