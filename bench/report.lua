-- wrk script: prints the run's results as one JSON line (latencies in microseconds).
-- With WRK_PATHS set ("|" between paths), requests take the paths in turn, so a search or
-- an inbox lookup is not the same one over and over.
local paths = {}
for path in string.gmatch(os.getenv("WRK_PATHS") or "", "[^|]+") do
  paths[#paths + 1] = path
end

if #paths > 0 then
  local turn = 0
  request = function()
    turn = turn + 1
    return wrk.format(nil, paths[(turn % #paths) + 1])
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
      .. '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, '
      .. '"bad_status": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect, errors.read, errors.write, errors.timeout, errors.status))
end
