#!/usr/bin/env bash
# What keeps make check fast without changing what it checks: the suites'
# pdftotext and pdfimages (tests/e2e/lib/bin/textread) give what poppler
# gives on the PDF itself, and German hyphenation patterns load in a
# fraction of a second (hyphdict.c).  Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"
SLOW=${HANDBOOK_SLOW:-1}
REAL=$(PATH=/usr/bin:/bin command -v pdftotext)
REAL_IMAGES=$(PATH=/usr/bin:/bin command -v pdfimages)

# six levels: ten pages (poppler's own reads here are the slow ones)
"$HB" -q --date 2026-01-15 -o "$T/h.pdf" tests/fixtures/six-levels
check "the suites' pdftotext is the wrapper" bash -c "[ \"\$(command -v pdftotext)\" = '$ROOT/tests/e2e/lib/bin/pdftotext' ]"
pdftotext "$T/h.pdf" "$T/w.txt"; "$REAL" "$T/h.pdf" "$T/r.txt"
check "pdftotext: the same text as poppler's on the PDF itself" bash -c "[ -s '$T/r.txt' ] && cmp '$T/w.txt' '$T/r.txt'"
check "pdftotext: read from a copy without the output intent, made once" \
	bash -c "[ \$(ls '$T/textcopy' | wc -l) -eq 1 ] && grep -aq /OutputIntentX '$T'/textcopy/*.pdf"
pdftotext -bbox-layout "$T/h.pdf" - >"$T/w.html"; "$REAL" -bbox-layout "$T/h.pdf" - >"$T/r.html"
check "pdftotext -bbox-layout: the same boxes" cmp "$T/w.html" "$T/r.html"
pdfimages -list "$T/h.pdf" >"$T/w.list"; "$REAL_IMAGES" -list "$T/h.pdf" >"$T/r.list"
check "pdfimages -list: the same list" cmp "$T/w.list" "$T/r.list"
check "pdftotext of a missing file fails as poppler's does" bash -c "! pdftotext '$T/no-such.pdf' - 2>/dev/null"
"$HB" -q --date 2026-01-15 --pdf-standard none -o "$T/none.pdf" tests/fixtures/six-levels
rm -rf "$T/textcopy"
pdftotext "$T/none.pdf" "$T/n.txt"
check "a PDF without an ICC profile is read as it is (no copy)" bash -c "[ -s '$T/n.txt' ] && [ ! -e '$T/textcopy' ]"
# the copy is what is read: one planted under the PDF's key is read instead
"$HB" -q --date 2026-01-15 -o "$T/role.pdf" --role L2 tests/fixtures/six-levels
mkdir -p "$T/textcopy"; k=$(sha1sum <"$T/role.pdf"); cp "$T/h.pdf" "$T/textcopy/${k%% *}.pdf"
check "pdftotext reads the copy made for the PDF's content" bash -c "pdftotext '$T/role.pdf' - | cmp -s - '$T/r.txt'"

# libhyphen's own loader took 3.9 s of CPU for the German patterns
/usr/bin/time -f '%U %S' -o "$T/rusage" "$HB" -q --date 2026-01-15 -o "$T/de.pdf" tests/fixtures/lang-de 2>/dev/null
check "a German book: under 2 s of CPU ($(awk '{ print $1 + $2 }' "$T/rusage") s)" \
	bash -c "[ -s '$T/de.pdf' ] && awk -v k=$SLOW '{ exit !(\$1 + \$2 < 2 * k) }' '$T/rusage'"
finish fastcheck
