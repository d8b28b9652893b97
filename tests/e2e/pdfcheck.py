#!/usr/bin/env python3
"""Reads a handbook PDF back with qpdf and poppler and checks where every
internal link and bookmark lands: on the page and at the line of the heading
it names.  Usage: pdfcheck.py FILE.pdf  (exit 0 when all is well)."""
import html, json, os, re, subprocess, sys, tempfile

pdf = sys.argv[1]
j = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True, check=True).stdout)
objs = j["qpdf"][1]
pages = [p["object"] for p in j["pages"]]
pageno = {ref: i for i, ref in enumerate(pages)}

# words per page with boxes, from pdftotext -bbox of tests/e2e/lib/textcopy's
# copy: the same words, without poppler's colour transform for every page
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib", "textcopy"), pdf, tmp + "/t.pdf"],
                   check=True)
    bb = subprocess.run(["pdftotext", "-bbox", tmp + "/t.pdf", "-"], capture_output=True, text=True, check=True).stdout
words = []
for page in re.findall(r"<page (.*?)</page>", bb, re.S):
    ws = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page):
        ws.append((float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)), html.unescape(m.group(5))))
    words.append(ws)
heights = [float(h) for h in re.findall(r'<page width="[\d.]+" height="([\d.]+)"', bb)]

errors = []

def obj(ref):
    o = objs["obj:" + ref]
    return o.get("value", o)

def line_at(page, top):
    """The first line of words whose top lies within 30 pt below `top` (from the page top)."""
    cand = [w for w in words[page] if top - 2 <= w[1] <= top + 30]
    if not cand:
        return ""
    y = min(w[1] for w in cand)
    return " ".join(w[4] for w in sorted([w for w in cand if abs(w[1] - y) < 3], key=lambda w: w[0]))

def words_in(page, rect):
    x0, y0, x1, y1 = rect  # PDF coordinates
    top, bottom = heights[page] - y1, heights[page] - y0
    ws = [w for w in words[page] if w[0] >= x0 - 1 and w[2] <= x1 + 1 and w[1] >= top - 2 and w[3] <= bottom + 2]
    return " ".join(w[4] for w in sorted(ws, key=lambda w: (round(w[1]), w[0])))

def dest_of(d):
    if isinstance(d, str) and d.endswith(" R"):
        d = obj(d)
    if not isinstance(d, list) or len(d) < 4 or d[1] != "/XYZ":
        return None
    p = pageno.get(d[0])
    return p, (heights[p] if p is not None else 0) - float(d[3])

# bookmarks: each lands on the line that starts with its title
def walk(items, depth=0):
    n = 0
    for o in items:
        n += 1
        d = dest_of(o["dest"])
        if d is None or d[0] is None:
            errors.append("bookmark %r has no /XYZ destination" % o["title"])
        else:
            line = line_at(d[0], d[1])
            if not line.startswith(o["title"].split()[0]):
                errors.append("bookmark %r lands on page %d at %r" % (o["title"], d[0] + 1, line[:60]))
        if depth == 0 and o.get("open") and o["kids"]:
            errors.append("chapter bookmark %r is open; sections should be folded" % o["title"])
        n += walk(o["kids"], depth + 1)
    return n

nbook = walk(j["outlines"])
if nbook == 0:
    errors.append("no bookmarks")

# links: internal ones land on a line of text; contents entries on their heading
nlinks = 0
for i, ref in enumerate(pages):
    page = obj(ref)
    for a in page.get("/Annots", []):
        ao = obj(a)
        if ao.get("/Subtype") != "/Link":
            continue
        nlinks += 1
        if ao.get("/Border") != [0, 0, 0]:
            errors.append("link on page %d has a border" % (i + 1))
        if "/Dest" not in ao:
            if "/A" not in ao or not ao["/A"].get("/URI"):
                errors.append("link on page %d goes nowhere" % (i + 1))
            continue
        d = dest_of(ao["/Dest"])
        if d is None or d[0] is None:
            errors.append("link on page %d has a bad destination %r" % (i + 1, ao["/Dest"]))
            continue
        line = line_at(d[0], d[1])
        if not line:
            errors.append("link on page %d lands on empty space (page %d)" % (i + 1, d[0] + 1))
        label = j["pages"][i].get("label") or {}
        if label.get("/S") == "/r" and i > 0:  # a contents page: the entry names the heading
            text = words_in(i, ao["/Rect"])
            first = text.split()[0] if text else ""
            if not line.startswith(first):
                errors.append("contents entry %r lands on %r (page %d)" % (text[:50], line[:50], d[0] + 1))

for e in errors:
    print(e)
print("bookmarks: %d, links: %d, problems: %d" % (nbook, nlinks, len(errors)))
sys.exit(1 if errors else 0)
