#!/usr/bin/env bash
# Consulate against Knot DNS on the same queries, same machine, same dnsperf settings.
# Usage: scripts/bench/dns.sh [-tcp] [-services N] [-instances N] [-seconds N]
#   defaults: UDP, 1,000 services x 3 instances, 15 s per run.
# For each server: a 5 s warm-up, a run at full load (QPS, average latency), then a run at half that QPS with
# per-query latencies (dnsperf -v) for the average and p99 at half load. dnsperf: -c 4 -T 1 -q 200 (one
# thread, so on a 2-core box the server gets the other core); identical for both servers.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=udp; services=1000; instances=3; seconds=15
while [ $# -gt 0 ]; do
  case "$1" in
    -tcp) mode=tcp ;;
    -services) services=$2; shift ;;
    -instances) instances=$2; shift ;;
    -seconds) seconds=$2; shift ;;
    *) echo "usage: $0 [-tcp] [-services N] [-instances N] [-seconds N]" >&2; exit 2 ;;
  esac
  shift
done
client=(-m "$mode" -c 4 -T 1 -q 200)

need=()
command -v dnsperf >/dev/null || need+=(dnsperf)
command -v knotd >/dev/null || need+=(knot)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> installing ${need[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null
fi

work=$(mktemp -d)
agent=""; knot=""
cleanup() {
  [ -n "$agent" ] && kill "$agent" 2>/dev/null && wait "$agent" 2>/dev/null
  [ -n "$knot" ] && kill "$knot" 2>/dev/null && wait "$knot" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "==> generating $services services x $instances instances, the queries and the Knot zone"
scripts/bench/dns-data.py "$services" "$instances" "$work"

# Knot gets the agent's own records too, so both answer the same names.
http=$(free_port); dns=$(free_port)
./scripts/consulate agent -dev -node bench -http-port "$http" -dns-port "$dns" -config-dir "$work/conf" \
  >"$work/agent.log" 2>&1 &
agent=$!
for _ in $(seq 1 600); do
  n=$(curl -sf "http://127.0.0.1:$http/v1/catalog/services" 2>/dev/null | grep -o '"svc' | wc -l || true)
  [ "${n:-0}" -ge "$services" ] && break
  sleep 0.2
done
[ "${n:-0}" -ge "$services" ] || { echo "agent did not load the catalog" >&2; tail "$work/agent.log" >&2; exit 1; }

kport=$(free_port)
mkdir -p "$work/knot"
cat >"$work/knot/knot.conf" <<EOF
server:
    listen: 127.0.0.1@$kport
    rundir: "$work/knot"
database:
    storage: "$work/knot"
log:
  - target: stderr
    any: warning
zone:
  - domain: consul
    file: "$work/consul.zone"
    storage: "$work/knot"
EOF

# $1 label, $2 port -> prints "qps avg_ms" for full load, then "avg_ms p99_ms" at half load.
measure() {
  local label=$1 port=$2
  dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries" -l 5 "${client[@]}" >/dev/null
  dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries" -l "$seconds" "${client[@]}" >"$work/$label.full"
  local qps avg lost
  qps=$(awk '/Queries per second/ {print int($4)}' "$work/$label.full")
  avg=$(awk '/Average Latency/ && !done {printf "%.3f", $4 * 1000; done = 1}' "$work/$label.full")
  lost=$(awk '/Queries lost/ {print $3}' "$work/$label.full")
  dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries" -l "$seconds" "${client[@]}" -Q $((qps / 2)) -v \
    >"$work/$label.half"
  # -v lines: "> NOERROR name type latency_seconds"
  awk '$1 == ">" {print $NF}' "$work/$label.half" | sort -g | awk '
    { v[NR] = $1; sum += $1 }
    END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.3f %.3f\n", sum / NR * 1000, v[i] * 1000 }' >"$work/$label.halfstats"
  read -r havg hp99 <"$work/$label.halfstats"
  printf '%-10s %10s qps  avg %7s ms  lost %-6s | at %6s qps: avg %7s ms  p99 %7s ms\n' \
    "$label" "$qps" "$avg" "$lost" $((qps / 2)) "$havg" "$hp99"
  echo "$qps" >"$work/$label.qps"
}

echo "==> $mode, dnsperf ${client[*]}, ${seconds}s runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure consulate "$dns"
kill "$agent"; wait "$agent" 2>/dev/null || true; agent=""

knotd -c "$work/knot/knot.conf" 2>"$work/knot.log" &
knot=$!
for _ in $(seq 1 100); do
  dig +short +time=1 +tries=1 -p "$kport" @127.0.0.1 consul. SOA >/dev/null 2>&1 && break
  sleep 0.1
done
measure knot "$kport"
echo "==> response codes: consulate $(grep 'Response codes' "$work/consulate.full" | cut -d: -f2) | knot $(grep 'Response codes' "$work/knot.full" | cut -d: -f2)"
echo "consulate/knot qps ratio: $(awk -v a="$(cat "$work/consulate.qps")" -v b="$(cat "$work/knot.qps")" 'BEGIN {printf "%.2f", a / b}')"
