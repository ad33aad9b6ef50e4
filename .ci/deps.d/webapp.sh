#!/usr/bin/env bash
# The web app's tests: Playwright drives Debian's Chromium (never `playwright install`:
# there is no network for it); bench/web.py drives the app with wrk.
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  chromium wrk >/dev/null
