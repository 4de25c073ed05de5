#!/usr/bin/env bash
# Acceptance: Consul agent flags that init scripts and test harnesses pass, as separate processes on loopback.
#   1. -server -bootstrap elects itself leader alone; -pid-file holds its pid
#   2. a second server with -join follows it; -config-dir naming a file reads that file (the seed's
#      `-config-dir=/tmp/consul.json`), and its service answers in DNS; -node-meta shows in the catalog, in
#      ?node-meta filters and as DNS TXT
#   3. SIGTERM follows Consul's leave_on_terminate defaults: a client leaves the cluster and exits 0, a server
#      exits 1 without leaving; the pid file is gone once the agent exits
#   4. Consul's refusals: -bootstrap without -server, -bootstrap with -bootstrap-expect, -protocol out of range,
#      a -node-id that is no UUID; a Consul flag Consulate does not implement is refused in one line
#   5. -log-json and -log-file with -log-rotate-bytes / -log-rotate-max-files
# Servers bind 127.0.0.31-32 with Consul's default cluster ports; HTTP and DNS on 127.0.0.1 ports of their own.
# Run from the project root; needs ../shared/accept/lib.sh.
cd "$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

declare -A HP DP
for n in b1 b2 c1 l1; do HP[$n]=$(free_port); DP[$n]=$(free_port); done
h() { echo "127.0.0.1:${HP[$1]}"; }

echo "== 1. -server -bootstrap, -pid-file"
start_agent b1 -server -bootstrap -data-dir "$WORK/b1" -bind 127.0.0.31 -node b1 -client 127.0.0.1 \
  -http-port "${HP[b1]}" -dns-port "${DP[b1]}" -pid-file "$WORK/b1.pid"
if wait_http "$(h b1)" 60; then pass "b1 elects itself leader alone"; else fail "b1 elects itself leader alone"; fi
check "the pid file holds the agent's pid" "$PID_b1" "$(cat "$WORK/b1.pid" 2>/dev/null)"
check "and the leader is b1" '"127.0.0.31:8300"' "$(curl -s "http://$(h b1)/v1/status/leader")"

echo "== 2. a second server joins; -config-dir names a file"
cat >"$WORK/consul.json" <<'EOF'
{"service": {"name": "web", "port": 8080, "address": "10.0.0.5"}}
EOF
start_agent b2 -server -data-dir "$WORK/b2" -bind 127.0.0.32 -node b2 -client 127.0.0.1 -join 127.0.0.31 \
  -http-port "${HP[b2]}" -dns-port "${DP[b2]}" -config-dir "$WORK/consul.json" -node-meta rack:r1
if wait_http "$(h b2)" 60; then pass "b2 follows b1"; else fail "b2 follows b1" "$(tail -3 "$WORK/b2.log")"; fi
check_eventually 20 "b2's service from the file answers in DNS on b1" "10.0.0.5" dns_short "${DP[b1]}" web.service.consul
check "b2's -node-meta in the catalog" r1 "$(curl -s "http://$(h b1)/v1/catalog/node/b2" | jq -r .Node.Meta.rack)"
check "?node-meta=rack:r1 lists b2 alone" b2 \
  "$(curl -s "http://$(h b1)/v1/catalog/nodes?node-meta=rack:r1" | jq -r '[.[].Node] | join(",")')"
check "and DNS gives it as TXT (beside consul-network-segment, as Consul)" '"rack=r1"' \
  "$(dns_short "${DP[b1]}" b2.node.consul TXT | grep rack)"

echo "== 3. SIGTERM: a client leaves, a server does not; the pid file goes with the agent"
start_agent c1 -data-dir "$WORK/c1" -bind 127.0.0.33 -node c1 -client 127.0.0.1 -join 127.0.0.32 \
  -http-port "${HP[c1]}" -dns-port "${DP[c1]}"
