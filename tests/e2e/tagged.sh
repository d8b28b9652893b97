#!/usr/bin/env bash
# Tagged PDF/UA-1 and PDF/A-2a by default (issue 16): every edition passes
# tests/e2e/tagcheck.py (structure, marked content, links, XMP, PDF/A), the
# structure reads the source's words in order, a skipped heading level
# warns, image alt text is the Figure's /Alt and not printed, a hyphen the
# line break added does not reach extracted text, and --pdf-standard
# turns the claims off.  Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"
MDW=$(dirname "$HB")/mdwords
CHECK="python3 tests/e2e/tagcheck.py"

# ---- every edition is tagged and PDF/A ----
"$HB" -q --date 2026-01-15 -o "$T/h.pdf" content 2>"$T/err"
check "handbook: builds" test -s "$T/h.pdf"
check "handbook: tagcheck (PDF/UA, PDF/A)" $CHECK --pdfa "$T/h.pdf"
check "handbook: qpdf --check clean" bash -c "qpdf --check '$T/h.pdf' | grep -q 'No syntax or stream encoding errors'"
# poppler reads a page's content once per MCID: -struct-text takes a minute
# on the sample, a second on this fixture
"$HB" -q --date 2026-01-15 -o "$T/six.pdf" tests/fixtures/six-levels 2>/dev/null
check "six-levels: the structure reads the source's words in order" $CHECK --pdfa --words "$MDW" tests/fixtures/six-levels "$T/six.pdf"
pdfinfo -struct-text "$T/six.pdf" >"$T/six.struct"
check "pdfinfo -struct-text shows the tree" \
	bash -c "grep -q '^Document' '$T/six.struct' && grep -q '^  Part' '$T/six.struct' && grep -q '^    H1' '$T/six.struct' && grep -q '^ *LBody' '$T/six.struct'"
