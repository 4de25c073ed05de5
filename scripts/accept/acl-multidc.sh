#!/usr/bin/env bash
# Acceptance: ACLs across two datacenters. dc1 is the primary (ACLs on, default deny, an initial management token);
# dc2's server replicates dc1's policies, roles and global tokens with its replication token. Checks:
#   - /v1/acl/replication in dc2 reports replication from dc1;
#   - a token made in dc1 works in dc2 within seconds, by its policy; deleted in dc1, dc2 refuses it;
#   - a policy written through dc2 is written in the primary; a local token made in dc2 stays in dc2;
#   - a request forwarded from dc1 with ?dc=dc2 is authorized in dc2 with the same token;
#   - dc1's DNS answers web.service.dc2.consul with its DNS token, which dc2 knows by replication.
# Run from the project root; needs ../shared/accept/lib.sh.
cd "$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROOT=c0ffee00-0000-4000-8000-0000000000dd
DNSTOK=d0d0d0d0-0000-4000-8000-0000000000dd
declare -A IP=([p1]=127.0.0.85 [r1]=127.0.0.95)
declare -A HP DP
for n in p1 r1; do HP[$n]=$(free_port); DP[$n]=$(free_port); done
cat > "$WORK/dc1.hcl" <<HCL
acl {
  enabled = true
  default_policy = "deny"
  tokens {
    initial_management = "$ROOT"
    dns = "$DNSTOK"
  }
}
HCL
cat > "$WORK/dc2.hcl" <<HCL
primary_datacenter = "dc1"
acl {
  enabled = true
  default_policy = "deny"
  tokens { replication = "$ROOT" }
}
HCL
agent() { # agent NAME DC CONFIG EXTRA...
  local n=$1 dc=$2 conf=$3; shift 3
  start_agent "$n" -node "$n" -datacenter "$dc" -data-dir "$WORK/$n" -bind "${IP[$n]}" -client 127.0.0.1 \
    -http-port "${HP[$n]}" -dns-port "${DP[$n]}" -server -bootstrap-expect 1 -config-file "$conf" "$@"
}
api() { local n=$1 token=$2; shift 2; curl -s -H "X-Consul-Token: $token" "$@" | sed "s#^#$n:#" | cut -d: -f2-; }
at() { echo "http://127.0.0.1:${HP[$1]}"; }
code() { local token=$1; shift; http_code -H "X-Consul-Token: $token" "$@"; }

echo "== dc1 (primary) and dc2 (replicating), joined over the WAN"
agent p1 dc1 "$WORK/dc1.hcl"
agent r1 dc2 "$WORK/dc2.hcl" -retry-join-wan 127.0.0.85
for n in p1 r1; do wait_http "127.0.0.1:${HP[$n]}" 90 || { fail "$n starts with a leader"; tail -20 "$WORK/$n.log"; summary; exit 1; }; done
check_eventually 60 "dc2 replicates from dc1" "true dc1" \
  bash -c "curl -s $(at r1)/v1/acl/replication | jq -r '\"\(.Running) \(.SourceDatacenter)\"'"
check_eventually 30 "dc1's management token works in dc2" 200 code "$ROOT" "$(at r1)/v1/acl/token/self"
check "dc1 does not replicate" false "$(curl -s "$(at p1)/v1/acl/replication" | jq -r .Enabled)"

echo "== a token made in dc1"
curl -s -H "X-Consul-Token: $ROOT" -X PUT --data '{"Name":"cfg","Rules":"key_prefix \"cfg/\" { policy = \"write\" }"}' \
  "$(at p1)/v1/acl/policy" >/dev/null
CFG=$(curl -s -H "X-Consul-Token: $ROOT" -X PUT --data '{"Description":"cfg","Policies":[{"Name":"cfg"}]}' \
  "$(at p1)/v1/acl/token" | jq -r .SecretID)
CFG_ID=$(curl -s -H "X-Consul-Token: $CFG" "$(at p1)/v1/acl/token/self" | jq -r .AccessorID)
check_eventually 15 "works in dc2 by its policy" 200 code "$CFG" -X PUT --data v "$(at r1)/v1/kv/cfg/a"
check "and only by its policy" 403 "$(code "$CFG" -X PUT --data v "$(at r1)/v1/kv/other")"
check "anonymous is refused in dc2" 403 "$(code "" -X PUT --data v "$(at r1)/v1/kv/cfg/b")"
check "a request forwarded from dc1 is authorized in dc2" v "$(curl -s -H "X-Consul-Token: $CFG" "$(at p1)/v1/kv/cfg/a?dc=dc2&raw")"
curl -s -H "X-Consul-Token: $ROOT" -X DELETE "$(at p1)/v1/acl/token/$CFG_ID" >/dev/null
check_eventually 15 "deleted in dc1, refused in dc2" "ACL not found" \
  curl -s -H "X-Consul-Token: $CFG" -X PUT --data v "$(at r1)/v1/kv/cfg/a"

echo "== DNS across datacenters with the DNS token"
curl -s -H "X-Consul-Token: $ROOT" -X PUT --data '{"Name":"web","Address":"10.8.0.2","Port":80}' "$(at r1)/v1/agent/service/register" >/dev/null
curl -s -H "X-Consul-Token: $ROOT" -X PUT --data '{"Name":"dns","Rules":"service_prefix \"\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }"}' \
  "$(at p1)/v1/acl/policy" >/dev/null
curl -s -H "X-Consul-Token: $ROOT" -X PUT --data "{\"SecretID\":\"$DNSTOK\",\"Policies\":[{\"Name\":\"dns\"}]}" "$(at p1)/v1/acl/token" >/dev/null
check_eventually 20 "dig @dc1 web.service.dc2.consul" 10.8.0.2 dns_list "${DP[p1]}" web.service.dc2.consul A

echo "== writes made in dc2"
check "a policy written through dc2" 200 "$(code "$ROOT" -X PUT --data '{"Name":"from-dc2"}' "$(at r1)/v1/acl/policy")"
check "is in the primary" from-dc2 "$(curl -s -H "X-Consul-Token: $ROOT" "$(at p1)/v1/acl/policy/name/from-dc2" | jq -r .Name)"
check_eventually 15 "and back in dc2" from-dc2 \
  bash -c "curl -s -H 'X-Consul-Token: $ROOT' $(at r1)/v1/acl/policy/name/from-dc2 | jq -r .Name"
LOCAL=$(curl -s -H "X-Consul-Token: $ROOT" -X PUT --data '{"Description":"dc2 only","Local":true}' "$(at r1)/v1/acl/token" | jq -r .AccessorID)
check "a local token stays in dc2" true "$(curl -s -H "X-Consul-Token: $ROOT" "$(at r1)/v1/acl/token/$LOCAL" | jq -r .Local)"
check "and is not in dc1" 403 "$(code "$ROOT" "$(at p1)/v1/acl/token/$LOCAL")"
sleep 3
check "and survives replication" 200 "$(code "$ROOT" "$(at r1)/v1/acl/token/$LOCAL")"

summary
