#!/usr/bin/env bash
# The organisation's own book (issue 17): handbook.yml in the content
# folder, --config, --theme, --print-config, --for; each read back from
# the PDF with qpdf and poppler.  Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"

# content with the test theme beside it
themed() { rm -rf "$T/c"; cp -r tests/fixtures/support "$T/c"; cp tests/theme-fixture/handbook.yml "$T/c/"; }
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
check "a bad colour: FILE:LINE warning, HB145" grep -q "handbook.yml:7: warning: configuration: theme.colours.primary takes a colour as #RRGGBB, not '#AA00'; it is ignored \[HB145\]" "$T/err"
check "a length without a unit: FILE:LINE warning" grep -q "handbook.yml:15: warning: configuration: page.margins.inner takes a length" "$T/err"
check "unknown keys: FILE:LINE warnings, HB143" bash -c "
	grep -q \"handbook.yml:17: warning: configuration: unknown key 'colour' is ignored \[HB143\]\" '$T/err' &&
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

# ---- running head and foot, confidentiality line, watermark, --for ----
themed
cat >>"$T/c/handbook.yml" <<'YML'
head: "{org} · {title}"
foot: "{page} of {pages} · {date}"
confidential: "Confidential: {org} internal use only"
date_format: "%Y-%m-%d"
watermark:
  review: DRAFT ONLY
YML
"$HB" -q --date 2026-01-15 --for "Jane Doe" --role L2 -o "$T/r.pdf" "$T/c" 2>"$T/err"; rc=$?
check "--for: exit 0, no warnings" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ]"
check "--for: 'Prepared for Jane Doe, DATE' on the cover, in date_format" bash -c "
	pdftotext -f 1 -l 1 '$T/r.pdf' - | grep -qx 'Prepared for Jane Doe, 2026-01-15'"
check "--for: the reader's name in the metadata (Subject)" bash -c "
	pdfinfo '$T/r.pdf' | grep -q '^Subject: .*Prepared for Jane Doe, 2026-01-15'"
pdftotext -layout "$T/r.pdf" "$T/r.txt"
check "running head from the template on a page without a chapter start" grep -q 'Acme Widgets · DevOps Support Roles' "$T/r.txt"
check "running foot from the template: page of pages and date" grep -qE '^ *[0-9]+ of [0-9]+ · 2026-01-15' "$T/r.txt"
check "the confidentiality line on every page but the cover" bash -c "
	n=\$(pdfinfo '$T/r.pdf' | sed -n 's/^Pages: *//p'); k=\$(grep -c 'Confidential: Acme Widgets internal use only' '$T/r.txt')
	[ \$k -ge \$((n - 2)) ] && [ \$k -le \$((n - 1)) ]"
check "no watermark in the role edition (configured for the review packet only)" bash -c "! grep -q 'DRAFT ONLY' '$T/r.txt'"
"$HB" -q --date 2026-01-15 --review L2 -o "$T/rv.pdf" "$T/c"
check "watermark: on the review packet's pages, under the text (drawn first)" python3 - "$T/rv.pdf" <<'PY'
import re, subprocess, sys
pdf = sys.argv[1]
txt = subprocess.run(["pdftotext", "-f", "3", "-l", "3", pdf, "-"], capture_output=True, text=True).stdout
assert "DRAFT ONLY" in txt, "no watermark text"
qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout
# the light grey is the first text colour of a page (shapes come before text)
streams = re.findall(rb"stream\n(.*?)endstream", qdf, re.S)
pages = [s for s in streams if b" Tf" in s and b"0.89 0.902 0.922 rg" in s]
assert len(pages) >= 3, len(pages)
for s in pages:
    first = re.search(rb"([0-9.]+ [0-9.]+ [0-9.]+) rg", s[s.index(b" Tf"):]) or re.search(rb"([0-9.]+ [0-9.]+ [0-9.]+) rg", s)
    first = first.group(1)
    assert first == b"0.89 0.902 0.922", first
PY

