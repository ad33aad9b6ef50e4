#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 with trust auth, as the tests
# expect: start Debian's cluster if it is installed but stopped, install it if missing.
set -euo pipefail
HOST=127.0.0.1 PORT=5432
if pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; then exit 0; fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql postgresql-contrib >/dev/null
fi
VERSION=$(ls /etc/postgresql | sort -n | tail -1)
CONF=/etc/postgresql/$VERSION/main
# trust on loopback, as on the project's machines (a throwaway test server only)
if ! grep -q "lionrock-tests" "$CONF/pg_hba.conf"; then
  $SUDO sed -i '1i host all all 127.0.0.1/32 trust # lionrock-tests' "$CONF/pg_hba.conf"
fi
$SUDO pg_ctlcluster --skip-systemctl-redirect "$VERSION" main start || true
for _ in $(seq 1 30); do pg_isready -q -h "$HOST" -p "$PORT" && break; sleep 1; done
pg_isready -h "$HOST" -p "$PORT"
psql -h "$HOST" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" | grep -q 1 \
  || psql -h "$HOST" -U postgres -c "CREATE DATABASE test"
