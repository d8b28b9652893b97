#!/usr/bin/env bash
# allroles.sh: --all-roles and --all-reviews made by forked workers (--jobs)
# give the same files, messages and summary as made in one process.
. "$(dirname "$0")/lib/harness.sh"

# 12 roles: two tracks of our own content under other names, enough for 3 workers
fixture
for f in "$T"/c/L*.md; do
	b=$(basename "$f" .md)
	sed "1s/^# \(.*\)/# \1 (Platform)/" "$f" >"$T/c/$b-Platform.md"
	printf -- '- [%s (Platform)](%s-Platform.md)\n' "$b" "$b" >>"$T/c/README.md"
done
printf '\n<div>Raw words</div>\n' >>"$T/c/README.md" # a warning for every role's edition
n=$(ls "$T"/c/L*.md | wc -l)
# in a repository, so that every edition shows the version one child reads for all
git -C "$T/c" init -q && git -C "$T/c" add . &&
	git -C "$T/c" -c user.email=t@example.com -c user.name=t commit -qm fixture

for ed in all-roles all-reviews; do
	"$HB" --date 2026-01-15 --jobs 1 --$ed "$T/one-$ed" "$T/c" >"$T/one.out" 2>"$T/one.err"; r1=$?
	"$HB" --date 2026-01-15 --jobs 3 --$ed "$T/three-$ed" "$T/c" >"$T/three.out" 2>"$T/three.err"; r3=$?
	check "--$ed: exit 0 in one process and in three" test "$r1$r3" = 00
	check "--$ed: one PDF per role ($n)" test "$(ls "$T/three-$ed" | wc -l)" -eq "$n"
	same=1
	for f in "$T/one-$ed"/*.pdf; do
		cmp -s "$f" "$T/three-$ed/$(basename "$f")" || same=0
	done
	check "--$ed: every PDF byte for byte the same in three processes" test "$same" = 1
	nv=0
	for f in "$T/three-$ed"/*.pdf; do
		pdftotext -l 1 "$f" - | grep -q '^Version [0-9a-f]' && nv=$((nv + 1))
	done
	check "--$ed: every role's title page shows the content's version ($nv of $n)" test "$nv" -eq "$n"
	check "--$ed: the same messages, once each, in the same order" cmp "$T/one.err" "$T/three.err"
	check "--$ed: the README's warning reported once, not once per role" \
		test "$(grep -c 'raw HTML' "$T/three.err")" -eq 1
	sed 's/, [0-9]* ms$//; s|/one-|/X-|' "$T/one.out" >"$T/one.s"
	sed 's/, [0-9]* ms$//; s|/three-|/X-|' "$T/three.out" >"$T/three.s"
	check "--$ed: the same summary, role by role in order" cmp "$T/one.s" "$T/three.s"
done

check "--jobs refuses 0" sh -c '! "$0" --jobs 0 --all-roles "$1/x" "$1/c" 2>"$1/err" && grep -q "jobs takes" "$1/err"' "$HB" "$T"
check "--jobs refuses a word" sh -c '! "$0" --jobs many --all-roles "$1/x" "$1/c" 2>/dev/null' "$HB" "$T"

finish allroles