# ---- the editions' rules: README sections and text, file names ----
cat >"$T/lo.yml" <<'YML'
editions:
  leave_out: [contributing, purpose]
  leave_out_text: ["this repository"]
YML
"$HB" -q --date 2026-01-15 --role L2 -o "$T/std.pdf" tests/fixtures/support
"$HB" -q --date 2026-01-15 --config "$T/lo.yml" --role L2 -o "$T/lo.pdf" tests/fixtures/support 2>"$T/err"; rc=$?
pdftotext "$T/std.pdf" "$T/std.txt"; pdftotext "$T/lo.pdf" "$T/lo.txt"
check "built-in rule: a candidate's role edition has Purpose but no talk of the repository" bash -c "
	! grep -q 'This repository contains' '$T/std.txt' && grep -qx 'Purpose' '$T/std.txt'"
check "editions.leave_out and leave_out_text: the section and the sentence are out" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] &&
	! grep -q 'This repository' '$T/lo.txt' && ! grep -qx 'Purpose' '$T/lo.txt' && ! grep -q 'Contributing' '$T/lo.txt' &&
	grep -q 'How We Work in Support' '$T/lo.txt'"
check "leave_out replaces the built-in list: the role list stays out" bash -c "! grep -q 'The following levels are defined' '$T/lo.txt'"
check "a role edition with a configured rule: qpdf --check, links land" bash -c "qpdf --check '$T/lo.pdf' >/dev/null && python3 tests/e2e/pdfcheck.py '$T/lo.pdf'"
printf 'editions:\n  file_name: "{track}-{code}"\n' >"$T/fn.yml"
"$HB" -q --date 2026-01-15 --config "$T/fn.yml" --all-roles "$T/roles" tests/fixtures/support 2>"$T/err"
check "editions.file_name: --all-roles names files {track}-{code}" bash -c "
	[ -f '$T/roles/DevOps-Support-Engineer-L2.pdf' ] && [ -f '$T/roles/Support-Manager-L4.pdf' ] && [ \$(ls '$T/roles' | wc -l) -eq 7 ] && [ ! -s '$T/err' ]"
printf 'editions:\n  file_name: "{org}/../x"\n' >"$T/fn2.yml"
"$HB" -q --date 2026-01-15 --config "$T/fn2.yml" --all-reviews "$T/reviews" tests/fixtures/support 2>"$T/err"
check "a template naming two roles alike: HB149, the level files' names; --all-reviews" bash -c "
	grep -q 'gives two roles the name .Octopus-x.; the level files. names are used \[HB149\]' '$T/err' &&
	[ -f '$T/reviews/L2-DevOps-Support-Engineer-review.pdf' ] && [ \$(ls '$T/reviews' | wc -l) -eq 7 ] && [ ! -e '$T/x-review.pdf' ]"

# ---- the logo ----
themed
cp tests/theme-fixture/logo.png "$T/c/"
printf 'theme:\n  logo: logo.png\n  logo_in_head: yes\n' >>"$T/c/handbook.yml"
"$HB" -q --date 2026-01-15 -o "$T/logo.pdf" "$T/c" 2>"$T/err"; rc=$?
pdfimages -list "$T/logo.pdf" | awk 'NR > 2 && $3 == "image" {print $1, $4, $5}' >"$T/imgs"
check "logo: exit 0, no warnings, qpdf --check clean" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] && qpdf --check '$T/logo.pdf' >/dev/null"
check "logo: the 240x80 image on the title page" grep -qx '1 240 80' "$T/imgs"
check "logo: embedded once, shown in the running heads" bash -c "
	[ \$(grep -c '240 80' '$T/imgs') -ge 10 ] && [ \$(pdfimages -list '$T/logo.pdf' | awk 'NR > 2 && \$3 == \"image\" {print \$11}' | sort -u | wc -l) -eq 1 ]"
