#!/usr/bin/env bash
# Intake (issue #15): mat2 cleans files (Debian's package also provides libmat2 for the
# system Python that lionrock/intake/_mat2_worker.py runs under), bubblewrap sandboxes it,
# exiftool (with Archive::Zip, to read office documents) checks what was removed, and
# tor runs the documented onion service in a test (offline: DisableNetwork). The browser
# journey uses chromium (see webapp.sh). The Python side (pynacl, multipart, aiofiles for
# bench/intake.py) comes from pyproject.toml.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get install -y -qq --no-install-recommends \
  mat2 bubblewrap libimage-exiftool-perl libarchive-zip-perl tor chromium >/dev/null
# tor's Debian package starts a system tor; the tests start their own, offline.
$SUDO systemctl disable --now tor >/dev/null 2>&1 || true
mat2 --version && bwrap --version && exiftool -ver && tor --version | head -1