nodes() { curl -s "http://$(h b1)/v1/catalog/nodes" | jq -r '[.[].Node] | sort | join(",")'; }
check_eventually 30 "client c1 joins through b2" "b1,b2,c1" nodes
kill -TERM "$PID_c1"; wait "$PID_c1"; code=$?
check "c1 leaves gracefully on SIGTERM and exits 0 (leave_on_terminate: true for clients)" 0 "$code"
check_eventually 10 "c1 is gone from the catalog, not failed in it" "b1,b2" nodes
kill -TERM "$PID_b1"; wait "$PID_b1"; code=$?
check "b1, a server, exits 1 on SIGTERM without leaving (leave_on_terminate: false)" 1 "$code"
check "its pid file is removed" "absent" "$([ -e "$WORK/b1.pid" ] && echo present || echo absent)"
check "and b1 is still in the catalog b2 holds" "b1,b2" \
  "$(curl -s "http://$(h b2)/v1/catalog/nodes?stale" | jq -r '[.[].Node] | sort | join(",")')"

echo "== 4. Consul's refusals"
refusal() { timeout 30 $CONSULATE agent -data-dir "$WORK/x" -bind 127.0.0.33 -http-port 0 -dns-port 0 "$@" 2>&1 | tail -1; }
check "-bootstrap without -server" "==> 'bootstrap = true' requires 'server = true'" "$(refusal -bootstrap)"
check "-bootstrap with -bootstrap-expect" \
  "==> 'bootstrap_expect > 0' and 'bootstrap = true' are mutually exclusive" \
  "$(refusal -server -bootstrap -bootstrap-expect 3)"
check "-protocol out of range" "==> Protocol version '4' too high. Must be in range: [2, 3]" "$(refusal -protocol 4)"
check "-node-id that is no UUID" '==> node_id invalid: "n1" is not a UUID' "$(refusal -node-id n1)"
check "an unimplemented Consul flag: one line, not silence" \
  "==> -segment is not supported by Consulate; remove it to start the agent" "$(refusal -segment alpha)"
check "-encrypt with a key of the wrong length: Consul's line" \
  "==> encrypt has invalid key: key size must be 16, 24 or 32 bytes, not 8" "$(refusal -encrypt AAAAAAAAAAA=)"

echo "== 5. -log-json, -log-file and rotation"
start_agent l1 -dev -node l1 -http-port "${HP[l1]}" -dns-port "${DP[l1]}" -log-json -log-file "$WORK/logs/" \
  -log-rotate-bytes 1500 -log-rotate-max-files 2 -node-id 0d6e1b7c-3f5a-4d2b-9a31-2f7c8e1a4b10 -protocol 3 \
  -disable-host-node-id
wait_http "$(h l1)" 60 || fail "l1 starts"
check "-node-id is the node's ID in the catalog" "0d6e1b7c-3f5a-4d2b-9a31-2f7c8e1a4b10" \
  "$(curl -s "http://$(h l1)/v1/catalog/node/l1" | jq -r .Node.ID)"
for _ in $(seq 1 30); do curl -s -X PUT "http://$(h l1)/v1/agent/reload" >/dev/null; done
check "every console line is JSON with Consul's fields" "" \
  "$(jq -cR 'fromjson? // "not json: \(.)" | if type == "object" then (if has("@timestamp") and has("@level") and has("@message") then empty else "missing fields" end) else . end' "$WORK/l1.log" | head -3)"
check "the log file holds the same JSON lines" "info" \
  "$(jq -r '."@level"' "$WORK/logs/consulate-0.log" | sort -u | head -1)"
check "rotated at 1,500 bytes, keeping the current file and 2 archives" \
  "consulate-0.log consulate-1.log consulate-2.log" "$(cd "$WORK/logs" && ls consulate-*.log | xargs)"
check "no file much over the limit" "" "$(find "$WORK/logs" -name 'consulate-*.log' -size +3k)"

summary
