#!/usr/bin/env bash
# Adds up the "N passed, N failed" lines of every test runner in a folder and
# prints the total as the run's last line; fails when any test failed or a
# runner printed no count (it crashed).
dir=$1
passed=0 failed=0
for f in "$dir"/*.txt; do
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$f" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$(basename "$f" .txt): runner crashed or printed no result" >&2
		failed=$((failed + 1))
		continue
	fi
	p=${line%% passed*}
	q=${line#*, }
	q=${q%% failed*}
	passed=$((passed + p))
	failed=$((failed + q))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
