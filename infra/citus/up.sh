#!/usr/bin/env bash
# Bring up a Citus coordinator (127.0.0.1:55440) and one worker (:55441) from Debian packages and run
# the db + API test suites against the coordinator. See RUNBOOK.md. Exits 2 when Citus is not
# installable from the reachable apt sources (the case on the development VM, 2026-11).
set -euo pipefail
PGV=${PGV:-15}
BIN=/usr/lib/postgresql/$PGV/bin
DIR=${CITUS_DIR:-/tmp/tj-citus}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

if ! ls /usr/lib/postgresql/$PGV/lib/citus.so >/dev/null 2>&1; then
  echo "Citus is not installed; trying apt (postgresql-$PGV-citus*)…"
  apt-get update -qq >/dev/null 2>&1 || true
  PKG=$(apt-cache search --names-only "^postgresql-$PGV-citus" | awk '{print $1}' | sort -V | tail -1)
  if [ -z "$PKG" ]; then
    echo "Citus is not available from the configured apt sources (Debian does not package it; it comes from"
    echo "packagecloud.io/citusdata, which this machine cannot reach). Nothing else to do; see RUNBOOK.md."
    exit 2
  fi
  apt-get install -y "$PKG"
fi

as_pg() { runuser -u postgres -- "$@"; }
rm -rf "$DIR" && mkdir -p "$DIR" && chown postgres "$DIR"
for node in coordinator:55440 worker:55441; do
  name=${node%%:*}; port=${node##*:}
  as_pg "$BIN/initdb" -D "$DIR/$name" -U postgres --auth=trust >/dev/null
  cat >>"$DIR/$name/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
shared_preload_libraries = 'citus'
max_prepared_transactions = 100
citus.enable_schema_based_sharding = on
CONF
  as_pg "$BIN/pg_ctl" -D "$DIR/$name" -l "$DIR/$name.log" -w start
  as_pg "$BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -qc 'create extension citus'
done
psql -h 127.0.0.1 -p 55440 -U postgres -qc "select citus_set_coordinator_host('127.0.0.1', 55440)"
psql -h 127.0.0.1 -p 55440 -U postgres -qc "select citus_add_node('127.0.0.1', 55441)"
cleanup() {
  for name in worker coordinator; do as_pg "$BIN/pg_ctl" -D "$DIR/$name" -m fast stop || true; done
}
trap cleanup EXIT
cd "$ROOT"
DATABASE_URL=postgres://postgres@127.0.0.1:55440/postgres TJ_SKIP_CHECKS=1 \
  node scripts/test.mjs --no-build packages/db packages/api
