#!/usr/bin/env bash
# What keeps make check fast without changing what it checks: poppler reads
# our PDFs quickly (the output intent's sRGB profile is srgb.c's 528 bytes,
# whose 32-point curve poppler inverts at once; Debian's 2.5 KB profile made
# every pdftotext of the handbook take 0.6-0.9 s), and German hyphenation
# patterns load in a fraction of a second (hyphdict.c).  Prints "N passed,
# N failed".
. "$(dirname "$0")/lib/harness.sh"
SLOW=${HANDBOOK_SLOW:-1}

# poppler on the default handbook: a tenth of a second, not most of one
"$HB" -q --date 2026-01-15 -o "$T/h.pdf" content
/usr/bin/time -f '%U %S' -o "$T/ptime" pdftotext "$T/h.pdf" "$T/h.txt"
check "pdftotext reads the handbook in under 0.4 s of CPU ($(awk '{ print $1 + $2 }' "$T/ptime") s)" \
	bash -c "[ -s '$T/h.txt' ] && awk -v k=$SLOW '{ exit !(\$1 + \$2 < 0.4 * k) }' '$T/ptime'"
/usr/bin/time -f '%U %S' -o "$T/itime" pdfimages -list "$T/h.pdf" >"$T/h.list"
check "pdfimages -list reads it in under 0.3 s of CPU ($(awk '{ print $1 + $2 }' "$T/itime") s)" \
	bash -c "awk -v k=$SLOW '{ exit !(\$1 + \$2 < 0.3 * k) }' '$T/itime'"

# libhyphen's own loader took 3.9 s of CPU for the German patterns
/usr/bin/time -f '%U %S' -o "$T/rusage" "$HB" -q --date 2026-01-15 -o "$T/de.pdf" tests/fixtures/lang-de 2>/dev/null
check "a German book: under 2 s of CPU ($(awk '{ print $1 + $2 }' "$T/rusage") s)" \
	bash -c "[ -s '$T/de.pdf' ] && awk -v k=$SLOW '{ exit !(\$1 + \$2 < 2 * k) }' '$T/rusage'"
finish fastcheck
