#!/usr/bin/env bash
# Hostile images (issue 12, items 5 and 6): decompression bombs build in
# bounded time and memory (peak at most 40 bytes per input byte + 64 MB,
# so < 76 MB for a 308 KB PNG), each file is decoded and embedded once
# however often it is referenced, images over 300 dpi at their placed size
# are downscaled, the book keeps one pixel budget, and broken JPEGs fall
# back to their alt text with a FILE:LINE warning instead of corrupting the
# PDF.  Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"
# time and memory limits are multiplied by this under sanitizers (make asan sets it)
SLOW=${HANDBOOK_SLOW:-1}
export SLOW
L1=L1-Junior-DevOps-Support-Engineer.md
# the memory target for a bomb of the given size: 40 bytes per input byte + 64 MB, in KB
target_kb() { echo $(( ($(stat -c %s "$1") * 40 / 1024 + 65536) * SLOW )); }
# run: exit status in $rc, stderr in $T/err, wall time in $T/time (s), CPU
# time in $T/cpu (s; the machine is shared, so ratios use it), peak KB in
# $T/rss; GNU time measures (its last line: a python doing it cost 0.1 s a run)
run() {
	timeout -k 5 $((120 * SLOW)) /usr/bin/time -f '%e %U %S %M' -o "$T/rusage" "$@" >/dev/null 2>"$T/err"
	rc=$?
	local e u s m; read -r e u s m < <(tail -n 1 "$T/rusage")
	echo "$e" >"$T/time"; awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }' >"$T/cpu"; echo "${m:-0}" >"$T/rss" # none when timeout killed it: the check fails on rc, named
}
# median CPU seconds of three runs
cpu3() { for i in 1 2 3; do run "$@"; cat "$T/cpu"; echo; done | sort -n | sed -n 2p; }
# pdfimages -list of a PDF, read once for each content (of tests/e2e/lib/
# textcopy's copy: the same list, without poppler's colour transform for
# every page, 0.6 s a read)
imglist() {
	local k; k=$(sha1sum <"$1"); k=$T/list.${k%% *}
	[ -s "$k" ] || { tests/e2e/lib/textcopy "$1" "$T/list.pdf" && pdfimages -list "$T/list.pdf" >"$k"; }
	cat "$k"
}
# number of distinct image objects (not soft masks) in a PDF
nimages() { imglist "$1" | tail -n +3 | awk '$3 == "image" { print $11 }' | sort -u | wc -l; }
# largest x-ppi and y-ppi of any image drawn
maxppi() { imglist "$1" | tail -n +3 | awk '{ if ($13 > m) m = $13; if ($14 > m) m = $14 } END { print m + 0 }'; }
renders() { pdftoppm -r 20 -png "$1" "$T/r" 2>"$T/pp" && [ ! -s "$T/pp" ]; }
# appends Markdown to the level file of a fresh copy of the content
level() { fixture; printf '\n## Pictures\n\n%b' "$1" >>"$T/c/$L1"; }

python3 - "$T" <<'PY'
import struct, sys, zlib
t = sys.argv[1]
def chunk(k, data): return struct.pack(">I", len(data)) + k + data + struct.pack(">I", zlib.crc32(k + data))
def adler_cat(a1, a2, len2):
    # Adler-32 of two pieces joined, from theirs (zlib's adler32_combine)
    m = 65521
    s1 = ((a1 & 0xffff) + (a2 & 0xffff) - 1) % m
    s2 = ((a1 >> 16) + (a2 >> 16) + len2 * ((a1 & 0xffff) - 1)) % m
    return s1 | s2 << 16
