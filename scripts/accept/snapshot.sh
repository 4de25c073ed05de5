#!/usr/bin/env bash
# Acceptance: backup and restore of a 3-server cluster's state with `consulate snapshot`.
#   1. state on the cluster (services, KV, a session holding a lock); `snapshot save` and `inspect`
#   2. the state changes (keys deleted and added, a service deregistered, another registered)
#   3. `snapshot restore` through one server: every server holds the saved state again, and a blocking query
#      parked on the changed state wakes
#   4. a damaged file is refused, by the CLI and by the API, and changes nothing
# Servers bind 127.0.0.51-53 with Consul's default cluster ports. Run from the project root; needs ../shared/accept/lib.sh.
cd "$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

declare -A HP DP
for n in s1 s2 s3; do HP[$n]=$(free_port); DP[$n]=$(free_port); done
h() { echo "127.0.0.1:${HP[$1]}"; }
for i in 1 2 3; do
  start_agent "s$i" -server -bootstrap-expect 3 -data-dir "$WORK/s$i" -bind "127.0.0.5$i" -node "s$i" \
    -client 127.0.0.1 -http-port "${HP[s$i]}" -dns-port "${DP[s$i]}" -retry-join 127.0.0.51
done
for n in s1 s2 s3; do wait_http "$(h $n)" 90 || { fail "$n starts"; summary; exit 1; }; done
leader() { curl -s "http://$(h s1)/v1/status/leader"; }
check_eventually 60 "the three servers elect a leader" "true" bash -c "[ -n \"\$(curl -s http://$(h s1)/v1/status/leader | tr -d '\"')\" ] && echo true"
cli() { CONSUL_HTTP_ADDR=$(h "$1") $CONSULATE "${@:2}"; }
kv() { curl -s "http://$(h "$1")/v1/kv/$2?raw"; }
services() { curl -s "http://$(h "$1")/v1/catalog/services" | jq -r 'keys | join(",")'; }

echo "== 1. state, save, inspect"
check_eventually 30 "writes go through" true curl -sf -X PUT --data one "http://$(h s1)/v1/kv/app/one"
curl -s -X PUT --data two "http://$(h s2)/v1/kv/app/two" >/dev/null
curl -s -X PUT --data '{"Name":"web","Port":80}' "http://$(h s1)/v1/agent/service/register" >/dev/null
session=$(curl -s -X PUT --data '{"Name":"backup-test"}' "http://$(h s1)/v1/session/create" | jq -r .ID)
check "a session holds app/lock" true "$(curl -s -X PUT --data held "http://$(h s1)/v1/kv/app/lock?acquire=$session")"
OUT=$(cli s2 snapshot save "$WORK/backup.snap")
check "snapshot save" "Saved and verified snapshot to index" "$(sed 's/ [0-9]*$//' <<<"$OUT")"
INSPECT=$(cli s2 snapshot inspect "$WORK/backup.snap")
check "inspect counts the KV entries and the session" "3 1" \
  "$(awk '/KV entries/{k=$3} /Sessions/{s=$2} END{print k, s}' <<<"$INSPECT")"

echo "== 2. the state changes"
curl -s -X DELETE "http://$(h s1)/v1/kv/app/one" >/dev/null
curl -s -X PUT --data changed "http://$(h s1)/v1/kv/app/two" >/dev/null
curl -s -X PUT --data new "http://$(h s1)/v1/kv/app/new" >/dev/null
curl -s -X PUT "http://$(h s1)/v1/agent/service/deregister/web" >/dev/null
curl -s -X PUT --data '{"Name":"api","Port":81}' "http://$(h s1)/v1/agent/service/register" >/dev/null
check_eventually 10 "changed on s3" "changed" kv s3 app/two
index=$(curl -s -D - -o /dev/null "http://$(h s3)/v1/kv/app/two" | awk -F': ' 'tolower($1)=="x-consul-index"{print $2+0}')
curl -s "http://$(h s3)/v1/kv/app/two?index=$index&wait=30s" -o "$WORK/woken.json" & watcher=$!

echo "== 3. restore through s3"
check "snapshot restore" "Restored snapshot" "$(cli s3 snapshot restore "$WORK/backup.snap")"
for n in s1 s2 s3; do
  check_eventually 10 "$n: app/one is back, app/two as saved, app/new gone" "one two " \
    bash -c "echo \"\$(curl -s http://$(h $n)/v1/kv/app/one?raw) \$(curl -s http://$(h $n)/v1/kv/app/two?raw) \$(curl -s http://$(h $n)/v1/kv/app/new?raw)\""
  check "$n: the lock's holder is the saved session" "$session" \
    "$(curl -s "http://$(h $n)/v1/kv/app/lock" | jq -r '.[0].Session')"
done
wait "$watcher"
check "the blocking query parked before the restore woke with the saved value" "two" \
  "$(jq -r '.[0].Value' "$WORK/woken.json" | base64 -d)"

echo "== 4. a damaged file changes nothing"
head -c 200 "$WORK/backup.snap" >"$WORK/truncated.snap"
check "the CLI refuses a truncated file" "==> the snapshot is truncated" \
  "$(cli s1 snapshot restore "$WORK/truncated.snap" 2>&1 | tail -1)"
check "the API refuses it with 400" 400 \
  "$(curl -s -o /dev/null -w '%{http_code}' -X PUT --data-binary @"$WORK/truncated.snap" "http://$(h s1)/v1/snapshot")"
check "and the state is still the restored one" "two" "$(kv s2 app/two)"

summary
