#!/usr/bin/env bash
# Client-agent scale benchmark: 3 servers and CLIENTS client agents (one JVM each) on loopback
# (scripts/cluster.sh; node N binds 127.0.0.(10+N), HTTP 127.0.0.1:8500+N, DNS 127.0.0.1:8600+N):
#  1. registrations/s through a follower with wrk (scripts/bench/register.lua), 16 and 64 in flight, on 3
#     servers alone, then again with the clients linked (fresh cluster each time)
#     (the clients' own CPU competes with the servers here: again with the bystander clients at nice 19)
#  2. registration through client A -> visible over DNS on client B: median and p99 over N registrations
#  3. RSS and heap (after a full GC) of an idle client (default and lean JVM), right after start and after
#     steps 1-2, and the servers' CPU time while the clients idle
#  4. on 3 fresh servers with 10,000 instances: time from starting a new client to its DNS answering for all
# Every JVM shares the machine's cores: on this 2-core box the clients' mirrors compete with the servers.
# Usage: scripts/bench/clients.sh [clients=30] [n=1000] [seconds=10]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
clients=${1:-30}; n=${2:-1000}; secs=${3:-10}
late_pid=""
trap 'scripts/cluster.sh stop >/dev/null; [ -n "$late_pid" ] && kill "$late_pid" 2>/dev/null; rm -rf "$CLUSTER_DIR"' EXIT
echo "date $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $clients clients"
# A follower: a server whose default read is not served as "leader" (X-Consul-Effective-Consistency).
follower() {
  for p in 8501 8502 8503; do
    role=$(curl -s -D - -o /dev/null "http://127.0.0.1:$p/v1/catalog/services" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-consul-effective-consistency"{print $2}')
    [ "$role" != leader ] && { echo "$p"; return; }
  done
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
fresh() { scripts/cluster.sh stop >/dev/null; rm -rf "${CLUSTER_DIR:?}"/*; scripts/cluster.sh start 3 "$1" >/dev/null; }

echo "== 1a. registrations/s through a follower, 3 servers, no clients"
fresh 0
f=$(follower)
registrations "$f" 16
registrations "$f" 64
echo "== 1b. the same with $clients clients linked"
t0=$(date +%s)
fresh "$clients"
echo "($((3 + clients)) agents started and registered in $(( $(date +%s) - t0 )) s)"
rss() { ps -o rss= -p "$1" | awk '{printf "%.0f MiB", $1 / 1024}'; }
# Heap in use after a full GC: the "used" of G1's heap line, or of the serial collector's two generations.
heap() {
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | awk '/total/ && /used/ && !/Metaspace|class space/ {
    for (f = 1; f <= NF; f++) if ($f == "used") { v = $(f + 1); sub(/K,?$/, "", v); kb += v } }
    END { printf "%.0fK", kb }'
}
idle=$((3 + clients)); idle_pid=$(cat "$CLUSTER_DIR/n$idle.pid")
# The same idle client with a JVM sized for a small agent (serial GC, 64 MiB heap, small young generation).
lean="-XX:+UseSerialGC -Xmn8m -Xmx64m -Xss512k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=64m -Dio.netty.allocator.numDirectArenas=1 -Dio.netty.allocator.numHeapArenas=1"
lean_n=$((5 + clients))
MALLOC_ARENA_MAX=2 CONSULATE_JAVA_OPTS="$lean" scripts/consulate agent -node "n$lean_n" -bind "127.0.0.$((10 + lean_n))" \
  -client 127.0.0.1 -data-dir "$CLUSTER_DIR/n$lean_n" -http-port $((8500 + lean_n)) -dns-port $((8600 + lean_n)) \
  -retry-join 127.0.0.11 >"$CLUSTER_DIR/n$lean_n.log" 2>&1 &
lean_pid=$!
until dig @127.0.0.1 -p $((8600 + lean_n)) +short "n$lean_n.node.consul" | grep -q .; do sleep 0.2; done
for _ in $(seq 1 200); do dig @127.0.0.1 -p $((8600 + lean_n)) +short "n4.node.consul" >/dev/null; done
sleep 5
echo "idle client n$idle (default JVM), catalog of $((4 + clients)) nodes: RSS $(rss "$idle_pid"), heap used after full GC $(heap "$idle_pid")"
echo "idle client n$lean_n (MALLOC_ARENA_MAX=2 CONSULATE_JAVA_OPTS=\"$lean\"): RSS $(rss "$lean_pid")"
f=$(follower)
warm=60 registrations "$f" 16 # 60 s of warm-up: 33 JVMs compile the write path on 2 cores
registrations "$f" 64
# Clients run on hosts of their own in a real datacenter; here all share 2 cores. Lowering the priority of the
# bystanders (every client but n4 and n5, which step 2 uses) gives the servers the cores first, as separate
# hosts would, while every client stays linked and applies every write.
nice_bystanders() {
  for i in $(seq 6 $((3 + clients))) "$lean_n"; do
    pid=$( [ "$i" = "$lean_n" ] && echo "$lean_pid" || cat "$CLUSTER_DIR/n$i.pid")
    for t in /proc/"$pid"/task/*; do renice -n "$1" -p "${t##*/}" >/dev/null 2>&1 || true; done
  done
}
echo "== 1c. the same, the $((clients - 1)) bystander clients at nice 19"
nice_bystanders 19
registrations "$f" 16
registrations "$f" 64

echo "== 2a. propagation (bystanders at nice 19): $n registrations through client n4 (:8504), polled over DNS on client n5 (:8605)"
bench propagation "$n" 8504 8605
nice_bystanders 0
echo "== 2b. the same, every client at normal priority"
bench propagation "$n" 8504 8605

echo "== 3. the idle clients again, with the catalog of steps 1-2 ($(curl -s "http://127.0.0.1:$f/v1/catalog/services" | jq length) services)"
echo "client n$idle (default JVM): RSS $(rss "$idle_pid"), heap used after full GC $(heap "$idle_pid")"
echo "client n$lean_n (lean JVM): RSS $(rss "$lean_pid"), heap used after full GC $(heap "$lean_pid")"
kill "$lean_pid"
declare -A before
for i in 1 2 3; do before[$i]=$(cpu_ticks "$(cat "$CLUSTER_DIR/n$i.pid")"); done
sleep 10
for i in 1 2 3; do
  ticks=$(( $(cpu_ticks "$(cat "$CLUSTER_DIR/n$i.pid")") - before[$i] ))
  echo "server n$i: CPU $(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.1f%%", 100 * t / hz / 10}') of one core over 10 s idle"
done

echo "== 4. a new client joins a catalog of 10,000 instances (3 fresh servers)"
fresh 0
f=$(follower)
bench fill 10000 "$f"
want=$(curl -s "http://127.0.0.1:$f/v1/catalog/services" | jq length)
late=$((4 + clients))
t0=$(date +%s%N)
scripts/consulate agent -node "n$late" -bind "127.0.0.$((10 + late))" -client 127.0.0.1 -data-dir "$CLUSTER_DIR/n$late" \
  -http-port $((8500 + late)) -dns-port $((8600 + late)) -retry-join 127.0.0.11 >"$CLUSTER_DIR/n$late.log" 2>&1 &
late_pid=$!
until [ "$(dig @127.0.0.1 -p $((8600 + late)) +short +tcp fill99.service.consul SRV 2>/dev/null | wc -l)" = 100 ] &&
      [ "$(curl -s "http://127.0.0.1:$((8500 + late))/v1/catalog/services" | jq length 2>/dev/null)" = "$want" ]; do
  sleep 0.05
done
echo "new client: started, linked and answering DNS for all $want services (fill99: 100 SRV records) in" \
  "$(( ($(date +%s%N) - t0) / 1000000 )) ms (JVM start included)"
