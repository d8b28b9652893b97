#!/usr/bin/env bash
# Widows, orphans and stranded headings, read from the PDFs with
# pdftotext -bbox-layout (keeps.py), not taken from the program's --stats.
# The check is shown to work: with HANDBOOK_TEST_NO_KEEPS set, paginate.c
# breaks where its keeps forbid, and keeps.py must then find the same faults
# the program counts itself.
. "$(dirname "$0")/lib/harness.sh"
S=tests/fixtures/support
SIX=tests/fixtures/six-levels

# the books as made: no faults
i=0
while read -r dir opts; do
	i=$((i + 1))
	"$HB" -q --date 2026-01-15 $opts -o "$T/k$i.pdf" "$dir" 2>/dev/null
	check "no widows, orphans or stranded headings (PDF): $dir $opts" python3 tests/e2e/keeps.py "$T/k$i.pdf" "$dir"
done <<EOF2
$S
$S --duplex
$S --paper letter
$S --review L4-Support-Manager
$SIX
$SIX --duplex --paper letter
EOF2

# keeps off: the checker finds every fault the program counts, and nothing else
while read -r opts; do
	HANDBOOK_TEST_NO_KEEPS=1 "$HB" -q --stats --date 2026-01-15 $opts -o "$T/bad.pdf" $S 2>/dev/null |
		grep -E '^(widows|orphans|stranded headings):' >"$T/stats"
	python3 tests/e2e/keeps.py "$T/bad.pdf" $S | grep -E '^(widows|orphans|stranded headings):' >"$T/found"
	check "keeps off ($S $opts): the PDF check counts what --stats counts" diff "$T/stats" "$T/found"
	check "keeps off ($S $opts): widows, orphans and a stranded heading found" bash -c \
		"! grep -q ': 0$' '$T/found'"
done <<EOF2
--paper a4
--duplex
--paper letter
EOF2

finish keeps
