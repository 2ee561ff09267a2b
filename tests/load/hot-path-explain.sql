-- The hot path's reads, as the API sends them (hand-written equivalents of the EF queries and the tier-activity SQL),
-- under EXPLAIN (ANALYZE, BUFFERS) for one of the harness's members: after tests/load/growth-seed.sql each of them has
-- 2,000 ledger entries and 500 purchases, so a plan that reads a member's history shows it in its row counts and buffers.
-- psql -v member=<member number> -v subject=<an app user's JWT subject> -f tests/load/hot-path-explain.sql
\set ON_ERROR_STOP on
SELECT "Id" AS member_id FROM "Members" WHERE "MemberNumber" = :'member' \gset

\echo '== purchase: store + member + tier + duplicate receipt (one query)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT m."Id", t."Id", s."Id",
       EXISTS (SELECT 1 FROM "Purchases" p WHERE p."PartnerId" = s."PartnerId" AND p."ExternalId" = 'no-such-receipt')
FROM "Members" m JOIN "Tiers" t ON t."Id" = m."TierId" CROSS JOIN "Stores" s
WHERE m."MemberNumber" = :'member' AND s."Id" = (SELECT "Id" FROM "Stores" LIMIT 1);

\echo '== purchase: the member''s tier activity in the qualifying window (grows with purchases in the window, not with history)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(*), sum(p."Amount"), sum(p."PointsEarned")
FROM "Purchases" p
WHERE p."MemberId" = :'member_id' AND p."PurchasedAt" >= now() - interval '365 days' AND p."PurchasedAt" <= now();

\echo '== purchase: the account update (plan only)'
EXPLAIN (COSTS OFF)
UPDATE "PointsAccounts" SET "Available" = "Available" + 10, "LifetimeEarned" = "LifetimeEarned" + 10, "UpdatedAt" = now()
WHERE "MemberId" = :'member_id' RETURNING "Available";

\echo '== balance read: account by subject with the first expiry of the member''s spendable lots'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT a."Available", a."Pending", a."Held", a."LifetimeEarned",
       (SELECT min(l."ExpiresAt") FROM "PointsLots" l
        WHERE l."MemberId" = a."MemberId" AND NOT l."IsPending" AND l."Remaining" > 0 AND l."ExpiresAt" IS NOT NULL)
FROM "Members" m JOIN "PointsAccounts" a ON a."MemberId" = m."Id"
WHERE m."ExternalId" = :'subject';

\echo '== balance read of a member with a long history (first expiry over their lots)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT min(l."ExpiresAt") FROM "PointsLots" l
WHERE l."MemberId" = :'member_id' AND NOT l."IsPending" AND l."Remaining" > 0 AND l."ExpiresAt" IS NOT NULL;
