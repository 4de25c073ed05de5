#!/usr/bin/env bash
# A local 3-node Consulate cluster on loopback, for trying clustering on one machine.
# Usage: scripts/cluster.sh start|stop|status
#   start   starts n1..n3 (data in ./data/cluster/nN, logs in ./data/cluster/nN.log) and waits for a leader
#   stop    stops them gracefully (SIGTERM)
#   status  prints each node's ports and pid, and the members as n1 sees them
# Ports: HTTP ${HTTP_BASE:-8500}+N, DNS ${DNS_BASE:-8600}+N, cluster (serf LAN) ${SERF_BASE:-8310}+N;
# JGroups' failure detector also binds serf port + 100.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${CLUSTER_DIR:-$root/data/cluster}"
http_base=${HTTP_BASE:-8500}; dns_base=${DNS_BASE:-8600}; serf_base=${SERF_BASE:-8310}

ports() { echo "n$1: http 127.0.0.1:$((http_base + $1))  dns 127.0.0.1:$((dns_base + $1))  serf 127.0.0.1:$((serf_base + $1))"; }

start() {
  mkdir -p "$dir"
  "$root/scripts/consulate" --version >/dev/null # builds the jar once, not three times at the same moment
  local join=()
  for n in 1 2 3; do join+=(-retry-join "127.0.0.1:$((serf_base + n))"); done
  for n in 1 2 3; do
    # Another agent on these ports would answer our health checks: refuse instead of measuring it.
    if ss -ltn | grep -qE ":($((http_base + n))|$((serf_base + n))) "; then
      echo "port $((http_base + n)) or $((serf_base + n)) is in use (another cluster running? scripts/cluster.sh stop)" >&2; exit 1
    fi
  done
  for n in 1 2 3; do
    if [ -f "$dir/n$n.pid" ] && kill -0 "$(cat "$dir/n$n.pid")" 2>/dev/null; then echo "n$n already running"; continue; fi
    "$root/scripts/consulate" agent -node "n$n" -server -bootstrap-expect 3 -bind 127.0.0.1 -client 127.0.0.1 \
      -data-dir "$dir/n$n" -http-port $((http_base + n)) -dns-port $((dns_base + n)) \
      -serf-lan-port $((serf_base + n)) "${join[@]}" >"$dir/n$n.log" 2>&1 &
    echo $! >"$dir/n$n.pid"
  done
  for n in 1 2 3; do
    for _ in $(seq 1 600); do
      leader=$(curl -s "http://127.0.0.1:$((http_base + n))/v1/status/leader" || true)
      [ -n "$leader" ] && [ "$leader" != '""' ] && break
      sleep 0.1
    done
    [ -n "$leader" ] && [ "$leader" != '""' ] || { echo "n$n did not find a leader; see $dir/n$n.log" >&2; exit 1; }
    kill -0 "$(cat "$dir/n$n.pid")" 2>/dev/null || { echo "n$n exited; see $dir/n$n.log" >&2; exit 1; }
  done
  status
}

stop() {
  for n in 1 2 3; do
    [ -f "$dir/n$n.pid" ] || continue
    kill "$(cat "$dir/n$n.pid")" 2>/dev/null && echo "stopped n$n" || true
    rm -f "$dir/n$n.pid"
  done
}

status() {
  for n in 1 2 3; do
    pid=$(cat "$dir/n$n.pid" 2>/dev/null || echo -)
    echo "$(ports "$n")  pid $pid"
  done
  "$root/scripts/consulate" members -http-addr "127.0.0.1:$((http_base + 1))" || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
