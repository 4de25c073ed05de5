#!/usr/bin/env bash
# Cluster benchmarks on a fresh local 3-server cluster (scripts/cluster.sh, ports 8501-8503 / 8601-8603), beside
# a lone agent with a data dir (port 8504) measured in the same run:
#  1. registration through follower A -> visible over DNS on follower B: median and p99 over N registrations
#  2. registrations/s through follower A with wrk (PUT /v1/agent/service/register, fresh ids), 16 and 64 in flight
#  3. KV CAS increments/s from 9 clients (3 per server), read-then-?cas=, and how many acknowledged ones were lost
#  4. heap in use per node (after a full GC) with everything registered
#  5. the registrations/s of step 2 through a lone agent with a data dir, for the ratio
# Usage: scripts/bench/cluster.sh [n=1000] [seconds=10] [cas_seconds=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
n=${1:-1000}; secs=${2:-10}; cas_secs=${3:-20}
lone_pid=""
trap 'scripts/cluster.sh stop >/dev/null; [ -n "$lone_pid" ] && kill "$lone_pid" 2>/dev/null; rm -rf "$CLUSTER_DIR"' EXIT
echo "date $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
scripts/cluster.sh start >/dev/null

# The leader is the one server whose default read is served as "leader" (X-Consul-Effective-Consistency).
followers=()
for p in 8501 8502 8503; do
  role=$(curl -s -D - -o /dev/null "http://127.0.0.1:$p/v1/catalog/services" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-consul-effective-consistency"{print $2}')
  if [ "$role" = leader ]; then echo "leader: 127.0.0.1:$p"; else followers+=("$p"); fi
done
a=${followers[0]}; b=${followers[1]}; b_dns=$((b + 100))
echo "== 1. propagation: $n registrations through follower :$a, polled over DNS on follower :$b_dns"
bench propagation "$n" "$a" "$b_dns"
echo "== 2. registrations/s through follower :$a of 3 servers"
registrations "$a" 16
registrations "$a" 64
echo "== 3. KV CAS increments from 9 clients, 3 per server"
bench cas "$cas_secs" 3 8501,8502,8503
echo "== 4. heap per node"
for i in 1 2 3; do
  pid=$(cat "$CLUSTER_DIR/n$i.pid")
  jcmd "$pid" GC.run >/dev/null
  used=$(jcmd "$pid" GC.heap_info | awk '/garbage-first heap/ {for (f = 1; f <= NF; f++) if ($f == "used") print $(f + 1)}')
  echo "n$i: heap used after full GC $used, RSS $(ps -o rss= -p "$pid" | awk '{printf "%.0fM", $1 / 1024}')"
done
scripts/cluster.sh stop >/dev/null
echo "== 5. registrations/s through a lone agent with a data dir (:8504), same run"
scripts/consulate agent -node lone -bind 127.0.0.1 -client 127.0.0.1 -data-dir "$CLUSTER_DIR/lone" \
  -http-port 8504 -dns-port 8604 >"$CLUSTER_DIR/lone.log" 2>&1 &
lone_pid=$!
for _ in $(seq 1 300); do curl -sf http://127.0.0.1:8504/v1/status/leader >/dev/null && break; sleep 0.1; done
registrations 8504 16
registrations 8504 64
