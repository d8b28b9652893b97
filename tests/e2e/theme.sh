#!/usr/bin/env bash
# The organisation's own book (issue 17): handbook.yml in the content
# folder, --config, --theme, --print-config, --for; each read back from
# the PDF with qpdf and poppler.  Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"

# content with the test theme beside it
themed() { rm -rf "$T/c"; cp -r tests/fixtures/support "$T/c"; cp tests/fixtures/theme/handbook.yml "$T/c/"; }
# the fill and stroke colours a PDF's content streams set, one a line
colours() { qpdf --qdf --object-streams=disable "$1" "$T/qdf.pdf" && grep -aE ' (rg|RG)$' "$T/qdf.pdf" | sort -u; }

# ---- no handbook.yml: nothing changes ----
"$HB" -q --date 2026-01-15 -o "$T/plain.pdf" tests/fixtures/support 2>"$T/err"; rc=$?
check "no handbook.yml: exit 0, no warnings" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ]"
"$HB" --date 2026-01-15 --print-config tests/fixtures/support >"$T/default.yml"
check "--print-config without a file: the defaults" bash -c "
	grep -q '^    primary: \"#1F3A5F\"' '$T/default.yml' && grep -q '^  paper: 595.275ptx841.889pt' '$T/default.yml'"

# ---- a theme file ----
themed
"$HB" -q --date 2026-01-15 -o "$T/t.pdf" "$T/c" 2>"$T/err"; rc=$?
check "handbook.yml: exit 0, no warnings" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ]"
check "handbook.yml: qpdf --check is clean" qpdf --check "$T/t.pdf"
colours "$T/t.pdf" >"$T/rgb"
check "primary #AA0000 (headings) in the content streams" grep -qx '0.667 0 0 rg' "$T/rgb"
check "accent #00AA00 (title bar, links) in the content streams" grep -qx '0 0.667 0 rg' "$T/rgb"
check "text #000066 in the content streams" grep -qx '0 0 0.4 rg' "$T/rgb"
check "rules #CC9900 in the content streams" grep -qx '0.8 0.6 0 RG' "$T/rgb"
check "table header #FFEECC in the content streams" grep -qx '1 0.933 0.8 rg' "$T/rgb"
colours "$T/plain.pdf" >"$T/rgb0"
check "the default heading colour is gone" bash -c "grep -qx '0.122 0.227 0.373 rg' '$T/rgb0' && ! grep -qx '0.122 0.227 0.373 rg' '$T/rgb'"
check "paper 170x240mm: every page 481.889 x 680.314 pt" bash -c "
	pdfinfo -f 1 -l 99 '$T/t.pdf' | grep 'size:' | grep -v '481.889 x 680.314 pts' | grep -v 'rotated' >'$T/sizes'; [ ! -s '$T/sizes' ]
	pdfinfo '$T/t.pdf' | grep -q 'Page size: *481.889 x 680.314 pts'"
pdftotext -f 1 -l 1 "$T/t.pdf" "$T/p1.txt"
check "title page: the configured subtitle and organisation" bash -c "
	grep -qx 'How we grow people at Acme' '$T/p1.txt' && grep -qx 'Acme Widgets' '$T/p1.txt' &&
	! grep -q 'Roles, expectations and growth' '$T/p1.txt'"
check "metadata: the organisation is the author" bash -c "pdfinfo '$T/t.pdf' | grep -q '^Author: *Acme Widgets'"

# ---- the command line over the file ----
"$HB" -q --date 2026-01-15 --paper letter --org 'Other Org' -o "$T/cli.pdf" "$T/c"
check "--paper and --org override handbook.yml" bash -c "
	pdfinfo '$T/cli.pdf' | grep -q 'Page size: *612 x 792 pts' && pdfinfo '$T/cli.pdf' | grep -q '^Author: *Other Org'"
"$HB" --paper letter --print-config "$T/c" >"$T/eff.yml"
check "--print-config: the effective values, file and command line" bash -c "
	grep -q '^organisation: \"Acme Widgets\"' '$T/eff.yml' && grep -q '^  paper: 612ptx792pt\|^  paper: 612.000ptx792.000pt' '$T/eff.yml' &&
	grep -q '^    accent: \"#00AA00\"' '$T/eff.yml'"
"$HB" -q --date 2026-01-15 --config "$T/eff.yml" -o "$T/again.pdf" tests/fixtures/support 2>"$T/err"; rc=$?
check "--config reads --print-config's output back, silently" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] &&
	pdfinfo '$T/again.pdf' | grep -q 'Page size: *612 x 792 pts'"

# ---- bad keys and values: warnings by line, the book still made ----
themed
cat >>"$T/c/handbook.yml" <<'YML'
colour: red
page_size: a4
watermark:
  poster: DRAFT
YML
sed -i 's/primary: "#AA0000"/primary: "#AA00"/; s/inner: 20mm/inner: 20/' "$T/c/handbook.yml"
"$HB" -q --date 2026-01-15 -o "$T/bad.pdf" "$T/c" 2>"$T/err"; rc=$?
check "bad values: exit 0, a PDF" bash -c "[ $rc -eq 0 ] && [ -s '$T/bad.pdf' ]"
check "a bad colour: FILE:LINE warning, HB142" grep -q "handbook.yml:7: warning: configuration: theme.colours.primary takes a colour as #RRGGBB, not '#AA00'; it is ignored \[HB142\]" "$T/err"
check "a length without a unit: FILE:LINE warning" grep -q "handbook.yml:15: warning: configuration: page.margins.inner takes a length" "$T/err"
check "unknown keys: FILE:LINE warnings, HB141" bash -c "
	grep -q \"handbook.yml:17: warning: configuration: unknown key 'colour' is ignored \[HB141\]\" '$T/err' &&
	grep -q \"handbook.yml:18: warning: configuration: unknown key 'page_size' is ignored\" '$T/err' &&
	grep -q \"handbook.yml:20: warning: configuration: unknown key 'watermark.poster' is ignored\" '$T/err'"
"$HB" -q --strict --date 2026-01-15 -o "$T/bad2.pdf" "$T/c" 2>/dev/null; rc=$?
check "--strict: a configuration warning fails the run" test $rc -eq 1
printf 'theme: [unclosed\n' >"$T/c/handbook.yml"
"$HB" -q --date 2026-01-15 -o "$T/bad3.pdf" "$T/c" 2>"$T/err"; rc=$?
check "not YAML: one warning, HB140, the defaults" bash -c "[ $rc -eq 0 ] && grep -q 'handbook.yml:2: warning: configuration is not valid YAML' '$T/err' &&
	grep -q HB140 '$T/err' && [ \$(wc -l <'$T/err') -eq 1 ]"
ln -sf /etc/passwd "$T/c/handbook.yml"
"$HB" -q --date 2026-01-15 -o "$T/bad4.pdf" "$T/c" 2>"$T/err"; rc=$?
check "a symbolic link as handbook.yml is not followed" bash -c "[ $rc -eq 0 ] && grep -q 'configuration cannot be read: it is a symbolic link' '$T/err'"
"$HB" -q --config "$T/none.yml" -o "$T/bad5.pdf" tests/fixtures/support 2>"$T/err"
check "--config naming no file: a warning naming it" grep -q "none.yml: warning: configuration cannot be read: No such file" "$T/err"

finish theme
