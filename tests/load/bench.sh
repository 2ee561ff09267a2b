#!/usr/bin/env bash
# Runs one opt-in benchmark test against scripts/postgres-local.sh's PostgreSQL (started if needed) in Release and
# prints its figures. The benchmark scripts next to this one say what each measures and which settings it takes.
#
# Usage: tests/load/bench.sh <expiry|tier|import|segment|nbo|insight>
set -euo pipefail

name="${1:?usage: tests/load/bench.sh <expiry|tier|import|segment|nbo|insight>}"
case "$name" in
    expiry) class=ExpiryBenchmark; flag=LOYALTY_EXPIRY_BENCH; figures='(Seeded|Expired) ' ;;
    tier)   class=TierBenchmark;   flag=LOYALTY_TIER_BENCH;   figures='(Seeded|Reviewed) ' ;;
    import) class=ImportBenchmark; flag=LOYALTY_IMPORT_BENCH; figures='(Uploaded|Imported)' ;;
    segment) class=SegmentBenchmark; flag=LOYALTY_SEGMENT_BENCH; figures='(Seeded|Previewed|Refreshed) ' ;;
    nbo)    class=NextBestOfferBenchmark; flag=LOYALTY_NBO_BENCH; figures='(Seeded|Refreshed|Evaluated) ' ;;
    insight) class=InsightBenchmark; flag=LOYALTY_INSIGHT_BENCH; figures='(Seeded|Scored|Backtested|Rolled|Read) ' ;;
    *) echo "unknown benchmark '$name' (expiry, tier, import, segment, nbo or insight)" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

if ! scripts/postgres-local.sh status >/dev/null 2>&1; then
    scripts/postgres-local.sh start
fi

export LOYALTY_TEST_POSTGRES="$(scripts/postgres-local.sh url)"
export "$flag=1"

OUT=$(mktemp "${TMPDIR:-/tmp}/loyalty-$name-bench.XXXXXX")
trap 'rm -f "$OUT"' EXIT
set +e
dotnet test tests/Loyalty.Api.Tests -c Release --filter "FullyQualifiedName~Loyalty.Api.Tests.Load.$class" \
    --logger "console;verbosity=detailed" >"$OUT" 2>&1
STATUS=$?
set -e

grep -E "^\s*$figures" "$OUT" | sed 's/^ *//' | sort -u || true
if [ $STATUS -ne 0 ]; then
    grep -E "Error Message|Assert|Exception" -A3 "$OUT" | head -40 >&2 || true
    echo "[$name-bench] FAILED (dotnet test exit status $STATUS)" >&2
    exit 1
fi
echo "[$name-bench] passed"
