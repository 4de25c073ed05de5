#!/usr/bin/env bash
# Acceptance: two datacenters as separate processes on loopback addresses: dc1 with 3 servers (127.0.0.81-83, one
# of them given -retry-join-wan), dc2 with 1 server (127.0.0.91) and 1 client agent (127.0.0.92); Consul's default
# cluster ports, HTTP and DNS on 127.0.0.1 ports of their own. Checks:
#   - the WAN pool lists the 4 servers as node.dc on every server (dc1's other servers joined by flooding);
#   - ?dc=dc2 reads and writes from dc1, a dc2 client's ?dc=dc1 reads through its server, catalog/datacenters;
#   - dig @dc1 web.service.dc2.consul (SRV, A, RFC 2782, node and addr forms);
#   - a blocking query on dc1 for dc2 data wakes on a dc2 change;
#   - consulate template renders service "web@dc2", services "@dc2" and datacenters;
#   - prepared query failover: with dc1's instances critical, the query answers from dc2 (HTTP and DNS), also when
#     dc2 asks for dc1's query by DNS (<query>.query.dc1.consul);
#   - with dc2's server killed, dc1 serves its own data and answers dc2 requests with a clear error within 2 s.
# Run from the project root; needs ../shared/accept/lib.sh.
cd "$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

