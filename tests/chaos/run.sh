#!/usr/bin/env bash
# Chaos run: nginx in front of two API instances on one PostgreSQL. Drives purchases and till authorisations
# (redemption holds) through nginx, kill -9s one instance several times and restarts it, revokes an API key
# mid-run, then checks what must hold and prints the figures. Exit status 0 only if every check passes.
#
# Needs: nginx (apt-get install nginx-light), curl, jq, openssl, psql, a built API
# (dotnet build src/Loyalty.Api -c Release) and the local PostgreSQL (scripts/postgres-local.sh start).
# Usage: tests/chaos/run.sh   (CHAOS_SECONDS=60 CHAOS_WORKERS=6 CHAOS_KILLS=4 CHAOS_READY_SECONDS=180 by default;
#        an instance that is not ready within CHAOS_READY_SECONDS of its start fails the run)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SECONDS_TO_RUN="${CHAOS_SECONDS:-60}"
WORKERS="${CHAOS_WORKERS:-6}"
KILLS="${CHAOS_KILLS:-4}"
MEMBERS="${CHAOS_MEMBERS:-12}"
LB_PORT="${CHAOS_PORT:-5280}"
PORTS=($((LB_PORT + 1)) $((LB_PORT + 2)))
DLL="$ROOT/src/Loyalty.Api/bin/Release/net10.0/Loyalty.Api.dll"
WORK="$(mktemp -d /tmp/loyalty-chaos.XXXXXX)"
DB="loyalty_chaos_$(date +%s)"

for tool in nginx curl jq openssl psql dotnet; do
  command -v "$tool" >/dev/null || { echo "chaos: $tool is required" >&2; exit 2; }
done
[[ -f "$DLL" ]] || { echo "chaos: build the API first: dotnet build src/Loyalty.Api -c Release" >&2; exit 2; }
scripts/postgres-local.sh start >/dev/null
SERVER="$(scripts/postgres-local.sh url)"
PG_PORT="${LOYALTY_PG_PORT:-55432}"
psql_db() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -X -q -t -A "$@"; }
psql_db -d postgres -c "CREATE DATABASE $DB" >/dev/null
CONN="${SERVER/Database=loyalty_test/Database=$DB}"

PIDS=()
NGINX_PID=""
cleanup() {
  set +e
  for p in "${PIDS[@]}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null; done
  [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null
  for job in $(jobs -p); do kill "$job" 2>/dev/null; done
  wait 2>/dev/null
  psql_db -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  [[ -z "${CHAOS_KEEP:-}" ]] && rm -rf "$WORK"
}
trap cleanup EXIT

# --- the API: two instances, a signing key the run mints admin tokens with ------------------------------------
KEY_B64="$(openssl rand -base64 32)"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
token() { # subject role
  local header payload signature now
  now=$(date +%s)
  header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"sub":"%s","role":"%s","iss":"loyalty-chaos","aud":"loyalty-chaos","nbf":%d,"exp":%d}' "$1" "$2" "$now" $((now + 3600)) | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(printf '%s' "$KEY_B64" | openssl base64 -d -A | xxd -p -c 256)" -binary | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$signature"
}

start_instance() { # index
  local i=$1
  # Instance 0 starts (and is ready) first and seeds the demo programme (tiers, base rate) into the empty database;
  # a restarted instance finds it seeded and skips it.
  ASPNETCORE_ENVIRONMENT=Production Seed__DemoProgramme=$([[ $i == 0 ]] && echo true || echo false) \
  Database__Provider=PostgreSql ConnectionStrings__Loyalty="$CONN" Database__MigrateOnStartup=true \
  Authentication__Schemes__Bearer__ValidIssuer=loyalty-chaos \
  Authentication__Schemes__Bearer__ValidAudiences__0=loyalty-chaos \
  Authentication__Schemes__Bearer__SigningKeys__0__Issuer=loyalty-chaos \
  Authentication__Schemes__Bearer__SigningKeys__0__Value="$KEY_B64" \
  RateLimiting__PartnerPermitsPerSecond=100000 RateLimiting__AdminPermitsPerMinute=100000 \
  Logging__LogLevel__Default=Warning Logging__Console__FormatterName=simple \
    dotnet "$DLL" --urls "http://127.0.0.1:${PORTS[$i]}" >>"$WORK/instance$i.log" 2>&1 &
  PIDS[$i]=$!
}
wait_ready() { # index
  for _ in $(seq 1 $((${CHAOS_READY_SECONDS:-180} * 4))); do
    curl -fs -o /dev/null "http://127.0.0.1:${PORTS[$1]}/health/ready" && return 0
    sleep 0.25
  done
  echo "chaos: instance $1 never became ready" >&2; tail -20 "$WORK/instance$1.log" >&2; return 1
}

