#!/usr/bin/env bash
# Insight scoring benchmark: seeds a fresh PostgreSQL database with 1,000,000 members and 10,000,000 purchases over two
# years (each member with their own rhythm and last purchase, one purchase in twenty partly returned), directly with SQL
# (generate_series), then times one insight run (RefreshInsightCommand: facts, value, RFM quintiles, class and churn
# score for every member, inserted as a snapshot, plus the programme-health rollup) and one churn backtest as of 180 days
# ago; then the programme-health rollup on its own (36 months) and the programme-health (12 and 36 months) and
# campaign-value reads (best of 3). Fails above 120 s.
# The test is tests/Loyalty.Api.Tests/Load/InsightBenchmark.cs; it is skipped unless LOYALTY_INSIGHT_BENCH=1.
#
# Usage: tests/load/insight-bench.sh
#
# Environment (defaults in brackets):
#   LOYALTY_BENCH_MEMBERS               members                 [1000000]
#   LOYALTY_BENCH_PURCHASES_PER_MEMBER  purchases per member    [10]
#   LOYALTY_PG_PORT                     port of scripts/postgres-local.sh's cluster [55432]
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" insight
