#!/usr/bin/env bash
# diagram.sh: the career-journey diagram stays readable up to 12 tracks x 8
# levels (issue 14): landscape, then several pages of rows; every role
# title whole in its box; box text at 7 pt or more (in the dump and as
# poppler reads the PDF); one arrow per step; role editions whose diagram
# takes several pages.
. "$(dirname "$0")/lib/harness.sh"

# the diagram's Figure in a dump, over all its pages
figure() { awk '/^tag Figure "Career journey diagram/{ keep = 1 } keep { print } keep && /^endtag$/{ exit }' "$1"; }
heads() { figure "$1" | grep -c '^line .* 5\.000 2\.800 '; }
# pages the Figure takes: its first and every page line inside it
fig_pages() { echo $(($(figure "$1" | grep -c '^page ') + 1)); }
# the smallest text the Figure sets, running heads and folios aside
min_size() { figure "$1" | awk '$1 == "text" && $NF != "artifact" { if (m == "" || $5 < m) m = $5 } END { print m }'; }
export -f figure heads fig_pages min_size

# pdfcheck.py PDF ROLES.json: the diagram's pages (a 22 pt "Career journey"
# first or under the running head) hold every title as one text block, and no word of
# a box is set below 7 pt.  Sizes from word heights, scaled by the height
# of the page's 22 pt heading "Career".
cat >"$T/pdfcheck.py" <<'PY'
import html, json, re, subprocess, sys
pdf, roles = sys.argv[1], json.load(open(sys.argv[2]))
bb = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True).stdout
blocks, small, pages = set(), [], 0
for page in re.findall(r"<page .*?</page>", bb, re.S):
    bs = re.findall(r"<block.*?</block>", page, re.S)
    texts = [" ".join(html.unescape(w) for w in re.findall(r"<word[^>]*>(.*?)</word>", b)) for b in bs]
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', page)
    ref = [float(b) - float(a) for a, b, w in words if w == "Career" and float(b) - float(a) > 20]
    if "Career journey" not in texts[:3] or not ref:
        continue  # not a diagram page: the contents, say
    pages += 1
    scale = ref[0] / 22.0
    for a, b, w in words:
        if (float(b) - float(a)) / scale < 6.95:
            small.append((w, round((float(b) - float(a)) / scale, 2)))
    blocks.update(texts)
missing = [r["title"] for r in roles if r["title"] not in blocks]
print("pages", pages, "missing", missing[:5], "small", small[:5])
sys.exit(1 if missing or small or not pages else 0)
PY

# ---- 12 tracks x 8 levels, titles up to "Fellow and Chief Infrastructure Platform Engineer" ----
F=tests/fixtures/diagram-12x8
"$HB" -q --date 2026-01-15 -o "$T/g.pdf" "$F" 2>"$T/g.err"; rc=$?
check "12x8: exit 0 and not one warning (no title cut or shrunk)" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/g.err' ]"
"$HB" -q --date 2026-01-15 --dump "$F" >"$T/g.dump" 2>/dev/null
check "12x8: 3 landscape pages of 4 tracks each" bash -c "[ \$(fig_pages '$T/g.dump') -eq 3 ] && [ \$(figure '$T/g.dump' | grep -c '^page .* size 841.889x595.275') -eq 2 ] && grep -A1 '^page' '$T/g.dump' | grep -B1 '^tag Figure' | grep -q 'size 841.889x595.275'"
check "12x8: 96 boxes and 84 arrows, one per step" bash -c "[ \$(figure '$T/g.dump' | grep -c '^rect .* 0\.800 374151$') -eq 96 ] && [ \$(heads '$T/g.dump') -eq 84 ]"
check "12x8: no box text below 7 pt (dump)" bash -c "awk -v m=\$(min_size '$T/g.dump') 'BEGIN { exit !(m >= 7.0) }'"
check "12x8: no title abbreviated" bash -c "! figure '$T/g.dump' | grep -q '\"[A-Z][a-z]*\\.\"'"
"$HB" --list-roles --json "$F" >"$T/g.json" 2>/dev/null
check "12x8: every title whole on the diagram's pages, every word at 7 pt or more (pdftotext -bbox)" python3 "$T/pdfcheck.py" "$T/g.pdf" "$T/g.json"

