#!/usr/bin/env bash
# Careless paths and untrusted repositories (issue 12, items 2, 3, 4, 10,
# 11, 12): -o onto devices, FIFOs, symlinks, folders and the book's own
# inputs; -o -; a planted .git/config; bad dates and huge strings; closed
# standard descriptors; SIGKILL during the write.
# Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh" || exit 1
# this suite makes device nodes, FIFOs and sockets: never outside its scratch folder
[ -n "${T:-}" ] && [ -d "$T" ] || { echo "hostile-output: no scratch folder"; exit 1; }
L1=L1-Junior-DevOps-Support-Engineer.md
D="--date 2026-01-15"
"$HB" -q $D -o "$T/ref.pdf" content 2>/dev/null

# ---- item 2: what -o names ----
if [ "$(id -u)" = 0 ]; then
	mknod "$T/null" c 1 3
	"$HB" -q $D -o "$T/null" content 2>"$T/err"; rc=$?
	check "-o a character device: exit 0, still a character device" bash -c "[ $rc -eq 0 ] && [ -c '$T/null' ] && [ ! -s '$T/err' ]"
else
	ok "-o a character device: skipped (mknod needs root)"
fi
mkfifo "$T/fifo"
# the reader opens the FIFO inside timeout: should the FIFO be replaced by
# a file, nothing ever opens it for writing and the open would wait forever
timeout 120 sh -c 'cat <"$1" >"$2"' sh "$T/fifo" "$T/fifo.out" & cat_pid=$!
timeout 60 "$HB" -q $D -o "$T/fifo" content 2>"$T/err"; rc=$?
wait $cat_pid
check "-o a FIFO: exit 0, still a FIFO" bash -c "[ $rc -eq 0 ] && [ -p '$T/fifo' ]"
check "-o a FIFO: the reader got the whole PDF" bash -c "qpdf --check '$T/fifo.out' >/dev/null && cmp -s '$T/fifo.out' '$T/ref.pdf'"

mkdir -p "$T/links/real"
printf 'old\n' >"$T/links/real/target.pdf"
ln -s real/target.pdf "$T/links/link.pdf"
"$HB" -q $D -o "$T/links/link.pdf" content 2>"$T/err"; rc=$?
check "-o a symlink: still a symlink, its target holds the PDF" bash -c "[ $rc -eq 0 ] && [ -L '$T/links/link.pdf' ] && [ \"\$(readlink '$T/links/link.pdf')\" = real/target.pdf ] && cmp -s '$T/links/real/target.pdf' '$T/ref.pdf'"
check "-o a symlink: no temporary file beside the link or the target" bash -c "! ls -a '$T/links' '$T/links/real' | grep -q '^.handbook-'"
ln -s real/new.pdf "$T/links/dangling.pdf"
"$HB" -q $D -o "$T/links/dangling.pdf" content 2>"$T/err"; rc=$?
check "-o a dangling symlink: the link stays, the target is made" bash -c "[ $rc -eq 0 ] && [ -L '$T/links/dangling.pdf' ] && cmp -s '$T/links/real/new.pdf' '$T/ref.pdf'"
ln -s loop.pdf "$T/links/loop.pdf"
"$HB" -q $D -o "$T/links/loop.pdf" content 2>"$T/err"; rc=$?
check "-o a symlink loop: exit 1, message names the path" bash -c "[ $rc -eq 1 ] && grep -q '$T/links/loop.pdf: error: .*symbolic links' '$T/err' && [ -L '$T/links/loop.pdf' ]"
mkdir "$T/folder"
"$HB" -q $D -o "$T/folder" content 2>"$T/err"; rc=$?
check "-o a folder: exit 1, message names the path" bash -c "[ $rc -eq 1 ] && grep -q '$T/folder: error: is a folder' '$T/err' && [ -d '$T/folder' ]"
python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])" "$T/sock"
"$HB" -q $D -o "$T/sock" content 2>"$T/err"; rc=$?
check "-o a socket: exit 1, message names the path, still a socket" bash -c "[ $rc -eq 1 ] && grep -q '$T/sock: error: is a special file' '$T/err' && [ -S '$T/sock' ]"

"$HB" $D --stats -o - content >"$T/stdout.pdf" 2>"$T/err"; rc=$?
check "-o -: exit 0, a PDF on stdout that qpdf accepts" bash -c "[ $rc -eq 0 ] && qpdf --check '$T/stdout.pdf' >/dev/null"
check "-o -: nothing else on stdout (the same bytes as a file)" cmp -s "$T/stdout.pdf" "$T/ref.pdf"
check "-o -: the summary and --stats go to stderr" bash -c "grep -q '^handbook: wrote standard output: ' '$T/err' && grep -q '^pages: ' '$T/err'"
(exec 1>&-; "$HB" -q $D -o - content 2>"$T/err"); rc=$?
check "-o - with stdout closed: exit 1, message" bash -c "[ $rc -eq 1 ] && grep -q 'standard output, which is closed' '$T/err'"

