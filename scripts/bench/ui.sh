#!/usr/bin/env bash
# The web UI in headless Chromium (scripts/bench/UiBench.java): time to render the services page over a big
# catalog, and the agent CPU that open tabs cost while registrations flow.
# Usage: scripts/bench/ui.sh [render-runs=5] [seconds=60]
#   1. 10,000 services of 1 instance, then 1,000 services of 100 instances (100,000): render time, median of runs
#   2. 10,000 services, 100 registrations/s for SECONDS after a 30 s warm-up: agent CPU with 0 tabs, with 20 tabs
#      open (separate windows: all visible, all live), then with 0 again. A window of 60 s holds one pass of the
#      agent's anti-entropy over its 10,000 local services, so the windows compare like with like.
# Needs chromium and chromium-driver (apt-get install -y chromium chromium-driver).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}; seconds=${2:-60}
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || { echo "needs: apt-get install -y chromium chromium-driver"; exit 2; }
work=$(mktemp -d); agent=""
trap '[ -n "$agent" ] && kill $agent 2>/dev/null; rm -rf "$work"' EXIT
[ -f target/consulate.jar ] && [ -d target/test-classes/io/consulate/ui ] || ./mvnw -q -B -DskipTests package test-compile
./mvnw -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
cp="$(cat "$work/cp"):target/classes"
bench() { java -cp "$cp" scripts/bench/UiBench.java "$@"; }

# start SERVICES PER: an agent whose config file registers SERVICES x PER instances; sets $agent and $http
start() {
  [ -n "$agent" ] && { kill "$agent"; wait "$agent" 2>/dev/null || true; }
  mkdir -p "$work/conf"
  python3 - "$1" "$2" >"$work/conf/services.json" <<'PY'
import json, sys
services, per = int(sys.argv[1]), int(sys.argv[2])
out = [{"name": f"svc{s:05d}", "id": f"svc{s:05d}-{i}", "port": 20000 + i, "tags": [f"t{i % 3}", f"team{s % 20}"],
        "meta": {"tier": str(s % 3)}, "check": {"ttl": "10m", "status": "passing"}}
       for s in range(services) for i in range(per)]
json.dump({"services": out}, sys.stdout)
PY
  http=$((30000 + RANDOM % 10000))
  ./scripts/consulate agent -dev -node ui-bench -http-port "$http" -dns-port $((http + 1)) -config-dir "$work/conf" \
    >"$work/agent.log" 2>&1 &
  agent=$!
  for _ in $(seq 1 600); do
    [ "$(curl -s "http://127.0.0.1:$http/v1/internal/ui/services?per_page=1" -D - -o /dev/null |
      awk 'tolower($1)=="x-consulate-total:"{print $2+0}')" = "$1" ] && break
    sleep 0.5
  done
  echo "==> $(($1 * $2)) instances of $1 services registered"
}

start 10000 1
bench render "$http" "$runs"
start 1000 100
bench render "$http" "$runs"
start 10000 1
echo "(warm-up: 30 s of registrations, not measured)"
bench tabs "$http" 0 30 100 "$agent" >/dev/null
bench tabs "$http" 0 "$seconds" 100 "$agent"
bench tabs "$http" 20 "$seconds" 100 "$agent"
bench tabs "$http" 0 "$seconds" 100 "$agent"
