# Shared by scripts/postgres-local.sh and scripts/postgres-replica.sh (sourced, not run): finding the PostgreSQL
# binaries, running as the cluster's OS user, starting and stopping a cluster, and the command dispatch.
#
# The sourcing script sets, before calling anything here:
#   PG_TAG        prefix of its log lines (e.g. postgres-local)
#   PG_NAME       what it runs, in messages ("PostgreSQL", "the standby")
#   PG_BINS       programs its bin directory must hold; the first is also looked up on PATH as a last resort
#   PG_DIR, PG_PORT, PG_HOST, PG_DB, PG_SUPERUSER, PG_OS_USER, LOG_FILE
# and defines cmd_start and cmd_status; BIN is set by those commands (find_bindir).

log() { printf '[%s] %s\n' "$PG_TAG" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$PG_TAG" "$*" >&2; exit 1; }

usage() {
    echo "usage: $0 start|stop|status|url" >&2
    exit 2
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as the OS user owning the cluster. PostgreSQL refuses to run
# as root, so when we are root we switch to the `postgres` user. `cd /` first:
# the caller's cwd (e.g. /root/...) may be unreadable for that user, which
# makes initdb/pg_ctl fail with "could not identify current directory".
as_pg() {
    if is_root; then
        if command -v runuser >/dev/null 2>&1; then
            (cd / && runuser -u "$PG_OS_USER" -- "$@")
        else
            local quoted
            quoted=$(printf '%q ' "$@")
            (cd / && su -s /bin/sh "$PG_OS_USER" -c "$quoted")
        fi
    else
        "$@"
    fi
}

has_server_bins() {
    local b
    [ -n "$1" ] || return 1
    for b in $PG_BINS; do
        [ -x "$1/$b" ] || return 1
    done
}

# "a, b and c" of PG_BINS, for messages.
bins_phrase() {
    local -a bins
    local last joined
    read -r -a bins <<<"$PG_BINS"
    last=${bins[${#bins[@]} - 1]}
    unset 'bins[${#bins[@]}-1]'
    joined=$(printf '%s, ' "${bins[@]}")
    printf '%s and %s\n' "${joined%, }" "$last"
}

# Locate a bin directory holding PG_BINS, the same search for both scripts so that both clusters run the same
# version. Order: $LOYALTY_PG_BIN, newest /usr/lib/postgresql/<ver>/bin (Debian layout), `pg_config --bindir`,
# then the directory of PG_BINS' first program on PATH.
find_bindir() {
    local d probe
    if [ -n "${LOYALTY_PG_BIN:-}" ]; then
        echo "$LOYALTY_PG_BIN"
        return 0
    fi
    for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
        has_server_bins "$d" && { echo "$d"; return 0; }
    done
    if command -v pg_config >/dev/null 2>&1; then
        d=$(pg_config --bindir 2>/dev/null || true)
        has_server_bins "$d" && { echo "$d"; return 0; }
    fi
    probe=${PG_BINS%% *}
    if command -v "$probe" >/dev/null 2>&1; then
        d=$(dirname "$(readlink -f "$(command -v "$probe")")")
        has_server_bins "$d" && { echo "$d"; return 0; }
    fi
    return 1
}

# psql as the superuser on the given port.
psql_on() {
    local port=$1
    shift
    "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$port" -U "$PG_SUPERUSER" -d postgres "$@"
}

# Our cluster is running if pg_ctl says so for our data directory.
cluster_running() {
    [ -f "$PG_DIR/PG_VERSION" ] && as_pg "$BIN/pg_ctl" status -D "$PG_DIR" >/dev/null 2>&1
}

# Whether a server answers on the given port (default: ours).
port_answers() {
    "$BIN/pg_isready" -q -h "$PG_HOST" -p "${1:-$PG_PORT}" >/dev/null 2>&1
}

# Waits up to $1 seconds for our port to answer.
wait_port() {
    for _ in $(seq 1 "$1"); do
        port_answers && return 0
        sleep 1
    done
    port_answers
}

# An empty data directory for initdb or pg_basebackup, owned by the cluster's user, mode 700.
make_data_dir() {
    mkdir -p "$PG_DIR"
    if is_root; then chown "$PG_OS_USER:" "$PG_DIR"; fi
    chmod 700 "$PG_DIR"
}

# Hands $1 (a file in the data directory written by the script) to the cluster's user and includes it from
# postgresql.conf once, last, so its settings win.
include_config() {
    if is_root; then chown "$PG_OS_USER:" "$PG_DIR/$1"; fi
    if ! grep -q "^include_if_exists = '$1'" "$PG_DIR/postgresql.conf"; then
        printf "\ninclude_if_exists = '%s'\n" "$1" >>"$PG_DIR/postgresql.conf"
    fi
}

# pg_ctl start with the server log in LOG_FILE; on failure prints the log's tail and returns 1.
pg_ctl_start() {
    log "starting $PG_NAME on $PG_HOST:$PG_PORT (log: $LOG_FILE)"
    if ! as_pg "$BIN/pg_ctl" start -D "$PG_DIR" -l "$LOG_FILE" -w -t 60 >/dev/null 2>&1; then
        log "pg_ctl start failed; server log follows:"
        tail -n 50 "$LOG_FILE" >&2 || true
        return 1
    fi
}

cmd_stop() {
    BIN=$(find_bindir) || { log "no PostgreSQL binaries found; nothing to stop"; return 0; }
    if cluster_running; then
        log "stopping $PG_NAME in $PG_DIR"
        as_pg "$BIN/pg_ctl" stop -D "$PG_DIR" -m fast -w -t 60 >/dev/null
        log "stopped"
    else
        log "$PG_NAME in $PG_DIR is not running"
    fi
}

cmd_url() {
    printf 'Host=%s;Port=%s;Database=%s;Username=%s;Pooling=true;Maximum Pool Size=100\n' \
        "$PG_HOST" "$PG_PORT" "$PG_DB" "$PG_SUPERUSER"
}

# The scripts' entry point: one command word.
pg_main() {
    [ $# -eq 1 ] || usage
    if [ -n "${LOYALTY_PG_BIN:-}" ] && ! has_server_bins "$LOYALTY_PG_BIN"; then
        die "LOYALTY_PG_BIN=$LOYALTY_PG_BIN does not contain $(bins_phrase)"
    fi
    case "$1" in
        start) cmd_start ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        url) cmd_url ;;
        *) usage ;;
    esac
}
