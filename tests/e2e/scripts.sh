#!/usr/bin/env bash
# Characters beyond the BMP and characters no face has (issue 15): emoji
# and mathematical letters are drawn from a bundled or installed face and
# read back from the PDF (/ToUnicode with surrogate pairs); a character no
# face has is one warning per file, with its count and first line.
# Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"
FFFD=$(printf '\xef\xbf\xbd')

# ---- beyond the BMP: emoji (Symbola, DejaVu Sans), U+1D400 (Noto Sans Math) ----
E=tests/fixtures/scripts-emoji
"$HB" -q -o "$T/e.pdf" "$E" 2>"$T/err"
check "emoji: builds with no warning" test ! -s "$T/err"
pdftotext "$T/e.pdf" "$T/e.txt" 2>/dev/null
check "emoji: no U+FFFD in the text" bash -c "! grep -q '$FFFD' '$T/e.txt'"
check "emoji: 😀 and 🚀 read back from the PDF" bash -c "grep -q 'customers 😀 quickly' '$T/e.txt' && grep -q 'fixes 🚀 with' '$T/e.txt'"
check "U+1D400: 𝐀 + 𝐁 read back (bundled Noto Sans Math)" grep -q '𝐀 + 𝐁' "$T/e.txt"
check "🚀 in the README read back" grep -q 'Example. 🚀' "$T/e.txt"
check "emoji: the faces are embedded as subsets (Symbola for 🚀)" \
	bash -c "pdffonts '$T/e.pdf' | grep -q '+Symbola.*CID TrueType.*yes yes yes' && pdffonts '$T/e.pdf' | grep -q '+NotoSansMath'"
check "emoji: qpdf --check clean" qpdf --check "$T/e.pdf"
# a glyph is drawn: the emoji's line has ink where 🚀 stands (not blank)
check "emoji: the /ToUnicode maps a glyph to a surrogate pair" python3 - "$T/e.pdf" <<'PY'
import re, subprocess, sys, zlib
raw = open(sys.argv[1], "rb").read()
found = False
for m in re.finditer(rb"stream\r?\n(.*?)endstream", raw, re.S):
    try:
        s = zlib.decompress(m.group(1))
    except Exception:
        continue
    if b"beginbfchar" in s and re.search(rb"<D83D[0-9A-F]{4}>", s):
        found = True
assert found, "no surrogate pair in any /ToUnicode"
PY

# ---- a character no face has: one warning per file with its count ----
rm -rf "$T/m"; cp -r "$E" "$T/m"
cat >>"$T/m/L1-Support-Engineer.md" <<'MD'

## Odd characters

First \U0001FAE8 here and \U0001FAE8 again.

- then \U0001FAE9 in a list
- and \U0001FAE8 once more
MD
sed -i "s/\\\\U0001FAE8/$(printf '\U0001FAE8')/g; s/\\\\U0001FAE9/$(printf '\U0001FAE9')/g" "$T/m/L1-Support-Engineer.md"
printf '\nReadme \U0001FAE8 too.\n' >>"$T/m/README.md"
l=$(grep -n 'First' "$T/m/L1-Support-Engineer.md" | cut -d: -f1)
"$HB" -q --stats -o "$T/m.pdf" "$T/m" >"$T/stats" 2>"$T/err"
check "missing: still builds (exit 0)" test $? -eq 0
check "missing: one warning for the level file, at the first one's line and column" \
	bash -c "[ \$(grep -c 'L1-Support-Engineer.md' '$T/err') -eq 1 ] && grep -q 'L1-Support-Engineer.md:$l:7: warning: characters U+1FAE8 and U+1FAE9 are in none of the bundled or installed fonts' '$T/err'"
check "missing: the level file's warning counts all 4" grep -q 'L1-Support-Engineer.md.*\[HB301\] (4 times)$' "$T/err"
check "missing: the README has its own one warning" \
	bash -c "[ \$(grep -c 'README.md' '$T/err') -eq 1 ] && grep -q 'README.md:[0-9]*:[0-9]*: warning: character U+1FAE8 is in none' '$T/err'"
check "missing: two warnings in all" test "$(wc -l <"$T/err")" -eq 2
check "missing: no word reported lost (the file's warning covers its later blocks)" \
	bash -c "! grep -q 'text left out' '$T/err' && grep -qx 'words left out (unwarned until checked): 0' '$T/stats' || ! grep -q 'unwarned' '$T/stats'"
"$HB" -q --diagnostics-format json -o "$T/m.pdf" "$T/m" 2>"$T/json"
check "missing: json count is the occurrences" python3 - "$T/json" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
lvl = [r for r in rows if r["file"].endswith("L1-Support-Engineer.md")]
assert len(lvl) == 1 and lvl[0]["count"] == 4 and lvl[0]["code"] == "HB301", rows
PY

