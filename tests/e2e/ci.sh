#!/usr/bin/env bash
# At home in CI and in a terminal: --check, --strict, the three diagnostic
# formats with codes, columns, grouping and escaping, --list-roles, stdin
# content, -h, --version, --watch, the man page, completions, the .deb and
# the README's CI workflows.  Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"
SLOW=${HANDBOOK_SLOW:-1}
# the system's python starts in a tenth of the time of a version manager's shim
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
L2=L2-DevOps-Support-Engineer.md
# a copy of content with warnings only: a link to a missing heading, a
# character no font has (three times, on three lines), a missing image
warned() {
	fixture
	printf '\nSee [gone](#no-such-heading).\n\nA \xf0\x9f\xab\xa8 glyph-one.\n\nA \xf0\x9f\xab\xa8 glyph-two [gone](#no-such-heading).\n\nA \xf0\x9f\xab\xa8 glyph-three [gone](#no-such-heading).\n' >>"$T/c/$L2"
}
# the line of the content copy's L2 holding text
line_of() { grep -n -F "$1" "$T/c/$L2" | head -n 1 | cut -d: -f1; }

# ---- --check ----
mkdir -p "$T/run"
(cd "$T/run" && "$HB" --check "$ROOT/content" >"$T/so" 2>"$T/err"); rc=$?
check "--check on content: exit 0, nothing on stderr, 15 editions" \
	bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] && grep -q 'checked 15 editions: 0 errors, 0 warnings' '$T/so'"
check "--check writes no file" bash -c "[ -z \"\$(ls -A '$T/run')\" ]"
fixture; printf -- '- [L9: Missing](./L9-Missing.md)\n' >>"$T/c/README.md"; n=$(wc -l <"$T/c/README.md")
"$HB" --check "$T/c" >"$T/so" 2>"$T/err"; rc=$?
check "--check with a level link to a missing file: exit 1, error at README line" \
	bash -c "[ $rc -eq 1 ] && grep -q 'README.md:$n: error: linked level file .*L9-Missing.md.* \[HB102\]' '$T/err'"
warned
"$HB" --check "$T/c" >"$T/so" 2>"$T/err"; rc=$?
check "--check with warnings only: exit 0" bash -c "[ $rc -eq 0 ] && grep -q 'no such heading' '$T/err'"
"$HB" --check --strict "$T/c" >/dev/null 2>&1; rc=$?
check "--check --strict with warnings: exit 1" test $rc -eq 1
"$HB" --check --fail-on warning "$T/c" >/dev/null 2>&1; rc=$?
check "--fail-on warning is --strict" test $rc -eq 1
"$HB" --check --fail-on error "$T/c" >/dev/null 2>&1; rc=$?
check "--fail-on error: warnings pass" test $rc -eq 0
rm -f "$T/s.pdf"
"$HB" -q --strict -o "$T/s.pdf" "$T/c" >/dev/null 2>&1; rc=$?
check "--strict build with warnings: exit 1, the PDF still written" bash -c "[ $rc -eq 1 ] && [ -s '$T/s.pdf' ]"
"$HB" -q --strict -o "$T/s.pdf" content >/dev/null 2>&1; rc=$?
check "--strict build of clean content: exit 0" test $rc -eq 0
"$HB" --check --fail-on maybe content >/dev/null 2>&1; rc=$?
check "--fail-on with a bad value: usage error" test $rc -eq 2
"$HB" --check -o "$T/x.pdf" content >/dev/null 2>&1; rc=$?
check "--check with --output: usage error" test $rc -eq 2

# --check lays the text out: what only layout finds is reported
fixture
python3 - "$T/c/README.md" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s += "\n## Only here\n\nText with \U0001FAE9 in it.\n"
open(p, "w").write(s)
PY
"$HB" --check "$T/c" >"$T/so" 2>"$T/err"; rc=$?
check "--check lays out the text (a missing glyph is found)" bash -c "[ $rc -eq 0 ] && grep -q 'U+1FAE9' '$T/err'"

# ---- diagnostics: columns, codes, grouping, formats ----
warned
"$HB" --check "$T/c" >"$T/so" 2>"$T/err"
ln=$(line_of '[gone]'); l1=$(line_of 'glyph-one'); l2=$(line_of 'glyph-two'); l3=$(line_of 'glyph-three')
check "human: FILE:LINE:COLUMN of a link and its code" \
	grep -q "$L2:$ln:5: warning: link to #no-such-heading: no such heading; set as text \[HB205\]" "$T/err"