# ---- item 3: -o onto an input ----
fixture
sha() { sha256sum "$1" | cut -d' ' -f1; }
for f in README.md "$L1" index-terms.txt; do
	before=$(sha "$T/c/$f")
	"$HB" -q $D -o "$T/c/$f" "$T/c" 2>"$T/err"; rc=$?
	check "-o content/$f: exit 1, message names it, file byte-identical" bash -c "[ $rc -eq 1 ] && grep -q '$T/c/$f: error: is an input of the book' '$T/err' && [ \"\$(sha256sum '$T/c/$f' | cut -d' ' -f1)\" = $before ]"
done
before=$(sha "$T/c/README.md")
ln "$T/c/README.md" "$T/hard.md"
ln -s c/README.md "$T/soft.md"
"$HB" -q $D -o "$T/hard.md" "$T/c" 2>"$T/err"; rc=$?
check "-o a hard link to the README: exit 1, README byte-identical" bash -c "[ $rc -eq 1 ] && grep -q 'is an input of the book' '$T/err' && [ \"\$(sha256sum '$T/c/README.md' | cut -d' ' -f1)\" = $before ]"
"$HB" -q $D -o "$T/soft.md" "$T/c" 2>"$T/err"; rc=$?
check "-o a symlink to the README: exit 1, README byte-identical" bash -c "[ $rc -eq 1 ] && grep -q '$T/soft.md: error: is an input of the book' '$T/err' && [ \"\$(sha256sum '$T/c/README.md' | cut -d' ' -f1)\" = $before ]"
"$HB" -q $D -o - "$T/c" >>"$T/c/README.md" 2>"$T/err"; rc=$?
check "-o - appending to the README: exit 1, README byte-identical" bash -c "[ $rc -eq 1 ] && grep -q 'standard output is an input of the book' '$T/err' && [ \"\$(sha256sum '$T/c/README.md' | cut -d' ' -f1)\" = $before ]"
cp -r fonts "$T/fonts"
font_before=$(sha "$T/fonts/NotoSans-Regular.ttf")
"$HB" -q $D --fonts "$T/fonts" -o "$T/fonts/NotoSans-Regular.ttf" content 2>"$T/err"; rc=$?
check "-o a font file: exit 1, message names it, font byte-identical" bash -c "[ $rc -eq 1 ] && grep -q '$T/fonts/NotoSans-Regular.ttf: error: is an input of the book (a font file)' '$T/err' && [ \"\$(sha256sum '$T/fonts/NotoSans-Regular.ttf' | cut -d' ' -f1)\" = $font_before ]"
mkdir "$T/roles"
ln -s ../c/README.md "$T/roles/${L1%.md}.pdf"
"$HB" -q $D --all-roles "$T/roles" "$T/c" 2>"$T/err"; rc=$?
check "--all-roles onto an input: exit 1, README byte-identical, the other roles written" bash -c "[ $rc -eq 1 ] && grep -q 'is an input of the book' '$T/err' && [ \"\$(sha256sum '$T/c/README.md' | cut -d' ' -f1)\" = $before ] && qpdf --check '$T/roles/L2-DevOps-Support-Engineer.pdf' >/dev/null"

