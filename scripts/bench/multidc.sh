#!/usr/bin/env bash
# Two datacenters on loopback, one server each (dc1 127.0.0.61, dc2 127.0.0.71, joined over the WAN), and:
#   1. DNS on dc1's agent: web.service.consul (dc1's own 3 instances) next to web.service.dc2.consul (dc2's 3,
#      fetched once and then kept current by a parked blocking query): queries/s at full load, then avg and p99
#      at a fixed rate (dnsperf -c 4 -T 1 -q 200, like scripts/bench/dns.sh; one DNS event loop);
#   2. a change in dc2 to a dc1 blocking query answering it (?dc=dc2&index=N): RUNS registrations in dc2, the
#      median and the max of the delays, measured by the client that both writes and waits.
# Usage: scripts/bench/multidc.sh [SECONDS=10] [RATE=10000] [RUNS=20]   (from the project root, on an idle machine)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}; rate=${2:-10000}; runs=${3:-20}
command -v dnsperf >/dev/null || { echo "==> installing dnsperf"; apt-get install -y -qq dnsperf >/dev/null; }
scripts/consulate --version >/dev/null # builds the jar first
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null; rm -rf "$work"' EXIT
client=(-m udp -c 4 -T 1 -q 200)

agent() { # agent NODE DC IP HTTP DNS EXTRA...
  local node=$1 dc=$2 ip=$3 http=$4 dns=$5; shift 5
  java -XX:ActiveProcessorCount=1 -jar target/consulate.jar agent -node "$node" -datacenter "$dc" -server \
    -bootstrap-expect 1 -bind "$ip" -client 127.0.0.1 -http-port "$http" -dns-port "$dns" -data-dir "$work/$node" \
    "$@" >"$work/$node.log" 2>&1 &
  pids+=($!)
}
agent a1 dc1 127.0.0.61 18561 18661
agent b1 dc2 127.0.0.71 18571 18671 -retry-join-wan 127.0.0.61
for port in 18561 18571; do
  until [ "$(curl -s "http://127.0.0.1:$port/v1/status/leader")" != '""' ] 2>/dev/null; do sleep 0.2; done
done
until [ "$(curl -s http://127.0.0.1:18561/v1/agent/members?wan=1 | jq '[.[] | select(.Status==1)] | length')" = 2 ]; do
  sleep 0.5
done
for i in 1 2 3; do
  for port in 18561 18571; do
    curl -sf -X PUT --data "{\"ID\":\"web-$i\",\"Name\":\"web\",\"Address\":\"10.0.$((port % 10)).$i\",\"Port\":80}" \
      "http://127.0.0.1:$port/v1/agent/service/register"
  done
done
until [ "$(dig +short @127.0.0.1 -p 18661 web.service.dc2.consul A | wc -l)" = 3 ]; do sleep 0.2; done

echo "==> DNS on dc1's agent (1 DNS event loop), dnsperf ${client[*]}, ${seconds}s runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for name in web.service.consul web.service.dc2.consul; do
  echo "$name A" >"$work/queries"
  dnsperf -s 127.0.0.1 -p 18661 -d "$work/queries" -l 3 "${client[@]}" >/dev/null
  dnsperf -s 127.0.0.1 -p 18661 -d "$work/queries" -l "$seconds" "${client[@]}" >"$work/full"
  dnsperf -s 127.0.0.1 -p 18661 -d "$work/queries" -l "$seconds" "${client[@]}" -Q "$rate" -v >"$work/half"
  read -r avg p99 < <(awk '$1 == ">" {print $NF}' "$work/half" | sort -g | awk '
    { v[NR] = $1; sum += $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%d %d\n", sum / NR * 1e6, v[i] * 1e6 }')
  printf '%-24s full load %6d queries/s (lost %s); at %d/s: avg %4d us, p99 %5d us\n' "$name" \
    "$(awk '/Queries per second/ {print int($4)}' "$work/full")" "$(awk '/Queries lost/ {print $3}' "$work/full")" \
    "$rate" "$avg" "$p99"
done

echo "==> a change in dc2 to a dc1 blocking query (?dc=dc2) answering it, $runs times"
for i in $(seq 1 "$runs"); do
  index=$(curl -s -D - -o /dev/null "http://127.0.0.1:18561/v1/health/service/web?dc=dc2" | tr -d '\r' \
    | sed -n 's/^X-Consul-Index: //Ip')
  curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:18561/v1/health/service/web?dc=dc2&index=$index&wait=30s" \
    >"$work/waited" &
  waiter=$!
  sleep 0.3 # parked at dc2's server
  start=$(date +%s%N)
  curl -sf -X PUT --data "{\"ID\":\"extra-$i\",\"Name\":\"web\",\"Address\":\"10.9.9.$i\",\"Port\":81}" \
    http://127.0.0.1:18571/v1/agent/service/register
  wait "$waiter"
  echo $((($(date +%s%N) - start) / 1000000)) >>"$work/delays"
done
sort -n "$work/delays" | awk '{a[NR] = $1} END {printf "median %d ms, max %d ms (registration sent to the waiting client answered, %d runs)\n", a[int((NR + 1) / 2)], a[NR], NR}'