"$HB" -q --date 2026-01-15 --role L2 -o "$T/role.pdf" content 2>"$T/err"
check "role edition: tagcheck" $CHECK --pdfa "$T/role.pdf"
"$HB" -q --date 2026-01-15 --review L2 -o "$T/review.pdf" content 2>"$T/err"
check "review packet: tagcheck" $CHECK --pdfa "$T/review.pdf"
mkdir -p "$T/all"
"$HB" -q --date 2026-01-15 --all-roles "$T/all" content 2>"$T/err"
check "all-roles: every file passes tagcheck" $CHECK --pdfa "$T"/all/*.pdf
"$HB" -q --date 2026-01-15 -o "$T/f.pdf" tests/fixtures/ladder-ic-m 2>/dev/null
check "fixture ladder-ic-m: tagcheck" $CHECK --pdfa "$T/f.pdf"

# ---- reproducible: the /ID comes from the pages ----
"$HB" -q --date 2026-01-15 -o "$T/h2.pdf" content 2>/dev/null
check "two builds are byte-identical (with /ID)" cmp "$T/h.pdf" "$T/h2.pdf"

# ---- the checker fails an untagged PDF and one with untagged content ----
"$HB" -q --date 2026-01-15 --pdf-standard none -o "$T/none.pdf" content 2>"$T/err"
check "--pdf-standard none: untagged, and tagcheck says so" bash -c "! $CHECK '$T/none.pdf' >'$T/o' && grep -q 'no /StructTreeRoot' '$T/o'"
check "--pdf-standard none: no XMP, no output intent" bash -c "! grep -aq 'pdfuaid' '$T/none.pdf' && ! grep -aq 'OutputIntent' '$T/none.pdf'"
python3 - "$T/h.pdf" "$T/broken.pdf" <<'PY'
# one page's marked content taken out: its text is then painted untagged
import subprocess, sys
subprocess.run(["qpdf", "--qdf", "--object-streams=disable", sys.argv[1], sys.argv[2] + ".q"], check=True)
d = open(sys.argv[2] + ".q", "rb").read()
i = d.index(b"BDC", d.index(b"/Subtype /Link") if b"/Subtype /Link" in d else 0)
j = d.rindex(b"/", 0, i)
open(sys.argv[2] + ".q", "wb").write(d[:j] + b"/X BMC" + b" " * (i + 3 - j - 6) + d[i + 3:])
subprocess.run(["fix-qdf", sys.argv[2] + ".q"], check=False, stdout=open(sys.argv[2], "wb"))
PY
check "tagcheck: content outside MCID and Artifact fails" bash -c "! $CHECK '$T/broken.pdf' >'$T/o' && grep -q 'neither tagged nor an Artifact' '$T/o'"

# ---- --pdf-standard ua-1: tagged, no PDF/A claim ----
"$HB" -q --date 2026-01-15 --pdf-standard ua-1 -o "$T/ua.pdf" content 2>"$T/err"
check "--pdf-standard ua-1: tagcheck" $CHECK "$T/ua.pdf"
check "--pdf-standard ua-1: no pdfaid, no output intent" bash -c "! grep -aq 'pdfaid' '$T/ua.pdf' && ! grep -aq 'OutputIntent' '$T/ua.pdf'"
check "--pdf-standard ua-1: tagcheck --pdfa fails it" bash -c "! $CHECK --pdfa '$T/ua.pdf'"
"$HB" --pdf-standard a-3b -o "$T/x.pdf" content >"$T/o" 2>&1; rc=$?
check "--pdf-standard a-3b: a usage error" bash -c "[ $rc -eq 2 ] && grep -q 'pdf-standard takes a-2a, ua-1 or none' '$T/o' && [ ! -e '$T/x.pdf' ]"

# ---- headings, figures, hyphens ----
rm -rf "$T/c"; cp -r tests/fixtures/six-levels "$T/c"
python3 - "$T/c" <<'PY'
import struct, sys, zlib
t = sys.argv[1]
def chunk(k, data): return struct.pack(">I", len(data)) + k + data + struct.pack(">I", zlib.crc32(k + data))
w = h = 40
raw = b"".join(b"\0" + b"\x30\x60\x90" * w for _ in range(h))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(t + "/dot.png", "wb").write(png)
with open(t + "/L2-Platform-Engineer.md", "a") as f:
    f.write("\n## A section\n\nIts text.\n\n#### Skipped ahead\n\nA heading two levels down.\n\n"
            "![Quarterly onboarding chart](dot.png)\n\n![Second figure](dot.png \"Figure 2: the titled one\")\n\n"
            "A claim with a source.[^src] And another.[^two]\n\n[^src]: The source.\n\n[^two]: The second note.\n")
PY
"$HB" -q --date 2026-01-15 -o "$T/c.pdf" "$T/c" 2>"$T/err"
check "a skipped heading level warns, naming file and line" \
	grep -q "L2-Platform-Engineer.md:[0-9]*:[0-9]*: warning: heading level 4 follows level 2; it is tagged as level 3" "$T/err"
check "the fixture passes tagcheck (no skipped level in the tree)" $CHECK --pdfa "$T/c.pdf"
check "the skipped heading is tagged H3" bash -c "pdfinfo -struct-text '$T/c.pdf' | grep -A1 '^ *H3' | grep -q 'Skipped ahead'"
check "footnotes are Note elements (with unique IDs: tagcheck)" bash -c "pdfinfo -struct-text '$T/c.pdf' | grep -A4 '^ *Note' | grep -q 'The source'"
check "the image's alt text is its Figure's /Alt" bash -c "qpdf --qdf --object-streams=disable '$T/c.pdf' - | grep -aq '/Alt (Quarterly onboarding chart)'"
check "the alt text is not printed" bash -c "! pdftotext '$T/c.pdf' - | grep -q 'Quarterly onboarding chart'"
check "an image's title is printed as its caption" bash -c "pdftotext '$T/c.pdf' - | grep -q 'Figure 2: the titled one'"
"$HB" --dump --date 2026-01-15 "$T/c" >"$T/c.dump" 2>/dev/null
check "--dump shows the structure tags" bash -c "grep -q '^tag Figure \"Quarterly onboarding chart\"' '$T/c.dump' && grep -q '^tag H3' '$T/c.dump' && grep -q '^endtag' '$T/c.dump'"
check "--dump: tags balance" bash -c "[ \$(grep -c '^tag ' '$T/c.dump') -eq \$(grep -c '^endtag' '$T/c.dump') ]"

# a hyphen the line break added: pdftotext reads the whole word
"$HB" --dump --date 2026-01-15 content >"$T/h.dump" 2>/dev/null
sed -n 's/^text .* "\(.*\)-" hyphen$/\1/p' "$T/h.dump" | head -20 >"$T/halves"
check "the sample has words broken with a hyphen" test -s "$T/halves"
pdftotext -raw "$T/h.pdf" "$T/h.txt"
no_halves() { local w; while read -r w; do if grep -q -- "$w-\$" "$T/h.txt"; then echo "$w- ends a line"; return 1; fi; done <"$T/halves"; }
check "pdftotext -raw: no added hyphen ends a line" no_halves
check "pdftotext -raw: the broken word reads whole (operating)" grep -q "operating system" "$T/h.txt"
pdftotext -raw "$T/none.pdf" "$T/h.txt"
check "(the check fails on the untagged PDF, which keeps the hyphens)" bash -c "! no_halves() { :; }; while read -r w; do grep -q -- \"\$w-\$\" '$T/h.txt' && exit 0; done <'$T/halves'; exit 1"

finish tagged
