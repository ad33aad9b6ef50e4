#!/usr/bin/env bash
# The published site's tests: Debian's Chromium (driven by Python Playwright; never
# `playwright install`, which downloads a browser) and Hugo (the benchmark's anchor).
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -qq --no-install-recommends chromium hugo fonts-noto-cjk >/dev/null
