#!/usr/bin/env bash
# Acceptance: gossip encryption (-encrypt, a key from `consulate keygen`), as separate processes on loopback
# addresses (Consul's default cluster ports; HTTP and DNS on 127.0.0.1 ports of their own):
#   - two servers and a client agent holding the same key form a cluster; a registration made on the client
#     reaches both servers; a KV write and read for dc2 (a server of its own, over the WAN) go through;
#   - tcpdump -A on lo, over the cluster's addresses only (LAN, Raft, WAN and the client's link), never shows the
#     registration's distinctive name or meta value, nor the value written to dc2; the same run without a key shows
#     them (the control: the capture does see them when they are in clear text); a server with a key cannot join
#     that cluster without one;
#   - a server with another key, and one with none, are refused at join, in one line on each side, and so is a dc2
#     server with another key at the WAN pool; a client with another key cannot link, and the server says why;
#   - the key is in no log and not in /v1/agent/self; a bad key stops the agent with Consul's line.
# Run from the project root as root (tcpdump); needs ../shared/accept/lib.sh.
cd "$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v tcpdump >/dev/null || { echo "missing tool: tcpdump (apt-get install -y tcpdump)"; exit 2; }

KEY=$($CONSULATE keygen)
OTHER_KEY=$($CONSULATE keygen)
NAME=zq-sealed-ledger
MARK=KX7-PLAINTEXT-CANARY
WAN_MARK=QW9-WAN-CANARY
declare -A HP DP
for n in p1 p2 pc pw e1 e2 ec ew x0 x1 x2 xc xw; do HP[$n]=$(free_port); DP[$n]=$(free_port); done
h() { echo "127.0.0.1:${HP[$1]}"; }
agent() { # agent NAME IP EXTRA...
  local n=$1 ip=$2; shift 2
  start_agent "$n" -node "$n" -data-dir "$WORK/$n" -bind "$ip" -client 127.0.0.1 -http-port "${HP[$n]}" \
    -dns-port "${DP[$n]}" "$@"
}
on_all() { # on_all S1 S2 C : how many of the three list the service
  local k=0
  for n in "$@"; do [ "$(curl -s "http://$(h "$n")/v1/catalog/service/$NAME" | jq length)" = 1 ] && k=$((k + 1)); done
  echo "$k"
}

# run MODE S1 S2 C W NET KEYFLAGS... : a cluster on 127.0.0.NET+1..3 and dc2's server W on NET+4, a registration on
# the client and a KV value written to dc2 through S1, all of their cluster traffic captured meanwhile; leaves the
# capture in $WORK/MODE.pcap.txt
run() {
  local mode=$1 s1=$2 s2=$3 c=$4 w=$5 net=$6; shift 6
  local a1=127.0.0.$((net + 1)) a2=127.0.0.$((net + 2)) ac=127.0.0.$((net + 3)) aw=127.0.0.$((net + 4))
  tcpdump -i lo -A -nn -s 0 -U "host $a1 or host $a2 or host $ac or host $aw" >"$WORK/$mode.pcap.txt" \
    2>"$WORK/$mode.tcpdump.log" &
  local dump=$!
  sleep 1
  agent "$s1" "$a1" -server -bootstrap-expect 2 -retry-join "$a2" "$@"
  agent "$s2" "$a2" -server -bootstrap-expect 2 -retry-join "$a1" "$@"
  agent "$c" "$ac" -retry-join "$a1" -retry-join "$a2" "$@"
  agent "$w" "$aw" -datacenter dc2 -server -bootstrap-expect 1 -retry-join-wan "$a1" "$@"
  for n in "$s1" "$s2" "$c" "$w"; do wait_http "$(h "$n")" 90 || fail "$mode: $n starts with a leader"; done
  check_eventually 30 "$mode: the client is a member of the servers' cluster" alive \
    bash -c "curl -s http://$(h "$s1")/v1/agent/members | jq -r '.[] | select(.Name==\"$c\" and .Status==1) | \"alive\"'"
  check "$mode: register on the client" 200 "$(http_code -X PUT --data "{\"ID\":\"$NAME-1\",\"Name\":\"$NAME\",\
\"Address\":\"10.9.0.7\",\"Port\":7070,\"Meta\":{\"marker\":\"$MARK\"}}" "http://$(h "$c")/v1/agent/service/register")"
  check_eventually 20 "$mode: the registration is on both servers and the client" 3 on_all "$s1" "$s2" "$c"
  check "$mode: its meta arrived intact" "$MARK" \
    "$(curl -s "http://$(h "$s2")/v1/catalog/service/$NAME" | jq -r '.[0].ServiceMeta.marker')"
  check_eventually 30 "$mode: dc1 knows dc2 over the WAN" '["dc1","dc2"]' \
    bash -c "curl -s http://$(h "$s1")/v1/catalog/datacenters | jq -c ."
  # dc2 is listed as soon as its record arrives; its server is reachable once the pool has seen it alive.
  check_eventually 20 "$mode: a KV write for dc2 through $s1" true \
    curl -s -X PUT --data "$WAN_MARK" "http://$(h "$s1")/v1/kv/sealed/wan?dc=dc2"
  check "$mode: read back through $s1" "$WAN_MARK" "$(curl -s "http://$(h "$s1")/v1/kv/sealed/wan?dc=dc2&raw")"
  sleep 2 # the Raft commits and the client's stream after the reads
  kill "$dump"; wait "$dump" 2>/dev/null
  echo "       ($(grep -c ' IP ' "$WORK/$mode.pcap.txt") packets captured: $(tail -1 "$WORK/$mode.tcpdump.log" 2>/dev/null))"
}
seen() { grep -c -e "$NAME" -e "$MARK" "$WORK/$1.pcap.txt"; }
seen_wan() { grep -c -e "$WAN_MARK" "$WORK/$1.pcap.txt"; }

echo "== the control: no key, the registration is in clear text on the wire"
run plain p1 p2 pc pw 100
[ "$(seen plain)" -gt 0 ] && pass "plain: the capture shows the name or the marker ($(seen plain) lines)" \
  || fail "plain: the capture shows the name or the marker" "not found: the check below could not fail"
[ "$(seen_wan plain)" -gt 0 ] && pass "plain: the capture shows the value written to dc2 ($(seen_wan plain) lines)" \
  || fail "plain: the capture shows the value written to dc2" "not found: the check below could not fail"
OUT=$(timeout 60 $CONSULATE agent -server -node x0 -data-dir "$WORK/x0" -bind 127.0.0.121 -client 127.0.0.1 \
  -http-port "${HP[x0]}" -dns-port "${DP[x0]}" -retry-join 127.0.0.101 -encrypt "$KEY" 2>&1)
check "a server with a key cannot join this cluster without one: it stops in one line" \
  "==> Error starting agent: cannot join the cluster at 127.0.0.101: refused (wrong or missing encrypt key)" \
  "$(echo "$OUT" | tail -1)"
for n in p1 p2 pc pw; do kill "$(eval echo "\$PID_$n")"; done

echo "== with -encrypt: never in clear text"
run sealed e1 e2 ec ew 110 -encrypt "$KEY"
check "sealed: neither the name nor the marker is in the capture" 0 "$(seen sealed)"
check "sealed: nor the value written to dc2" 0 "$(seen_wan sealed)"

echo "== a server with another key, and one without a key, are refused at join"
OUT=$(timeout 60 $CONSULATE agent -server -node x1 -data-dir "$WORK/x1" -bind 127.0.0.117 -client 127.0.0.1 \
  -http-port "${HP[x1]}" -dns-port "${DP[x1]}" -retry-join 127.0.0.111 -retry-join 127.0.0.112 -encrypt "$OTHER_KEY" 2>&1)
check "another key: the joiner stops in one line" \
  "==> Error starting agent: cannot join the cluster at 127.0.0.111, 127.0.0.112: refused (wrong or missing encrypt key)" \
  "$(echo "$OUT" | tail -1)"
# The LAN's coordinator, e1 or e2, answers the join. The joiners name both servers: a coordinator that only heard
# of a joiner from the other server knows neither its name nor its address, so it could not answer at first.
check "another key: the joiner's log names the server that refused" 1 "$(echo "$OUT" |
  grep -c -E "cannot join the cluster at e[12] \(127.0.0.11[12]:8301\): refused \(wrong or missing encrypt key\)")"
