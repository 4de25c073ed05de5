#!/usr/bin/env bash
# 1,000 concurrent blocking queries on one node: time from a write to all of them answering.
# Usage: scripts/bench/watch.sh [watchers=1000] [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
watchers=${1:-1000}; rounds=${2:-5}
work=$(mktemp -d); trap 'kill $agent 2>/dev/null; rm -rf "$work"' EXIT
http=$((30000 + RANDOM % 10000)); dns=$((http + 1))
./scripts/consulate agent -dev -node bench -http-port "$http" -dns-port "$dns" >"$work/agent.log" 2>&1 &
agent=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$http/v1/status/leader" >/dev/null && break; sleep 0.2; done
ulimit -n 65536 2>/dev/null || true
java ${BENCH_OPTS:-} -cp target/consulate.jar scripts/bench/WatchBench.java "$http" "$watchers" "$rounds"