echo "chaos: starting two instances on $DB (ports ${PORTS[*]}) and nginx on $LB_PORT"
start_instance 0; wait_ready 0
start_instance 1; wait_ready 1

mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
error_log $WORK/nginx/logs/error.log warn;
pid $WORK/nginx/nginx.pid;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  upstream loyalty {
    server 127.0.0.1:${PORTS[0]} max_fails=1 fail_timeout=2s;
    server 127.0.0.1:${PORTS[1]} max_fails=1 fail_timeout=2s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://loyalty;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_connect_timeout 1s;
      # Only failed connects move on; a POST that reached an instance is never resent by nginx (the client retries).
      proxy_next_upstream error timeout;
    }
  }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
NGINX_PID=$!
sleep 0.5

LB="http://127.0.0.1:$LB_PORT"
ADMIN="Authorization: Bearer $(token chaos-admin admin)"
post() { curl -s -H "$ADMIN" -H 'Content-Type: application/json' -d "$2" "$LB$1"; }
partner=$(post /api/v1/admin/partners "{\"name\":\"Chaos $DB\",\"contactEmail\":\"ops@chaos.example\"}" | jq -r .id)
store=$(post "/api/v1/admin/partners/$partner/stores" '{"name":"Chaos store","code":"CH-1","city":"Springfield"}' | jq -r .id)
key=$(post "/api/v1/admin/partners/$partner/api-keys" '{"name":"till","scopes":["members:read","members:enrol","points:earn","points:redeem"]}' | jq -r .key)
victim_json=$(post "/api/v1/admin/partners/$partner/api-keys" '{"name":"to revoke","scopes":["members:read"]}')
victim_id=$(jq -r .id <<<"$victim_json"); victim=$(jq -r .key <<<"$victim_json")
[[ "$key" != null && "$victim" != null ]] || { echo "chaos: setup failed" >&2; exit 1; }
: >"$WORK/members"
for m in $(seq 1 "$MEMBERS"); do
  curl -s -H "X-Api-Key: $key" -H "Idempotency-Key: enrol-$m" -H 'Content-Type: application/json' \
    -d "{\"storeId\":\"$store\",\"firstName\":\"Chaos\",\"lastName\":\"M$m\",\"email\":\"chaos$m@example.com\"}" \
    "$LB/api/v1/partner/members" >"$WORK/enrol.json"
  jq -er .memberNumber "$WORK/enrol.json" >>"$WORK/members" || { echo "chaos: enrolling member $m failed: $(head -c 400 "$WORK/enrol.json")" >&2; exit 1; }
done
mapfile -t MEMBER_NUMBERS <"$WORK/members"
echo "chaos: partner $partner, ${#MEMBER_NUMBERS[@]} members; driving for ${SECONDS_TO_RUN}s with $WORKERS workers"

