#!/usr/bin/env bash
# Confinement (issue 12, item 1): every file read on the content's behalf
# resolves inside the content folder (Markdown, index-terms.txt) or inside
# the Git work tree holding it (images).  A symbolic link that leads out is
# an error naming the link, exit 1, no PDF, and nothing of its target on
# the terminal; the content, the fonts and the target stay as they were.
# Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"
L1=L1-Junior-DevOps-Support-Engineer.md
L2=L2-DevOps-Support-Engineer.md
SECRET=confine-decoy-7f3a9c1e       # in the decoy files outside the folder
TOKEN=tok-confine-5be21d0a          # in the environment of the runs only

# a small real PNG: what a leaked image would look like
png() { python3 - "$1" <<'PY'
import struct, sys, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
raw = b"".join(b"\0" + bytes((x * 5 + y) % 256 for x in range(24 * 3)) for y in range(16))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 24, 16, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
}
images() { pdfimages -list "$1" 2>/dev/null | tail -n +3 | awk '$3=="image"' | wc -l; }
# the text of a PDF, extracted once for each content (most runs here leave
# the same PDF), from tests/e2e/lib/textcopy's copy; kept in $T/cache, made
# before the first checksum of $T's names
mkdir "$T/cache"
text_of() {
	local k; k=$(sha1sum <"$1"); k=$T/cache/${k%% *}.txt
	[ -e "$k" ] || { tests/e2e/lib/textcopy "$1" "$T/cache/t.pdf" && pdftotext "$T/cache/t.pdf" "$k"; } 2>/dev/null
	cat "$k" 2>/dev/null
}

# the decoys: outside the content folder, each holding the secret
mkdir -p "$T/outside/sub" "$T/outside/env"
printf '# L2: Decoy Role\n\n%s in a level file.\n' "$SECRET" >"$T/outside/decoy.md"
printf '# L6: Decoy Sub\n\n%s in a subfolder.\n' "$SECRET" >"$T/outside/sub/L6-Sub.md"
ln -s /proc/self/environ "$T/outside/env/L6-Sub.md"
printf '%s\n%s | another\n' "$SECRET" "$SECRET-term" >"$T/outside/terms.txt"
png "$T/outside/decoy.png"

