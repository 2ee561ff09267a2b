#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for local runs and CI (no Docker needed).
#
# Usage: scripts/postgres-local.sh start|stop|status|url
#
#   start   install server binaries if missing (Debian/Ubuntu apt), initdb on
#           first use, start the server, create database loyalty_test.
#           Idempotent: succeeds if the cluster is already running.
#   stop    stop the cluster (succeeds if it is not running).
#   status  exit 0 if the cluster answers on its port, 1 otherwise.
#   url     print the Npgsql connection string for the cluster.
#
# Environment:
#   LOYALTY_PG_DIR   data directory   (default /tmp/loyalty-pg)
#   LOYALTY_PG_PORT  TCP port         (default 55432)
#   LOYALTY_PG_BIN   PostgreSQL bin directory (default: auto-detected)
#
# The cluster is tuned for speed, NOT durability (fsync=off etc.) and uses
# `trust` authentication: anyone able to connect to 127.0.0.1 is let in as
# superuser without a password. That is acceptable only because this is a
# disposable test cluster listening on loopback; never reuse this setup for
# data you care about.
set -euo pipefail

PG_DIR="${LOYALTY_PG_DIR:-/tmp/loyalty-pg}"
PG_PORT="${LOYALTY_PG_PORT:-55432}"
PG_HOST=127.0.0.1
PG_DB=loyalty_test
PG_SUPERUSER=postgres
PG_OS_USER=postgres
LOG_FILE="$PG_DIR/server.log"
PG_TAG=postgres-local
PG_NAME=PostgreSQL
PG_BINS="initdb pg_ctl postgres"

# shellcheck source=lib/postgres.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/postgres.sh"

install_postgres() {
    is_root || die "PostgreSQL server binaries not found and not running as root; install them (apt-get install postgresql) or set LOYALTY_PG_BIN"
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL server binaries not found and apt-get is unavailable; install PostgreSQL or set LOYALTY_PG_BIN"
    log "PostgreSQL server binaries not found; installing via apt-get (postgresql postgresql-contrib)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=300 update -q >&2
    apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends \
        postgresql postgresql-contrib >&2
}

ensure_os_user() {
    is_root || return 0
    if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
        log "creating OS user '$PG_OS_USER'"
        useradd --system --user-group --home-dir /var/lib/postgresql \
            --shell /bin/bash "$PG_OS_USER"
    fi
}

psql_admin() { psql_on "$PG_PORT" "$@"; }

ensure_database() {
    local exists
    exists=$(psql_admin -tAc "select 1 from pg_database where datname = '$PG_DB'")
    if [ "$exists" != "1" ]; then
        log "creating database $PG_DB"
        psql_admin -c "create database $PG_DB"
    fi
}

write_test_config() {
    # Regenerated on every start so tuning changes take effect without a re-init.
    cat >"$PG_DIR/loyalty-test.conf" <<EOF
# Managed by scripts/postgres-local.sh -- test-only settings, NOT durable.
listen_addresses = '$PG_HOST'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 300
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
# Parallel query needs large /dev/shm segments, which containers often lack.
max_parallel_workers_per_gather = 0
log_min_messages = warning
log_min_error_statement = error
EOF
    include_config loyalty-test.conf
}

init_cluster() {
    local parent
    parent=$(dirname "$PG_DIR")
    mkdir -p "$parent"
    if [ -e "$PG_DIR" ] && [ -n "$(ls -A "$PG_DIR" 2>/dev/null)" ]; then
        die "$PG_DIR exists, is not empty and is not a PostgreSQL data directory; remove it or set LOYALTY_PG_DIR"
    fi
    make_data_dir
    log "initialising cluster in $PG_DIR"
    # --auth=trust: see header comment, throwaway loopback-only cluster.
    if ! as_pg "$BIN/initdb" -D "$PG_DIR" -U "$PG_SUPERUSER" --auth=trust \
        --encoding=UTF8 --no-locale --no-sync >"$PG_DIR.initdb.log" 2>&1; then
        cat "$PG_DIR.initdb.log" >&2
        die "initdb failed (is $parent traversable by user '$PG_OS_USER'?)"
    fi
    rm -f "$PG_DIR.initdb.log"
}

cmd_start() {
    if ! BIN=$(find_bindir); then
        install_postgres
        BIN=$(find_bindir) || die "PostgreSQL server binaries still not found after apt-get install"
    fi
    log "using PostgreSQL binaries in $BIN ($("$BIN/postgres" --version))"
    ensure_os_user

    if cluster_running; then
        if wait_port 10; then
            log "cluster in $PG_DIR already running"
            ensure_database
            log "ready: $(cmd_url)"
            return 0
        fi
        # Crashed or unreaped postmaster, or running on another port: reset it.
        log "cluster in $PG_DIR looks alive but does not answer on $PG_HOST:$PG_PORT; forcing a restart"
        as_pg "$BIN/pg_ctl" stop -D "$PG_DIR" -m immediate -w -t 20 >/dev/null 2>&1 || true
        if cluster_running; then
            local pid
            pid=$(head -n 1 "$PG_DIR/postmaster.pid" 2>/dev/null || true)
            if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] && [ "$(awk '{print $3}' "/proc/$pid/stat")" != Z ]; then
                die "postmaster $pid for $PG_DIR is alive but unresponsive; stop it manually"
            fi
            log "removing stale $PG_DIR/postmaster.pid"
            rm -f "$PG_DIR/postmaster.pid"
        fi
    fi
    if port_answers; then
        die "something else is already listening on $PG_HOST:$PG_PORT; stop it or set LOYALTY_PG_PORT"
    fi

    if [ -f "$PG_DIR/PG_VERSION" ]; then
        local have want
        have=$(cat "$PG_DIR/PG_VERSION")
        want=$("$BIN/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')
        [ "$have" = "$want" ] || die "$PG_DIR was created by PostgreSQL $have but binaries are $want; remove $PG_DIR"
    else
        init_cluster
    fi
    if is_root; then chown -R "$PG_OS_USER:" "$PG_DIR"; fi
    write_test_config

    pg_ctl_start || die "could not start PostgreSQL"
    wait_port 30 || die "PostgreSQL started but does not answer on $PG_HOST:$PG_PORT"
    ensure_database
    log "ready: $(cmd_url)"
}

cmd_status() {
    BIN=$(find_bindir) || { log "no PostgreSQL binaries found"; return 1; }
    if port_answers; then
        log "running on $PG_HOST:$PG_PORT"
    else
        log "not running on $PG_HOST:$PG_PORT"
        return 1
    fi
}

pg_main "$@"
