#!/usr/bin/env bash
# Installs Consulate as a systemd service: the jar in /opt/consulate, a `consulate` command in /usr/local/bin,
# the unit in /etc/systemd/system, a starting config in /etc/consulate.d (kept if present), and the system
# user `consulate`. Builds the jar first when there is none.
# Usage: scripts/install.sh [--root DIR]   (DIR: install into that tree instead of /, for packaging and tests)
set -euo pipefail
cd "$(dirname "$0")/.."
root=""
[ "${1:-}" = "--root" ] && root=${2:?--root needs a directory}
[ -f target/consulate.jar ] || ./mvnw -q -B -DskipTests package

install -d "$root/opt/consulate" "$root/usr/local/bin" "$root/etc/systemd/system" "$root/etc/consulate.d"
install -m 0644 target/consulate.jar "$root/opt/consulate/consulate.jar"
install -m 0644 README.md "$root/opt/consulate/README.md"
cat >"$root/usr/local/bin/consulate" <<'SH'
#!/bin/sh
# Runs the installed Consulate (scripts/install.sh); CONSULATE_JAVA_OPTS adds JVM options. The class data sharing
# archive made at install (scripts/cds-archive.sh) is used while it is newer than the jar.
jar=/opt/consulate/consulate.jar archive=/opt/consulate/consulate.jsa cds=""
[ "$archive" -nt "$jar" ] && cds="-XX:SharedArchiveFile=$archive -Xlog:cds=off"
exec java -XX:+UseZGC $cds ${CONSULATE_JAVA_OPTS:-} -jar "$jar" "$@"
SH
chmod 0755 "$root/usr/local/bin/consulate"
install -m 0644 scripts/consulate.service "$root/etc/systemd/system/consulate.service"
if [ ! -s "$root/etc/consulate.d/consulate.json" ]; then
  cat >"$root/etc/consulate.d/consulate.json" <<'JSON'
{
  "datacenter": "dc1",
  "data_dir": "/var/lib/consulate",
  "client_addr": "127.0.0.1",
  "server": true,
  "bootstrap_expect": 1
}
JSON
  echo "==> wrote $root/etc/consulate.d/consulate.json: one server; edit it (bootstrap_expect, retry_join) for a cluster"
fi

if [ -z "$root" ]; then
  # The archive names the jar by its path, so it is made for the installed one (not under --root).
  scripts/cds-archive.sh /opt/consulate/consulate.jar /opt/consulate/consulate.jsa && chmod 0644 /opt/consulate/consulate.jsa ||
    echo "==> no class data sharing archive: the agent starts without it"
  id consulate >/dev/null 2>&1 || useradd --system --home-dir /var/lib/consulate --shell /usr/sbin/nologin consulate
  chown -R root:consulate /etc/consulate.d && chmod 0750 /etc/consulate.d
  if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    echo "==> installed; start it with: systemctl enable --now consulate"
  else
    echo "==> installed; systemd is not running here, so nothing was started"
  fi
else
  echo "==> installed under $root"
fi