check "human: a missing character at its column" grep -q "$L2:$l1:3: warning: character U+1FAE8" "$T/err"
check "human: characters no font has: one warning per file with its count" \
	bash -c "[ \$(grep -c 'U+1FAE8' '$T/err') -eq 1 ] && grep -q 'U+1FAE8.*further on in this file \[HB301\] (3 times)$' '$T/err'"
check "human: repeated message grouped with its count and other lines" \
	bash -c "[ \$(grep -c 'no-such-heading' '$T/err') -eq 1 ] && grep -q 'no-such-heading.*\[HB205\] (3 times; also line $l2, $l3)' '$T/err'"
check "human: every message has a code" bash -c "! grep -v ' \[HB[1-9][0-9][0-9]\]' '$T/err' | grep -q ."
"$HB" --check --diagnostics-format json "$T/c" >"$T/so" 2>"$T/json"
check "json: one object per line with every field" "$PY" - "$T/json" "$L2" "$ln" "$l1" <<'PY'
import json, re, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert rows, "no output"
for r in rows:
    assert set(r) == {"file", "line", "column", "severity", "code", "message", "count"}, r
    assert r["severity"] in ("warning", "error") and re.fullmatch(r"HB[1-9]\d\d", r["code"]), r
link = [r for r in rows if r["code"] == "HB205"][0]
assert link["file"].endswith(sys.argv[2]) and link["line"] == int(sys.argv[3]) and link["column"] == 5, link
glyph = [r for r in rows if r["code"] == "HB301"]
assert len(glyph) == 1 and glyph[0]["count"] == 3 and glyph[0]["line"] == int(sys.argv[4]), glyph
PY
"$HB" --check --diagnostics-format github "$T/c" >"$T/so" 2>"$T/gh"
check "github: workflow commands with file, line, col and code" "$PY" - "$T/gh" "$L2" "$ln" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
pat = re.compile(r"::(warning|error) (file=[^,:]+,(line=\d+,)?(col=\d+,)?)?title=handbook HB[1-9]\d\d::.+")
assert lines and all(pat.fullmatch(l) for l in lines), lines
assert any(l.startswith("::warning file=") and "no such heading; set as text" in l and
           ",line=%s,col=5," % sys.argv[3] in l for l in lines), lines
assert any("(3 times)" in l for l in lines), lines
PY
"$HB" --check --diagnostics-format xml content >/dev/null 2>&1; rc=$?
check "--diagnostics-format with a bad value: usage error" test $rc -eq 2

# every message format in the sources has a code in diagnostics.c, and the README lists every code
check "every diag_warn/diag_error format has a code; README lists them all" "$PY" - <<'PY'
import glob, re
def literals(arg):
    # adjacent literals join; each branch of a ?: is its own format
    out, cur = [], []
    for tok in re.findall(r'"(?:[^"\\]|\\.)*"|[?:]', arg):
        if tok in "?:":
            if cur:
                out.append("".join(cur))
            cur = []
        else:
            cur.append(tok[1:-1])
    if cur:
        out.append("".join(cur))
    return out
def args(src, start):
    depth, i, cur, res, instr = 0, start, "", [], False
    while i < len(src):
        c = src[i]
        if instr:
            cur += c
            if c == "\\":
                cur += src[i + 1]; i += 1
            elif c == '"':
                instr = False
        elif c == '"':
            instr = True; cur += c
        elif c in "([{":
            depth += 1; cur += c
        elif c in ")]}":
            if depth == 0:
                res.append(cur); return res
            depth -= 1; cur += c
        elif c == "," and depth == 0:
            res.append(cur); cur = ""
        else:
            cur += c
        i += 1
    return res
table = open("src/diagnostics.c").read()
table = table[table.index("codes[] = {"):table.index("};", table.index("codes[] = {"))]
known = {}
for m in re.finditer(r'\{\s*((?:"(?:[^"\\]|\\.)*"\s*)+),\s*"(HB\d{3})"\s*\}', table):
    known["".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))] = m.group(2)
