#!/usr/bin/env bash
# since.sh: --since REV (issue 19).  Builds a fixture repository with the
# git program (init, commit, edit, commit, rename, commit; handbook itself
# only reads it, with libgit2), then checks from --dump the change bars'
# pages and positions, the "What changed" list's entries and links, the
# marks on the career journey, the glance and the review worksheet, that an
# unchanged framework gives an empty list and no bars, and the usage errors.
. "$(dirname "$0")/lib/harness.sh"

R="$T/repo"
mkdir -p "$R"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
g() { git -C "$R" "$@" >/dev/null 2>&1; }
commit() { # commit MESSAGE DATE
	GIT_AUTHOR_DATE="$2T12:00:00Z" GIT_COMMITTER_DATE="$2T12:00:00Z" g commit -qam "$1"
}
g init -q
cp -r tests/fixtures/support "$R/c" # the content in a subfolder of the repository
rm -f "$R/c/"*.pdf
g add -A
commit one 2026-01-10
g tag v1
L2="$R/c/L2-DevOps-Support-Engineer.md"
D="--date 2026-01-01"

# 1. unchanged: an empty list and no bars
"$HB" $D --since v1 --dump "$R/c" >"$T/same.dump" 2>"$T/same.err"
check "unchanged: exit 0" test $? -eq 0
check "unchanged: no change bars" test "$(grep -c changebar "$T/same.dump")" -eq 0
check "unchanged: the list says nothing changed" grep -q '"Nothing"' "$T/same.dump"
check "unchanged: no change destinations" bash -c "! grep -q '\"since:' '$T/same.dump'"
check "unchanged: the list is in the contents" grep -q 'link .* "#since"' "$T/same.dump"

# 2. edits: reflow, a changed word, a punctuation-only edit, a reordered
# list, an added and a removed item
python3 - "$L2" <<'EOF'
import sys
p = sys.argv[1]; s = open(p, encoding="utf-8").read()
def sub(a, b):
    global s
    assert a in s, a
    s = s.replace(a, b, 1)
sub("fully independent member of the team. You handle", "fully independent member of the team.\nYou handle")
sub("a visible effect", "a clear effect")
sub("collect diagnostics, or give", "collect diagnostics or give")
a = "- Form a theory from the evidence, decide what would confirm or rule it out, and test one thing at a time.\n"
b = "- Correlate logs across the server, the agent and the customer\u2019s own infrastructure, using timestamps and task identifiers to build a timeline.\n"
sub(a + b, b + a)
sub("- Say no clearly when something is unsupported or not possible, give the reason, and suggest the best alternative.\n",
    "- Write a weekly summary of open escalations for your manager.\n")
