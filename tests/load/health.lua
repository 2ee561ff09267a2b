-- Baseline: GET /health/live (no auth, no database). Same hooks as the other scenarios so that the
-- load generator does the same per-response work and ratios compare like with like.
local dir = os.getenv("LOAD_LUA_DIR") or "tests/load"
dofile(dir .. "/lib.lua")

local req

function init(args)
   req = wrk.format("GET", "/health/live")
end

function request()
   return req
end
