#!/usr/bin/env bash
# Real framework shapes: level codes written in the ways public frameworks
# write them, ladders of several kinds, and what the model infers from them
# (--explain), down to the review packet's next level.
# Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"

# mkfw DIR "file|Title" ...: a framework whose README lists each file
mkfw() {
	local dir=$1; shift
	rm -rf "$dir"; mkdir -p "$dir"
	{ printf '# Shapes\n\nA framework of the team at Shapes.\n\n## Levels\n\n'
	  for spec in "$@"; do printf -- '- [%s](%s)\n' "${spec#*|}" "${spec%%|*}"; done; } >"$dir/README.md"
	for spec in "$@"; do
		mkdir -p "$(dirname "$dir/${spec%%|*}")"
		printf '# %s\n\nAbout the level.\n\n## Delivery\n\n- Ships work.\n- Reviews work.\n' "${spec#*|}" >"$dir/${spec%%|*}"
	done
}
# explained DIR: the --explain text in $T/ex
explained() { "$HB" --explain "$1" >"$T/ex" 2>"$T/err"; }
# next_of DIR ROLE WANT: the review packet of ROLE names WANT as its next level
next_of() {
	"$HB" -q --date 2026-01-15 --review "$2" -o "$T/rev.pdf" "$1" 2>/dev/null &&
		pdftotext -l 1 "$T/rev.pdf" - | tr '\n' ' ' | grep -q "Next level: $3"
}

explained tests/fixtures/ladder-ic-m
check "IC/M ladder: two tracks named by their titles" bash -c "grep -q '^track Software Engineer (from the ladder' '$T/ex' && grep -q '^track Engineering Manager (from the ladder' '$T/ex'"
check "IC/M ladder: codes in parentheses give ranks" bash -c "grep -c 'rank: [1-4] (code after the title)' '$T/ex' | grep -qx 6"
check "IC/M ladder: IC2 leads to IC3, M1 to M2" bash -c "grep -A3 '^  IC2 ' '$T/ex' | grep -q 'next: IC3 Senior Software Engineer' && grep -A3 '^  M1 ' '$T/ex' | grep -q 'next: M2 Senior Engineering Manager'"
check "IC/M ladder: review packet of IC3 names IC4" next_of tests/fixtures/ladder-ic-m ic3 "Staff Engineer (IC4)"
check "IC/M ladder: the top of a track says so" bash -c "'$HB' -q --review m2 -o '$T/m2.pdf' tests/fixtures/ladder-ic-m && pdftotext -l 1 '$T/m2.pdf' - | grep -q 'top of its track'"

mkfw "$T/lv" "a.md|Level 1: Associate Analyst" "b.md|Level 2: Analyst" "c.md|Level 3: Senior Analyst"
explained "$T/lv"
check "'Level N:' titles: ranks and next levels" bash -c "grep -q 'Level 1 Associate Analyst' '$T/ex' && grep -A3 '^  Level 2 Analyst' '$T/ex' | grep -q 'next: Level 3 Senior Analyst'"

mkfw "$T/ro" "one.md|Data Engineer I" "two.md|Data Engineer II" "three.md|Data Engineer III"
explained "$T/ro"
check "roman grades: Engineer I < II < III, one track" bash -c "grep -c '^track' '$T/ex' | grep -qx 1 && grep -A3 '^  Data Engineer II\$' '$T/ex' | grep -q 'next: Data Engineer III'"

mkfw "$T/fn" "E1-graduate.md|Graduate Engineer" "E2-engineer.md|Engineer" "E3-senior.md|Senior Engineer"
explained "$T/fn"
check "codes only in the file name: E1 < E2 < E3" bash -c "grep -q 'rank: 2 (code in the file name)' '$T/ex' && grep -A3 '^  E2 Engineer' '$T/ex' | grep -q 'next: E3 Senior Engineer'"

mkfw "$T/bare" "L1-Junior-Analyst.md|L1" "L2-Analyst.md|L2"
explained "$T/bare"
check "a heading that is only a code: the role is named by its file" bash -c "grep -q '^  L1 Junior Analyst' '$T/ex' && grep -q 'next: L2 Analyst' '$T/ex'"

