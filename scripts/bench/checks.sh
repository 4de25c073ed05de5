#!/usr/bin/env bash
# CPU of one agent running N health checks (half HTTP, half TCP) at a 1 s interval.
# Usage: scripts/bench/checks.sh [checks=1000] [seconds=30] [warmup=60]
# The window starts after every check passes and a warm-up (the JIT compiles the probe paths meanwhile).
# The backend is one nginx (Debian package, installed if missing) so it keeps up with 1,000 probes/s; only the
# agent's own CPU time (utime+stime from /proc) is counted.
set -euo pipefail
cd "$(dirname "$0")/../.."
checks=${1:-1000}; seconds=${2:-30}; warmup=${3:-60}
work=$(mktemp -d); trap 'kill $agent $backend 2>/dev/null; rm -rf "$work"' EXIT
backend_port=$((40000 + RANDOM % 10000))
command -v nginx >/dev/null || { echo "==> installing nginx"; apt-get install -y -qq nginx >/dev/null; }
mkdir -p "$work/nginx/logs"
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes 1; daemon off; error_log $work/nginx/logs/error.log; pid $work/nginx/nginx.pid;
events { worker_connections 4096; }
http { access_log off; server { listen 127.0.0.1:$backend_port; location / { return 200 "ok"; } } }
NGINX
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" & backend=$!
mkdir -p "$work/conf"
{
  echo '{"services": ['
  for i in $(seq 1 "$checks"); do
    if [ $((i % 2)) = 0 ]; then chk="{\"http\": \"http://127.0.0.1:$backend_port/\", \"interval\": \"1s\", \"timeout\": \"1s\"}"
    else chk="{\"tcp\": \"127.0.0.1:$backend_port\", \"interval\": \"1s\", \"timeout\": \"1s\"}"; fi
    sep=","; [ "$i" = "$checks" ] && sep=""
    echo "{\"name\": \"svc$i\", \"port\": $backend_port, \"check\": $chk}$sep"
  done
  echo ']}'
} >"$work/conf/services.json"
http=$((30000 + RANDOM % 10000)); dns=$((http + 1))
./scripts/consulate agent -dev -node bench -http-port "$http" -dns-port "$dns" -config-dir "$work/conf" >"$work/agent.log" 2>&1 &
agent=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$http/v1/status/leader" >/dev/null && break; sleep 0.2; done
pid=$agent  # scripts/consulate execs java: this is the JVM
echo "==> $checks checks registered; waiting until all pass (steady state: probes only, no status writes)"
start=$SECONDS
while :; do
  passing=$(curl -s "http://127.0.0.1:$http/v1/health/state/passing" | jq length)
  [ "$passing" -gt "$checks" ] && break   # + serfHealth
  [ $((SECONDS - start)) -gt 180 ] && { echo "only $passing passing after 180 s"; break; }
  sleep 1
done
echo "==> all passing after $((SECONDS - start)) s; warming up $warmup s, then measuring $seconds s"
sleep "$warmup"
ticks() { awk -v f="$1" '{print $f}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
u0=$(ticks 14); s0=$(ticks 15); sleep "$seconds"; u1=$(ticks 14); s1=$(ticks 15)
pct() { echo "scale=1; $1 * 100 / $hz / $seconds" | bc; }
echo "passing checks: $passing of $checks (+ serfHealth)"
echo "agent CPU over $seconds s: $(pct $((u1 - u0 + s1 - s0)))% of one core (user $(pct $((u1 - u0)))%, kernel $(pct $((s1 - s0)))%)"
