#!/usr/bin/env bash
# Import benchmark: enrols members through the API in a fresh PostgreSQL database, uploads a CSV of 100,000 offline
# purchases (POST /api/v1/partner/imports) and times the import job until the import completes; checks every row
# earned and balance == ledger. Fails above 120 s (upload + processing).
# The test is tests/Loyalty.Api.Tests/Load/ImportBenchmark.cs; it is skipped unless LOYALTY_IMPORT_BENCH=1.
#
# Usage: tests/load/import-bench.sh
#
# Environment (defaults in brackets):
#   LOYALTY_BENCH_ROWS         rows in the file                [100000]
#   LOYALTY_BENCH_MEMBERS      members the rows are spread over [1000]
#   LOYALTY_BENCH_PARALLELISM  rows earned side by side         [4]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

if ! scripts/postgres-local.sh status >/dev/null 2>&1; then
    scripts/postgres-local.sh start
fi

export LOYALTY_TEST_POSTGRES="$(scripts/postgres-local.sh url)"
export LOYALTY_IMPORT_BENCH=1

OUT=$(mktemp "${TMPDIR:-/tmp}/loyalty-import-bench.XXXXXX")
trap 'rm -f "$OUT"' EXIT
set +e
dotnet test tests/Loyalty.Api.Tests -c Release --filter "FullyQualifiedName~Loyalty.Api.Tests.Load.ImportBenchmark" \
    --logger "console;verbosity=detailed" >"$OUT" 2>&1
STATUS=$?
set -e

grep -E "^\s*(Uploaded|Imported)" "$OUT" | sed 's/^ *//' | sort -u || true
if [ $STATUS -ne 0 ]; then
    grep -E "Error Message|Assert|Exception" -A3 "$OUT" | head -40 >&2 || true
    echo "[import-bench] FAILED (dotnet test exit status $STATUS)" >&2
    exit 1
fi
echo "[import-bench] passed"