mkfw "$T/sub" "a.md|P3a: Product Designer" "b.md|P3b: Product Designer" "c.md|P4: Senior Product Designer"
explained "$T/sub"
check "sub-levels 3a < 3b < 4" bash -c "grep -q 'rank: 3a' '$T/ex' && grep -A3 '^  P3b ' '$T/ex' | grep -q 'next: P4 Senior Product Designer'"

mkfw "$T/end" "a.md|Support Specialist - T1" "b.md|Senior Support Specialist - T2"
explained "$T/end"
check "a code after the title: 'Specialist - T1'" bash -c "grep -A3 '^  T1 Support Specialist' '$T/ex' | grep -q 'next: T2 Senior Support Specialist'"

# front matter: the way out when inference is wrong, never printed
mkfw "$T/fm" "a.md|Engineer" "b.md|Senior Engineer" "c.md|Staff Engineer" "d.md|Platform Lead"
printf -- '---\ntitle: Engineer One\nlevel: IC1\ntrack: Platform\nnext: d.md\nowner: somebody\nsumary: Ships\n---\n# Engineer\n\nText.\n' >"$T/fm/a.md"
printf -- '---\nlevel: IC2\ntrack: Platform\n---\n# Senior Engineer\n' >"$T/fm/b.md"
printf -- '---\nlevel: IC3\ntrack: Platform\nnext: nobody.md\n---\n# Staff Engineer\n' >"$T/fm/c.md"
printf -- '---\nlevel: 4\ntrack: [a, b]\n---\n# Platform Lead\n' >"$T/fm/d.md"
explained "$T/fm"
check "front matter: level, track and title declared" bash -c "grep -q '^  IC1 Engineer One' '$T/ex' && grep -q 'rank: 1 (level in the front matter)' '$T/ex' && grep -q '^track Platform (from track in the front matter)' '$T/ex'"
check "front matter: next declared wins over rank order" bash -c "grep -A3 '^  IC1 Engineer One' '$T/ex' | grep -q 'next: Platform Lead (declared in the front matter)'"
check "front matter: a slip for one of our keys and a next naming no role are warnings with their lines; another tool's key is none" bash -c "grep -q \"a.md:7:[0-9:]* warning: front matter: unknown key 'sumary' is ignored (did you mean 'summary'?)\" '$T/err' && ! grep -q owner '$T/err' && grep -q 'c.md:4:[0-9:]* warning: front matter: next .nobody.md. names no role' '$T/err' && grep -q 'd.md:3:[0-9:]* warning: front matter: .track. takes a single value' '$T/err'"
"$HB" -q -o "$T/fm.pdf" "$T/fm" 2>/dev/null
check "front matter: never printed in the book" bash -c "! pdftotext '$T/fm.pdf' - | grep -q 'owner: somebody\|level: IC'"
# front matter as site generators write it (Jekyll, just-the-docs, Hugo): their keys are
# no mistake, parent: files a page under its track, next: null is no next, a list's first wins
mkfw "$T/sg" "a.md|Engineer" "b.md|Senior Engineer" "c.md|Staff Engineer"
printf -- '---\nlayout: default\nnav_order: 2\nparent: Software Engineering\ntags: [x]\nlevel: IC1\nnext: [c.md, b.md]\n---\n# Engineer\n\nText.\n' >"$T/sg/a.md"
printf -- '---\nparent: Software Engineering\nlevel: IC2\nnext: null\nTitel: x\ncolour: red\ntrak: y\nlevle: z\n---\n# Senior Engineer\n' >"$T/sg/b.md"
printf -- '---\nparent: Software Engineering\nlevel: IC3\nnext: ~\n---\n# Staff Engineer\n' >"$T/sg/c.md"
mkfw "$T/lc" "a.md|Engineer" "b.md|Manager"
printf -- '---\ntrack: technical\nlevel: 1\n---\n# Engineer\n\n## Delivery\n\n- Ships.\n' >"$T/lc/a.md"
printf -- '---\ntrack: management\nlevel: 2\n---\n# Manager\n\n## Delivery\n\n- Leads.\n' >"$T/lc/b.md"
check "front matter: a lower-case track is a heading (technical -> Technical)" bash -c "'$HB' --explain '$T/lc' 2>/dev/null | grep -q '^track Technical (from track in the front matter)'"
explained "$T/sg"
check "front matter: site generators' keys are no warning; parent: names the track" bash -c "! grep -q 'a.md.*warning' '$T/err' && ! grep -q 'c.md.*warning' '$T/err' && grep -q '^track Software Engineering (from track in the front matter)' '$T/ex'"
check "front matter: next as a list takes its first; next: null and ~ infer quietly" bash -c "grep -A3 '^  IC1 Engineer' '$T/ex' | grep -q 'next: IC3 Staff Engineer (declared in the front matter)' && ! grep -q 'next .null' '$T/err'"
check "front matter: three slips in a file are one warning naming the first; colour: is none" bash -c "[ \$(grep -c 'b.md.*warning' '$T/err') -eq 1 ] && grep -q \"b.md:5:[0-9:]* warning: front matter: unknown keys 'Titel' (did you mean 'title'?) and 2 more like it are ignored\" '$T/err'"
printf -- '---\ntitle: [unclosed\n---\n# L1: Broken\n' >"$T/fm/a.md"
explained "$T/fm"
check "front matter that is not YAML: a warning naming the line, the file still builds" bash -c "grep -q 'a.md:[0-9]*:[0-9:]* warning: front matter is not valid YAML' '$T/err'"

