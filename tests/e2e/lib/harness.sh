# harness.sh: what every end-to-end suite shares.  Source it first:
#   . "$(dirname "$0")/lib/harness.sh"
# It sets HB (the program, absolute), ROOT (the repository), T (a scratch
# folder removed on exit), moves to ROOT, and gives check/ok/bad to count
# results and finish to print "N passed, N failed" and exit with the verdict.
set -u
HB=${HANDBOOK:-build/handbook}
HB=$(cd "$(dirname "$HB")" && pwd)/$(basename "$HB")
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
T=$(mktemp -d)
export T
trap 'rm -rf "$T"' EXIT
trap 'exit 143' TERM INT # killed by tests/suite.sh's time limit: still clean up
cd "$ROOT"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && printf '     %s\n' "$2"; }
check() { local name=$1; shift; if "$@" >"$T/out" 2>&1; then ok "$name"; else bad "$name" "$(head -c 800 "$T/out")"; fi; }
# a copy of the content a test may break
fixture() { rm -rf "$T/c"; cp -r content "$T/c"; }
finish() {
	echo "$1: $pass passed, $fail failed"
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
