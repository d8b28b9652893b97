#!/usr/bin/env bash
# The test machinery itself: a suite that hangs is killed by tests/suite.sh
# and counted as a failure, summary.sh adds the counts up, and the unit
# tests run without content/ (they read tests/fixtures/ only).
. "$(dirname "$0")/lib/harness.sh"

# a suite that hangs after one passing test
printf 'echo "ok   first"\nsleep 30\necho "ok   never"\n' >"$T/hang.sh"
start=$(date +%s)
SUITE_TIMEOUT=1 HANDBOOK_SLOW=2 bash tests/suite.sh hang "$T/hang.txt" bash "$T/hang.sh"
took=$(( $(date +%s) - start ))
check "a hung suite is killed at SUITE_TIMEOUT x HANDBOOK_SLOW ($took s)" test "$took" -lt 20
check "the timeout names the suite and the limit" grep -q '^FAIL hang: timed out after 2 s' "$T/hang.txt"
check "the timed-out suite's count keeps its passes and adds the failure" bash -c \
	"[ \"\$(tail -n 1 '$T/hang.txt')\" = '1 passed, 1 failed' ] && ! grep -q never '$T/hang.txt'"
mkdir -p "$T/res"
cp "$T/hang.txt" "$T/res/hang.txt"
printf 'ok   a\n1 passed, 0 failed\n' >"$T/res/good.txt"
bash tests/summary.sh "$T/res" >"$T/sum" 2>&1; rc=$?
check "summary.sh: a timed-out suite fails the run" bash -c "[ $rc -ne 0 ] && [ \"\$(tail -n 1 '$T/sum')\" = '2 passed, 1 failed' ]"
printf 'echo "ok   quick"; echo "1 passed, 0 failed"\n' >"$T/quick.sh"
SUITE_TIMEOUT=5 bash tests/suite.sh quick "$T/quick.txt" bash "$T/quick.sh"
check "a suite inside its limit is left alone" bash -c "[ \"\$(cat '$T/quick.txt')\" = \"\$(printf 'ok   quick\n1 passed, 0 failed')\" ]"

# the unit tests need fonts/ and tests/fixtures/, not the sample content
UNIT=$(dirname "$HB")/unit-tests
if [ -x "$UNIT" ]; then
	mkdir -p "$T/root/tests"
	cp -r fonts "$T/root/" && cp -r tests/fixtures "$T/root/tests/"
	(cd "$T/root" && "$UNIT") >"$T/unit" 2>&1
	check "unit tests pass with no content/ folder" bash -c "tail -n 1 '$T/unit' | grep -Eq '^[1-9][0-9]* passed, 0 failed$'"
fi

# every library fact a source comment cites is in the repository
check "source comments cite library facts in docs/, each section present" python3 - <<'PY'
import glob, re, sys
bad, n = [], 0
for f in sorted(glob.glob("src/*.[ch]")):
    text = open(f, encoding="utf-8").read()
    if re.search(r"library-facts|\(facts §", text):
        bad.append("%s cites a document not in the repository" % f)
    for m in re.finditer(r"docs/([\w.-]+\.md) (§\d+(?:, §\d+)*)", text):
        n += 1
        try:
            doc = open("docs/" + m.group(1), encoding="utf-8").read()
        except OSError:
            bad.append("%s: docs/%s is missing" % (f, m.group(1)))
            continue
        for sec in re.findall(r"§(\d+)", m.group(2)):
            if not re.search(r"^## §%s\. " % sec, doc, re.M):
                bad.append("%s: docs/%s has no §%s" % (f, m.group(1), sec))
if bad or not n:
    sys.exit("\n".join(bad) or "no citations found")
PY

finish suites
