# The project's acceptance scripts use the shared helpers (../shared/accept/lib.sh): find and source them.
for _shared in "$(dirname "${BASH_SOURCE[0]}")/../../../shared" /work/shared; do
  if [ -f "$_shared/accept/lib.sh" ]; then source "$_shared/accept/lib.sh"; break; fi
done
declare -F check >/dev/null || { echo "../shared/accept/lib.sh not found"; exit 2; }

# The shared free_port draws from 20000-49999, which overlaps the kernel's ephemeral range (32768-60999 here): an
# outgoing connection can take the port between the draw and the agent's bind (clients.sh once failed so, "Address
# already in use" for a client's HTTP port). Ours draws below the ephemeral range and skips ports any socket holds.
free_port() {
  local low p
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range)
  while :; do
    p=$((10000 + RANDOM % (low - 10000)))
    ss -tanuH "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return; }
  done
}
