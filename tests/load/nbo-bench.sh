#!/usr/bin/env bash
# Next-best-offer benchmark: seeds a fresh PostgreSQL database with 1,000,000 members and 10,000,000 purchase lines
# (3,333,334 purchases of three lines) directly with SQL (generate_series), then times one refresh of every member's
# recommendations (RefreshRecommendationsCommand) and prints the leave-last-out hit rate at 3 against the
# most-popular baseline on that history. Fails above 5 minutes.
# The test is tests/Loyalty.Api.Tests/Load/NextBestOfferBenchmark.cs; it is skipped unless LOYALTY_NBO_BENCH=1.
#
# Usage: tests/load/nbo-bench.sh
#
# Environment (defaults in brackets):
#   LOYALTY_BENCH_MEMBERS    members                         [1000000]
#   LOYALTY_BENCH_PURCHASES  purchases, three lines each     [3333334]
#   LOYALTY_PG_PORT          port of scripts/postgres-local.sh's cluster [55432]
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" nbo
