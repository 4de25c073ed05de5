#!/usr/bin/env bash
# Acceptance: TLS on the HTTP API, as a user tries it in one minute:
#   - consulate tls ca create / tls cert create -server|-client|-cli write a CA and certificates openssl verifies;
#   - an agent with ports.https, http = -1 and verify_incoming: curl with a client certificate gets answers,
#     without one the handshake fails, and plain HTTP is closed; DNS is unaffected;
#   - the CLI with -ca-file/-client-cert/-client-key, and with CONSUL_HTTP_SSL, CONSUL_CACERT, CONSUL_CLIENT_CERT,
#     CONSUL_CLIENT_KEY; without a certificate it fails in one line;
#   - without verify_incoming, no client certificate is needed; an HTTPS port without a certificate is refused.
# Run from the project root; needs ../shared/accept/lib.sh.
cd "$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$PWD
C() { "$root/scripts/consulate" "$@"; }

echo "== certificates"
mkdir -p "$WORK/certs" && cd "$WORK/certs"
check "tls ca create" "==> Saved consul-agent-ca.pem ==> Saved consul-agent-ca-key.pem" "$(C tls ca create | xargs)"
check "tls cert create -server" "==> Saved dc1-server-consul-0-key.pem" "$(C tls cert create -server | tail -1)"
check "tls cert create -client" "==> Saved dc1-client-consul-0-key.pem" "$(C tls cert create -client | tail -1)"
check "a second client certificate gets the next number" "==> Saved dc1-client-consul-1-key.pem" "$(C tls cert create -client | tail -1)"
check "neither -server nor -client" "==> Please provide either -server, -client, or -cli" "$(C tls cert create 2>&1)"
check "openssl verifies them against the CA" "dc1-server-consul-0.pem: OK dc1-client-consul-0.pem: OK" \
  "$(openssl verify -CAfile consul-agent-ca.pem dc1-server-consul-0.pem dc1-client-consul-0.pem | xargs)"
check "the server certificate names server.dc1.consul, localhost and 127.0.0.1" \
  "DNS:server.dc1.consul, DNS:localhost, IP Address:127.0.0.1" \
  "$(openssl x509 -in dc1-server-consul-0.pem -noout -ext subjectAltName | tail -1 | xargs)"
check "keys are readable by their owner only" "-rw-------" "$(stat -c %A dc1-server-consul-0-key.pem)"
cd "$root"

HTTPS=$(free_port); DNS=$(free_port)
cat > "$WORK/tls.hcl" <<HCL
ports { https = $HTTPS, http = -1 }
tls {
  defaults {
    ca_file = "$WORK/certs/consul-agent-ca.pem"
    cert_file = "$WORK/certs/dc1-server-consul-0.pem"
    key_file = "$WORK/certs/dc1-server-consul-0-key.pem"
    verify_incoming = true
  }
}
HCL
echo "== an agent with HTTPS only and verify_incoming"
start_agent t1 -dev -node t1 -dns-port "$DNS" -config-file "$WORK/tls.hcl"
CERT=(--cacert "$WORK/certs/consul-agent-ca.pem" --cert "$WORK/certs/dc1-client-consul-0.pem" --key "$WORK/certs/dc1-client-consul-0-key.pem")
until curl -sf "${CERT[@]}" "https://127.0.0.1:$HTTPS/v1/status/leader" >/dev/null; do sleep 0.2; done
check "curl with a client certificate" '"127.0.0.1:8300"' "$(curl -s "${CERT[@]}" "https://127.0.0.1:$HTTPS/v1/status/leader")"
check "register over HTTPS" 200 "$(curl -s -o /dev/null -w '%{http_code}' "${CERT[@]}" -X PUT \
  --data '{"Name":"web","Address":"10.3.0.1","Port":443}' "https://127.0.0.1:$HTTPS/v1/agent/service/register")"
curl -s -o /dev/null --cacert "$WORK/certs/consul-agent-ca.pem" "https://127.0.0.1:$HTTPS/v1/status/leader"
check "curl without a client certificate: the handshake fails (curl exit 56)" 56 "$?"
curl -s -o /dev/null "http://127.0.0.1:8500/v1/status/leader"
check "plain HTTP is off (curl exit 7, connection refused)" 7 "$?"
check "DNS answers as before" 10.3.0.1 "$(dns_list "$DNS" web.service.consul A)"
check "the agent's log names both" "http=off https=127.0.0.1:$HTTPS" "$(grep -o "http=off https=[0-9.:]*" "$WORK/t1.log")"

echo "== the CLI over HTTPS"
check "flags" "Success! Data written to: app/mode" "$(C kv put -http-addr "https://127.0.0.1:$HTTPS" \
  -ca-file "$WORK/certs/consul-agent-ca.pem" -client-cert "$WORK/certs/dc1-client-consul-0.pem" \
  -client-key "$WORK/certs/dc1-client-consul-0-key.pem" app/mode tls)"
check "CONSUL_HTTP_SSL and the certificate variables" tls "$(CONSUL_HTTP_ADDR=127.0.0.1:$HTTPS CONSUL_HTTP_SSL=true \
  CONSUL_CACERT="$WORK/certs/consul-agent-ca.pem" CONSUL_CLIENT_CERT="$WORK/certs/dc1-client-consul-0.pem" \
  CONSUL_CLIENT_KEY="$WORK/certs/dc1-client-consul-0-key.pem" C kv get app/mode)"
OUT=$(C members -http-addr "https://127.0.0.1:$HTTPS" -ca-file "$WORK/certs/consul-agent-ca.pem" 2>&1); RC=$?
check "without a client certificate: exit 1" 1 "$RC"
check "in one line naming the agent" 1 "$(echo "$OUT" | grep -c "cannot reach the agent at https://127.0.0.1:$HTTPS")"
kill "$PID_t1"; wait "$PID_t1" 2>/dev/null

echo "== without verify_incoming; refusals"
sed -i 's/verify_incoming = true/verify_incoming = false/' "$WORK/tls.hcl"
start_agent t2 -dev -node t2 -dns-port "$DNS" -config-file "$WORK/tls.hcl"
until curl -sf --cacert "$WORK/certs/consul-agent-ca.pem" "https://127.0.0.1:$HTTPS/v1/status/leader" >/dev/null; do sleep 0.2; done
check "no client certificate needed" '"127.0.0.1:8300"' \
  "$(curl -s --cacert "$WORK/certs/consul-agent-ca.pem" "https://127.0.0.1:$HTTPS/v1/status/leader")"
curl -s -o /dev/null "https://127.0.0.1:$HTTPS/v1/status/leader"
check "an unknown CA is refused by the client (curl exit 60)" 60 "$?"
kill "$PID_t2"; wait "$PID_t2" 2>/dev/null
check "an HTTPS port without a certificate is refused" \
  "==> ports.https is set but no TLS certificate is configured: set tls.defaults cert_file and key_file" \
  "$(C agent -dev -node t3 -https-port "$HTTPS" 2>&1 | tail -1)"

summary