# --- the driver: each request retried with its Idempotency-Key until it gets an answer that is not a transport error
send() { # worker kind idem url body -> appends "kind idem status tries body-of-answer" to the worker's log
  local status tries=0 answer
  while :; do
    tries=$((tries + 1))
    answer=$(curl -s -m 10 -w '\n%{http_code}' -H "X-Api-Key: $key" -H "Idempotency-Key: $3" -H 'Content-Type: application/json' -d "$5" "$LB$4" || true)
    status=${answer##*$'\n'}
    # 000 = no answer, 502/503/504 = nginx found no instance, 409 in flight = the first attempt is still running
    if [[ "$status" =~ ^(000|502|503|504)$ ]] || { [[ "$status" == 409 ]] && grep -q in_flight <<<"$answer"; }; then
      ((tries < 40)) || break
      sleep 0.25
      continue
    fi
    break
  done
  printf '%s %s %s %s %s\n' "$2" "$3" "$status" "$tries" "$(head -1 <<<"$answer" | tr -d ' \n')" >>"$WORK/driver$1.log"
}
worker() {
  local w=$1 n=0 end=$((SECONDS + SECONDS_TO_RUN))
  while ((SECONDS < end)); do
    n=$((n + 1))
    local member=${MEMBER_NUMBERS[$(((w + n) % ${#MEMBER_NUMBERS[@]}))]}
    send "$w" purchase "p-$w-$n" /api/v1/partner/transactions "{\"memberNumber\":\"$member\",\"storeId\":\"$store\",\"externalId\":\"x-$w-$n\",\"amount\":$((10 + n % 40)),\"currency\":\"EUR\"}"
    if ((n % 3 == 0)); then
      send "$w" authorise "a-$w-$n" /api/v1/partner/redemptions "{\"memberNumber\":\"$member\",\"storeId\":\"$store\",\"points\":5,\"reference\":\"r-$w-$n\"}"
    fi
  done
}
WORKER_PIDS=()
for w in $(seq 1 "$WORKERS"); do worker "$w" & WORKER_PIDS+=($!); done

# --- the revoked key: probe both instances directly, revoke through nginx halfway, time until both refuse -------
probe() { # index -> writes when the first probe the instance refused was sent (ms), after the revocation was answered
  local i=$1
  while [[ ! -f "$WORK/revoked-at" ]]; do sleep 0.02; done
  while :; do
    local code sent
    # Each probe is stamped with the instant it was sent: on a busy machine its answer can take a while to arrive.
    sent=$(date +%s%3N)
    code=$(curl -s -m 2 -o /dev/null -w '%{http_code}' -H "X-Api-Key: $victim" "http://127.0.0.1:${PORTS[$i]}/api/v1/partner/members/${MEMBER_NUMBERS[0]}" || true)
    if [[ "$code" == 401 ]]; then echo "$sent" >"$WORK/refused$i"; return; fi
    [[ "$code" == 200 ]] && echo "$sent" >>"$WORK/accepted$i"
    sleep 0.02
  done
}
for i in 0 1; do
  for _ in 1 2 3; do curl -s -o /dev/null -H "X-Api-Key: $victim" "http://127.0.0.1:${PORTS[$i]}/api/v1/partner/members/${MEMBER_NUMBERS[0]}"; done # cached on both
done
PROBE_PIDS=()
probe 0 & PROBE_PIDS+=($!)
probe 1 & PROBE_PIDS+=($!)

# --- chaos: kill -9 an instance every few seconds and bring it back -------------------------------------------
gap=$((SECONDS_TO_RUN / (KILLS + 1)))
kills=0
revoked=0
for k in $(seq 1 "$KILLS"); do
  sleep "$gap"
  if ((revoked == 0 && k > KILLS / 2)); then
    # Both instances up: the promise is about instances that hold the key in cache.
    before=$(date +%s%3N)
    curl -s -o /dev/null -X POST -H "$ADMIN" -H 'Content-Type: application/json' -d '{}' "$LB/api/v1/admin/partners/$partner/api-keys/$victim_id/revoke"
    # The promise runs from the revocation's answer (the change is committed then); on a busy machine the request
    # itself can take seconds, so the time it was sent is printed as well.
    echo "$before" >"$WORK/revoke-sent-at"
    date +%s%3N >"$WORK/revoked-at"
    revoked=1
    sleep 1.5
  fi
  i=$((k % 2))
  kill -9 "${PIDS[$i]}" 2>/dev/null || true
  wait "${PIDS[$i]}" 2>/dev/null || true
  kills=$((kills + 1))
  echo "chaos: kill -9 instance $i ($kills/$KILLS) at $((SECONDS))s"
  sleep 2
  start_instance "$i"; wait_ready "$i"
done
for p in "${WORKER_PIDS[@]}" "${PROBE_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done

# --- checks -------------------------------------------------------------------------------------------------
cat "$WORK"/driver*.log >"$WORK/all.log"
fail=0
check() { if [[ "$2" == "$3" ]]; then printf '  ok    %-60s %s\n' "$1" "$2"; else printf '  FAIL  %-60s got %s, want %s\n' "$1" "$2" "$3"; fail=1; fi; }
attempted=$(grep -c '^purchase ' "$WORK/all.log" || true)
acked=$(awk '$1=="purchase" && ($3==201||$3==200)' "$WORK/all.log" | wc -l)
retried=$(awk '$4>1' "$WORK/all.log" | wc -l)
authorised=$(awk '$1=="authorise" && ($3==201||$3==200)' "$WORK/all.log" | wc -l)
declined=$(awk '$1=="authorise" && $3==422' "$WORK/all.log" | wc -l)
echo
echo "chaos figures"
echo "  purchases sent $attempted, acknowledged $acked; authorisations sent $(grep -c '^authorise ' "$WORK/all.log" || true), authorised $authorised, declined $declined"
echo "  requests that needed retries: $retried (max tries $(awk 'BEGIN{m=0} $4>m{m=$4} END{print m}' "$WORK/all.log")); kills: $kills"
echo "  answers by status: $(awk '{print $3}' "$WORK/all.log" | sort | uniq -c | awk '{printf "%s×%s ", $2, $1}')"
# A run where nothing gets through proves nothing: every answer must be a success, a decline the run expects, or the
# clean refusal of a key whose first request died with its instance (409 idempotency_request_in_flight until the
# claim's lease runs out; the driver gives up after its tries, and the checks below show it was not applied twice).
in_flight=$(awk '$3==409 && /idempotency_request_in_flight/' "$WORK/all.log" | wc -l)
echo "  keys refused as still in flight after their instance was killed: $in_flight"
check "answers other than 200/201, 422 (authorisation) or 409 in flight" "$(awk '!($3==200 || $3==201 || ($1=="authorise" && $3==422) || ($3==409 && /idempotency_request_in_flight/))' "$WORK/all.log" | wc -l)" 0
check "purchases acknowledged (more than none)" "$((acked > 0))" 1
check "authorisations answered (more than none)" "$((authorised + declined > 0))" 1
awk '$1=="purchase" && ($3==201||$3==200) {print substr($2, 3)}' "$WORK/all.log" | sed 's/^/x-/' | sort >"$WORK/acked-purchases"
psql_db -d "$DB" -c "SELECT \"ExternalId\" FROM \"Purchases\" WHERE \"PartnerId\" = '$partner'" | sort >"$WORK/stored-purchases"
check "acknowledged purchases missing from the database" "$(comm -23 "$WORK/acked-purchases" "$WORK/stored-purchases" | wc -l)" 0
check "purchases stored twice (same receipt)" "$(uniq -d "$WORK/stored-purchases" | wc -l)" 0
check "purchases with more than one earning ledger entry" "$(psql_db -d "$DB" -c "SELECT COUNT(*) FROM (SELECT \"PurchaseId\" FROM \"LedgerEntries\" WHERE \"PurchaseId\" IS NOT NULL AND \"Type\" = 'Earn' GROUP BY \"PurchaseId\" HAVING COUNT(*) > 1) d")" 0
check "earning ledger entries = stored purchases (each earned once)" "$(psql_db -d "$DB" -c "SELECT COUNT(*) FROM \"LedgerEntries\" e JOIN \"Purchases\" p ON p.\"Id\" = e.\"PurchaseId\" WHERE p.\"PartnerId\" = '$partner' AND e.\"Type\" = 'Earn'")" "$(wc -l <"$WORK/stored-purchases")"
awk '$1=="authorise" && ($3==201||$3==200) {print "r-" substr($2, 3)}' "$WORK/all.log" | sort >"$WORK/acked-holds"
psql_db -d "$DB" -c "SELECT \"Reference\" FROM \"Redemptions\" WHERE \"PartnerId\" = '$partner'" | sort >"$WORK/stored-holds"
check "acknowledged authorisations missing from the database" "$(comm -23 "$WORK/acked-holds" "$WORK/stored-holds" | wc -l)" 0
check "authorisations stored twice (same reference)" "$(uniq -d "$WORK/stored-holds" | wc -l)" 0
check "accounts whose balance differs from their ledger" "$(psql_db -d "$DB" -c "SELECT COUNT(*) FROM \"PointsAccounts\" a LEFT JOIN (SELECT \"MemberId\", SUM(\"Points\") AS p FROM \"LedgerEntries\" GROUP BY \"MemberId\") l ON l.\"MemberId\" = a.\"MemberId\" WHERE a.\"Available\" <> COALESCE(l.p, 0)")" 0

# Replays: the same key and body answer as before; the same key with another body is refused cleanly.
replayed=0; same=0; refused=0
while read -r _ idem status _ body; do
  n=${idem#p-}; w=${n%%-*}; i=${n#*-}
  member=${MEMBER_NUMBERS[$(((w + i) % ${#MEMBER_NUMBERS[@]}))]}
  payload="{\"memberNumber\":\"$member\",\"storeId\":\"$store\",\"externalId\":\"x-$w-$i\",\"amount\":$((10 + i % 40)),\"currency\":\"EUR\"}"
  again=$(curl -s -w '\n%{http_code}' -H "X-Api-Key: $key" -H "Idempotency-Key: $idem" -H 'Content-Type: application/json' -d "$payload" "$LB/api/v1/partner/transactions")
  replayed=$((replayed + 1))
  [[ "${again##*$'\n'}" == "$status" && "$(jq -r .purchaseId <<<"${again%$'\n'*}")" == "$(jq -r .purchaseId <<<"$body")" ]] && same=$((same + 1))
  other=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Api-Key: $key" -H "Idempotency-Key: $idem" -H 'Content-Type: application/json' -d "${payload/\"amount\":/\"amount\":1}" "$LB/api/v1/partner/transactions")
  [[ "$other" == 422 || "$other" == 409 ]] && refused=$((refused + 1))
done < <(awk '$1=="purchase" && $3==201' "$WORK/all.log" | shuf -n 25 --random-source=<(yes))
check "replays answering the first response (of $replayed)" "$same" "$replayed"
check "same key with another body refused with 409/422 (of $replayed)" "$refused" "$replayed"

revoked_at=$(cat "$WORK/revoked-at" 2>/dev/null || echo 0)
[[ -f "$WORK/revoke-sent-at" ]] && echo "  revocation answered $((revoked_at - $(cat "$WORK/revoke-sent-at"))) ms after it was sent"
worst=0
for i in 0 1; do
  if [[ -f "$WORK/refused$i" ]]; then
    ms=$(($(cat "$WORK/refused$i") - revoked_at))
  else
    ms=999999
  fi
  last_ok=$( [[ -f "$WORK/accepted$i" ]] && awk -v r="$revoked_at" '$1>r' "$WORK/accepted$i" | tail -1 || true)
  echo "  revoked key: instance $i refused it ${ms} ms after the revocation was answered${last_ok:+ (last accepted $((last_ok - revoked_at)) ms after)}"
  ((ms > worst)) && worst=$ms
done
check "revoked key refused by every instance within 1000 ms" "$((worst <= 1000 ? 1 : 0))" 1
echo
if ((fail)); then echo "chaos: FAILED (work files kept in $WORK)"; CHAOS_KEEP=1; exit 1; fi
echo "chaos: passed"
