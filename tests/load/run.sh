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
#   LOAD_START_SECONDS  how long the API may take to start (migrations, demo seed)   [180]
#   LOAD_API_DIR      an already published API to run instead of publishing src/Loyalty.Api (e.g. a before/after pair)
#   LOAD_ANCHOR_DIR   the same for the anchor app
#   LOAD_ANCHOR       1 = also run the anchor app (tests/load/anchor) in each database's run [1]
#   LOAD_PROFILE      1 = dotnet-counters steady state (JIT/s, KB and CPU ms per request) [1]
#   LOAD_JIT_LOG      1 = the API logs every method it JIT-compiles (DOTNET_JitStdOutFile); the profile lists the
#                     ones compiled at steady state, which is where per-request code generation shows   [1]
#   LOAD_PROFILE_WARMUP   unmeasured load before the counters sample  [30s]
#   LOAD_PROFILE_SECONDS  seconds the counters sample under load        [15]
#   LOAD_JOBS         1 = the API runs its periodic jobs, as production does; 0 = Jobs:Enabled=false, to tell the
#                     request path's cost from the jobs' (each database's notes list the job runs during its load) [1]
#   LOAD_GROWTH_MEMBERS, LOAD_GROWTH_ENTRIES  size of the "postgres-large" database (LOAD_DATABASES="postgres
#                     postgres-large"): members and ledger entries seeded with SQL on top [1000000, 20000000]
#   LOAD_PG_OPTIONS   more settings for the API's PostgreSQL connection string, e.g. "Max Auto Prepare=0" (the API
#                     prepares its statements unless told otherwise)  []
#   LOAD_ANCHOR_PG_OPTIONS  the same for the anchor; by default it prepares as the API does ("" = unprepared)
#   LOAD_HISTORY      1 = on "postgres" too, give the harness's own members the growth seed's per-member history (2,000
#                     entries, 500 purchases, 500 expiring lots each) without the million other members, so that small
#                     and large run the same per-member path and differ only in the tables' size; 0 = a bare small
#                     database (runs before 2026-12-07)  [1]
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
PG_CONNECTION="Host=$PG_HOST;Port=$PG_PORT;Database=$PG_DB;Username=postgres;Maximum Pool Size=200" # the API's and the anchor's
JWT_AUDIENCE=http://localhost:5080
SCENARIOS=(health earn balance)
ANCHOR=${LOAD_ANCHOR:-1}
START_SECONDS=${LOAD_START_SECONDS:-180}
PROFILE=${LOAD_PROFILE:-1}
PROFILE_WARMUP=${LOAD_PROFILE_WARMUP:-30s}
JIT_LOG=${LOAD_JIT_LOG:-1}
JIT_NOTES=""
EXPLAIN_NOTES=""
PROFILE_SECONDS=${LOAD_PROFILE_SECONDS:-15}
JOBS=${LOAD_JOBS:-1}
GROWTH_MEMBERS=${LOAD_GROWTH_MEMBERS:-1000000}
GROWTH_ENTRIES=${LOAD_GROWTH_ENTRIES:-20000000}
HISTORY=${LOAD_HISTORY:-1}
PG_OPTIONS=${LOAD_PG_OPTIONS:-}
# The anchor prepares its statements as the API does (the API's default is Max Auto Prepare=64), so the pair compares
# like with like; LOAD_ANCHOR_PG_OPTIONS="" runs it unprepared.
case "$PG_OPTIONS" in *"Auto Prepare"*) default_anchor_options=$PG_OPTIONS ;; *) default_anchor_options="Max Auto Prepare=64" ;; esac
ANCHOR_PG_OPTIONS=${LOAD_ANCHOR_PG_OPTIONS-$default_anchor_options}
declare -A RPS=() P99=() JIT_RATE=()
PGBENCH_CLIENTS=${LOAD_PGBENCH_CLIENTS:-16}
PGBENCH_DB=loyalty_pgbench