# a README that links nothing (a repository whose site lists the pages): the Markdown beside it
rm -rf "$T/nl"; mkdir -p "$T/nl"
printf '# Open Source Ladders\n\nHow we grow in the open source office.\n' >"$T/nl/README.md"
printf '# Contributor I\n\n- Fixes small bugs.\n\n# Contributor II\n\n- Owns a module.\n\n# Senior Contributor\n\n- Leads a release.\n' >"$T/nl/contributor.md"
printf '# Maintainer I\n\n- Triages issues.\n\n# Maintainer II\n\n- Sets the roadmap.\n' >"$T/nl/maintainer.md"
printf '# Contributing\n\nSend a pull request.\n' >"$T/nl/CONTRIBUTING.md"
explained "$T/nl"
check "a README that links nothing: the files beside it are the levels, one warning" bash -c "grep -q 'README.md: warning: links no level file; the 2 Markdown files beside it are read as levels' '$T/err' && grep -q '5 roles in 2 tracks' '$T/ex' && ! grep -q 'Contributing' '$T/ex'"
check "a README that links nothing: the book builds" "$HB" -q -o "$T/nl.pdf" "$T/nl"
check "a README that links nothing: a packet names its next level" next_of "$T/nl" "Contributor II" "Senior Contributor"

# an empty front matter block (---, then ---) and an empty handbook.yml: read at once, no hang
mkfw "$T/ef" "a.md|L1: Analyst" "b.md|L2: Senior Analyst"
printf -- '---\n---\n# Shapes\n\n- [L1: Analyst](a.md)\n- [L2: Senior Analyst](b.md)\n' >"$T/ef/README.md"
: >"$T/ef/handbook.yml"
check "empty front matter and an empty handbook.yml: built in time, no warning" bash -c "timeout $((10 * ${HANDBOOK_SLOW:-1})) '$HB' -q -o '$T/ef.pdf' '$T/ef' 2>'$T/ef.err' && [ ! -s '$T/ef.err' ]"

