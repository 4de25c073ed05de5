#!/usr/bin/env bash
# What ACLs cost on the read paths: the same agent and load with ACLs off, then on (default deny; DNS and the HTTP
# reads made with a token whose policy reads every service and node, so both runs answer the same).
# Usage: scripts/bench/acl.sh [seconds=15] [services=100]
# One in-memory agent with SERVICES x 3 instances per run; dnsperf A questions over every service (4 clients, 500
# outstanding), then wrk -t1 -c32 on /v1/health/service/svc7?passing and /v1/catalog/services, each after a warm-up.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}; services=${2:-100}
command -v dnsperf >/dev/null || { echo "==> installing dnsperf"; apt-get install -y -qq dnsperf >/dev/null; }
command -v wrk >/dev/null || { echo "==> installing wrk"; apt-get install -y -qq wrk >/dev/null; }
ROOT=c0ffee00-0000-4000-8000-0000000000ee
READ=c0ffee00-0000-4000-8000-0000000000ff
work=$(mktemp -d); agent=""
trap '[ -n "$agent" ] && kill $agent 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/conf"
{
  echo '{"services": ['
  for s in $(seq 1 "$services"); do
    for i in 1 2 3; do
      sep=","; [ "$s" = "$services" ] && [ "$i" = 3 ] && sep=""
      echo "{\"name\": \"svc$s\", \"id\": \"svc$s-$i\", \"port\": $((20000 + i)), \"address\": \"10.$((s / 250)).$((s % 250)).$i\"}$sep"
    done
  done
  echo ']}'
} >"$work/conf/services.json"
for s in $(seq 1 "$services"); do echo "svc$s.service.consul A"; done >"$work/queries"
./scripts/consulate --version >/dev/null

run() { # run off|on : one agent, DNS then HTTP; prints "dns_qps health_rps services_rps"
  local mode=$1 http=$((30000 + RANDOM % 10000)) dns conf=() hdr=()
  dns=$((http + 1))
  if [ "$mode" = on ]; then
    printf 'acl {\n enabled = true\n default_policy = "deny"\n tokens {\n  initial_management = "%s"\n  agent = "%s"\n  dns = "%s"\n }\n}\n' \
      "$ROOT" "$ROOT" "$READ" >"$work/acl.hcl"
    conf=(-config-file "$work/acl.hcl"); hdr=(-H "X-Consul-Token: $READ")
  fi
  ./scripts/consulate agent -dev -node bench -http-port "$http" -dns-port "$dns" -config-dir "$work/conf" "${conf[@]}" \
    >"$work/agent-$mode.log" 2>&1 &
  agent=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$http/v1/status/leader" >/dev/null && break; sleep 0.2; done
  if [ "$mode" = on ]; then
    until curl -sf -H "X-Consul-Token: $ROOT" "http://127.0.0.1:$http/v1/acl/token/self" >/dev/null; do sleep 0.2; done
    curl -sf -H "X-Consul-Token: $ROOT" -X PUT --data \
      '{"Name":"read-all","Rules":"service_prefix \"\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }"}' \
      "http://127.0.0.1:$http/v1/acl/policy" >/dev/null
    curl -sf -H "X-Consul-Token: $ROOT" -X PUT --data "{\"SecretID\":\"$READ\",\"Policies\":[{\"Name\":\"read-all\"}]}" \
      "http://127.0.0.1:$http/v1/acl/token" >/dev/null
  fi
  until [ "$(curl -s "${hdr[@]}" "http://127.0.0.1:$http/v1/catalog/services" | grep -o '"svc' | wc -l)" = "$services" ]; do sleep 0.2; done
  dnsperf -s 127.0.0.1 -p "$dns" -d "$work/queries" -l 5 -c 4 -q 500 >/dev/null
  local q h c
  q=$(dnsperf -s 127.0.0.1 -p "$dns" -d "$work/queries" -l "$seconds" -c 4 -q 500 | awk '/Queries per second/{printf "%d", $4}')
  wrk -t1 -c32 -d3s "${hdr[@]}" "http://127.0.0.1:$http/v1/health/service/svc7?passing" >/dev/null
  h=$(wrk -t1 -c32 -d"${seconds}s" "${hdr[@]}" "http://127.0.0.1:$http/v1/health/service/svc7?passing" | awk '/Requests\/sec/{printf "%d", $2}')
  c=$(wrk -t1 -c32 -d"${seconds}s" "${hdr[@]}" "http://127.0.0.1:$http/v1/catalog/services" | awk '/Requests\/sec/{printf "%d", $2}')
  kill "$agent"; wait "$agent" 2>/dev/null || true; agent=""
  echo "$q $h $c"
}

echo "==> $services services x 3 instances, ${seconds} s per measurement; load $(cut -d' ' -f1-3 /proc/loadavg)"
read -r q0 h0 c0 <<<"$(run off)"
read -r q1 h1 c1 <<<"$(run on)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b / a }'; }
printf '%-40s %12s %12s %8s\n' "read" "ACLs off" "ACLs on" "on/off"
printf '%-40s %12s %12s %8s\n' "DNS A queries/s (dnsperf)" "$q0" "$q1" "$(ratio "$q0" "$q1")"
printf '%-40s %12s %12s %8s\n' "GET /v1/health/service/svc7?passing /s" "$h0" "$h1" "$(ratio "$h0" "$h1")"
printf '%-40s %12s %12s %8s\n' "GET /v1/catalog/services /s" "$c0" "$c1" "$(ratio "$c0" "$c1")"