# ---- 11 tracks of 2-5 levels, branches from one track into six others ----
F=tests/fixtures/diagram-11-tracks
"$HB" -q --date 2026-01-15 -o "$T/e.pdf" "$F" 2>"$T/e.err"; rc=$?
check "11 tracks: exit 0 and not one warning" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/e.err' ]"
"$HB" -q --date 2026-01-15 --dump "$F" >"$T/e.dump" 2>/dev/null
check "11 tracks: 37 boxes, 26 arrows in tracks and 6 branches, on 3 pages" bash -c "[ \$(figure '$T/e.dump' | grep -c '^rect .* 0\.800 374151$') -eq 37 ] && [ \$(heads '$T/e.dump') -eq 32 ] && [ \$(fig_pages '$T/e.dump') -eq 3 ]"
check "11 tracks: no box text below 7 pt (dump)" bash -c "awk -v m=\$(min_size '$T/e.dump') 'BEGIN { exit !(m >= 7.0) }'"
"$HB" --list-roles --json "$F" >"$T/e.json" 2>/dev/null
check "11 tracks: every title whole, every word at 7 pt or more (pdftotext -bbox)" python3 "$T/pdfcheck.py" "$T/e.pdf" "$T/e.json"
check "11 tracks: a branch from a role on an earlier page names it where it comes in" bash -c "pdftotext -f 6 -l 6 '$T/e.pdf' - | tr -s '\n' ' ' | grep -q 'Developer Relations L1 Associate Implementation Consultant L2'"

# ---- a role edition of a journey that takes three pages: the page that
# holds the role and its next step, and a legend that says so ----
"$HB" -q --date 2026-01-15 --dump --role "Senior Partner Engineer" "$F" >"$T/r.dump" 2>"$T/r.err"; rc=$?
check "role edition: exit 0, of the 3-page journey the one page with the role and its next step, both marked" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/r.err' ] && [ \$(fig_pages '$T/r.dump') -eq 1 ] && figure '$T/r.dump' | grep -q ' bold 1f5fa8 \"This\"$' && figure '$T/r.dump' | grep -q ' regular 1f5fa8 \"Next\"$'"
check "role edition: the excerpt's legend says the handbook has the whole journey" bash -c "figure '$T/r.dump' | grep -q '\"all\.\"'"
check "role edition: the role's box gives the page its chapter starts on" bash -c "
	f=\$(awk '/^page .* chapter-start/ { f = \$4 } END { print f }' '$T/r.dump')
	figure '$T/r.dump' | grep -q \"\\\"p\\.[^0-9]*\$f\\\"\" && [ \$(figure '$T/r.dump' | grep -c '\"p\.') -eq 1 ]"
"$HB" -q --date 2026-01-15 --role "Senior Partner Engineer" -o "$T/r.pdf" "$F" 2>/dev/null
check "role edition: the diagram's page is turned, the others not" bash -c "
	pdfinfo -f 1 -l 20 '$T/r.pdf' | grep -c 'size: *841.889 x 595.275' | grep -qx 1 &&
	[ \$(pdfinfo -f 1 -l 20 '$T/r.pdf' | grep -c 'size: *595.275 x 841.889') -eq \$((\$(pdfinfo '$T/r.pdf' | awk '/^Pages:/ { print \$2 }') - 1)) ]"
rm -rf "$T/all"; "$HB" -q --all-roles "$T/all" "$F" 2>"$T/all.err"; rc=$?
check "--all-roles on 11 tracks: 37 PDFs, exit 0, no warning" bash -c "[ $rc -eq 0 ] && [ \$(ls '$T/all' | wc -l) -eq 37 ] && [ ! -s '$T/all.err' ]"

# ---- one track: one row of arrows, one page ----
mkdir -p "$T/one"
printf '# Solo\n\nOne track.\n\n## Roles\n\n- [a](a.md)\n- [b](b.md)\n- [c](c.md)\n- [d](d.md)\n' >"$T/one/README.md"
for ft in "a:Junior Support Engineer" "b:Support Engineer" "c:Senior Support Engineer" "d:Lead Support Engineer"; do
	printf '# %s\n\nText.\n\n## Delivery\n\n- Ships.\n' "${ft#*:}" >"$T/one/${ft%%:*}.md"
