-- POST /api/v1/partner/transactions: one purchase per request, unique externalId and Idempotency-Key,
-- member numbers taken round-robin (offset per thread) from $LOAD_MEMBERS_FILE.
-- Env: LOAD_LUA_DIR, LOAD_MEMBERS_FILE, LOAD_API_KEY, LOAD_STORE_ID, LOAD_RUN_ID (unique per wrk invocation).
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
   local body = string.format(
      '{"memberNumber":"%s","storeId":"%s","externalId":"rcpt-%s","amount":42.50,"currency":"EUR"}',
      member, store_id, id)
   return wrk.format("POST", "/api/v1/partner/transactions", headers, body)
end
