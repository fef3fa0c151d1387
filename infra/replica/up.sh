#!/usr/bin/env bash
# A primary (127.0.0.1:55450) and a hot standby (:55451) from Debian's PostgreSQL binaries
# (initdb, pg_basebackup -R, streaming replication), then a demonstration of what a reader of the
# standby sees under replica lag: the standby applies WAL with a delay (recovery_min_apply_delay),
# a row written on the primary is missing on the standby until the delay has passed.
#
#   sudo infra/replica/up.sh [--keep]      (runs initdb as the postgres OS user)
#
# Issue 8 asks that read-only dashboards and rollups go to the replica when DATABASE_REPLICA_URL is set,
# with a read-your-writes rule for the user who just wrote. That code path is NOT built yet (see
# NOTES.md, session 6 "bench"); this script is the pair it would be tested against, and the lag it must
# hide: after a write, that session's reads must go to the primary for longer than the lag shown here.
set -euo pipefail
PGV=${PGV:-15}
BIN=/usr/lib/postgresql/$PGV/bin
DIR=${REPLICA_DIR:-/tmp/tj-replica}
DELAY=${REPLICA_DELAY:-2s}
as_pg() { runuser -u postgres -- "$@"; }

cleanup() {
  for n in standby primary; do [ -d "$DIR/$n" ] && as_pg "$BIN/pg_ctl" -D "$DIR/$n" -m fast stop >/dev/null 2>&1 || true; done
}
[ "${1:-}" = "--keep" ] || trap cleanup EXIT
cleanup
rm -rf "$DIR" && mkdir -p "$DIR" && chown postgres "$DIR"

as_pg "$BIN/initdb" -D "$DIR/primary" -U postgres --auth=trust >/dev/null
cat >>"$DIR/primary/postgresql.conf" <<CONF
port = 55450
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
wal_level = replica
max_wal_senders = 4
hot_standby = on
CONF
echo "host replication postgres 127.0.0.1/32 trust" >>"$DIR/primary/pg_hba.conf"
as_pg "$BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p 55450 -U postgres -D "$DIR/standby" -R -X stream
sed -i 's/^port = 55450/port = 55451/' "$DIR/standby/postgresql.conf"
echo "recovery_min_apply_delay = '$DELAY'" >>"$DIR/standby/postgresql.conf"
as_pg "$BIN/pg_ctl" -D "$DIR/standby" -l "$DIR/standby.log" -w start >/dev/null

P="psql -h 127.0.0.1 -p 55450 -U postgres -XAtq"
S="psql -h 127.0.0.1 -p 55451 -U postgres -XAtq"
echo "primary :55450 in recovery: $($P -c 'select pg_is_in_recovery()')   standby :55451 in recovery: $($S -c 'select pg_is_in_recovery()')"
$P -c "create table demo (id int primary key, what text)"
sleep 3 # the create table itself is delayed too
for i in 1 2 3; do
  $P -c "insert into demo values ($i, '团费登记 $i')"
  t0=$(date +%s%N)
  seen=$($S -c "select count(*) from demo where id = $i" 2>/dev/null || echo 0)
  echo "write $i on the primary → standby read right after: $seen row(s) (a user reading the replica would not see their own write)"
  until [ "$($S -c "select count(*) from demo where id = $i" 2>/dev/null || echo 0)" = 1 ]; do sleep 0.1; done
  echo "  visible on the standby after $(( ($(date +%s%N) - t0) / 1000000 )) ms (apply delay $DELAY);" \
    "replay lag now: $($S -c "select coalesce(now() - pg_last_xact_replay_timestamp(), '0')::text")"
done
echo "Read-your-writes rule this calls for: after a write, send that session's reads to the primary for a"
echo "window longer than the worst observed lag (or until the standby's pg_last_wal_replay_lsn() ≥ the"
echo "primary's LSN of the write)."
