#!/usr/bin/env bash
# Segment refresh benchmark: seeds a fresh PostgreSQL database with 1,000,000 members (half Bronze, half Silver) and
# 10,000,000 purchases spread over the last year, directly with SQL (generate_series), then times one refresh of a
# segment "Bronze, spent 100 EUR and came twice in 90 days, bought in the last 30" (RefreshSegmentCommand) and checks
# the result: the same count as the preview, every member entered, one segment.entered message each. Fails above 120 s.
# The test is tests/Loyalty.Api.Tests/Load/SegmentBenchmark.cs; it is skipped unless LOYALTY_SEGMENT_BENCH=1.
#
# Usage: tests/load/segment-bench.sh
#
# Environment (defaults in brackets):
#   LOYALTY_BENCH_MEMBERS               members                 [1000000]
#   LOYALTY_BENCH_PURCHASES_PER_MEMBER  purchases per member    [10]
#   LOYALTY_PG_PORT                     port of scripts/postgres-local.sh's cluster [55432]
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" segment
