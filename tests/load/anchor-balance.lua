-- The anchor's GET /balance/{memberNumber} (tests/load/anchor): one indexed SELECT, member numbers rotated from
-- $LOAD_MEMBERS_FILE. Env: LOAD_LUA_DIR, LOAD_MEMBERS_FILE.
local dir = os.getenv("LOAD_LUA_DIR") or "tests/load"
local lib = dofile(dir .. "/lib.lua")

local requests
local counter = 0

function init(args)
   requests = {}
   for i, member in ipairs(lib.read_lines(lib.env("LOAD_MEMBERS_FILE"))) do
      requests[i] = wrk.format("GET", "/balance/" .. member)
   end
end

function request()
   counter = counter + 1
   return requests[(tid + counter) % #requests + 1]
end