fmt_at = {"diag_warn": 3, "diag_error": 3, "diag_add": 4, "diag_warn_at": 4, "diag_error_at": 4, "diag_add_at": 5}
missing = []
for f in sorted(glob.glob("src/*.c")):
    if f.endswith("/diagnostics.c"):
        continue
    s = open(f).read()
    for m in re.finditer(r"\b(diag_warn_at|diag_error_at|diag_add_at|diag_warn|diag_error|diag_add)\s*\(", s):
        a = args(s, m.end())
        for lit in literals(a[fmt_at[m.group(1)]]):
            if lit not in known:
                missing.append("%s: %s" % (f, lit))
assert not missing, "formats without a code:\n" + "\n".join(missing)
assert len(set(known.values())) == len(known), "a code is used twice"
readme = open("README.md").read()
unlisted = [c for c in sorted(set(known.values())) if "`%s`" % c not in readme]
assert not unlisted, "codes not in the README: %s" % unlisted
print(len(known), "formats")
PY

# a role title too wide for its career-journey box: reported in its own file
fixture
sed -i '1s/.*/# L2: Pneumonoultramicroscopicsilicovolcanoconiosisengineering/' "$T/c/$L2"
"$HB" --check "$T/c" >/dev/null 2>"$T/err"
check "diagram: a too-wide title is reported at its level file, not the last one laid out" \
	bash -c "grep -q '$L2:1: warning: a word wider than the line (Pneumono' '$T/err' && ! grep -q 'L5-.*: warning: a word wider than the line (Pneumono' '$T/err'"

# ---- escaping: a file name with a newline and ESC cannot forge a line ----
fixture
bad=$(printf 'L9-evil\nx.md: error: forged\033[31m.md')
printf '# L9: Evil\n\nSee [x](#nope).\n' >"$T/c/$bad"
"$HB" --check "$T/c" >/dev/null 2>"$T/err"
check "human: newline and ESC in a file name are escaped" \
	bash -c "! grep -q \$'\\033' '$T/err' && [ \$(grep -c 'evil' '$T/err') -eq 2 ] && grep -q 'L9-evil\\\\nx.md: error: forged\\\\x1B\\[31m.md:3:5: warning: link to #nope' '$T/err' && ! grep -q '^x.md' '$T/err'"
"$HB" --check --diagnostics-format json "$T/c" >/dev/null 2>"$T/json"
check "json: the escaped name reads back as the real one" "$PY" - "$T/json" "$T/c/$bad" <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
assert b"\x1b" not in raw
rows = [json.loads(l) for l in raw.decode().splitlines()]
assert sum(r["file"] == sys.argv[2] for r in rows) == 2, rows
PY
"$HB" --check --diagnostics-format github "$T/c" >/dev/null 2>"$T/gh"
check "github: newline, ESC, ':' and ',' percent-encoded" \
	bash -c "! grep -q \$'\\033' '$T/gh' && grep -q '^::warning file=[^ ]*L9-evil%0Ax.md%3A error%3A forged%1B\\[31m.md,line=3,col=5,title=handbook HB205::link to #nope' '$T/gh' && [ \$(wc -l <'$T/gh') -eq 2 ]"
"$HB" --list-roles "$T/c" >"$T/so" 2>/dev/null
check "--list-roles: the file name escaped too" bash -c "! grep -q \$'\\033' '$T/so' && [ \$(wc -l <'$T/so') -eq 8 ]"

"$HB" --all-roles "$T/ar" "$T/c" >"$T/so" 2>/dev/null
"$HB" --role nope "$T/c" >/dev/null 2>"$T/err"
check "--all-roles summary and the role list of a usage error: names escaped" \
	bash -c "! grep -q \$'\\033' '$T/so' && grep -q '^handbook: wrote .*L9-evil\\\\nx.md: error: forged\\\\x1B\\[31m.pdf: ' '$T/so' && ! grep -q \$'\\033' '$T/err' && grep -q 'L9-evil\\\\nx' '$T/err'"

