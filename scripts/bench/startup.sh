#!/usr/bin/env bash
# Start time, as test harnesses see it: from exec to the first HTTP answer.
#   1. `scripts/consulate agent -dev`, RUNS times one after another (the median and the spread), with the class
#      data sharing archive scripts/consulate makes, and without it (CONSULATE_JAVA_OPTS=-Xshare:off is not used:
#      that would drop the JDK's own archive too; the archive flag is simply left out);
#   2. three servers started at the same moment (-server -bootstrap-expect 3, loopback 127.0.0.31-33): the time to
#      each one's first answer, and to a leader known by all three.
# Usage: scripts/bench/startup.sh [RUNS=5]   (from the project root, on an idle machine)
set -euo pipefail
runs=${1:-5}
jar=target/consulate.jar archive=target/consulate.jsa
scripts/consulate --version >/dev/null # builds the jar and the archive first
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# first_answer URL SINCE_MS: milliseconds from SINCE_MS until URL answers 200
first_answer() {
  until curl -sf -o /dev/null "$1"; do sleep 0.005; done
  echo $(($(now_ms) - $2))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

dev_once() { # dev_once JAVA_FLAGS...: one -dev start, prints ms to the first answer
  local t0 pid ms
  t0=$(now_ms)
  java -XX:+UseZGC "$@" -jar "$jar" agent -dev -node startup -http-port 18591 -dns-port 18691 >"$work/dev.log" 2>&1 &
  pid=$!
  ms=$(first_answer http://127.0.0.1:18591/v1/status/leader "$t0")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms"
}

for mode in with without; do
  flags=(); [ "$mode" = with ] && flags=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off)
  times=()
  for _ in $(seq 1 "$runs"); do times+=("$(dev_once "${flags[@]}")"); done
  printf 'agent -dev, %-7s the archive: median %4d ms  (runs: %s)\n' "$mode" \
    "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
done

t0=$(now_ms)
for n in 1 2 3; do
  scripts/consulate agent -node "s$n" -server -bootstrap-expect 3 -bind "127.0.0.3$n" -client 127.0.0.1 \
    -http-port $((18580 + n)) -dns-port $((18680 + n)) -data-dir "$work/s$n" \
    -retry-join 127.0.0.31 -retry-join 127.0.0.32 -retry-join 127.0.0.33 >"$work/s$n.log" 2>&1 &
  pids+=($!)
done
for n in 1 2 3; do
  printf 's%d first answer after %5d ms\n' "$n" "$(first_answer "http://127.0.0.1:$((18580 + n))/v1/agent/self" "$t0")"
done
for n in 1 2 3; do
  until [ "$(curl -s "http://127.0.0.1:$((18580 + n))/v1/status/leader")" != '""' ]; do sleep 0.02; done
done
echo "three servers started together: a leader known by all three after $(($(now_ms) - t0)) ms"
