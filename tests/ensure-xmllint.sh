#!/usr/bin/env bash
# The SIUSS tests validate the exported XML against INPS's official XSDs with a real validator:
# xmllint from Debian's libxml2-utils. Installs it when missing and we can (root + apt);
# otherwise says the exact command to run.
set -euo pipefail
if command -v xmllint >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "xmllint is missing: installing libxml2-utils with apt-get (needed by the SIUSS tests)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq libxml2-utils >/dev/null
  command -v xmllint >/dev/null 2>&1 && exit 0
fi
echo "xmllint is required for the SIUSS tests and could not be installed automatically." >&2
echo "Run:  sudo apt-get update && sudo apt-get install -y libxml2-utils" >&2
exit 1
