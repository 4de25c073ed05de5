#!/usr/bin/env bash
# Acceptance: the seed's deployment procedure, run as written on loopback addresses:
#   1. three servers start with -server -bootstrap-expect 2 and no join; their HTTP and DNS answer at once
#   2. `consulate join` on server03 forms the cluster
#   3. the servers restart with -rejoin and find each other from their data dirs
#   4. a client starts with -config-dir holding the seed's consul.json service file
#   5. the client runs `consulate join` to server01
#   6. `consulate template -consul ADDR` (the seed's consul-template spelling) renders its nginx upstream from the client
# The servers bind 127.0.0.11-13 and the client 127.0.0.21 with Consul's default cluster ports (8300/8301, and
# the client link 8303); HTTP and DNS are on 127.0.0.1 ports of their own. Run from the project root;
# needs ../shared/accept/lib.sh.
cd "$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

declare -A HP DP
for n in server01 server02 server03 client01; do HP[$n]=$(free_port); DP[$n]=$(free_port); done
ip_of() { case $1 in server0*) echo "127.0.0.1${1#server0}" ;; client01) echo 127.0.0.21 ;; esac; }
h() { echo "127.0.0.1:${HP[$1]}"; }
server() { # server NAME EXTRA...
  local n=$1; shift
  start_agent "$n" -server -bootstrap-expect 2 -data-dir "$WORK/$n" -bind "$(ip_of "$n")" -node "$n" \
    -client 127.0.0.1 -http-port "${HP[$n]}" -dns-port "${DP[$n]}" "$@"
}
leader_of() { curl -s "http://$(h "$1")/v1/status/leader"; }
alive_servers() { curl -s "http://$(h "$1")/v1/agent/members" | jq '[.[] | select(.Status==1 and .Tags.role=="consul")] | length'; }
peers_of() { curl -s "http://$(h "$1")/v1/status/peers" | jq length; }
nodes_of() { curl -s "http://$(h "$1")/v1/catalog/nodes" | jq length; }
srv_ports() { dig @127.0.0.1 -p "${DP[$1]}" +short "$2" SRV | awk '{print $3}' | sort -u | xargs; }
alive_everywhere() { for n in server01 server02 server03; do alive_servers $n; done | xargs; }
# leaders_known: how many distinct leaders the servers name, when all three name one
leaders_known() {
  local all; all=$(for n in server01 server02 server03; do leader_of $n; echo; done | sort -u)
  if grep -q '^""$' <<<"$all"; then echo "a server without a leader"; else wc -l <<<"$all" | tr -d ' '; fi
}
wait_listening() { for _ in $(seq 1 300); do [ "$(http_code "http://$1/v1/status/leader")" = 200 ] && return 0; sleep 0.1; done; return 1; }

echo "== 1. three servers, -bootstrap-expect 2, no join"
for n in server01 server02 server03; do server "$n"; done
for n in server01 server02 server03; do
  wait_listening "$(h $n)" || { fail "$n's HTTP API opens before any join"; tail -20 "$WORK/$n.log"; summary; exit 1; }
done
pass "each server's HTTP API answers before the cluster exists"
check "no leader yet: /v1/status/leader is empty" '""' "$(leader_of server01)"
check "a write without a leader: 500" 500 "$(http_code -X PUT --data x "http://$(h server01)/v1/kv/seed")"
check "its message is Consul's" "No cluster leader" "$(curl -s -X PUT --data x "http://$(h server01)/v1/kv/seed")"
check "DNS answers meanwhile (SOA for the domain)" NOERROR "$(dns_status "${DP[server01]}" consul. SOA)"

echo "== 2. consulate join on server03"
OUT=$($CONSULATE join -http-addr "$(h server03)" 127.0.0.11 127.0.0.12 2>&1)
check "consulate join 127.0.0.11 127.0.0.12" "Successfully joined cluster by contacting 2 nodes." "$OUT"
check "the join returned with both listed as alive members" "server01 server02" \
  "$(curl -s "http://$(h server03)/v1/agent/members" | jq -r '.[] | select(.Status==1 and .Name!="server03") | .Name' | sort | xargs)"
check_eventually 10 "3 alive servers on every server" "3 3 3" alive_everywhere
check_eventually 30 "one leader, the same on every server" 1 leaders_known
check_eventually 30 "status/peers lists the 3 servers" 3 peers_of server02
check_eventually 20 "a write is accepted" true curl -s -X PUT --data before-restart "http://$(h server01)/v1/kv/seed/key"
check_eventually 20 "the catalog has the 3 servers" 3 nodes_of server01

echo "== 3. restart with -rejoin"
for n in server01 server02 server03; do kill "$(eval echo "\$PID_$n")"; done
sleep 2
for n in server01 server02 server03; do server "$n" -rejoin; done
for n in server01 server02 server03; do wait_listening "$(h $n)" || fail "$n restarts"; done
check_eventually 30 "they find each other again: 3 alive servers" 3 alive_servers server02
check_eventually 30 "and elect a leader" 1 leaders_known
check_eventually 20 "state written before the restart is there" before-restart curl -s "http://$(h server03)/v1/kv/seed/key?raw"

echo "== 4. a client with the seed's service file"
mkdir -p "$WORK/conf"
echo '{"service": {"name": "test", "port": 9999, "check": {"tcp": "127.0.0.1:9999", "interval": "10s"}}}' >"$WORK/conf/consul.json"
python3 -m http.server 9999 --bind 127.0.0.1 >/dev/null 2>&1 &
PIDS+=($!)
start_agent client01 -data-dir "$WORK/client01" -node client01 -bind 127.0.0.21 -config-dir "$WORK/conf" \
  -client 127.0.0.1 -http-port "${HP[client01]}" -dns-port "${DP[client01]}"
wait_listening "$(h client01)" || fail "client01 starts"

echo "== 5. consulate join on the client"
OUT=$($CONSULATE join -http-addr "$(h client01)" 127.0.0.11 2>&1)
check "consulate join 127.0.0.11" "Successfully joined cluster by contacting 1 nodes." "$OUT"
check "members on the client: 3 servers and 1 client" "client01:client server01:server server02:server server03:server" \
  "$($CONSULATE members -http-addr "$(h client01)" | awk 'NR>1 && $3=="alive" {print $1":"$4}' | sort | xargs)"
check_eventually 30 "the service file's instance is in DNS on the client, passing" 9999 \
  srv_ports client01 test.service.consul
check_eventually 10 "and on a server" "127.0.0.21" dns_list "${DP[server02]}" test.service.consul A

echo "== 6. consulate template from the client"
echo 'upstream test-cluster { ip_hash; {{range service "test"}} server {{.Address}}:{{.Port}};{{end}} }' >"$WORK/in.ctmpl"
$CONSULATE template -consul "$(h client01)" -template "$WORK/in.ctmpl:$WORK/upstream.conf" -once >"$WORK/template.log" 2>&1
check "the seed's upstream, rendered from the client" "upstream test-cluster { ip_hash;  server 127.0.0.21:9999; }" \
  "$(cat "$WORK/upstream.conf" 2>/dev/null)"

summary
