#!/usr/bin/env bash
# Editions: the role edition, --all-roles, the review packet and the
# handbook's levels at a glance, each read back from the PDF with qpdf and
# poppler.  Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"

# words of a text, one a line, for comparing what a PDF says with its source
words() { tr -s '[:space:][:punct:]“”‘’—–…•·' '\n' | tr '[:upper:]' '[:lower:]' | grep -E '^[a-z]{2,}$' | sort -u; }
text_of() { pdftotext -enc UTF-8 "$1" - | sed -e ':a' -e '/[[:alpha:]]-$/{N;s/-\n//;ba' -e '}'; }
# the words of a PDF are read from tests/e2e/lib/textcopy's copy, FILE-t.pdf:
# the same text without poppler's colour transform for every page
tcopy() { tests/e2e/lib/textcopy "$1" "${1%.pdf}-t.pdf"; }

# ---- the role edition ----
R=$T/role.pdf
"$HB" --date 2026-01-15 --role L2 -o "$R" content >"$T/summary" 2>"$T/err"; rc=$?
tcopy "$R"
check "--role L2: exit 0, no warnings" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ]"
check "role edition: qpdf --check is clean" qpdf --check "$R"
check "role edition: every bookmark and link lands on its heading" python3 tests/e2e/pdfcheck.py "$R"
text_of "$T/role-t.pdf" >"$T/role.txt"
sed -e 's/([^)]*)//g' content/L2-DevOps-Support-Engineer.md | words >"$T/l2.w"
words <"$T/role.txt" >"$T/role.w"
check "role edition holds every word of the role's chapter" bash -c "[ -z \"\$(comm -23 '$T/l2.w' '$T/role.w')\" ]"
check "first page: role title, level, track, organisation, edition date" bash -c "
	pdftotext -f 1 -l 1 '$R' - >'$T/p1'
	grep -q '^DevOps Support Engineer$' '$T/p1' && grep -q 'Level L2' '$T/p1' && grep -q 'DevOps Support Engineer track' '$T/p1' &&
	grep -q '^Octopus$' '$T/p1' && grep -q 'Edition of 15 January 2026' '$T/p1'"
check "README: principles and the career journey are in" bash -c "
	grep -q 'How We Work in Support' '$T/role.txt' && grep -q 'Customer impact is our north star' '$T/role.txt' &&
	grep -q 'Your Career Journey in Support' '$T/role.txt'"
check "README: the role list and the contributing guide are out" bash -c "
	! grep -q 'The following levels are defined' '$T/role.txt' && ! grep -q 'Contributing' '$T/role.txt' &&
	! grep -q 'open a pull request' '$T/role.txt'"
check "no other level's chapter: no other Summary, no other level's bookmark" python3 - "$R" "$T/role.txt" <<'PY'
import glob, json, re, subprocess, sys
pdf, txt = sys.argv[1], open(sys.argv[2]).read()
flat = " ".join(txt.split())
bad = []
for f in sorted(glob.glob("content/L*.md")):
    if "L2-DevOps" in f:
        continue
    src = open(f).read()
    summary = re.search(r"## Summary\n\n(.*?)\n", src).group(1)
    first = " ".join(re.sub(r"[*_`]", "", summary).split()[:8])
    if first in flat:
        bad.append("%s: %r" % (f, first))
j = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True).stdout)
titles = [o["title"] for o in j["outlines"]]
bad += [t for t in titles if re.match(r"L\d", t) and not t.startswith("L2:")]
if titles != ["DevOps Support Roles", "Career journey", "L2: DevOps Support Engineer"]:
    bad.append("chapters: %r" % titles)
sys.exit("; ".join(bad) if bad else 0)
PY
check "no link points outside the document; links to other levels are plain text" python3 - "$R" "$T/role-t.pdf" <<'PY'
import html, json, re, subprocess, sys
pdf = sys.argv[1]
j = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True).stdout)
objs = j["qpdf"][1]
def obj(ref):
    o = objs["obj:" + ref]
    return o.get("value", o)
