-- GET /api/v1/me/points with a bearer token rotated among the member tokens in $LOAD_TOKENS_FILE.
-- Env: LOAD_LUA_DIR, LOAD_TOKENS_FILE.
local dir = os.getenv("LOAD_LUA_DIR") or "tests/load"
local lib = dofile(dir .. "/lib.lua")

local requests_by_token
local counter = 0

function init(args)
   requests_by_token = {}
   for i, token in ipairs(lib.read_lines(lib.env("LOAD_TOKENS_FILE"))) do
      requests_by_token[i] = wrk.format("GET", "/api/v1/me/points", { ["Authorization"] = "Bearer " .. token })
   end
end

function request()
   counter = counter + 1
   return requests_by_token[(tid + counter) % #requests_by_token + 1]
end
