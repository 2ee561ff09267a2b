#!/usr/bin/env bash
# Load harness for the Loyalty API: builds it in Release, runs it on SQLite and then on PostgreSQL,
# seeds a partner API key, members and app users through the API, drives three scenarios with wrk
# and prints one table per database. See tests/load/README.md.
#
# Usage: tests/load/run.sh
#
# Environment (defaults in brackets):
#   LOAD_DURATION     wrk duration per measured scenario        [15s]
#   LOAD_WARMUP       unmeasured warm-up per scenario, 0 = none  [3s]
#   LOAD_CONNECTIONS  wrk connections                            [64]
#   LOAD_THREADS      wrk threads                                [2]
#   LOAD_TIMEOUT      wrk per-request timeout                    [10s]
#   LOAD_MEMBERS      members enrolled at the till               [200]
#   LOAD_APP_USERS    app users (member JWTs) for balance reads  [20]
#   LOAD_DATABASES    which databases, in order                  ["sqlite postgres"]
#   LOAD_PORT         first port tried for the API               [5181]
#   LOAD_KEEP_TMP     1 = keep the temp dir (logs, db) afterwards [0; kept anyway on failure]
#   LOYALTY_PG_PORT   PostgreSQL port used by scripts/postgres-local.sh [55432]
#   LOAD_PGBENCH_CLIENTS  pgbench -N clients (the issue's reference: 16)  [16]
#
# Exit status: 0 when every request of every scenario got a 2xx, 1 when any did not (or a step failed).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

DURATION=${LOAD_DURATION:-15s}
WARMUP=${LOAD_WARMUP:-3s}
CONNECTIONS=${LOAD_CONNECTIONS:-64}
THREADS=${LOAD_THREADS:-2}
TIMEOUT=${LOAD_TIMEOUT:-10s}
MEMBERS=${LOAD_MEMBERS:-200}
APP_USERS=${LOAD_APP_USERS:-20}
DATABASES=${LOAD_DATABASES:-sqlite postgres}
FIRST_PORT=${LOAD_PORT:-5181}
KEEP_TMP=${LOAD_KEEP_TMP:-0}
PG_PORT=${LOYALTY_PG_PORT:-55432}
PG_HOST=127.0.0.1
PG_DB=loyalty_load
JWT_AUDIENCE=http://localhost:5080
SCENARIOS=(health earn balance)
PGBENCH_CLIENTS=${LOAD_PGBENCH_CLIENTS:-16}
PGBENCH_DB=loyalty_pgbench