done
"$HB" -q --date 2026-01-15 --dump "$T/one" >"$T/one.dump" 2>"$T/one.err"
check "one track: 4 boxes in one row, 3 arrows, one portrait page" bash -c "[ \$(figure '$T/one.dump' | grep -c '^rect .* 0\.800 374151$') -eq 4 ] && [ \$(figure '$T/one.dump' | grep '^rect .* 0\.800 374151$' | awk '{ print \$3 }' | sort -u | wc -l) -eq 1 ] && [ \$(heads '$T/one.dump') -eq 3 ] && [ \$(fig_pages '$T/one.dump') -eq 1 ] && grep -A1 '^page' '$T/one.dump' | grep -B1 '^tag Figure' | grep -q 'size 595.275x841.889'"
check "one track: the legend claims arrows, no branch" bash -c "figure '$T/one.dump' | grep -q '\"within\"' && ! figure '$T/one.dump' | grep -q '\"dashed\"'"

# ---- a README that links only a landing page and a folder; level files
# with front matter level, track and next (a Markdown link or a path) ----
F=tests/fixtures/landing-folders
"$HB" -q --date 2026-01-15 -o "$T/lf.pdf" "$F" 2>"$T/lf.err"; rc=$?
check "landing: exit 0, no error, no warning on the followed links" bash -c "[ $rc -eq 0 ] && ! grep -q 'error' '$T/lf.err' && ! grep -q 'docs/index.md\|docs/levels/' '$T/lf.err'"
"$HB" --explain "$F" >"$T/lf.ex" 2>"$T/lf.exerr"
check "landing: the folder's 6 levels in 2 tracks; index.md a chapter but no role, CONTRIBUTING no chapter" bash -c "grep -q '^Kestrel Engineering Ladder: 6 roles in 2 tracks' '$T/lf.ex' && ! grep -q 'CONTRIBUTING' '$T/lf.ex' && sed -n '/^chapters that are not roles/,\$p' '$T/lf.ex' | grep -q 'file: docs/index.md'"
check "landing: next given as a Markdown link or a path, read from the file's folder" bash -c "[ \$(grep -c 'declared in the front matter' '$T/lf.ex') -eq 4 ] && grep -A3 '^  E1 Associate Engineer' '$T/lf.ex' | grep -q 'next: E2 Engineer' && grep -A3 '^  E3 Senior Engineer' '$T/lf.ex' | grep -q 'next: E4 Staff Engineer' && ! grep -q HB124 '$T/lf.exerr'"
"$HB" -q --date 2026-01-15 --dump "$F" >"$T/lf.dump" 2>/dev/null
check "landing: the diagram has 6 boxes and 4 arrows" bash -c "[ \$(figure '$T/lf.dump' | grep -c '^rect .* 0\.800 374151$') -eq 6 ] && [ \$(heads '$T/lf.dump') -eq 4 ]"
"$HB" -q --date 2026-01-15 --review "Associate Engineer" -o "$T/lf-r.pdf" "$F" 2>/dev/null
check "landing: the review packet names the next level" bash -c "pdftotext -l 1 '$T/lf-r.pdf' - | tr '\n' ' ' | grep -q 'Next level: Engineer'"
rm -rf "$T/lf-all"; "$HB" -q --all-roles "$T/lf-all" "$F" 2>/dev/null
check "landing: --all-roles writes one PDF per role" bash -c "[ \$(ls '$T/lf-all' | wc -l) -eq 6 ]"