# checksums of what must never change: the content (files and links), the
# fonts, the decoys, and the names in $T (no stray PDF or temp file)
sums() {
	{ (cd "$T" && find -P c outside -printf '%p -> %l\n' | sort)
	  (cd "$T" && find -P c outside -type f -print0 | sort -z | xargs -0 sha256sum)
	  sha256sum fonts/*
	  ls -A "$T" | grep -v -e '^err$' -e '^out$' -e '^stdout$'; } | sha256sum
}

fixture
"$HB" -q --date 2026-01-15 -o "$T/good.pdf" "$T/c" 2>"$T/err"
check "setup: a good PDF" test -s "$T/good.pdf"

# hostile NAME ERROR-REGEX SECRET: a run that must fail cleanly
hostile() {
	local name=$1 want=$2 secret=$3 before rc
	cp "$T/good.pdf" "$T/keep.pdf"
	before=$(sums)
	SECRET_TOKEN=$TOKEN "$HB" -q --date 2026-01-15 -o "$T/keep.pdf" "$T/c" >"$T/stdout" 2>"$T/err"
	rc=$?
	check "$name: exit 1" test $rc -eq 1
	check "$name: FILE:LINE: error naming the link" grep -Eq "$want" "$T/err"
	check "$name: nothing of the target on the terminal" \
		bash -c "! grep -q -e '$secret' -e '$SECRET' -e '$TOKEN' '$T/err' '$T/stdout'"
	check "$name: the existing PDF is unchanged" cmp -s "$T/good.pdf" "$T/keep.pdf"
	text_of "$T/keep.pdf" >"$T/cache/keep.txt"
	check "$name: nothing of the target in the PDF" \
		bash -c "! grep -q -e '$SECRET' -e '$TOKEN' '$T/cache/keep.txt'"
	check "$name: content, fonts and decoys unchanged, no file left" test "$before" = "$(sums)"
}

# ---- a listed level file that is a link out ----
for target in decoy environ; do
	fixture
	rm "$T/c/$L2"
	if [ $target = decoy ]; then ln -s ../outside/decoy.md "$T/c/$L2"; s=$SECRET
	else ln -s /proc/self/environ "$T/c/$L2"; s=$TOKEN; fi
	n=$(grep -n "$L2" "$T/c/README.md" | head -1 | cut -d: -f1)
	hostile "listed level -> $target" \
		"c/README.md:$n: error: level link \./$L2 leads outside the content folder through the symbolic link $L2; not read" "$s"
done

# ---- the README itself ----
fixture
cp "$T/c/README.md" "$T/outside/readme.md" && printf '\n%s\n' "$SECRET" >>"$T/outside/readme.md"
rm "$T/c/README.md" && ln -s ../outside/readme.md "$T/c/README.md"
hostile "README -> decoy" "c/README\.md: error: README\.md leads outside the content folder through the symbolic link README\.md" "$SECRET"

# ---- an unlisted L*.md that is a link out (named: it has no referencing line) ----
for target in decoy environ; do
	fixture
	if [ $target = decoy ]; then ln -s ../outside/decoy.md "$T/c/L9-Extra.md"; s=$SECRET
	else ln -s /proc/self/environ "$T/c/L9-Extra.md"; s=$TOKEN; fi
	hostile "unlisted level -> $target" \
		"c/L9-Extra\.md: error: L9-Extra\.md leads outside the content folder through the symbolic link L9-Extra\.md" "$s"
done

# ---- an image that is a link out ----
for target in decoy environ; do
	fixture
	if [ $target = decoy ]; then ln -s ../outside/decoy.png "$T/c/chart.png"; s=$SECRET
	else ln -s /proc/self/environ "$T/c/chart.png"; s=$TOKEN; fi
	printf '\n## Chart\n\n![The chart](chart.png)\n' >>"$T/c/$L1"
	n=$(wc -l <"$T/c/$L1")
	hostile "image -> $target" \
		"c/$L1:$n(:[0-9]+)?: error: image chart\.png leads outside the content folder through the symbolic link chart\.png; not read" "$s"
done

# ---- a subfolder that is a link out, holding a listed level ----
for target in decoy environ; do
	fixture
	if [ $target = decoy ]; then ln -s ../outside/sub "$T/c/sub"; s=$SECRET
	else ln -s ../outside/env "$T/c/sub"; s=$TOKEN; fi
	printf -- '\n- [L6: Sub](./sub/L6-Sub.md)\n' >>"$T/c/README.md"
	n=$(wc -l <"$T/c/README.md")
	hostile "subfolder -> $target" \
		"c/README.md:$n: error: level link \./sub/L6-Sub\.md leads outside the content folder through the symbolic link sub; not read" "$s"
done

# ---- index-terms.txt that is a link out: not one line echoed ----
for target in decoy environ; do
	fixture
	rm "$T/c/index-terms.txt"
	if [ $target = decoy ]; then ln -s ../outside/terms.txt "$T/c/index-terms.txt"; s=$SECRET
	else ln -s /proc/self/environ "$T/c/index-terms.txt"; s=$TOKEN; fi
	hostile "index-terms.txt -> $target" \
		"c/index-terms\.txt: error: index-terms\.txt leads outside the content folder through the symbolic link index-terms\.txt; not read" "$s"
done

# ---- links that stay inside are followed ----
fixture
mkdir -p "$T/c/levels" "$T/c/pics" "$T/c/img"
mv "$T/c/$L2" "$T/c/levels/$L2"
ln -s levels/$L2 "$T/c/$L2"
png "$T/c/pics/real.png"
ln -s ../pics/real.png "$T/c/img/alias.png"
printf '\n## Inside\n\n![Inside](img/alias.png)\n' >>"$T/c/$L1"
"$HB" -q -o "$T/in.pdf" "$T/c" >/dev/null 2>"$T/err"
rc=$?
check "links inside the folder: PDF made, no error" bash -c "[ $rc -eq 0 ] && ! grep -q error '$T/err'"
check "links inside the folder: the linked level is in the book" \
	bash -c "pdftotext '$T/in.pdf' - | grep -q '^L2: DevOps Support Engineer'"
check "links inside the folder: the linked image is drawn" test "$(images "$T/in.pdf")" -eq 1

# ---- images beside the folder in its Git work tree ----
rm -rf "$T/repo" && mkdir -p "$T/repo/charts"
git init -q "$T/repo"
cp -r content "$T/repo/docs"
png "$T/repo/charts/chart.png"
ln -s ../charts/chart.png "$T/repo/docs/alias.png"           # a link that stays in the tree
printf '\n## Charts\n\n![Chart](../charts/chart.png)\n\n![Alias](alias.png)\n' >>"$T/repo/docs/$L1"
"$HB" -q -o "$T/repo.pdf" "$T/repo/docs" >/dev/null 2>"$T/err"
rc=$?
check "git tree: ../charts image and a link to it drawn" \
	bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] && [ \$(pdfimages -list '$T/repo.pdf' | tail -n +3 | awk '\$3==\"image\"' | wc -l) -eq 2 ]"

cp "$T/repo/docs/$L1" "$T/l1.bak"
png "$T/outside.png"
printf '\n![Out](../../outside.png)\n' >>"$T/repo/docs/$L1"
n=$(wc -l <"$T/repo/docs/$L1")
"$HB" -q -o "$T/repo2.pdf" "$T/repo/docs" >/dev/null 2>"$T/err"
rc=$?
check "git tree: ../.. leaving the repository refused with the line" \
	grep -q "docs/$L1:$n\(:[0-9]*\)\?: warning: image \.\./\.\./outside\.png is outside the Git work tree" "$T/err"
check "git tree: ../.. not drawn" bash -c "[ $rc -eq 0 ] && [ \$(pdfimages -list '$T/repo2.pdf' | tail -n +3 | awk '\$3==\"image\"' | wc -l) -eq 2 ]"

cp "$T/l1.bak" "$T/repo/docs/$L1"
ln -s ../../outside.png "$T/repo/charts/evil.png"
printf '\n![Evil](../charts/evil.png)\n' >>"$T/repo/docs/$L1"
n=$(wc -l <"$T/repo/docs/$L1")
cp "$T/repo.pdf" "$T/keep2.pdf"
"$HB" -q -o "$T/keep2.pdf" "$T/repo/docs" >/dev/null 2>"$T/err"
rc=$?
check "git tree: a link in the tree leading out is an error, old PDF kept" \
	bash -c "[ $rc -eq 1 ] && grep -q 'docs/$L1:$n\(:[0-9]*\)\?: error: image \.\./charts/evil\.png leads outside the Git work tree through the symbolic link charts/evil\.png' '$T/err' && cmp -s '$T/repo.pdf' '$T/keep2.pdf'"

# without a .git the folder is the limit, as before
rm -rf "$T/repo/.git" "$T/repo/charts/evil.png"
cp "$T/l1.bak" "$T/repo/docs/$L1"
"$HB" -q -o "$T/repo3.pdf" "$T/repo/docs" >/dev/null 2>"$T/err"
rc=$?
check "no git tree: ../charts refused, the link to it is an error" \
	bash -c "[ $rc -eq 1 ] && grep -q 'warning: image \.\./charts/chart\.png is outside the content folder' '$T/err' && grep -q 'error: image alias\.png leads outside the content folder through the symbolic link alias\.png' '$T/err'"

finish hostile-confine
