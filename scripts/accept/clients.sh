#!/usr/bin/env bash
# Acceptance: 3 servers and 2 client agents as separate processes on loopback addresses (servers
# 127.0.0.11-13, clients 127.0.0.21-22, Consul's default cluster ports; HTTP and DNS on 127.0.0.1 ports of
# their own):
#   - a registration on one client is in DNS on the other;
#   - a client killed with kill -9 leaves DNS on the servers within 10 s;
#   - with the leader killed, the clients keep answering DNS, and their writes succeed once a new leader exists;
#   - a client restarted with -rejoin (no join flag) is back;
#   - a client that hangs (SIGSTOP: no heartbeats, connection open) is critical within 10 s, passing after;
#   - force-leave removes a failed client, and a live one refutes it.
# Run from the project root; needs ../shared/accept/lib.sh.
cd "$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVERS=(s1 s2 s3)
declare -A IP=([s1]=127.0.0.11 [s2]=127.0.0.12 [s3]=127.0.0.13 [c1]=127.0.0.21 [c2]=127.0.0.22)
declare -A HP DP
for n in s1 s2 s3 c1 c2; do HP[$n]=$(free_port); DP[$n]=$(free_port); done
h() { echo "127.0.0.1:${HP[$1]}"; }
agent() { # agent NAME EXTRA...
  local n=$1; shift
  start_agent "$n" -node "$n" -data-dir "$WORK/$n" -bind "${IP[$n]}" -client 127.0.0.1 -http-port "${HP[$n]}" \
    -dns-port "${DP[$n]}" "$@"
}
pid_of() { eval echo "\$PID_$1"; }
reg() { http_code -X PUT --data "$2" "http://$(h "$1")/v1/agent/service/register"; }
member_status() { curl -s "http://$(h "$1")/v1/agent/members" | jq -r ".[] | select(.Name==\"$2\") | .Status"; }
leader_name() { # the server whose address /v1/status/leader names, as NODE sees it
  local addr; addr=$(curl -s "http://$(h "$1")/v1/status/leader" | tr -d '"'); addr=${addr%:*}
  for n in "${SERVERS[@]}"; do [ "${IP[$n]}" = "$addr" ] && echo "$n"; done
}
serf_of() { curl -s "http://$(h "$1")/v1/health/node/$2" | jq -r '.[] | select(.CheckID=="serfHealth") | .Status'; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

echo "== 3 servers, 2 clients"
for n in "${SERVERS[@]}"; do agent "$n" -server -bootstrap-expect 3 -retry-join 127.0.0.11 -retry-join 127.0.0.12 -retry-join 127.0.0.13; done
for n in c1 c2; do agent "$n" -retry-join 127.0.0.11 -retry-join 127.0.0.12; done
for n in s1 s2 s3 c1 c2; do wait_http "$(h $n)" 90 || { fail "$n starts with a leader"; tail -20 "$WORK/$n.log"; summary; exit 1; }; done
check_eventually 30 "members on c1: 3 servers, 2 clients, all alive" "c1:client c2:client s1:server s2:server s3:server" \
  bash -c "curl -s http://$(h c1)/v1/agent/members | jq -r '.[] | select(.Status==1) | .Name + \":\" + (if .Tags.role==\"consul\" then \"server\" else \"client\" end)' | sort | xargs"
check "agent/self on c2 says client" false "$(curl -s "http://$(h c2)/v1/agent/self" | jq .Config.Server)"
check_eventually 20 "the catalog has all 5 nodes" 5 bash -c "curl -s http://$(h s1)/v1/catalog/nodes | jq length"

echo "== a registration on c1 is in DNS on c2"
check "register web on c1" 200 "$(reg c1 '{"ID":"web-1","Name":"web","Address":"127.0.0.51","Port":8080}')"
T0=$(date +%s%N)
check_eventually 5 "c2's DNS answers it" 127.0.0.51 dns_list "${DP[c2]}" web.service.consul A
echo "       (after $(ms_since "$T0") ms)"
check "c1 reads its own write at once" 1 "$(curl -s "http://$(h c1)/v1/catalog/service/web" | jq length)"
check "KV put on c2" true "$(curl -s -X PUT --data blue "http://$(h c2)/v1/kv/app/color")"
check "?consistent read on c1" blue "$(curl -s "http://$(h c1)/v1/kv/app/color?consistent&raw")"

echo "== kill -9 c1"
kill -9 "$(pid_of c1)"
T0=$(date +%s%N)
for n in "${SERVERS[@]}"; do check_eventually 10 "c1's service leaves DNS on $n within 10 s" "" dns_list "${DP[$n]}" web.service.consul A; done
echo "       (all three after $(ms_since "$T0") ms)"
check "c1 is a failed member" 4 "$(member_status s2 c1)"
check "its serfHealth is critical" critical \
  "$(curl -s "http://$(h s3)/v1/health/node/c1" | jq -r '.[] | select(.CheckID=="serfHealth") | .Status')"

echo "== kill -9 the leader"
LEADER=$(leader_name c2)
[ -n "$LEADER" ] && pass "c2 knows the leader: $LEADER" || fail "c2 knows the leader"
kill -9 "$(pid_of "$LEADER")"
T0=$(date +%s%N)
for _ in 1 2 3 4 5; do
  [ "$(dns_status "${DP[c2]}" c2.node.consul A)" = NOERROR ] || break
  sleep 0.2
done
check "c2 answers DNS throughout" NOERROR "$(dns_status "${DP[c2]}" c2.node.consul A)"
check_eventually 30 "a write on c2 succeeds once a new leader exists" 200 \
  http_code -X PUT --data '{"ID":"api-2","Name":"api","Address":"127.0.0.52","Port":9090}' "http://$(h c2)/v1/agent/service/register"
echo "       (after $(ms_since "$T0") ms)"
check_eventually 10 "and is in DNS on c2" 127.0.0.52 dns_list "${DP[c2]}" api.service.consul A
NEW=$(leader_name c2)
[ -n "$NEW" ] && [ "$NEW" != "$LEADER" ] && pass "c2 names the new leader: $NEW" || fail "c2 names a new leader" "got [$NEW]"

echo "== c1 restarted with -rejoin"
agent c1 -rejoin
wait_http "$(h c1)" 60 || fail "c1 restarts and knows a leader"
check_eventually 20 "c1 is alive again" 1 member_status "$NEW" c1
check_eventually 20 "its service is back in DNS on c2" 127.0.0.51 dns_list "${DP[c2]}" web.service.consul A
check_eventually 10 "c1's mirror has what was written while it was down" 127.0.0.52 dns_list "${DP[c1]}" api.service.consul A

echo "== c2 hangs (SIGSTOP)"
kill -STOP "$(pid_of c2)"
T0=$(date +%s%N)
check_eventually 10 "c2's serfHealth is critical within 10 s" critical serf_of "$NEW" c2
echo "       (after $(ms_since "$T0") ms)"
kill -CONT "$(pid_of c2)"
check_eventually 20 "c2 resumes: passing again" passing serf_of "$NEW" c2

echo "== force-leave"
check "force-leave of a live client: 200" 200 "$(http_code -X PUT "http://$(h "$NEW")/v1/agent/force-leave/c2")"
check_eventually 10 "and it refutes it: alive" 1 member_status "$NEW" c2
kill -9 "$(pid_of c1)"
check_eventually 10 "c1 killed: failed" 4 member_status "$NEW" c1
check "force-leave of the failed c1: 200" 200 "$(http_code -X PUT "http://$(h c2)/v1/agent/force-leave/c1")"
check_eventually 10 "c1 is left" 3 member_status "$NEW" c1
check_eventually 10 "and out of the catalog" "" bash -c "curl -s http://$(h "$NEW")/v1/catalog/nodes | jq -r '.[] | select(.Node==\"c1\") | .Node'"

summary