pages = [p["object"] for p in j["pages"]]
bb = subprocess.run(["pdftotext", "-bbox", sys.argv[2], "-"], capture_output=True, text=True).stdout
height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', bb).group(1))
words = [[(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
          re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', p)]
         for p in re.findall(r"<page .*?</page>", bb, re.S)]
bad = []
for i, ref in enumerate(pages):
    for a in obj(ref).get("/Annots", []):
        ao = obj(a)
        if ao.get("/Subtype") != "/Link":
            continue
        if "/Dest" not in ao:
            bad.append("page %d: a link that is not internal: %r" % (i + 1, ao.get("/A")))
            continue
        d = ao["/Dest"]
        if isinstance(d, str):
            d = obj(d)
        if d[0] not in pages:
            bad.append("page %d: a link to a page not in the PDF" % (i + 1))
        x0, y0, x1, y1 = ao["/Rect"]
        inside = [w[4] for w in words[i] if w[0] >= x0 - 1 and w[2] <= x1 + 1 and height - y1 - 2 <= w[1] and w[3] <= height - y0 + 2]
        if any(re.match(r"L[13-5]:?$", w) for w in inside) and i > 0:
            bad.append("page %d: a link over %r" % (i + 1, " ".join(inside)))
sys.exit("; ".join(bad) if bad else 0)
PY
check "the diagram marks L2 as this role and L3 as its next step" python3 - "$T/role-t.pdf" <<'PY'
import html, re, subprocess, sys
pdf = sys.argv[1]
bb = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
pages = re.findall(r"<page .*?</page>", bb, re.S)
page = [p for p in pages if " ".join(re.findall(r">([^<]*)</word>", p)).startswith("Career journey")][0]
ws = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
      re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)]
codes = [w for w in ws if re.match(r"L\d$", w[4])]
def box_above(label):
    """The level code whose box the label sits under: the nearest code above it, in its column."""
    lw = [w for w in ws if w[4] == label[0]]
    assert lw, "no %r on the diagram page" % label[0]
    lab = min(lw, key=lambda w: w[1])
    cx = (lab[0] + lab[2]) / 2
    above = [c for c in codes if c[1] < lab[1] and c[0] - 8 <= cx <= c[0] + 90]
    return max(above, key=lambda c: c[1])[4] if above else None
got = (box_above(["This"]), box_above(["Next"]))
sys.exit(0 if got == ("L2", "L3") else "this role under %r, next step under %r" % got)
PY
check "the diagram links only to the role's chapter" bash -c "
	[ \$(qpdf --json '$R' | grep -c '/Subtype\": \"/Link') -ge 1 ] && python3 tests/e2e/pdfcheck.py '$R' >/dev/null"
"$HB" -q --date 2026-01-15 --role 'L2: DevOps Support Engineer' -o "$T/by-title.pdf" content 2>/dev/null
"$HB" -q --date 2026-01-15 --role L2-DevOps-Support-Engineer -o "$T/by-name.pdf" content 2>/dev/null
"$HB" -q --date 2026-01-15 --role 'devops support engineer' -o "$T/by-role.pdf" content 2>/dev/null
check "ROLE by title, by file name and by role: the same PDF" bash -c "
	cmp -s '$R' '$T/by-title.pdf' && cmp -s '$R' '$T/by-name.pdf' && cmp -s '$R' '$T/by-role.pdf'"
(cd "$T" && "$HB" -q --role L4-Support-Manager "$ROOT/content" 2>/dev/null)
check "without -o the role edition is named after its level file" test -s "$T/L4-Support-Manager.pdf"