# ---- hostile: folder links and landing pages stay inside the content folder ----
mkdir -p "$T/outside/levels" "$T/h1"
printf '# Outside\n\nSecret.\n' >"$T/outside/levels/secret.md"
printf '# Outside index\n\n- [secret](secret.md)\n' >"$T/outside/levels/index.md"
cp "$F/README.md" "$T/h1/"; mkdir -p "$T/h1/docs"
printf '# Overview\n\n[levels](levels/) and [more](../../outside/levels/)\n' >"$T/h1/docs/index.md"
ln -s "$T/outside/levels" "$T/h1/docs/levels"
printf '# L1: Engineer\n\nText.\n' >"$T/h1/L1-Engineer.md"
"$HB" -q --date 2026-01-15 --explain "$T/h1" >"$T/h1.ex" 2>"$T/h1.err"
check "hostile: a folder link through a symbolic link out of the folder is not followed (HB154)" bash -c "grep -q 'docs/index.md:3:.*levels/ leads outside the content folder; not followed \[HB154\]' '$T/h1.err' && ! grep -q -i 'secret' '$T/h1.ex'"
check "hostile: a folder link above the content folder is no chapter" bash -c "! grep -q -i 'outside index\|secret' '$T/h1.ex' && grep -q '^  L1 Engineer' '$T/h1.ex'"
mkdir -p "$T/adr/docs/adr"
printf '# Team\n\nOur decisions are in [the ADRs](docs/adr/).\n\n- [Engineer](L1-Engineer.md)\n' >"$T/adr/README.md"
printf '# L1: Engineer\n\nText.\n' >"$T/adr/L1-Engineer.md"
printf '# ADR 1: Use Postgres\n\nAccepted.\n' >"$T/adr/docs/adr/0001-postgres.md"
"$HB" --explain "$T/adr" >"$T/adr.ex" 2>/dev/null
check "a folder linked from a paragraph beside a role list is not followed" bash -c "grep -q '1 role' '$T/adr.ex' && ! '$HB' -q --date 2026-01-15 --dump '$T/adr' 2>/dev/null | grep -q 'Postgres'"
mkdir -p "$T/h2/a"
printf '# Loop\n\n- [a](a/)\n' >"$T/h2/README.md"
printf '# A\n\n- [back](../a/index.md)\n- [self](./)\n- [L1](L1-Engineer.md)\n' >"$T/h2/a/index.md"
printf '# L1: Engineer\n\nText.\n' >"$T/h2/a/L1-Engineer.md"
timeout 10 "$HB" -q --date 2026-01-15 --explain "$T/h2" >"$T/h2.ex" 2>"$T/h2.err"; rc=$?
check "hostile: landing pages that link each other are read once" bash -c "[ $rc -eq 0 ] && grep -q '1 role' '$T/h2.ex'"

# ---- raw HTML <h2>/<h3> blocks as a level file's section headings ----
mkdir -p "$T/hh"
printf '# Analysts\n\n- [a](a.md)\n- [b](b.md)\n' >"$T/hh/README.md"
printf '# L1: Analyst\n\nIntro.\n\n<h2>Delivery</h2>\n\n- Ships reports.\n- Checks numbers.\n\n<h3 id="x">Depth <em>of</em> craft</h3>\n\n- Knows SQL.\n' >"$T/hh/a.md"
printf '# L2: Senior Analyst\n\n<h2>Delivery</h2>\n\n- Ships dashboards.\n' >"$T/hh/b.md"
"$HB" --explain "$T/hh" >"$T/hh.ex" 2>"$T/hh.err"
check "HTML headings: <h2>/<h3> blocks are sections, found without a warning" bash -c "grep -q 'competencies: 2, expectations: 3 (Delivery, Depth of craft)' '$T/hh.ex' && grep -q 'competencies: 1, expectations: 1 (Delivery)' '$T/hh.ex' && [ ! -s '$T/hh.err' ]"
"$HB" -q --date 2026-01-15 --review L1 -o "$T/hh.pdf" "$T/hh" 2>/dev/null
check "HTML headings: the packet's worksheet takes their items; no raw HTML in the PDF" bash -c "pdftotext -layout '$T/hh.pdf' - | grep -q '^ 3\. Knows SQL' && ! pdftotext '$T/hh.pdf' - | grep -q '<h[23]\|</'"

# ---- file.md#anchor links in the role list into a file cut into levels ----
mkdir -p "$T/anc"
cp tests/fixtures/track-files/backend.md "$T/anc/"
printf '# Fernhill Backend\n\n## Levels\n\n- [Backend Engineer](backend.md#e1-backend-engineer)\n- [Senior Backend Engineer](backend.md#E2-Senior-Backend-Engineer)\n- [Staff Backend Engineer](./backend.md#e3-staff-backend-engineer)\n' >"$T/anc/README.md"
"$HB" -q --date 2026-01-15 -o "$T/anc.pdf" "$T/anc" 2>"$T/anc.err"; rc=$?
check "anchors: links into a track file's level sections resolve (no HB205), 3 roles" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/anc.err' ] && \"$HB\" --explain '$T/anc' 2>/dev/null | grep -q '3 roles in 1 track'"
check "anchors: each lands on its level's chapter (pdfcheck.py)" python3 tests/e2e/pdfcheck.py "$T/anc.pdf"
"$HB" -q --date 2026-01-15 --dump "$T/anc" >"$T/anc.dump" 2>/dev/null
check "anchors: the README's three links name the three level sections" bash -c "grep -q '^link .* \"backend-E1-Backend-Engineer.md#e1-backend-engineer\"$' '$T/anc.dump' && grep -q '^link .* \"backend-E3-Staff-Backend-Engineer.md#e3-staff-backend-engineer\"$' '$T/anc.dump'"

