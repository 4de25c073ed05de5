#!/usr/bin/env bash
# Acceptance: ACLs with default deny, as the security issue's tests ask, with real clients:
#   - anonymous writes get 403 with Consul's message, anonymous reads are filtered;
#   - a service token registers its service and nothing else; a partial read says it was filtered;
#   - DNS answers with the dns token: a service it cannot read is NXDOMAIN;
#   - python-consul (Debian's python3-consul) with a token passes its register/KV scenario, without one it is refused;
#   - consulate kv get with CONSUL_HTTP_TOKEN works, without it fails in one line;
#   - the management secret appears neither in the log nor in /v1/agent/self.
# Run from the project root; needs ../shared/accept/lib.sh and python3-consul.
cd "$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$PWD
C() { "$root/scripts/consulate" "$@"; }
PY=/usr/bin/python3
$PY -c 'import consul' 2>/dev/null || { echo "missing python3-consul (apt-get install -y python3-consul)"; exit 2; }

ROOT=c0ffee00-0000-4000-8000-0000000000aa
DNS_TOKEN=d0d0d0d0-0000-4000-8000-0000000000bb
HTTP=$(free_port); DNS=$(free_port)
cat > "$WORK/acl.hcl" <<HCL
acl {
  enabled = true
  default_policy = "deny"
  tokens {
    initial_management = "$ROOT"
    dns = "$DNS_TOKEN"
  }
}
HCL
A="http://127.0.0.1:$HTTP"
api() { local token=$1; shift; curl -s -H "X-Consul-Token: $token" "$@"; }
start_agent a1 -dev -node a1 -http-port "$HTTP" -dns-port "$DNS" -config-file "$WORK/acl.hcl"
until [ "$(http_code -H "X-Consul-Token: $ROOT" "$A/v1/acl/token/self")" = 200 ]; do sleep 0.2; done

echo "== anonymous"
check "an anonymous write is refused" \
  "403 Permission denied: anonymous token lacks permission 'service:write' on \"web\". The anonymous token is used implicitly when a request does not specify a token." \
  "$(curl -s -w ' %{http_code}' -X PUT --data '{"Name":"web","Port":80}' "$A/v1/agent/service/register" | awk '{c=$NF; $NF=""; print c, $0}' | sed 's/ $//')"
api "$ROOT" -X PUT --data '{"Name":"web","Address":"10.7.0.1","Port":80}' "$A/v1/agent/service/register"
api "$ROOT" -X PUT --data '{"Name":"db","Address":"10.7.0.2","Port":5432}' "$A/v1/agent/service/register"
check "anonymous reads are filtered" '{}' "$(curl -s "$A/v1/catalog/services")"
check "the management token sees both" '["consul","db","web"]' "$(api "$ROOT" "$A/v1/catalog/services" | jq -c 'keys')"
check "a second bootstrap is refused" 403 "$(http_code -X PUT "$A/v1/acl/bootstrap")"
check "an unknown token" "ACL not found" "$(api nope "$A/v1/catalog/services")"

echo "== a service token"
api "$ROOT" -X PUT --data '{"Name":"web-svc","Rules":"service \"web\" { policy = \"write\" }\nnode_prefix \"\" { policy = \"read\" }"}' \
  "$A/v1/acl/policy" >/dev/null
WEB=$(api "$ROOT" -X PUT --data '{"Description":"web","Policies":[{"Name":"web-svc"}]}' "$A/v1/acl/token" | jq -r .SecretID)
check "it registers its service" 200 "$(http_code -H "X-Consul-Token: $WEB" -X PUT --data '{"Name":"web","ID":"web-2","Address":"10.7.0.3","Port":80}' "$A/v1/agent/service/register")"
check "and no other" 403 "$(http_code -H "X-Consul-Token: $WEB" -X PUT --data '{"Name":"db","ID":"db-2","Port":1}' "$A/v1/agent/service/register")"
check "its reads are filtered to web" '["web"]' "$(api "$WEB" "$A/v1/catalog/services" | jq -c 'keys')"
check "and say so" "true" "$(curl -s -D - -o /dev/null -H "X-Consul-Token: $WEB" "$A/v1/catalog/services" | tr -d '\r' | sed -n 's/^X-Consul-Results-Filtered-By-ACLs: //Ip')"

echo "== DNS with the dns token"
check "before the dns token exists, nothing is answered" NXDOMAIN "$(dns_status "$DNS" web.service.consul A)"
api "$ROOT" -X PUT --data '{"Name":"dns","Rules":"service \"web\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }"}' "$A/v1/acl/policy" >/dev/null
api "$ROOT" -X PUT --data "{\"SecretID\":\"$DNS_TOKEN\",\"Description\":\"DNS\",\"Policies\":[{\"Name\":\"dns\"}]}" "$A/v1/acl/token" >/dev/null
check "a service the dns token reads" "10.7.0.1 10.7.0.3" "$(dns_list "$DNS" web.service.consul A)"
check "a service it cannot read is NXDOMAIN" NXDOMAIN "$(dns_status "$DNS" db.service.consul A)"

echo "== python-consul with a token"
api "$ROOT" -X PUT --data '{"Name":"app","Rules":"service_prefix \"app\" { policy = \"write\" }\nkey_prefix \"app/\" { policy = \"write\" }\nnode_prefix \"\" { policy = \"read\" }"}' "$A/v1/acl/policy" >/dev/null
APP=$(api "$ROOT" -X PUT --data '{"Description":"app","Policies":[{"Name":"app"}]}' "$A/v1/acl/token" | jq -r .SecretID)
check "register, KV put and get, health, with the token" "True True b'v1' 1" "$($PY - "$HTTP" "$APP" <<'PYEOF'
import sys, consul
c = consul.Consul(port=int(sys.argv[1]), token=sys.argv[2])
registered = c.agent.service.register("app-api", service_id="app-api-1", address="10.7.0.9", port=9000)
put = c.kv.put("app/version", "v1")
index, data = c.kv.get("app/version")
nodes = c.health.service("app-api")[1]
print(registered, put, data["Value"], len(nodes))
PYEOF
)"
check "without a token it is refused" "ACLPermissionDenied" "$($PY - "$HTTP" <<'PYEOF'
import sys, consul
try:
    consul.Consul(port=int(sys.argv[1])).kv.put("app/version", "v2")
    print("accepted")
except consul.ACLPermissionDenied:
    print("ACLPermissionDenied")
PYEOF
)"

echo "== the CLI with CONSUL_HTTP_TOKEN"
check "consulate kv get with the token" v1 "$(CONSUL_HTTP_ADDR=127.0.0.1:$HTTP CONSUL_HTTP_TOKEN=$APP C kv get app/version)"
OUT=$(CONSUL_HTTP_ADDR=127.0.0.1:$HTTP C kv get app/version 2>&1); RC=$?
check "without it: exit 1" 1 "$RC"
check "in one line" 1 "$(echo "$OUT" | wc -l | tr -d ' ')"

echo "== secrets stay secret"
check "the management secret is not in the log" 0 "$(grep -c "$ROOT" "$WORK/a1.log")"
check "nor in /v1/agent/self" 0 "$(api "$ROOT" "$A/v1/agent/self" | grep -c "$ROOT")"

summary