# ---- right to left: the bidi algorithm per line, Arabic letters joined ----
B=tests/fixtures/scripts-bidi
"$HB" -q --stats -o "$T/b.pdf" "$B" >"$T/stats" 2>"$T/err"
check "bidi: builds with no warning" test ! -s "$T/err"
check "bidi: the words check finds every word (logical order kept)" \
	bash -c "[ \"\$(sed -n 's/^words in: //p' '$T/stats')\" = \"\$(sed -n 's/^words out: //p' '$T/stats')\" ]"
pdftotext "$T/b.pdf" "$T/b.txt" 2>/dev/null
pdftotext -bbox "$T/b.pdf" "$T/bbox.html" 2>/dev/null
# x of each word as pdftotext -bbox gives it (a right-to-left word comes
# out as drawn, so it is read reversed); $1 line's first word, then words
cat >"$T/pos.py" <<'PY'
import re, sys
words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', open(sys.argv[1], encoding="utf-8").read())
def at(w, y=None):
    for x, yy, t in words:
        if (t == w or t[::-1] == w) and (y is None or abs(float(yy) - y) < 2):
            return float(x), float(yy)
    raise SystemExit("no word %r" % w)
def x(w, near):
    return at(w, at(near)[1])[0]
PY
check "bidi: two Hebrew words in an English line read right to left (עולם left of שלום)" python3 - "$T/bbox.html" <<'PY'
exec(open(__import__("os").environ["T"] + "/pos.py").read())
assert x("עולם", "greets") < x("שלום", "greets") < x("before", "greets"), (x("עולם", "greets"), x("שלום", "greets"))
assert x("with", "greets") < x("עולם", "greets")
PY
check "bidi: English words in a Hebrew line read left to right, placed by the bidi rules" python3 - "$T/bbox.html" <<'PY'
exec(open(__import__("os").environ["T"] + "/pos.py").read())
assert x("big", "big") < x("world", "big") < x("שלום", "big"), (x("big", "big"), x("world", "big"), x("שלום", "big"))
assert x("עולם", "big") < x("big", "big"), (x("עולם", "big"), x("big", "big"))
PY
check "bidi: the link area moves with its words" python3 - "$T/b.pdf" "$T/bbox.html" <<'PY'
import re, subprocess, sys
exec(open(__import__("os").environ["T"] + "/pos.py").read().replace("sys.argv[1]", "sys.argv[2]"))
q = sys.argv[1] + ".qdf"
subprocess.run(["qpdf", "--qdf", "--object-streams=disable", sys.argv[1], q], check=True)
qdf = open(q, "rb").read()
rects = [list(map(float, m.groups())) for m in re.finditer(rb"/Rect \[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", qdf)]
lo, hi = x("קישור", "big"), x("ארוך", "big")
a, b = min(lo, hi), max(lo, hi)
assert any(r[0] <= a + 1 and r[2] >= b + 5 and r[2] - r[0] < 80 for r in rects), (a, b, rects)
PY
check "arabic: the letters are drawn joined (initial meem U+FEE3 in the laid-out text)" \
	bash -c "'$HB' --dump '$B' 2>/dev/null | grep -q \"$(printf '\uFEE3')\""
check "arabic: pdftotext reads the letters back (/ToUnicode of the joining forms)" grep -q 'مرحبا بالعالم' "$T/b.txt"
check "arabic: lam-alef ligature reads back as two letters" grep -q 'التشغيل' "$T/b.txt"
check "arabic: the Arabic paragraph starts at the right margin" python3 - "$T/bbox.html" <<'PY'
exec(open(__import__("os").environ["T"] + "/pos.py").read())
assert x("and", "more.") < x("مرحبا", "more.") and x("بالعالم", "more.") < x("مرحبا", "more."), (x("and", "more."), x("مرحبا", "more."))
PY

