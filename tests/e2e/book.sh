#!/usr/bin/env bash
# The pages that make a handbook more than a printout, read back from the
# PDF: the career-journey diagram and the back-of-book index.
# Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"

"$HB" -q --date 2026-01-15 -o "$T/h.pdf" content 2>"$T/err"
check "handbook builds" test -s "$T/h.pdf"
# its words, from tests/e2e/lib/textcopy's copy (the same text without
# poppler's colour transform for every page): all pages in one call, each
# ending with a form feed
tests/e2e/lib/textcopy "$T/h.pdf" "$T/ht.pdf"

# the diagram page: every role title, a link from each box to its chapter's first page
check "diagram: every role is on the page and links to its chapter" python3 - "$T/h.pdf" content "$T/ht.pdf" <<'PY'
import json, re, subprocess, sys
pdf, content = sys.argv[1], sys.argv[2]
j = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True, check=True).stdout)
objs = j["qpdf"][1]
obj = lambda r: objs["obj:" + r].get("value", objs["obj:" + r])
pages = [p["object"] for p in j["pages"]]
texts = [t + "\f" for t in subprocess.run(["pdftotext", sys.argv[3], "-"], capture_output=True, text=True).stdout.split("\f")[:len(pages)]]
dpage = next(i for i, t in enumerate(texts) if t.lstrip().startswith("Career journey"))
readme = open(content + "/README.md", encoding="utf-8").read()
roles = re.findall(r"^- \[(L\d+): ([^\]]+)\]\(\./([^)]+)\)", readme, re.M)
assert len(roles) >= 7, roles
words = set(re.findall(r"\w+", texts[dpage]))
for code, title, _ in roles:
    missing = [w for w in re.findall(r"\w+", title) if w not in words]
    assert not missing, "%s %s: %r not on the diagram page" % (code, title, missing)
# chapter first pages, from the bookmarks
first = {}
for o in j["outlines"]:
    d = o["dest"]
    if isinstance(d, str): d = obj(d)
    first[o["title"]] = pages.index(d[0])
targets = set()
for a in obj(pages[dpage]).get("/Annots", []):
    ao = obj(a)
    d = ao.get("/Dest")
    if isinstance(d, str): d = obj(d)
    if d: targets.add(pages.index(d[0]))
for code, title, _ in roles:
    p = first["%s: %s" % (code, title)]
    assert p in targets, "no link from the diagram to %s %s (page %d)" % (code, title, p + 1)
print("diagram on page %d, %d roles linked" % (dpage + 1, len(roles)))
PY

# the index: entries point at pages where their words really are
check "index: sampled entries are on the pages they cite" python3 - "$T/h.pdf" content/index-terms.txt "$T/ht.pdf" <<'PY'
import json, re, subprocess, sys, unicodedata
pdf, terms_path, tpdf = sys.argv[1], sys.argv[2], sys.argv[3]
j = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True, check=True).stdout)
n = len(j["pages"])
# printed folio -> physical page, from the page labels
body0 = next(i for i, p in enumerate(j["pages"]) if (p.get("label") or {}).get("/S") == "/D")
texts = [t + "\f" for t in subprocess.run(["pdftotext", tpdf, "-"], capture_output=True, text=True).stdout.split("\f")[:n]]
ipages = [i for i, t in enumerate(texts) if t.lstrip().startswith("Index")]
assert ipages, "no index page"
itext = subprocess.run(["pdftotext", "-layout", "-f", str(ipages[0] + 1), "-l", str(n), tpdf, "-"], capture_output=True, text=True).stdout
def norm(s):
    s = s.replace("-\n", "").lower()
    s = unicodedata.normalize("NFKD", s)
    return " ".join(re.findall(r"[a-z0-9]+", s))
body = [norm(t) for t in texts]
terms = []
for line in open(terms_path, encoding="utf-8"):
    line = line.split("#")[0].strip()
    if line: terms.append([x.strip() for x in line.split("|") if x.strip()])
checked = 0
for names in terms[:40]:
    head = names[0]
    m = re.search(r"(?:^|\s{2,})" + re.escape(head) + r",\s*([0-9–, ]+)", itext, re.M)
    if not m:
        continue
    cited = []
    for part in re.findall(r"\d+(?:–\d+)?", m.group(1)):
        a, _, b = part.partition("–")
        cited += list(range(int(a), int(b or a) + 1))
    forms = [norm(x) for x in names]
    def on(page):
        t = " " + body[page] + " "
        return any(re.search(r"\b" + re.escape(f) + r"(s|es)?\b", t) or re.search(r"\b" + re.escape(f[:-1]) + r"ies\b", t) for f in forms)
    for folio in cited:
        assert on(body0 + folio - 1), "%r cited on page %d but not there" % (head, folio)
    checked += 1
assert checked >= 20, "only %d entries checked" % checked
print("%d index entries checked against their pages" % checked)
PY

check "index: letter headings and sorted entries" python3 - "$T/ht.pdf" <<'PY'
import re, subprocess, sys, unicodedata
pdf = sys.argv[1]
t = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True).stdout
t = t[[m.end() for m in re.finditer(r"(?:^|\f)Index\n", t)][-1]:]
letters = re.findall(r"^([A-Z])$", t, re.M)
assert letters == sorted(letters) and len(letters) >= 10, letters
PY

# a framework with six levels in three tracks (one set by a comment)
"$HB" -q -o "$T/six.pdf" tests/fixtures/six-levels 2>"$T/err6"
check "six levels, three tracks: builds and every role is linked from the diagram" bash -c \
	"pdftotext '$T/six.pdf' - | grep -q 'Career journey' && python3 tests/e2e/pdfcheck.py '$T/six.pdf'"

finish book