# ---- --list-roles ----
"$HB" --list-roles content >"$T/roles" 2>"$T/err"; rc=$?
check "--list-roles: one tab-separated line per role" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] && [ \$(wc -l <'$T/roles') -eq 7 ] && [ \$(awk -F'\t' 'NF != 6' '$T/roles' | wc -l) -eq 0 ]"
check "--list-roles: file, code, title, track, rank, next" \
	grep -qP '^L1-Junior-DevOps-Support-Engineer.md\tL1\tJunior DevOps Support Engineer\tDevOps Support Engineer\t1\tL2-DevOps-Support-Engineer.md$' "$T/roles"
check "--list-roles: the top of a track has no next" grep -qP '^L5-Senior-Support-Manager.md\tL5\tSenior Support Manager\tSupport Manager\t5\t-$' "$T/roles"
"$HB" --list-roles --json content >"$T/roles.json"
check "--list-roles --json: an array of objects with every field" "$PY" - "$T/roles.json" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
assert len(v) == 7 and all(set(r) == {"file", "code", "title", "track", "rank", "next"} for r in v), v
m = [r for r in v if r["file"] == "L4-Support-Manager.md"][0]
assert m == {"file": "L4-Support-Manager.md", "code": "L4", "title": "Support Manager", "track": "Support Manager",
             "rank": 4, "next": "L5-Senior-Support-Manager.md"}, m
assert [r for r in v if r["code"] == "L5" and r["track"] == "Support Manager"][0]["next"] is None
PY
check "--list-roles drives --role for each role" bash -c "cut -f1 '$T/roles' | head -n 2 | while read f; do '$HB' -q --role \"\$f\" -o '$T/r.pdf' content || exit 1; done"

# ---- a single-file framework on standard input ----
{ cat content/README.md; for f in content/L1-*.md content/L2-*.md; do echo; cat "$f"; done; } >"$T/one.md"
"$HB" -q -o "$T/one.pdf" - <"$T/one.md" 2>"$T/err"; rc=$?
check "stdin: PDF made with both levels" \
	bash -c "[ $rc -eq 0 ] && pdftotext '$T/one.pdf' - | grep -q '^L2: DevOps Support Engineer' && pdftotext '$T/one.pdf' - | grep -q '^L1: Junior DevOps Support Engineer'"
n=$(grep -n -F 'L3-Senior-DevOps-Support-Engineer.md)' "$T/one.md" | head -n 1 | cut -d: -f1)
check "stdin: messages name <stdin> and the document's line" grep -q "^<stdin>:$n:3: warning: link to ./L3-Senior" "$T/err"
printf '# Only a title\n\nNo levels.\n' | "$HB" -q -o "$T/none.pdf" - >/dev/null 2>"$T/err"; rc=$?
check "stdin without a level: exit 1, clear error" bash -c "[ $rc -eq 1 ] && grep -q '^<stdin>: error: standard input holds no level' '$T/err' && [ ! -e '$T/none.pdf' ]"
printf '# T\n\n# L1: A\n\n```\n# not a level\n```\n\n# L2: B\n\nx\n' | "$HB" --list-roles - >"$T/so"
check "stdin: a '#' line in fenced code starts no level" bash -c "[ \$(wc -l <'$T/so') -eq 2 ] && grep -q '^L2-B.md' '$T/so'"

# ---- -h, --version ----
"$HB" -h >"$T/h" 2>&1; rc=$?
check "-h prints the help, exit 0" bash -c "[ $rc -eq 0 ] && '$HB' --help | cmp -s - '$T/h'"
"$HB" --version >"$T/v"
check "--version: program, libraries and each font" "$PY" - "$T/v" <<'PY'
import re, sys
v = open(sys.argv[1]).read().splitlines()
assert re.fullmatch(r"handbook \d+\.\d+\.\d+", v[0]), v
for lib in ("libharu", "cmark-gfm", "HarfBuzz", "libhyphen"):
    assert any(re.fullmatch(lib + r" \S+", l) for l in v), lib
fonts = [l for l in v if l.startswith("font ")]
assert len(fonts) == 7 and all(re.fullmatch(r"font \S+ Version \d+\.\d+", l) for l in fonts), fonts
PY