# expectations written as a table of behaviours, and as a list right under a level's title
mkfw "$T/tb" "a.md|L1: Analyst" "b.md|L2: Senior Analyst"
printf '# L1: Analyst\n\n## Responsibilities\n\n| Responsibility | Key behaviours |\n|---|---|\n| Ownership | Drives own work to done. |\n| Craft | Writes tested changes. |\n| Teamwork | Reviews peers promptly. |\n\n## Impact\n\n- Ships weekly.\n\n| Metric | Target |\n|---|---|\n| Lead time | 2 days |\n' >"$T/tb/a.md"
printf '# L2: Senior Analyst\n\nLeads small projects.\n\n- Plans a quarter of work.\n- Mentors one analyst.\n' >"$T/tb/b.md"
explained "$T/tb"
check "a table of behaviours is a competency's expectations; beside a list, a table is not" bash -c "grep -A4 '^  L1 Analyst' '$T/ex' | grep -q 'competencies: 2, expectations: 4 (Responsibilities, Impact)'"
check "a list right under a level's title is its expectations" bash -c "grep -A4 '^  L2 Senior Analyst' '$T/ex' | grep -q 'competencies: 1, expectations: 2'"
check "the review packet's worksheet has the table's rows" bash -c "'$HB' --date 2026-01-15 --review a.md -o '$T/tb.pdf' '$T/tb' | grep -q 'worksheet has 4 expectations' && pdftotext '$T/tb.pdf' - | grep -q 'Ownership: Drives own work to done'"

# competencies written other ways: level-3 subsections, bold-lead paragraphs
mkfw "$T/cs" "a.md|L1: Analyst" "b.md|L2: Senior Analyst"
printf '# L1: Analyst\n\nIntro.\n\n## Competencies\n\n### Delivery\n\n- Ships small changes.\n- Asks for review.\n\n### Communication\n\n- Writes clear updates.\n\n## Summary\n\n- not a competency\n' >"$T/cs/a.md"
printf '# L2: Senior Analyst\n\n## Expectations\n\n**Delivery:** Ships whole features and plans them.\n\n**Communication**: Leads the weekly review.\n' >"$T/cs/b.md"
explained "$T/cs"
check "competencies as ### subsections and bold leads" bash -c "grep -A4 '^  L1 Analyst' '$T/ex' | grep -q 'competencies: 2, expectations: 3 (Delivery, Communication)' && grep -A4 '^  L2 Senior Analyst' '$T/ex' | grep -q 'competencies: 2, expectations: 2 (Delivery, Communication)'"
check "bold-lead competencies: the review packet compares them and the worksheet has their rows" bash -c "'$HB' --date 2026-01-15 --review a.md -o '$T/cs.pdf' '$T/cs' | grep -q 'worksheet has 3 expectations' && pdftotext '$T/cs.pdf' - | tr '\n' ' ' | grep -q 'What changes.*Delivery.*Communication.*Worksheet'"
"$HB" -q --date 2026-01-15 -o "$T/csh.pdf" "$T/cs" 2>/dev/null
check "levels at a glance: the bold lead's sentence, not its name" python3 - "$T/csh.pdf" <<'PY'
import subprocess, sys
pages = subprocess.run(["pdftotext", sys.argv[1], "-"], capture_output=True, text=True).stdout.split("\f")
glance = [p for p in pages if "level by level" in p]
assert glance, "no glance page"
g = " ".join(glance[0].split())
assert "Ships whole features and plans them." in g and "Delivery: Ships" not in g, g
PY
printf '# L1: Analyst\n\n## Escalation\n\nYour report includes:\n\n- the version;\n- the exact steps;\n- the logs.\n\nAlso:\n\n- Write the summary.\n- Attach the timeline.\n' >"$T/cs/a.md"
explained "$T/cs"
check "a list of sentence fragments after a colon is one expectation, a list of sentences is one each" bash -c "grep -A4 '^  L1 Analyst' '$T/ex' | grep -q 'expectations: 3 (Escalation)'"

