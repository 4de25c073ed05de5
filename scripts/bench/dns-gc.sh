#!/usr/bin/env bash
# The UDP tail of one Consulate agent under a JVM setting: how the garbage collector shows in the p99.
# Usage: scripts/bench/dns-gc.sh RATE "JVM OPTIONS" [RUNS]
#   e.g. scripts/bench/dns-gc.sh 70000 "-XX:+UseG1GC" 3
# Per run: a fresh in-memory agent (1,000 services x 3 instances, one DNS worker as in dns.sh -workers 1, the
# options given through CONSULATE_JAVA_OPTS), 20 s of full load to warm it, then 15 s at RATE queries/s with
# per-query latencies; prints avg, p99, p99.9 and max, and the collector's pauses logged during those 15 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 2 ] || { echo "usage: $0 RATE \"JVM OPTIONS\" [RUNS]" >&2; exit 2; }
rate=$1; opts=$2; runs=${3:-1}
command -v dnsperf >/dev/null || { apt-get update -qq && apt-get install -y -qq dnsperf >/dev/null; }
work=$(mktemp -d)
agent=""
trap '[ -n "$agent" ] && kill "$agent" 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
scripts/bench/dns-data.py 1000 3 "$work" >/dev/null
echo "==> $opts at $rate qps, $runs run(s); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
  http=$(free_port); dns=$(free_port)
  CONSULATE_JAVA_OPTS="$opts -XX:ActiveProcessorCount=1 -Xlog:gc:file=$work/gc.log" ./scripts/consulate agent -dev \
    -node bench -http-port "$http" -dns-port "$dns" -config-dir "$work/conf" >"$work/agent.log" 2>&1 &
  agent=$!
  for _ in $(seq 1 300); do
    n=$(curl -sf "http://127.0.0.1:$http/v1/catalog/services" 2>/dev/null | grep -o '"svc' | wc -l || true)
    [ "${n:-0}" -ge 1000 ] && break
    sleep 0.2
  done
  dnsperf -s 127.0.0.1 -p "$dns" -d "$work/queries" -l 20 -c 4 -T 1 -q 200 >/dev/null
  logged=$(wc -l <"$work/gc.log")
  dnsperf -s 127.0.0.1 -p "$dns" -d "$work/queries" -l 15 -c 4 -T 1 -q 200 -Q "$rate" -v >"$work/half"
  pauses=$(tail -n +$((logged + 1)) "$work/gc.log" | grep -o 'Pause[^)]*) [^ ]* [0-9.]*ms' | awk '{print $NF}' \
    | paste -sd, - || true)
  awk '$1 == ">" && $NF ~ /^[0-9.]+$/ {print $NF}' "$work/half" | sort -g | awk -v run="$run" -v p="${pauses:-none}" '
    { v[NR] = $1; sum += $1 }
    END { printf "run %d: avg %d us  p99 %d us  p99.9 %d us  max %d us  pauses during the run: %s\n", run,
          sum / NR * 1e6, v[int(NR * 0.99)] * 1e6, v[int(NR * 0.999)] * 1e6, v[NR] * 1e6, p }'
  kill "$agent"; wait "$agent" 2>/dev/null || true; agent=""
done
