#!/usr/bin/env bash
# One agent holding many instances: heap after a full GC, the cost of a single change (a registration's round
# trip, which includes the snapshot update), and DNS SRV qps on the same catalog.
# Usage: scripts/bench/scale.sh [services=1000] [instances-per-service=100] [seconds=10]
set -euo pipefail
cd "$(dirname "$0")/../.."
services=${1:-1000}; per=${2:-100}; seconds=${3:-10}
work=$(mktemp -d); trap 'kill $agent 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/conf"
python3 - "$services" "$per" >"$work/conf/services.json" <<'PY'
import json, sys
services, per = int(sys.argv[1]), int(sys.argv[2])
out = [{"name": f"svc{s}", "id": f"svc{s}-{i}", "port": 20000 + i, "address": f"10.{s // 250}.{s % 250}.{i % 250}",
        "tags": [f"t{i % 3}"]} for s in range(services) for i in range(per)]
json.dump({"services": out}, sys.stdout)
PY
for s in $(seq 0 $((services - 1))); do echo "svc$s.service.consul SRV"; done >"$work/queries"
http=$((30000 + RANDOM % 10000)); dns=$((http + 1))
t0=$SECONDS
./scripts/consulate agent -dev -node scale -http-port "$http" -dns-port "$dns" -config-dir "$work/conf" >"$work/agent.log" 2>&1 &
agent=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$http/v1/status/leader" >/dev/null && break; sleep 0.5; done
echo "==> $((services * per)) instances registered from one config file; agent up after $((SECONDS - t0)) s"
jcmd "$agent" GC.run >/dev/null
echo "heap after full GC: $(jcmd "$agent" GC.heap_info | awk '/garbage-first heap|def new generation|PSYoungGen/{print; exit}' | sed 's/.*used \([0-9]*K\).*/\1/')"
for i in $(seq 1 20); do
  curl -s -o /dev/null -w '%{time_total}\n' -X PUT --data "{\"ID\":\"extra-$i\",\"Name\":\"svc1\",\"Port\":1}" \
    "http://127.0.0.1:$http/v1/agent/service/register"
done | sort -n | awk '{a[NR]=$1} END {printf "single registration round trip (snapshot update included), 20 runs: median %.1f ms, max %.1f ms\n", a[int(NR/2)+1]*1000, a[NR]*1000}'
command -v dnsperf >/dev/null && dnsperf -s 127.0.0.1 -p "$dns" -d "$work/queries" -l "$seconds" -c 4 -T 1 -q 200 | \
  grep -E "Queries per second|Average Latency"