# ---- item 4: a planted .git/config runs nothing ----
if command -v git >/dev/null; then
	mkdir "$T/repo"
	cp -r content "$T/repo/content"
	printf '#!/bin/sh\ntouch "%s/marker"\n' "$T" >"$T/evil.sh"
	chmod +x "$T/evil.sh"
	(cd "$T/repo" && git init -q && git add content &&
		GIT_COMMITTER_DATE=2020-03-04T10:00:00Z git -c user.name=t -c user.email=t@t commit -qm c &&
		git config core.fsmonitor "$T/evil.sh" && git config filter.evil.clean "$T/evil.sh" &&
		git config filter.evil.smudge "$T/evil.sh" && echo '* filter=evil' >content/.gitattributes)
	hash=$(git -C "$T/repo" rev-parse --short HEAD)
	rm -f "$T/marker"
	env -u SOURCE_DATE_EPOCH "$HB" -q -o "$T/git.pdf" "$T/repo/content" 2>"$T/err"; rc=$?
	check "core.fsmonitor and filters in .git/config: not run" bash -c "[ $rc -eq 0 ] && [ ! -e '$T/marker' ]"
	pdftotext -l 1 "$T/git.pdf" "$T/git.txt"
	check "the stamp still shows the hash, +dirty (an untracked file)" grep -q "Version $hash+dirty" "$T/git.txt"
	check "the edition is dated by the content's last commit" grep -q "Edition of 4 March 2020" "$T/git.txt"
	rm "$T/repo/content/.gitattributes"
	echo other >"$T/repo/elsewhere.txt" # outside the content folder: not its change
	env -u SOURCE_DATE_EPOCH "$HB" -q -o "$T/git.pdf" "$T/repo/content" 2>"$T/err"; rc=$?
	pdftotext -l 1 "$T/git.pdf" "$T/git.txt"
	check "a clean content folder: the hash without +dirty, nothing run" bash -c "[ $rc -eq 0 ] && grep -q 'Version $hash\$' '$T/git.txt' && [ ! -e '$T/marker' ]"
	echo change >>"$T/repo/content/$L1"
	"$HB" -q $D -o "$T/git.pdf" "$T/repo/content" 2>"$T/err"
	pdftotext -l 1 "$T/git.pdf" "$T/git.txt"
	check "a changed tracked file: +dirty" grep -q "Version $hash+dirty" "$T/git.txt"
	# outside any repository nothing of Git's is loaded or forked (it cost
	# each run 40 ms of CPU: libgit2 reads the system's CA certificates)
	if command -v strace >/dev/null; then
		# (processes followed: the child is what loaded it; a sanitizer's
		# own leak tracer is a clone too, so clones are not counted)
		strace -f -qq -e trace=openat -o "$T/st" "$HB" -q $D -o "$T/nogit.pdf" "$T/c" 2>/dev/null
		check "outside Git: libgit2 is not loaded (by the run or a child)" bash -c "[ -s '$T/nogit.pdf' ] && ! grep -q 'libgit2' '$T/st'"
		strace -f -qq -e trace=openat -o "$T/st" "$HB" -q $D -o "$T/git.pdf" "$T/repo/content" 2>/dev/null
		check "inside Git: libgit2 is loaded (the check above can fail)" grep -q 'libgit2' "$T/st"
	else
		ok "outside Git: skipped (no strace)"
	fi
else
	ok "planted .git/config: skipped (no git to make the repository)"
fi

# ---- item 10: dates and huge strings ----
printf 'good old pdf\n' >"$T/keep.pdf"
kept() { cmp -s "$T/keep.pdf" <(printf 'good old pdf\n'); }
"$HB" -q --date 2026-02-31 -o "$T/keep.pdf" content 2>"$T/err"; rc=$?
check "--date 2026-02-31: exit 2, usage message names the value" bash -c "[ $rc -eq 2 ] && grep -q -- '--date .*2026-02-31' '$T/err' && ! grep -q libharu '$T/err'"
"$HB" -q --date 2023-02-29 -o "$T/keep.pdf" content 2>"$T/err"; rc=$?
check "--date 2023-02-29 (not a leap year): exit 2" bash -c "[ $rc -eq 2 ] && grep -q 2023-02-29 '$T/err'"
"$HB" -q --date 2024-02-29 -o "$T/leap.pdf" content 2>"$T/err"; rc=$?
check "--date 2024-02-29 (a leap year): exit 0" bash -c "[ $rc -eq 0 ] && qpdf --check '$T/leap.pdf' >/dev/null"
for v in 9223372036854775807 253402300800 99999999999999999999 -5 12abc; do
	SOURCE_DATE_EPOCH=$v "$HB" -q -o "$T/keep.pdf" content 2>"$T/err"; rc=$?
	check "SOURCE_DATE_EPOCH=$v: exit 2, usage message names the value" bash -c "[ $rc -eq 2 ] && grep -q 'SOURCE_DATE_EPOCH.*: $v\$' '$T/err' && ! grep -q libharu '$T/err'"
done
check "bad dates: the old PDF kept" kept
SOURCE_DATE_EPOCH=253402300799 "$HB" -q -o "$T/y9999.pdf" content 2>"$T/err"; rc=$?
check "SOURCE_DATE_EPOCH at 9999-12-31: a four-digit CreationDate" bash -c "[ $rc -eq 0 ] && pdfinfo -isodates '$T/y9999.pdf' | grep -q 'CreationDate: *9999-12-31T'"
fixture
python3 - "$T/c/$L1" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace('\n## ', '\n## ' + 'Long' * 20000 + '\n\ntext\n\n## ', 1)
open(p, 'w').write(s)
PY
line=$(grep -n '^## LongLong' "$T/c/$L1" | cut -d: -f1)
"$HB" -q $D -o "$T/long.pdf" "$T/c" 2>"$T/err"; rc=$?
check "an 80 KB heading: exit 0, a valid PDF" bash -c "[ $rc -eq 0 ] && qpdf --check '$T/long.pdf' >/dev/null"
check "an 80 KB heading: a warning with its FILE:LINE, no libharu error" bash -c "grep -q '$T/c/$L1:$line: warning: a heading of 80000 bytes' '$T/err' && ! grep -q libharu '$T/err'"
python3 - "$T/c/README.md" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read().split('\n', 1)
open(p, 'w').write('# ' + 'Title' * 20000 + '\n' + s[1])
PY
"$HB" -q $D -o "$T/long.pdf" "$T/c" 2>"$T/err"; rc=$?
check "a 100 KB book title: exit 0, warning README.md:1, no libharu error" bash -c "[ $rc -eq 0 ] && grep -q '$T/c/README.md:1: warning: a heading of' '$T/err' && ! grep -q libharu '$T/err' && qpdf --check '$T/long.pdf' >/dev/null"
"$HB" -q $D --org "$(python3 -c 'print("O" * 70000)')" -o "$T/keep.pdf" content 2>"$T/err"; rc=$?
check "--org of 70000 bytes: exit 2, usage message, old PDF kept" bash -c "[ $rc -eq 2 ] && grep -q -- '--org takes a name of at most' '$T/err' && ! grep -q libharu '$T/err'"
check "--org: the old PDF kept" kept

