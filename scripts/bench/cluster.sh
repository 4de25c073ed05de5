#!/usr/bin/env bash
# Cluster benchmarks on a fresh local 3-node cluster (scripts/cluster.sh, ports 8501-8503 / 8601-8603):
#  1. registration on n1 -> visible over DNS on n3: median and p99 over N registrations (default 1,000)
#  2. registrations/s through n1 with 3 members (TOTAL registrations, CONC in flight)
#  3. heap in use per node (after a full GC) with INSTANCES registered instances in the catalog
# Usage: scripts/bench/cluster.sh [n=1000] [instances=10000] [conc=16]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000}; instances=${2:-10000}; conc=${3:-16}
export CLUSTER_DIR; CLUSTER_DIR=$(mktemp -d -t consulate-bench.XXXXXX)
trap 'scripts/cluster.sh stop >/dev/null; rm -rf "$CLUSTER_DIR"' EXIT
scripts/cluster.sh start >/dev/null
bench() { java -cp target/consulate.jar scripts/bench/ClusterBench.java "$@"; }

echo "== 1. propagation: $n registrations on n1, polled over DNS on n3"
bench propagation "$n" 8501 8603
echo "== 2. throughput through n1 with 3 members"
bench throughput "$instances" "$conc" 8501
echo "== 3. heap per node with $(curl -s http://127.0.0.1:8501/v1/catalog/services | jq '[.[]] | length') services, $((n + instances)) instances"
for i in 1 2 3; do
  pid=$(cat "$CLUSTER_DIR/n$i.pid")
  jcmd "$pid" GC.run >/dev/null
  used=$(jcmd "$pid" GC.heap_info | awk '/garbage-first heap/ {for (f = 1; f <= NF; f++) if ($f == "used") print $(f + 1)}')
  echo "n$i: heap used after full GC $used, RSS $(ps -o rss= -p "$pid" | awk '{printf "%.0fM", $1 / 1024}')"
done
