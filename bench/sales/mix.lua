-- The course's load mix: 50% POST /post_sales (small lists), 25% GET /get_raw_sales, 25% GET /get_monthly_sales.
-- Posted rows are existing weeks of the course data with new sales values, so every post really changes the data
-- (the read caches are invalidated as often as they would be in production).
local vegetables = {"Tomato", "Tomate", "Peer", "Poire", "Brussel Sprout", "tomaot", "Pera"}
local counter = 0
local statuses = {}

local function body()
  local rows = {}
  for i = 1, 3 do
    local year = 2020 + math.random(0, 3)
    local week = math.random(1, 52)
    local veg = vegetables[math.random(#vegetables)]
    rows[i] = string.format('{"year_week":%d,"vegetable":"%s","sales":%d}', year * 100 + week, veg, math.random(0, 600))
  end
  return "[" .. table.concat(rows, ",") .. "]"
end

request = function()
  counter = counter + 1
  local k = counter % 4
  if k == 0 or k == 1 then
    return wrk.format("POST", "/post_sales", {["content-type"] = "application/json"}, body())
  elseif k == 2 then
    return wrk.format("GET", "/get_raw_sales")
  else
    return wrk.format("GET", "/get_monthly_sales?remove_outliers=" .. (counter % 8 == 3 and "true" or "false"))
  end
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
