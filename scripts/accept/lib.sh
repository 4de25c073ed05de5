# The project's acceptance scripts use the shared helpers (../shared/accept/lib.sh): find and source them.
for _shared in "$(dirname "${BASH_SOURCE[0]}")/../../../shared" /work/shared; do
  if [ -f "$_shared/accept/lib.sh" ]; then source "$_shared/accept/lib.sh"; break; fi
done
declare -F check >/dev/null || { echo "../shared/accept/lib.sh not found"; exit 2; }
