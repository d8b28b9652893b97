#!/usr/bin/env python3
"""Widows, orphans and stranded headings read from a PDF, not from the
program's own --stats: the text comes back through `pdftotext -bbox-layout`
(lines with coordinates) and the rules are geometric.

Usage: keeps.py FILE.pdf [CONTENT_DIR...]
Prints one line per fault, then the counts in --stats' words:
  widows: N / orphans: N / stranded headings: N
Exit 0 when all three are 0, 1 otherwise.

How a page is read (numbers from src/style.c, which the book is set with):
- the text area is 25 mm from the top and the bottom of the sheet; running
  heads and folios lie outside it and are ignored;
- words on one baseline make a row; a row whose words are far apart (table
  cells, contents entries) is tabular and is never taken for a paragraph line;
- body text (10 pt: its rows are 13.62 pt tall) is justified: a body line
  that reaches the text area's right edge is not the last of its paragraph,
  one that falls short is; code, tables, notes and headings are set in other
  sizes or ragged and are never taken for a full line;
- a paragraph starts after a gap larger than its leading, after a heading,
  or at a list marker;
- a heading is a row set larger than body text, or a row whose text is a
  heading of the Markdown sources given (level 5 and 6 headings are body size).
A widow: a page whose first row ends a paragraph the previous page's last
row (full width) was in.  An orphan: a page whose last row is the first,
full-width line of a paragraph, when the next page opens with no heading,
list marker or table row (a one-line paragraph can end flush right).  A stranded heading: a page ending with a
heading (the last page excepted)."""
import glob, html, os, re, subprocess, sys, tempfile

MM = 72 / 25.4
TOP = BOTTOM = 25 * MM         # style.c: g.top, g.bottom
INNER, OUTER = 25 * MM, 20 * MM  # style.c: g.inner, g.outer
BODY_ROW = 13.62               # the line box pdftotext gives 10 pt Noto Sans
LEADING = 1.45 / 1.362         # baseline step per unit of that box (STYLE_LEADING_PCT)
TAB_GAP = 25.0                 # words further apart than this are in columns
MARKERS = re.compile(r"^(•|◦|▪|–|☐|☑|✓|✗|\d+[.)]|[a-z][.)])$")


def headings_of(dirs):
    out = set()
    for d in dirs:
        for f in glob.glob(d + "/*.md"):
            for line in open(f, encoding="utf-8", errors="replace"):
                m = re.match(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
                if m:
                    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", m.group(1))
                    t = re.sub(r"[*_`]", "", t)
                    out.add(" ".join(t.split()))
    return out


def rows_of(pdf):
    # tests/e2e/lib/textcopy's copy: the same words, without poppler's colour
    # transform for every page
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib", "textcopy"), pdf,
                        tmp + "/t.pdf"], check=True)
        bb = subprocess.run(["pdftotext", "-bbox-layout", tmp + "/t.pdf", "-"], capture_output=True,
                            text=True, check=True).stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bb, re.S):
        w, h, body = float(m.group(1)), float(m.group(2)), m.group(3)
        words = []
        for wm in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body):
            x0, y0, x1, y1 = (float(wm.group(i)) for i in range(1, 5))
            if y0 >= TOP - 2 and y1 <= h - BOTTOM + 6:
                words.append((y1, x0, x1, y0, html.unescape(wm.group(5))))
        words.sort()
        rows = []
        for y1, x0, x1, y0, t in words:
            # one baseline: faces and sizes on it differ in descent by a point or so
            if rows and abs(rows[-1]["y0"] - y1) < 2.0:
                r = rows[-1]
                r["w"].append((x0, x1, t))
                r["top"], r["y"] = min(r["top"], y0), max(r["y"], y1)
            else:
                rows.append({"y0": y1, "y": y1, "top": y0, "w": [(x0, x1, t)]})
        for r in rows:
            r["w"].sort()
            r["x0"], r["x1"] = r["w"][0][0], max(x[1] for x in r["w"])
            r["text"] = " ".join(x[2] for x in r["w"])
            r["tab"] = any(b[0] - a[1] > TAB_GAP for a, b in zip(r["w"], r["w"][1:]))
            r["body"] = abs(r["y"] - r["top"] - BODY_ROW) < 0.5
        # the right edge of the text area: the one of the three possible
        # (simplex, odd and even duplex pages) most rows reach
        tw = w - INNER - OUTER
        best = None
        for left in (INNER, OUTER, (INNER + OUTER) / 2):
            right = left + tw
            n = sum(1 for r in rows if r["body"] and not r["tab"] and abs(r["x1"] - right) < 1.5)
            if n and (best is None or n > best[0]):
                best = (n, right)
        for r in rows:
            r["full"] = best is not None and r["body"] and not r["tab"] and abs(r["x1"] - best[1]) < 1.5
        pages.append(rows)
    return pages


def main():
    pdf, dirs = sys.argv[1], sys.argv[2:]
    heads = headings_of(dirs)
    pages = rows_of(pdf)

    def heading(r):
        return (r["y"] - r["top"] > BODY_ROW + 0.5 and not r["tab"]) or r["text"] in heads

    def starts(rows, i, prev_last):
        """Row i opens a paragraph."""
        r = rows[i]
        if MARKERS.match(r["w"][0][2]):
            return True
        if i == 0:
            return prev_last is None or not prev_last["full"]
        p = rows[i - 1]
        return heading(p) or r["y"] - p["y"] > (r["y"] - r["top"]) * LEADING + 3

    faults = {"widows": 0, "orphans": 0, "stranded headings": 0}
    prev_last = None
    for n, rows in enumerate(pages):
        if not rows:
            continue  # a blank page
        first, last = rows[0], rows[-1]
        if prev_last is not None and prev_last["full"] and not heading(first) and not first["tab"] \
                and not first["full"] and not starts(rows, 0, prev_last):
            faults["widows"] += 1
            print("page %d: widow: %s" % (n + 1, first["text"][:60]))
        later = next((p for p in pages[n + 1:] if p), None)
        # a full last line whose paragraph goes on: the next page does not
        # open with a heading, a list marker or a table row
        goes_on = later and last["full"] and not heading(later[0]) and not later[0]["tab"] \
            and not MARKERS.match(later[0]["w"][0][2])
        if goes_on and starts(rows, len(rows) - 1, prev_last):
            faults["orphans"] += 1
            print("page %d: orphan: %s" % (n + 1, last["text"][:60]))
        if later and heading(last):
            faults["stranded headings"] += 1
            print("page %d: stranded heading: %s" % (n + 1, last["text"][:60]))
        prev_last = last
    for k, v in faults.items():
        print("%s: %d" % (k, v))
    sys.exit(1 if any(faults.values()) else 0)


main()
