#!/usr/bin/env bash
# Hostile and broken input: every case ends with a clear message naming the
# file (and line where there is one), the right exit status, bounded time
# and memory, and an existing PDF untouched when the run fails.
# Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"
# time limits are multiplied by this under sanitizers (make asan sets it)
SLOW=${HANDBOOK_SLOW:-1}
export SLOW
L1=L1-Junior-DevOps-Support-Engineer.md
keep() { printf 'good old pdf\n' >"$T/keep.pdf"; }
kept() { cmp -s "$T/keep.pdf" <(printf 'good old pdf\n'); }
# run: exit status in $rc, stderr in $T/err, CPU time in $T/time (s: user +
# system, not wall time, because make check runs the suites side by side on a
# shared machine), peak KB in $T/rss; GNU time measures (its last line: a
# python doing it cost 0.1 s a run)
run() {
	timeout -k 5 $((120 * SLOW)) /usr/bin/time -f '%U %S %M' -o "$T/rusage" "$@" >/dev/null 2>"$T/err"
	rc=$?
	local u s m; read -r u s m < <(tail -n 1 "$T/rusage")
	awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }' >"$T/time"; echo "${m:-0}" >"$T/rss" # none when timeout killed it: the check fails on rc, named
}
export T

# ---- files that are odd but readable: warnings at most, a PDF made ----
fixture; : >"$T/c/$L1"
run "$HB" -q -o "$T/o.pdf" "$T/c"
check "empty level file: PDF made, warning names the file" bash -c "[ $rc -eq 0 ] && grep -q '$L1: warning: no level-1 heading' '$T/err'"
fixture; printf '   \n\t\n  \n' >"$T/c/$L1"
run "$HB" -q -o "$T/o.pdf" "$T/c"
check "whitespace-only level file: PDF made" test $rc -eq 0
fixture; { printf '\xef\xbb\xbf'; cat content/$L1; } >"$T/c/x" && mv "$T/c/x" "$T/c/$L1"
run "$HB" -q -o "$T/o.pdf" "$T/c"
check "BOM: dropped silently, title intact" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] && pdftotext '$T/o.pdf' - | grep -q '^L1: Junior DevOps Support Engineer'"
fixture; sed 's/$/\r/' content/$L1 >"$T/c/$L1"
run "$HB" -q -o "$T/o.pdf" "$T/c"
check "CRLF line ends: same text as LF" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] && [ \"\$(pdftotext '$T/o.pdf' - | wc -w)\" -gt 3000 ]"
fixture; printf 'NUL \x00 here and a bell \x07 there.\n' >>"$T/c/$L1"; n=$(wc -l <"$T/c/$L1")
run "$HB" -q -o "$T/o.pdf" "$T/c"
check "NUL and control characters: warning with line, shown as U+FFFD" bash -c "[ $rc -eq 0 ] && grep -q '$L1:$n:5: warning: a NUL byte' '$T/err' && pdftotext '$T/o.pdf' - | grep -q 'NUL � here'"
fixture; printf -- '- [L3 again](./L3-Senior-DevOps-Support-Engineer.md)\n' >>"$T/c/README.md"; n=$(wc -l <"$T/c/README.md")
run "$HB" -q -o "$T/o.pdf" "$T/c"
check "a level linked twice: warning names the README line" bash -c "[ $rc -eq 0 ] && grep -q 'README.md:$n:3: warning: .*listed twice' '$T/err'"
fixture; printf -- '- [escape](../../etc/passwd.md)\n' >>"$T/c/README.md"; keep
run "$HB" -q -o "$T/keep.pdf" "$T/c"
check "a level link leading outside the folder: not a chapter, a warning, nothing of it read" bash -c "[ $rc -eq 0 ] && grep -q 'README.md:[0-9:]* warning: .*outside the content folder; it is not a chapter' '$T/err'"

# ---- images ----
fixture
python3 - "$T/c" <<'PY'
import struct, sys, zlib
d = sys.argv[1]
def png(path, w, h, depth, ctype, rows=None, truncate=False):
    ch = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    bpp = ch * depth // 8
    raw = b"".join(b"\0" + bytes((x * 7 + y * 3) % 256 for x in range(w * bpp)) for y in range(h))
    def chunk(t, data): return struct.pack(">I", len(data)) + t + data + struct.pack(">I", zlib.crc32(t + data))
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, 0))
    idat = zlib.compress(raw)
    if truncate: idat = idat[: len(idat) // 3]
    data += chunk(b"IDAT", idat) + (b"" if truncate else chunk(b"IEND", b""))
    open(path, "wb").write(data)
png(d + "/rgba8.png", 120, 80, 8, 6)
png(d + "/rgba16.png", 120, 80, 16, 6)
png(d + "/gray.png", 64, 64, 8, 0)
png(d + "/trunc.png", 120, 80, 8, 2, truncate=True)
# a header that claims 100000 x 100000 pixels
hdr = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 100000, 100000, 8, 6, 0, 0, 0)
open(d + "/huge.png", "wb").write(hdr + struct.pack(">I", zlib.crc32(hdr[12:])))
open(d + "/fake.png", "w").write("not an image at all")
# a minimal baseline JPEG header (SOF0 with size) is enough to be measured
PY
cp "$T/c/fake.png" "$T/c/fake.jpg"
{ printf '\n## Pictures\n\n![Alpha eight](rgba8.png)\n\n![Sixteen bit](rgba16.png)\n\n![Grey](gray.png)\n\n'
  printf '![Missing one](nothere.png)\n\n![Truncated](trunc.png)\n\n![Huge](huge.png)\n\n![Fake](fake.png)\n\n'
  printf '![Remote](https://example.com/x.png)\n\n![Outside](../../etc/x.png)\n'; } >>"$T/c/$L1"
