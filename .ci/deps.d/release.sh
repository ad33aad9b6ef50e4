#!/usr/bin/env bash
# Release stage (lionrock/release, issue #5 items 6-9): the real tools its tests run.
# - zim-tools: zimcheck -A checks the ZIM; kiwix-tools: kiwix-serve serves it.
# - minisign: Debian's minisign verifies the signed manifest.
# - node + npm, then `npm ci` installs ipfs-car (pinned in package-lock.json), which
#   unpacks and packs CAR files offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
packages="zim-tools kiwix-tools minisign"
command -v npm >/dev/null || packages="$packages nodejs npm"
$SUDO apt-get install -y -qq --no-install-recommends $packages >/dev/null
npm ci --no-audit --no-fund --loglevel=error
