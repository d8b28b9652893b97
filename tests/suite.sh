#!/usr/bin/env bash
# suite.sh NAME OUT COMMAND...: runs one test suite for `make check` with
# its output in OUT, under a time limit, so that a hung suite fails the run
# instead of stalling it.  The limit is SUITE_TIMEOUT seconds (300 unless
# set) times HANDBOOK_SLOW (make asan sets 4: sanitizers run slower).  When
# it fires, the whole suite (its process group) is killed and OUT ends with
# a FAIL line and a count that includes the failure, for summary.sh.
name=$1 out=$2
shift 2
# the checking tools are the Debian packages the Makefile installs (PKGS), in
# /usr/bin; a version manager's python3 shim earlier in PATH (pyenv here)
# costs 0.5 s of CPU per call, and the suites call python3 a hundred times
export PATH=/usr/bin:$PATH
# a page fault costs this virtual machine ~40 us, a fifth of a short run's
# CPU: glibc's malloc asks for transparent huge pages (a 2 MB page is one
# fault, not 512) and python allocates through it; 10-20% of the suite's
# CPU.  The programs behave the same: only where pages come from changes.
export GLIBC_TUNABLES=${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1
export PYTHONMALLOC=malloc
limit=$(( ${SUITE_TIMEOUT:-300} * ${HANDBOOK_SLOW:-1} ))
start=$(date +%s)
timeout -k 10 "$limit" "$@" >"$out" 2>&1
rc=$?
# the suite's wall time, for make check's timing line (not a .txt: summary.sh skips it)
echo "$name $(( $(date +%s) - start ))s" >"${out%.txt}.time"
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^FAIL ' "$out")
	echo "FAIL $name: timed out after $limit s (SUITE_TIMEOUT=${SUITE_TIMEOUT:-300}, HANDBOOK_SLOW=${HANDBOOK_SLOW:-1}); killed" >>"$out"
	echo "$p passed, $((f + 1)) failed" >>"$out"
fi
exit 0
