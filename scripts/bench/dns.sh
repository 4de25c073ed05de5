#!/usr/bin/env bash
# Consulate against Knot DNS and NSD on the same queries, same machine, same dnsperf settings.
# Usage: scripts/bench/dns.sh [-tcp] [-workers N] [-services N] [-instances N] [-seconds N]
#   defaults: UDP, 1 worker per server, 1,000 services x 3 instances, 15 s per run.
# One server at a time: Knot, then NSD, then Consulate. For each: a 5 s warm-up, a run at full load (queries/s,
# average latency, and the server's CPU from /proc: utime+stime of its processes over the run, so queries per
# server core = queries/s / cores busy), then a run at half of *Knot's* full-load rate with per-query latencies
# (dnsperf -v) for the average and p99, so all three are compared at the same offered load.
# dnsperf: -c 4 -T 1 -q 200 (one thread, so on a 2-core box the server gets the other core).
# Workers: Knot udp-workers/tcp-workers N, NSD server-count N, Consulate with N DNS event loops (the JVM is told
# it has N processors, -XX:ActiveProcessorCount=N, which is what sizes the agent's DNS verticles).
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=udp; workers=1; services=1000; instances=3; seconds=15
while [ $# -gt 0 ]; do
  case "$1" in
    -tcp) mode=tcp ;;
    -workers) workers=$2; shift ;;
    -services) services=$2; shift ;;
    -instances) instances=$2; shift ;;
    -seconds) seconds=$2; shift ;;
    *) echo "usage: $0 [-tcp] [-workers N] [-services N] [-instances N] [-seconds N]" >&2; exit 2 ;;
  esac
  shift
done
client=(-m "$mode" -c 4 -T 1 -q 200)