# ---- --watch ----
fixture
(cd "$T" && exec "$HB" --watch -o "$T/w.pdf" "$T/c" >"$T/watch.out" 2>"$T/watch.err") &
wpid=$!
# waits until the watch log has n lines (up to 30 s: a loaded CI machine
# runs 25 suites on 2 cores); 0 on success.  Counts whole lines as wc -l
# does, in the shell (nap, read: no process a poll)
lines() {
	local i n l
	for ((i = 0; i < 300 * SLOW; i++)); do
		n=0
		{ while read -r l; do n=$((n + 1)); done <"$T/watch.out"; } 2>/dev/null # not made yet
		[ "$n" -ge "$1" ] && return 0
		nap 0.1
	done
	return 1
}
lines 1 && cp "$T/w.pdf" "$T/w1.pdf"
check "--watch: first build, one line" grep -q '^handbook: [0-9:]* built .*w.pdf: [0-9]* pages' "$T/watch.out"
printf '\nA new paragraph about watching.\n' >>"$T/c/$L2"
lines 2
check "--watch: a save rebuilds, one line with the time" bash -c "sed -n 2p '$T/watch.out' | grep -q '^handbook: [0-2][0-9]:[0-5][0-9]:[0-5][0-9] rebuilt '"
check "--watch: the PDF changed" bash -c "! cmp -s '$T/w.pdf' '$T/w1.pdf' && pdftotext '$T/w.pdf' - | grep -q 'about watching'"
cp "$T/w.pdf" "$T/w2.pdf"
printf -- '- [L9: Missing](./L9-Missing.md)\n' >>"$T/c/README.md"
lines 3
check "--watch: a broken build prints an error line and keeps the last good PDF" \
	bash -c "sed -n 3p '$T/watch.out' | grep -q 'errors; kept the last good PDF' && grep -q 'L9-Missing.md' '$T/watch.err' && cmp -s '$T/w.pdf' '$T/w2.pdf'"
sed -i '$d' "$T/c/README.md"
lines 4
# (sed -i writes a temporary file, then renames it: on a loaded machine the
# quiet spell can end between the two, and one more build still sees the
# error before the rename brings the rebuild)
rebuilt() {
	local i l
	local -a f
	for ((i = 0; i < 300 * SLOW; i++)); do
		mapfile -t -s 3 f <"$T/watch.out" # line 4 on (made by now)
		for l in ${f[@]+"${f[@]}"}; do [[ $l == *' rebuilt '* ]] && return 0; done
		nap 0.1
	done
	return 1
}
check "--watch: fixed again, rebuilt" rebuilt
kill "$wpid" 2>/dev/null; wait "$wpid" 2>/dev/null
"$HB" --watch - </dev/null >/dev/null 2>&1; rc=$?
check "--watch on standard input: refused" test $rc -eq 2

# ---- man page, completions ----
check "man page: mandoc -Tlint clean" bash -c "out=\$(mandoc -Tlint -Wall pkg/handbook.1 2>&1) && [ -z \"\$out\" ]"
# every long option of --help is in the man page and both completions
check "every option of --help is in the man page and the completions" "$PY" - "$HB" <<'PY'
import re, subprocess, sys
h = subprocess.run([sys.argv[1], "--help"], capture_output=True, text=True).stdout
opts = sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", h)))
assert len(opts) > 20, opts
man = open("pkg/handbook.1").read().replace("\\-", "-")
bash = open("pkg/handbook.bash").read()
zsh = open("pkg/_handbook").read()
for name, text in (("man", man), ("bash", bash), ("zsh", zsh)):
    if name == "man":
        miss = [o for o in opts if "Fl -" + o[2:] not in man]
    else:
        miss = [o for o in opts if not re.search(re.escape(o) + r"(?![\w-])", text)]
    assert not miss, (name, miss)
