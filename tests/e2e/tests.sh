#!/usr/bin/env bash
# The harness itself (tests/e2e/lib/harness.sh): a check that hangs is
# killed at CHECK_TIMEOUT, with what it started, and fails; the suite goes
# on to its next check.  Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"

# a suite of three checks: a program that hangs, a function whose child
# hangs (its pid written to $T/child), and one that passes
cat >"$T/hang.sh" <<'EOF'
. tests/e2e/lib/harness.sh
check "hangs (program)" sleep 30
stuck() { sleep 30 & echo $! >"$OUTER/child"; wait; }
check "hangs (function)" stuck
check "after them" true
finish hang
EOF
start=${EPOCHREALTIME/./}
CHECK_TIMEOUT=1 HANDBOOK_SLOW=2 OUTER=$T bash "$T/hang.sh" >"$T/hang.out" 2>&1; rc=$?
took=$(( (${EPOCHREALTIME/./} - start) / 1000 ))
check "a hung check is killed at CHECK_TIMEOUT x HANDBOOK_SLOW (two of 2 s: $took ms)" \
	bash -c "[ $took -ge 4000 ] && [ $took -lt 15000 ]"
check "the killed checks fail, named, with the limit; the next one runs" bash -c "
	[ $rc -ne 0 ] && grep -q '^FAIL hangs (program)' '$T/hang.out' && grep -q '^FAIL hangs (function)' '$T/hang.out' &&
	[ \$(grep -c 'timed out after 2 s (CHECK_TIMEOUT=1, HANDBOOK_SLOW=2); killed' '$T/hang.out') -eq 2 ] &&
	grep -q '^ok   after them' '$T/hang.out' && [ \"\$(tail -n 1 '$T/hang.out')\" = '1 passed, 2 failed' ]"
check "a function check's child is killed with it" bash -c "[ -s '$T/child' ] && ! kill -0 \$(cat '$T/child') 2>/dev/null"

# a suite stopped by tests/suite.sh's limit takes its running check along
cat >"$T/stop.sh" <<'EOF'
. tests/e2e/lib/harness.sh
stuck() { sleep 30 & echo $! >"$OUTER/child2"; wait; }
check "hangs past the suite's limit" stuck
finish stop
EOF
SUITE_TIMEOUT=1 OUTER=$T bash tests/suite.sh stop "$T/stop.txt" bash "$T/stop.sh"
check "a suite stopped at its limit: the check it was running is killed too" \
	bash -c "grep -q '^FAIL stop: timed out' '$T/stop.txt' && [ -s '$T/child2' ] && ! kill -0 \$(cat '$T/child2') 2>/dev/null"

# within the limit, a check's verdict and output are its command's
cat >"$T/quick.sh" <<'EOF'
. tests/e2e/lib/harness.sh
say() { echo "said $1"; return "$2"; }
check "function passes" say one 0
check "function fails" say two 3
check "program fails" sh -c 'echo printed; exit 4'
check "builtin test" test 1 -eq 1
finish quick
EOF
CHECK_TIMEOUT=5 bash "$T/quick.sh" >"$T/quick.out" 2>&1
check "within the limit: pass, fail and the failing command's output as before" bash -c "
	grep -q '^ok   function passes' '$T/quick.out' && grep -A1 '^FAIL function fails' '$T/quick.out' | grep -q 'said two' &&
	grep -A1 '^FAIL program fails' '$T/quick.out' | grep -q printed && grep -q '^ok   builtin test' '$T/quick.out' &&
	[ \"\$(tail -n 1 '$T/quick.out')\" = '2 passed, 2 failed' ]"

# ---- tests/e2e/lib/textcopy: what poppler reads from it is what it reads from the PDF ----
TC=tests/e2e/lib/textcopy
"$HB" -q --date 2026-01-15 -o "$T/h.pdf" content 2>/dev/null
$TC "$T/h.pdf" "$T/hc.pdf"
check "textcopy: the output intent gone, the copy clean (qpdf --check)" bash -c "
	qpdf --qdf --object-streams=disable '$T/h.pdf' - | grep -aq '/OutputIntents' &&
	! qpdf --qdf --object-streams=disable '$T/hc.pdf' - | grep -aq '/OutputIntents' && qpdf --check '$T/hc.pdf' >/dev/null"
check "textcopy: pdftotext (plain, -raw, -bbox-layout) and pdfimages -list read the same" bash -c "
	for o in -enc -raw -bbox-layout; do [ \$o = -enc ] && o='-enc UTF-8'
		cmp <(pdftotext \$o '$T/h.pdf' -) <(pdftotext \$o '$T/hc.pdf' -) || exit 1; done
	cmp <(pdfimages -list '$T/h.pdf') <(pdfimages -list '$T/hc.pdf')"
head -c 60000 "$T/h.pdf" >"$T/cut.pdf"
$TC "$T/cut.pdf" "$T/cutc.pdf"
"$HB" -q --date 2026-01-15 --pdf-standard ua-1 -o "$T/ua.pdf" content 2>/dev/null
$TC "$T/ua.pdf" "$T/uac.pdf"
check "textcopy: a PDF qpdf finds fault with, or one without an intent, is copied as made" \
	bash -c "cmp '$T/cut.pdf' '$T/cutc.pdf' && cmp '$T/ua.pdf' '$T/uac.pdf'"

finish tests