"$HB" -q --date 2026-01-15 --role L2 -o "$T/logo-role.pdf" "$T/c" 2>/dev/null
check "logo: on a role edition's cover" bash -c "pdfimages -list '$T/logo-role.pdf' | awk 'NR > 2 && \$3 == \"image\"' | grep -q '^ *1 '"
rm "$T/c/logo.png"
"$HB" -q --date 2026-01-15 -o "$T/nologo.pdf" "$T/c" 2>"$T/err"; rc=$?
check "a missing logo: a warning (HB150), the book without it" bash -c "[ $rc -eq 0 ] &&
	grep -q 'handbook.yml: warning: the logo logo.png .*; it is left out \[HB150\]' '$T/err' && [ -z \"\$(pdfimages -list '$T/nologo.pdf' | awk 'NR > 2')\" ]"
ln -s /etc/hostname "$T/c/logo.png"
"$HB" -q --date 2026-01-15 -o "$T/esc.pdf" "$T/c" 2>"$T/err"; rc=$?
check "a logo linked out of the content: an error (HB151), no PDF" bash -c "[ $rc -eq 1 ] && [ ! -e '$T/esc.pdf' ] &&
	grep -q 'error: the logo logo.png leads outside the content folder.*not read \[HB151\]' '$T/err'"

# ---- faces: by family, by file, and missing ones ----
mkdir -p "$T/fonts2"; cp fonts/*.ttf "$T/fonts2/"; rm "$T/fonts2/NotoSans-Bold.ttf" "$T/fonts2/NotoSansMono-Regular.ttf"
"$HB" -q --date 2026-01-15 --fonts "$T/fonts2" -o "$T/f2.pdf" tests/fixtures/support 2>"$T/err"; rc=$?
check "--fonts with faces missing: exit 0, a warning each (HB725), the regular face stands in" bash -c "[ $rc -eq 0 ] &&
	[ \$(grep -c 'font file cannot be opened; NotoSans-Regular.ttf is used in its place \[HB725\]' '$T/err') -eq 2 ] &&
	qpdf --check '$T/f2.pdf' >/dev/null && ! pdffonts '$T/f2.pdf' | grep -q 'NotoSans-Bold'"
mkdir -p "$T/cf"; cp fonts/NotoSansMono-Regular.ttf "$T/cf/Body.ttf"
printf 'theme:\n  fonts:\n    family: DejaVu Serif\n    mono: Body.ttf\n    bold: missing.ttf\n' >"$T/cf/fonts.yml"
"$HB" -q --date 2026-01-15 --config "$T/cf/fonts.yml" -o "$T/f3.pdf" tests/fixtures/support 2>"$T/err"; rc=$?
pdffonts "$T/f3.pdf" >"$T/faces"
check "theme.fonts.family: the family's faces (fontconfig) are embedded" bash -c "[ $rc -eq 0 ] &&
	grep -q '+DejaVuSerif ' '$T/faces' && grep -q '+DejaVuSerif-Italic ' '$T/faces'"
check "theme.fonts.mono: a file beside the configuration" grep -q '+NotoSansMono' "$T/faces"
check "a chosen face that cannot be used: a warning (HB724), the bundled face" bash -c "
	grep -q 'cf/missing.ttf: warning: font cannot be opened; the bundled face is used instead \[HB724\]' '$T/err' &&
	grep -q '+NotoSans-Bold ' '$T/faces'"
printf 'theme:\n  fonts:\n    family: No Such Family 42\n' >"$T/cf/nofam.yml"
"$HB" -q --date 2026-01-15 --config "$T/cf/nofam.yml" -o "$T/f4.pdf" tests/fixtures/support 2>"$T/err"; rc=$?
check "an unknown family: warnings, the bundled faces" bash -c "[ $rc -eq 0 ] && grep -q 'No Such Family 42: warning: font is no installed font family' '$T/err' &&
	pdffonts '$T/f4.pdf' | grep -q '+NotoSans-Regular '"

# ---- the bundled themes ----
"$HB" -q --date 2026-01-15 --theme default -o "$T/th-default.pdf" tests/fixtures/support 2>"$T/err"
check "--theme default: byte-identical to no configuration" bash -c "[ ! -s '$T/err' ] && cmp -s '$T/th-default.pdf' '$T/plain.pdf'"
"$HB" -q --date 2026-01-15 --theme dark -o "$T/th-dark.pdf" tests/fixtures/support 2>"$T/err"
colours "$T/th-dark.pdf" >"$T/rgb-dark"
check "--theme dark: the title page filled navy (#14213D), light title text" bash -c "[ ! -s '$T/err' ] &&
	grep -qx '0.078 0.129 0.239 rg' '$T/rgb-dark' && grep -qx '1 1 1 rg' '$T/rgb-dark' &&
	pdftoppm -r 10 -f 1 -l 1 -singlefile -gray '$T/th-dark.pdf' '$T/dk' && python3 -c \"
import sys; d = open(sys.argv[1], 'rb').read(); px = d[d.index(b'255\\n') + 4:]
assert sum(px) / len(px) < 80, sum(px) / len(px)\" '$T'/dk.pgm"
"$HB" -q --date 2026-01-15 --theme dark --role L2 -o "$T/th-dark-role.pdf" tests/fixtures/support
check "--theme dark: a role edition's cover too, its pages white" bash -c "
	pdftoppm -r 10 -f 1 -l 1 -singlefile -gray '$T/th-dark-role.pdf' '$T/dr1' &&
	pdftoppm -r 10 -f 2 -l 2 -singlefile -gray '$T/th-dark-role.pdf' '$T/dr2' && python3 -c \"
import sys
def mean(f):
    d = open(f, 'rb').read(); px = d[d.index(b'255\\n') + 4:]; return sum(px) / len(px)
assert mean(sys.argv[1]) < 80 and mean(sys.argv[2]) > 200\" '$T'/dr1.pgm '$T'/dr2.pgm"
if fc-list | grep -q NotoSerif-Regular; then
	"$HB" -q --date 2026-01-15 --theme serif -o "$T/th-serif.pdf" tests/fixtures/support 2>"$T/err"
	check "--theme serif: Noto Serif embedded, no warnings" bash -c "[ ! -s '$T/err' ] && pdffonts '$T/th-serif.pdf' | grep -q '+NotoSerif-Regular '"
else
	ok "--theme serif: skipped (Noto Serif is not installed)"
fi
"$HB" --theme nosuch tests/fixtures/support >/dev/null 2>"$T/err"; rc=$?
check "--theme naming no bundled theme: usage error (exit 2)" bash -c "[ $rc -eq 2 ] && grep -q 'names no bundled theme' '$T/err'"
"$HB" --theme ../etc/x tests/fixtures/support >/dev/null 2>"$T/err"; rc=$?
check "--theme takes a name, not a path" test $rc -eq 2

# ---- the offer attachment: under 60 KB for every role ----
"$HB" -q --date 2026-01-15 --for "Jane Doe" --all-roles "$T/offers" tests/fixtures/support 2>"$T/err"
check "--for with --all-roles: every role edition under 60 KB, each prepared for the reader" bash -c "[ ! -s '$T/err' ] &&
	[ \$(ls '$T/offers' | wc -l) -eq 7 ] && for f in '$T'/offers/*.pdf; do
		[ \$(stat -c %s \"\$f\") -lt 61440 ] && pdftotext -l 1 \"\$f\" - | grep -q 'Prepared for Jane Doe, 15 January 2026' || exit 1; done"

# ---- the review packet's wording ----
"$HB" -q --date 2026-01-15 --review L4-Support-Manager -o "$T/rv-sm.pdf" tests/fixtures/support
"$HB" -q --date 2026-01-15 --review L2 -o "$T/rv-e.pdf" tests/fixtures/support
pdftotext "$T/rv-sm.pdf" "$T/rv-sm.txt"; pdftotext "$T/rv-e.pdf" "$T/rv-e.txt"
check "a manager's packet: 'What the manager will work on', Manager and Reviewer sign" bash -c "
	tr '\n' ' ' <'$T/rv-sm.txt' | grep -q 'What the manager will work on before the next conversation, and the support the reviewer will' &&
	grep -qx Manager '$T/rv-sm.txt' && grep -qx Reviewer '$T/rv-sm.txt' && ! grep -qx Engineer '$T/rv-sm.txt'"
check "an engineer's packet keeps 'What the engineer will work on', Engineer and Manager" bash -c "
	tr '\n' ' ' <'$T/rv-e.txt' | grep -q 'What the engineer will work on before the next conversation, and the support the manager will' &&
	grep -qx Engineer '$T/rv-e.txt' && grep -qx Manager '$T/rv-e.txt'"
printf 'review:\n  person: analyst\n  reviewer: team lead\n' >"$T/rv.yml"
"$HB" -q --date 2026-01-15 --config "$T/rv.yml" --review L2 -o "$T/rv-c.pdf" tests/fixtures/support
check "review.person and review.reviewer: the configured nouns and signature labels" bash -c "
	pdftotext '$T/rv-c.pdf' - >'$T/rv-c.txt'; tr '\n' ' ' <'$T/rv-c.txt' | grep -q 'What the analyst will work on .* the support the team lead will' &&
	grep -qx Analyst '$T/rv-c.txt' && grep -qx 'Team lead' '$T/rv-c.txt'"

# ---- the worksheet as a form ----
"$HB" --date 2026-01-15 --review L2 -o "$T/form.pdf" tests/fixtures/support >"$T/sum" 2>"$T/err"; rc=$?
rows=$(sed -n 's/.*the worksheet has \([0-9]*\) expectations/\1/p' "$T/sum")
check "review packet with a form: exit 0, qpdf --check clean" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] && qpdf --check '$T/form.pdf' >/dev/null"
check "one choice field per worksheet row (three boxes each), an evidence field per row, next steps" python3 - "$T/form.pdf" "$rows" <<'PY'
import json, subprocess, sys
pdf, rows = sys.argv[1], int(sys.argv[2])
af = json.loads(subprocess.run(["qpdf", "--json", "--json-key=acroform", pdf], capture_output=True, text=True).stdout)["acroform"]
assert af["hasacroform"] and rows > 10, rows
radio = {}
for f in af["fields"]:
    if f["isradiobutton"]:
        radio.setdefault(f["fullname"], 0)
        radio[f["fullname"]] += 1
text = sorted(f["fullname"] for f in af["fields"] if f["istext"])
assert sorted(radio) == sorted("expectation.%d" % i for i in range(1, rows + 1)), sorted(radio)[:5]
assert set(radio.values()) == {3}, set(radio.values())
assert text == sorted(["evidence.%d" % i for i in range(1, rows + 1)] + ["next_steps"]), text[:5]
assert all(f["annotation"]["annotationflags"] & 4 for f in af["fields"]), "a widget without the print flag"
assert all(f["value"] in (None, "u:", "/Off") for f in af["fields"]), "a field not empty"
PY
check "every widget has a normal appearance (shows and prints without the viewer building one)" python3 - "$T/form.pdf" "$rows" <<'PY'
import json, subprocess, sys
pdf, rows = sys.argv[1], int(sys.argv[2])
objs = json.loads(subprocess.run(["qpdf", "--json-output=2", "--json-stream-data=none", pdf, "-"],
                                 capture_output=True, text=True).stdout)["qpdf"][1]
w = [o["value"] for o in objs.values() if isinstance(o.get("value"), dict) and o["value"].get("/Subtype") == "/Widget"]
assert len(w) == rows * 4 + 1, len(w)
assert all("/N" in x.get("/AP", {}) and x.get("/F") == 4 for x in w), "a widget without /AP /N or /F 4"
PY
"$HB" -q --date 2026-01-15 --review L2 -o "$T/form2.pdf" tests/fixtures/support
check "field names are stable across rebuilds (byte-identical PDF)" cmp -s "$T/form.pdf" "$T/form2.pdf"
python3 tests/e2e/formfill.py "$T/form.pdf" "$T/filled.pdf" >/dev/null 2>"$T/err"
qpdf "$T/filled.pdf" "$T/saved.pdf" 2>>"$T/err"
check "a value filled by a script survives a save and shows in pdftotext" bash -c "[ ! -s '$T/err' ] &&
	pdftotext '$T/saved.pdf' - | grep -q 'Closed forty tickets; wrote two runbooks' &&
	qpdf --json --json-key=acroform '$T/saved.pdf' | python3 -c \"
import json, sys
f = {x['fullname']: x for x in json.load(sys.stdin)['acroform']['fields']}
assert f['expectation.1']['value'] == '/c3', f['expectation.1']['value']
assert f['evidence.1']['value'] == 'u:Closed forty tickets; wrote two runbooks'\""
page=$(qpdf --json --json-key=acroform "$T/saved.pdf" | python3 -c "
import json, sys
print([f for f in json.load(sys.stdin)['acroform']['fields'] if f['fullname'] == 'evidence.1'][0]['pageposfrom1'])")
check "the values print: flattened, the filled page differs from the blank one" bash -c "
	qpdf --flatten-annotations=all '$T/saved.pdf' '$T/flat1.pdf' && qpdf --flatten-annotations=all '$T/form.pdf' '$T/flat2.pdf' &&
	pdftoppm -r 30 -f $page -l $page -singlefile -gray '$T/flat1.pdf' '$T/p1' && pdftoppm -r 30 -f $page -l $page -singlefile -gray '$T/flat2.pdf' '$T/p2' &&
	! cmp -s '$T/p1.pgm' '$T/p2.pgm' && pdftotext -f $page -l $page '$T/flat1.pdf' - | grep -q 'Closed forty tickets'"
"$HB" -q --date 2026-01-15 --flat --review L2 -o "$T/flat0.pdf" tests/fixtures/support
check "--flat: no form, the same pages" bash -c "
	! qpdf --json --json-key=acroform '$T/flat0.pdf' | grep -q '\"hasacroform\": true' &&
	[ \"\$(pdftotext '$T/flat0.pdf' - | md5sum)\" = \"\$(pdftotext '$T/form.pdf' - | md5sum)\" ]"

# heading and code sizes
cat >"$T/sz.yml" <<'YML'
theme:
  fonts:
    heading_scale: 120%
    mono_size: 10
YML
"$HB" --date 2026-01-15 --dump tests/fixtures/support >"$T/sz0.dump" 2>/dev/null
"$HB" --date 2026-01-15 --config "$T/sz.yml" --dump tests/fixtures/support >"$T/sz1.dump" 2>"$T/sz.err"; rc=$?
check "theme.fonts.heading_scale and mono_size: chapter titles 22 -> 26.4 pt, code 8.5 -> 10 pt" bash -c "
	[ $rc -eq 0 ] && [ ! -s '$T/sz.err' ] &&
	grep -q ' 22.000 bold .*\"Junior\"' '$T/sz0.dump' && grep -q ' 26.400 bold .*\"Junior\"' '$T/sz1.dump' &&
	grep -q ' 8.500 mono ' '$T/sz0.dump' && ! grep -q ' 8.500 mono ' '$T/sz1.dump' && grep -q ' 10.000 mono ' '$T/sz1.dump'"
printf 'theme:\n  fonts:\n    heading_scale: 5\n' >"$T/bad.yml"
"$HB" -q --date 2026-01-15 --config "$T/bad.yml" -o "$T/bad.pdf" tests/fixtures/support 2>"$T/bad.err"; rc=$?
check "a heading_scale out of range: a warning naming the line, the default kept" bash -c "
	[ $rc -eq 0 ] && grep -q 'bad.yml:3:.*warning' '$T/bad.err'"

finish theme
