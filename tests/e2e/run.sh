#!/usr/bin/env bash
# End-to-end tests: build PDFs with the real program and check them with
# tools we did not write (qpdf, poppler).  Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"

# ---- the handbook itself ----
PDF=$T/handbook.pdf
"$HB" --date 2026-01-15 -o "$PDF" content >"$T/summary" 2>"$T/stderr"
rc=$?
check "builds the handbook (exit 0)" test $rc -eq 0
check "summary line names pages, chapters, size, time" grep -Eq 'wrote .*: [0-9]+ pages, [0-9]+ chapters, [0-9]+ bytes, [0-9]+ ms' "$T/summary"
check "no warnings for our own content" test ! -s "$T/stderr"
check "qpdf --check is clean (exit 0: no errors, no warnings)" qpdf --check "$PDF"
check "every font embedded, subset, with ToUnicode" bash -c \
	"pdffonts '$PDF' | tail -n +3 | awk '{ if (\$(NF-4)!=\"yes\" || \$(NF-3)!=\"yes\" || \$(NF-2)!=\"yes\") bad=1 } END { exit bad }'"
check "pdffonts lists the text and mono faces" bash -c "pdffonts '$PDF' | grep -q NotoSans-Regular && pdffonts '$PDF' | grep -q NotoSansMono"
check "pdftoppm renders every page without an error" bash -c \
	"pdftoppm -r 20 -png '$PDF' '$T/r' 2>'$T/pp' && [ ! -s '$T/pp' ] && [ \$(ls '$T'/r-*.png | wc -l) -eq \$(qpdf --show-npages '$PDF') ]"
check "PDF is under 150 KB" test "$(stat -c %s "$PDF")" -lt 153600

# the progress line: on a terminal once the run is older than
# HANDBOOK_PROGRESS_AFTER seconds (1 by default), never when stderr is not one
HANDBOOK_PROGRESS_AFTER=0 script -qec "'$HB' --date 2026-01-15 -o '$T/prog.pdf' content" /dev/null >"$T/tty" 2>&1
check "progress on a terminal: files laid out, pages written, then cleared" bash -c \
	"grep -aq '8 of 8 files laid out' '$T/tty' && grep -aEq '([0-9]+) of \\1 pages written' '$T/tty' &&
	 grep -aq \$'\\r\\033\\[Khandbook: wrote' '$T/tty'"
HANDBOOK_PROGRESS_AFTER=0 "$HB" --date 2026-01-15 -o "$T/prog.pdf" content >/dev/null 2>"$T/pipe"
check "no progress line when stderr is not a terminal" bash -c "! grep -aq 'laid out' '$T/pipe'"