declare -A IP=([s1]=127.0.0.81 [s2]=127.0.0.82 [s3]=127.0.0.83 [t1]=127.0.0.91 [c1]=127.0.0.92)
declare -A HP DP
for n in s1 s2 s3 t1 c1; do HP[$n]=$(free_port); DP[$n]=$(free_port); done
h() { echo "127.0.0.1:${HP[$1]}"; }
agent() { # agent NAME DC EXTRA...
  local n=$1 dc=$2; shift 2
  start_agent "$n" -node "$n" -datacenter "$dc" -data-dir "$WORK/$n" -bind "${IP[$n]}" -client 127.0.0.1 \
    -http-port "${HP[$n]}" -dns-port "${DP[$n]}" "$@"
}
pid_of() { eval echo "\$PID_$1"; }
get() { curl -s "http://$(h "$1")$2"; }
reg() { http_code -X PUT --data "$2" "http://$(h "$1")/v1/agent/service/register"; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
wan_alive() { get "$1" "/v1/agent/members?wan=1" | jq -r '[.[] | select(.Status==1) | .Name] | sort | join(" ")'; }

echo "== dc1: 3 servers; dc2: 1 server and 1 client; s1 joins dc2 over the WAN"
for n in s1 s2 s3; do
  extra=(); [ "$n" = s1 ] && extra=(-retry-join-wan 127.0.0.91)
  agent "$n" dc1 -server -bootstrap-expect 3 -retry-join 127.0.0.81 -retry-join 127.0.0.82 -retry-join 127.0.0.83 "${extra[@]}"
done
agent t1 dc2 -server -bootstrap-expect 1
agent c1 dc2 -retry-join 127.0.0.91
for n in s1 s2 s3 t1 c1; do wait_http "$(h $n)" 90 || { fail "$n starts with a leader"; tail -20 "$WORK/$n.log"; summary; exit 1; }; done
for n in s2 t1; do
  check_eventually 60 "members -wan on $n: the 4 servers, alive" "s1.dc1 s2.dc1 s3.dc1 t1.dc2" wan_alive "$n"
done
check "members -wan on a client: null, as Consul's clients answer" null "$(get c1 "/v1/agent/members?wan=1")"
check "consulate members -wan lists 4" 4 \
  "$(scripts/consulate members -wan -http-addr "$(h s3)" | tail -n +2 | wc -l | tr -d ' ')"
check "catalog/datacenters on dc1" '["dc1","dc2"]' "$(get s1 /v1/catalog/datacenters | jq -c .)"
check_eventually 10 "catalog/datacenters on dc2's client" '["dc2","dc1"]' bash -c "curl -s http://$(h c1)/v1/catalog/datacenters | jq -c ."

echo "== ?dc= reads and writes"
check "PUT kv ?dc=dc2 from s2" true "$(curl -s -X PUT --data green "http://$(h s2)/v1/kv/app/color?dc=dc2")"
check "dc2 has it" green "$(get t1 "/v1/kv/app/color?raw")"
check "dc1 does not" 404 "$(http_code "http://$(h s2)/v1/kv/app/color")"
check "GET ?dc=dc2 from s3" green "$(get s3 "/v1/kv/app/color?dc=dc2&raw")"
index_of() { curl -s -D - -o /dev/null "http://$(h "$1")$2" | tr -d '\r' | sed -n 's/^X-Consul-Index: //Ip'; }
check "dc2's index is a number" yes "$([[ $(index_of t1 /v1/kv/app/color) =~ ^[0-9]+$ ]] && echo yes || echo no)"
check "the answer carries dc2's index" "$(index_of t1 /v1/kv/app/color)" "$(index_of s3 "/v1/kv/app/color?dc=dc2")"
curl -s -X PUT --data blue "http://$(h s1)/v1/kv/app/color" >/dev/null
check "dc2's client reads dc1 through its server" blue "$(get c1 "/v1/kv/app/color?dc=dc1&raw")"
check "consulate kv get -datacenter dc2" green "$(scripts/consulate kv get -http-addr "$(h s1)" -datacenter dc2 app/color)"
check "unknown datacenter: 500 No path to datacenter" "500 No path to datacenter" \
  "$(curl -s -w ' %{http_code}' "http://$(h s1)/v1/catalog/nodes?dc=dc9" | awk '{c=$NF; $NF=""; print c, $0}' | sed 's/ *$//')"

echo "== DNS for dc2 names, asked in dc1"
check "register web on dc2's client" 200 "$(reg c1 '{"ID":"web-1","Name":"web","Tags":["v1"],"Address":"127.0.0.95","Port":8080}')"
check_eventually 10 "dig @s1 web.service.dc2.consul A" 127.0.0.95 dns_list "${DP[s1]}" web.service.dc2.consul A
check "SRV: port and target" "1 1 8080 7f00005f.addr.dc2.consul." "$(dns_list "${DP[s2]}" web.service.dc2.consul SRV)"
check "RFC 2782 with a tag" "1 1 8080 7f00005f.addr.dc2.consul." "$(dns_list "${DP[s3]}" _web._v1.service.dc2.consul SRV)"
check "tag form" 127.0.0.95 "$(dns_list "${DP[s1]}" v1.web.service.dc2.consul A)"
check "node form" 127.0.0.92 "$(dns_list "${DP[s1]}" c1.node.dc2.consul A)"
check "addr form" 127.0.0.95 "$(dns_list "${DP[s1]}" 7f00005f.addr.dc2.consul A)"
check "a dc2 service that does not exist: NXDOMAIN" NXDOMAIN "$(dns_status "${DP[s1]}" nosuch.service.dc2.consul A)"
check "an unknown datacenter: NXDOMAIN" NXDOMAIN "$(dns_status "${DP[s1]}" web.service.dc9.consul A)"
check "dc2's own client asked for dc1's consul service" 3 "$(dns_count "${DP[c1]}" consul.service.dc1.consul A)"

echo "== a blocking query on dc1 for dc2 wakes on a dc2 change"
IDX=$(index_of s1 "/v1/health/service/web?dc=dc2")
curl -s -o "$WORK/blocking.json" -w '%{time_total}' "http://$(h s1)/v1/health/service/web?dc=dc2&index=$IDX&wait=30s" \
  > "$WORK/blocking.time" &
BLOCKING=$!
sleep 1
T0=$(date +%s%N)
reg c1 '{"ID":"web-2","Name":"web","Address":"127.0.0.96","Port":8081}' >/dev/null
wait "$BLOCKING"
echo "       (answered $(ms_since "$T0") ms after the registration in dc2; the query waited $(cat "$WORK/blocking.time") s)"
check "it answered with both instances" 2 "$(jq length "$WORK/blocking.json")"
check "well before its 30 s wait" yes "$(awk '{print ($1 < 10) ? "yes" : "no"}' "$WORK/blocking.time")"
check_eventually 5 "dc1's DNS follows" "127.0.0.95 127.0.0.96" dns_list "${DP[s2]}" web.service.dc2.consul A

echo "== consulate template with dc2 data"
cat > "$WORK/upstreams.tmpl" <<'EOF'
{{range datacenters}}dc {{.}}
{{end}}{{range service "web@dc2"}}server {{.Address}}:{{.Port}}
{{end}}{{range services "@dc2"}}svc {{.Name}}
{{end}}
EOF
scripts/consulate template -consul-addr "$(h s1)" -template "$WORK/upstreams.tmpl:$WORK/upstreams.conf" -once \
  > "$WORK/template.log" 2>&1
check "datacenters" "dc dc1 dc dc2" "$(grep '^dc ' "$WORK/upstreams.conf" | xargs)"
check "service web@dc2" "server 127.0.0.95:8080 server 127.0.0.96:8081" "$(grep '^server' "$WORK/upstreams.conf" | xargs)"
check "services @dc2" "svc consul svc web" "$(grep '^svc' "$WORK/upstreams.conf" | xargs)"

echo "== prepared query failover"
reg s1 '{"ID":"web-1","Name":"web","Address":"127.0.0.85","Port":8080,"Check":{"TTL":"30s","Status":"passing"}}' >/dev/null
QID=$(curl -s -X POST --data '{"Name":"web-q","Service":{"Service":"web","OnlyPassing":true,"Failover":{"Datacenters":["dc2"]}}}' \
  "http://$(h s2)/v1/query" | jq -r .ID)
check "the query is created" 36 "${#QID}"
check "while dc1 has a passing instance, it answers from dc1" "dc1 0 127.0.0.85" \
  "$(get s3 /v1/query/web-q/execute | jq -r '[.Datacenter, .Failovers, (.Nodes | map(.Service.Address) | join(" "))] | join(" ")')"
check "web-q.query.consul from dc1" 127.0.0.85 "$(dns_list "${DP[s3]}" web-q.query.consul A)"
curl -s -X PUT "http://$(h s1)/v1/agent/check/fail/service:web-1" >/dev/null
check_eventually 5 "with dc1's instance critical, it fails over to dc2" "dc2 1 127.0.0.95 127.0.0.96" \
  bash -c "curl -s http://$(h s3)/v1/query/web-q/execute | jq -r '[.Datacenter, .Failovers, (.Nodes | map(.Service.Address) | sort | join(\" \"))] | join(\" \")'"
check "and DNS with it" "127.0.0.95 127.0.0.96" "$(dns_list "${DP[s2]}" web-q.query.consul A)"
check "SRV form" 2 "$(dns_count "${DP[s2]}" _web-q._tcp.query.consul SRV)"
check "dc1's query asked in dc2 (web-q.query.dc1.consul) runs in dc1, failover included" "127.0.0.95 127.0.0.96" \
  "$(dns_list "${DP[c1]}" web-q.query.dc1.consul A)"
check "a query dc1 does not have: NXDOMAIN" NXDOMAIN "$(dns_status "${DP[c1]}" nosuch-q.query.dc1.consul A)"

echo "== dc2's server killed"
kill -9 "$(pid_of t1)"
T0=$(date +%s%N)
BODY=$(curl -s -m 5 "http://$(h s1)/v1/catalog/nodes?dc=dc2")
MS=$(ms_since "$T0")
echo "       (answered after $MS ms: $BODY)"
check "a dc2 request fails within 2 s" yes "$([ "$MS" -lt 2000 ] && echo yes || echo no)"
check "with a clear error" yes "$(echo "$BODY" | grep -qE 'Remote DC has no server currently reachable|rpc error' && echo yes || echo no)"
check_eventually 10 "then at once with Consul's error" "Remote DC has no server currently reachable" get s2 "/v1/catalog/nodes?dc=dc2"
check "dc1 keeps serving its own data" blue "$(get s2 "/v1/kv/app/color?raw")"
check "and its DNS" 3 "$(dns_count "${DP[s3]}" consul.service.consul A)"
check "dc2 names in dc1's DNS: SERVFAIL" SERVFAIL "$(dns_status "${DP[s1]}" nosuch2.service.dc2.consul A)"
check_eventually 10 "t1.dc2 is failed in the WAN pool" 4 bash -c "curl -s http://$(h s1)/v1/agent/members?wan=1 | jq -r '.[] | select(.Name==\"t1.dc2\") | .Status'"

summary
