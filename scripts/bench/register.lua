-- wrk script: PUT /v1/agent/service/register with a fresh service id per request (spread over 1,000 names)
counter = 0
request = function()
  counter = counter + 1
  local id = "bench-" .. counter .. "-" .. math.random(1, 1000000000)
  local body = '{"ID":"' .. id .. '","Name":"bench' .. (counter % 1000) .. '","Port":8080,"Address":"10.1.0.1"}'
  return wrk.format("PUT", "/v1/agent/service/register", {["Content-Type"] = "application/json"}, body)
end