def deflate(runs):
    # a zlib stream of runs of identical rows, [(row, count)...], without
    # compressing every row (2.3 s of CPU for these images): ~4 MB of rows
    # are compressed once, ended by a full flush (the next block refers to
    # nothing before it), and the block is repeated.  The pixels are the
    # same; the files are within 0.2% of the row-by-row stream's size.
    out, a = [b"\x78\xda"], 1
    for row, count in runs:
        per = max(1, (4 << 20) // len(row))
        full, rest = divmod(count, per)
        for n, times in ((per, full), (rest, 1 if rest else 0)):
            if times:
                z = zlib.compressobj(9, zlib.DEFLATED, -15)
                out.append((z.compress(row * n) + z.flush(zlib.Z_FULL_FLUSH)) * times)
        ra = zlib.adler32(row)
        for _ in range(count):
            a = adler_cat(a, ra, len(row))
    out.append(b"\x03\x00" + struct.pack(">I", a))  # an empty last block, the checksum
    return b"".join(out)
def png(path, w, h=0, interlace=False):
    # w x h (square without h), 16-bit RGBA, one flat colour: constant rows, ~300 KB at 6300
    h = h or w
    bpp = 8
    if interlace:
        # Adam7: each pass is a sub-image of its own width and height
        passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        runs = []
        for x0, y0, dx, dy in passes:
            cols, rows = (w - x0 + dx - 1) // dx, (h - y0 + dy - 1) // dy
            if cols and rows:
                runs.append((b"\0" + b"\x90" * (cols * bpp), rows))
    else:
        runs = [(b"\0" + b"\x90" * (w * bpp), h)]
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 6, 0, 0, 1 if interlace else 0))
    data += chunk(b"IDAT", deflate(runs)) + chunk(b"IEND", b"")
    open(path, "wb").write(data)
png(t + "/bomb6300.png", 6300)
png(t + "/bomb4500.png", 4500)
png(t + "/inter3000.png", 3000, interlace=True)
# within the print size (1949 px is the measure at 300 dpi) but 16 MB of pixels from 36 KB
png(t + "/page.png", 1949, 2000)
# JPEGs that are not: a header claiming no components, garbage after SOI
sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 8, 8, 100, 100, 0)
open(t + "/nocomp.jpg", "wb").write(b"\xff\xd8" + sof0 + b"\xff\xd9")
open(t + "/garbage.jpg", "wb").write(b"\xff\xd8" + bytes((i * 37 + 11) % 256 for i in range(5000)))
PY
cc -O2 -o "$T/mkjpeg" tests/e2e/lib/mkjpeg.c -ljpeg
"$T/mkjpeg" "$T/small.jpg" 200 150
"$T/mkjpeg" "$T/big6300.jpg" 6300 6300
"$T/mkjpeg" "$T/big4500.jpg" 4500 4500
"$T/mkjpeg" "$T/prog6300.jpg" 6300 6300 1
head -c $(( $(stat -c %s "$T/small.jpg") / 2 )) "$T/small.jpg" >"$T/trunc.jpg"

# ---- PNG bombs: 6300 x 6300 16-bit RGBA, ~320 KB ----
level '![Bomb](bomb.png)\n'; cp "$T/bomb6300.png" "$T/c/bomb.png"
run "$HB" -q -o "$T/one.pdf" "$T/c"
check "PNG bomb once: made in $(cat $T/time) s ($(cat $T/cpu) s CPU), peak $(( $(cat $T/rss) / 1024 )) MB" \
	bash -c "[ $rc -eq 0 ] && awk -v k=$SLOW '{ exit !(\$1 < 10 * k) }' '$T/cpu' && [ \$(cat '$T/rss') -lt $(target_kb "$T/c/bomb.png") ]"
check "PNG bomb: downscaled to at most 300 dpi at its placed size ($(maxppi "$T/one.pdf") ppi)" \
	bash -c "[ $(nimages "$T/one.pdf") -eq 1 ] && [ $(maxppi "$T/one.pdf") -le 301 ]"