# ---- ROLE that names no single role: usage error ----
"$HB" --role L4 -o "$T/x.pdf" content >/dev/null 2>"$T/err"; rc=$?
check "ambiguous ROLE (L4): exit 2, both candidates listed" bash -c "
	[ $rc -eq 2 ] && grep -q 'L4-Lead-DevOps-Support-Engineer' '$T/err' && grep -q 'L4-Support-Manager' '$T/err' &&
	! grep -q 'L2-DevOps' '$T/err' && [ ! -e '$T/x.pdf' ]"
"$HB" --review Nobody -o "$T/x.pdf" content >/dev/null 2>"$T/err"; rc=$?
check "unknown ROLE: exit 2, every valid name listed" bash -c "
	[ $rc -eq 2 ] && [ \$(grep -c '^  L[0-9]-' '$T/err') -eq \$(ls content/L*.md | wc -l) ] && grep -q \"Try 'handbook --help'\" '$T/err'"
"$HB" --role L2 --review L3 content >/dev/null 2>&1; rc=$?
check "--role with --review: usage error" test $rc -eq 2
"$HB" --all-roles "$T/x" -o "$T/x.pdf" content >/dev/null 2>&1; rc=$?
check "--all-roles with --output: usage error" test $rc -eq 2

# ---- all roles at once ----
"$HB" --date 2026-01-15 --all-roles "$T/all" content >"$T/summary" 2>"$T/err"; rc=$?
check "--all-roles: exit 0, one summary line per role" bash -c "
	[ $rc -eq 0 ] && [ \$(grep -c '^handbook: wrote' '$T/summary') -eq \$(ls content/L*.md | wc -l) ]"