log() { printf '[load] %s\n' "$*" >&2; }
die() { printf '[load] ERROR: %s\n' "$*" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/loyalty-load.XXXXXX")
API_PID=""
API_LOG=""
ANCHOR_PID=""
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

stop_anchor() {
    if [ -n "$ANCHOR_PID" ] && kill -0 "$ANCHOR_PID" 2>/dev/null; then
        kill "$ANCHOR_PID" 2>/dev/null || true
        wait "$ANCHOR_PID" 2>/dev/null || true
    fi
    ANCHOR_PID=""
}

psql_admin() {
    PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres "$@"
}

cleanup() {
    local rc=$?
    stop_api
    stop_anchor
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
ANCHOR_PORT=$((PORT + 1))
while port_in_use "$ANCHOR_PORT"; do
    ANCHOR_PORT=$((ANCHOR_PORT + 1))
    [ "$ANCHOR_PORT" -lt $((PORT + 100)) ] || die "no free port for the anchor"
done
ANCHOR_BASE="http://127.0.0.1:$ANCHOR_PORT"

# dotnet-counters for the steady-state profile: from PATH or the global tools folder, installed there if missing.
COUNTERS=""
if [ "$PROFILE" = 1 ]; then
    COUNTERS=$(command -v dotnet-counters || true)
    [ -n "$COUNTERS" ] || [ ! -x "$HOME/.dotnet/tools/dotnet-counters" ] || COUNTERS=$HOME/.dotnet/tools/dotnet-counters
    if [ -z "$COUNTERS" ]; then
        log "dotnet-counters not found; installing it (dotnet tool install -g dotnet-counters)"
        dotnet tool install -g dotnet-counters >&2 && COUNTERS=$HOME/.dotnet/tools/dotnet-counters \
            || log "!!! dotnet-counters unavailable: no steady-state profile"
    fi
fi

# ---------------------------------------------------------------------------------------------
# Build. --artifacts-path keeps bin/ and obj/ out of src/, so a concurrent build there is not disturbed.
if [ -n "${LOAD_API_DIR:-}" ]; then
    log "using the API published in $LOAD_API_DIR"
    cp -r "$LOAD_API_DIR" "$TMP/publish"
else
    log "publishing src/Loyalty.Api (Release) to $TMP/publish"
    if ! dotnet publish "$ROOT/src/Loyalty.Api" -c Release -o "$TMP/publish" --artifacts-path "$TMP/artifacts" \
        -nologo -v quiet >"$TMP/publish.log" 2>&1; then
        tail -n 30 "$TMP/publish.log" >&2
        die "dotnet publish failed (full log: $TMP/publish.log)"
    fi
fi
if [ "$ANCHOR" = 1 ] && [ -n "${LOAD_ANCHOR_DIR:-}" ]; then
    cp -r "$LOAD_ANCHOR_DIR" "$TMP/anchor"
elif [ "$ANCHOR" = 1 ]; then
    log "publishing tests/load/anchor (Release) to $TMP/anchor"
    if ! dotnet publish "$HERE/anchor" -c Release -o "$TMP/anchor" --artifacts-path "$TMP/anchor-artifacts" \
        -nologo -v quiet >"$TMP/anchor-publish.log" 2>&1; then
        tail -n 30 "$TMP/anchor-publish.log" >&2
        die "dotnet publish of the anchor failed (full log: $TMP/anchor-publish.log)"
    fi
fi

# ---------------------------------------------------------------------------------------------
# Tokens. dotnet user-jwts writes the signing key into the project's user secrets (UserSecretsId is
# compiled into the assembly, so the published app reads them in Development). The tokens do not
# depend on the database, so they are made once for both runs.
new_jwt() {
    dotnet user-jwts create --project "$ROOT/src/Loyalty.Api" --audience "$JWT_AUDIENCE" --output token "$@"
}
log "creating 1 admin and $APP_USERS member JWTs with dotnet user-jwts"
# user-jwts also rewrites the project's appsettings.Development.json (its audience list): put it back afterwards.
DEV_SETTINGS="$ROOT/src/Loyalty.Api/appsettings.Development.json"
cp "$DEV_SETTINGS" "$TMP/appsettings.Development.json.orig"
ADMIN_TOKEN=$(new_jwt --name loadadmin --role admin)
: >"$TMP/tokens.txt"
for i in $(seq 1 "$APP_USERS"); do
    new_jwt --name "loadmember$i" >>"$TMP/tokens.txt"
done
cp "$TMP/appsettings.Development.json.orig" "$DEV_SETTINGS"

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
    local jit_env=()
    [ "$JIT_LOG" != 1 ] || jit_env=(DOTNET_JitStdOutFile="$TMP/jit-$db.txt" DOTNET_JitDisasmSummary=1)
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
            Logging__LogLevel__Loyalty.Infrastructure=Information \
            Jobs__Enabled="$([ "$JOBS" = 1 ] && echo true || echo false)" \
            "${jit_env[@]}" "$@" dotnet "$TMP/publish/Loyalty.Api.dll" --urls "$BASE" --contentRoot "$TMP/publish"
    ) >"$API_LOG" 2>&1 &
    API_PID=$!
    local code
    for _ in $(seq 1 $((START_SECONDS * 2))); do
        if ! kill -0 "$API_PID" 2>/dev/null; then
            tail -n 40 "$API_LOG" >&2
            die "the API exited during start-up ($db)"
        fi
        code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready" || true)
        [ "$code" = 200 ] && return 0
        sleep 0.5
    done
    tail -n 40 "$API_LOG" >&2
    die "GET /health/ready did not return 200 within $START_SECONDS s ($db; last status $code)"
}

