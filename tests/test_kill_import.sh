#!/bin/sh
# SIGKILL during `kallelse import` at KILL_RUNS (default 50) moments spread
# over the whole import (0 ms up to past its end), re-importing a changed
# packet over a database that holds the old one and the user's data (a
# mark, notes, a reading position). After each kill (tests/kill_lib.sh):
# integrity_check and `kallelse check` pass; the content is all the old
# or all the new, compared table by table (meetings, items, every
# document's text hash, the search index) and as `agenda --json` shows
# it; the user's data is exactly as it was. Every fifth killed database
# is then imported into again and must end with the new content: a kill
# leaves nothing behind that stops the next import. The moment of the
# kill is not asserted, only what is left: each run passes whenever it
# lands.
set -u
bin=${KALLELSE_BIN:-./kallelse}
seeds=${KALLELSE_SEEDS:-../shared/seeds}
seed=$seeds/000_064591761fb2138b.txt
runs=${KILL_RUNS:-50}
[ -r "$seed" ] || { echo "SKIP: no seed $seed"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: sqlite3 is not installed"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-kill-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
. "$(dirname "$0")/kill_lib.sh"

# The old state: the seed and the user's data; the new packet changes a title and the place.
"$bin" --db "$tmp/base.db" import "$seed" >/dev/null || { echo "FAIL: import"; exit 1; }
add_userdata "$tmp/base.db"
want_user=$(userdata_of "$tmp/base.db")
sed -e 's/Spira, Insikten/Spira, Utsikten/' -e 's/Intern kontroll/Intern kontrollplan/' "$seed" > "$tmp/new.txt"
"$bin" --db "$tmp/base.db" agenda --json > "$tmp/old.json"
content_of "$tmp/base.db" > "$tmp/old.content"
cpdb "$tmp/base.db" "$tmp/full.db"
t0=$(ms_now)
"$bin" --db "$tmp/full.db" import "$tmp/new.txt" >/dev/null || { echo "FAIL: new import"; exit 1; }
t1=$(ms_now)
"$bin" --db "$tmp/full.db" agenda --json > "$tmp/new.json"
content_of "$tmp/full.db" > "$tmp/new.content"
cmp -s "$tmp/old.json" "$tmp/new.json" && { echo "FAIL: the new packet changes nothing"; exit 1; }
cmp -s "$tmp/old.content" "$tmp/new.content" && { echo "FAIL: the new packet changes no row"; exit 1; }
[ "$(userdata_of "$tmp/full.db")" = "$want_user" ] || { echo "FAIL: a whole import changed the user's data"; exit 1; }
# Spread the kills from 0 to 1.5 times one import's length: a killed run
# starts a process too, and on a busy machine takes longer than the one timed.
span=$(( (t1 - t0) * 15 / 10 + 1 ))
old=0 new=0 again=0
i=0
start=$(ms_now)
while [ $i -lt "$runs" ]; do
	cpdb "$tmp/base.db" "$tmp/run.db"
	ms=$((span * i / runs))
	"$bin" --db "$tmp/run.db" import "$tmp/new.txt" >/dev/null 2>&1 &
	pid=$!
	pause $ms
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	check_db "$tmp/run.db" "run $i (${ms} ms)"
	"$bin" --db "$tmp/run.db" agenda --json > "$tmp/run.json" 2>&1
	content_of "$tmp/run.db" > "$tmp/run.content"
	if cmp -s "$tmp/run.json" "$tmp/old.json" && cmp -s "$tmp/run.content" "$tmp/old.content"; then
		old=$((old + 1))
	elif cmp -s "$tmp/run.json" "$tmp/new.json" && cmp -s "$tmp/run.content" "$tmp/new.content"; then
		new=$((new + 1))
	else
		bad "run $i (${ms} ms): content neither all old nor all new"
		diff "$tmp/old.content" "$tmp/run.content" | head -5
	fi
	[ "$(userdata_of "$tmp/run.db")" = "$want_user" ] || bad "run $i (${ms} ms): the user's data changed"
	if [ $((i % 5)) -eq 4 ]; then
		"$bin" --db "$tmp/run.db" import "$tmp/new.txt" >/dev/null 2>&1 ||
			bad "run $i (${ms} ms): the next import fails"
		content_of "$tmp/run.db" | cmp -s - "$tmp/new.content" ||
			bad "run $i (${ms} ms): the next import does not give the new content"
		again=$((again + 1))
	fi
	i=$((i + 1))
done
echo "import: $runs kills over ${span} ms: $old left the old content, $new the new," \
	"$again imported again; $(( $(ms_now) - start )) ms; $fail failures"
exit $fail
