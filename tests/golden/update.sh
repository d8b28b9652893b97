#!/usr/bin/env bash
# `make golden`: rewrites every tests/golden/NAME.dump from the program as
# it is now.  Run it only for a change meant to move the layout, then read
# `git diff tests/golden` before committing.
set -u
HB=${HANDBOOK:-build/handbook}
HB=$(cd "$(dirname "$HB")" && pwd)/$(basename "$HB")
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$ROOT"
. tests/golden/lib.sh
for name in $(golden_cases); do
	golden_run "$name" >"$GOLDEN/$name.dump"
	echo "golden: $GOLDEN/$name.dump ($(wc -l <"$GOLDEN/$name.dump") lines)"
done
