-- Growth seed for the load harness's "postgres-large" run (tests/load/run.sh, LOAD_DATABASES="postgres postgres-large"):
-- on top of the harness's own seed (the demo programme, LOAD_MEMBERS till members, the app users), adds :members members
-- with accounts and :entries ledger entries (a purchase for every fourth entry, two lots per member), all in the
-- last 400 days, and gives each of the harness's own members a long history too (2,000 entries, 500 purchases, 500 unspent lots), so a
-- hot path that read a member's history or scanned a growing table would show in the figures.
-- With members=0 and entries=0 only the harness's own members' history is added (run.sh does that on the small
-- "postgres" database, LOAD_HISTORY=1), so both databases run the same per-member path.
-- psql -v members=1000000 -v entries=20000000 -f tests/load/growth-seed.sql
\set ON_ERROR_STOP on
SET synchronous_commit = off;

INSERT INTO "Members" ("Id", "MemberNumber", "FirstName", "LastName", "Email", "NormalizedEmail", "Status", "TierId", "EnrolmentChannel", "EnrolledAt")
SELECT gen_random_uuid(), '8' || lpad(g::text, 11, '0'), 'Growth', 'Member' || g, 'growth' || g || '@example.com', 'GROWTH' || g || '@EXAMPLE.COM',
       'Active', (SELECT "Id" FROM "Tiers" ORDER BY "Rank" LIMIT 1), 'Store', now() - interval '2 years'
FROM generate_series(1, :members) g;

-- Every member, the harness's own first, numbered 0..n-1.
CREATE TEMP TABLE growth_members AS
SELECT "Id", row_number() OVER (ORDER BY "FirstName" <> 'Growth', "MemberNumber") - 1 AS n, "FirstName" <> 'Growth' AS own
FROM "Members";
CREATE UNIQUE INDEX ON growth_members (n);
SELECT count(*) AS member_count FROM growth_members \gset

INSERT INTO "PointsAccounts" ("MemberId", "Available", "Pending", "Held", "LifetimeEarned", "UpdatedAt")
SELECT "Id", 0, 0, 0, 0, now() FROM growth_members WHERE NOT own;

CREATE TEMP TABLE growth_context AS
SELECT p."Id" AS partner_id, s."Id" AS store_id
FROM "Partners" p JOIN "Stores" s ON s."PartnerId" = p."Id" ORDER BY p."Name" = 'Demo Coffee Roasters' DESC LIMIT 1;

-- Purchases: one per four entries, spread over every member; the harness's members get 500 each on top.
INSERT INTO "Purchases" ("Id", "MemberId", "PartnerId", "StoreId", "ExternalId", "Amount", "Currency", "PurchasedAt", "RecordedAt", "PointsEarned")
SELECT gen_random_uuid(), m."Id", c.partner_id, c.store_id, 'growth-' || g, 20 + g % 50, 'EUR',
       now() - (g % 400) * interval '1 day', now() - (g % 400) * interval '1 day', 20 + g % 50
FROM generate_series(0, :entries / 4 - 1) g
JOIN growth_members m ON m.n = g % :member_count
CROSS JOIN growth_context c;
INSERT INTO "Purchases" ("Id", "MemberId", "PartnerId", "StoreId", "ExternalId", "Amount", "Currency", "PurchasedAt", "RecordedAt", "PointsEarned")
SELECT gen_random_uuid(), m."Id", c.partner_id, c.store_id, 'growth-own-' || m.n || '-' || g, 25, 'EUR',
       now() - (g % 400) * interval '1 day', now() - (g % 400) * interval '1 day', 25
FROM growth_members m CROSS JOIN generate_series(1, 500) g CROSS JOIN growth_context c
WHERE m.own;

INSERT INTO "LedgerEntries" ("MemberId", "Type", "Points", "Description", "OccurredAt", "PartnerId", "StoreId")
SELECT m."Id", 'Earn', 20 + g % 50, 'Growth seed', now() - (g % 400) * interval '1 day', c.partner_id, c.store_id
FROM generate_series(0, :entries - 1) g
JOIN growth_members m ON m.n = g % :member_count
CROSS JOIN growth_context c;
INSERT INTO "LedgerEntries" ("MemberId", "Type", "Points", "Description", "OccurredAt", "PartnerId", "StoreId")
SELECT m."Id", 'Earn', 25, 'Growth seed', now() - (g % 400) * interval '1 day', c.partner_id, c.store_id
FROM growth_members m CROSS JOIN generate_series(1, 2000) g CROSS JOIN growth_context c
WHERE m.own;

-- Two lots each, and a lot per purchase for the harness's members (as earning would have left them, unspent).
INSERT INTO "PointsLots" ("MemberId", "Points", "Remaining", "EarnedAt", "ExpiresAt", "IsPending")
SELECT m."Id", 100, 100, now() - interval '10 days' * k, now() + interval '300 days' - interval '10 days' * k, false
FROM growth_members m CROSS JOIN generate_series(1, 2) k;
INSERT INTO "PointsLots" ("MemberId", "Points", "Remaining", "EarnedAt", "ExpiresAt", "IsPending")
SELECT m."Id", 25, 25, now() - (g % 400) * interval '1 day', now() + interval '365 days' - (g % 400) * interval '1 day', false
FROM growth_members m CROSS JOIN generate_series(1, 500) g
WHERE m.own;

UPDATE "PointsAccounts" a SET "Available" = a."Available" + s.total, "LifetimeEarned" = a."LifetimeEarned" + s.total
FROM (SELECT "MemberId", SUM("Remaining") AS total FROM "PointsLots" GROUP BY "MemberId") s
WHERE s."MemberId" = a."MemberId";