# repository shapes: readme.md, a table of links into one folder per track,
# links in paragraphs, links from a file's own folder, repository pages
explained tests/fixtures/repo-shapes
check "readme.md, a table of links, one folder per track" bash -c "grep -q '4 roles in 2 tracks' '$T/ex' && grep -q '^track Backend (from the folder' '$T/ex' && grep -q '^track Frontend (from the folder' '$T/ex'"
check "roman grades in a table: I leads to II" bash -c "grep -A3 '^  Frontend Engineer I\$' '$T/ex' | grep -q 'next: Frontend Engineer II\$'"
"$HB" -q --date 2026-01-15 -o "$T/rs.pdf" tests/fixtures/repo-shapes 2>"$T/err"; rc=$?
check "repository shapes build with exit 0 and no error" bash -c "[ $rc -eq 0 ] && ! grep -q 'error' '$T/err'"
check "a page the README links in its text is a chapter, not a role; CONTRIBUTING is neither" bash -c "pdftotext '$T/rs.pdf' - | grep -q '^Our culture' && ! pdftotext '$T/rs.pdf' - | grep -q 'Open a pull request'"
check "links resolve from the linking file's folder (be2.md, ../culture.md, ./fe2.md): no warning" bash -c "! grep -q 'be1.md\|be2.md\|fe1.md\|fe2.md' '$T/err'"
check "a #fragment link in the role table is not 'listed twice'" bash -c "! grep -q 'listed twice' '$T/err'"
"$HB" -q --date 2026-01-15 --all-roles "$T/rsall" tests/fixtures/repo-shapes 2>/dev/null
check "--all-roles: one PDF per role, named with its folder, no page that is not a role" bash -c "[ \$(ls '$T/rsall' | wc -l) -eq 4 ] && [ -f '$T/rsall/backend-be1.pdf' ]"
mkfw "$T/twin" "backend/senior.md|L2: Senior Backend Engineer" "frontend/senior.md|L2: Senior Frontend Engineer" "backend/junior.md|L1: Backend Engineer"
"$HB" -q --date 2026-01-15 --all-roles "$T/twinall" "$T/twin" 2>/dev/null
check "--all-roles: two folders' senior.md are two files" bash -c "[ -f '$T/twinall/backend-senior.pdf' ] && [ -f '$T/twinall/frontend-senior.pdf' ]"
check "--role takes a file's base name when it is unique" bash -c "'$HB' -q --role junior -o '$T/j.pdf' '$T/twin' && ! '$HB' -q --role senior -o '$T/s.pdf' '$T/twin' 2>/dev/null"

# titles only, as many ladders write them: no level codes, setext headings,
# no level-1 heading, competencies as ### right under the title; the README's
# order ranks them
rm -rf "$T/meet"; mkdir -p "$T/meet/makers" "$T/meet/managers"
printf 'Our engineering roles:\n\n### Makers\n\n* [Engineer](makers/engineer.md)\n* [Engineer II](makers/engineer_ii.md)\n* [Senior Engineer](makers/senior_engineer.md)\n\n### Managers\n\n* [Engineering Manager](managers/em.md)\n' >"$T/meet/README.md"
printf 'Engineer\n--------\n\n### Should have\n* Curiosity\n\n### Is expected to\n* Ask questions\n* Learn\n' >"$T/meet/makers/engineer.md"
printf 'Engineer II\n===========\n\n*Same as Engineer, but also...*\n\n### Should have\n\n* Experience\n\n### Is expected to\n\n* Review code\n' >"$T/meet/makers/engineer_ii.md"
printf 'Senior Engineer\n===============\n\n### Is expected to\n\n* Mentor others\n' >"$T/meet/makers/senior_engineer.md"
printf 'Engineering Manager\n===================\n\n### Responsibilities\n\n* Hire\n' >"$T/meet/managers/em.md"
explained "$T/meet"
check "titles without codes: ranked by the README's order, a setext heading is the title" bash -c "grep -A3 '^  Engineer\$' '$T/ex' | grep -q 'rank: 1 (its place in the README' && grep -A3 '^  Engineer\$' '$T/ex' | grep -q 'next: Engineer II\$' && grep -A3 '^  Engineer II\$' '$T/ex' | grep -q 'next: Senior Engineer'"
check "competencies as ### right under the title" bash -c "grep -A4 '^  Engineer II\$' '$T/ex' | grep -q 'competencies: 2, expectations: 2 (Should have, Is expected to)'"
check "the review packet of the first names the second" next_of "$T/meet" makers/engineer "Engineer II"

finish frameworks
