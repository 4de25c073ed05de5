# Shared by the cluster benchmarks (cluster.sh, clients.sh). Source it from the project root: it installs wrk
# when missing, gives the run a fresh CLUSTER_DIR for scripts/cluster.sh, and defines the helpers below.
command -v wrk >/dev/null || { echo "==> installing wrk"; apt-get install -y -qq wrk >/dev/null; }
export CLUSTER_DIR; CLUSTER_DIR=$(mktemp -d -t consulate-bench.XXXXXX)
# bench MODE ARGS...: ClusterBench.java (propagation, cas, fill) with the fat jar on the class path for dnsjava.
bench() { java -cp target/consulate.jar scripts/bench/ClusterBench.java "$@"; }
# registrations PORT CONNS: wrk with register.lua (a fresh service id per request) against 127.0.0.1:PORT, a
# ${warm:-3} s warm-up, then ${secs} s measured; prints registrations/s, p50, p99 and errors on one line.
registrations() {
  local port=$1 conns=$2 out
  wrk -t1 -c"$conns" -d"${warm:-3}s" -s scripts/bench/register.lua "http://127.0.0.1:$port" >/dev/null
  out=$(wrk -t1 -c"$conns" -d"${secs}s" --latency -s scripts/bench/register.lua "http://127.0.0.1:$port")
  printf '%3d in flight: %8s registrations/s, p50 %s, p99 %s, %s errors\n' "$conns" \
    "$(awk '/Requests\/sec/{print $2}' <<<"$out")" "$(awk '$1=="50%"{print $2}' <<<"$out")" \
    "$(awk '$1=="99%"{print $2}' <<<"$out")" "$(awk '/Non-2xx/{print $NF}' <<<"$out" | grep . || echo 0)"
}
