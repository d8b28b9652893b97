#!/usr/bin/env bash
# Every language and script (issue 15): the language from --lang or the
# README's front matter, BCP 47 tags mapped to Debian's pattern files (8-bit
# ones converted), a missing one naming its package; each fixture
# tests/fixtures/lang-* builds with no U+FFFD, its words in the PDF, no
# overfull line, and hyphenated lines where the language hyphenates.
# Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"
export SOURCE_DATE_EPOCH=1796083200 # 2026-12-01: the edition line the checks read
MDW=$(dirname "$HB")/mdwords
FFFD=$(printf '\xef\xbf\xbd')

# stat NAME: the value of --stats line NAME in $T/stats
stat() { sed -n "s/^$1: //p" "$T/stats"; }

# book NAME DIR [OPTIONS]: builds DIR into $T/o.pdf with --stats; checks it
# built, no U+FFFD in the text, no overfull line, the words all there (the
# oracle of tests/e2e/oracle.py, at least 99.5 % found)
book() {
	local name=$1 dir=$2; shift 2
	"$HB" --stats "$@" -o "$T/o.pdf" "$dir" >"$T/stats" 2>"$T/err"
	check "$name: builds" test $? -eq 0
	pdftotext "$T/o.pdf" "$T/o.txt" 2>/dev/null
	check "$name: no U+FFFD in the text" bash -c "! grep -q '$FFFD' '$T/o.txt'"
	check "$name: no U+FFFD warning" bash -c "! grep -q 'U+FFFD\|shown as $FFFD' '$T/err'"
	check "$name: 0 overfull lines" test "$(stat 'overfull lines')" = 0
	python3 tests/e2e/oracle.py "$MDW" "$dir" "$T/o.pdf" "$T/err" >"$T/oracle" 2>&1
	local words found
	words=$(sed -n 's/^oracle: \([0-9]*\) words, \([0-9]*\) found.*/\1/p' "$T/oracle")
	found=$(sed -n 's/^oracle: \([0-9]*\) words, \([0-9]*\) found.*/\2/p' "$T/oracle")
	check "$name: >= 99.5% of ${words:-?} source words in the PDF (${found:-?})" \
		test -n "$words" -a "${found:-0}" -ge 1 -a $((${found:-0} * 1000)) -ge $((${words:-1} * 995))
}

# ---- hyphenation: the language from the README, --lang, BCP 47 tags ----
book "ru (lang: ru in the README)" tests/fixtures/lang-ru
check "ru: hyphenated lines (KOI8-R patterns converted)" test "$(stat 'hyphenated lines')" -ge 3
check "ru: no warning" test ! -s "$T/err"
for tag in ru ru-RU ru_ru RU; do
	"$HB" -q --stats --lang "$tag" -o "$T/t.pdf" tests/fixtures/lang-ru >"$T/stats" 2>"$T/err"
	check "--lang $tag: Russian hyphenated" test "$(stat 'hyphenated lines')" -ge 3
done
book "de (lang: de in the README)" tests/fixtures/lang-de
check "de: hyphenated lines (ISO8859-1 patterns)" test "$(stat 'hyphenated lines')" -ge 3

# without a language the Russian text is not hyphenated (English patterns):
# the front matter is what made the difference
rm -rf "$T/ru"; cp -r tests/fixtures/lang-ru "$T/ru"
sed -i '/^lang: ru$/d' "$T/ru/README.md"
"$HB" -q --stats -o "$T/t.pdf" "$T/ru" >"$T/stats" 2>"$T/err"
check "ru without lang: no hyphenated line" test "$(stat 'hyphenated lines')" = 0
# --lang wins over the front matter
"$HB" -q --stats --lang en-US -o "$T/t.pdf" tests/fixtures/lang-ru >"$T/stats" 2>"$T/err"
check "--lang en-US over lang: ru: no hyphenated line" test "$(stat 'hyphenated lines')" = 0

# a language whose patterns are not installed names the Debian package
"$HB" -q --lang it -o "$T/t.pdf" tests/fixtures/lang-de 2>"$T/err"
check "--lang it (not installed): still builds" test $? -eq 0
check "--lang it: warning names hyphen-it" grep -q 'no hyphenation patterns for it are installed.*hyphen-it.*HB750' "$T/err"
"$HB" -q --lang pt-BR -o "$T/t.pdf" tests/fixtures/lang-de 2>"$T/err"
check "--lang pt-BR: names hyphen-pt-br when missing, else quiet" \
	bash -c "test -e /usr/share/hyphen/hyph_pt_BR.dic && ! test -s '$T/err' || grep -q 'hyphen-pt-br' '$T/err'"
