#!/usr/bin/env bash
# Throwaway streaming standby (a read replica) of the local test cluster, for the read-replica test.
#
# Usage: scripts/postgres-replica.sh start|stop|status|url
#
#   start   take a base backup of the cluster scripts/postgres-local.sh runs (it must be running) with
#           `pg_basebackup -R` and start it as a hot standby that streams from it. Idempotent: succeeds if the
#           standby is already running; an existing standby directory is reused while it still streams from the
#           same cluster, otherwise it is taken again.
#   stop    stop the standby (succeeds if it is not running).
#   status  exit 0 if the standby answers on its port and is in recovery, 1 otherwise.
#   url     print the Npgsql connection string for the standby.
#
# Environment:
#   LOYALTY_PG_REPLICA_DIR   standby data directory (default /tmp/loyalty-pg-replica)
#   LOYALTY_PG_REPLICA_PORT  standby TCP port        (default 55433)
#   LOYALTY_PG_PORT          the primary's port      (default 55432, as scripts/postgres-local.sh)
#   LOYALTY_PG_BIN           PostgreSQL bin directory (default: auto-detected)
#
# The primary needs nothing extra: initdb's pg_hba.conf already lets 127.0.0.1 connect for replication, and
# wal_level=replica and max_wal_senders=10 are PostgreSQL's defaults. A standby copies the whole cluster, so the base
# backup takes as long as the primary is big (seconds for the test cluster at CI start). Same trust-auth caveat as
# postgres-local.sh: a disposable, loopback-only, non-durable setup.
set -euo pipefail

PG_DIR="${LOYALTY_PG_REPLICA_DIR:-/tmp/loyalty-pg-replica}"
PG_PORT="${LOYALTY_PG_REPLICA_PORT:-55433}"
PRIMARY_PORT="${LOYALTY_PG_PORT:-55432}"
PG_HOST=127.0.0.1
PG_DB=loyalty_test
PG_SUPERUSER=postgres
PG_OS_USER=postgres
LOG_FILE="$PG_DIR/server.log"

PG_TAG=postgres-replica
PG_NAME="the standby"
PG_BINS="pg_basebackup pg_ctl postgres"

# shellcheck source=lib/postgres.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/postgres.sh"

in_recovery() {
    [ "$(psql_on "$PG_PORT" -tAc 'select pg_is_in_recovery()' 2>/dev/null || true)" = t ]
}

# The standby streams from the primary when its WAL receiver says so (it needs a few moments after a start).
streaming() {
    [ "$(psql_on "$PG_PORT" -tAc "select count(*) from pg_stat_wal_receiver where status = 'streaming'" 2>/dev/null || true)" = 1 ]
}

wait_streaming() {
    local seconds=$1
    for _ in $(seq 1 "$seconds"); do
        streaming && return 0
        sleep 1
    done
    return 1
}

system_identifier() {
    "$BIN/pg_controldata" -D "$1" 2>/dev/null | sed -n 's/^Database system identifier: *//p'
}

write_standby_config() {
    # Appended after the primary's own include (loyalty-test.conf comes along in the base backup), so these win.
    # max_connections and friends stay the primary's: a hot standby may not have fewer.
    cat >"$PG_DIR/loyalty-replica.conf" <<EOF
# Managed by scripts/postgres-replica.sh -- test-only standby, NOT durable.
listen_addresses = '$PG_HOST'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
shared_buffers = 64MB
hot_standby = on
# Long report queries are not cancelled by the replay of vacuum on the primary.
hot_standby_feedback = on
EOF
    include_config loyalty-replica.conf
}

base_backup() {
    local parent
    parent=$(dirname "$PG_DIR")
    mkdir -p "$parent"
    if [ -e "$PG_DIR" ] && [ -n "$(ls -A "$PG_DIR" 2>/dev/null)" ] && [ ! -f "$PG_DIR/PG_VERSION" ]; then
        die "$PG_DIR exists, is not empty and is not a PostgreSQL data directory; remove it or set LOYALTY_PG_REPLICA_DIR"
    fi
    rm -rf "$PG_DIR"
    make_data_dir
    log "taking a base backup of $PG_HOST:$PRIMARY_PORT into $PG_DIR"
    # -R writes standby.signal and primary_conninfo; -X stream copies the WAL written meanwhile.
    if ! as_pg "$BIN/pg_basebackup" -h "$PG_HOST" -p "$PRIMARY_PORT" -U "$PG_SUPERUSER" -D "$PG_DIR" \
        -R -X stream --checkpoint=fast --no-sync >"$PG_DIR.basebackup.log" 2>&1; then
        cat "$PG_DIR.basebackup.log" >&2
        die "pg_basebackup failed"
    fi
    rm -f "$PG_DIR.basebackup.log" "$PG_DIR/server.log" # the primary's log came along
    write_standby_config
}

start_server() {
    pg_ctl_start && wait_port 30
}

stop_server() {
    as_pg "$BIN/pg_ctl" stop -D "$PG_DIR" -m fast -w -t 60 >/dev/null 2>&1 || true
}

cmd_start() {
    BIN=$(find_bindir) || die "PostgreSQL binaries not found; run scripts/postgres-local.sh start first (it installs them) or set LOYALTY_PG_BIN"
    port_answers "$PRIMARY_PORT" || die "the primary does not answer on $PG_HOST:$PRIMARY_PORT; run scripts/postgres-local.sh start first"

    if cluster_running && port_answers "$PG_PORT" && in_recovery; then
        log "standby in $PG_DIR already running"
        wait_streaming 15 || die "the standby in $PG_DIR runs but does not stream from $PG_HOST:$PRIMARY_PORT; see $LOG_FILE, or stop it and start again"
        log "ready: $(cmd_url)"
        return 0
    fi
    if port_answers "$PG_PORT"; then
        die "something else is already listening on $PG_HOST:$PG_PORT; stop it or set LOYALTY_PG_REPLICA_PORT"
    fi

    # Reuse a stopped standby of this very cluster (cheap: it catches up by streaming); anything else is taken again.
    local primary_id reused=0
    primary_id=$(psql_on "$PRIMARY_PORT" -tAc 'select system_identifier from pg_control_system()')
    if [ -f "$PG_DIR/standby.signal" ] && [ "$(system_identifier "$PG_DIR")" = "$primary_id" ]; then
        rm -f "$PG_DIR/postmaster.pid" # a stale one after a crash; pg_ctl status said nothing runs here
        write_standby_config
        if start_server && in_recovery && wait_streaming 15; then
            reused=1
        else
            log "the existing standby cannot catch up (WAL gone, or it was promoted); taking it again"
            stop_server
        fi
    fi
    if [ "$reused" = 0 ]; then
        base_backup
        start_server || die "could not start the standby"
        in_recovery || die "the standby started but is not in recovery; see $LOG_FILE"
        wait_streaming 30 || die "the standby does not stream from $PG_HOST:$PRIMARY_PORT; see $LOG_FILE"
    fi
    log "ready: $(cmd_url)"
}

cmd_status() {
    BIN=$(find_bindir) || { log "no PostgreSQL binaries found"; return 1; }
    if port_answers "$PG_PORT" && in_recovery; then
        log "standby running on $PG_HOST:$PG_PORT$(streaming && echo ', streaming' || echo ', NOT streaming')"
    else
        log "no standby on $PG_HOST:$PG_PORT"
        return 1
    fi
}

pg_main "$@"
