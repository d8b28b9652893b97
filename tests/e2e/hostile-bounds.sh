#!/usr/bin/env bash
# Inputs that make cmark-gfm 0.29 take time or memory out of proportion
# (issue 12, items 7 and 8), and running out of memory (item 9).  Each
# pathological shape runs at n and 2n, three times each: it must build with
# a warning naming file and line, the median CPU time may at most about double
# (2.4x allows for noise), and the peak memory stays within 40 bytes per
# input byte plus 64 MB.  Prints "N passed, N failed".
. "$(dirname "$0")/lib/harness.sh"
# limits are multiplied by this under sanitizers (make asan sets it)
SLOW=${HANDBOOK_SLOW:-1}
export SLOW
L1=L1-Junior-DevOps-Support-Engineer.md

# shape SHAPE N: writes the level file of a pathological shape at size N
shape() { python3 - "$1" "$2" >"$T/c/$L1" <<'PY'
import sys
s, n = sys.argv[1], int(sys.argv[2])
out = sys.stdout
out.write('# L1: Bomb\n\nText.\n\n')
if s == 'linkbomb':    # one 10 KB target used by every reference
    out.write('[a]: http://example.com/' + 'x' * 10000 + '\n\n' + '[a]' * n + '\n')
elif s == 'imgbracket':
    out.write('![[]()' * n + '\n')
elif s == 'cells':     # a header row of n cells, no table
    out.write('|x' * n + '\n|-|\n')
elif s == 'columns':   # a table n columns wide
    out.write('|x' * n + '|\n' + '|-' * n + '|\n' + '|y' * n + '|\n')
elif s == 'cdata':
    out.write('a<![CDATA[' * n + '\n')
PY
}

# measure ARGS...: runs the program three times; the median CPU seconds (user
# and system: wall time on a loaded machine says more about the load) in $T/time,
# peak KB (the largest of the runs) in $T/rss, the last exit status in $rc,
# stderr in $T/err
measure() { python3 - "$@" <<'PY' 2>"$T/err"
import os, resource, subprocess, sys, time
def cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime
ts = []
for _ in range(3):
    t0 = cpu()
    p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=120 * int(os.environ.get('SLOW', '1')))
    ts.append(cpu() - t0)
sys.stderr.write(p.stderr.decode(errors="replace"))
open(os.environ["T"] + "/time", "w").write("%.3f" % sorted(ts)[1])
open(os.environ["T"] + "/rss", "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(p.returncode)
PY
rc=$?; }

# bounded NAME SHAPE N WARNING: the checks above for one shape
bounded() {
	local name=$1 sh=$2 n=$3 warn=$4 t1 t2 r1 r2 b1 b2 rc1 rc2
	fixture; shape "$sh" "$n"; b1=$(stat -c %s "$T/c/$L1")
	measure "$HB" -q -o "$T/o.pdf" "$T/c"; rc1=$rc; t1=$(cat "$T/time"); r1=$(cat "$T/rss")
	check "$name at n ($b1 bytes): PDF made, warning names file and line" \
		bash -c "[ $rc1 -eq 0 ] && grep -q '$L1:[0-9][0-9]*: warning: $warn' '$T/err'"
	shape "$sh" $((2 * n)); b2=$(stat -c %s "$T/c/$L1")
	measure "$HB" -q -o "$T/o.pdf" "$T/c"; rc2=$rc; t2=$(cat "$T/time"); r2=$(cat "$T/rss")
	check "$name at 2n: PDF made" test $rc2 -eq 0
	check "$name: CPU time ${t1} s -> ${t2} s at twice the input (at most 2.4x)" \
		awk -v a="$t1" -v b="$t2" 'BEGIN { exit !(b <= 2.4 * a) }'
	check "$name: peak $((r1 / 1024)) MB -> $((r2 / 1024)) MB (at most 40 B per input byte + 64 MB)" \
		bash -c "[ $r1 -le $(( (40 * b1 / 1024 + 65536) * SLOW )) ] && [ $r2 -le $(( (40 * b2 / 1024 + 65536) * SLOW )) ]"
}