check_eventually 5 "another key: the server logs the refusal" 1 bash -c \
  "cat $WORK/e1.log $WORK/e2.log | grep -c 'refused a join from x1 (127.0.0.117:8301): wrong or missing encrypt key'"
OUT=$(timeout 60 $CONSULATE agent -server -node x2 -data-dir "$WORK/x2" -bind 127.0.0.118 -client 127.0.0.1 \
  -http-port "${HP[x2]}" -dns-port "${DP[x2]}" -retry-join 127.0.0.111 -retry-join 127.0.0.112 2>&1)
check "no key: the joiner stops in one line" \
  "==> Error starting agent: cannot join the cluster at 127.0.0.111, 127.0.0.112: refused (wrong or missing encrypt key)" \
  "$(echo "$OUT" | tail -1)"
check_eventually 5 "no key: the server logs the refusal" 1 bash -c \
  "cat $WORK/e1.log $WORK/e2.log | grep -c 'refused a join from x2 (127.0.0.118:8301): wrong or missing encrypt key'"

echo "== a dc2 server with another key cannot join the WAN pool"
agent xw 127.0.0.120 -datacenter dc2 -server -bootstrap-expect 1 -retry-join-wan 127.0.0.111 -retry-join-wan 127.0.0.112 \
  -retry-join-wan 127.0.0.114 -encrypt "$OTHER_KEY"
