-- POST /api/v1/partner/transactions: one purchase (a 3-line basket) per request, unique externalId and Idempotency-Key,
-- member numbers taken round-robin (offset per thread) from $LOAD_MEMBERS_FILE.
-- Env: LOAD_LUA_DIR, LOAD_MEMBERS_FILE, LOAD_API_KEY, LOAD_STORE_ID, LOAD_RUN_ID (unique per wrk invocation).
-- anchor-earn.lua sets earn_path to send the same purchases to the anchor app.
local dir = os.getenv("LOAD_LUA_DIR") or "tests/load"
local lib = dofile(dir .. "/lib.lua")

local members, headers, store_id, run_id
local counter = 0

function init(args)
   members = lib.read_lines(lib.env("LOAD_MEMBERS_FILE"))
   store_id = lib.env("LOAD_STORE_ID")
   run_id = lib.env("LOAD_RUN_ID")
   headers = {
      ["Content-Type"] = "application/json",
      ["X-Api-Key"] = lib.env("LOAD_API_KEY"),
   }
end

function request()
   counter = counter + 1
   local id = string.format("%s-t%d-%d", run_id, tid, counter)
   -- Spread threads over the member list so that they do not hit the same member in lockstep.
   local member = members[((tid * 7919) + counter) % #members + 1]
   headers["Idempotency-Key"] = "load-" .. id
   -- A realistic basket: three lines, one of them in the campaign's category (see seed() in run.sh).
   local body = string.format(
      '{"memberNumber":"%s","storeId":"%s","externalId":"rcpt-%s","amount":42.50,"currency":"EUR",' ..
      '"lines":[{"sku":"BEAN-1KG","category":"beans","quantity":1,"amount":18.00},' ..
      '{"sku":"CUP-TO-GO","category":"cups","quantity":2,"amount":12.50},' ..
      '{"sku":"CROISSANT","category":"pastry","quantity":4,"amount":12.00}]}',
      member, store_id, id)
   return wrk.format("POST", earn_path or "/api/v1/partner/transactions", headers, body)
end
