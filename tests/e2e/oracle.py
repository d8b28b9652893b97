#!/usr/bin/env python3
"""The text-preservation oracle (issue 20): every word of the source is in
the PDF, in order, or the run warned where it was left out.

Usage: oracle.py MDWORDS CONTENT_DIR PDF STDERR_FILE
  MDWORDS      build/mdwords: the source's literals as cmark-gfm parses them
  STDERR_FILE  what handbook printed while making PDF
Exit 0 when no word is lost unwarned; else 1, naming the first places.
Prints one line: "oracle: N words, N found, N warned, N lost".

The rule (src/words.c applies the same one to the display list):
- Source words: text, code and code-block literals, split at spaces, tabs
  and line ends
  (raw HTML and image alt text are not words of the source).
- Both sides keep ASCII letters and digits and the characters beyond
  Latin-1 punctuation but for general punctuation, symbols, arrows, CJK
  punctuation, variation selectors, U+FFFD and what lies beyond the BMP
  (the fonts draw none of it), case-folded: hyphens at line ends,
  punctuation, spaces and U+FFFD vanish, so "operat-" / "ing"
  reads "operating" and a word cut into line-wide chunks reads whole.
- The PDF's text (pdftotext -raw of tests/e2e/lib/textcopy's copy, cropped
  to the A4 text area so running heads and folios do not cut a word that
  runs over a page) is one string
  without separators; each word must be found after the previous one, within
  WINDOW characters once a word of its file was found.  Title page,
  contents, glance and index only add text, so they never fail a word.
  Each cell of a table row is looked for from the row's start: a row cut
  over pages holds a slice of every cell on each, so a word not found whole
  is looked for in pieces of at least PIECE_MIN characters, in order.
- A word found more than SKIP characters ahead counts only when the next
  word follows within NEAR of it (the last word of a file, once one was
  found, only within NEAR, and the next file is looked for from before
  it): a lost run of common words is not "found" pages later.
- A word not found is "warned" when STDERR has a warning for its file whose
  line lies within its top-level block, other than the program's own
  "text left out of the PDF" (which reports a bug, not an intention)."""
import os, re, subprocess, sys, tempfile

WINDOW = 1 << 15     # normalised chars between two words of a file: pages of text
SKIP = 16            # a word found further ahead needs the next word within NEAR of it
NEAR = 512
PIECE_MIN = 16       # shortest piece of a word found in pieces
FREE_TRIES = 16      # words of a file searched unwindowed before the first is found
# A4 text area in points (src/style.c: 25 mm margins top and bottom); the
# running head stands 10 mm above it, the folio 12 mm below
CROP_Y, CROP_H, PAGE_W = 62, 842 - 2 * 62, 596


# what both sides keep, as src/words.c does: ASCII letters and digits, and
# beyond Latin-1 punctuation all but general punctuation, symbols and arrows
# (U+2000-2BFF), CJK punctuation, variation selectors, specials (U+FFFD) and
# what lies beyond the BMP
DROP = re.compile("[^0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u1fff\u2c00-\u2fff"
                  "\u3040-\ufdff\ufe10-\uffef]+")


def norm(s):
    return DROP.sub("", s).casefold()


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


def tokens(src):
    """(kind, path, l0, l1, word) in order: kind is "w" (a word), "row",
    "endrow", "cell" or "endcell"."""
    out = []
    for ln in src.split("\n"):
        if not ln:
            continue
        if ln[0] == "#":
            out.append((ln[1:], None, 0, 0, None))
            continue
        path, l0, l1, lit = ln.split("\t", 3)
        for w in re.split(r"[ \t\n\r]+", lit):
            if norm(w):
                out.append(("w", path, int(l0), int(l1), w))
    return out


def main():
    mdwords, content, pdf, errf = sys.argv[1:5]
    src = subprocess.run([mdwords, content], capture_output=True, check=True).stdout.decode("utf-8", "replace")
    # read through tests/e2e/lib/textcopy: the same text, without poppler's
    # colour transform for every page (a second for 60 pages)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib", "textcopy"),
                        pdf, tmp + "/t.pdf"], check=True)
        txt = subprocess.run(["pdftotext", "-q", "-raw", "-x", "0", "-y", str(CROP_Y), "-W", str(PAGE_W),
                              "-H", str(CROP_H), tmp + "/t.pdf", "-"], capture_output=True, check=True).stdout
    text = norm(txt.decode("utf-8", "replace"))
    warned = {}
    for ln in open(errf, encoding="utf-8", errors="replace"):
        m = re.match(r"(.*?):(\d+)(?::\d+)?: warning: (.*)", ln)
        if m and not m.group(3).startswith("text left out of the PDF"):
            warned.setdefault(m.group(1), []).append(int(m.group(2)))

    def find(w, frm, window):
        """(start, end) of w from frm within window (0: anywhere), whole or in pieces, or None."""
        i = text.find(w, frm, frm + window + len(w) if window else len(text))
        if i >= 0:
            return i, i + len(w)
        if window:
            j = pieces(text, w, frm)
            if j >= 0:
                return frm, j
        return None

    toks = tokens(src)
    at, nin, nout, nwarn, lost = 0, 0, 0, 0, []
    cur, anchored, tries = None, False, 0
    row_start = row_end = safe = 0
    for k, (kind, path, l0, l1, word) in enumerate(toks):
        if kind == "row":
            row_start = row_end = at
        elif kind == "endrow":
            at = row_end
        elif kind == "cell":
            at = row_start
        elif kind == "endcell":
            row_end = max(row_end, at)
        if kind != "w":
            continue
        if path != cur:
            # a new file starts after the last match that was no jump: its
            # title may lie within NEAR of a previous file's last word
            cur, anchored, tries, at = path, False, 0, safe
        w = norm(word)
        nin += 1
        hit = find(w, at, WINDOW if anchored else 0)
        if hit and hit[0] - at > SKIP:
            nxt = toks[k + 1] if k + 1 < len(toks) else ("w", None, 0, 0, None)
            if nxt[0] == "w" and nxt[1] != path:
                if anchored and hit[0] - at > NEAR:
                    hit = None  # the file's last word: nothing confirms it
            elif nxt[0] == "w" and not find(norm(nxt[4]), hit[1], NEAR):
                hit = None  # a far match the next word does not follow: spurious
        if hit:
            nout += 1
            if hit[0] - at <= SKIP or (k + 1 < len(toks) and toks[k + 1][1] == path):
                safe = hit[1]
            at, anchored = hit[1], True
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
