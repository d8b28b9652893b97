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
trap 'rm -rf "$T"' EXIT # until _stop below
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
# check NAME COMMAND...: runs COMMAND (output in $T/out) and counts it.  A
# check that runs longer than CHECK_TIMEOUT seconds (120 unless set; times
# HANDBOOK_SLOW under sanitizers) is killed with what it started and fails,
# so one hung check costs its limit, not the suite's.  Each check runs in
# a process group of its own (set -m) whose id and start go to $_now; one
# watchdog a suite reads it every second and kills an overdue group.  (A
# timeout(1) around each check cost a fork and an exec more: 10 ms of CPU
# a check, 8 s over the suites.)
CHECK_LIMIT=$(( ${CHECK_TIMEOUT:-120} * ${HANDBOOK_SLOW:-1} ))
# nap SECONDS: waits like sleep(1) without starting a process (a fork and
# an exec cost this VM ~5 ms of CPU; the watchdogs alone slept 2,500 times
# a make check): read times out on a pipe nobody ever writes to, held open
# for reading and writing so it never reaches end of file
exec {_nap}<> <(:)
nap() { read -r -t "$1" -u "$_nap" _ || :; }
_now=$T.check
: >"$_now"
(
	trap - EXIT TERM INT
	while kill -0 $$ 2>/dev/null; do
		nap 1
		read -r pid start <"$_now" 2>/dev/null || continue
		[[ ${pid:-} =~ ^[0-9]+$ && ${start:-} =~ ^[0-9]+$ ]] || continue
		[ $((${EPOCHREALTIME/./} - start)) -ge $((CHECK_LIMIT * 1000000)) ] && kill -KILL -- "-$pid" 2>/dev/null
	done
) &
_watchdog=$!
disown "$_watchdog" # its end is no news
# on exit (also when suite.sh's limit stops the suite): the watchdog and a
# check still running go too, then the scratch folder
_stop() {
	local pid start
	kill -KILL "$_watchdog" 2>/dev/null
	read -r pid start <"$_now" 2>/dev/null && [[ ${pid:-} =~ ^[0-9]+$ ]] && kill -KILL -- "-$pid" 2>/dev/null
	rm -rf "$T" "$_now"
}
trap _stop EXIT
# `check NAME bash -c SCRIPT` (some 600 checks) runs SCRIPT in the check's
# own forked process, as a fresh bash would: no -u, no traps, no arguments
# (an exec of bash costs ~7 ms of CPU here, a make check ~4 s)
_script() { set +m +u; trap - EXIT TERM INT; local _s=$1; set --; eval "$_s"; }
check() {
	local name=$1 rc pid start=${EPOCHREALTIME/./}; shift # in microseconds
	set -m
	if [ $# -eq 3 ] && [ "$1" = bash ] && [ "$2" = -c ]; then
		_script "$3" >"$T/out" 2>&1 &
	else
		"$@" >"$T/out" 2>&1 &
	fi
	pid=$!; set +m
	echo "$pid $start" >"$_now"
	{ wait "$pid"; } 2>/dev/null; rc=$? # no "Killed" notice: the check says it
	: >"$_now"
	if [ "$rc" -eq 0 ]; then
		ok "$name"
	elif [ "$rc" -eq 137 ] && [ $((${EPOCHREALTIME/./} - start)) -ge $((CHECK_LIMIT * 1000000)) ]; then
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