"$HB" -q --lang xq -o "$T/t.pdf" tests/fixtures/lang-de 2>"$T/err"
check "--lang xq: no package has it" grep -q 'no Debian package has them.*HB751' "$T/err"
"$HB" -q --lang ja -o "$T/t.pdf" tests/fixtures/lang-de 2>"$T/err"
check "--lang ja: no warning (not hyphenated)" test ! -s "$T/err"
# in the front matter: the warning names README.md and its line
sed -i 's/^lang: ru$/lang: it/' "$T/ru/README.md" 2>/dev/null
rm -rf "$T/it"; cp -r tests/fixtures/lang-ru "$T/it"; sed -i 's/^lang: ru$/lang: it/' "$T/it/README.md"
"$HB" -q -o "$T/t.pdf" "$T/it" 2>"$T/err"
check "lang: it in the README: warning at README.md:2" grep -q "README.md:2: warning: no hyphenation patterns for it.*hyphen-it" "$T/err"
sed -i 's/^lang: it$/lang: ..\/etc/' "$T/it/README.md"
"$HB" -q -o "$T/t.pdf" "$T/it" 2>"$T/err"
check "lang: ../etc in the README: warned as no tag" grep -q "README.md:2: warning: front matter: lang '../etc' is not a language tag.*HB752" "$T/err"
"$HB" -q --lang ../../etc/passwd -o "$T/t.pdf" tests/fixtures/lang-de 2>"$T/err"
check "--lang ../../etc/passwd: usage error (exit 2)" test $? -eq 2

# ---- fonts for every script: installed faces found through fontconfig ----
book "ja (lang: ja)" tests/fixtures/lang-ja
check "ja: the CJK face is embedded as a subset" bash -c "pdffonts '$T/o.pdf' | grep -q '+DroidSansFallback.*CID TrueType.*yes yes yes'"
check "ja: no warning" test ! -s "$T/err"
# UAX #14 (ICU): lines break between ideographs, and no space is invented
check "ja: no space between two CJK characters in the text" \
	bash -c "! grep -qP '[\x{3040}-\x{9FFF}] +[\x{3040}-\x{9FFF}]' '$T/o.txt'"
check "ja: a paragraph breaks over lines (several lines of CJK)" \
	bash -c "[ \$(grep -cP '^[\x{3040}-\x{9FFF}、。]{20,}$' '$T/o.txt') -ge 5 ]"
check "ja: kinsoku: no line starts with 、 or 。" bash -c "! grep -qP '^[、。]' '$T/o.txt'"
# a 20-page Japanese book embeds subsets only
rm -rf "$T/ja20"; cp -r tests/fixtures/lang-ja "$T/ja20"
for i in $(seq 18); do sed -n '/^## 概要/,/^## 技術力/p' tests/fixtures/lang-ja/L1-エンジニア.md | sed '$d' | sed "s/^## 概要/## 概要 $i/" >>"$T/ja20/L1-エンジニア.md"; cat tests/fixtures/lang-ja/L2-シニアエンジニア.md | sed '1d' | sed "s/^## /## $i /" >>"$T/ja20/L2-シニアエンジニア.md"; done
"$HB" -q --stats -o "$T/ja20.pdf" "$T/ja20" >"$T/stats" 2>"$T/err"
pages=$(stat pages); size=$(wc -c <"$T/ja20.pdf")
check "ja: a book of >= 20 pages ($pages) is under 400 KB ($size B)" test "$pages" -ge 20 -a "$size" -lt 409600
# a character no face has (beyond the BMP) is still warned
rm -rf "$T/emo"; cp -r tests/fixtures/lang-ja "$T/emo"; printf '\n\U0001FAE8 emoji\n' >>"$T/emo/L1-エンジニア.md"
"$HB" -q -o "$T/t.pdf" "$T/emo" 2>"$T/err"
check "a character in no font: warned with its code" grep -q 'U+1FAE8 is in none of the bundled or installed fonts' "$T/err"

