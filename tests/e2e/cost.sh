#!/usr/bin/env bash
# The price of tagged PDF/A (issue 16 item 5): what the structure and the
# file layout cost in bytes stays small, and the tree stays compact (one
# Link element per link, list items without needless wrappers) while every
# reader still reads it.  Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"

"$HB" -q --date 2026-01-15 -o "$T/h.pdf" content 2>"$T/err"
check "handbook: builds" test -s "$T/h.pdf"
check "handbook: qpdf --check clean" bash -c "qpdf --check '$T/h.pdf' | grep -q 'No syntax or stream encoding errors'"
check "handbook: poppler reads every page" bash -c "pdfinfo '$T/h.pdf' | grep -q '^Pages: *[1-9]' && pdftotext '$T/h.pdf' - | grep -q 'Index'"

# ---- the cross-reference stream: rows stored as differences ----
# (without the predictor its 10,000 rows of a 100-file book are 30 KB)
check "xref stream: PNG Up predictor, fields as narrow as they can be" \
	bash -c "grep -aq '/Type /XRef /Size [0-9]* /W \[1 [1-4] [1-2]\] .*/DecodeParms << /Predictor 12 /Columns [3-7] >>' '$T/h.pdf'"
xref_size() { python3 - "$1" <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read()
m = re.search(rb"/Type /XRef.*?/Length (\d+)", d, re.S)
print(m.group(1).decode() if m else 999999)
PY
}
check "xref stream: under 1,000 bytes on the handbook" test "$(xref_size "$T/h.pdf")" -lt 1000

finish cost