log() { printf '[load] %s\n' "$*" >&2; }
die() { printf '[load] ERROR: %s\n' "$*" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/loyalty-load.XXXXXX")
API_PID=""
API_LOG=""
PG_STARTED_BY_US=0
PG_DB_CREATED=0
FAILED=0
STEP_OK=0

stop_api() {
    if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
        kill "$API_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$API_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$API_PID" 2>/dev/null || true
        wait "$API_PID" 2>/dev/null || true
    fi
    API_PID=""
}

psql_admin() {
    PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres "$@"
}

cleanup() {
    local rc=$?
    stop_api
    if [ "$PG_DB_CREATED" = 1 ]; then
        psql_admin -c "drop database if exists $PG_DB with (force)" >/dev/null 2>&1 || true
        psql_admin -c "drop database if exists $PGBENCH_DB with (force)" >/dev/null 2>&1 || true
    fi
    if [ "$PG_STARTED_BY_US" = 1 ]; then
        log "stopping PostgreSQL (this script started it)"
        "$ROOT/scripts/postgres-local.sh" stop >/dev/null 2>&1 || true
    fi
    if [ "$rc" -ne 0 ] || [ "$STEP_OK" != 1 ] || [ "$KEEP_TMP" = 1 ]; then
        log "temp dir kept: $TMP (API logs: $TMP/api-*.log)"
    else
        rm -rf "$TMP"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in dotnet curl jq; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done
if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        log "wrk not found; installing it with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q wrk >&2 || { apt-get update -q >&2 && apt-get install -y -q wrk >&2; }
    fi
    command -v wrk >/dev/null 2>&1 || die "wrk is required (Debian/Ubuntu: apt-get install wrk)"
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=$FIRST_PORT
while port_in_use "$PORT"; do
    PORT=$((PORT + 1))
    [ "$PORT" -lt $((FIRST_PORT + 100)) ] || die "no free port in $FIRST_PORT..$PORT"
done
BASE="http://127.0.0.1:$PORT"

# ---------------------------------------------------------------------------------------------
# Build. --artifacts-path keeps bin/ and obj/ out of src/, so a concurrent build there is not disturbed.
log "publishing src/Loyalty.Api (Release) to $TMP/publish"
if ! dotnet publish "$ROOT/src/Loyalty.Api" -c Release -o "$TMP/publish" --artifacts-path "$TMP/artifacts" \
    -nologo -v quiet >"$TMP/publish.log" 2>&1; then
    tail -n 30 "$TMP/publish.log" >&2
    die "dotnet publish failed (full log: $TMP/publish.log)"
fi

# ---------------------------------------------------------------------------------------------
# Tokens. dotnet user-jwts writes the signing key into the project's user secrets (UserSecretsId is
# compiled into the assembly, so the published app reads them in Development). The tokens do not
# depend on the database, so they are made once for both runs.
new_jwt() {
    dotnet user-jwts create --project "$ROOT/src/Loyalty.Api" --audience "$JWT_AUDIENCE" --output token "$@"
}
log "creating 1 admin and $APP_USERS member JWTs with dotnet user-jwts"
ADMIN_TOKEN=$(new_jwt --name loadadmin --role admin)
: >"$TMP/tokens.txt"
for i in $(seq 1 "$APP_USERS"); do
    new_jwt --name "loadmember$i" >>"$TMP/tokens.txt"
done

# ---------------------------------------------------------------------------------------------
# HTTP helpers. api METHOD PATH [curl args...]: prints the body, fails (with the body) on non-2xx.
api() {
    local method=$1 path=$2 out status
    shift 2
    out="$TMP/last-response.json"
    status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$BASE$path" "$@") || status=000
    if [ "${status:0:1}" != 2 ]; then
        log "$method $path -> HTTP $status"
        cat "$out" >&2 2>/dev/null || true
        echo >&2
        return 1
    fi
    cat "$out"
}

start_api() {
    local db=$1
    shift
    API_LOG="$TMP/api-$db.log"
    log "starting API on $BASE ($db)"
    # env(1) rather than export: the HttpLogging category name contains dots, which bash cannot export.
    (
        cd "$TMP/publish"
        exec env ASPNETCORE_ENVIRONMENT=Development \
            RateLimiting__PartnerPermitsPerSecond=1000000 \
            RateLimiting__MemberPermitsPerMinute=100000000 \
            RateLimiting__AnonymousPermitsPerMinute=100000000 \
            Logging__LogLevel__Default=Warning \
            Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning \
            "$@" dotnet "$TMP/publish/Loyalty.Api.dll" --urls "$BASE" --contentRoot "$TMP/publish"
    ) >"$API_LOG" 2>&1 &
    API_PID=$!
    local code
    for _ in $(seq 1 120); do
        if ! kill -0 "$API_PID" 2>/dev/null; then
            tail -n 40 "$API_LOG" >&2
            die "the API exited during start-up ($db)"
        fi
        code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready" || true)
        [ "$code" = 200 ] && return 0
        sleep 0.5
    done
    tail -n 40 "$API_LOG" >&2
    die "GET /health/ready did not return 200 within 60 s ($db; last status $code)"
}

seed() {
    local partner_id store_id body i
    # The admin call doubles as the check that the published app found the user-jwts signing key.
    if ! body=$(api GET "/api/v1/admin/partners?limit=100" -H "Authorization: Bearer $ADMIN_TOKEN"); then
        curl -sS -o /dev/null -D - "$BASE/api/v1/admin/partners" -H "Authorization: Bearer $ADMIN_TOKEN" | grep -i '^www-authenticate' >&2 || true
        die "admin JWT rejected: the published API did not pick up the user-jwts signing key (user secrets)"
    fi
    partner_id=$(jq -er '.items[] | select(.name == "Demo Coffee Roasters") | .id' <<<"$body") \
        || die "demo partner 'Demo Coffee Roasters' not found; is ASPNETCORE_ENVIRONMENT=Development seeding it?"
    body=$(api GET "/api/v1/admin/partners/$partner_id/stores" -H "Authorization: Bearer $ADMIN_TOKEN")
    store_id=$(jq -er '.[] | select(.code == "DEMO-001") | .id' <<<"$body") || die "store DEMO-001 not found"
    body=$(api POST "/api/v1/admin/partners/$partner_id/api-keys" -H "Authorization: Bearer $ADMIN_TOKEN" \
        -H 'Content-Type: application/json' \
        -d '{"name":"load","scopes":["members:read","members:enrol","points:earn","points:redeem"]}')
    API_KEY=$(jq -er '.key' <<<"$body")
    STORE_ID=$store_id

    # The issue's realistic programme: the seeded base rate plus a campaign with one rule (double points on
    # coffee beans), so a purchase evaluates 2 active rules and 1 campaign.
    local from until campaign_id
    from=$(date -u -d '-1 day' +%Y-%m-%dT%H:%M:%SZ)
    until=$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)
    body=$(api POST /api/v1/admin/campaigns -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
        -d "{\"name\":\"Load beans $RUN_TAG\",\"from\":\"$from\",\"until\":\"$until\"}") || die "creating the campaign failed"
    campaign_id=$(jq -er '.id // .campaign.id' <<<"$body")
    api POST /api/v1/admin/earning-rules -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
        -d "{\"name\":\"Double points on beans\",\"kind\":\"Multiplier\",\"factor\":2,\"campaignId\":\"$campaign_id\",\"conditions\":{\"categories\":[\"beans\"]}}" \
        >/dev/null || die "creating the campaign rule failed"

    log "enrolling $MEMBERS members at the till and $APP_USERS app users"
    : >"$TMP/members.txt"
    for i in $(seq 1 "$MEMBERS"); do
        body=$(api POST /api/v1/partner/members -H "X-Api-Key: $API_KEY" -H "Idempotency-Key: seed-$RUN_TAG-$i" \
            -H 'Content-Type: application/json' \
            -d "{\"storeId\":\"$STORE_ID\",\"firstName\":\"Load\",\"lastName\":\"Member$i\",\"email\":\"load$i@example.com\"}") \
            || die "enrolment $i failed"
        jq -er '.memberNumber' <<<"$body" >>"$TMP/members.txt"
    done
    i=0
    while IFS= read -r token; do
        i=$((i + 1))
        api POST /api/v1/me -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "{\"firstName\":\"App\",\"lastName\":\"User$i\",\"email\":\"app$i@example.com\"}" >/dev/null \
            || die "self-enrolment of app user $i failed"
    done <"$TMP/tokens.txt"
    # One read per scenario before wrk, so that a broken endpoint fails here with its body, not as a count.
    api GET /api/v1/me/points -H "Authorization: Bearer $(head -n 1 "$TMP/tokens.txt")" >/dev/null \
        || die "GET /api/v1/me/points failed before the load"
}

# run_wrk DB SCENARIO DURATION: prints wrk's output; the LOAD_RESULT line is parsed by the caller.
WRK_RUN=0
run_wrk() {
    local db=$1 scenario=$2 duration=$3
    WRK_RUN=$((WRK_RUN + 1))
    LOAD_SCENARIO=$scenario LOAD_LUA_DIR=$HERE LOAD_RUN_ID="$RUN_TAG-$db-$WRK_RUN" \
        LOAD_MEMBERS_FILE="$TMP/members.txt" LOAD_TOKENS_FILE="$TMP/tokens.txt" \
        LOAD_API_KEY=$API_KEY LOAD_STORE_ID=$STORE_ID \
        wrk -t "$THREADS" -c "$CONNECTIONS" -d "$duration" --timeout "$TIMEOUT" --latency \
        -s "$HERE/$scenario.lua" "$BASE$(scenario_path "$scenario")"
}

scenario_path() {
    case "$1" in
        health) echo /health/live ;;
        earn) echo /api/v1/partner/transactions ;;
        balance) echo /api/v1/me/points ;;
    esac
}

