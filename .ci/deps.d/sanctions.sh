#!/usr/bin/env bash
# Sanctions stage (issue #3): WeasyPrint's system libraries for dossier PDFs, the CJK
# font they render Chinese names with, and poppler-utils (pdftotext, pdftoppm) for the
# tests that read the PDFs back.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get install -y -qq --no-install-recommends \
  poppler-utils fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