# every word of the source comes back from pdftotext (line-end hyphens joined)
pdftotext -enc UTF-8 "$PDF" - | sed -e ':a' -e '/[[:alpha:]]-$/{N;s/-\n//;ba' -e '}' >"$T/text"
words() { tr -s '[:space:][:punct:]“”‘’—–…•' '\n' | tr '[:upper:]' '[:lower:]' | grep -E '^[a-z]{2,}$' | sort -u; }
cat content/*.md | sed -e 's/([^)]*)//g' | words >"$T/src.w"
words <"$T/text" >"$T/pdf.w"
missing=$(comm -23 "$T/src.w" "$T/pdf.w")
nsrc=$(wc -l <"$T/src.w"); nmiss=$(printf '%s' "$missing" | grep -c . || true)
echo "     words: $((nsrc - nmiss)) of $nsrc distinct source words recovered"
check "pdftotext recovers every source word" test "$nmiss" -eq 0
[ "$nmiss" -ne 0 ] && printf '     missing: %s\n' "$(echo $missing | head -c 300)"
check "curly quotes and dashes extract exactly" bash -c "grep -q 'What’s expected at each level' '$T/text' && grep -q '—' '$T/text'"

# structure read back with qpdf --json
qpdf --json "$PDF" >"$T/json" 2>/dev/null
check "outline has a bookmark per chapter" bash -c \
	"[ \$(grep -c '\"title\": \"L[0-9]' '$T/json') -ge 7 ]"
check "viewer opens with the outline shown" grep -q '/PageMode": "/UseOutlines' "$T/json"
check "page labels: roman front matter, body from 1" bash -c \
	"grep -q '\"/S\": \"/r\"' '$T/json' && grep -q '\"/S\": \"/D\"' '$T/json'"
check "link annotations have no border (every /Link: /Border [0 0 0])" python3 tests/e2e/pdfprops.py borders "$PDF"
python3 tests/e2e/pdfprops.py break-border "$PDF" "$T/border1.pdf"
check "the border check fails on a PDF with one 1 pt link border" bash -c \
	"qpdf --check '$T/border1.pdf' >/dev/null && ! python3 tests/e2e/pdfprops.py borders '$T/border1.pdf' 2>/dev/null"
check "internal links land on /XYZ positions" grep -q '"/XYZ"' "$T/json"
check "every bookmark and link lands on its heading (pdfcheck)" python3 tests/e2e/pdfcheck.py "$PDF"
pdfinfo "$PDF" >"$T/info"
check "metadata: title, author, creator, dates" bash -c \
	"grep -q '^Title: *DevOps Support Roles' '$T/info' && grep -q '^Author: *Octopus' '$T/info' && grep -q '^Creator: *handbook' '$T/info' && grep -q '^CreationDate:.*2026' '$T/info' && grep -q '^Keywords:.*Support Manager' '$T/info'"
check "A4 by default" grep -q 'Page size: *595.* x 841.* pts (A4)' "$T/info"
check "title page carries the edition date" grep -q 'Edition of 15 January 2026' "$T/text"
check "contents lists every level" bash -c "pdftotext -f 2 -l 3 '$PDF' - | grep -q 'L5: Senior Support Manager'"

# reproducible: same input and date, byte-identical output
"$HB" -q --date 2026-01-15 -o "$T/again.pdf" content 2>/dev/null
check "rebuild is byte-identical" cmp -s "$PDF" "$T/again.pdf"
(cd "$T" && "$HB" -q --date 2026-01-15 -o again2.pdf "$ROOT/content" 2>/dev/null)
check "byte-identical from another directory" cmp -s "$PDF" "$T/again2.pdf"
SOURCE_DATE_EPOCH=1768435200 "$HB" -q -o "$T/sde.pdf" content 2>/dev/null
check "SOURCE_DATE_EPOCH sets the date" cmp -s "$PDF" "$T/sde.pdf"

# ---- paper and duplex ----
"$HB" -q --paper letter -o "$T/letter.pdf" content
check "--paper letter" bash -c "pdfinfo '$T/letter.pdf' | grep -q 'Page size: *612 x 792'"
"$HB" -q --date 2026-01-15 -o "$T/simplex.pdf" content
"$HB" -q --date 2026-01-15 --duplex -o "$T/duplex.pdf" content
# their words read from tests/e2e/lib/textcopy's copies (the same text
# without poppler's colour transform for every page), all pages at once
tests/e2e/lib/textcopy "$T/duplex.pdf" "$T/duplex-t.pdf"
tests/e2e/lib/textcopy "$T/simplex.pdf" "$T/simplex-t.pdf"
check "duplex: links and bookmarks land right" python3 tests/e2e/pdfcheck.py "$T/duplex.pdf"
check "duplex: every chapter starts on an odd page, blank pages are empty" python3 - "$T/duplex.pdf" "$T/duplex-t.pdf" <<'PY'
import json, subprocess, sys
pdf = sys.argv[1]
j = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True).stdout)
ref = {p["object"]: i for i, p in enumerate(j["pages"])}
n = len(j["pages"])
# pdftotext ends each page with a form feed: page i's text is part i
texts = [t.strip() for t in subprocess.run(["pdftotext", sys.argv[2], "-"], capture_output=True, text=True).stdout.split("\f")[:n]]
bad = [o["title"] for o in j["outlines"] if (ref[o["dest"][0]] + 1) % 2 == 0]
blank = [i + 1 for i, t in enumerate(texts) if not t]
if bad or not blank:
    sys.exit("chapters on even pages: %r, blank pages: %r" % (bad, blank))
PY
check "duplex: mirrored margins (text starts further right on odd pages)" python3 - "$T/duplex-t.pdf" <<'PY'
import re, subprocess, sys
bb = subprocess.run(["pdftotext", "-bbox", sys.argv[1], "-"], capture_output=True, text=True).stdout
lefts = []
for page in re.findall(r"<page .*?</page>", bb, re.S):
    xs = [float(x) for x in re.findall(r'<word xMin="([\d.]+)"', page)]
    lefts.append(min(xs) if xs else None)
odd = [l for i, l in enumerate(lefts) if l is not None and i % 2 == 0]
even = [l for i, l in enumerate(lefts) if l is not None and i % 2 == 1]
if not (min(odd) > min(even) + 10):
    sys.exit("odd %r even %r" % (min(odd), min(even)))
PY
check "duplex: front matter has an even number of pages (/PageLabels /Nums)" python3 tests/e2e/pdfprops.py front-even "$T/duplex.pdf"
python3 tests/e2e/pdfprops.py break-front "$T/duplex.pdf" "$T/odd-front.pdf"
check "the front-matter check fails when the body label starts a page early" bash -c \
	"qpdf --check '$T/odd-front.pdf' >/dev/null && ! python3 tests/e2e/pdfprops.py front-even '$T/odd-front.pdf' 2>/dev/null"
# pdftotext ends each page with a form feed: n records, none blank
check "simplex has no blank pages" bash -c "
	pdftotext '$T/simplex-t.pdf' - | awk -v RS='\f' -v n=\$(qpdf --show-npages '$T/simplex.pdf') \
		'NR <= n && !/[^[:space:]]/ { bad = 1 } END { exit bad || NR != n }'"

fixture; printf '\nRead [the docs](https://example.com/handbook?q=caf\xc3\xa9) or [mail us](mailto:support@example.com).\n' >>"$T/c/L1-Junior-DevOps-Support-Engineer.md"
"$HB" -q -o "$T/uri.pdf" "$T/c" 2>/dev/null
check "web links are URI actions, non-ASCII percent-encoded" bash -c "qpdf --json '$T/uri.pdf' | grep -q '\"/URI\": \"u:https://example.com/handbook?q=caf%C3%A9\"'"

# ---- command line ----
"$HB" --bogus >/dev/null 2>"$T/err"; rc=$?
check "unknown option is a usage error (exit 2)" test $rc -eq 2
"$HB" --paper a3 >/dev/null 2>"$T/err"; rc=$?
check "bad --paper is a usage error" bash -c "[ $rc -eq 2 ] && grep -q 'a4, letter, a5 or b5' '$T/err'"
check "--version" bash -c "'$HB' --version | grep -q '^handbook [0-9]'"
check "--help names every option" bash -c "'$HB' --help | grep -q -- '--paper' && '$HB' --help | grep -q -- '--output'"

# ---- bad input: clear messages, old PDF untouched ----
echo "good old pdf" >"$T/keep.pdf"
keep() { cmp -s "$T/keep.pdf" <(echo "good old pdf"); }
"$HB" -q -o "$T/keep.pdf" "$T/none" 2>"$T/err"; rc=$?
check "missing content folder: exit 1, message, old file kept" bash -c "[ $rc -eq 1 ] && grep -q 'none' '$T/err'" && keep || bad "old file kept (missing folder)"
fixture; rm "$T/c/L3-Senior-DevOps-Support-Engineer.md"
"$HB" -q -o "$T/keep.pdf" "$T/c" 2>"$T/err"; rc=$?
check "linked level missing: error names the README line" bash -c "[ $rc -eq 1 ] && grep -q 'c/README.md:[0-9]*: error: .*L3-Senior' '$T/err'"
check "old file kept when a level is missing" keep
fixture; rm "$T/c/README.md"; mkdir "$T/c/README.md"
"$HB" -q -o "$T/keep.pdf" "$T/c" 2>"$T/err"; rc=$?
check "README is a directory: exit 1 and a message" bash -c "[ $rc -eq 1 ] && grep -q 'README.md.*directory' '$T/err'"
fixture; printf '# Lonely\n\nNo levels here.\n' >"$T/c/README.md"; rm "$T"/c/L*.md
"$HB" -q -o "$T/keep.pdf" "$T/c" 2>"$T/err"; rc=$?
check "no levels: exit 1" bash -c "[ $rc -eq 1 ] && grep -q 'no level files' '$T/err'"
mkdir -p "$T/nofonts"
"$HB" -q --fonts "$T/nofonts" -o "$T/keep.pdf" content 2>"$T/err"; rc=$?
check "missing font: error names the file" bash -c "[ $rc -eq 1 ] && grep -q 'NotoSans-Regular.ttf' '$T/err'"
check "old file kept after every failure" keep
"$HB" -q -o "$T/no/such/dir/x.pdf" content 2>"$T/err"; rc=$?
check "output folder missing: exit 1" bash -c "[ $rc -eq 1 ] && grep -q 'x.pdf' '$T/err'"
check "no temporary files left behind" bash -c "! ls -a '$T' | grep -q '^.handbook-'"

# ---- warnings: the PDF is still made ----
fixture; cp "$T/c/L2-DevOps-Support-Engineer.md" "$T/c/L9-Extra.md"
"$HB" -q -o "$T/w.pdf" "$T/c" 2>"$T/err"; rc=$?
check "unlisted level: warning, appended" bash -c "[ $rc -eq 0 ] && grep -q 'L9-Extra.md: warning: .*not listed' '$T/err'"
fixture; printf 'Arrows → work; emoji \xf0\x9f\xab\xa8 do not.\n' >>"$T/c/L1-Junior-DevOps-Support-Engineer.md"
n=$(wc -l <"$T/c/L1-Junior-DevOps-Support-Engineer.md")
"$HB" -q -o "$T/w.pdf" "$T/c" 2>"$T/err"; rc=$?
check "character no font has: warning with file and line" bash -c "[ $rc -eq 0 ] && grep -q 'L1-Junior-DevOps-Support-Engineer.md:$n:[0-9]*: warning: character U+1FAE8' '$T/err'"
check "arrow drawn from the fallback face, extracted" bash -c "pdftotext '$T/w.pdf' - | grep -q 'Arrows → work'"
fixture; printf 'Bad \xff\xfe bytes here.\n' >>"$T/c/L2-DevOps-Support-Engineer.md"
n=$(wc -l <"$T/c/L2-DevOps-Support-Engineer.md")
"$HB" -q -o "$T/w.pdf" "$T/c" 2>"$T/err"; rc=$?
check "invalid UTF-8: warning names the line" bash -c "[ $rc -eq 0 ] && grep -q 'L2-DevOps-Support-Engineer.md:$n:5: warning: invalid UTF-8' '$T/err'"
fixture; printf '\nSee [nowhere](./L7-Nobody.md) and [bad](#no-such-heading) and [js](javascript:alert(1)).\n' >>"$T/c/L1-Junior-DevOps-Support-Engineer.md"
"$HB" -q -o "$T/w.pdf" "$T/c" 2>"$T/err"; rc=$?
check "broken links: warnings, set as text" bash -c "[ $rc -eq 0 ] && grep -q 'L7-Nobody.md, which is not in the book' '$T/err' && grep -q 'no such heading' '$T/err' && grep -q \"'javascript:'\" '$T/err'"
fixture; printf '\n<div>raw</div>\n\n<!-- a comment -->\n' >>"$T/c/L1-Junior-DevOps-Support-Engineer.md"
"$HB" -q -o "$T/w.pdf" "$T/c" 2>"$T/err"; rc=$?
check "raw HTML: one warning, its text shown without tags; comments vanish" bash -c "[ $rc -eq 0 ] && [ \$(grep -c 'raw HTML' '$T/err') -eq 1 ] && pdftotext '$T/w.pdf' '$T/w.txt' && grep -qx 'raw' '$T/w.txt' && ! grep -q '<div>' '$T/w.txt' && ! grep -q 'a comment' '$T/w.txt'"

# ---- stress: nothing overflows ----
fixture
{ printf '\n## Stress\n\n'; printf 'A%.0s' $(seq 1 400); printf '\n\nSee https://example.com/a/very/long/path/that/keeps/going/and/going/and/going/for/ever/and/ever/index.html today.\n\n'
  printf '| a | b | c |\n|---|---|---|\n'; for i in $(seq 1 120); do printf '| row %d | some text in a cell | https://example.com/x/y/z/%d |\n' $i $i; done
  printf '\n| a | b |\n|---|---|\n| tall | '; for i in $(seq 1 2500); do printf 'escalation '; done; printf '|\n\n'
  printf '|'; for c in $(seq 1 12); do printf ' H%d |' $c; done; printf '\n|'; for c in $(seq 1 12); do printf -- '---|'; done; printf '\n'
  for r in $(seq 1 200); do printf '|'; for c in $(seq 1 12); do printf ' r%dc%d deployment |' $r $c; done; printf '\n'; done
  printf '\n```\n'; for i in $(seq 1 300); do printf 'line %d of a long code block that is wide enough to wrap around the right margin of the page, yes\n' $i; done; printf '```\n'; } >>"$T/c/L1-Junior-DevOps-Support-Engineer.md"
"$HB" -q --stats -o "$T/s.pdf" "$T/c" >"$T/stats" 2>"$T/err"; rc=$?
check "stress content builds (400-char word, tall cell, 200x12 table, 300-line code)" test $rc -eq 0
check "no widows, orphans or stranded headings (read from the PDF: keeps.py)" python3 tests/e2e/keeps.py "$T/s.pdf" "$T/c"
tests/e2e/lib/textcopy "$T/s.pdf" "$T/s-t.pdf" # its words, read faster (textcopy says why)
check "a table continued on a new page repeats its header row" bash -c "[ \$(pdftotext '$T/s-t.pdf' - | grep -c '^H12\$') -ge 3 ]"
check "stats: zero overfull lines" grep -q '^overfull lines: 0$' "$T/stats"
pdftotext -bbox "$T/s-t.pdf" "$T/bbox.html" 2>/dev/null
check "no word outside the page's text area (bbox)" bash -c "awk -F'\"' '/<page /{ w=\$2 } /<word /{ if (\$2+0 < 50 || \$6+0 > w - 50) { bad++ } } END { exit bad > 0 }' '$T/bbox.html'"

finish e2e
