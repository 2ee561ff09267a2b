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

\echo '== balance read (one statement): the account by subject, the first expiry and that UTC day''s points'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT b."Available", b."Pending", b."Held", b."LifetimeEarned", b."FirstExpiry",
    (SELECT SUM(d."Remaining") FROM "PointsLots" d
     WHERE d."MemberId" = b."MemberId" AND d."IsPending" = false AND d."Remaining" > 0
       AND d."ExpiresAt" >= b."FirstExpiry"
       AND d."ExpiresAt" < ((date_trunc('day', (b."FirstExpiry") AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC'))
FROM (
    SELECT a."MemberId", a."Available", a."Pending", a."Held", a."LifetimeEarned",
        (SELECT MIN(l."ExpiresAt") FROM "PointsLots" l
         WHERE l."MemberId" = a."MemberId" AND l."IsPending" = false AND l."Remaining" > 0 AND l."ExpiresAt" IS NOT NULL) AS "FirstExpiry"
    FROM "Members" m
    JOIN "PointsAccounts" a ON a."MemberId" = m."Id"
    WHERE m."ExternalId" = :'subject'
) b;

\echo '== balance read of a member with a long history (first expiry over their lots)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT min(l."ExpiresAt") FROM "PointsLots" l
WHERE l."MemberId" = :'member_id' AND NOT l."IsPending" AND l."Remaining" > 0 AND l."ExpiresAt" IS NOT NULL;
