#!/usr/bin/env bash
# Page-number references, settled by one loop (src/settle.c): every number
# printed in a link (contents, levels at a glance, career journey, index)
# names the page its destination is on, read from --dump by pagenums.py, in
# a book whose contents and glance run over several pages, so that both
# move the numbers after them; and the body's chapters are paginated once
# (--stats).
. "$(dirname "$0")/lib/harness.sh"

# six levels, twelve competencies each: three pages of contents, four of glance
C=$T/c
cp -r tests/fixtures/six-levels "$C"
for f in "$C"/L*.md; do
	for k in $(seq 1 12); do
		printf '\n## Competency %d\n\nA paragraph about competency %d, long enough to take a line or two of text on the page so that the chapters run over several pages.\n\n- One expectation of this competency.\n- Another expectation.\n' "$k" "$k" >>"$f"
	done
done
# terms on every page: the index prints ranges ("5–9") as well as numbers
printf 'competency|competencies\nexpectation\nparagraph\n' >"$C/index-terms.txt"

i=0
while read -r opts; do
	i=$((i + 1))
	"$HB" --dump --date 2026-01-15 $opts "$C" >"$T/d$i.txt" 2>"$T/e$i.txt"
	check "page numbers name their destinations' pages: $opts" \
		bash -c "python3 tests/e2e/pagenums.py '$T/d$i.txt' >'$T/n$i.txt'"
	case $opts in
	--role* | --review*) # no index in a role's editions
		check "no index: $opts" bash -c "! grep -q '\"#index\"' '$T/d$i.txt'" ;;
	*) # the index is the settle loop's last part: its numbers and ranges are checked too
		check "the index's numbers and ranges name their destinations' pages: $opts" \
			grep -Eq ' [1-9][0-9]* in the index, [1-9][0-9]* ranges$' "$T/n$i.txt"
		check "every index number of a term names a page the term is on: $opts" \
			python3 tests/e2e/indexterms.py "$T/d$i.txt" "$C/index-terms.txt" ;;
	esac
	"$HB" -q --stats --date 2026-01-15 $opts -o "$T/s$i.pdf" "$C" >"$T/stats$i" 2>/dev/null
	check "the body's chapters are paginated once: $opts" grep -qx 'body paginations: 1' "$T/stats$i"
done <<EOF
--paper a4
--duplex
--paper letter
--role L3
--role L3 --duplex
--review L2
EOF
# the fixture does what it is for: the pages before the chapters move them
check "the contents run over several pages" grep -q '^page 4 folio iv ' "$T/d1.txt"
check "the glance runs over several pages, the chapters after it" \
	bash -c "grep -q '^page 9 folio 4 ' '$T/d1.txt' && grep -q '\"#levels-at-a-glance\"' '$T/d1.txt'"
check "the journey's boxes give the roles' pages" grep -q $'"p.\xc2\xa0[0-9][0-9]*"' "$T/d4.txt"
check "the default content: page numbers name their destinations' pages" \
	bash -c "'$HB' --dump --date 2026-01-15 content >'$T/dc.txt' && python3 tests/e2e/pagenums.py '$T/dc.txt'"
check "the default content: every index number of a term names a page the term is on" \
	python3 tests/e2e/indexterms.py "$T/dc.txt" content/index-terms.txt
check "the default content, duplex: every index number of a term names a page the term is on" \
	bash -c "'$HB' --dump --date 2026-01-15 --duplex content >'$T/dcd.txt' && python3 tests/e2e/indexterms.py '$T/dcd.txt' content/index-terms.txt"

# index terms are marked as each paragraph is set (index_mark), not read
# back off the pages: a term never runs from one table cell into the next
# (the read-back joined the cells of a row), and one in body text is
# indexed with its page
X=$T/x
cp -r tests/fixtures/six-levels "$X"
printf 'Zebra crossing\nmoonlight\n' >"$X/index-terms.txt"
cat >>"$X/L2-Platform-Engineer.md" <<'EOF'

## Habits

Some moonlight here.

| Animal | Road |
|---|---|
| zebra | crossing |
EOF
"$HB" --dump --date 2026-01-15 "$X" >"$T/x.txt" 2>"$T/x.err"
check "index: a term is not found across two table cells" \
	grep -q 'index term "Zebra crossing" never occurs' "$T/x.err"
check "index: a term in body text links to its page" bash -c \
	"grep -q '\"idx:0\"' '$T/x.txt' && grep -q '^text .* \"moonlight\"' '$T/x.txt' && python3 tests/e2e/pagenums.py '$T/x.txt'"

finish pageref