# ---- the index in the language's collation, with its letter groups ----
# ixbook LANG TEXT TERMS: a one-level book in $T/ix-LANG whose index holds
# TERMS (one a line), all in TEXT; its index page's text into $T/ix.txt
ixbook() {
	local d="$T/ix-$1"
	rm -rf "$d"; mkdir -p "$d"
	printf -- '---\nlang: %s\n---\n# Ladder\n\nThe levels of the team.\n\n- [L1: Engineer](L1-Engineer.md)\n' "$1" >"$d/README.md"
	printf '# L1: Engineer\n\n## Overview\n\n%s\n' "$2" >"$d/L1-Engineer.md"
	printf '%s\n' "$3" >"$d/index-terms.txt"
	"$HB" -q -o "$T/ix.pdf" "$d" 2>"$T/err"
	# the index is the last page: its left column, then its right one
	local n; n=$(pdfinfo "$T/ix.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	{ pdftotext -f "$n" -l "$n" -x 0 -y 0 -W 298 -H 842 "$T/ix.pdf" - &&
	  pdftotext -f "$n" -l "$n" -x 298 -y 0 -W 298 -H 842 "$T/ix.pdf" -; } >"$T/ix.txt" 2>/dev/null
}
# inorder WORD...: each word's first line in $T/ix.txt (a heading, or an
# entry "WORD, pages") is after the one before
inorder() {
	local prev=0 l
	for w in "$@"; do
		l=$(awk -v w="$w" '$0 == w || index($0, w ",") == 1 { print NR; exit }' "$T/ix.txt")
		[ -n "$l" ] && [ "$l" -gt "$prev" ] || { echo "$w at ${l:-nowhere}, after line $prev"; cat "$T/ix.txt"; return 1; }
		prev=$l
	done
}
ixbook ru "Ель и ёлка, Жук и Яблоко, Авто и Эхо растут. Ещё раз: Ель, ёлка, Жук, Яблоко, Авто, Эхо." \
	"$(printf 'Яблоко\nёлка\nЕль\nЖук\nАвто\nЭхо')" "Предметный указатель"
check "index ru: Cyrillic in the alphabet's order, Ё with Е (groups А Е Ж Э Я)" \
	inorder "А" "Авто" "Е" "ёлка" "Ель" "Ж" "Жук" "Э" "Эхо" "Я" "Яблоко"
check "index ru: no \"Прочее\" (other scripts) group" bash -c "! grep -q 'Прочее' '$T/ix.txt'"
ixbook el "Η άλφα, η αυτονομία, το Βήτα και το Ωμέγα. Ξανά: άλφα, αυτονομία, Βήτα, Ωμέγα." \
	"$(printf 'Ωμέγα\nάλφα\nΒήτα\nαυτονομία')" "Ευρετήριο"
check "index el: Greek in its order, accents secondary (groups Α Β Ω)" \
	inorder "Α" "άλφα" "αυτονομία" "Β" "Βήτα" "Ω" "Ωμέγα"
ixbook ja "「さくら」と「カタログ」と「あいさつ」と「技術」と「がっこう」。" \
	"$(printf 'カタログ\nさくら\n技術\nあいさつ\nがっこう')" "索引"
check "index ja: kana in gojuon order, katakana with hiragana, rows あ か さ, kanji last" \
	inorder "あ" "あいさつ" "か" "カタログ" "さ" "さくら" "漢字" "技術"
check "index ja: がっこう under か" bash -c "awk '/^ *か *\$/{g=1} /^ *さ *\$/{g=0} g' '$T/ix.txt' | grep -q 'がっこう'"
ixbook de "Der Ärger über den Apfel, das Öl im Ofen und das Zebra. Noch einmal: Ärger, Apfel, Öl, Ofen, Zebra." \
	"$(printf 'Zebra\nÖl\nOfen\nÄrger\nApfel')" "Register"
check "index de: Ä with A, Ö with O" inorder "A" "Apfel" "Ärger" "O" "Ofen" "Öl" "Z" "Zebra"
rm -rf "$T/am"; cp -r "$B" "$T/am"
printf '\nكتاب\U0001FAE8 here.\n' >>"$T/am/L1-Platform-Engineer.md"
l=$(wc -l <"$T/am/L1-Platform-Engineer.md")
"$HB" -q -o "$T/am.pdf" "$T/am" 2>"$T/err"
check "arabic: a missing character inside a joined word is warned at its line, with no bogus column" \
	grep -q "L1-Platform-Engineer.md:$l: warning: character U+1FAE8" "$T/err"

# ---- start-up: ICU and fontconfig are opened only for text that needs them ----
# (LD_DEBUG=files: glibc's loader names every library it opens, dlopen too)
LD_DEBUG=files "$HB" -q -o "$T/en.pdf" content 2>"$T/ld" >/dev/null
check "English book: libicuuc, libicui18n and libfontconfig never opened" \
	bash -c "grep -q 'file=libhpdf' '$T/ld' && ! grep -qE 'file=lib(icuuc|icui18n|fontconfig)' '$T/ld'"
LD_DEBUG=files "$HB" -q -o "$T/ja.pdf" tests/fixtures/lang-ja 2>"$T/ld" >/dev/null
check "Japanese book: ICU (line breaks) and fontconfig (the CJK face) opened" \
	bash -c "grep -qE 'file=libicuuc' '$T/ld' && grep -qE 'file=libfontconfig' '$T/ld'"
LD_DEBUG=files "$HB" -q -o "$T/ix.pdf" "$T/ix-ru" 2>"$T/ld" >/dev/null
check "Russian index: the collator's library opened" grep -qE 'file=libicui18n' "$T/ld"

finish scripts
