#!/usr/bin/env python3
"""The text-preservation oracle (issue 20): every word of the source is in
the PDF, in order, or the run warned where it was left out.

Usage: oracle.py MDWORDS CONTENT_DIR PDF STDERR_FILE
  MDWORDS      build/mdwords: the source's literals as cmark-gfm parses them
  STDERR_FILE  what handbook printed while making PDF
Exit 0 when no word is lost unwarned; else 1, naming the first places.
Prints one line: "oracle: N words, N found, N warned, N lost".

The rule (src/words.c applies the same one to the display list):
- Source words: text, code and code-block literals, split at white space
  (raw HTML and image alt text are not words of the source).
- Both sides keep letters and digits only, NFKC, case-folded: hyphens at
  line ends, punctuation, spaces and U+FFFD vanish, so "operat-" / "ing"
  reads "operating" and a word cut into line-wide chunks reads whole.
- The PDF's text (pdftotext -raw, cropped to the A4 text area so running
  heads and folios do not cut a word that runs over a page) is one string
  without separators; each word must be found after the previous one, within
  WINDOW characters once a word of its file was found.  Title page,
  contents, glance and index only add text, so they never fail a word.
  Each cell of a table row is looked for from the row's start: a row cut
  over pages holds a slice of every cell on each, so a word not found whole
  is looked for in pieces of at least PIECE_MIN characters, in order.
- A word not found is "warned" when STDERR has a warning for its file whose
  line lies within its top-level block, other than the program's own
  "text left out of the PDF" (which reports a bug, not an intention)."""
import re, subprocess, sys, unicodedata

WINDOW = 1 << 18     # normalised chars between two words of a file: pages of text
PIECE_MIN = 16       # shortest piece of a word found in pieces
FREE_TRIES = 16      # words of a file searched unwindowed before the first is found
# A4 text area in points (src/style.c: 25 mm margins top and bottom); the
# running head stands 10 mm above it, the folio 12 mm below
CROP_Y, CROP_H, PAGE_W = 62, 842 - 2 * 62, 596


def norm(s):
    s = unicodedata.normalize("NFKC", s).casefold()
    return "".join(ch for ch in s if ch.isalnum() and not 0x2000 <= ord(ch) <= 0x2BFF)


def pieces(text, w, at):
    """Finds w as pieces of at least PIECE_MIN chars (but the last), each
    the longest found within the window after the one before; returns the
    end, or -1."""
    while w:
        lo, hi, pos = 0, len(w), 0
        while lo < hi:
            mid = (lo + hi + 1) // 2
            i = text.find(w[:mid], at, at + WINDOW + len(w))
            if i >= 0:
                lo, pos = mid, i
            else:
                hi = mid - 1
        if lo == 0 or (lo < len(w) and lo < PIECE_MIN):
            return -1
        at, w = pos + lo, w[lo:]
    return at


def main():
    mdwords, content, pdf, errf = sys.argv[1:5]
    src = subprocess.run([mdwords, content], capture_output=True, check=True).stdout.decode("utf-8", "replace")
    txt = subprocess.run(["pdftotext", "-q", "-raw", "-x", "0", "-y", str(CROP_Y), "-W", str(PAGE_W),
                          "-H", str(CROP_H), pdf, "-"], capture_output=True, check=True).stdout
    text = norm(txt.decode("utf-8", "replace"))
    warned = {}
    for ln in open(errf, encoding="utf-8", errors="replace"):
        m = re.match(r"(.*?):(\d+): warning: (.*)", ln)
        if m and not m.group(3).startswith("text left out of the PDF"):
            warned.setdefault(m.group(1), []).append(int(m.group(2)))
    at, nin, nout, nwarn, lost = 0, 0, 0, 0, []
    cur, anchored, tries = None, False, 0
    row_start = row_end = 0
    for ln in src.split("\n"):
        if not ln:
            continue
        if ln == "#row":
            row_start = row_end = at
            continue
        if ln == "#endrow":
            at = row_end
            continue
        if ln == "#cell":
            at = row_start
            continue
        if ln == "#endcell":
            row_end = max(row_end, at)
            continue
        path, l0, l1, lit = ln.split("\t", 3)
        l0, l1 = int(l0), int(l1)
        if path != cur:
            cur, anchored, tries = path, False, 0
        for w in lit.split():
            w = norm(w)
            if not w:
                continue
            nin += 1
            end = at + WINDOW + len(w) if anchored else len(text)
            i = text.find(w, at, end)
            if i >= 0:
                nout += 1
                at, anchored = i + len(w), True
                continue
            if anchored:
                j = pieces(text, w, at)
                if j >= 0:
                    nout += 1
                    at = j
                    continue
            tries += 1
            anchored = anchored or tries >= FREE_TRIES
            if any(l0 <= x <= l1 for x in warned.get(path, [])):
                nwarn += 1
            else:
                lost.append("%s:%d: %s" % (path, l0, w[:40]))
    print("oracle: %d words, %d found, %d warned, %d lost" % (nin, nout, nwarn, len(lost)))
    for x in lost[:5]:
        print("  lost unwarned: " + x)
    return 1 if lost else 0


sys.exit(main())