# ---- acceptance on two frameworks in shapes read in public repositories
# (own words): a lower-case readme.md with an HTML banner linking a folder
# whose readme.md is a table of track files cut into P/M levels; a README
# whose role list is tables of percent-encoded links into folders with
# spaces, level sections with grades and one without (the rank after),
# <h3> competencies, and an HTML matrix ----
# accept DIR ROLES ARROWS: exit 0 and no error; the diagram's boxes and
# arrows; every role's review packet names its next level where it has one;
# no raw HTML in the PDF; --all-roles one PDF per role
accept() {
	local F=$1 roles=$2 arrows=$3 n=$(basename "$1")
	"$HB" -q --date 2026-01-15 -o "$T/$n.pdf" "$F" 2>"$T/$n.err"; local rc=$?
	check "$n: exit 0 and no error" bash -c "[ $rc -eq 0 ] && ! grep -q 'error' '$T/$n.err'"
	"$HB" -q --date 2026-01-15 --dump "$F" >"$T/$n.dump" 2>/dev/null
	check "$n: the diagram has $roles boxes and $arrows arrows" bash -c "[ \$(figure '$T/$n.dump' | grep -c '^rect .* 0\.800 374151$') -eq $roles ] && [ \$(heads '$T/$n.dump') -eq $arrows ]"
	"$HB" --list-roles --json "$F" >"$T/$n.json" 2>/dev/null
	check "$n: every review packet names the next level" python3 - "$HB" "$F" "$T/$n.json" "$T" <<'PY'
import json, subprocess, sys
hb, F, roles, T = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3])), sys.argv[4]
title = {r["file"]: r["title"] for r in roles}
bad = []
for r in roles:
    out = T + "/rev.pdf"
    subprocess.run([hb, "-q", "--review", r["file"][:-3], "-o", out, F], capture_output=True, check=True)
    first = " ".join(subprocess.run(["pdftotext", "-l", "1", out, "-"], capture_output=True, text=True).stdout.split())
    want = "Next level: " + title[r["next"]] if r["next"] else None
    if (want and want not in first) or (not want and "Next level:" in first):
        bad.append((r["title"], want))
print(bad)
sys.exit(1 if bad else 0)
PY
	check "$n: no raw HTML in the PDF" bash -c "! pdftotext '$T/$n.pdf' - | grep -q '</\?[a-z][a-z0-9]*[ >]'"
	rm -rf "$T/$n-all"; "$HB" -q --all-roles "$T/$n-all" "$F" 2>/dev/null
	check "$n: --all-roles writes one PDF per role" bash -c "[ \$(ls '$T/$n-all' | wc -l) -eq $roles ]"
}
accept tests/fixtures/unseen-tracks-folder 7 6
accept tests/fixtures/unseen-distinctions 8 5
"$HB" --explain tests/fixtures/unseen-distinctions >"$T/ud.ex" 2>/dev/null
check "unseen-distinctions: a level section without a grade after II ranks 3, and its track's arrow reaches it" bash -c "grep -A2 '^  Senior Platform Engineer' '$T/ud.ex' | grep -q 'rank: 3 (the rank after' && grep -A3 '^  Platform Engineer II' '$T/ud.ex' | grep -q 'next: Senior Platform Engineer'"
check "unseen-distinctions: <h3> competencies and the HTML matrix give sections" bash -c "grep -A4 '^  Platform Engineer I$' '$T/ud.ex' | grep -q 'expectations: 3 (Delivery, Operations)' && grep -A4 '^  Field Engineer II' '$T/ud.ex' | grep -q 'expectations: 4 (Hardware, Reporting)'"

# ---- the legend of a role edition claims "Next step" only where one is marked ----
"$HB" -q --date 2026-01-15 --role L5-Senior-Support-Manager -o "$T/top.pdf" content 2>/dev/null
"$HB" -q --date 2026-01-15 --role L3 -o "$T/mid.pdf" content 2>/dev/null
check "legend: the top of a track marks no next step and claims none; a role below does both" bash -c "pdftotext '$T/top.pdf' - | tr '\n' ' ' | grep -q 'The highlighted box is the role this document describes\. ' && ! pdftotext '$T/top.pdf' - | grep -q 'Next step' && pdftotext '$T/mid.pdf' - | tr '\n' ' ' | grep -q 'describes; “Next step” marks where it leads' && pdftotext '$T/mid.pdf' - | grep -q '^Next step\$'"

finish diagram
