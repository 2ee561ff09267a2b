#!/usr/bin/env bash
# Expiry benchmark: seeds a fresh PostgreSQL database with 1,000,000 expired lots (partly spent) and 1,000,000
# live lots for 250,000 members, directly with SQL (generate_series), then times one run of the expiry job
# (ExpirePointsCommand) and checks the result: one Expire entry and one points.expired message per member,
# no expired points left, live lots untouched, every balance equal to its lots. Fails above 60 s.
# The test is tests/Loyalty.Api.Tests/Load/ExpiryBenchmark.cs; it is skipped unless LOYALTY_EXPIRY_BENCH=1.
#
# Usage: tests/load/expiry-bench.sh
#
# Environment (defaults in brackets):
#   LOYALTY_BENCH_LOTS       expired lots                 [1000000]
#   LOYALTY_BENCH_MEMBERS    members (lots spread evenly) [250000]
#   LOYALTY_BENCH_LIVE_LOTS  lots that do not expire yet  [1000000]
#   LOYALTY_BENCH_BATCH      members per transaction      [10000]
#   LOYALTY_BENCH_PARALLELISM  batches run side by side   [2]
#   LOYALTY_PG_PORT          port of scripts/postgres-local.sh's cluster [55432]
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" expiry