run "$HB" -q -o "$T/img.pdf" "$T/c"
check "images: the PDF is made" test $rc -eq 0
check "images: 8-bit, 16-bit and grey PNGs embedded" bash -c "[ \$(pdfimages -list '$T/img.pdf' | tail -n +3 | awk '\$3==\"image\"' | wc -l) -eq 3 ]"
check "images: 16-bit converted to 8 bits with its alpha as a soft mask" bash -c "pdfimages -list '$T/img.pdf' | tail -n +3 | awk '\$3==\"smask\"' | grep -q ' 8 '"
check "images: soft masks compressed" bash -c "[ \$(stat -c %s '$T/img.pdf') -lt 200000 ]"
check "images: pages render without errors" bash -c "pdftoppm -r 20 -png '$T/img.pdf' '$T/r' 2>'$T/pp'; [ ! -s '$T/pp' ]"
for what in "nothere.png" "trunc.png" "huge.png" "fake.png" "https://example.com/x.png" "../../etc/x.png"; do
	check "image $what: warning with file and line" grep -q "$L1:[0-9]*:[0-9]*: warning: image $what" "$T/err"
done
check "images: alt text shown for those that cannot be drawn" bash -c "pdftotext '$T/img.pdf' - | grep -q 'Image: Missing one'"

# ---- pathological Markdown: bounded time and memory ----
fixture
python3 -c "
print('# L1: Deep\n')
print(''.join('  ' * i + '- level %d\n' % i for i in range(1000)))
print('\n' + ''.join('> ' * i + 'quote %d\n\n' % i for i in range(0, 1000, 50)))
print('> ' * 1000 + 'deepest quote')
print('*' * 500 + 'emph' + '*' * 500)
" >"$T/c/$L1"
run "$HB" -q -o "$T/p.pdf" "$T/c"
check "1,000-deep lists and quotes: made in bounded time ($(cat $T/time) s)" bash -c "[ $rc -eq 0 ] && awk -v k=$SLOW '{ exit !(\$1 < 20 * k) }' '$T/time' && grep -q 'nesting deeper than' '$T/err'"
fixture
python3 -c "
import random
random.seed(1)
w = 'support engineer ticket customer escalation runbook incident deployment agent server'.split()
print('# L1: Big\n')
print(' '.join(random.choice(w) for _ in range(1400000)))
" >"$T/c/$L1"
run "$HB" -q -o "$T/p.pdf" "$T/c"
check "10 MB paragraph: made in $(cat $T/time) s, peak $(( $(cat $T/rss) / 1024 )) MB" bash -c "[ $rc -eq 0 ] && awk -v k=$SLOW '{ exit !(\$1 < 60 * k) }' '$T/time' && [ \$(cat '$T/rss') -lt $((2000000 * SLOW)) ]"
fixture
python3 -c "
print('# L1: Headings\n')
for i in range(50000): print('## Heading %d\n\nText %d.\n' % (i, i))
" >"$T/c/$L1"
run "$HB" -q -o "$T/p.pdf" "$T/c"
check "50,000 headings: made in $(cat $T/time) s, peak $(( $(cat $T/rss) / 1024 )) MB" bash -c "[ $rc -eq 0 ] && awk -v k=$SLOW '{ exit !(\$1 < 60 * k) }' '$T/time'"
fixture
python3 -c "
print('# L1: Table\n\n| a | b | c |\n|---|:-:|--:|')
for i in range(5000): print('| row %d | centre %d | %d |' % (i, i, i * 7))
" >"$T/c/$L1"
run "$HB" -q -o "$T/p.pdf" "$T/c"
check "5,000-row table: made in $(cat $T/time) s, peak $(( $(cat $T/rss) / 1024 )) MB" bash -c "[ $rc -eq 0 ] && awk -v k=$SLOW '{ exit !(\$1 < 30 * k) }' '$T/time' && qpdf --check '$T/p.pdf' >/dev/null"