check "PNG bomb: renders without errors" renders "$T/one.pdf"
check "PNG bomb: no warning" bash -c "[ ! -s '$T/err' ]"
level '![Bomb](bomb.png)\n\n![Again](./bomb.png)\n\n![Third](bo%6Db.png#x)\n'; cp "$T/bomb6300.png" "$T/c/bomb.png"
run "$HB" -q -o "$T/three.pdf" "$T/c"
check "PNG bomb three times: made in $(cat $T/time) s ($(cat $T/cpu) s CPU), peak $(( $(cat $T/rss) / 1024 )) MB" \
	bash -c "[ $rc -eq 0 ] && awk -v k=$SLOW '{ exit !(\$1 < 10 * k) }' '$T/cpu' && [ \$(cat '$T/rss') -lt $(target_kb "$T/c/bomb.png") ]"
imglist "$T/three.pdf" >"$T/three.list"
check "PNG bomb three times (three spellings): drawn three times, embedded once" \
	bash -c "[ \$(awk '\$3 == \"image\"' '$T/three.list' | wc -l) -eq 3 ] && [ $(nimages "$T/three.pdf") -eq 1 ]"
check "PNG bomb three times: at most 300 dpi, renders" bash -c "[ $(maxppi "$T/three.pdf") -le 301 ] && pdftoppm -r 20 -png '$T/three.pdf' '$T/r' 2>&1 | (! grep -q .)"
# time is linear in pixels: 4500^2 is half of 6300^2
level '![Bomb](bomb.png)\n'; cp "$T/bomb4500.png" "$T/c/bomb.png"
n1=$(cpu3 "$HB" -q -o "$T/n.pdf" "$T/c"); r1=$(cat "$T/rss")
cp "$T/bomb6300.png" "$T/c/bomb.png"
n2=$(cpu3 "$HB" -q -o "$T/n.pdf" "$T/c"); r2=$(cat "$T/rss")
check "PNG bomb n -> 2n pixels: CPU $n1 s -> $n2 s, peak $((r1 / 1024)) -> $((r2 / 1024)) MB (linear)" \
	awk -v a="$n1" -v b="$n2" 'BEGIN { exit !(b < 3 * a + 0.3) }'
level '![Interlaced](inter.png)\n'; cp "$T/inter3000.png" "$T/c/inter.png"
run "$HB" -q -o "$T/i.pdf" "$T/c"
check "interlaced 16-bit PNG over print size: downscaled, renders, peak $(( $(cat $T/rss) / 1024 )) MB" \
	bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] && [ $(nimages "$T/i.pdf") -eq 1 ] && [ $(maxppi "$T/i.pdf") -le 301 ] && pdftoppm -r 20 -png '$T/i.pdf' '$T/r' 2>&1 | (! grep -q .)"

# PNGs at their own size are not held raw until the file is saved (libharu did)
level '![P1](p1.png)\n\n![P2](p2.png)\n\n![P3](p3.png)\n\n![P4](p4.png)\n\n![P5](p5.png)\n'
for i in 1 2 3 4 5; do cp "$T/page.png" "$T/c/p$i.png"; done
cat "$T"/c/p?.png >"$T/five"
run "$HB" -q -o "$T/five.pdf" "$T/c"
check "five page-sized 36 KB PNGs: made in $(cat $T/time) s, peak $(( $(cat $T/rss) / 1024 )) MB, five images, 300 dpi" \
	bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] && [ \$(cat '$T/rss') -lt $(target_kb "$T/five") ] && [ $(nimages "$T/five.pdf") -eq 5 ] && [ $(maxppi "$T/five.pdf") -le 301 ]"

# ---- one pixel budget per book ----
level '![One](a.png)\n\n![Two](b.png)\n\n![Three](c.png)\n'
for f in a b c; do cp "$T/bomb6300.png" "$T/c/$f.png"; done
n=$(wc -l <"$T/c/$L1")
run "$HB" -q -o "$T/b.pdf" "$T/c"
check "three different bombs: the third is past the budget, warning names file, line and budget" \
	bash -c "[ $rc -eq 0 ] && grep -q '$L1:$n\(:[0-9]*\)\?: warning: image c.png is past the image budget (100 megapixels decoded per book)' '$T/err' && [ \$(grep -c warning '$T/err') -eq 1 ]"
