#!/usr/bin/env bash
# Acceptance: /v1/agent/metrics as operators consume it.
#   1. Consul's JSON shape (Timestamp, Gauges, Points, Counters, Samples) with DNS, HTTP and store meters
#   2. ?format=prometheus passes `promtool check metrics`
#   3. a real Prometheus (Debian's) scrapes the agent and answers queries over what it scraped
#   4. every query of the Grafana dashboard (docs/grafana-dashboard.json) runs there and finds data
# Run from the project root; needs ../shared/accept/lib.sh and prometheus (apt-get install -y prometheus).
cd "$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v prometheus >/dev/null && command -v promtool >/dev/null || { echo "missing prometheus (apt-get install -y prometheus)"; exit 2; }

HP=$(free_port); DP=$(free_port); PP=$(free_port)
H=127.0.0.1:$HP
start_agent m1 -dev -node metrics-node -http-port "$HP" -dns-port "$DP"
wait_http "$H" 60 || { fail "agent starts"; summary; exit 1; }
curl -s -X PUT --data '{"Name":"web","Port":80}' "http://$H/v1/agent/service/register" >/dev/null
for _ in 1 2 3; do dig @127.0.0.1 -p "$DP" +short web.service.consul >/dev/null; done
dig @127.0.0.1 -p "$DP" +short nosuch.service.consul >/dev/null

echo "== 1. Consul's JSON"
json=$(curl -s "http://$H/v1/agent/metrics")
check "top-level keys" "Counters,Gauges,Points,Samples,Timestamp" "$(jq -r 'keys | join(",")' <<<"$json")"
check "DNS answers by type and rcode" "3" \
  "$(jq '[.Samples[] | select(.Name == "consul.dns.query" and .Labels.type == "A" and .Labels.rcode == "NOERROR")][0].Count' <<<"$json")"
check "an NXDOMAIN counted apart" "1" \
  "$(jq '[.Samples[] | select(.Name == "consul.dns.query" and .Labels.rcode == "NXDOMAIN")][0].Count' <<<"$json")"
check "HTTP requests by route and status" "1" \
  "$(jq '[.Samples[] | select(.Name == "consul.http.request" and .Labels.route == "/v1/agent/service/register" and .Labels.status == "200")][0].Count' <<<"$json")"
check "writes through the store" "true" "$(jq '[.Samples[] | select(.Name == "consul.store.write" and .Labels.outcome == "done")][0].Count >= 1' <<<"$json")"
check "JVM memory" "true" "$(jq '[.Gauges[] | select(.Name == "jvm.memory.used")] | length > 0' <<<"$json")"

echo "== 2. Prometheus text format"
curl -s "http://$H/v1/agent/metrics?format=prometheus" >"$WORK/metrics.txt"
if promtool check metrics <"$WORK/metrics.txt" >"$WORK/promtool.txt" 2>&1; then pass "promtool check metrics accepts it"
else fail "promtool check metrics accepts it" "$(head -3 "$WORK/promtool.txt")"; fi

echo "== 3. a real Prometheus scrapes it"
cat >"$WORK/prometheus.yml" <<EOF
global: {scrape_interval: 1s}
scrape_configs:
  - job_name: consulate
    metrics_path: /v1/agent/metrics
    params: {format: [prometheus]}
    static_configs: [{targets: ["$H"]}]
EOF
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" --web.listen-address="127.0.0.1:$PP" \
  >"$WORK/prometheus.log" 2>&1 & PIDS+=($!)
query() { curl -s "http://127.0.0.1:$PP/api/v1/query" --data-urlencode "query=$1" | jq -r '.data.result[0].value[1] // empty'; }
check_eventually 30 "Prometheus sees the target up" "1" query 'up{job="consulate"}'
check_eventually 30 "and queries the DNS answers it scraped" "3" query 'consul_dns_query_seconds_count{type="A",rcode="NOERROR"}'

echo "== 4. the Grafana dashboard's queries"
jcmd "$PID_m1" GC.run >/dev/null 2>&1 # so the GC panel has a pause to show
# A probe for the checks panels, on the service (a failing node check would take web out of DNS).
curl -s -X PUT --data "{\"Name\":\"self\",\"ServiceID\":\"web\",\"HTTP\":\"http://$H/v1/status/leader\",\"Interval\":\"1s\"}" \
  "http://$H/v1/agent/check/register" >/dev/null
for _ in $(seq 1 20); do dig @127.0.0.1 -p "$DP" +short web.service.consul >/dev/null; sleep 0.2; done
found() { # found EXPR: how many series the dashboard's query returns over the last scrapes
  curl -s "http://127.0.0.1:$PP/api/v1/query" --data-urlencode "query=${1//\$instance/.*}" | jq -r '.data.result | length'
}
jq -r '.panels[].targets[].expr' docs/grafana-dashboard.json >"$WORK/exprs"
empty=()
while read -r expr; do
  n=0
  for _ in $(seq 1 30); do n=$(found "$expr"); [ "${n:-0}" -gt 0 ] && break; sleep 1; done
  [ "${n:-0}" -gt 0 ] || empty+=("$expr")
done <"$WORK/exprs"
check "all $(wc -l <"$WORK/exprs") queries return data" "" "${empty[*]}"

summary
