#!/usr/bin/env bash
# A local Consulate datacenter on loopback: servers and client agents, as the seed deploys them.
# Usage: scripts/cluster.sh start [SERVERS=3] [CLIENTS=0] | stop | status
#   start   starts n1..nS as servers (-server -bootstrap-expect S) and nS+1.. as clients joined to the
#           servers, waits for a leader and for every client to be a member; data in ./data/cluster/nN,
#           logs in ./data/cluster/nN.log
#   stop    stops them (SIGTERM)
#   status  prints each node's role, ports and pid, and the members as n1 sees them
# Node N binds 127.0.0.(10+N) with Consul's default cluster ports (serf 8301, server RPC 8300, client link
# 8303); its HTTP API is 127.0.0.1:${HTTP_BASE:-8500}+N and its DNS 127.0.0.1:${DNS_BASE:-8600}+N.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${CLUSTER_DIR:-$root/data/cluster}"
http_base=${HTTP_BASE:-8500}; dns_base=${DNS_BASE:-8600}

ip() { echo "127.0.0.$((10 + $1))"; }
nodes() { cat "$dir/nodes" 2>/dev/null || true; }
ports() { echo "n$1 ($2): bind $(ip "$1")  http 127.0.0.1:$((http_base + $1))  dns 127.0.0.1:$((dns_base + $1))"; }

start() {
  local servers=${1:-3} clients=${2:-0} total n role
  total=$((servers + clients))
  mkdir -p "$dir"
  "$root/scripts/consulate" --version >/dev/null # builds the jar once, not once per node at the same moment
  for n in $(seq 1 "$total"); do
    # Another agent on these ports would answer our health checks: refuse instead of measuring it.
    if ss -ltn | grep -qE "($(ip "$n"):8301|127.0.0.1:$((http_base + n))) "; then
      echo "$(ip "$n"):8301 or port $((http_base + n)) is in use (another cluster running? scripts/cluster.sh stop)" >&2; exit 1
    fi
  done
  local join=()
  for n in $(seq 1 "$servers"); do join+=(-retry-join "$(ip "$n")"); done
  : >"$dir/nodes"
  for n in $(seq 1 "$total"); do
    role=client; [ "$n" -le "$servers" ] && role=server
    echo "$n $role" >>"$dir/nodes"
    local flags=()
    [ "$role" = server ] && flags=(-server -bootstrap-expect "$servers")
    "$root/scripts/consulate" agent -node "n$n" "${flags[@]}" -bind "$(ip "$n")" -client 127.0.0.1 \
      -data-dir "$dir/n$n" -http-port $((http_base + n)) -dns-port $((dns_base + n)) "${join[@]}" \
      >"$dir/n$n.log" 2>&1 &
    echo $! >"$dir/n$n.pid"
  done
  for n in $(seq 1 "$total"); do
    for _ in $(seq 1 600); do
      leader=$(curl -s "http://127.0.0.1:$((http_base + n))/v1/status/leader" || true)
      [ -n "$leader" ] && [ "$leader" != '""' ] && break
      sleep 0.1
    done
    [ -n "$leader" ] && [ "$leader" != '""' ] || { echo "n$n did not find a leader; see $dir/n$n.log" >&2; exit 1; }
    kill -0 "$(cat "$dir/n$n.pid")" 2>/dev/null || { echo "n$n exited; see $dir/n$n.log" >&2; exit 1; }
  done
  for _ in $(seq 1 300); do
    [ "$(curl -s "http://127.0.0.1:$((http_base + 1))/v1/catalog/nodes" | jq length)" = "$total" ] && break
    sleep 0.1
  done
  status
}

stop() {
  while read -r n role; do
    [ -f "$dir/n$n.pid" ] || continue
    kill "$(cat "$dir/n$n.pid")" 2>/dev/null && echo "stopped n$n ($role)" || true
    rm -f "$dir/n$n.pid"
  done < <(nodes)
}

status() {
  while read -r n role; do
    echo "$(ports "$n" "$role")  pid $(cat "$dir/n$n.pid" 2>/dev/null || echo -)"
  done < <(nodes)
  "$root/scripts/consulate" members -http-addr "127.0.0.1:$((http_base + 1))" || true
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