bounded "reference-link bomb" linkbomb 20000 "links by reference would copy more than"
bounded "'![[]()' repeated" imgbracket 10000 "more than 256 image openers"
bounded "header row of thousands of cells" cells 20000 "a table row with"
bounded "table thousands of columns wide" columns 10000 "a table row with"
bounded "'a<![CDATA[' repeated" cdata 10000 "[0-9]* HTML openers .* are set as text"

# the text past a bound stays visible
fixture; shape linkbomb 2000
run_text() { "$HB" -q -o "$T/o.pdf" "$T/c" 2>/dev/null && pdftotext "$T/o.pdf" - | tr -d '\n' | grep -o '\[a\]' | wc -l; }
check "reference-link bomb: the references past the budget are shown as text" \
	bash -c "[ \$($(declare -f run_text); HB='$HB' T='$T' run_text) -gt 1500 ]"

# one action per long web address, however many links use it; links to it
# separated by text keep separate areas
fixture
U="https://example.com/$(printf 'p%.0s' $(seq 300))"
printf '\n## Links\n\nOne [first](%s) and [second](%s) and [third](%s) and [short](https://example.com/s).\n' \
	"$U" "$U" "$U" >>"$T/c/$L1"
"$HB" -q -o "$T/u.pdf" "$T/c" 2>/dev/null
qpdf --qdf --object-streams=disable "$T/u.pdf" "$T/uq.pdf" 2>/dev/null
check "a long web address linked three times is written once" \
	bash -c "[ \$(grep -a -c 'pppppppppppppppppppp' '$T/uq.pdf') -eq 1 ]"
check "its three links keep three areas, each pointing at the one action" \
	bash -c "[ \$(grep -a '^  /A [0-9]* 0 R' '$T/uq.pdf' | sort | uniq -c | awk '{ print \$1 }') -eq 3 ]"
check "the PDF with a shared action is valid" qpdf --check "$T/u.pdf"

# ---- running out of memory: exit 1 with a message, the old PDF kept ----
keep() { printf 'good old pdf\n' >"$T/keep.pdf"; }
kept() { cmp -s "$T/keep.pdf" <(printf 'good old pdf\n'); }
if [ "$SLOW" -gt 1 ]; then
	ok "out of memory: skipped under sanitizers (they reserve more address space than any limit)"
else
	fixture
	python3 -c "
import random
random.seed(1)
w = 'support engineer ticket customer escalation runbook incident deployment agent server'.split()
print('# L1: Big\n')
for p in range(200): print(' '.join(random.choice(w) for _ in range(7000)) + '\n')
" >"$T/c/$L1"
	keep
	(ulimit -c 0 -v 200000; exec "$HB" -q -o "$T/keep.pdf" "$T/c") 2>"$T/err"; rc=$?
	check "out of memory (ulimit -v 200 MB, 12 MB input): exit 1, one message, no abort" \
		bash -c "[ $rc -eq 1 ] && grep -qx 'handbook: error: out of memory' '$T/err' && ! grep -q 'abort' '$T/err'"
	check "out of memory: old PDF byte-for-byte, no temporary file" \
		bash -c "$(declare -f kept); kept && ! ls -a '$T' | grep -q '^.handbook-'"
	# every limit from where the libraries load (ICU's data alone maps 31 MB)
	# to where the book fits: the run fails in cmark, layout, HarfBuzz or
	# libharu, always with exit 1
	bad=""
	for lim in $(seq 50000 1000 72000); do
		keep
		(ulimit -c 0 -v $lim; exec "$HB" -q -o "$T/keep.pdf" content) 2>"$T/err"; rc=$?
		if [ $rc -eq 0 ]; then
			continue
		elif [ $rc -ne 1 ] || ! grep -q 'error: ' "$T/err" || ! kept; then
			bad="$bad $lim:rc=$rc"
		fi
	done
	check "out of memory at every limit from 50 to 72 MB: exit 0, or 1 with a message and the old PDF kept" \
		bash -c "[ -z '$bad' ] || { echo 'failed at:$bad'; false; }"
fi

finish hostile-bounds
