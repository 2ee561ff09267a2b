#!/usr/bin/env bash
# Runs the API tests with the test clock started at instants that break wall-clock assumptions: a Sunday just
# after midnight, the last minute of a year, a leap day. Usage: tests/run-pinned.sh [extra dotnet test args]
set -euo pipefail
cd "$(dirname "$0")/.."
for instant in 2026-12-06T00:30:00Z 2026-12-31T23:59:00Z 2028-02-29T12:00:00Z; do
  echo "== test clock pinned at $instant"
  LOYALTY_TEST_NOW="$instant" dotnet test tests/Loyalty.Api.Tests -c Release --no-build "$@"
done