check_eventually 30 "it says so in one line" 1 \
  grep -c "cannot join the WAN pool on 127.0.0.120:8302: wrong or missing encrypt key; other datacenters are out of reach" \
  "$WORK/xw.log"
check_eventually 5 "a server of the pool logs the refusal" 1 \
  bash -c "cat $WORK/e1.log $WORK/e2.log $WORK/ew.log | grep -c 'refused a join from xw.dc2 (127.0.0.120:8302): wrong or missing encrypt key'"

echo "== a client with another key cannot link"
agent xc 127.0.0.119 -retry-join 127.0.0.111 -encrypt "$OTHER_KEY"
check_eventually 20 "the client logs the refusal" 1 \
  grep -c "cannot link to server 127.0.0.111:8301: refused (wrong or missing encrypt key)" "$WORK/xc.log"
check_eventually 5 "the server logs it" 1 \
  grep -c "refused a client link on 127.0.0.111:8303: wrong or missing encrypt key" "$WORK/e1.log"
check "the refused client has not got the registration" 0 \
  "$(curl -s "http://$(h xc)/v1/catalog/service/$NAME" | jq length)"
check "the cluster still has its three members" "e1 e2 ec" \
  "$(curl -s "http://$(h e1)/v1/agent/members" | jq -r '.[] | select(.Status==1) | .Name' | sort | xargs)"

echo "== the key stays secret; a bad key stops the agent"
check "the key is in no log" 0 "$(cat "$WORK"/*.log | grep -c -F -e "$KEY" -e "$OTHER_KEY")"
check "the key is not in /v1/agent/self" 0 "$(curl -s "http://$(h e1)/v1/agent/self" | grep -c -F "$KEY")"
check "a key of the wrong length" "==> encrypt has invalid key: key size must be 16, 24 or 32 bytes, not 8" \
  "$($CONSULATE agent -dev -node x3 -http-port 0 -dns-port 0 -encrypt AAAAAAAAAAA= 2>&1 | tail -1)"
check "a key that is not base64" "==> encrypt has invalid key: illegal base64 data" \
  "$($CONSULATE agent -dev -node x3 -http-port 0 -dns-port 0 -encrypt 'not a key!' 2>&1 | tail -1)"

summary
