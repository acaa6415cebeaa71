#!/usr/bin/env bash
# PDF tests check packets with pdftotext/pdfinfo (Debian's poppler-utils) and qpdf (the structure
# and syntax checks of tests/integration/pdf-conformance.ts).
set -euo pipefail
if command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 && command -v qpdf >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing poppler-utils and qpdf for the PDF tests (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils qpdf >/dev/null
  exit 0
fi
echo "pdftotext/pdfinfo/qpdf are missing: run 'sudo apt-get install -y poppler-utils qpdf', then run the tests again." >&2
exit 1
