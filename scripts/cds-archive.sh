#!/usr/bin/env bash
# Writes a class-data-sharing archive (AppCDS, JDK 13+ dynamic archive) for a Consulate jar: the classes an agent
# loads to answer its first requests, parsed and verified once, so later starts map them instead (an agent -dev
# answers in about half the time). A training run starts the jar as `agent -dev` on free ports, asks it a few
# questions, stops it, and the JVM writes the archive as it exits. The archive is only valid for this jar at this
# path; scripts/consulate and install.sh make it again whenever the jar changes.
# Usage: scripts/cds-archive.sh JAR ARCHIVE [JAVA]
set -euo pipefail
jar=$1 archive=$2 java_bin=${3:-java}
work=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

"$java_bin" -XX:ArchiveClassesAtExit="$work/archive.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:+UseZGC \
  -jar "$jar" agent -dev -node cds-training -http-port 0 -dns-port 0 >"$work/agent.log" 2>&1 &
pid=$!
http=""
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
[ -s "$work/archive.jsa" ] || { echo "cds-archive: the JVM wrote no archive" >&2; exit 1; }
mv "$work/archive.jsa" "$archive"
