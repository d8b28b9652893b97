#!/usr/bin/env bash
# Framework shapes of issue 14 that the model and layout must read as their
# authors wrote them: raw HTML tables, competency matrices, several levels
# in one file, many tracks.  Each shape has its fixture under
# tests/fixtures/ and assertions on --explain, the diagram (--dump), the
# glance table, the review packet and its worksheet.
# Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"

# same_y DUMP A B: the dump draws text A and text B on one baseline (one table row)
same_y() { awk -v a="\"$2\"" -v b="\"$3\"" '$1 == "text" && $NF == a { ya[$3] = 1 } $1 == "text" && $NF == b { yb[$3] = 1 }
	END { for (y in ya) if (y in yb) exit 0; exit 1 }' "$1"; }
# no_tags PDF: no HTML tag of the source on any page
no_tags() { ! pdftotext "$1" - | grep -Eiq '</?(table|thead|tbody|tr|td|th|div|p|br|ul|ol|li|strong|em|a|span|code|img)( [^>]*)?/?>'; }
# journey DUMP: the career-journey page of a dump; boxes and arrows count its
# framed rects and arrow heads (the upper stroke of each head)
# the diagram's Figure, over all its pages
journey() { awk '/^tag Figure "Career journey diagram/{ keep = 1 } keep { print } keep && /^endtag$/{ exit }' "$1"; }
boxes() { journey "$1" | grep -c '^rect .* 0\.800 374151$'; }
arrows() { journey "$1" | grep -c '^line .* 5\.000 2\.800 '; }
export -f same_y no_tags journey boxes arrows

# ---- raw HTML tables (libxml2's HTML parser) ----
F=tests/fixtures/html-tables
"$HB" -q --date 2026-01-15 -o "$T/html.pdf" "$F" 2>"$T/html.err"; rc=$?
"$HB" -q --date 2026-01-15 --dump "$F" >"$T/html.dump" 2>/dev/null
check "HTML tables: exit 0, no error" bash -c "[ $rc -eq 0 ] && ! grep -q 'error' '$T/html.err'"
check "HTML tables: no tag of the source in the PDF" no_tags "$T/html.pdf"
check "HTML tables: a <th> cell and its <td> share a row" same_y "$T/html.dump" Airflow Schedules
check "HTML tables: the header row is a table header" bash -c "grep -q '^text .* bold 1f3a5f \"Tool\"' '$T/html.dump' && same_y '$T/html.dump' Tool Use"
check "HTML tables: <br>, <p> and <li> in a cell break its lines" bash -c "pdftotext -layout '$T/html.pdf' - | grep -q 'Tests run on every change' && ! pdftotext -layout '$T/html.pdf' - | grep -q 'change\\. *Tests run' && pdftotext '$T/html.pdf' - | grep -q '• Sources documented'"
check "HTML tables: <code> and <a href> in cells keep their style and link" bash -c "grep -q 'mono 1f2937 \"dbt\"' '$T/html.dump' && pdftotext '$T/html.pdf' - | grep -q 'the models repo'"
check "HTML tables: a table of links in the README is the role list" bash -c "'$HB' --explain '$F' | grep -q '^Data Platform Careers: 3 roles in 1 track'"
check "HTML tables: a <div> block gives its text, one warning for the file, none for tables" bash -c "[ \$(grep -c 'HB302' '$T/html.err') -eq 1 ] && grep -q 'README.md:13:1: warning: raw HTML is not interpreted; only its text is shown' '$T/html.err' && pdftotext '$T/html.pdf' - | grep -q 'Questions go to the data careers channel'"
check "HTML tables: an inline <br> is a line break, not text" bash -c "pdftotext '$T/html.pdf' - | grep -qx 'Each level lists what people at it do'"
check "HTML tables: every word of the cells is on the pages" bash -c "! grep -q 'text left out' '$T/html.err'"

# hostile HTML: unclosed, nested 40,000 elements deep (past libxml2's 256 and our walk's limit), a colspan past the
# column limit, an empty table, stray closing tags
mkdir -p "$T/hh"; cp "$F"/*.md "$T/hh/"
{ printf '\n<table><tr><td colspan="5000">wide</td></tr></table>\n\n<table><tr><td>under'
  for i in $(seq 20000); do printf '<div><b>'; done; printf 'deep'
  printf '\n\n</td></tr></table>\n\n<table></table>\n\n</td></tr>\n\n<table><tr><td>unclosed <ul><li>item\n'; } >>"$T/hh/d2-engineer.md"
timeout $((20 * ${HANDBOOK_SLOW:-1})) "$HB" -q -o "$T/hh.pdf" "$T/hh" 2>"$T/hh.err"; rc=$? # ASan runs slower
check "hostile HTML: exit 0, the text kept, no tags shown" bash -c "[ $rc -eq 0 ] && pdftotext '$T/hh.pdf' - | tr '\\n' ' ' | grep -q 'w i d e\|wide' && pdftotext '$T/hh.pdf' - | grep -q 'deep' && pdftotext '$T/hh.pdf' - | grep -q 'unclosed' && ! grep -q 'text left out' '$T/hh.err'" 
check "hostile HTML: no tag in the PDF" no_tags "$T/hh.pdf"

# ---- competency matrix: rows are competencies, columns are levels ----
F=tests/fixtures/matrix-html
"$HB" --explain "$F" >"$T/mx.ex" 2>"$T/mx.err"
check "HTML matrix: columns by link, code and title give each level its competencies" bash -c "grep -A5 '^  QE1 ' '$T/mx.ex' | grep -q 'competencies: 2, expectations: 3 (Test design, Automation)' && grep -A5 '^  QE2 ' '$T/mx.ex' | grep -q 'competencies: 3, expectations: 5 (Test design, Automation, Advocacy)' && grep -A5 '^  QE3 ' '$T/mx.ex' | grep -q 'competencies: 3, expectations: 4'"
check "HTML matrix: a level named in a column heading is not 'listed twice'" bash -c "! grep -q 'listed twice' '$T/mx.err'"
"$HB" -q --date 2026-01-15 --review qe2 -o "$T/mx-r.pdf" "$F" 2>/dev/null
pdftotext -layout "$T/mx-r.pdf" "$T/mx-r.txt"
check "HTML matrix: the review packet names the next level" bash -c "pdftotext -l 1 '$T/mx-r.pdf' - | tr '\n' ' ' | grep -q 'Next level: QE3: Senior Quality Engineer'"
check "HTML matrix: worksheet rows are the cell's lines, bullets dropped" bash -c "grep -q '^ 1\. Plans the tests for a feature\.' '$T/mx-r.txt' && grep -q '^ 4\. Cuts flaky tests to under one percent\.' '$T/mx-r.txt' && grep -q '^ 5\. Explains a risk' '$T/mx-r.txt' && ! grep -q '^ 6\.' '$T/mx-r.txt'"
check "HTML matrix: what changes sets both levels side by side" bash -c "grep -q 'Plans the tests for a feature\. *• Sets the test strategy' '$T/mx-r.txt'"
"$HB" -q --date 2026-01-15 -o "$T/mx.pdf" "$F" 2>/dev/null
check "HTML matrix: the glance table has a row per competency, a dash where a level has none" bash -c "pdftotext -layout '$T/mx.pdf' - | grep -q '^Advocacy  *—  *Explains a risk' && pdftotext -layout '$T/mx.pdf' - | grep -q '^Test design  *Writes cases from a written  *Plans the tests'"

F=tests/fixtures/matrix-md
"$HB" --explain "$F" >"$T/mm.ex" 2>"$T/mm.err"; rc=$?
check "Markdown matrix in its own chapter: codes as column headings ('S 2' too)" bash -c "[ $rc -eq 0 ] && grep -A5 '^  S1 ' '$T/mm.ex' | grep -q 'competencies: 2, expectations: 3 (Troubleshooting, Customer care)' && grep -A5 '^  S2 ' '$T/mm.ex' | grep -q 'competencies: 2, expectations: 3'"
check "Markdown matrix: a level's own section of the same name is kept, not doubled" bash -c "grep -A5 '^  S3 ' '$T/mm.ex' | grep -q 'competencies: 1, expectations: 1 (Troubleshooting)'"
"$HB" -q --date 2026-01-15 --review s2 -o "$T/mm-r.pdf" "$F" 2>/dev/null
check "Markdown matrix: '- ' lines of a cell are worksheet rows" bash -c "pdftotext -layout '$T/mm-r.pdf' - | grep -q '^ 2\. Writes a runbook entry for each new fault'"

# ---- several levels in one file: track files, and the whole ladder in the README ----
F=tests/fixtures/track-files
"$HB" --explain "$F" >"$T/tf.ex" 2>"$T/tf.err"; rc=$?
check "track files: each ## level is a role, each file a track named by its title" bash -c "[ $rc -eq 0 ] && grep -q '^Product Engineering Tracks: 5 roles in 2 tracks' '$T/tf.ex' && grep -q '^track Backend Engineering (from the title of the file holding its levels)' '$T/tf.ex' && grep -q '^track Frontend Engineering' '$T/tf.ex'"
check "track files: next levels within each file" bash -c "grep -A4 '^  E1 Backend Engineer' '$T/tf.ex' | grep -q 'next: E2 Senior Backend Engineer' && grep -A4 '^  E1 Frontend Engineer' '$T/tf.ex' | grep -q 'next: E2 Senior Frontend Engineer'"
check "track files: ### competencies and bold-lead paragraphs under a level" bash -c "grep -A5 '^  E1 Backend Engineer' '$T/tf.ex' | grep -q 'competencies: 2, expectations: 3 (Delivery, Operations)' && grep -A5 '^  E2 Senior Backend Engineer' '$T/tf.ex' | grep -q 'competencies: 3, expectations: 3 (Delivery, Operations, Design)'"
check "track files: a nested list stays with its item (one expectation)" bash -c "grep -A5 '^  E3 Staff Backend Engineer' '$T/tf.ex' | grep -q 'competencies: 1, expectations: 2 (Delivery)'"
"$HB" -q --date 2026-01-15 --dump "$F" >"$T/tf.dump" 2>/dev/null
check "track files: the diagram draws 5 boxes and 3 arrows (2 + 1 in two rows)" bash -c "[ \$(boxes '$T/tf.dump') -eq 5 ] && [ \$(arrows '$T/tf.dump') -eq 3 ]"
rm -rf "$T/tf-all"; "$HB" -q --date 2026-01-15 --all-roles "$T/tf-all" "$F" 2>/dev/null
check "track files: --all-roles writes one PDF per level section" bash -c "[ \$(ls '$T/tf-all' | wc -l) -eq 5 ] && [ -f '$T/tf-all/backend-E2-Senior-Backend-Engineer.pdf' ] && [ -f '$T/tf-all/frontend-E2-Senior-Frontend-Engineer.pdf' ]"
"$HB" -q --date 2026-01-15 --review 'E2 Senior Backend Engineer' -o "$T/tf-r.pdf" "$F" 2>/dev/null
check "track files: the review packet names the next level and the bold leads as rows" bash -c "pdftotext -l 1 '$T/tf-r.pdf' - | tr '\n' ' ' | grep -q 'Next level: E3: Staff Backend Engineer' && pdftotext -layout '$T/tf-r.pdf' - | grep -q '^ 3\. Design: Writes design notes others can review'"
check "track files: the file's own intro stays a chapter" bash -c "pdftotext '$T/tf-r.pdf' /dev/stdout >/dev/null; '$HB' -q --date 2026-01-15 -o '$T/tf.pdf' '$F' && pdftotext '$T/tf.pdf' - | grep -q 'Backend engineers build the services behind the product'"

F=tests/fixtures/one-file-ladder
"$HB" --explain "$F" >"$T/ol.ex" 2>"$T/ol.err"; rc=$?
check "whole ladder in the README: each level section a role, in one track" bash -c "[ $rc -eq 0 ] && grep -q '^Analytics Career Ladder: 3 roles in 1 track, 3 ranks' '$T/ol.ex' && grep -A4 '^  Level 2 Analyst' '$T/ol.ex' | grep -q 'next: Level 3 Senior Analyst'"
"$HB" -q --date 2026-01-15 -o "$T/ol.pdf" "$F" 2>/dev/null
"$HB" -q --date 2026-01-15 --dump "$F" >"$T/ol.dump" 2>/dev/null
check "whole ladder: the glance table has its competencies, the README its other sections" bash -c "pdftotext -layout '$T/ol.pdf' - | grep -q '^Communication  *Explains a chart in two sen' && pdftotext '$T/ol.pdf' - | grep -q 'analytics leads review changes monthly'"
rm -rf "$T/ol-all"; "$HB" -q --all-roles "$T/ol-all" "$F" 2>/dev/null
check "whole ladder: --all-roles names each role by its title" bash -c "ls '$T/ol-all' | tr '\n' ' ' | grep -qx 'Level-1-Associate-Analyst.pdf Level-2-Analyst.pdf Level-3-Senior-Analyst.pdf '"

# ---- --all-roles: never two roles to one file name ----
mkdir -p "$T/cl/backend"
printf '# C\n\nA framework of the team at C.\n\n## Levels\n\n- [a](backend/senior.md)\n- [b](backend-senior.md)\n- [c](Backend-Senior.md)\n' >"$T/cl/README.md"
printf '# L1: Engineer\n\nOne.\n' >"$T/cl/backend/senior.md"
printf '# L2: Senior Engineer\n\nTwo.\n' >"$T/cl/backend-senior.md"
printf '# L3: Staff Engineer\n\nThree.\n' >"$T/cl/Backend-Senior.md"
"$HB" -q --all-roles "$T/cl-out" "$T/cl" 2>/dev/null
check "--all-roles: names that meet (folder vs dash, case) get a number" bash -c "[ \$(ls '$T/cl-out' | wc -l) -eq 3 ] && pdftotext '$T/cl-out/backend-senior-2.pdf' - | grep -q 'L2: Senior Engineer' && pdftotext '$T/cl-out/Backend-Senior-3.pdf' - | grep -q 'L3: Staff Engineer'"

# ---- many tracks: 11 tracks of 2-5 levels, titles that repeat the track ----
mkdir -p "$T/many"
python3 - "$T/many" <<'PY'
import sys, os
d = sys.argv[1]
tracks = ["Platform Infrastructure", "Data Engineering", "Machine Learning Research", "Mobile Applications",
          "Web Frontend", "Site Reliability", "Security Engineering", "Developer Experience",
          "Quality Engineering", "Embedded Systems", "Payments and Billing"]
pre = {1: "Associate ", 2: "", 3: "Senior ", 4: "Staff ", 5: "Principal "}
r = ["# Many Tracks\n\nA framework of the team at Many.\n\n## Roles\n"]
for i, t in enumerate(tracks, 1):
    for l in range(1, i % 4 + 3):
        f = "t%d-l%d.md" % (i, l)
        r.append("- [L%d %s](%s)" % (l, t, f))
        open(os.path.join(d, f), "w").write("---\ntrack: %s\n---\n# L%d: %s%s Engineer\n\nText.\n\n## Delivery\n\n- Ships.\n" % (t, l, pre[l], t))
open(os.path.join(d, "README.md"), "w").write("\n".join(r) + "\n")
PY
"$HB" -q --date 2026-01-15 --dump "$T/many" >"$T/many.dump" 2>"$T/many.err"
check "11 tracks: 40 boxes, 29 arrows" bash -c "[ \$(boxes '$T/many.dump') -eq 40 ] && [ \$(arrows '$T/many.dump') -eq 29 ]"
check "11 tracks: turned landscape, every title whole, not cut or shrunk (no HB306/HB307)" bash -c "journey '$T/many.dump' | grep -q '\"Research\"' && ! journey '$T/many.dump' | grep -q '\"MLR\"' && ! grep -q 'HB30[67]' '$T/many.err' && journey '$T/many.dump' | grep -q '\"Infrastructure\"' && grep -A1 '^page' '$T/many.dump' | grep -B1 '^tag Figure' | grep -q 'size 841.889x595.275'"

# ---- several shapes in one framework: readme.md with front matter, an HTML
# role list, a track file of ## levels with codes after the titles, manager
# files in a folder with front matter, an HTML matrix in that folder ----
F=tests/fixtures/mixed
"$HB" -q --date 2026-01-15 -o "$T/mix.pdf" "$F" 2>"$T/mix.err"; rc=$?
check "mixed: exit 0 and not one warning" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/mix.err' ]"
"$HB" --explain "$F" >"$T/mix.ex" 2>/dev/null
check "mixed: 5 roles in 2 tracks, next levels in each" bash -c "grep -q '^Engineering at Tidewater: 5 roles in 2 tracks' '$T/mix.ex' && grep -A4 '^  IC2 Engineer II' '$T/mix.ex' | grep -q 'next: IC3 Senior Engineer' && grep -A4 '^  M1 Engineering Manager' '$T/mix.ex' | grep -q 'next: M2 Senior Engineering Manager'"
check "mixed: the matrix in a subfolder reaches the managers (links from its own folder)" bash -c "grep -A5 '^  M2 ' '$T/mix.ex' | grep -q 'competencies: 2, expectations: 3 (People, Delivery), from the matrix in mgmt/matrix.md'"
check "mixed: --explain names the file and line a level section was cut from" bash -c "grep -q 'file: eng/ladder-Engineer-II-IC2.md (a level section of eng/ladder.md, line 11)' '$T/mix.ex'"
"$HB" -q --date 2026-01-15 --dump "$F" >"$T/mix.dump" 2>/dev/null
check "mixed: the diagram has 5 boxes and 3 arrows" bash -c "[ \$(boxes '$T/mix.dump') -eq 5 ] && [ \$(arrows '$T/mix.dump') -eq 3 ]"
"$HB" -q --date 2026-01-15 --review IC2 -o "$T/mix-r.pdf" "$F" 2>/dev/null
check "mixed: IC2's worksheet has 3 rows, the nested items staying with theirs" bash -c "pdftotext -layout '$T/mix-r.pdf' - | grep -A3 '^ 2\. Reviews code for others in the team:' | grep -q 'approves when the change is safe' && pdftotext -layout '$T/mix-r.pdf' - | grep -q '^ 3\. Pairs with' && ! pdftotext -layout '$T/mix-r.pdf' - | grep -q '^ 4\. ' && pdftotext -l 1 '$T/mix-r.pdf' - | tr '\n' ' ' | grep -q 'Next level: Senior Engineer (IC3)'"
"$HB" -q --date 2026-01-15 --review M1 -o "$T/mix-m.pdf" "$F" 2>/dev/null
check "mixed: M1's packet names M2 and takes its rows from the matrix" bash -c "pdftotext -l 1 '$T/mix-m.pdf' - | tr '\n' ' ' | grep -q 'Next level: M2' && pdftotext -layout '$T/mix-m.pdf' - | grep -q '^ 2\. Writes reviews with examples\.'"
rm -rf "$T/mix-all"; "$HB" -q --all-roles "$T/mix-all" "$F" 2>/dev/null
check "mixed: --all-roles writes one PDF per role" bash -c "[ \$(ls '$T/mix-all' | wc -l) -eq 5 ]"

# ---- the caption claims only what is drawn ----
mkdir -p "$T/ua"
printf '# U\n\nA framework of the team at U.\n\n## Roles\n\n- [a](a.md)\n- [b](b.md)\n' >"$T/ua/README.md"
printf '# Designer\n\nDraws.\n' >"$T/ua/a.md"; printf '# Writer\n\nWrites.\n' >"$T/ua/b.md"
"$HB" -q -o "$T/ua.pdf" "$T/ua" 2>/dev/null
check "caption: no arrow drawn, no arrow claimed" bash -c "pdftotext '$T/ua.pdf' - | grep -q 'Each box is a role with a track of its own' && ! pdftotext '$T/ua.pdf' - | grep -q 'Arrows show'"
check "caption: one track drawn as one row with arrows says so, and claims no branch" bash -c "'$HB' -q -o '$T/ol1.pdf' tests/fixtures/one-file-ladder && pdftotext '$T/ol1.pdf' - | grep -q 'Arrows show progression within a track' && ! pdftotext '$T/ol1.pdf' - | grep -q 'dashed branch' && [ \$(arrows '$T/ol.dump') -eq 2 ]"

finish shapes