# ---- Greek: ISO8859-7 patterns; Hebrew: right to left ----
book "el (lang: el)" tests/fixtures/lang-el
check "el: hyphenated lines (ISO8859-7 patterns converted)" test "$(stat 'hyphenated lines')" -ge 3
check "el: no warning" test ! -s "$T/err"
book "he (lang: he)" tests/fixtures/lang-he
check "he: no warning (Hebrew is not hyphenated)" test ! -s "$T/err"
check "he: the program's own words check finds every word (logical order kept)" \
	bash -c "[ \"\$(stat 'words in')\" = \"\$(stat 'words out')\" ]"
# right to left: the paragraph's first word is at the right margin, drawn
# in visual order (pdftotext reads it back in logical order)
pdftotext -bbox -f 5 -l 5 "$T/o.pdf" "$T/bbox.html" 2>/dev/null
check "he: the first word of a right-to-left paragraph is right of the second" python3 - "$T/bbox.html" <<'PY'
import re, sys
words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', open(sys.argv[1], encoding="utf-8").read())
pos = {w[::-1]: float(x) for x, y, w in words} # -bbox gives each word as drawn (visual)
assert "אנחנו" in pos and "רוצים" in pos, sorted(pos)[:20]
assert pos["אנחנו"] > pos["רוצים"] + 10, (pos["אנחנו"], pos["רוצים"])
PY
check "he: a Hebrew word reads in logical order from the PDF" grep -q 'אנחנו רוצים' "$T/o.txt"

# ---- the book's own words in its language (src/messages.c) ----
# heads NAME DIR WORD...: each word is in the PDF's text and "Contents" is not
heads() {
	local name=$1 dir=$2; shift 2
	"$HB" -q -o "$T/h.pdf" "$dir" 2>/dev/null; pdftotext "$T/h.pdf" "$T/h.txt" 2>/dev/null
	for w in "$@"; do check "$name: localised \"$w\"" grep -qF "$w" "$T/h.txt"; done
	check "$name: no English heading left" \
		bash -c "! grep -qE '^.?(Contents|Index|Career journey|Levels at a glance)$' '$T/h.txt'"
}
heads de tests/fixtures/lang-de "Inhalt" "Karriereweg" "Register" "Ausgabe vom 1. Dezember 2026"
heads ru tests/fixtures/lang-ru "Содержание" "Карьерный путь" "Предметный указатель" "Издание от 1 декабря 2026"
heads ja tests/fixtures/lang-ja "目次" "キャリアの道筋" "索引" "2026年12月1日版"
heads el tests/fixtures/lang-el "Περιεχόμενα" "Πορεία σταδιοδρομίας" "Ευρετήριο" "Έκδοση 1 Δεκεμβρίου 2026"
# pdftotext wraps right-to-left lines in RLE/PDF marks and the digits in LRE: the words are checked
heads he tests/fixtures/lang-he "תוכן העניינים" "מסלול הקריירה" "מפתח" "מהדורה מיום" "בדצמבר"
"$HB" -q --lang fr -o "$T/h.pdf" tests/fixtures/lang-de 2>/dev/null; pdftotext "$T/h.pdf" "$T/h.txt"
check "--lang fr: French headings" bash -c "grep -qF 'Sommaire' '$T/h.txt' && grep -qF 'Édition du 1er décembre 2026' '$T/h.txt'"
"$HB" -q --review L2 -o "$T/r.pdf" tests/fixtures/lang-de 2>/dev/null; pdftotext "$T/r.pdf" "$T/r.txt"
for w in Arbeitsblatt "Noch nicht" Manchmal Durchgehend Unterschrift "Was sich ändert" "Vereinbarte nächste Schritte"; do
	check "de review packet: \"$w\"" grep -qF "$w" "$T/r.txt"
done

# ---- GitHub's anchors in every script ----
rm -rf "$T/an"; cp -r tests/fixtures/lang-ru "$T/an"
cat >>"$T/an/L1-Инженер.md" <<'MD'

## Ωmega Σ

## — Delivery

См. [описание](#краткое-описание), [омега](#ωmega-σ), [доставка](#-delivery) и [ОБЗОР](#Краткое-Описание).
MD
"$HB" -q -o "$T/an.pdf" "$T/an" 2>"$T/err"
check "anchors: #краткое-описание, #ωmega-σ and #-delivery resolve" bash -c "! grep -q 'no such heading' '$T/err'"
printf '\nСм. [нет](#нет-такого).\n' >>"$T/an/L1-Инженер.md"
"$HB" -q -o "$T/an.pdf" "$T/an" 2>"$T/err"
check "anchors: a missing Cyrillic anchor is still reported" grep -q 'link to #нет-такого: no such heading' "$T/err"

finish lang
