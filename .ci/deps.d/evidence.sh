#!/usr/bin/env bash
# Evidence (issue #4): the replay test drives Debian's Chromium through Python Playwright
# (never `playwright install`: it would download a browser). fonts-noto-cjk renders the
# Chinese test pages. The Python packages (warcio, wacz, rfc3161-client, cryptography,
# certifi, surt, playwright) come from pyproject.toml.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk ca-certificates >/dev/null
chromium --version