scenario_label() {
    case "$1" in
        health) echo 'GET /health/live (baseline)' ;;
        earn) echo 'POST /api/v1/partner/transactions' ;;
        balance) echo 'GET /api/v1/me/points' ;;
    esac
}

flag() { if [ "$1" = 0 ]; then echo 0; else echo "**$1 !!**"; fi; }

field() { # field NAME LINE
    sed -nE "s/.* $1=([^ ]*).*/\1/p" <<<"$2"
}

# "fail: Category[id]" followed by its message line -> "count  Category[id]: message", most frequent first.
api_log_errors() {
    awk '/^(fail|crit): / { cat = $2; if ((getline msg) > 0) { sub(/^ +/, "", msg); print cat " " msg } }' \
        | sort | uniq -c | sort -rn | head -n 8
}

TABLES=""
ERROR_NOTES=""
LOG_NOTES=""
BT=$(printf '\x60') # a backquote, for Markdown code spans
measure() {
    local db=$1 scenario out line rps base_rps="" ratio non2xx sockerr sample
    local table
    table=$(printf '| scenario | requests/s | p50 ms | p99 ms | non-2xx | socket errors | req/s vs baseline |\n|---|---:|---:|---:|---:|---:|---:|')
    local log_start
    log_start=$(wc -l <"$API_LOG")
    for scenario in "${SCENARIOS[@]}"; do
        if [ "$WARMUP" != 0 ] && [ "$WARMUP" != 0s ]; then
            log "$db: warm-up $scenario ($WARMUP)"
            run_wrk "$db" "$scenario" "$WARMUP" >"$TMP/wrk-$db-$scenario-warmup.txt" 2>&1 \
                || { cat "$TMP/wrk-$db-$scenario-warmup.txt" >&2; die "wrk failed"; }
        fi
        log "$db: measuring $scenario ($DURATION, -c $CONNECTIONS -t $THREADS)"
        out="$TMP/wrk-$db-$scenario.txt"
        run_wrk "$db" "$scenario" "$DURATION" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed"; }
        line=$(grep '^LOAD_RESULT ' "$out") || { cat "$out" >&2; die "no LOAD_RESULT line from wrk"; }
        rps=$(field rps "$line")
        [ -n "$base_rps" ] || base_rps=$rps
        ratio=$(awk -v a="$rps" -v b="$base_rps" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')
        non2xx=$(field non2xx "$line")
        sockerr=$(field socket_errors "$line")
        table+=$(printf '\n| %s | %s | %s | %s | %s | %s | %s |' "$(scenario_label "$scenario")" "$rps" \
            "$(field p50_ms "$line")" "$(field p99_ms "$line")" "$(flag "$non2xx")" "$(flag "$sockerr")" "$ratio")
        if [ "$non2xx" != 0 ] || [ "$sockerr" != 0 ]; then
            FAILED=1
            sample=$(sed -n 's/^LOAD_ERROR_SAMPLE //p' "$out" | head -n 1)
            ERROR_NOTES+=$(printf '\n- **%s / %s**: %s non-2xx (statuses %s), %s socket errors. %s First failure: %s%s%s' \
                "$db" "$scenario" "$non2xx" "$(field statuses "$line")" "$sockerr" \
                "$(sed -n 's/^LOAD_SOCKET_ERRORS //p' "$out")" "$BT" "${sample:-n/a}" "$BT")
            log "!!!!!!!! $db / $scenario: $non2xx non-2xx responses, $sockerr socket errors !!!!!!!!"
            [ -z "$sample" ] || log "first failure: $sample"
        fi
    done
    if ! kill -0 "$API_PID" 2>/dev/null; then
        tail -n 40 "$API_LOG" >&2
        die "the API process died during the $db load"
    fi
    # Errors the API logged while under load (start-up lines are skipped), counted by message.
    local logged
    logged=$(tail -n +"$((log_start + 1))" "$API_LOG" | api_log_errors)
    if [ -n "$logged" ]; then
        LOG_NOTES+=$(printf '\n- **%s**: fail/crit entries in the API log during the load, by message:\n\n%s\n%s\n%s' \
            "$db" "$BT$BT$BT" "$logged" "$BT$BT$BT")
    fi
    if [ "$db" = postgres ] && [ -n "$PGBENCH_TPS" ]; then
        EARN_RPS_PG=$(sed -nE 's/^\| POST \/api\/v1\/partner\/transactions \| ([0-9.]+) .*/\1/p' <<<"$table")
        table+=$(printf '\n| pgbench -N, %s clients (database reference) | %s | avg %s | | | | |' "$PGBENCH_CLIENTS" "$PGBENCH_TPS" "$PGBENCH_LATENCY")
        table+=$(printf '\n\npurchases/s ÷ pgbench -N TPS = **%s** (target ≥ 0.5)' \
            "$(awk -v a="${EARN_RPS_PG:-0}" -v b="$PGBENCH_TPS" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')")
    fi
    TABLES+=$(printf '\n\n### %s\n\n%s' "$1" "$table")
    printf '\n%s\n%s\n\n' "== $db ==" "$table"
}

# pgbench -N (TPC-B without the contended branch/teller updates: 3 statements + an insert per transaction) against
# the same PostgreSQL, same duration: the database's own ceiling for small write transactions on this machine.
PGBENCH_TPS=""
run_pgbench() {
    command -v pgbench >/dev/null 2>&1 || { ERROR_NOTES+=$'\n- pgbench not found: no database reference figure.'; return 0; }
    psql_admin -c "drop database if exists $PGBENCH_DB with (force)" -c "create database $PGBENCH_DB" >/dev/null
    log "postgres: pgbench -i -s 10, then pgbench -N -c $PGBENCH_CLIENTS for $DURATION"
    pgbench -i -q -s 10 -h "$PG_HOST" -p "$PG_PORT" -U postgres "$PGBENCH_DB" >"$TMP/pgbench-init.txt" 2>&1 \
        || { cat "$TMP/pgbench-init.txt" >&2; die "pgbench -i failed"; }
    pgbench -N -c "$PGBENCH_CLIENTS" -j 2 -T "${DURATION%s}" -h "$PG_HOST" -p "$PG_PORT" -U postgres "$PGBENCH_DB" \
        >"$TMP/pgbench.txt" 2>&1 || { cat "$TMP/pgbench.txt" >&2; die "pgbench failed"; }
    PGBENCH_TPS=$(sed -nE 's/^tps = ([0-9.]+) .*/\1/p' "$TMP/pgbench.txt" | head -n 1)
    PGBENCH_LATENCY=$(sed -nE 's/^latency average = ([0-9.]+) ms.*/\1/p' "$TMP/pgbench.txt" | head -n 1)
    psql_admin -c "drop database if exists $PGBENCH_DB with (force)" >/dev/null
}

LOADAVG_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RUN_TAG=$(date -u +%Y%m%dT%H%M%SZ)-$$
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
for db in $DATABASES; do
    case "$db" in
        sqlite)
            start_api sqlite Database__Provider=Sqlite "ConnectionStrings__Loyalty=Data Source=$TMP/load.db"
            ;;
        postgres)
            if ! command -v psql >/dev/null 2>&1; then
                log "!!! psql not found: skipping PostgreSQL"
                ERROR_NOTES+=$'\n- PostgreSQL skipped: psql not found.'
                continue
            fi
            if ! "$ROOT/scripts/postgres-local.sh" status >/dev/null 2>&1; then
                log "starting PostgreSQL with scripts/postgres-local.sh"
                if ! "$ROOT/scripts/postgres-local.sh" start >"$TMP/postgres-start.log" 2>&1; then
                    cat "$TMP/postgres-start.log" >&2
                    log "!!! PostgreSQL could not be started: skipping it"
                    ERROR_NOTES+=$'\n- PostgreSQL skipped: scripts/postgres-local.sh start failed.'
                    continue
                fi
                PG_STARTED_BY_US=1
            fi
            PG_DB_CREATED=1
            run_pgbench
            psql_admin -c "drop database if exists $PG_DB with (force)" -c "create database $PG_DB" >/dev/null
            start_api postgres Database__Provider=PostgreSql Database__MigrateOnStartup=true \
                "ConnectionStrings__Loyalty=Host=$PG_HOST;Port=$PG_PORT;Database=$PG_DB;Username=postgres;Maximum Pool Size=200"
            ;;
        *) die "unknown database '$db' in LOAD_DATABASES (use sqlite and/or postgres)" ;;
    esac
    seed
    measure "$db"
    stop_api