check "three different bombs: two embedded, alt text for the third" \
	bash -c "[ $(nimages "$T/b.pdf") -eq 2 ] && pdftotext '$T/b.pdf' - | grep -q 'Image: Three'"

# ---- JPEGs ----
level '![Small photo](small.jpg)\n'; cp "$T/small.jpg" "$T/c/"
run "$HB" -q -o "$T/j.pdf" "$T/c"
check "valid small JPEG: embedded byte for byte (DCT passthrough)" \
	bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] && pdfimages -j '$T/j.pdf' '$T/x' && cmp '$T/x-000.jpg' '$T/small.jpg'"
for bad in trunc garbage nocomp; do
	level "Before.\n\n![Broken $bad](./$bad.jpg)\n\nAfter.\n"; cp "$T/$bad.jpg" "$T/c/"
	n=$(grep -n "Broken $bad" "$T/c/$L1" | cut -d: -f1)
	run "$HB" -q -o "$T/j.pdf" "$T/c"
	check "$bad JPEG: warning with FILE:LINE, alt text, qpdf clean, nothing embedded" \
		bash -c "[ $rc -eq 0 ] && grep -q '$L1:$n\(:[0-9]*\)\?: warning: image ./$bad.jpg is a truncated or corrupt JPEG' '$T/err' && pdftotext '$T/j.pdf' - | grep -q 'Image: Broken $bad' && qpdf --check '$T/j.pdf' >/dev/null && [ $(nimages "$T/j.pdf") -eq 0 ]"
done
level '![Photo](big.jpg)\n'; cp "$T/big6300.jpg" "$T/c/big.jpg"
run "$HB" -q -o "$T/j.pdf" "$T/c"
check "6300 x 6300 JPEG: made in $(cat $T/time) s ($(cat $T/cpu) s CPU), peak $(( $(cat $T/rss) / 1024 )) MB" \
	bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] && awk -v k=$SLOW '{ exit !(\$1 < 10 * k) }' '$T/cpu' && [ \$(cat '$T/rss') -lt $(target_kb "$T/c/big.jpg") ]"
imglist "$T/j.pdf" >"$T/j.list"
check "6300 x 6300 JPEG: re-encoded at most 300 dpi, renders" \
	bash -c "[ $(nimages "$T/j.pdf") -eq 1 ] && [ $(maxppi "$T/j.pdf") -le 301 ] && grep -q ' jpeg ' '$T/j.list' && pdftoppm -r 20 -png '$T/j.pdf' '$T/r' 2>&1 | (! grep -q .)"
cp "$T/big4500.jpg" "$T/c/big.jpg"
n1=$(cpu3 "$HB" -q -o "$T/n.pdf" "$T/c"); r1=$(cat "$T/rss")
cp "$T/big6300.jpg" "$T/c/big.jpg"
n2=$(cpu3 "$HB" -q -o "$T/n.pdf" "$T/c"); r2=$(cat "$T/rss")
check "JPEG n -> 2n pixels: CPU $n1 s -> $n2 s, peak $((r1 / 1024)) -> $((r2 / 1024)) MB (linear)" \
	awk -v a="$n1" -v b="$n2" 'BEGIN { exit !(b < 3 * a + 0.3) }'
level '![Progressive](prog.jpg)\n'; cp "$T/prog6300.jpg" "$T/c/prog.jpg"
run "$HB" -q -o "$T/j.pdf" "$T/c"
check "6300 x 6300 progressive JPEG (~230 KB): refused within memory, peak $(( $(cat $T/rss) / 1024 )) MB" \
	bash -c "[ $rc -eq 0 ] && grep -q '$L1:[0-9:]*: warning: image prog.jpg needs more memory' '$T/err' && [ \$(cat '$T/rss') -lt $(target_kb "$T/c/prog.jpg") ] && pdftotext '$T/j.pdf' - | grep -q 'Image: Progressive'"

finish hostile-images