need=()
command -v dnsperf >/dev/null || need+=(dnsperf)
command -v knotd >/dev/null || need+=(knot)
command -v nsd >/dev/null || need+=(nsd)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> installing ${need[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null
fi

work=$(mktemp -d)
server=""
stop_server() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
hz=$(getconf CLK_TCK)

# cpu_ticks PID: utime+stime of PID and all its descendants (NSD forks its workers), in clock ticks.
cpu_ticks() {
  local pids=("$1") total=0 i=0 p
  while [ $i -lt ${#pids[@]} ]; do
    for p in $(pgrep -P "${pids[$i]}" || true); do pids+=("$p"); done
    i=$((i + 1))
  done
  for p in "${pids[@]}"; do
    # fields 14 and 15 after the "(comm)" field, which may hold spaces
    total=$((total + $(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}' || echo 0)))
  done
  echo "$total"
}

await_dns() {
  for _ in $(seq 1 100); do
    dig +short +time=1 +tries=1 -p "$1" @127.0.0.1 consul. SOA >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server on port $1 did not answer" >&2; return 1
}

# full LABEL PORT: warm-up, then the full-load run; writes LABEL.qps and prints its line.
full() {
  local label=$1 port=$2 before after start end
  dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries" -l 5 "${client[@]}" >/dev/null
  before=$(cpu_ticks "$server"); start=$(date +%s.%N)
  dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries" -l "$seconds" "${client[@]}" >"$work/$label.full"
  after=$(cpu_ticks "$server"); end=$(date +%s.%N)
  local qps avg lost cores
  qps=$(awk '/Queries per second/ {print int($4)}' "$work/$label.full")
  avg=$(awk '/Average Latency/ && !done {printf "%.3f", $4 * 1000; done = 1}' "$work/$label.full")
  lost=$(awk '/Queries lost/ {print $3}' "$work/$label.full")
  cores=$(awk -v t=$((after - before)) -v hz="$hz" -v s="$start" -v e="$end" 'BEGIN {printf "%.2f", t / hz / (e - s)}')
  echo "$qps" >"$work/$label.qps"
  echo "$cores" >"$work/$label.cores"
  printf '%-10s full load: %7s qps  avg %6s ms  lost %-7s  server CPU %4s cores  %5s k qps per core\n' \
    "$label" "$qps" "$avg" "$lost" "$cores" "$(awk -v q="$qps" -v c="$cores" 'BEGIN {printf "%.1f", q / c / 1000}')"
}

# half LABEL PORT RATE: per-query latencies at RATE queries/s; writes LABEL.p99 (µs) and prints its line.
half() {
  local label=$1 port=$2 rate=$3
  dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries" -l "$seconds" "${client[@]}" -Q "$rate" -v >"$work/$label.half"
  # -v lines: "> NOERROR name type latency_seconds"
  awk '$1 == ">" {print $NF}' "$work/$label.half" | sort -g | awk '
    { v[NR] = $1; sum += $1 }
    END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%d %d %d\n", sum / NR * 1e6, v[i] * 1e6, v[NR] * 1e6 }' \
    >"$work/$label.halfstats"
  local havg hp99 hmax
  read -r havg hp99 hmax <"$work/$label.halfstats"
  echo "$hp99" >"$work/$label.p99"
  printf '%-10s at %6s qps: avg %5s us  p99 %5s us  max %6s us\n' "$label" "$rate" "$havg" "$hp99" "$hmax"
}

echo "==> generating $services services x $instances instances, the queries and the zone"
scripts/bench/dns-data.py "$services" "$instances" "$work"
echo "==> $mode, $workers worker(s) per server, dnsperf ${client[*]}, ${seconds}s runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"

kport=$(free_port)
mkdir -p "$work/knot"
cat >"$work/knot/knot.conf" <<EOF
server:
    listen: 127.0.0.1@$kport
    rundir: "$work/knot"
    udp-workers: $workers
    tcp-workers: $workers
    background-workers: 1
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
knotd -c "$work/knot/knot.conf" 2>"$work/knot.log" &
server=$!
await_dns "$kport"
full knot "$kport"
rate=$(( $(cat "$work/knot.qps") / 2 ))
half knot "$kport" "$rate"
stop_server

nport=$(free_port)
mkdir -p "$work/nsd"
cat >"$work/nsd/nsd.conf" <<EOF
server:
    ip-address: 127.0.0.1@$nport
    server-count: $workers
    username: ""
    chroot: ""
    zonesdir: "$work/nsd"
    database: ""
    zonelistfile: "$work/nsd/zone.list"
    xfrdfile: "$work/nsd/xfrd.state"
    pidfile: "$work/nsd/nsd.pid"
    verbosity: 0
    # Debian builds NSD with response rate limiting on (200 answers/s per client prefix): off for a benchmark.
    rrl-ratelimit: 0
    rrl-whitelist-ratelimit: 0
remote-control:
    control-enable: no
zone:
    name: consul
    zonefile: "$work/consul.zone"
EOF
nsd -d -c "$work/nsd/nsd.conf" 2>"$work/nsd.log" &
server=$!
await_dns "$nport"
full nsd "$nport"
half nsd "$nport" "$rate"
stop_server

http=$(free_port); dns=$(free_port)
CONSULATE_JAVA_OPTS="${CONSULATE_JAVA_OPTS:-} -XX:ActiveProcessorCount=$workers" \
  ./scripts/consulate agent -dev -node bench -http-port "$http" -dns-port "$dns" -config-dir "$work/conf" \
  >"$work/agent.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do
  n=$(curl -sf "http://127.0.0.1:$http/v1/catalog/services" 2>/dev/null | grep -o '"svc' | wc -l || true)
  [ "${n:-0}" -ge "$services" ] && break
  sleep 0.2
done
[ "${n:-0}" -ge "$services" ] || { echo "agent did not load the catalog" >&2; tail "$work/agent.log" >&2; exit 1; }
full consulate "$dns"
half consulate "$dns" "$rate"
stop_server

codes() { grep 'Response codes' "$work/$1.full" | cut -d: -f2; }
echo "==> response codes: consulate$(codes consulate) | knot$(codes knot) | nsd$(codes nsd)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
cq=$(cat "$work/consulate.qps"); kq=$(cat "$work/knot.qps")
echo "consulate/knot qps ratio: $(ratio "$cq" "$kq")"
echo "consulate/knot qps per core ratio: $(ratio "$(ratio "$cq" "$(cat "$work/consulate.cores")")" \
  "$(ratio "$kq" "$(cat "$work/knot.cores")")")"
echo "consulate - knot p99 at ${rate} qps: $(( $(cat "$work/consulate.p99") - $(cat "$work/knot.p99") )) us"