check "--all-roles: one PDF per level file, named after it" bash -c "
	for f in content/L*.md; do n=\$(basename \"\$f\" .md); [ -s '$T/all/'\$n.pdf ] || exit 1; done
	[ \$(ls '$T/all' | wc -l) -eq \$(ls content/L*.md | wc -l) ]"
check "--all-roles: every PDF valid, its links landing, its own role on page 1" bash -c "
	for f in content/L*.md; do n=\$(basename \"\$f\" .md); p='$T/all/'\$n.pdf
		qpdf --check \"\$p\" >/dev/null || exit 1
		python3 tests/e2e/pdfcheck.py \"\$p\" >/dev/null || exit 1
		role=\$(head -1 \"\$f\" | sed -e 's/^# L[0-9]*: //')
		pdftotext -f 1 -l 1 \"\$p\" - | tr '\\n' ' ' | grep -qF \" \$role Level \" || exit 1
	done"
check "--all-roles: the same bytes as one --role run" cmp -s "$T/all/L2-DevOps-Support-Engineer.pdf" "$R"

# ---- the review packet ----
P=$T/review.pdf
"$HB" --date 2026-01-15 --review L2 -o "$P" content >"$T/summary" 2>"$T/err"; rc=$?
tcopy "$P"
check "--review L2: exit 0, no warnings" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ]"
check "review packet: qpdf --check is clean" qpdf --check "$P"
check "review packet: every bookmark and link lands on its heading" python3 tests/e2e/pdfcheck.py "$P"
text_of "$T/review-t.pdf" >"$T/review.txt"
check "review packet: the role, the next level, what changes, the worksheet" python3 - "$P" <<'PY'
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json", sys.argv[1]], capture_output=True, text=True).stdout)
titles = [o["title"] for o in j["outlines"]]
want = ["L2: DevOps Support Engineer", "L3: Senior DevOps Support Engineer", "What changes", "Worksheet"]
sys.exit(0 if titles == want else "chapters: %r" % titles)
PY
check "review packet: double-sided by default (chapters on odd pages)" python3 - "$P" <<'PY'
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json", sys.argv[1]], capture_output=True, text=True).stdout)
ref = {p["object"]: i for i, p in enumerate(j["pages"])}
even = [o["title"] for o in j["outlines"] if (ref[o["dest"][0]] + 1) % 2 == 0]
sys.exit("on even pages: %r" % even if even else 0)
PY
"$HB" -q --date 2026-01-15 --review L2 --simplex -o "$T/simplex.pdf" content
tcopy "$T/simplex.pdf"
# pdftotext ends each page with a form feed: n records, none blank
check "--simplex: no blank pages" bash -c "
	pdftotext '$T/simplex-t.pdf' - | awk -v RS='\f' -v n=\$(qpdf --show-npages '$T/simplex.pdf') \
		'NR <= n && !/[^[:space:]]/ { bad = 1 } END { exit bad || NR != n }'"
check "what changes: both levels' text side by side" python3 - "$T/review-t.pdf" <<'PY'
import html, re, subprocess, sys
pdf = sys.argv[1]
bb = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
pages = re.findall(r"<page (.*?)</page>", bb, re.S)
width = float(re.search(r'width="([\d.]+)"', pages[0]).group(1))
def text(p):
    return " ".join(html.unescape(w) for w in re.findall(r">([^<]*)</word>", p))
start = [i for i, p in enumerate(pages) if text(p).startswith("What changes")][0]
page = pages[start]
ws = [(float(a), html.unescape(w)) for a, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>(.*?)</word>', page)]
# the first sentence of Technical Proficiency of each level: L2 in the left half, L3 in the right
left = [x for x, w in ws if w == "toolkit"]
right = [x for x, w in ws if w == "documentation"]
ok = left and right and left[0] < width / 2 < right[0]
sys.exit(0 if ok else "left %r right %r" % (left, right))
PY
check "worksheet: one row per expectation of the role, numbered in order" python3 - "$T/review-t.pdf" content/L2-DevOps-Support-Engineer.md "$T/summary" <<'PY'
import html, re, subprocess, sys
pdf, src, summary = sys.argv[1:4]
# expectations in the source: top-level list items of the competency sections,
# except that a list of sentence fragments after a colon (items in lower case,
# ending in ';' or ',') is one expectation with its introduction
n, sec, fence = 0, None, False
lists, cur, prev = [], None, ""
for line in open(src):
    if line.startswith("```"):
        fence = not fence
    if fence:
        continue
    m = re.match(r"(#{1,6}) (.*)", line)
    if m:
        if len(m.group(1)) <= 2:
            sec = m.group(2) if len(m.group(1)) == 2 else None
        cur = None
        continue
    item = re.match(r"([-*+]|\d+[.)]) (.*)", line)
    if sec and not re.search(r"summary|overview|next level|progress|promot", sec, re.I) and item:
        if cur is None:
            cur = {"colon": prev.rstrip().endswith(":"), "items": []}
            lists.append(cur)
        cur["items"].append(item.group(2).strip())
    elif line.strip() and not line.startswith(" "):
        cur = None
    if line.strip():
        prev = line
for l in lists:
    it = l["items"]
    frag = l["colon"] and len(it) >= 2 and all(t[:1].islower() for t in it) and \
        all(t.endswith((";", ",")) for t in it[:-1])
    n += 1 if frag else len(it)
bb = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
pages = re.findall(r"<page (.*?)</page>", bb, re.S)
def text(p):
    return " ".join(html.unescape(w) for w in re.findall(r">([^<]*)</word>", p))
start = [i for i, p in enumerate(pages) if text(p).startswith("Worksheet")][0]
nums = []
for p in pages[start:]:
    nums += [int(w[:-1]) for w in re.findall(r">(\d+\.)</word>", p)]
said = int(re.search(r"worksheet has (\d+) expectations", open(summary).read()).group(1))
ok = n > 0 and nums == list(range(1, n + 1)) and said == n
sys.exit(0 if ok else "source %d, rows %r, summary %d" % (n, nums[-3:], said))
PY
check "worksheet: tick columns, evidence, next steps, signatures" bash -c "
	grep -q 'Not yet' '$T/review.txt' && grep -q 'Sometimes' '$T/review.txt' && grep -q 'Consistently' '$T/review.txt' &&
	grep -q 'Evidence' '$T/review.txt' && grep -q 'Agreed next steps' '$T/review.txt' &&
	grep -q 'Names, signatures and dates' '$T/review.txt' && grep -q 'Signature' '$T/review.txt'"
"$HB" -q --date 2026-01-15 --review L5-Principal-DevOps-Support-Engineer -o "$T/top.pdf" content 2>"$T/err"; rc=$?
check "review at the top of a track: no next chapter, and it says so" bash -c "
	[ $rc -eq 0 ] && pdftotext '$T/top.pdf' - | tr -s ' \n' '  ' | grep -q 'is the top of the DevOps Support Engineer track' &&
	! pdftotext '$T/top.pdf' - | grep -q '^L4: Lead DevOps'"
check "review at the top of a track: valid, links landing" bash -c "qpdf --check '$T/top.pdf' >/dev/null && python3 tests/e2e/pdfcheck.py '$T/top.pdf'"
"$HB" -q --date 2026-01-15 --review L4-Support-Manager -o "$T/mgr.pdf" content 2>/dev/null
check "review of L4 Support Manager: the next level is in its own track" bash -c "
	pdftotext -f 1 -l 1 '$T/mgr.pdf' - | grep -q 'Next level: L5: Senior Support Manager'"

# ---- nothing overflows in any edition ----
check "no word outside the page in any edition (bbox)" bash -c "
	for p in '$R' '$P' '$T/top.pdf' '$T/mgr.pdf' '$T'/all/*.pdf; do
		tests/e2e/lib/textcopy \"\$p\" '$T/bb.pdf' && pdftotext -bbox '$T/bb.pdf' - | awk -F'\"' '/<page /{ w=\$2; h=\$4 } /<word /{ if (\$2+0 < 40 || \$6+0 > w - 40 || \$8+0 > h - 30) bad++ } END { exit bad > 0 }' || exit 1
	done"

# ---- the handbook: levels at a glance ----
H=$T/handbook.pdf
"$HB" -q --date 2026-01-15 -o "$H" content 2>/dev/null
tcopy "$H"
check "handbook: 'Levels at a glance' follows the career journey, a table per track" python3 - "$H" <<'PY'
import json, subprocess, sys
pdf = sys.argv[1]
j = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True).stdout)
top = [o["title"] for o in j["outlines"]]
i = top.index("Levels at a glance")
kids = [k["title"] for k in j["outlines"][i]["kids"]]
ok = top[i - 1] == "Career journey" and kids == ["DevOps Support Engineer", "Support Manager"]
sys.exit(0 if ok else "outline %r, tracks %r" % (top, kids))
PY
check "glance: each cell is its section's first sentence, linked to it" python3 - "$H" "$T/handbook-t.pdf" <<'PY'
import html, json, re, subprocess, sys
pdf = sys.argv[1]
bb = subprocess.run(["pdftotext", "-bbox", sys.argv[2], "-"], capture_output=True, text=True).stdout
pages = re.findall(r"<page (.*?)</page>", bb, re.S)
def text(p):
    return " ".join(html.unescape(w) for w in re.findall(r">([^<]*)</word>", p))
g = [i for i, p in enumerate(pages) if text(p).startswith("Levels at a glance")][0]
t = text(pages[g]).replace("- ", "")
for s in ["You have a broad, practical toolkit", "You arrive with a foundation", "You are a recognised authority"]:
    if " ".join(s.split()) not in " ".join(t.split()).replace("­", ""):
        # hyphenated words come back split: compare without spaces
        if s.replace(" ", "") not in t.replace(" ", ""):
            sys.exit("missing %r" % s)
j = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True).stdout)
objs = j["qpdf"][1]
page = objs["obj:" + j["pages"][g]["object"]]
page = page.get("value", page)
links = [a for a in page.get("/Annots", [])]
sys.exit(0 if len(links) >= 30 else "only %d links on the glance page" % len(links))
PY

finish editions