# start_anchor [CONNECTION]: the anchor app on ANCHOR_BASE; with a connection it (re)creates its schema and one
# account per member number of the API's seed.
start_anchor() {
    log "starting the anchor on $ANCHOR_BASE"
    (
        cd "$TMP/anchor"
        exec env ANCHOR_CONNECTION="${1:-}" ANCHOR_MEMBERS_FILE="$TMP/members.txt" Logging__LogLevel__Default=Warning \
            dotnet "$TMP/anchor/Anchor.dll" --urls "$ANCHOR_BASE"
    ) >"$TMP/anchor.log" 2>&1 &
    ANCHOR_PID=$!
    for _ in $(seq 1 120); do
        kill -0 "$ANCHOR_PID" 2>/dev/null || { cat "$TMP/anchor.log" >&2; die "the anchor exited during start-up"; }
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$ANCHOR_BASE/json" || true)" = 200 ] && return 0
        sleep 0.5
    done
    die "the anchor did not answer within 60 s"
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
    body=$(api GET "/api/v1/admin/partners/$partner_id/stores?limit=100" -H "Authorization: Bearer $ADMIN_TOKEN")
    store_id=$(jq -er '(.items? // .)[] | select(.code == "DEMO-001") | .id' <<<"$body") || die "store DEMO-001 not found"
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
        -s "$HERE/${scenario%-unprepared}.lua" "$(case "$scenario" in anchor-*) echo "$ANCHOR_BASE" ;; *) echo "$BASE" ;; esac)$(scenario_path "$scenario")"
}

scenario_path() {
    case "$1" in
        health) echo /health/live ;;
        earn) echo /api/v1/partner/transactions ;;
        balance) echo /api/v1/me/points ;;
        anchor-json) echo /json ;;
        anchor-balance | anchor-balance-unprepared) echo /balance ;;
        anchor-earn | anchor-earn-unprepared) echo /earn ;;
    esac
}

scenario_label() {
    case "$1" in
        health) echo 'GET /health/live (baseline)' ;;
        earn) echo 'POST /api/v1/partner/transactions' ;;
        balance) echo 'GET /api/v1/me/points' ;;
        anchor-json) echo 'anchor: bare JSON endpoint' ;;
        anchor-balance) echo 'anchor: raw-Npgsql balance read' ;;
        anchor-earn) echo 'anchor: raw-Npgsql earn (one batch)' ;;
        anchor-balance-unprepared) echo 'anchor, unprepared: raw-Npgsql balance read' ;;
        anchor-earn-unprepared) echo 'anchor, unprepared: raw-Npgsql earn (one batch)' ;;
    esac
}

flag() { if [ "$1" = 0 ]; then echo 0; else echo "**$1 !!**"; fi; }

