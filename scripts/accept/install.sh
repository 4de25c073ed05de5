#!/usr/bin/env bash
# Acceptance: the systemd install (scripts/install.sh, scripts/consulate.service). systemd is not PID 1 on the CI
# machine, so the unit is checked with `systemd-analyze verify` and then run as systemd would run it: the
# installed command as the `consulate` user with the installed config dir, the unit's readiness check, its
# reload (SIGHUP) and its stop signal (SIGINT: a server exits without leaving, status 1 as Consul's).
# Needs root; ports of its own on 127.0.0.1. Run from the project root; needs ../shared/accept/lib.sh.
cd "$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ "$(id -u)" = 0 ] || { echo "needs root (it installs into /opt, /etc and /usr/local)"; exit 2; }

echo "== install"
if scripts/install.sh >"$WORK/install.log" 2>&1; then pass "scripts/install.sh"; else fail "scripts/install.sh" "$(tail -3 "$WORK/install.log")"; fi
check "the unit passes systemd-analyze verify" "" "$(systemd-analyze verify /etc/systemd/system/consulate.service 2>&1)"
check "a system user runs it" "/usr/sbin/nologin" "$(getent passwd consulate | cut -d: -f7)"
unit() { sed -n "s/^$1=//p" /etc/systemd/system/consulate.service; }
check "stop signal SIGINT, reload by HUP, restart on failure" "SIGINT|/bin/kill --signal HUP \$MAINPID|on-failure" \
  "$(unit KillSignal)|$(unit ExecReload)|$(unit Restart)"

echo "== run as the unit would"
HP=$(free_port); DP=$(free_port); SP=$(free_port); LP=$(free_port)
state=/var/lib/consulate
rm -rf "$state"; install -d -o consulate -g consulate -m 0750 "$state" # StateDirectory=consulate
# setpriv execs (runuser would stay in between as the parent): signals go to the agent, as systemd's would.
# Job control on for this start: a script's background job would otherwise inherit SIGINT ignored, which
# systemd's services never do.
set -m
setpriv --reuid=consulate --regid=consulate --init-groups $(unit ExecStart) -bind 127.0.0.1 -http-port "$HP" -dns-port "$DP" -server-port "$SP" \
  -serf-lan-port "$LP" >"$WORK/unit.log" 2>&1 &
PID_unit=$!; PIDS+=($PID_unit)
set +m
export CONSUL_HTTP_ADDR=127.0.0.1:$HP
if eval "timeout 90 $(unit ExecStartPost)"; then pass "the unit's readiness check passes once the agent answers"
else fail "the unit's readiness check passes once the agent answers" "$(tail -3 "$WORK/unit.log")"; fi
check_eventually 30 "it elects itself (bootstrap_expect 1 in the installed config)" '"127.0.0.1:'"$SP"'"' \
  curl -s "http://127.0.0.1:$HP/v1/status/leader"
check "its state is in the state directory, owned by the user" "consulate" "$(stat -c %U "$state"/* 2>/dev/null | sort -u | head -1)"
kill -HUP "$PID_unit"; sleep 1
check "ExecReload (SIGHUP) keeps it serving" 200 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HP/v1/agent/self")"
kill -INT "$PID_unit"
(sleep 30; kill -9 "$PID_unit" 2>/dev/null) & killer=$!
wait "$PID_unit"; code=$?; kill "$killer" 2>/dev/null
check "KillSignal SIGINT stops the server without a leave (skip_leave_on_interrupt), status 1" 1 "$code"
rm -rf "$state"

summary
