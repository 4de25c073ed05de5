#!/usr/bin/env bash
# HTTP API throughput with wrk: health reads, catalog reads, registrations; on one agent, or with -cluster
# through n1 of a fresh local 3-node cluster (scripts/cluster.sh, ports 8501-8503).
# Usage: scripts/bench/http.sh [-cluster] [seconds=15] [connections=32] [threads=2]
set -euo pipefail
cd "$(dirname "$0")/../.."
cluster=""; if [ "${1:-}" = "-cluster" ]; then cluster=1; shift; fi
seconds=${1:-15}; conns=${2:-32}; threads=${3:-2}
command -v wrk >/dev/null || { echo "==> installing wrk"; apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d); agent=""
cleanup() {
  if [ -n "$agent" ]; then kill "$agent" 2>/dev/null || true; fi
  if [ -n "$cluster" ]; then CLUSTER_DIR="$work/cluster" scripts/cluster.sh stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/conf"
{
  echo '{"services": ['
  for s in $(seq 1 100); do
    for i in 1 2 3; do
      sep=","; [ "$s" = 100 ] && [ "$i" = 3 ] && sep=""
      echo "{\"name\": \"svc$s\", \"id\": \"svc$s-$i\", \"port\": $((20000 + i)), \"address\": \"10.0.$s.$i\"}$sep"
    done
  done
  echo ']}'
} >"$work/conf/services.json"
if [ -n "$cluster" ]; then
  CLUSTER_DIR="$work/cluster" scripts/cluster.sh start >/dev/null
  http=8501
  # the same 300 instances, registered through n1's API so they are replicated like any write
  jq -c '.services[] | {ID: .id, Name: .name, Port: .port, Address: .address}' "$work/conf/services.json" |
    while read -r svc; do curl -sf -X PUT --data "$svc" "http://127.0.0.1:$http/v1/agent/service/register"; done
  where="3-node cluster, through n1"
else
  http=$((30000 + RANDOM % 10000)); dns=$((http + 1))
  ./scripts/consulate agent -dev -node bench -http-port "$http" -dns-port "$dns" -config-dir "$work/conf" >"$work/agent.log" 2>&1 &
  agent=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$http/v1/status/leader" >/dev/null && break; sleep 0.2; done
  where="one agent"
fi
base="http://127.0.0.1:$http"
run() {
  local name=$1; shift
  wrk -t"$threads" -c"$conns" -d3s "$@" >/dev/null 2>&1   # warm-up
  local out; out=$(wrk -t"$threads" -c"$conns" -d"${seconds}s" --latency "$@")
  printf '%-44s %10s req/s  avg %8s  p99 %8s\n' "$name" \
    "$(awk '/Requests\/sec/{print $2}' <<<"$out")" "$(awk '/Latency/ && !/Distribution/{print $2; exit}' <<<"$out")" \
    "$(awk '$1=="99%"{print $2}' <<<"$out")"
}
echo "==> $where: wrk -t$threads -c$conns -d${seconds}s, 100 services x 3 instances"
run "GET /v1/health/service/svc7?passing" "$base/v1/health/service/svc7?passing"
run "GET /v1/catalog/services" "$base/v1/catalog/services"
run "PUT /v1/agent/service/register" -s scripts/bench/register.lua "$base"
