#!/bin/sh
# deps.sh: makes sure what a step needs is installed.
#   pkg/deps.sh build|test DEBIAN_PACKAGE...
# On Debian and Ubuntu (dpkg-query present): installs the missing packages
# as root, else names the apt-get command and fails.  Elsewhere: checks the
# libraries with pkg-config (and the two that ship no .pc file by their
# headers) and the test tools by name; when something is missing, prints
# the package names for Fedora, Arch and Homebrew and fails.
# PCMODS (from the Makefile) names the pkg-config modules building needs.
step=$1
shift
if command -v dpkg-query >/dev/null 2>&1; then
	missing=
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
	done
	[ -z "$missing" ] && exit 0
	if [ "$(id -u)" = 0 ]; then
		echo "handbook: installing$missing"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null || exit 1
		exit 0
	fi
	echo "handbook: missing Debian packages for the $step. Run:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi

# not Debian: find what is there, name what is not
missing=
if [ "$step" = build ]; then
	command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
	command -v "${CC:-cc}" >/dev/null 2>&1 || missing="$missing a C compiler"
	for m in ${PCMODS:-}; do
		pkg-config --exists "$m" 2>/dev/null || missing="$missing $m"
	done
	# libharu and libhyphen ship no .pc file: look for their headers
	for h in hpdf.h hyphen.h; do
		printf '#include <%s>\n' "$h" | ${CC:-cc} $(pkg-config --cflags-only-I ${PCMODS:-} 2>/dev/null) \
			-E - >/dev/null 2>&1 || missing="$missing $h"
	done
	ls /usr/share/hyphen/hyph_en_US.dic >/dev/null 2>&1 || missing="$missing hyph_en_US.dic"
else
	for c in qpdf pdftotext python3 clang valgrind mandoc zsh; do
		command -v "$c" >/dev/null 2>&1 || missing="$missing $c"
	done
fi
[ -z "$missing" ] && exit 0
echo "handbook: not found for the $step:$missing" >&2
if [ "$step" = build ]; then
	cat >&2 <<'NAMES'
Install the build packages with your package manager:
  Fedora:   sudo dnf install gcc make pkgconf-pkg-config libharu-devel cmark-gfm-devel harfbuzz-devel hyphen-devel hyphen-en libpng-devel zlib-devel libdeflate-devel libxml2-devel fontconfig-devel libicu-devel
  Arch:     sudo pacman -S --needed base-devel libharu cmark-gfm harfbuzz hyphen hyphen-en libpng zlib libdeflate libxml2 fontconfig icu
  Homebrew: brew install pkg-config libharu cmark-gfm harfbuzz libpng libdeflate libxml2 fontconfig icu4c  (libhyphen and its en_US patterns: from source)
NAMES
else
	cat >&2 <<'NAMES'
Install the test tools with your package manager:
  Fedora:   sudo dnf install qpdf poppler-utils python3 clang compiler-rt valgrind mandoc zsh
  Arch:     sudo pacman -S --needed qpdf poppler python clang compiler-rt valgrind mandoc zsh
  Homebrew: brew install qpdf poppler python llvm mandoc zsh  (valgrind: Linux only)
NAMES
fi
exit 1
