#!/usr/bin/env bash
# SRV queries/s on one agent, measured with dnsperf.
# Usage: scripts/bench/dns-srv.sh [services=100] [instances=3] [seconds=20] [clients=4]
# Generates a config dir with SERVICES x INSTANCES instances, starts an in-memory agent on loopback,
# then runs dnsperf with SRV questions spread over every service.
set -euo pipefail
cd "$(dirname "$0")/../.."
services=${1:-100}; instances=${2:-3}; seconds=${3:-20}; clients=${4:-4}
command -v dnsperf >/dev/null || { echo "==> installing dnsperf"; apt-get install -y -qq dnsperf >/dev/null; }

work=$(mktemp -d); trap 'kill $agent 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/conf"
{
  echo '{"services": ['
  for s in $(seq 1 "$services"); do
    for i in $(seq 1 "$instances"); do
      sep=","; [ "$s" = "$services" ] && [ "$i" = "$instances" ] && sep=""
      echo "{\"name\": \"svc$s\", \"id\": \"svc$s-$i\", \"port\": $((20000 + i)), \"address\": \"10.$((s / 250)).$((s % 250)).$i\", \"tags\": [\"t$i\"]}$sep"
    done
  done
  echo ']}'
} >"$work/conf/services.json"
for s in $(seq 1 "$services"); do echo "svc$s.service.consul SRV"; done >"$work/queries"

http=$((30000 + RANDOM % 10000)); dns=$((http + 1))
./scripts/consulate agent -dev -node bench -http-port "$http" -dns-port "$dns" -config-dir "$work/conf" >"$work/agent.log" 2>&1 &
agent=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$http/v1/status/leader" >/dev/null && break; sleep 0.2; done
echo "==> agent up: $services services x $instances instances; warming up 5 s"
dnsperf -s 127.0.0.1 -p "$dns" -d "$work/queries" -l 5 -c "$clients" -q 500 >/dev/null
echo "==> dnsperf -l $seconds -c $clients -q 500 (SRV)"
dnsperf -s 127.0.0.1 -p "$dns" -d "$work/queries" -l "$seconds" -c "$clients" -q 500 | \
  grep -E "Queries sent|Queries completed|Queries lost|Response codes|Average packet size|Queries per second|Average Latency|Latency StdDev"