done

# ---------------------------------------------------------------------------------------------
mkdir -p "$HERE/results"
RESULT_FILE="$HERE/results/$(date -u +%Y%m%dT%H%M%SZ).md"
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$ROOT" status --porcelain -- src 2>/dev/null | head -n 1)
{
    echo "# Load run $STARTED"
    echo
    echo "- command: \`LOAD_DURATION=$DURATION LOAD_WARMUP=$WARMUP LOAD_CONNECTIONS=$CONNECTIONS LOAD_THREADS=$THREADS LOAD_MEMBERS=$MEMBERS LOAD_APP_USERS=$APP_USERS tests/load/run.sh\`"
    echo "- commit: $COMMIT${DIRTY:+ (src/ has uncommitted changes)}"
    echo "- machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -nE 's/^Model name: +//p' | head -n 1)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); wrk, API and PostgreSQL share these cores"
    echo "- dotnet $(dotnet --version), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $(psql --version 2>/dev/null || echo 'no psql')"
    echo "- load average before the run: $LOADAVG_BEFORE (1/5/15 min; above $(nproc) means other work competed for the CPUs)"
    echo "- members: $MEMBERS enrolled at the till, $APP_USERS app users; warm-up $WARMUP per scenario (not measured)"
    echo "$TABLES"
    if [ -n "$ERROR_NOTES" ]; then
        echo
        echo "## Problems"
        echo "$ERROR_NOTES"
    fi
    if [ -n "$LOG_NOTES" ]; then
        echo
        echo "## API log"
        echo
        echo "wrk cuts off the requests in flight when a run ends; EF Core logs each such cancelled transaction as"
        echo "\"An error occurred using a transaction\", so a handful of those per write scenario is expected."
        echo "$LOG_NOTES"
    fi
} >"$RESULT_FILE"
[ -z "$LOG_NOTES" ] || printf '%s\n' "API log during the load:$LOG_NOTES" >&2
log "results written to ${RESULT_FILE#"$ROOT"/}"
STEP_OK=1

if [ "$FAILED" = 1 ] || [ -n "$ERROR_NOTES" ]; then
    printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
    printf '!!! LOAD RUN HAD ERRORS: the figures above are not trustworthy      !!!\n' >&2
    printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
    printf '%s\n' "$ERROR_NOTES" >&2
    exit 1
fi
log "all requests answered 2xx"
