#!/bin/sh
# mkdeb.sh STAGE OUTDIR: wraps a staged `make install DESTDIR=STAGE
# PREFIX=/usr` into OUTDIR/handbook_VERSION_ARCH.deb.  Depends lists the
# Debian package of each shared library the program links (found with
# dpkg -S), and the en_US hyphenation patterns it reads.
set -eu
stage=$1
out=$2
here=$(dirname "$0")
version=$(sed -n 's/^#define HANDBOOK_VERSION "\(.*\)"$/\1/p' "$here/../src/book.h")
arch=$(dpkg --print-architecture)
# the package of each library the program links (not their own
# dependencies); one dpkg -S for all, as each call reads the whole database.
# A path is asked both with and without /usr: the database may hold either.
needed=$(objdump -p "$stage/usr/bin/handbook" | awk '$1 == "NEEDED" { print $2 }')
paths=
for so in $needed; do
	l=$(ldd "$stage/usr/bin/handbook" | awk -v so="$so" '$1 == so && $3 ~ /^\// { print $3 }')
	[ -n "$l" ] || { echo "mkdeb: $so is not found" >&2; exit 1; }
	l=$(readlink -f "$l")
	paths="$paths ${l#/usr} /usr${l#/usr}"
done
owners=$(dpkg -S $paths 2>/dev/null || true)
for l in $paths; do
	case $l in /usr/*) ;; *) echo "$owners" | grep -q "$l\$" ||
		{ echo "mkdeb: no Debian package holds $l" >&2; exit 1; } ;; esac
done
deps=" $(echo "$owners" | cut -d: -f1 | sort -u | sed 's/$/,/' | tr '\n' ' ')hyphen-en-us"
# libraries opened with dlopen only when content needs them (libgit2 for
# the version and --since, libxml2 for HTML tables, ICU for line breaking,
# joining and collation outside Latin, fontconfig for faces the bundled
# ones lack): the program runs without them, so they are recommended
recs=
for so in libgit2.so libxml2.so libicuuc.so libicui18n.so libfontconfig.so; do
	l=$(ldconfig -p | awk -v so="$so" 'index($1, so) == 1 { print $NF; exit }')
	[ -n "$l" ] || continue
	l=$(readlink -f "$l")
	pkg=$(dpkg -S "$l" "/usr${l#/usr}" 2>/dev/null | head -n 1 | cut -d: -f1) || true
	[ -n "$pkg" ] && recs="$recs
$pkg"
done
recs=" $(echo "$recs" | sed '/^$/d' | sort -u | tr '\n' ',' | sed 's/,$//; s/,/, /g')"
mkdir -p "$stage/DEBIAN"
size=$(du -sk "$stage/usr" | cut -f1)
cat >"$stage/DEBIAN/control" <<CONTROL
Package: handbook
Version: $version
Architecture: $arch
Maintainer: handbook maintainers <handbook@localhost>
Installed-Size: $size
Depends:$deps
Recommends:$recs
Section: text
Priority: optional
Description: Markdown career framework to print-quality PDF handbook
 Turns a career framework written as Markdown (a README listing one file
 per level) into a typeset PDF handbook, role descriptions and review
 packets, with checks for CI.
CONTROL
deb="$out/handbook_${version}_${arch}.deb"
# gzip: a few times faster than the default xz here, for a package of fonts
# that compress little either way
dpkg-deb --root-owner-group -Zgzip --build "$stage" "$deb" >/dev/null
echo "$deb"
