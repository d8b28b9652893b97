# lib.sh: runs the golden cases (tests/golden/cases) for golden.sh and
# `make golden`.  Needs HB (the program), ROOT (the repository, the working
# directory) and T (a scratch folder).
GOLDEN=tests/golden

# The names of every case, in file order.
golden_cases() { awk '!/^#/ && NF { print $1 }' "$GOLDEN/cases"; }

# golden_run NAME: the case's dump on stdout, then its diagnostics (scratch
# paths removed, so the text is the same on every machine) and exit status.
golden_run() {
	local line content dir rc
	line=$(awk -v n="$1" '$1 == n' "$GOLDEN/cases")
	[ -n "$line" ] || { echo "no golden case $1" >&2; return 1; }
	set -- $line
	content=$2
	shift 2
	if [ "${content#md:}" != "$content" ]; then
		dir=$T/golden-${content#md:}
		dir=${dir%.md}
		rm -rf "$dir" && mkdir -p "$dir"
		printf '# Golden\n\nThe golden tests of one Markdown feature.\n\n## Role levels\n\n- [L1: Golden](./L1-Golden.md)\n' \
			>"$dir/README.md"
		cp "$GOLDEN/md/${content#md:}" "$dir/L1-Golden.md"
		cp "$GOLDEN"/md/*.png "$dir/"
		content=$dir
	fi
	"$HB" --dump --date 2026-01-15 "$@" "$content" 2>"$T/golden-err"
	rc=$?
	sed -e "s|$T/||g" -e 's/^/stderr /' "$T/golden-err"
	echo "exit $rc"
}