open(p, "w", encoding="utf-8").write(s)
EOF
commit two 2026-03-01
# 3. a level file renamed (the links to it too), and a paragraph added to it
g mv c/L3-Senior-DevOps-Support-Engineer.md c/L3-Senior-Support-Engineer.md
sed -i 's/L3-Senior-DevOps-Support-Engineer\.md/L3-Senior-Support-Engineer.md/g' "$R"/c/*.md
printf '\nA new closing paragraph about mentoring across teams.\n' >>"$R/c/L3-Senior-Support-Engineer.md"
g add -A
commit three 2026-03-02

"$HB" $D --since v1 --dump "$R/c" >"$T/ch.dump" 2>"$T/ch.err"
check "edited: exit 0" test $? -eq 0
check "edited: no warnings" test ! -s "$T/ch.err"

# the pages as lines of text, change bars as |BAR| at their x
lines() {
	python3 - "$1" <<'EOF'
import sys, shlex
page = None; rows = {}; bars = []
def flush():
    for y in sorted(rows):
        on = ["|BAR@%.0f|" % bx for bx, by, bh in bars if by < y <= by + bh]
        print(page, " ".join(on[:1] + [w for x, w in sorted(rows[y])]))
for ln in open(sys.argv[1], encoding="utf-8"):
    if ln.startswith("page "):
        flush(); rows = {}; bars = []; page = ln.split()[3]
    elif ln.startswith("text "):
        p = shlex.split(ln); rows.setdefault(round(float(p[2]), 1), []).append((float(p[1]), p[7]))
    elif "changebar" in ln:
        p = ln.split(); bars.append((float(p[1]), float(p[2]), float(p[4])))
flush()
EOF
}
lines "$T/ch.dump" >"$T/ch.txt"
# the list: one entry per change, by role and section, each with its page
has() { grep -qF -- "$2" "$1"; }
check "list: changed paragraph" has "$T/ch.txt" "Summary › Changed: Your scope is still mostly your own tickets"
check "list: of two swapped items one moved" test "$(grep -c 'Troubleshooting › Moved: \(Form a theory\|Correlate logs\)' "$T/ch.txt")" -eq 1
check "list: removed item" has "$T/ch.txt" "Communication › Removed: Say no clearly"
check "list: added item" has "$T/ch.txt" "Communication › Added: Write a weekly summary of open escalations for your manager. 10"
check "list: renamed file followed (its paragraph added, no new role)" has "$T/ch.txt" "Reaching the Next Level › Added: A new closing paragraph about mentoring across teams."
check "list: no new role" bash -c "! grep -q 'New role' '$T/ch.txt'"
check "list: reflowed paragraph is not a change" bash -c "! grep -q 'Changed: A DevOps Support Engineer is a fully' '$T/ch.txt'"
check "list: punctuation-only edit is not a change" bash -c "! grep -q 'Technical Proficiency ›' '$T/ch.txt'"
check "list: five entries" test "$(grep -c ' › ' "$T/ch.txt")" -eq 5
# links: every entry's link leads to a destination on the page its number names
python3 - "$T/ch.dump" >"$T/links" 2>&1 <<'EOF'
import sys, shlex
pages = []
for ln in open(sys.argv[1], encoding="utf-8"):
    if ln.startswith("page "):
        pages.append({"folio": ln.split()[3], "links": [], "dests": [], "texts": []})
    elif ln.startswith("link "):
        p = shlex.split(ln); pages[-1]["links"].append((float(p[2]), float(p[4]), p[5]))
    elif ln.startswith("dest "):
        pages[-1]["dests"].append(shlex.split(ln)[3])
    elif ln.startswith("text "):
        p = shlex.split(ln); pages[-1]["texts"].append((float(p[2]), p[7]))
where = {d: pg["folio"] for pg in pages for d in pg["dests"]}
n = 0
for pg in pages:
    last = {}  # an entry of two lines has a link on each: its number ends the last
    for y, h, key in pg["links"]:
        if key.startswith("since:"):
            last[key] = (y, h)
    for key, (y, h) in last.items():
        n += 1
        nums = [t for ty, t in pg["texts"] if y <= ty <= y + h and t.isdigit()]
        assert key in where, "no destination for " + key
        assert nums and nums[-1] == where[key], "%s: listed on %s, is on %s" % (key, nums, where[key])
print("links", n)
EOF
check "list: each entry links to its place, on the page it names" grep -q "^links 5$" "$T/links"
# bars: beside the changed lines, in the right-hand margin (simplex)
bar_of() { grep -F -- "$2" "$1" | head -1 | awk '{print $1}'; }
check "bars: on the changed paragraph's page" has "$T/ch.txt" "9 |BAR@540| Your scope is still mostly your own tickets"
check "bars: every line of it" test "$(grep -c '^9 |BAR@540|' "$T/ch.txt")" -ge 4
check "bars: the added item" has "$T/ch.txt" "|BAR@540| • Write a weekly summary"
check "bars: the removed item summarised where it was" has "$T/ch.txt" "|BAR@540| Removed since v1: “Say no clearly"
check "bars: none on the moved items" bash -c "! grep -q 'BAR.*\(Form a theory\|Correlate logs\)' '$T/ch.txt'"
check "bars: none on the reflowed paragraph" bash -c "! grep -q 'BAR.*A DevOps Support Engineer is' '$T/ch.txt'"
check "bars: the renamed file's new paragraph" has "$T/ch.txt" "|BAR@540| A new closing paragraph"
# duplex: the outer margin, left on even pages, right on odd ones
"$HB" $D --duplex --since v1 --dump "$R/c" >"$T/dx.dump" 2>/dev/null
lines "$T/dx.dump" >"$T/dx.txt"
check "duplex: bar on the right of an odd page" grep -qE '^[0-9]*[13579] \|BAR@5[0-9][0-9]\| Your scope' "$T/dx.txt"
check "duplex: bar on the left of an even page" grep -qE '^[0-9]*[02468] \|BAR@4[0-9]\|' "$T/dx.txt"
# the journey and the glance mark the changed roles
python3 - "$T/ch.dump" >"$T/marks" <<'EOF'
import sys
page, journey, glance, cur = None, 0, 0, []
for ln in open(sys.argv[1], encoding="utf-8"):
    if ln.startswith("page "):
        cur = []
    cur.append(ln)
    if '"#career-journey"' in ln and ln.startswith("dest"):
        page = "journey"
    if ln.startswith("rect") and "d97706" in ln and "changebar" not in ln:
        w = float(ln.split()[3])
        if w > 40: journey += 1
        else: glance += 1
print("journey", journey, "glance", glance)
EOF
check "journey: the two changed roles barred" grep -q "^journey 2 " "$T/marks"
check "glance: changed roles and sections marked" grep -qE "glance [1-9]" "$T/marks"
# the review packet's worksheet marks the new expectation
"$HB" $D --since v1 --review L2 --dump "$R/c" >"$T/rv.dump" 2>/dev/null
lines "$T/rv.dump" >"$T/rv.txt"
check "worksheet: the new expectation is marked NEW" bash -c "grep -A1 'Write a weekly summary' '$T/rv.txt' | grep -q NEW"
check "worksheet: one NEW" test "$(grep -c ' NEW$' "$T/rv.txt")" -eq 1
check "review: the list after the cover" grep -q "What changed since v1" "$T/rv.txt"
# a role edition only lists what is in it
"$HB" $D --since v1 --role L1 --dump "$R/c" >"$T/r1.dump" 2>/dev/null
lines "$T/r1.dump" >"$T/r1.txt"
check "role edition: other roles' changes not listed" bash -c "! grep -q 'Write a weekly' '$T/r1.txt'"

# 4. REV as a tag, a commit, a day; an uncommitted edit counts
"$HB" $D --since "$(git -C "$R" rev-parse HEAD~2)" --dump "$R/c" >"$T/hash.dump" 2>/dev/null
check "a commit hash is a REV" test "$(grep -c 'dest .*"since:' "$T/hash.dump")" -eq "$(grep -c 'dest .*"since:' "$T/ch.dump")"
"$HB" $D --since 2026-02-01 --dump "$R/c" >"$T/day.dump" 2>/dev/null
check "a day is a REV (the last commit before it)" test "$(grep -c 'dest .*"since:' "$T/day.dump")" -eq "$(grep -c 'dest .*"since:' "$T/ch.dump")"
"$HB" $D --since 2026-03-02 --dump "$R/c" >"$T/day2.dump" 2>/dev/null
check "a later day: only the rename's change" test "$(grep -c 'dest .*"since:' "$T/day2.dump")" -eq 1
"$HB" $D --since HEAD --dump "$R/c" >"$T/head.dump" 2>/dev/null
check "since HEAD: nothing" test "$(grep -c changebar "$T/head.dump")" -eq 0
printf '\nAn uncommitted paragraph.\n' >>"$L2"
"$HB" $D --since HEAD --dump "$R/c" >"$T/dirty.dump" 2>/dev/null
check "an uncommitted edit is a change" grep -q '"uncommitted"' "$T/dirty.dump"
g checkout -- c
# a level deleted (not yet committed): listed as a removed role, linked to the list
rm "$R/c/L5-Senior-Support-Manager.md"
sed -i '/L5-Senior-Support-Manager/d' "$R/c/README.md"
"$HB" $D --since v1 --dump "$R/c" >"$T/gone.dump" 2>/dev/null
lines "$T/gone.dump" >"$T/gone.txt"
check "a deleted level: listed under Removed roles" grep -q "^iv L5: Senior Support Manager iv$" "$T/gone.txt"
check "a deleted level: the heading" grep -q "^iv Removed roles iv$" "$T/gone.txt"
g checkout -- c

# 5. the PDF is sound; git is never run
mkdir -p "$T/bin"
printf '#!/bin/sh\ntouch "%s/git-ran"\nexit 1\n' "$T" >"$T/bin/git"
chmod +x "$T/bin/git"
PATH="$T/bin:$PATH" "$HB" -q $D --since v1 -o "$T/since.pdf" "$R/c" 2>"$T/pdf.err"
check "PDF: written" test -s "$T/since.pdf"
check "PDF: no git program run" test ! -e "$T/git-ran"
check "PDF: qpdf --check" qpdf --check "$T/since.pdf"
check "PDF: the list's heading extracts" bash -c "pdftotext '$T/since.pdf' - | grep -q 'What changed since v1'"
"$HB" -q $D --since v1 --check "$R/c"
check "--check takes --since" test $? -eq 0
"$HB" -q $D --since v1 --all-roles "$T/roles" "$R/c"
check "--all-roles takes --since" test -s "$T/roles/L2-DevOps-Support-Engineer.pdf"
# without --since nothing of it shows
"$HB" $D --dump "$R/c" >"$T/plain.dump" 2>/dev/null
check "no --since: no bars, no list" bash -c "! grep -q 'changebar\|\"#since\"' '$T/plain.dump'"

# 6. footnotes, table rows and code blocks are blocks too
M="$T/mini"
mkdir -p "$M/c"
git -C "$M" init -q
printf '# Mini\n\n- [L1: One](L1-One.md)\n' >"$M/c/README.md"
cat >"$M/c/L1-One.md" <<'MD'
# L1: One

## Skills

A claim with a note.[^1]

| Skill | Level |
|---|---|
| scripting | basic |
| networking | none |
| databases | some |

```
make check
```

[^1]: The note as it was.
MD
git -C "$M" add -A && git -C "$M" commit -qm one >/dev/null 2>&1
sed -i 's/The note as it was\./The note as it is now, reworded./; s/| scripting | basic |/| scripting | fluent |/; /networking/d; s/make check/make asan/' "$M/c/L1-One.md"
"$HB" $D --since HEAD --dump "$M/c" >"$T/mini.dump" 2>/dev/null
lines "$T/mini.dump" >"$T/mini.txt"
check "footnote: a changed note is barred" grep -q "|BAR@[0-9]*| 1. The note as it is now" "$T/mini.txt"
check "table: a changed row is barred" grep -q "|BAR@[0-9]*| scripting fluent" "$T/mini.txt"
check "table: unchanged rows are not" bash -c "grep -q '^[0-9]* databases some' '$T/mini.txt'"
check "table: a removed row summarised after the table" grep -q "Removed since HEAD: “networking | none”" "$T/mini.txt"
check "code block: a changed one is barred" grep -q "|BAR@[0-9]*| make asan" "$T/mini.txt"

# 7. usage errors: exit 2 naming the problem
"$HB" $D --since nope --dump "$R/c" >/dev/null 2>"$T/e1"
check "unknown REV: exit 2" test $? -eq 2
check "unknown REV: named" grep -q "no commit, tag or date 'nope'" "$T/e1"
mkdir -p "$T/plain"
cp -r tests/fixtures/support "$T/plain/c"
"$HB" $D --since v1 --dump "$T/plain/c" >/dev/null 2>"$T/e2"
check "not a Git checkout: exit 2" test $? -eq 2
check "not a Git checkout: named" grep -q "is not in a Git checkout" "$T/e2"
"$HB" $D --since v1 --dump - <"$L2" >/dev/null 2>"$T/e3"
check "standard input: exit 2" test $? -eq 2
"$HB" $D --since 2025-12-31 --dump "$R/c" >/dev/null 2>"$T/e6"
check "a day before the first commit: exit 2" test $? -eq 2
check "a day before the first commit: named" grep -q "no commit before 2025-12-31" "$T/e6"
"$HB" $D --since '' --dump "$R/c" >/dev/null 2>"$T/e4"
check "empty REV: exit 2" test $? -eq 2
"$HB" $D --since --help --dump "$R/c" >/dev/null 2>"$T/e5"
check "an option-like REV is no revision" grep -q "no commit, tag or date '--help'" "$T/e5"

finish since
