-- The anchor's POST /earn (tests/load/anchor): the same purchases as earn.lua, written by raw Npgsql in one batch.
earn_path = "/earn"
dofile((os.getenv("LOAD_LUA_DIR") or "tests/load") .. "/earn.lua")
