#!/usr/bin/env bash
# Adds one migration with the same name to all three providers, then regenerates the db/ scripts.
# Usage: scripts/add-migration.sh AddSomething
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh MigrationName}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Loyalty.Api -c Debug -v quiet -nologo
for provider in Sqlite SqlServer PostgreSql; do
  echo "== $provider"
  dotnet ef migrations add "$name" --no-build \
    --project "src/Loyalty.Migrations.$provider" \
    --startup-project "src/Loyalty.Migrations.$provider" \
    --context LoyaltyDbContext --output-dir Migrations
done
# The db/ scripts are produced by the same code the staleness test runs.
LOYALTY_UPDATE_SNAPSHOTS=1 dotnet test tests/Loyalty.Api.Tests --filter "FullyQualifiedName~DriftTests" -v quiet -nologo
echo "Added migration '$name' for all providers; db/ scripts regenerated. Review and commit them together."