field() { # field NAME LINE
    sed -nE "s/.* $1=([^ ]*).*/\1/p" <<<"$2"
}

# "fail: Category[id]" followed by its message line -> "count  Category[id]: message", most frequent first.
api_log_errors() {
    awk '/^(fail|crit): / { cat = $2; if ((getline msg) > 0) { sub(/^ +/, "", msg); print cat " " msg } }' \
        | sort | uniq -c | sort -rn | head -n 8 || true # head closing the pipe early is not a failure
}

# "Job X handled N item(s) in T ms" lines -> per job: runs, items, total and longest run.
job_runs() {
    grep -oE 'Job [a-z-]+ handled [0-9]+ item\(s\) in [0-9]+ ms' \
        | awk '{ runs[$2]++; items[$2] += $4; ms[$2] += $7; if ($7 > max[$2]) max[$2] = $7 }
               END { for (j in runs) printf "%-28s %4d run(s) %10d item(s) %9d ms in all, longest %d ms\n", j, runs[j], items[j], ms[j], max[j] }' \
        | sort || true
}

TABLES=""
ERROR_NOTES=""
LOG_NOTES=""
BT=$(printf '\x60') # a backquote, for Markdown code spans
# measure_scenario DB SCENARIO: warm-up, measured run, one table row; the figures go into RPS/P50/P99.
measure_scenario() {
    local db=$1 scenario=$2 out line rps ratio non2xx sockerr sample
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
    RPS[$db/$scenario]=$rps
    P99[$db/$scenario]=$(field p99_ms "$line")
    [ -n "${RPS[$db/health]:-}" ] || RPS[$db/health]=$rps
    ratio=$(ratio "$rps" "${RPS[$db/health]}")
    non2xx=$(field non2xx "$line")
    sockerr=$(field socket_errors "$line")
    TABLE+=$(printf '\n| %s | %s | %s | %s | %s | %s | %s |' "$(scenario_label "$scenario")" "$rps" \
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
}

ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }

# target_row LABEL MEASURED OK: one row of the targets table (OK is 1 when met).
target_row() {
    local verdict=missed
    [ "$3" = 1 ] && verdict=met
    TARGETS+=$(printf '\n| %s | %s | %s |' "$1" "$2" "$verdict")
}

ge() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { print (a >= b ? 1 : 0) }'; }

