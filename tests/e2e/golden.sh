#!/usr/bin/env bash
# Golden tests: every case of tests/golden/cases laid out with --dump and
# compared with its expected text, tests/golden/NAME.dump.  A difference is
# a failure showing the first 40 lines of `diff -u`; when the change is
# meant, `make golden` rewrites the expected files (review the diff, commit).
. "$(dirname "$0")/lib/harness.sh"
. tests/golden/lib.sh

n=0
for name in $(golden_cases); do
	n=$((n + 1))
	if [ ! -f "$GOLDEN/$name.dump" ]; then
		bad "golden $name" "no $GOLDEN/$name.dump: run make golden"
		continue
	fi
	golden_run "$name" >"$T/$name.dump"
	if diff -u --label "$GOLDEN/$name.dump" --label "now" "$GOLDEN/$name.dump" "$T/$name.dump" >"$T/$name.diff"; then
		ok "golden $name"
	else
		bad "golden $name" "$(head -n 40 "$T/$name.diff")"
	fi
done
check "at least 15 golden cases" test "$n" -ge 15

# a dump names every kind of item the display list has
check "the dumps hold text, rect, line, image, link and dest items" bash -c \
	"for k in text rect line image link dest; do grep -q \"^\$k \" $GOLDEN/*.dump || exit 1; done"
check "--dump writes no file and asks no Git" bash -c \
	"cd '$T' && '$HB' --dump --date 2026-01-15 '$ROOT/content' >d.txt && [ ! -e handbook.pdf ] && ! grep -q 'Version ' d.txt && grep -q '^page 1 folio i size 595.275x841.889' d.txt"

finish golden
