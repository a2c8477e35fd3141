-- Single-record predictions: each request posts one of the bodies in BENCH_BODIES (one JSON record a line), in
-- turn, with the API key in BENCH_API_KEY, to BENCH_PATH. done() prints RESULT {json} for bench/support/processes.ts.
local bodies = {}
for line in io.lines(os.getenv("BENCH_BODIES")) do bodies[#bodies + 1] = line end
local headers = {["content-type"] = "application/json", ["x-api-key"] = os.getenv("BENCH_API_KEY")}
local path = os.getenv("BENCH_PATH") or "/api/v1/models/attrition/predict"
local counter = 0
local statuses = {}

request = function()
  counter = counter + 1
  return wrk.format("POST", path, headers, bodies[(counter % #bodies) + 1])
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local non2xx = 0
  for status, n in pairs(statuses) do
    if status < 200 or status > 299 then non2xx = non2xx + n end
  end
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"socket_errors":%d,"non_2xx":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors, non2xx))
end
