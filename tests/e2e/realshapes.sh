#!/usr/bin/env bash
# Shapes seen in real public frameworks that issue 14 still got wrong: a
# landing page's own text (a chapter, no role), a table of jobs without
# level codes (one-role tracks, not one ladder), pages that are no jobs
# (Glossary, Performance Reviews: chapters without box or worksheet, with
# role: true/false in front matter as the way out), a README that links
# nothing while the levels live in subfolders, and lists inside HTML
# table cells.  Fixtures: tests/fixtures/landing-jobs, subfolder-levels.
# Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"

# the diagram's Figure over all its pages; its framed boxes and arrow heads
journey() { awk '/^tag Figure "Career journey diagram/{ keep = 1 } keep { print } keep && /^endtag$/{ exit }' "$1"; }
boxes() { journey "$1" | grep -c '^rect .* 0\.800 374151$'; }
arrows() { journey "$1" | grep -c '^line .* 5\.000 2\.800 '; }
# same_y DUMP A B: the dump draws text A and text B on one baseline
same_y() { awk -v a="\"$2\"" -v b="\"$3\"" '$1 == "text" && $NF == a { ya[$3] = 1 } $1 == "text" && $NF == b { yb[$3] = 1 }
	END { for (y in ya) if (y in yb) exit 0; exit 1 }' "$1"; }
no_tags() { ! pdftotext "$1" - | grep -Eiq '</?(table|thead|tbody|tr|td|th|div|p|br|ul|ol|li|strong|em|a|span|style)( [^>]*)?/?>'; }
# next_of DIR ROLE WANT: the review packet of ROLE names WANT as its next level
next_of() {
	"$HB" -q --date 2026-01-15 --review "$2" -o "$T/rev.pdf" "$1" 2>/dev/null &&
		pdftotext -l 1 "$T/rev.pdf" - | tr '\n' ' ' | grep -q "Next level: $3"
}
# not_role EX FILE WHY: --explain lists FILE among the chapters that are no roles, for WHY
not_role() { sed -n '/^chapters that are not roles/,$p' "$1" | grep -A1 "file: $2\$" | grep -q "why: $3"; }
export -f journey boxes arrows same_y no_tags next_of not_role

# ---- a README listing pages, a landing page with a table of jobs, a ladder ----
F=tests/fixtures/landing-jobs
"$HB" -q --date 2026-01-15 -o "$T/lj.pdf" "$F" 2>"$T/lj.err"; rc=$?
"$HB" -q --date 2026-01-15 --dump "$F" >"$T/lj.dump" 2>/dev/null
"$HB" --explain "$F" >"$T/lj.ex" 2>/dev/null
check "landing-jobs: exit 0, no error, no warning" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/lj.err' ]"
check "landing-jobs: 9 roles in 7 tracks" grep -q '^Heron Works Career Guide: 9 roles in 7 tracks' "$T/lj.ex"
check "landing: the landing page's own text is a chapter of the book" bash -c "pdftotext '$T/lj.pdf' - | tr '\n' ' ' | grep -q 'Each is a job of its own, not a step of one ladder'"
check "landing: no role, and --explain says it is a landing page" not_role "$T/lj.ex" jobs/README.md 'a landing page'
check "jobs: five one-role tracks, each named by its job, and why" bash -c "[ \$(grep -c '^track .* (from its title: a track of its own, as the roles listed with it have no level codes and each names a different job)' '$T/lj.ex') -eq 5 ] && grep -q '^track Data Analyst (from its title' '$T/lj.ex' && grep -q '^track Community Coordinator (from its title' '$T/lj.ex'"
check "jobs: none is ranked or leads to another" bash -c "grep -A3 '^  Agile Coach' '$T/lj.ex' | grep -q 'next: none (no rank)' && ! grep -A3 '^  Data Analyst' '$T/lj.ex' | grep -q 'next: Agile'"
check "ladder: its folder's three roles rank by the README's order" bash -c "grep -A3 '^  Associate Engineer' '$T/lj.ex' | grep -q 'next: Engineer' && grep -A3 '^  Engineer\$' '$T/lj.ex' | grep -q 'next: Senior Engineer'"
check "pages: Glossary and Performance Reviews are no roles, by their titles" bash -c "not_role '$T/lj.ex' glossary.md \"its title names a page, not a job ('glossary')\" && not_role '$T/lj.ex' reviews.md \"its title names a page, not a job ('performance')\""
check "pages: role: false makes a job title no role; role: true makes a page one" bash -c "not_role '$T/lj.ex' manager-notes.md 'role: false in its front matter' && grep -q '^  Hiring overview\$' '$T/lj.ex'"
check "pages: still chapters of the book" bash -c "pdftotext '$T/lj.pdf' - | tr '\n' ' ' | grep -q 'the part of the product a person answers for' && pdftotext '$T/lj.pdf' - | grep -q 'Collect two pieces of peer feedback'"
check "glance: the jobs are not compared as levels of one track (no row holds two)" bash -c "! pdftotext -layout '$T/lj.pdf' - | grep -q 'Builds dashboards.*Runs retrospectives'"
check "diagram: 9 boxes (no page, no landing), 2 arrows (the ladder's)" bash -c "[ \$(boxes '$T/lj.dump') -eq 9 ] && [ \$(arrows '$T/lj.dump') -eq 2 ]"
check "review: Engineer's packet names Senior Engineer" next_of "$F" ladder/engineer.md "Senior Engineer"
check "review: the worksheet has the role's rows" bash -c "'$HB' --date 2026-01-15 --review ladder/engineer.md -o '$T/w.pdf' '$F' 2>&1 | grep -q 'worksheet has 3 expectations' && pdftotext '$T/w.pdf' - | grep -q 'Ships features on their own'"
check "review: a page that is no role has no packet" bash -c "! '$HB' -q --review glossary.md -o '$T/g.pdf' '$F' 2>/dev/null"
check "--all-roles: one PDF per role, none for the pages" bash -c "'$HB' -q --date 2026-01-15 --all-roles '$T/all' '$F' && [ \$(ls '$T/all' | wc -l) -eq 9 ] && ! ls '$T/all' | grep -qi 'glossary\|reviews\|README\|manager-notes'"
check "HTML: a list in a <th> cell keeps its items on lines of their own" bash -c "grep -q '\"Plans\"' '$T/lj.dump' && ! same_y '$T/lj.dump' Plans Signs && pdftotext -layout '$T/lj.pdf' - | grep -q 'Signs off the release notes'"
check "HTML: a <style> block and a <div> around a table give no HB302, and no tag reaches the PDF" bash -c "! grep -q HB302 '$T/lj.err' && no_tags '$T/lj.pdf'"
check "listed twice: only within one page (README and landing page each may list a file)" bash -c "! grep -q HB106 '$T/lj.err'"

# ---- a README that links nothing; the levels in docs/, one folder per track ----
F=tests/fixtures/subfolder-levels
"$HB" -q --date 2026-01-15 -o "$T/sf.pdf" "$F" 2>"$T/sf.err"; rc=$?
"$HB" --explain "$F" >"$T/sf.ex" 2>/dev/null
check "subfolders: exit 0, one HB117 naming the subfolders" bash -c "[ $rc -eq 0 ] && ! grep -q error '$T/sf.err' && [ \$(grep -c 'HB117' '$T/sf.err') -eq 1 ] && grep -q 'Markdown files in its subfolders are read as levels' '$T/sf.err'"
check "subfolders: tracks from the folders, ranks from the codes" bash -c "grep -q '^Osprey Labs Levels: 5 roles in 2 tracks, 3 ranks' '$T/sf.ex' && grep -q '^track Backend (from the folder it is in)' '$T/sf.ex' && grep -q '^track Frontend (from the folder it is in)' '$T/sf.ex'"
check "subfolders: the glossary and the empty section pages are no roles" bash -c "not_role '$T/sf.ex' docs/glossary.md 'its title names a page' && not_role '$T/sf.ex' docs/backend/backend.md 'it has no text of its own'"
cp -r "$F" "$T/sfx" && mkdir -p "$T/sfx/node_modules/pkg" "$T/sfx/_layouts" &&
	printf '# Usage\n\n- Install it.\n' >"$T/sfx/node_modules/pkg/usage.md" && printf '# Page\n\n- A layout.\n' >"$T/sfx/_layouts/page.md"
check "subfolders: node_modules and _layouts are not searched" bash -c "'$HB' --explain '$T/sfx' 2>&1 | grep -q 'the 8 Markdown files in its subfolders' && ! '$HB' --explain '$T/sfx' 2>/dev/null | grep -q 'node_modules\|_layouts'"
check "subfolders: L2 Backend's packet names L3 Backend Engineer" next_of "$F" docs/backend/L2-backend.md "L3 Backend Engineer"

# ---- a README pointing at the site's home page (index.md at the root);
# file names with spaces, linked and declared with %20 ----
mkdir -p "$T/home/docs"
printf '# Kite Ladder\n\n| Page | Use |\n|---|---|\n| [index.md](index.md) | start here |\n' >"$T/home/README.md"
printf '# Start Here\n\nRead the levels in order.\n\n1. [First](docs/01%%20First%%20Level.md)\n2. [Second](docs/02%%20Second%%20Level.md)\n3. [Kite in 2019](docs/story.md)\n' >"$T/home/index.md"
printf '# Kite in 2019\n\nThree people and a kite shop, in a paragraph or two.\n' >"$T/home/docs/story.md"
printf -- '---\nnext: "[Second](02%%20Second%%20Level.md)"\ntrack: Kite\n---\n# Kite Engineer\n\n## Delivery\n\n- Ships with help.\n' >"$T/home/docs/01 First Level.md"
printf -- '---\ntrack: Kite\n---\n# Senior Kite Engineer\n\n## Delivery\n\n- Ships alone.\n' >"$T/home/docs/02 Second Level.md"
"$HB" --explain "$T/home" >"$T/home.ex" 2>"$T/home.err"
check "home page: the root's index.md is a landing page, its list the roles" bash -c "not_role '$T/home.ex' index.md 'a landing page' && grep -q '^Kite Ladder: 2 roles in 1 track' '$T/home.ex'"
check "content: a page with no expectations and no job in its title is no role" not_role "$T/home.ex" docs/story.md 'no competency holds an expectation, and its title names no job'
check "front matter next: a link with %20 names the file" bash -c "! grep -q HB124 '$T/home.err' && grep -A3 '^  Kite Engineer' '$T/home.ex' | grep -q 'next: Senior Kite Engineer (declared in the front matter)'"

# ---- one file per track, its levels level-1 headings (no title of the
# file's own); the README links neither ----
mkdir -p "$T/h1"
printf '# Maker Ladders\n\nTwo ladders, one file each.\n' >"$T/h1/README.md"
printf '# Widget Maker I\n\n- Builds widgets with help.\n\n# Widget Maker II\n\n- Builds widgets alone.\n\n# Senior Widget Maker\n\n- Designs widgets.\n' >"$T/h1/widget-makers.md"
printf '# Gadget Tester I\n\n- Tests gadgets with help.\n\n# Gadget Tester II\n\n- Tests gadgets alone.\n' >"$T/h1/gadget-testers.md"
"$HB" --explain "$T/h1" >"$T/h1.ex" 2>/dev/null
check "track files without a title: tracks named by their levels' titles, not by the first level" bash -c "grep -q '^Maker Ladders: 5 roles in 2 tracks' '$T/h1.ex' && grep -q '^track Widget Maker (' '$T/h1.ex' && grep -q '^track Gadget Tester (' '$T/h1.ex' && grep -A3 '^  Widget Maker II' '$T/h1.ex' | grep -q 'next: Senior Widget Maker'"

# ---- images of a file in a subfolder: relative to that file's folder, as
# GitHub shows them (beside it, and "../charts" beside its folder) ----
mkdir -p "$T/img/docs" "$T/img/charts"
printf '# Pictures\n\n- [L1: Painter](docs/L1-Painter.md)\n' >"$T/img/README.md"
printf '# L1: Painter\n\n## Craft\n\n- Paints.\n\n![beside](beside.png)\n\n![sibling](../charts/sibling.png)\n\n![above](../../above.png)\n' >"$T/img/docs/L1-Painter.md"
python3 -c "
import struct, sys, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
raw = b''.join(b'\\x00' + b'\\x80\\x40\\x20' * 8 for _ in range(4))
png = b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 8, 4, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
for p in sys.argv[1:]: open(p, 'wb').write(png)
" "$T/img/docs/beside.png" "$T/img/charts/sibling.png"
"$HB" -q -o "$T/img.pdf" "$T/img" 2>"$T/img.err"; rc=$?
check "subfolder images: beside the file and in ../charts are both drawn" bash -c "[ \$(pdfimages -list '$T/img.pdf' | tail -n +3 | wc -l) -eq 2 ] && ! grep -q 'beside.png\\|sibling.png' '$T/img.err'"
check "subfolder images: one above the content folder is still not read (a warning, its alt text shown)" bash -c "[ $rc -eq 0 ] && grep -q 'above.png is outside the content folder' '$T/img.err'"

# ---- a track page whose sections of reference (competency weights, job
# titles with a legend of their columns) are no expectations ----
mkdir -p "$T/refsec/tracks"
printf '# Ladders\n\n- [Engineer](tracks/engineer.md)\n- [Team Lead](tracks/team-lead.md)\n' >"$T/refsec/README.md"
for r in "engineer:Engineer" "team-lead:Team Lead"; do
	printf '# %s\n\n## Responsibilities\n\n- Ships reviewed changes.\n- Owns what it ships in production.\n\n## Competencies\n\n| Competency | Importance |\n| --- | --- |\n| Delivery | 25 %%%% |\n| Communication | 75 %%%% |\n\n## Job Titles\n\n- **Job Title** - the title for the progress.\n- **Min Progress** - where it starts.\n\n| Job Title | Min Progress |\n| --- | --- |\n| Junior %s | 0.00 |\n| Senior %s | 2.40 |\n' "${r#*:}" "${r#*:}" "${r#*:}" >"$T/refsec/tracks/${r%%:*}.md"
done
"$HB" --explain "$T/refsec" >"$T/refsec.ex" 2>/dev/null
"$HB" -o "$T/refsec.pdf" --review engineer "$T/refsec" >"$T/refsec.err" 2>&1
check "reference sections: a weights table and a legend of a table's columns are no expectations" bash -c "grep -A4 '^  Engineer$' '$T/refsec.ex' | grep -q 'expectations: 2 ' && grep -q 'the worksheet has 2 expectations' '$T/refsec.err'"
check "reference sections: the worksheet has no empty table for them" bash -c "pdftotext '$T/refsec.pdf' - | sed -n '/^For each expectation of/,\$p' >'$T/refsec.ws' && grep -q '^Responsibilities$' '$T/refsec.ws' && ! grep -q '^Job Titles$' '$T/refsec.ws'"

# ---- a README whose level-1 headings are its sections: the folder names
# the book (a generic docs/ passed over), unless handbook.yml does ----
mkdir -p "$T/acme-career-framework/docs/tracks"
printf '# Announcement\n\nNew ladders this year.\n\n# How it works\n\nRead your level.\n\n# Career Tracks\n\n- [Engineer](tracks/engineer.md)\n' >"$T/acme-career-framework/docs/readme.md"
printf '# Engineer\n\n## Responsibilities\n\n- Ships reviewed changes.\n' >"$T/acme-career-framework/docs/tracks/engineer.md"
"$HB" -o "$T/sections.pdf" "$T/acme-career-framework/docs" >"$T/sections.err" 2>&1; rc=$?
check "README of sections: titled after its folder, with a warning naming the README (HB155)" bash -c "[ $rc -eq 0 ] && pdfinfo '$T/sections.pdf' | grep -q '^Title: *Acme Career Framework' && grep -q 'docs/readme.md: warning: 3 level-1 headings.*Acme Career Framework.*HB155' '$T/sections.err'"
printf 'title: Acme Ladders\n' >"$T/acme-career-framework/docs/handbook.yml"
"$HB" -o "$T/sections.pdf" "$T/acme-career-framework/docs" >"$T/sections.err" 2>&1
check "README of sections: handbook.yml's title instead, and no warning" bash -c "pdfinfo '$T/sections.pdf' | grep -q '^Title: *Acme Ladders' && ! grep -q HB155 '$T/sections.err'"

# ---- a journey of one-role tracks (jobs without level codes, 23 at Mews):
# rows of boxes on one page, no caption repeating each box's title ----
mkdir -p "$T/jobs"
jobs="Data Analyst:Community Manager:QA Engineer:Agile Coach:IT Specialist:Technical Writer:Data Scientist:Security Engineer:Product Designer:Support Specialist:Recruiter"
{ printf '# Jobs\n\nEvery job we hire for.\n\n'; IFS=:; for j in $jobs; do printf -- '- [%s](%s.md)\n' "$j" "${j// /-}"; done; } >"$T/jobs/README.md"
(IFS=:; for j in $jobs; do printf '# %s\n\n## Responsibilities\n\n- Owns the work of a %s.\n' "$j" "$j" >"$T/jobs/${j// /-}.md"; done)
"$HB" --date 2026-01-15 --dump "$T/jobs" >"$T/jobs.dump" 2>/dev/null
check "one-role tracks: 11 boxes in rows of three on one page, no track captions" bash -c "[ \$(boxes '$T/jobs.dump') -eq 11 ] && [ \$(journey '$T/jobs.dump' | grep '^rect .* 0\\.800 374151\$' | awk '{ print \$2 }' | sort -u | wc -l) -eq 3 ] && [ \$(journey '$T/jobs.dump' | grep -c '^text .*\"Analyst\"\$') -eq 1 ]"
"$HB" -q --date 2026-01-15 -o "$T/jobs.pdf" "$T/jobs" 2>/dev/null
check "one-role tracks: the legend says each box is its own track, one page of journey" bash -c "pdftotext '$T/jobs.pdf' - | grep -q 'Each box is a role with a track of its own' && [ \$(pdftotext '$T/jobs.pdf' - | grep -c '^Career journey\$') -le 2 ]"

# ---- pages and jobs named in other languages: a German and a Russian
# page with lists are no roles by their titles; a job with nothing written
# yet stays a role by its title ----
mkdir -p "$T/intl"
printf -- '---\nlang: de\n---\n# Karrierepfade\n\n- [Vergütung](verguetung.md)\n- [Оценка эффективности](ocenka.md)\n- [Softwareentwicklerin](dev.md)\n- [Teamleitung](lead.md)\n' >"$T/intl/README.md"
printf '# Vergütung\n\n## Stufen\n\n- Stufe eins: Einstieg.\n- Stufe zwei: Erfahrung.\n' >"$T/intl/verguetung.md"
printf '# Оценка эффективности\n\n## Раз в полгода\n\n- Самооценка.\n- Разговор с руководителем.\n' >"$T/intl/ocenka.md"
printf '# Softwareentwicklerin\n' >"$T/intl/dev.md"
printf '# Teamleitung\n\n## Verantwortung\n\n- Führt das Team.\n' >"$T/intl/lead.md"
"$HB" --explain "$T/intl" >"$T/intl.ex" 2>/dev/null
check "other languages: Vergütung and Оценка are pages by their titles, the jobs stay roles" bash -c "not_role '$T/intl.ex' verguetung.md \"its title names a page, not a job ('vergütung')\" && not_role '$T/intl.ex' ocenka.md \"its title names a page, not a job ('оценка')\" && head -1 '$T/intl.ex' | grep -q ': 2 roles'"

# ---- a GitHub Pages site: a README that links nothing beside index.md,
# the home page, with Liquid tags and a Mermaid flowchart; levels titled by
# their front matter alone ----
mkdir -p "$T/site"
printf '# Site Repo\n\nThe sources of our site.\n' >"$T/site/README.md"
printf -- '---\ntitle: Engineering Levels\n---\n\nHow we grow engineers here.\n\n{%% raw %%}\n<div class="mermaid">\nflowchart TD\n    A["Engineer One"] --> B["Engineer Two"]\n\n    click A "./engineer_one"\n</div>\n{%% endraw %%}\n\n# Our Expectations\n\nFive areas of focus.\n' >"$T/site/index.md"
printf -- '---\ntitle: Engineer One\n---\n\nYou learn the tools.\n\n## Impact\n\n- Fixes small bugs.\n' >"$T/site/engineer_one.md"
printf -- '---\ntitle: Engineer Two\n---\n\nYou work alone.\n\n## Impact\n\n- Ships features.\n' >"$T/site/engineer_two.md"
"$HB" -q --date 2026-01-15 -o "$T/site.pdf" "$T/site" 2>"$T/site.err"; rc=$?
pdftotext "$T/site.pdf" "$T/site.txt"
check "site: the home page index.md is the landing chapter, the two files its levels" bash -c "[ $rc -eq 0 ] && grep -q 'How we grow engineers here' '$T/site.txt' && grep -q 'Five areas of focus' '$T/site.txt' && '$HB' --explain '$T/site' 2>/dev/null | head -1 | grep -q ': 2 roles'"
check "site: no Liquid tag and no Mermaid source in the PDF, one warning naming index.md (HB316)" bash -c "! grep -q 'raw %\\|flowchart\\|click A' '$T/site.txt' && grep -q 'index.md:8: warning: a Mermaid diagram is not drawn.*HB316' '$T/site.err'"
"$HB" --date 2026-01-15 --dump "$T/site" >"$T/site.dump" 2>/dev/null
check "site: a level titled only by its front matter shows its title as its heading" bash -c "grep -A3 '^tag H1\$' '$T/site.dump' | grep -q '\"One\"\$' && grep -A3 '^tag H1\$' '$T/site.dump' | grep -q '\"Levels\"\$'"

# ---- an Obsidian vault (tests/fixtures/obsidian-vault): levels with spaces and
# parentheses in their names, linked as <levels/01 Apprentice.md>; front matter
# full of other tools' keys; a page "beyond the ladder" beside the levels ----
F=tests/fixtures/obsidian-vault
"$HB" -q --date 2026-01-15 -o "$T/ov.pdf" "$F" 2>"$T/ov.err"; rc=$?
"$HB" --explain "$F" >"$T/ov.ex" 2>/dev/null
check "vault: exit 0, no warning (other tools' front-matter keys are none of the author's mistakes)" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/ov.err' ]"
check "vault: 4 roles in 2 tracks, the people track branching from Practitioner" bash -c "grep -q '^Kestrel Ladder: 4 roles in 2 tracks' '$T/ov.ex' && grep -q '^track People (from track in the front matter), branching from Practitioner' '$T/ov.ex'"
check "vault: the page beyond the ladder (no level: where every level has one) is a chapter, no role" not_role "$T/ov.ex" 'docs/levels/99 Beyond the Ladder.md' 'every role declares level:'
check "vault: the organisation is the name with its legal form (Kestrel Labs GmbH), not 'at L3'" bash -c "pdftotext -l 1 '$T/ov.pdf' - | grep -qx 'Kestrel Labs GmbH' && ! pdftotext -l 1 '$T/ov.pdf' - | grep -qx L3 && pdfinfo '$T/ov.pdf' | grep -q '^Author: *Kestrel Labs GmbH'"
"$HB" -q --date 2026-01-15 --dump "$F" >"$T/ov.dump" 2>/dev/null
check "vault: a box leaves out the parenthesis that names its row's track (Senior, not Senior (Technical Track))" bash -c "[ \$(journey '$T/ov.dump' | grep -c '^text .*\"Senior\"\$') -eq 2 ] && ! journey '$T/ov.dump' | grep -q '^text .*\"(Technical\"\$\|^text .*\"(People\"\$'"
check "vault: the glance leaves out a section's 'tldr;' label, starting at its sentence" bash -c "pdftotext -layout '$T/ov.pdf' - | grep -q '^Craft  *Writes code others can change,  *Writes code' && ! pdftotext -layout '$T/ov.pdf' - | grep -q '^Craft  *tldr;'"
check "vault: a file titled by its front matter over its own '# 01 Apprentice' shows that heading once, as its title" bash -c "pdftotext '$T/ov.pdf' - | tr -d '\\f' >'$T/ov.txt' && [ \$(grep -cx '01 Apprentice' '$T/ov.txt') -eq 1 ] && ! grep -x -B1 '01 Apprentice' '$T/ov.txt' | grep -qx Apprentice"
"$HB" -q --date 2026-01-15 -o "$T/ovd.pdf" "$F/docs" 2>"$T/ovd.err"; rc=$?
check "vault's docs/ alone (no README): its numbered overview '00 Overview.md' is the book's first page, no warning" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/ovd.err' ] && '$HB' --explain '$F/docs' 2>/dev/null | head -1 | grep -q '^Ladder Overview: 4 roles in 2 tracks'"
mkdir -p "$T/sum"
printf '# Ladder\n\n- [Engineer](a.md)\n- [Lead](b.md)\n\n| Track | Top |\n|---|---|\n| Tech | [Lead](b.md) |\n\n- [Lead again](b.md)\n' >"$T/sum/README.md"
printf '# L1: Engineer\n\n## Craft\n\n- Ships.\n' >"$T/sum/a.md"
printf '# L2: Lead\n\n## Craft\n\n- Leads.\n' >"$T/sum/b.md"
"$HB" -q -o "$T/sum.pdf" "$T/sum" 2>"$T/sum.err"
check "a table summing up levels its page's list gave is not 'listed twice'; a second list is (HB106)" bash -c "[ \$(grep -c HB106 '$T/sum.err') -eq 1 ] && grep -q 'README.md:10:3: warning: b.md is listed twice' '$T/sum.err'"
mkdir -p "$T/wiki"
printf '# Team Wiki\n\nOur levels:\n\n- [Engineer](Engineer.md)\n- [Senior Engineer](Senior-Engineer.md)\n' >"$T/wiki/Home.md"
printf '# Engineer\n\n## Craft\n\n- Ships small changes.\n' >"$T/wiki/Engineer.md"
printf '# Senior Engineer\n\n## Craft\n\n- Ships large changes.\n' >"$T/wiki/Senior-Engineer.md"
check "a GitHub wiki (Home.md, no README): Home.md is the overview, its links the levels" bash -c "'$HB' -q --date 2026-01-15 -o '$T/wiki.pdf' '$T/wiki' && '$HB' --explain '$T/wiki' 2>/dev/null | head -1 | grep -q '^Team Wiki: 2 roles'"
# a GitHub wiki's own links: pages without .md, [[Page]], [[Text|Page]] (GitHub),
# [[Page|Text]] (Obsidian), a page's permalink with a fragment; its sidebar is no chapter
mkdir -p "$T/gw"
printf '# Team Wiki\n\nOur levels:\n\n- [Engineer](Engineer)\n- [[Senior Engineer]]\n- [[the top|Staff Engineer]]\n' >"$T/gw/Home.md"
printf '# Engineer\n\n## Craft\n\n- Ships small changes; see [[Senior Engineer|the next level]] and [its craft](./Senior-Engineer#craft).\n- Reads [[Missing Page]] first.\n' >"$T/gw/Engineer.md"
printf '# Senior Engineer\n\n## Craft\n\n- Ships large changes.\n' >"$T/gw/Senior-Engineer.md"
printf '# Staff Engineer\n\n## Craft\n\n- Ships systems.\n' >"$T/gw/Staff-Engineer.md"
printf '* [[Home]]\n* [[Engineer]]\n' >"$T/gw/_Sidebar.md"
"$HB" -q --date 2026-01-15 -o "$T/gw.pdf" "$T/gw" 2>"$T/gw.err"; rc=$?
check "wiki links: Engineer, [[Senior Engineer]] and [[the top|Staff Engineer]] are the three levels, in order; _Sidebar.md no chapter" bash -c "[ $rc -eq 0 ] && '$HB' --explain '$T/gw' 2>/dev/null >'$T/gw.ex' && head -1 '$T/gw.ex' | grep -q '^Team Wiki: 3 roles in 1 track' && grep -A3 '^  Senior Engineer' '$T/gw.ex' | grep -q 'next: Staff Engineer' && ! grep -q Sidebar '$T/gw.ex'"
check "wiki links: set as their text (no brackets), followed in the PDF; one warning, for the page that does not exist" bash -c "pdftotext '$T/gw.pdf' - | tr '\n' ' ' | grep -q 'see the next level and its craft' && ! pdftotext '$T/gw.pdf' - | grep -q '\[\[' && [ \$(grep -c warning '$T/gw.err') -eq 1 ] && grep -q 'Engineer.md:6: warning: wiki link \[\[Missing Page\]\] names no page' '$T/gw.err'"
"$HB" -q --date 2026-01-15 --dump "$T/gw" >"$T/gw.dump" 2>/dev/null
check "wiki links: 'the next level' and the permalink with #craft are links into the book" bash -c "awk '/^page/{pg=\$2} /^dest .*\"Engineer.md\"\$/{ep=pg} {L[pg]=L[pg] \"\\n\" \$0} END{print L[ep]}' '$T/gw.dump' | grep '^link' >'$T/gw.links' && grep -q '\"Senior-Engineer.md\"\$' '$T/gw.links' && grep -q '\"Senior-Engineer.md#craft\"\$' '$T/gw.links'"
# a quarter of it under sanitizers (HANDBOOK_SLOW=4): their allocator makes laying out a word of
# 400,000 brackets slow in its own right, and the scan's linearity is the build's, not theirs
n=$((200000 / ${HANDBOOK_SLOW:-1}))
python3 -c "open('$T/gw/Staff-Engineer.md', 'a').write('\n' + '[[' * $n + ' x ' + ']]' * $n + '\n\n' + '[[' * $n + '\n')"
check "wiki links: 200,000 nested and 200,000 unclosed [[ (a quarter under sanitizers) take linear time (under 30 s, times HANDBOOK_SLOW), the PDF made" bash -c "timeout $((30 * ${HANDBOOK_SLOW:-1})) '$HB' -q -o '$T/gwb.pdf' '$T/gw' 2>/dev/null && qpdf --check '$T/gwb.pdf' >/dev/null"
# levels named "Tech Lead 5", "Engineering Manager 6": no title heading, a way back
# ("#### [README](README.md)") and the pages' list at top and bottom, competencies
# as level-4 headings over lists; the README links none of them
mkdir -p "$T/tl"
printf '# Data Career Ladders\n\n## Getting started\n\n- Your level is where most of your categories are.\n' >"$T/tl/README.md"
for f in "Tech Lead 5" "Tech Lead 6" "Engineering Manager 5" "Engineering Manager 6"; do
	{ printf '\n#### [README](README.md)\n* [Tech Lead 5](Tech Lead 5.md)\n* [Tech Lead 6](Tech Lead 6.md)\n\n'
	  printf '#### Masters: knows the whole stack\n\n* Is the authority on %s work.\n\n* Brings new methods in.\n\n' "$f"
	  printf '#### Leads: plans for stability\n\n* Leads the most important systems.\n\n#### [README](README.md)\n'; } >"$T/tl/$f.md"
done
printf '\n#### Coordinates: 효과적인 피드백을 제공하고 토론을 주도합니다\n\n* 팀의 모든 기술 구성원의 본보기가 됩니다.\n' >>"$T/tl/Tech Lead 6.md"
"$HB" --explain "$T/tl" >"$T/tl.ex" 2>/dev/null
"$HB" -q --date 2026-01-15 -o "$T/tl.pdf" "$T/tl" 2>"$T/tl.err"
check "Korean: set in an installed Hangul face (fonts-nanum: TEST_PKGS), no character missing" bash -c "! grep -q HB753 '$T/tl.err' && pdffonts '$T/tl.pdf' | grep -q Nanum && pdftotext '$T/tl.pdf' - | grep -q '효과적인 피드백을 제공하고'"
check "numbered jobs: 'Tech Lead 5' < 'Tech Lead 6' by the number ending the title, in the track Tech Lead" bash -c "head -1 '$T/tl.ex' | grep -q ': 4 roles in 2 tracks' && grep -q '^track Tech Lead (' '$T/tl.ex' && grep -A3 '^  Tech Lead 5\$' '$T/tl.ex' | grep -q 'rank: 5 (grade' && grep -A3 '^  Tech Lead 5\$' '$T/tl.ex' | grep -q 'next: Tech Lead 6'"
check "numbered jobs: titled by the file name, not by the way back to the README; two competencies from level-4 headings" bash -c "! grep -q '^  README' '$T/tl.ex' && grep -A4 '^  Engineering Manager 6\$' '$T/tl.ex' | grep -q 'competencies: 2, expectations: 3 (Masters: knows the whole stack, Leads: plans for stability)'"
# a track per file, its levels level-1 headings written as plain paragraphs, an
# italic aside and a bold experience line among them
mkdir -p "$T/pp"
printf '# Career Ladders\n\n* [OSPO engineers](ospo.md)\n' >"$T/pp/README.md"
for t in "OSPO Engineer I" "OSPO Engineer II" "Senior OSPO Engineer"; do
	printf '# %s\n\n_At this point, one grows._\n\nChampions the community as a %s.\n\nBuilds demos and tools.\n\nHelps debug what users meet.\n\n__Experience: some years.__\n\n' "$t" "$t"
done >"$T/pp/ospo.md"
"$HB" --explain "$T/pp" >"$T/pp.ex" 2>/dev/null
"$HB" -q --date 2026-01-15 --review "OSPO Engineer II" -o "$T/pp.pdf" "$T/pp" 2>/dev/null
check "levels of plain paragraphs: each paragraph but an aside is an expectation, one competency named by the track" bash -c "grep -A4 '^  OSPO Engineer II\$' '$T/pp.ex' | grep -q 'competencies: 1, expectations: 3 (OSPO Engineer)'"
check "levels of plain paragraphs: the review's worksheet has their rows and what changes sets the two levels side by side" bash -c "pdftotext -layout '$T/pp.pdf' - | grep -q '1\. *Champions the community as a OSPO Engineer II' && pdftotext '$T/pp.pdf' - | grep -q 'Builds demos and tools' && ! pdftotext '$T/pp.pdf' - | grep -q 'no competency section in common'"
mv "$T/wiki/Home.md" "$T/wiki/index.md"
check "a site's folder (index.md, no README): index.md is the overview" bash -c "'$HB' --explain '$T/wiki' 2>/dev/null | head -1 | grep -q '^Team Wiki: 2 roles'"
rm "$T/wiki/index.md"
"$HB" -q -o "$T/wiki.pdf" "$T/wiki" 2>"$T/wiki.err"; rc=$?
check "no README, index.md, Home.md or numbered overview: exit 1, the error names README.md" bash -c "[ $rc -eq 1 ] && grep -q 'README.md: error: cannot read' '$T/wiki.err'"
cp -r "$F" "$T/ov4"
printf '\nStart with [[01 Apprentice]].\n' >>"$T/ov4/docs/00 Overview.md"
"$HB" -q --date 2026-01-15 --dump "$T/ov4" >"$T/ov4.dump" 2>"$T/ov4.err"
check "vault: [[01 Apprentice]] in docs/ finds docs/levels/01 Apprentice.md, as Obsidian finds a note anywhere in its vault" bash -c "[ ! -s '$T/ov4.err' ] && awk '/^page/{pg=\$2} /^dest .*\"docs\/00 Overview.md\"\$/{ep=pg} {L[pg]=L[pg] \"\\n\" \$0} END{print L[ep]}' '$T/ov4.dump' | grep -q '^link .*\"docs/levels/01 Apprentice.md\"\$'"
cp -r "$F" "$T/ov2"
sed -i 's/^type: reference$/role: true/' "$T/ov2/docs/levels/99 Beyond the Ladder.md"
check "vault: role: true makes the page beyond the ladder a role again" bash -c "'$HB' --explain '$T/ov2' 2>/dev/null | head -1 | grep -q ': 5 roles'"
printf '# Ladder\n\nOur levels, with a split at L2 and a review at Q3.\n\n- [Engineer](a.md)\n' >"$T/ov2/README.md"
printf '# L1: Engineer\n\n## Craft\n\n- Ships.\n' >"$T/ov2/a.md"
"$HB" -q --date 2026-01-15 -o "$T/ov2.pdf" "$T/ov2" 2>/dev/null
check "vault: 'at L2' alone names no organisation" bash -c "! pdftotext -l 1 '$T/ov2.pdf' - | grep -qx L2 && ! pdfinfo '$T/ov2.pdf' | grep -q '^Author: *L2'"

# the whole ladder in the README, levels as level-3 headings under level-2 track
# headings ("## Management Track" / "### Level 4: Engineering Manager"), each
# competency a bare bold label over a list ("**Technical Skills**:" / "- Writes ...")
F=tests/fixtures/readme-track-sections
"$HB" --explain "$F" >"$T/rts.ex" 2>/dev/null
"$HB" -q --date 2026-01-15 -o "$T/rts.pdf" "$F" 2>"$T/rts.err"; rc=$?
check "track sections: four levels in two tracks named by the level-2 headings over them, less 'Track'" bash -c "head -1 '$T/rts.ex' | grep -q ': 4 roles in 2 tracks' && grep -q '^track Individual Contributor (from the heading over its level.s section)' '$T/rts.ex' && grep -q '^track Management (from the heading over its level.s section), branching from Level 3 Senior Engineer' '$T/rts.ex'"
check "track sections: a bare bold label over a list is a competency of the list's items; 'Promotion Criteria' none" bash -c "grep -A4 '^  Level 2 Software Engineer' '$T/rts.ex' | grep -q 'competencies: 3, expectations: 5 (Scope, Technical Skills, Behaviours)\$'"
check "track sections: the glance gives a bare label's first item; the README, only a title once its levels are cut, is no empty chapter" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/rts.err' ] && pdftotext -layout '$T/rts.pdf' - | grep -q '^Technical *Writes clean code with feedback' && ! pdftotext -f 2 -l 2 '$T/rts.pdf' - | grep -q '^Engineering Career Ladder'"
# the ladder in the README without level codes: level-3 job titles with seniority
# words, each a two-column table of areas ("| Scope | Complex projects |")
F=tests/fixtures/readme-job-tables
"$HB" --explain "$F" >"$T/rjt.ex" 2>/dev/null
"$HB" -q --date 2026-01-15 -o "$T/rjt.pdf" "$F" 2>"$T/rjt.err"; rc=$?
check "job tables: three levels without codes, ranked in order, one track" bash -c "head -1 '$T/rjt.ex' | grep -q ': 3 roles in 1 track' && grep -A3 '^  Senior Software Engineer\$' '$T/rjt.ex' | grep -q 'next: Staff Software Engineer'"
check "job tables: each row of a level's area table is a competency, compared level by level in the glance" bash -c "[ $rc -eq 0 ] && grep -A4 '^  Staff Software Engineer\$' '$T/rjt.ex' | grep -q 'competencies: 4, expectations: 4 (Scope, Guidance, Collaboration, Mentoring)' && pdftotext -layout '$T/rjt.pdf' - | grep -q '^Guidance *Works with some guidance p\. [0-9]* *Works independently p\. [0-9]* *Guides others p\. [0-9]*'"
# the same tables in level files, and a numbered table of data that names no areas
mkdir -p "$T/at"
printf '# Levels\n\n- [Engineer](e.md)\n- [Senior Engineer](s.md)\n' >"$T/at/README.md"
printf '# Engineer\n\n| Area | Expectation |\n|---|---|\n| Scope | Tasks |\n| Guidance | Some |\n' >"$T/at/e.md"
printf '# Senior Engineer\n\n| Number | Name | Note |\n|---|---|---|\n| 1 | row one | some words |\n| 2 | row two | more words |\n' >"$T/at/s.md"
check "area tables in level files: rows are competencies; a numbered table's rows are not" bash -c "'$HB' --explain '$T/at' 2>/dev/null >'$T/at.ex' && grep -A4 '^  Engineer\$' '$T/at.ex' | grep -q 'competencies: 2, expectations: 2 (Scope, Guidance)' && grep -A4 '^  Senior Engineer\$' '$T/at.ex' | grep -q 'competencies: 0'"

# a job family page: the levels as level-3 job titles under one "## Levels"
# (no track of that name), each with "#### Senior ... Responsibilities"
F=tests/fixtures/job-family
check "job family: four levels in the track their titles name, not 'Levels'; 'Senior ... Responsibilities' compared as Responsibilities" bash -c "'$HB' --explain '$F' 2>/dev/null >'$T/jf.ex' && head -1 '$T/jf.ex' | grep -q ': 4 roles in 1 track' && grep -q '^track Site Reliability Engineer (from the title' '$T/jf.ex' && [ \$(grep -c 'competencies: 1, expectations: 2 (Responsibilities)\$' '$T/jf.ex') -eq 4 ]"

# the progression-framework site template (Monzo's and its forks): each file's
# front matter holds a discipline's levels as data (topics: content: level:
# criteria:, exampleCriteria: with examples), its body the page's own text
F=tests/fixtures/progression-yaml
"$HB" --explain "$F" >"$T/py.ex" 2>"$T/py.exerr"
"$HB" -q --date 2026-01-15 -o "$T/py.pdf" "$F" 2>"$T/py.err"; rc=$?
check "topics in front matter: each file a track named by its title (no emoji, no 'Framework'), each level a role" bash -c "head -1 '$T/py.ex' | grep -q ': 5 roles in 2 tracks, 3 ranks' && grep -q '^track Backend Engineering (from the title of the file' '$T/py.ex' && grep -A3 '^  L2 Backend Engineering\$' '$T/py.ex' | grep -q 'next: L3 Backend Engineering'"
check "topics in front matter: topics are competencies, criteria and example criteria their expectations, 'levels: 3' no slip for 'level'" bash -c "grep -A4 '^  L2 Backend Engineering\$' '$T/py.ex' | grep -q 'competencies: 2, expectations: 3 (Communication, Mastery)' && ! grep -q 'did you mean' '$T/py.exerr'"
check "topics in front matter: the PDF sets each level's criteria, examples under theirs, and compares levels in the glance" bash -c "[ $rc -eq 0 ] && pdftotext -layout '$T/py.pdf' - >'$T/py.txt' && grep -q '^L2: Backend Engineering' '$T/py.txt' && grep -A1 'Gives kind, useful feedback in code reviews' '$T/py.txt' | grep -q 'Suggests a clearer name' && grep -q '^Communication *Tells their buddy how their work' '$T/py.txt' && grep -q 'The framework is a compass' '$T/py.txt'"
mkdir -p "$T/pybig"
printf '# Big\n\n- [Platform](platform.md)\n' >"$T/pybig/README.md"
python3 -c "
import sys
out = ['---', 'title: \"Platform Framework\"', 'levels: 6', 'topics:']
for t in range(5):
    out += ['  - name: \"topic%d\"' % t, '    content:']
    for l in range(1, 7):
        out += ['      - level: %d' % l, '        criteria:']
        out += ['          - \"Criterion %d of topic %d at level %d, written out at some length to fill the page\"' % (c, t, l) for c in range(30)]
out += ['---', '']
open('$T/pybig/platform.md', 'w').write('\n'.join(out))"
check "topics in front matter: a 60 KB front matter is read whole (six levels of five topics)" bash -c "[ \$(wc -c <'$T/pybig/platform.md') -gt 60000 ] && '$HB' --explain '$T/pybig' 2>/dev/null | head -1 | grep -q ': 6 roles in 1 track'"

# a Docusaurus-style folder the README does not link: titles without codes,
# their order given by sidebar_position, not by their names
mkdir -p "$T/ds/docs/levels"
printf '# Engineering Levels\n\nHow we grow.\n' >"$T/ds/README.md"
i=1
for f in associate:"Associate Engineer" engineer:Engineer senior:"Senior Engineer" staff:"Staff Engineer" principal:"Principal Engineer"; do
	printf -- '---\nsidebar_position: %d\ntitle: %s\n---\n\n## Scope\n\n- Works at the %s scope\n' $i "${f#*:}" "${f%%:*}" >"$T/ds/docs/levels/${f%%:*}.md"
	i=$((i + 1))
done
check "site order: pages a README does not link rank by their sidebar_position (Principal above Staff), not by name" bash -c "'$HB' --explain '$T/ds' 2>/dev/null | grep '^  [A-Z]' | tr -d ' ' | tr '\n' , | grep -qx 'AssociateEngineer,Engineer,SeniorEngineer,StaffEngineer,PrincipalEngineer,'"
printf '# Levels\n\n- [The levels](docs/levels/)\n' >"$T/ds/README.md"
check "site order: a folder the README links is read in its pages' nav order too" bash -c "'$HB' --explain '$T/ds' 2>/dev/null | grep '^  [A-Z]' | tr -d ' ' | tr '\n' , | grep -qx 'AssociateEngineer,Engineer,SeniorEngineer,StaffEngineer,PrincipalEngineer,'"

# an MkDocs site: the README links nothing, mkdocs.yml's nav gives the pages'
# order (Principal after Staff, though name order puts it before Senior)
mkdir -p "$T/mk/docs/levels" "$T/outside"
printf '# Our handbook\n\nBuilt with MkDocs.\n' >"$T/mk/README.md"
printf 'site_name: Ladder\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\nnav:\n  - Home: index.md\n  - Levels:\n      - Associate: levels/associate.md\n      - Engineer: levels/engineer.md\n      - Senior: levels/senior.md\n      - Staff: levels/staff.md\n      - Principal: levels/principal.md\n  - Elsewhere: https://example.com/a.md\n  - Gone: levels/gone.md\n' >"$T/mk/mkdocs.yml"
printf '# Welcome\n\nThe ladder.\n' >"$T/mk/docs/index.md"
for f in associate:"Associate Engineer" engineer:Engineer senior:"Senior Engineer" staff:"Staff Engineer" principal:"Principal Engineer"; do
	printf '# %s\n\n## Scope\n\n- Works at the %s scope\n' "${f#*:}" "${f%%:*}" >"$T/mk/docs/levels/${f%%:*}.md"
done
"$HB" --explain "$T/mk" >"$T/mk.ex" 2>"$T/mk.err"
check "mkdocs: the nav's pages in its order, one HB118; a web address and a missing page skipped" bash -c "grep '^  [A-Z]' '$T/mk.ex' | tr -d ' ' | tr '\n' , | grep -qx 'AssociateEngineer,Engineer,SeniorEngineer,StaffEngineer,PrincipalEngineer,' && [ \$(grep -c . '$T/mk.err') -eq 1 ] && grep -q 'HB118' '$T/mk.err'"
printf '# Outside Engineer\n\n## Scope\n\n- OUTSIDELEAK\n' >"$T/outside/x.md"
printf 'docs_dir: %s\nnav:\n  - A: x.md\n  - B: ../outside/x.md\n' "$T/outside" >"$T/mk/mkdocs.yml"
check "mkdocs: a docs_dir or a page outside the content folder is not read" bash -c "'$HB' -q -o '$T/mk.pdf' '$T/mk' 2>/dev/null; ! pdftotext '$T/mk.pdf' - 2>/dev/null | grep -q OUTSIDELEAK && ! '$HB' --explain '$T/mk' 2>/dev/null | grep -q 'Outside Engineer'"

# GitHub's collapsible sections: each competency a <details> whose <summary>
# names it, the list inside written as Markdown
mkdir -p "$T/dt"
printf '# Ladder\n\n- [L1 Engineer](l1.md)\n- [L2 Senior Engineer](l2.md)\n' >"$T/dt/README.md"
for l in 1 2; do
	printf '# L%d: Engineer\n\n<details>\n<summary><b>Technical skills</b></summary>\n\n- Writes code at level %d\n- Tests code at level %d\n\n</details>\n\n<details>\n<summary>Communication</summary>\n\n- Talks at level %d\n\n</details>\n' $l $l $l $l >"$T/dt/l$l.md"
done
"$HB" --explain "$T/dt" >"$T/dt.ex" 2>"$T/dt.err"
"$HB" -q --date 2026-01-15 -o "$T/dt.pdf" "$T/dt" 2>>"$T/dt.err"
check "details: a <summary> is its section's heading, the competencies compared in the glance; no HB302 for the tags" bash -c "grep -A4 '^  L2 Engineer' '$T/dt.ex' | grep -q 'competencies: 2, expectations: 3 (Technical skills, Communication)' && [ ! -s '$T/dt.err' ] && pdftotext -layout '$T/dt.pdf' - | grep -q '^Communication *Talks at level 1 p\. [0-9]* *Talks at level 2'"

# the job-title ladder's bounds: numbered headings that name no job are no
# ladder, and 5,000 sections of one title are named apart in linear time
mkdir -p "$T/nj" "$T/sj"
printf '# R\n\n- [Alpha](a.md)\n' >"$T/nj/README.md"
python3 -c "
print('# Alpha\n')
for i in range(20000): print('## Heading number %d\n\n- item\n' % i)" >"$T/nj/a.md"
check "job ladder: 20,000 'Heading number N' sections are one role, not a ladder (under 60 s, times HANDBOOK_SLOW)" bash -c "timeout $((60 * ${HANDBOOK_SLOW:-1})) '$HB' --explain '$T/nj' 2>/dev/null | head -1 | grep -q ': 1 role in 1 track'"
python3 -c "
print('# Ladder\n')
for i in range(5000): print('## Senior Engineer\n\n- item %d\n' % i)" >"$T/sj/README.md"
check "job ladder: 5,000 sections titled 'Senior Engineer' are 5,000 roles, named apart (under 60 s, times HANDBOOK_SLOW)" bash -c "timeout $((60 * ${HANDBOOK_SLOW:-1})) '$HB' --explain '$T/sj' 2>/dev/null | head -1 | grep -q ': 5000 roles in 1 track'"

# engineering ladders drawn as charts: track files whose level sections are a
# <picture> (dark and light <source>s, an <img> at a root-relative /charts/
# path) over a list of bold-labelled behaviours; the README's table of levels
# by track (rows numbered 1-4) is no competency matrix
F=tests/fixtures/ladder-charts
"$HB" --explain "$F" >"$T/lc.ex" 2>/dev/null
"$HB" -q --date 2026-01-15 -o "$T/lc.pdf" "$F" 2>"$T/lc.err"; rc=$?
check "charts: each <picture> is its chart (root-relative /charts/ read from the repository's root), no HB302 or HB401" bash -c "[ $rc -eq 0 ] && ! grep -q 'HB302\|HB401' '$T/lc.err' && [ \$(pdfimages -list '$T/lc.pdf' | tail -n +3 | wc -l) -eq 5 ]"
check "charts: a table of levels by track (rows 1-4) gives the track files no competencies; they are chapters, not roles" bash -c "head -1 '$T/lc.ex' | grep -q ': 5 roles in 2 tracks' && sed -n '/^chapters that are not roles/,\$p' '$T/lc.ex' | grep -q '^  Developer\$'"
check "charts: 'Tech Lead vs Developer', in the role list with a table of two columns, is a page comparing roles, no role" bash -c "sed -n '/^chapters that are not roles/,\$p' '$T/lc.ex' | grep -A2 '^  Tech Lead vs Developer\$' | grep -q \"compares roles ('vs')\""
check "charts: a level's list under its title is one competency named by the track, its first behaviour in the glance (not the chart's alt text)" bash -c "grep -A4 '^  D2 Developer 2\$' '$T/lc.ex' | grep -q 'competencies: 1, expectations: 2 (Developer)' && pdftotext -layout '$T/lc.pdf' - | grep -q '^Developer *Adopts1: learns the tools at level 1 *Adopts2'"

finish realshapes
