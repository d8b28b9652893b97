#!/usr/bin/env bash
# Nothing lost, ever (issue 20): for every fixture, every fuzz regression
# input and a generated stress set (tests/e2e/textloss-gen.py), the words
# of the source are in the PDF in order, or the run warned where they were
# left out (tests/e2e/oracle.py states the rule); --stats reports the same
# counts from the program's own check (src/words.c).
# Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"
MDW=$(dirname "$HB")/mdwords
ORACLE="python3 tests/e2e/oracle.py $MDW"

# built NAME DIR [OPTIONS]: builds DIR; the program's own check (words.c)
# found no unwarned loss
built() {
	local name=$1 dir=$2; shift 2
	"$HB" -q --stats "$@" -o "$T/o.pdf" "$dir" >"$T/stats" 2>"$T/err"
	local rc=$?
	check "$name: builds" test $rc -eq 0
	check "$name: the program's check found no unwarned loss" \
		bash -c "grep -q '^words in: ' '$T/stats' && ! grep -q 'unwarned' '$T/stats' && ! grep -q 'text left out of the PDF' '$T/err'"
}
# oracle NAME DIR: built, then the words in the PDF (pdftotext), and the
# program's count agrees with the oracle's
oracle() {
	built "$@"
	$ORACLE "$2" "$T/o.pdf" "$T/err" >"$T/oracle" 2>&1
	local rc=$? n; n=$(sed -n 's/^oracle: \([0-9]*\) words.*/\1/p' "$T/oracle")
	if [ $rc -eq 0 ]; then ok "$1: every word in the PDF or warned"; else bad "$1: every word in the PDF or warned" "$(head -c 800 "$T/oracle")"; fi
	check "$1: --stats words in agrees (${n:-none})" grep -qx "words in: ${n:-none}" "$T/stats"
}

# ---- the oracle itself fails on a word that is not in the PDF ----
rm -rf "$T/neg"; cp -r tests/fixtures/six-levels "$T/neg"
"$HB" -q -o "$T/neg.pdf" "$T/neg" 2>"$T/neg.err"
printf '\nZyxwvq Qwvxyz are words the PDF never saw.\n' >>"$T/neg/L2-Platform-Engineer.md"
check "oracle: a word missing from the PDF fails it" bash -c "! $ORACLE '$T/neg' '$T/neg.pdf' '$T/neg.err' >'$T/negout'"
check "oracle: the failure names file and word" grep -q 'L2-Platform-Engineer.md:[0-9]*: zyxwvq' "$T/negout"
printf '%s:%s: warning: left out on purpose\n' "$T/neg/L2-Platform-Engineer.md" \
	"$(grep -n Zyxwvq "$T/neg/L2-Platform-Engineer.md" | cut -d: -f1)" >>"$T/neg.err"
check "oracle: a warning at the place excuses it" $ORACLE "$T/neg" "$T/neg.pdf" "$T/neg.err"

# ---- every fixture, the sample content, each edition ----
for f in tests/fixtures/*/ content/; do
	oracle "fixture ${f%/}" "$f"
done
built "content --role" content/ --role L3
built "content --review" content/ --review L2

# ---- every fuzz regression input and seed, wrapped as hostile.sh does ----
for f in tests/fuzz/regress/*.md tests/fuzz/corpus/*; do
	rm -rf "$T/fz"; mkdir -p "$T/fz"
	printf '# Fuzz Handbook\n\nThe team at Fuzz.\n\n- [L1: Fuzz](./L1-Fuzz.md)\n' >"$T/fz/README.md"
	cp "$f" "$T/fz/L1-Fuzz.md"
	oracle "fuzz regression $(basename "$f")" "$T/fz"
done

# ---- the stress set: words of 1 KB ... 2 MB, every element, every script ----
python3 tests/e2e/textloss-gen.py "$T/gen"
oracle "stress: long words" "$T/gen/long"
check "stress: long words: every word warned as broken, none left out" \
	bash -c "grep -q 'broken between letters' '$T/err' && grep -qx 'words left out (warned): 0' '$T/stats'"
check "stress: long words: no line overflows the margin" grep -qx 'overfull lines: 0' "$T/stats"
oracle "stress: every element" "$T/gen/elements"
check "stress: every element: uncovered characters are the warned words" \
	bash -c "grep -q 'U+1FAE8.* in none of the bundled or installed fonts' '$T/err' && ! grep -qx 'words left out (warned): 0' '$T/stats'"

finish textloss