# ---- fonts, output, disk, signals ----
mkdir -p "$T/badfonts"; cp fonts/*.ttf "$T/badfonts/"; head -c 5000 fonts/NotoSans-Bold.ttf >"$T/badfonts/NotoSans-Bold.ttf"; keep
run "$HB" -q --fonts "$T/badfonts" -o "$T/keep.pdf" content
check "corrupt font: error names the file, old PDF kept" bash -c "[ $rc -eq 1 ] && grep -q 'NotoSans-Bold.ttf' '$T/err'" && kept || bad "old PDF kept (corrupt font)"
mkdir -p "$T/ro"; keep; cp "$T/keep.pdf" "$T/ro/keep.pdf"; chmod 555 "$T/ro"
if [ "$(id -u)" -ne 0 ]; then
	run "$HB" -q -o "$T/ro/keep.pdf" content
	check "read-only folder: exit 1 with a message" bash -c "[ $rc -eq 1 ] && grep -q 'ro/keep.pdf' '$T/err'"
else
	ok "read-only folder: skipped as root (root writes anywhere)"
fi
chmod 755 "$T/ro"
keep
(ulimit -f 20; "$HB" -q -o "$T/keep.pdf" content 2>"$T/err"); rc=$?
check "disk full (ulimit -f): exit 1, message, old PDF kept, no temp file" bash -c "[ $rc -eq 1 ] && grep -q 'keep.pdf: error: cannot write' '$T/err' && ! ls -a '$T' | grep -q '^.handbook-'"
check "disk full: old PDF byte-for-byte" kept
fixture
python3 -c "
print('# L1: Big\n'); print(' '.join('word%d' % (i % 97) for i in range(1500000)))" >"$T/c/$L1"
keep
"$HB" -q -o "$T/keep.pdf" "$T/c" 2>/dev/null & pid=$!
sleep 0.5; kill -TERM $pid; wait $pid; rc=$?
check "interrupted (SIGTERM; a background job ignores SIGINT): non-zero exit, old PDF kept, no temp file" bash -c "[ $rc -ne 0 ] && ! ls -a '$T' | grep -q '^.handbook-'"
check "interrupted: old PDF byte-for-byte" kept

# ---- inputs the fuzzer found: each must build ----
for f in tests/fuzz/regress/*.md; do
	rm -rf "$T/fz"; mkdir -p "$T/fz"
	printf '# Fuzz Handbook\n\nThe team at Fuzz.\n\n- [L1: Fuzz](./L1-Fuzz.md)\n' >"$T/fz/README.md"
	cp "$f" "$T/fz/L1-Fuzz.md"
	for ed in "" "--role L1-Fuzz" "--review L1-Fuzz"; do
		run "$HB" -q $ed -o "$T/fz.pdf" "$T/fz"
		check "fuzz regression $(basename "$f") ${ed:-handbook}: builds a valid PDF" bash -c "[ $rc -eq 0 ] && qpdf --check '$T/fz.pdf' >/dev/null"
	done
done

finish hostile