PY
check "bash completion: options, formats and roles" bash -c "
	. pkg/handbook.bash
	PATH=\"\$(dirname '$HB'):\$PATH\"
	COMP_WORDS=(handbook --chec); COMP_CWORD=1; _handbook; [ \"\${COMPREPLY[*]}\" = --check ] || exit 1
	COMP_WORDS=(handbook --diagnostics-format g); COMP_CWORD=2; _handbook; [ \"\${COMPREPLY[*]}\" = github ] || exit 1
	COMP_WORDS=(handbook --role L4-S); COMP_CWORD=2; _handbook; [ \"\${COMPREPLY[*]}\" = L4-Support-Manager ]"
if command -v zsh >/dev/null; then
	check "zsh completion: parses" zsh -n pkg/_handbook
fi

# ---- building off Debian: no dpkg-query, libraries found with pkg-config ----
mkdir -p "$T/nodpkg"
for c in pkg-config cc sh grep ls id cat printf; do ln -sf "$(command -v $c)" "$T/nodpkg/$c"; done
PCMODS=$(sed -n 's/^PCMODS := //p' Makefile)
CC=cc PATH="$T/nodpkg" PCMODS="$PCMODS" "$T/nodpkg/sh" pkg/deps.sh build gcc >"$T/so" 2>&1; rc=$?
check "without dpkg-query: the libraries are found with pkg-config" bash -c "[ $rc -eq 0 ] && [ ! -s '$T/so' ]"
CC=cc PATH="$T/nodpkg" PCMODS="$PCMODS nosuchlib" "$T/nodpkg/sh" pkg/deps.sh build gcc >"$T/so" 2>&1; rc=$?
check "without dpkg-query: what is missing is named with Fedora, Arch and Homebrew packages" \
	bash -c "[ $rc -eq 1 ] && grep -q 'not found for the build: nosuchlib' '$T/so' && grep -q 'Fedora: *sudo dnf install' '$T/so' && grep -q 'Arch: *sudo pacman' '$T/so' && grep -q 'Homebrew: *brew install' '$T/so'"

# ---- the .deb, unpacked into a temporary root and run ----
B=$(dirname "$HB")
make -s --no-print-directory deb BUILD="${B#$ROOT/}" >"$T/deb.out" 2>&1; rc=$?
deb=$(tail -n 1 "$T/deb.out")
check "make deb: a package" bash -c "[ $rc -eq 0 ] && [ -f '$deb' ] && dpkg-deb -f '$deb' Depends | grep -q 'libhpdf'"
rm -rf "$T/root"; dpkg -x "$deb" "$T/root"
"$T/root/usr/bin/handbook" -q --date 2026-01-15 -o "$T/deb.pdf" content >"$T/so" 2>&1; rc=$?
check "installed from the .deb: builds content with its own fonts" bash -c "[ $rc -eq 0 ] && [ -s '$T/deb.pdf' ] && '$T/root/usr/bin/handbook' --version | grep -q '^font NotoSans-Regular Version'"
check "the .deb holds the man page and the completions" bash -c "
	[ -f '$T/root/usr/share/man/man1/handbook.1' ] && [ -f '$T/root/usr/share/bash-completion/completions/handbook' ] &&
	[ -f '$T/root/usr/share/zsh/site-functions/_handbook' ] && [ -f '$T/root/usr/share/handbook/fonts/NotoSans-Regular.ttf' ]"

# ---- the README's CI workflows run the commands tested here ----
check "README workflows: their handbook commands run clean on content" "$PY" - "$HB" "$T" <<'PY'
import os, re, shutil, subprocess, sys
hb, t = sys.argv[1], sys.argv[2]
readme = open("README.md").read()
sec = readme[readme.index("## Use in CI"):]
sec = sec[:sec.index("\n## ", 4)]
blocks = re.findall(r"```yaml\n(.*?)```", sec, re.S)
assert len(blocks) == 2, "a GitHub and a GitLab workflow"
os.makedirs(t + "/bin", exist_ok=True)
if not os.path.exists(t + "/bin/handbook"):
    os.symlink(hb, t + "/bin/handbook")
env = dict(os.environ, PATH=t + "/bin:" + os.environ["PATH"])
w = t + "/wf"
shutil.copytree("content", w + "/content")
done = set()  # a command both workflows run is run once
for b in blocks:
    cmds = [c.strip() for c in re.findall(r"^(?:\s*(?:run:|-))?\s*((?:handbook|mkdir) .*)$", b, re.M)]
    assert any("--check --strict" in c for c in cmds) and any("--all-roles" in c for c in cmds), cmds
    for c in cmds:
        if c in done:
            continue
        done.add(c)
        p = subprocess.run(["bash", "-c", c], cwd=w, env=env, capture_output=True, text=True)
        assert p.returncode == 0, (c, p.stderr)
assert os.path.getsize(w + "/out/handbook.pdf") > 10000 and len(os.listdir(w + "/out/roles")) == 7
PY

finish ci
