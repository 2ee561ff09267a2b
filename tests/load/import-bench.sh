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
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" import
