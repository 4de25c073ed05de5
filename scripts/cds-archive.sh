#!/usr/bin/env bash
# Writes a class-data-sharing archive (AppCDS) for a Consulate jar: the classes an agent loads to answer its first
# requests, parsed and verified once, so later starts map them instead (scripts/bench/startup.sh measures it). Two
# training runs list the classes they load — an `agent -dev`, and a one-server cluster, which adds Infinispan,
# JGroups and Raft — each stopped once it has answered a few requests; the JVM then dumps one static archive of
# both lists. The archive is only valid for this jar at this path; scripts/consulate and install.sh make it again
# whenever the jar changes.
# Usage: scripts/cds-archive.sh JAR ARCHIVE [JAVA]
set -euo pipefail
jar=$1 archive=$2 java_bin=${3:-java}
work=$(mktemp -d)
pid=""
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

# train LIST AGENT_FLAGS...: runs the agent until it has answered a few requests, listing the classes it loaded
train() {
  local list=$1 http=""
  shift
  "$java_bin" -XX:DumpLoadedClassList="$list" -XX:+UseZGC -jar "$jar" agent "$@" -node cds-training \
    -http-port 0 -dns-port 0 >"$work/agent.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    http=$(sed -n 's/.* http=\([0-9.]*:[0-9]*\) .*/\1/p' "$work/agent.log" | head -1)
    [ -n "$http" ] && break
    kill -0 "$pid" 2>/dev/null || { echo "cds-archive: the training agent exited: $(tail -1 "$work/agent.log")" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$http" ] || { echo "cds-archive: the training agent did not start within 30 s" >&2; exit 1; }
  # The requests most agents answer first: their classes go in the archive too.
  for path in /v1/status/leader /v1/agent/self /v1/catalog/services /v1/health/service/consul "/v1/kv/x?recurse"; do
    curl -s -o /dev/null "http://$http$path" || true
  done
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
}

train "$work/dev.classes" -dev
serf=""
while [ -z "$serf" ]; do # free ports for the one-server cluster: serf, server RPC (+1), client link (+2), failure detection (+100)
  p=$((20000 + RANDOM % 10000))
  ss -tanH "sport = :$p or sport = :$((p + 1)) or sport = :$((p + 2)) or sport = :$((p + 100))" 2>/dev/null | grep -q . || serf=$p
done
train "$work/server.classes" -server -bootstrap-expect 1 -bind 127.0.0.1 -serf-lan-port "$serf" \
  -server-port $((serf + 1)) -data-dir "$work/data"

awk '!seen[$0]++' "$work/dev.classes" "$work/server.classes" >"$work/all.classes"
"$java_bin" -Xshare:dump -XX:SharedClassListFile="$work/all.classes" -XX:SharedArchiveFile="$work/archive.jsa" \
  -XX:+UseZGC -cp "$jar" >"$work/dump.log" 2>&1 || { echo "cds-archive: $(tail -1 "$work/dump.log")" >&2; exit 1; }
mv "$work/archive.jsa" "$archive"
