-- Shared wrk hooks for the load scenarios (see tests/load/README.md).
--
-- A scenario script loads this file and then defines init()/request(). This file provides:
--   setup(thread)  numbers the threads (global `tid` in each thread) and keeps them for done()
--   response(...)  counts non-2xx responses per thread and keeps the first one as a sample
--   done(...)      prints one parseable line:
--     LOAD_RESULT scenario=<name> requests=<n> duration_s=<s> rps=<r> p50_ms=<ms> p99_ms=<ms> non2xx=<n> socket_errors=<n> statuses=<code:count,...|->
--   and, when something failed, a LOAD_ERROR_SAMPLE line with the first failing status and body.
-- The scenario name comes from the environment variable LOAD_SCENARIO.

local lib = {}

local threads = {}
local next_tid = 0

function setup(thread)
   thread:set("tid", next_tid)
   next_tid = next_tid + 1
   table.insert(threads, thread)
end

-- Per-thread state (each wrk thread has its own Lua state).
non2xx = 0
statuses = ""            -- "code:count,code:count", rebuilt only when a response fails
first_error = ""
local failed_by_status = {}

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      failed_by_status[status] = (failed_by_status[status] or 0) + 1
      local parts = {}
      for code, count in pairs(failed_by_status) do
         parts[#parts + 1] = code .. ":" .. count
      end
      statuses = table.concat(parts, ",")
      if first_error == "" then
         first_error = status .. " " .. string.gsub(string.sub(body or "", 1, 400), "[\r\n]", " ")
      end
   end
end

function done(summary, latency, requests)
   local failed, merged, sample = 0, {}, ""
   for _, thread in ipairs(threads) do
      failed = failed + (thread:get("non2xx") or 0)
      local s = thread:get("statuses") or ""
      for code, count in string.gmatch(s, "(%d+):(%d+)") do
         merged[code] = (merged[code] or 0) + tonumber(count)
      end
      local e = thread:get("first_error") or ""
      if sample == "" and e ~= "" then sample = e end
   end
   local parts = {}
   for code, count in pairs(merged) do parts[#parts + 1] = code .. ":" .. count end
   table.sort(parts)
   local errs = summary.errors
   local socket_errors = errs.connect + errs.read + errs.write + errs.timeout
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "LOAD_RESULT scenario=%s requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d statuses=%s\n",
      os.getenv("LOAD_SCENARIO") or "unnamed", summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, failed, socket_errors,
      #parts > 0 and table.concat(parts, ",") or "-"))
   if socket_errors > 0 then
      io.write(string.format("LOAD_SOCKET_ERRORS connect=%d read=%d write=%d timeout=%d\n",
         errs.connect, errs.read, errs.write, errs.timeout))
   end
   if sample ~= "" then
      io.write("LOAD_ERROR_SAMPLE " .. sample .. "\n")
   end
end

-- Non-empty lines of a file, in order; fails loudly when the file is missing or empty.
function lib.read_lines(path)
   local lines = {}
   local f = assert(io.open(path, "r"), "cannot open " .. tostring(path))
   for line in f:lines() do
      if line ~= "" then lines[#lines + 1] = line end
   end
   f:close()
   assert(#lines > 0, path .. " is empty")
   return lines
end

function lib.env(name)
   return assert(os.getenv(name), "environment variable " .. name .. " is not set")
end

return lib