# profile_scenario DB SCENARIO PID: after an unmeasured warm-up of PROFILE_WARMUP, dotnet-counters samples the
# process once a second while wrk runs PROFILE_SECONDS; prints steady-state JIT methods/s, and per request the
# bytes allocated and the CPU time of the process (sums of the per-second rates divided by wrk's request count).
profile_scenario() {
    local db=$1 scenario=$2 pid=$3 csv out line requests jit alloc cpu samples
    [ -n "$COUNTERS" ] || return 0
    log "$db: profile $scenario: warm-up $PROFILE_WARMUP, then dotnet-counters for ${PROFILE_SECONDS}s"
    run_wrk "$db" "$scenario" "$PROFILE_WARMUP" >"$TMP/wrk-$db-$scenario-profile-warmup.txt" 2>&1 \
        || { cat "$TMP/wrk-$db-$scenario-profile-warmup.txt" >&2; die "wrk failed"; }
    # First a few seconds without load: the process's own background work (periodic jobs) is subtracted below, so
    # that a slow scenario's few requests are not charged with it.
    local idle_csv="$TMP/counters-$db-$scenario-idle.csv" idle_alloc=0 idle_cpu=0 idle_samples=0
    sleep 2
    if "$COUNTERS" collect -p "$pid" --counters System.Runtime --format csv -o "$idle_csv" --refresh-interval 1 \
        --duration 00:00:10 >"$TMP/counters-$db-$scenario-idle.log" 2>&1; then
        read -r idle_samples idle_alloc idle_cpu < <(awk -F, '
            $3 ~ /^dotnet\.jit\.compiled_methods/ { n++ }
            $3 ~ /^dotnet\.gc\.heap\.total_allocated/ { alloc += $5 }
            $3 ~ /^dotnet\.process\.cpu\.time/ { cpu += $5 }
            END { printf "%d %.0f %.6f\n", n, alloc, cpu }' "$idle_csv")
    fi
    csv="$TMP/counters-$db-$scenario.csv"
    local jit_file="$TMP/jit-$db.txt" jit_from=0
    [ "$pid" != "$API_PID" ] || [ ! -f "$jit_file" ] || jit_from=$(wc -l <"$jit_file")
    out="$TMP/wrk-$db-$scenario-profile.txt"
    "$COUNTERS" collect -p "$pid" --counters System.Runtime --format csv -o "$csv" --refresh-interval 1 \
        --duration "$(printf '00:00:%02d' "$PROFILE_SECONDS")" >"$TMP/counters-$db-$scenario.log" 2>&1 &
    local counters_pid=$!
    run_wrk "$db" "$scenario" "${PROFILE_SECONDS}s" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed"; }
    wait "$counters_pid" || { cat "$TMP/counters-$db-$scenario.log" >&2; log "dotnet-counters failed"; return 0; }
    line=$(grep '^LOAD_RESULT ' "$out") || die "no LOAD_RESULT line from wrk"
    requests=$(field requests "$line")
    read -r samples jit alloc cpu < <(awk -F, '
        $3 ~ /^dotnet\.jit\.compiled_methods/ { jit += $5; n++ }
        $3 ~ /^dotnet\.gc\.heap\.total_allocated/ { alloc += $5 }
        $3 ~ /^dotnet\.process\.cpu\.time/ { cpu += $5 }
        END { printf "%d %.0f %.0f %.6f\n", n, jit, alloc, cpu }' "$csv")
    # Per request: the window's total, and that total less the idle rate over the window's seconds (an estimate:
    # the periodic jobs do not allocate evenly, so it is only as good as the request count is large).
    PROFILE_TABLE+=$(printf '\n| %s | %s | %s | %s | %s | %s | %s | %s | %s |' "$(scenario_label "$scenario")" "$requests" \
        "$(awk -v j="$jit" -v n="$samples" 'BEGIN { printf "%.1f", (n > 0 ? j / n : 0) }')" "$jit" \
        "$(awk -v a="$alloc" -v r="$requests" 'BEGIN { printf "%.1f", (r > 0 ? a / r / 1024 : 0) }')" \
        "$(awk -v a="$alloc" -v i="$idle_alloc" -v m="$idle_samples" -v n="$samples" -v r="$requests" \
            'BEGIN { b = (m > 0 ? i / m * n : 0); printf "%.1f", (r > 0 ? (a - b) / r / 1024 : 0) }')" \
        "$(awk -v c="$cpu" -v r="$requests" 'BEGIN { printf "%.3f", (r > 0 ? c * 1000 / r : 0) }')" \
        "$(awk -v c="$cpu" -v i="$idle_cpu" -v m="$idle_samples" -v n="$samples" -v r="$requests" \
            'BEGIN { b = (m > 0 ? i / m * n : 0); printf "%.3f", (r > 0 ? (c - b) * 1000 / r : 0) }')" \
        "$(awk -v a="$idle_alloc" -v m="$idle_samples" 'BEGIN { printf "%.0f", (m > 0 ? a / m / 1024 : 0) }')")
    if [ "$pid" = "$API_PID" ] && [ -f "$jit_file" ]; then
        # What was compiled while the counters ran. Tier-ups (instrumented Tier0, Tier1, OSR) are the runtime re-optimising code that got hot
        # and die out; first compilations of code never run before, and above all methods generated at run time
        # ((dynamicClass): compiled expressions, reflection stubs), are what per-request work looks like. The
        # EventSource and InstrumentState stubs are dotnet-counters' own attach.
        local steady="$TMP/jit-$db-$scenario-steady.txt" first tierups dynamic
        tail -n +"$((jit_from + 1))" "$jit_file" | grep -v 'InvokeStub_Event\|InvokeStub_InstrumentState\|IL_STUB_PInvoke' >"$steady" || true
        tierups=$(grep -c 'Tier1\|OSR\|Instrumented Tier0' "$steady" || true)
        first=$(grep -v 'Tier1\|OSR\|Instrumented Tier0' "$steady" | grep -c 'JIT compiled' || true)
        dynamic=$(grep -c '(dynamicClass)' "$steady" || true)
        JIT_NOTES+=$(printf '\n- **%s / %s**: %s methods compiled while the counters ran: %s tier-ups, %s first compilations, %s generated at run time. Most frequent first compilations:\n\n%s\n%s\n%s' \
            "$db" "$scenario" "$(grep -c 'JIT compiled' "$steady" || true)" "$tierups" "$first" "$dynamic" \
            "$BT$BT$BT" "$(grep -v 'Tier1\|OSR\|Instrumented Tier0' "$steady" | sed -nE 's/^ *[0-9]+: JIT compiled (.*) \[.*/\1/p' | sed -E 's/[0-9]+/N/g' | sort | uniq -c | sort -rn | head -n 12 || true)" "$BT$BT$BT")
    fi
    JIT_RATE[$db/$scenario]=$(awk -v j="$jit" -v n="$samples" 'BEGIN { printf "%.1f", (n > 0 ? j / n : 0) }')
}

# run_anchor DB: the anchor app's scenarios in this database's run (only /json without PostgreSQL).
run_anchor() {
    local db=$1 scenario
    [ "$ANCHOR" = 1 ] || return 0
    case "$db" in
        sqlite) start_anchor ;;
        *) start_anchor "$PG_CONNECTION${ANCHOR_PG_OPTIONS:+;$ANCHOR_PG_OPTIONS}" ;;
    esac
    for scenario in anchor-json anchor-balance anchor-earn; do
        [ "$db" != sqlite ] || [ "$scenario" = anchor-json ] || continue
        measure_scenario "$db" "$scenario"
    done
    if [ "$PROFILE" = 1 ] && [ "$db" != sqlite ]; then
        profile_scenario "$db" anchor-earn "$ANCHOR_PID"
        profile_scenario "$db" anchor-balance "$ANCHOR_PID"
    fi
    stop_anchor
    # The anchor once more without prepared statements, as it ran before the API prepared its own (the ratios of
    # earlier runs are against this one).
    if [ "$db" != sqlite ] && [ -n "$ANCHOR_PG_OPTIONS" ]; then
        start_anchor "$PG_CONNECTION;Max Auto Prepare=0"
        measure_scenario "$db" anchor-balance-unprepared
        measure_scenario "$db" anchor-earn-unprepared
        stop_anchor
    fi
}

