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
# HARNESS_PROFILE=FILE: each result appends the CPU (this shell and its
# waited-for children, in 1/100 s) and wall (ms) spent since the previous one
_prof_cpu=0 _prof_wall=${EPOCHREALTIME/./}
_prof() {
	[ -n "${HARNESS_PROFILE:-}" ] || return 0
	local s; read -r s </proc/$$/stat; s=${s##*) }
	local f=($s) c w
	c=$(( f[11] + f[12] + f[13] + f[14] )) w=${EPOCHREALTIME/./}
	printf '%s\t%d\t%d\t%s\n' "${0##*/}" $((c - _prof_cpu)) $(((w - _prof_wall) / 1000)) "$1" >>"$HARNESS_PROFILE"
	_prof_cpu=$c _prof_wall=$w
}
ok() { pass=$((pass + 1)); echo "ok   $1"; _prof "$1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && printf '     %s\n' "$2"; _prof "$1"; }
# check NAME COMMAND...: runs COMMAND (output in $T/out) and counts it; a
# command that runs longer than CHECK_TIMEOUT seconds (120 unless set; times
# HANDBOOK_SLOW under sanitizers) is killed with what it started and fails
# the check, so one hung check costs its limit, not the suite's
CHECK_LIMIT=$(( ${CHECK_TIMEOUT:-120} * ${HANDBOOK_SLOW:-1} ))
check() {
	local name=$1 rc; shift
	if [ "$1" = test ] || [ "$1" = "[" ]; then
		"$@" >"$T/out" 2>&1; rc=$? # the builtin: nothing to wait for
	elif declare -F "$1" >/dev/null; then
		# a function cannot run under timeout(1): run it in a subshell of
		# its own process group, and a sleep beside it as the clock
		local pid clock
		set -m; ("$@") >"$T/out" 2>&1 & pid=$!; set +m
		sleep "$CHECK_LIMIT" & clock=$!
		wait -n "$pid" "$clock"; rc=$?
		if kill -0 "$pid" 2>/dev/null; then
			kill -KILL -- "-$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rc=124
		else
			# KILL, not TERM: a child not yet turned into sleep would run
			# the suite's TERM and EXIT traps, removing $T
			kill -KILL "$clock" 2>/dev/null; wait "$clock" 2>/dev/null
		fi
	else
		timeout -k 5 "$CHECK_LIMIT" "$@" >"$T/out" 2>&1; rc=$?
	fi
	if [ "$rc" -eq 0 ]; then
		ok "$name"
	elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		bad "$name" "timed out after $CHECK_LIMIT s (CHECK_TIMEOUT=${CHECK_TIMEOUT:-120}, HANDBOOK_SLOW=${HANDBOOK_SLOW:-1}); killed"
	else
		bad "$name" "$(head -c 800 "$T/out")"
	fi
}
# a copy of the content a test may break
fixture() { rm -rf "$T/c"; cp -r content "$T/c"; }
finish() {
	echo "$1: $pass passed, $fail failed"
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
