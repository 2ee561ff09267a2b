-- The anchor's GET /json (tests/load/anchor): a bare ASP.NET Core JSON endpoint, the ceiling for /health/live.
local dir = os.getenv("LOAD_LUA_DIR") or "tests/load"
dofile(dir .. "/lib.lua")

local req

function init(args)
   req = wrk.format("GET", "/json")
end

function request()
   return req
end