# ---- item 11: closed standard descriptors ----
if [ -d "$T/repo" ]; then src="$T/repo/content"; else src=content; fi
"$HB" -q $D -o "$T/open.pdf" "$src" 2>/dev/null
(exec 1>&-; "$HB" -q $D -o "$T/closed1.pdf" "$src" 2>/dev/null)
check "stdout closed: the same PDF byte for byte (the version stamp stays)" cmp -s "$T/open.pdf" "$T/closed1.pdf"
(exec 0<&- 1>&- 2>&-; "$HB" -q $D -o "$T/closed012.pdf" "$src")
check "stdin, stdout and stderr closed: the same PDF byte for byte" cmp -s "$T/open.pdf" "$T/closed012.pdf"
(exec 1>&-; "$HB" --help 2>"$T/err"); rc=$?
check "--help with stdout closed: non-zero exit, message" bash -c "[ $rc -ne 0 ] && grep -q 'cannot write to standard output' '$T/err'"
if [ -c /dev/full ]; then
	"$HB" --version >/dev/full 2>"$T/err"; rc=$?
	check "--version >/dev/full: non-zero exit, message" bash -c "[ $rc -ne 0 ] && grep -q 'cannot write to standard output' '$T/err'"
	"$HB" --help >/dev/full 2>"$T/err"; rc=$?
	check "--help >/dev/full: non-zero exit" bash -c "[ $rc -ne 0 ]"
else
	ok "--version >/dev/full: skipped (no /dev/full)"
fi
check "--help and --version still exit 0 when they can write" bash -c "'$HB' --help >/dev/null && '$HB' --version >/dev/null"

# ---- item 12: SIGKILL during the write leaves nothing ----
fixture
python3 - "$T/c/$L1" <<'PY'
import random, sys
random.seed(1)
words = (''.join(random.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(random.randint(3, 10))) for _ in range(400000))
open(sys.argv[1], 'w').write('# L1: Big\n\n' + ' '.join(words) + '\n')
PY
mkdir "$T/kill"
# Killed the moment the output file is open (named or not) in $T/kill:
# that is, during the write, whatever way the file is made.  The write
# lasts about 15 ms; on a loaded machine the watcher may not run in it and
# the build ends: then the good old PDF is put back and it tries again.
python3 - "$HB" "$T/kill" "$T/c" >"$T/killed" 2>/dev/null <<'PY'
import os, signal, subprocess, sys, time
hb, kdir, content = sys.argv[1:]
caught = False
for attempt in range(8):
	open(kdir + '/out.pdf', 'w').write('good old pdf\n')
	p = subprocess.Popen([hb, '-q', '-o', kdir + '/out.pdf', content], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
	deadline = time.time() + 300
	while p.poll() is None and time.time() < deadline and not caught:
		try:
			for fd in os.listdir('/proc/%d/fd' % p.pid):
				try:
					t = os.readlink('/proc/%d/fd/%s' % (p.pid, fd))
				except OSError:
					continue
				if t.startswith(kdir + '/') and not t.endswith('/out.pdf'):
					os.kill(p.pid, signal.SIGKILL)
					caught = True
					break
		except OSError:
			pass
		# 1 ms between looks catches the write, where a busy loop burned
		# a core for the whole run
		time.sleep(0.001)
	p.wait()
	if caught:
		break
print('caught' if caught else 'missed')
PY
check "SIGKILL during the write: the kill landed mid-write" grep -q caught "$T/killed"
check "SIGKILL during the write: no .handbook-* file left" bash -c "! ls -a '$T/kill' | grep -q '^.handbook-'"
check "SIGKILL during the write: the old PDF kept" cmp -s "$T/kill/out.pdf" <(printf 'good old pdf\n')

finish hostile-output
