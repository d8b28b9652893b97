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
check "a hung check is killed at CHECK_TIMEOUT x HANDBOOK_SLOW (two of 2 s, not two of 30: $took ms)" \
	bash -c "[ $took -ge 4000 ] && [ $took -lt 40000 ]"
check "the killed checks fail, named, with the limit; the next one runs" bash -c "
	[ $rc -ne 0 ] && grep -q '^FAIL hangs (program)' '$T/hang.out' && grep -q '^FAIL hangs (function)' '$T/hang.out' &&
	[ \$(grep -c 'timed out after 2 s (CHECK_TIMEOUT=1, HANDBOOK_SLOW=2); killed' '$T/hang.out') -eq 2 ] &&
	grep -q '^ok   after them' '$T/hang.out' && [ \"\$(tail -n 1 '$T/hang.out')\" = '1 passed, 2 failed' ]"
# gone PID: no such process, or a zombie not yet reaped by init (a loaded machine)
gone() { for _ in $(seq 50); do [ "$(ps -o stat= -p "$1")" = "" ] || [[ $(ps -o stat= -p "$1") == Z* ]] && return 0; sleep 0.1; done; return 1; }
check "a function check's child is killed with it" bash -c "$(declare -f gone); [ -s '$T/child' ] && gone \$(cat '$T/child')"

# a suite stopped as tests/suite.sh's limit stops it (TERM) takes its
# running check along: stopped once the check has begun, however loaded
# the machine
cat >"$T/stop.sh" <<'EOF'
. tests/e2e/lib/harness.sh
stuck() { sleep 30 & echo $! >"$OUTER/child2"; wait; }
check "hangs past the suite's limit" stuck
finish stop
EOF
OUTER=$T bash "$T/stop.sh" >"$T/stop.txt" 2>&1 & spid=$!
for ((i = 0; i < 600; i++)); do [ -s "$T/child2" ] && break; nap 0.1; done
kill -TERM "$spid"; wait "$spid"; rc=$?
check "a suite stopped (TERM): it exits 143, the check it was running is killed too" \
	bash -c "$(declare -f gone); [ $rc -eq 143 ] && [ -s '$T/child2' ] && gone \$(cat '$T/child2')"

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
check "textcopy: pdftotext (plain, -raw, -bbox-layout) reads the same" bash -c "
	for o in -enc -raw -bbox-layout; do [ \$o = -enc ] && o='-enc UTF-8'
		cmp <(pdftotext \$o '$T/h.pdf' -) <(pdftotext \$o '$T/hc.pdf' -) || exit 1; done"
# qpdf numbers the objects anew: pdfimages -list names them in the order met
rm -rf "$T/lc"; cp -r tests/fixtures/support "$T/lc"; cp tests/theme-fixture/logo.png "$T/lc/"
printf 'theme:\n  logo: logo.png\n  logo_in_head: yes\n' >"$T/lc/handbook.yml"
printf '\n![Logo](logo.png)\n\n![Again](logo.png)\n' >>"$T/lc/$(ls "$T/lc" | grep -m1 '^L1')"
"$HB" -q --date 2026-01-15 -o "$T/logo.pdf" "$T/lc" 2>/dev/null
$TC "$T/logo.pdf" "$T/logoc.pdf"
objs() { pdfimages -list "$1" | awk 'NR > 2 { if (!($11 in n)) n[$11] = ++k; $11 = n[$11]; print }'; }
objs "$T/logo.pdf" >"$T/l1"; objs "$T/logoc.pdf" >"$T/l2"
check "textcopy: pdfimages -list the same (objects named in the order met), an image on many pages" \
	bash -c "cmp '$T/l1' '$T/l2' && [ \$(wc -l <'$T/l1') -ge 10 ]"
head -c 60000 "$T/h.pdf" >"$T/cut.pdf"
$TC "$T/cut.pdf" "$T/cutc.pdf"
"$HB" -q --date 2026-01-15 --pdf-standard ua-1 -o "$T/ua.pdf" content 2>/dev/null
$TC "$T/ua.pdf" "$T/uac.pdf"
check "textcopy: a PDF qpdf finds fault with, or one without an intent, is copied as made" \
	bash -c "cmp '$T/cut.pdf' '$T/cutc.pdf' && cmp '$T/ua.pdf' '$T/uac.pdf'"

finish tests
