#!/usr/bin/env python3
"""Writes the text-preservation stress set (tests/e2e/textloss.sh) under DIR:
  DIR/long      words of 1 KB ... 2 MB, the sizes either side of the old
                int32 width limit (382,795 / 382,796 and 765,674 / 765,675
                letters "a" at 10 pt), in body text, a heading, a table cell,
                a code span, a link and a list
  DIR/elements  every Markdown element, deep nesting, a long table, a wide
                table, raw HTML, footnotes, every script the fonts cover and
                characters they do not
Each level file ends with a marker word, so a loss at the end shows.
Usage: textloss-gen.py DIR"""
import os, sys

README = "# Stress Handbook\n\nThe team at Stress.\n\n{}"


def book(d, levels):
    os.makedirs(d, exist_ok=True)
    links = "".join("- [L%d: %s](./L%d-%s.md)\n" % (i + 1, n, i + 1, n) for i, (n, _) in enumerate(levels))
    open(os.path.join(d, "README.md"), "w").write(README.format(links))
    for i, (n, body) in enumerate(levels):
        with open(os.path.join(d, "L%d-%s.md" % (i + 1, n)), "w", encoding="utf-8") as f:
            f.write("# L%d: %s\n\n## Section\n\n%s\n\nEndmark%s closes the file.\n" % (i + 1, n, body, n))


def word(ch, n):
    return ch * n


def long_set(d):
    kb = 1024
    book(d, [
        ("Small", "Before one " + word("d", kb) + " after one.\n\nBefore sixtyfour "
         + word("e", 64 * kb) + " after sixtyfour."),
        ("Lower", "Below " + word("a", 382795) + " limit.\n\nAbove " + word("a", 382796) + " limit."),
        ("Upper", "Wrapped " + word("a", 765674) + " low.\n\nWrapped " + word("a", 765675) + " high."),
        ("Mega", "One megabyte " + word("f", 1000 * kb) + " done."),
        ("Two", "Two megabytes " + word("g", 2 * 1000 * kb) + " done."),
        ("Places", "## Heading " + word("h", 4 * kb) + " tail\n\n"
         "| Name | Value |\n|---|---|\n| cell " + word("i", 8 * kb) + " end | short |\n\n"
         "Code `" + word("j", 8 * kb) + "` span and a [link " + word("k", 8 * kb) + "](#section) text.\n\n"
         "- item " + word("l", 8 * kb) + " more\n  - nested " + word("m", 8 * kb) + " deeper\n\n"
         "> quoted " + word("n", 8 * kb) + " words\n\n"
         "Mixed " + "αβγ" * 2000 + "абв" * 2000 + " scripts.\n\n"
         "Styled **bold" + word("o", 3000) + "**then*italic" + word("p", 3000) + "*plain" + word("q", 3000) + "."),
    ])


def elements_set(d):
    deep_list = "".join("  " * i + "- level%d\n" % i for i in range(80))
    deep_quote = "".join(">" * i + " quote%d\n" % i + ">" * i + "\n" for i in range(1, 80))
    long_table = "| Row | Text | More |\n|---|:--:|--:|\n" + "".join(
        "| r%d | text of row %d | more%d |\n" % (i, i, i) for i in range(400))
    wide_table = "|" + "|".join("h%d" % i for i in range(70)) + "|\n|" + "|".join("-" for _ in range(70)) + "|\n|" + \
        "|".join("c%d" % i for i in range(70)) + "|\n"
    scripts = ("Latin déjà vu Ærøskøbing Łódź żółć ŒUVRE; Greek Καλημέρα κόσμε; Cyrillic Съешь же ещё; "
               "Vietnamese Tiếng Việt; IPA ʃɪp ðə θɪŋ; math ∑ ∫ √ ∞ ≤; arrows → ⇒ ↪; symbols ★ ☐ ☑ ✓.")
    uncovered = "Uncovered 漢字かな \U0001FAE8 emoji עברית العربية हिन्दी and back."
    body = "\n\n".join([
        "Plain paragraph with *emphasis*, **strong**, ***both***, ~~struck~~, `code`, "
        "a [link](https://example.com/a/b?c=d), <https://auto.example.com/path>, www.example.org and "
        "a footnote[^n].\nSoft break then hard break  \nafter it, and a backslash\\\nbreak.",
        "### Third level\n\n#### Fourth level\n\n##### Fifth level\n\n###### Sixth level",
        "1. first ordered\n2. second ordered\n   1. nested ordered\n3. third ordered",
        "- [x] done task\n- [ ] open task\n- plain bullet",
        "> Quote line one\n> quote line two\n>\n> > nested quote",
        "```c\nint main(void) { return 0; } /* " + "long code line " * 40 + "*/\n\tindented\tby\ttabs\n```",
        "    indented code block\n    second line",
        "```\n" + "x\u2605y\u2211" * 40 + " faces change at every character\n```",
        "<div>raw html block words</div>",
        "Inline <span>html</span> words and <!-- a comment --> after.",
        "![alt words of an image](missing.png) after image.",
        "---",
        "Entities &amp; &copy; &#x263A; &nbsp;here.",
        "Hyphenation: incomprehensibilities internationalization responsibilities "
        "troubleshooting organisational " * 12,
        scripts, uncovered,
        deep_list, deep_quote, long_table, wide_table,
        "[^n]: The footnote text with words.",
    ])
    book(d, [("Elements", body)])


if __name__ == "__main__":
    out = sys.argv[1]
    long_set(os.path.join(out, "long"))
    elements_set(os.path.join(out, "elements"))
