#!/usr/bin/env bash
# Tier review benchmark: seeds a fresh PostgreSQL database with 1,000,000 Silver members, all due for review, with
# 2–5 purchases each (3.5 million), directly with SQL (generate_series), then times one run of the tier review job
# (ReviewTiersCommand) and checks the result: a third keep Silver, a third start grace, a third move down to Bronze
# with one history row and one tier.changed message each. Fails above 120 s.
# The test is tests/Loyalty.Api.Tests/Load/TierBenchmark.cs; it is skipped unless LOYALTY_TIER_BENCH=1.
#
# Usage: tests/load/tier-bench.sh
#
# Environment (defaults in brackets):
#   LOYALTY_BENCH_MEMBERS      members due for review       [1000000]
#   LOYALTY_BENCH_BATCH        members per transaction      [10000]
#   LOYALTY_BENCH_PARALLELISM  batches run side by side     [2]
#   LOYALTY_PG_PORT            port of scripts/postgres-local.sh's cluster [55432]
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" tier