measure() {
    local db=$1 scenario
    TABLE=$(printf '| scenario | requests/s | p50 ms | p99 ms | non-2xx | socket errors | req/s vs baseline |\n|---|---:|---:|---:|---:|---:|---:|')
    PROFILE_TABLE=$(printf '| scenario | requests | JIT methods/s | JIT methods | KB allocated / request | same, less idle | CPU ms / request | same, less idle | idle KB/s |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    TARGETS=$(printf '| target | measured | |\n|---|---|---|')
    local log_start
    log_start=$(wc -l <"$API_LOG")
    for scenario in "${SCENARIOS[@]}"; do
        measure_scenario "$db" "$scenario"
    done
    if [ "$PROFILE" = 1 ]; then
        profile_scenario "$db" earn "$API_PID"
        profile_scenario "$db" balance "$API_PID"
    fi
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
    # The periodic jobs that ran while the load did (their work competes for the same cores and database).
    local jobs
    jobs=$(tail -n +"$((log_start + 1))" "$API_LOG" | job_runs)
    LOG_NOTES+=$(printf '\n- **%s**: periodic job runs during the load (%s):\n\n%s\n%s\n%s' \
        "$db" "$([ "$JOBS" = 1 ] && echo 'jobs on' || echo 'jobs off: LOAD_JOBS=0')" "$BT$BT$BT" "${jobs:-none}" "$BT$BT$BT")
    # The anchor runs while the API is stopped, against the same database (its own schema) and the same members.
    stop_api
    run_anchor "$db"
    if [ "$db" != sqlite ] && [ -n "$PGBENCH_TPS" ]; then
        TABLE+=$(printf '\n| pgbench -N, %s clients (database reference) | %s | avg %s | | | | |' "$PGBENCH_CLIENTS" "$PGBENCH_TPS" "$PGBENCH_LATENCY")
    fi
    local earn=${RPS[$db/earn]:-0} r
    if [ "$db" = sqlite ]; then
        target_row "purchases/s ≥ 1,000" "$earn" "$(ge "$earn" 1000)"
    fi
    if [ -n "${RPS[$db/anchor-earn]:-}" ]; then
        r=$(ratio "$earn" "${RPS[$db/anchor-earn]}")
        target_row "purchases/s ≥ 0.5 × raw earn anchor" "$r ($earn vs ${RPS[$db/anchor-earn]})" "$(ge "$r" 0.5)"
        r=$(ratio "${P99[$db/earn]}" "${P99[$db/anchor-earn]}")
        target_row "earn p99 ≤ 2 × anchor p99" "$r (${P99[$db/earn]} ms vs ${P99[$db/anchor-earn]} ms)" "$(ge 2 "$r")"
        r=$(ratio "${RPS[$db/balance]:-0}" "${RPS[$db/anchor-balance]}")
        target_row "balance reads ≥ 0.6 × raw balance anchor" "$r (${RPS[$db/balance]:-0} vs ${RPS[$db/anchor-balance]})" "$(ge "$r" 0.6)"
    fi
    if [ -n "${RPS[$db/anchor-earn-unprepared]:-}" ]; then
        TARGETS+=$(printf '\n| (reference) purchases/s ÷ the unprepared raw earn anchor | %s | |' "$(ratio "$earn" "${RPS[$db/anchor-earn-unprepared]}")")
        TARGETS+=$(printf '\n| (reference) balance reads ÷ the unprepared raw balance anchor | %s | |' "$(ratio "${RPS[$db/balance]:-0}" "${RPS[$db/anchor-balance-unprepared]}")")
    fi
    if [ -n "${RPS[$db/anchor-json]:-}" ]; then
        r=$(ratio "${RPS[$db/health]:-0}" "${RPS[$db/anchor-json]}")
        target_row "/health/live ≥ 0.85 × bare JSON endpoint" "$r (${RPS[$db/health]:-0} vs ${RPS[$db/anchor-json]})" "$(ge "$r" 0.85)"
    fi
    if [ -n "$PGBENCH_TPS" ] && [ "$db" != sqlite ]; then
        TARGETS+=$(printf '\n| (reference) purchases/s ÷ pgbench -N TPS | %s | |' "$(ratio "$earn" "$PGBENCH_TPS")")
    fi
    if [ -n "${JIT_RATE[$db/earn]:-}" ]; then
        target_row "steady-state JIT 0 methods/s (earn, after ${PROFILE_WARMUP} warm-up)" "${JIT_RATE[$db/earn]}/s" "$(ge 0 "${JIT_RATE[$db/earn]}")"
        target_row "steady-state JIT 0 methods/s (balance)" "${JIT_RATE[$db/balance]}/s" "$(ge 0 "${JIT_RATE[$db/balance]}")"
    fi
    if [ "$db" = postgres-large ] && [ -n "${RPS[postgres/earn]:-}" ]; then
        r=$(ratio "$earn" "${RPS[postgres/earn]}")
        target_row "large database: purchases/s ≥ 0.8 × small" "$r ($earn vs ${RPS[postgres/earn]})" "$(ge "$r" 0.8)"
        r=$(ratio "${P99[postgres/balance]:-0}" "${P99[$db/balance]:-0}")
        target_row "large database: balance p99 within 20 % of small" "${P99[$db/balance]} ms vs ${P99[postgres/balance]} ms" "$(ge "$r" 0.833)"
    fi
    local section
    section=$(printf '\n\n### %s\n\n%s\n\nSteady state (dotnet-counters, after %s of unmeasured load):\n\n%s\n\nTargets (issue 15):\n\n%s' \
        "$db" "$TABLE" "$PROFILE_WARMUP" "$PROFILE_TABLE" "$TARGETS")
    TABLES+=$section
    printf '%s\n\n' "$section"
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
        postgres | postgres-large)
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
            [ -n "$PGBENCH_TPS" ] || run_pgbench
            psql_admin -c "drop database if exists $PG_DB with (force)" -c "create database $PG_DB" >/dev/null
            start_api "$db" Database__Provider=PostgreSql Database__MigrateOnStartup=true \
                "ConnectionStrings__Loyalty=$PG_CONNECTION${PG_OPTIONS:+;$PG_OPTIONS}"
            ;;
        *) die "unknown database '$db' in LOAD_DATABASES (use sqlite, postgres and/or postgres-large)" ;;
    esac
    seed
    if [ "$db" = postgres-large ] || { [ "$db" = postgres ] && [ "$HISTORY" = 1 ]; }; then
        # The small database gets the harness members' long history alone (no other members, no other entries).
        if [ "$db" = postgres-large ]; then grow_members=$GROWTH_MEMBERS grow_entries=$GROWTH_ENTRIES; else grow_members=0 grow_entries=0; fi
        log "$db: seeding $grow_members members and $grow_entries ledger entries, and the harness's members' history (tests/load/growth-seed.sql)"
        seed_started=$(date +%s)
        PGOPTIONS='-c client_min_messages=warning' psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$PG_DB" \
            -v members="$grow_members" -v entries="$grow_entries" -f "$HERE/growth-seed.sql" >"$TMP/growth-seed.log" 2>&1 \
            || { cat "$TMP/growth-seed.log" >&2; die "the growth seed failed"; }
        PGOPTIONS='-c client_min_messages=warning' psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$PG_DB" -c "VACUUM ANALYZE" >/dev/null # as autovacuum would have, long ago
        # The seed leaves the checkpointer and autovacuum with work that would compete with the measurement for the two
        # cores: flush now, and wait (at most 10 min) until no autovacuum worker runs.
        psql_admin -c "CHECKPOINT" >/dev/null
        quiet_deadline=$(( $(date +%s) + 600 ))
        while [ "$(psql_admin -Atc "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'")" != 0 ] \
            && [ "$(date +%s)" -lt "$quiet_deadline" ]; do
            sleep 5
        done
        log "$db: seeded in $(( $(date +%s) - seed_started )) s"
    fi
    if [ "$db" = postgres-large ]; then
        # The hot path's plans on the large database, for a member with a long history (tests/load/hot-path-explain.sql).
        PGOPTIONS='-c client_min_messages=warning' psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$PG_DB" \
            -v member="$(head -n 1 "$TMP/members.txt")" -v subject=loadmember1 -f "$HERE/hot-path-explain.sql" >"$TMP/explain.txt" 2>&1 \
            || { cat "$TMP/explain.txt" >&2; die "EXPLAIN of the hot path failed"; }
        EXPLAIN_NOTES=$(cat "$TMP/explain.txt")
    fi
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
    echo "- command: \`LOAD_DURATION=$DURATION LOAD_WARMUP=$WARMUP LOAD_CONNECTIONS=$CONNECTIONS LOAD_THREADS=$THREADS LOAD_MEMBERS=$MEMBERS LOAD_APP_USERS=$APP_USERS LOAD_JOBS=$JOBS LOAD_HISTORY=$HISTORY${PG_OPTIONS:+ LOAD_PG_OPTIONS=\"$PG_OPTIONS\"} LOAD_ANCHOR_PG_OPTIONS=\"$ANCHOR_PG_OPTIONS\" tests/load/run.sh\`"
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
    if [ -n "$EXPLAIN_NOTES" ]; then
        echo
        echo "## Hot-path plans on the large database (tests/load/hot-path-explain.sql)"
        echo
        echo "$BT$BT$BT"
        echo "$EXPLAIN_NOTES"
        echo "$BT$BT$BT"
    fi
    if [ -n "$JIT_NOTES" ]; then
        echo
        echo "## Methods JIT-compiled at steady state"
        echo "$JIT_NOTES"
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
[ -z "$JIT_NOTES" ] || printf '%s\n' "Methods JIT-compiled at steady state:$JIT_NOTES"
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
