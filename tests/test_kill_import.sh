#!/bin/sh
# SIGKILL during `kallelse import` at 50 moments spread over the whole
# import (0 ms up to past its end), re-importing a changed packet over a
# database that holds the old one and a mark the user set. After each:
# PRAGMA integrity_check is ok, `agenda --json` is all the old content or
# all the new, and the mark is there as it was. The moment of the kill is
# not asserted, only what is left: each run passes whenever it lands.
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

# The old state: the seed and one mark; the new packet changes a title and the place.
"$bin" --db "$tmp/base.db" import "$seed" >/dev/null || { echo "FAIL: import"; exit 1; }
item=$(sqlite3 "$tmp/base.db" "SELECT id FROM agenda_item ORDER BY ord LIMIT 1 OFFSET 3")
# The user's own data is in base-user.db beside base.db.
sqlite3 "$tmp/base-user.db" "INSERT INTO mark(item_id, person, kind, comment, shared, updated)
	VALUES ('$item', 'jag', 'fråga', 'Vad kostar det?', 0, '2024-12-01T10:00:00Z')" ||
	{ echo "FAIL: the mark"; exit 1; }
mark() { sqlite3 "$1" "SELECT item_id, person, kind, comment FROM mark"; }
want_mark=$(mark "$tmp/base-user.db")
[ -n "$want_mark" ] || { echo "FAIL: no mark"; exit 1; }
sed -e 's/Spira, Insikten/Spira, Utsikten/' -e 's/Intern kontroll/Intern kontrollplan/' "$seed" > "$tmp/new.txt"
"$bin" --db "$tmp/base.db" agenda --json > "$tmp/old.json"
cp "$tmp/base.db" "$tmp/full.db"
cp "$tmp/base-user.db" "$tmp/full-user.db"
t0=$(date +%s%N)
"$bin" --db "$tmp/full.db" import "$tmp/new.txt" >/dev/null || { echo "FAIL: new import"; exit 1; }
t1=$(date +%s%N)
"$bin" --db "$tmp/full.db" agenda --json > "$tmp/new.json"
cmp -s "$tmp/old.json" "$tmp/new.json" && { echo "FAIL: the new packet changes nothing"; exit 1; }
# Spread the kills from 0 to 1.2 times one import's length.
span=$(( (t1 - t0) / 1000000 * 12 / 10 ))
old=0 new=0
i=0
while [ $i -lt "$runs" ]; do
	rm -f "$tmp/run.db" "$tmp/run.db-wal" "$tmp/run.db-shm" "$tmp/run-user.db"*
	cp "$tmp/base.db" "$tmp/run.db"
	cp "$tmp/base-user.db" "$tmp/run-user.db"
	ms=$((span * i / runs))
	"$bin" --db "$tmp/run.db" import "$tmp/new.txt" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	ok=$(sqlite3 "$tmp/run.db" "PRAGMA integrity_check" 2>&1)
	[ "$ok" = ok ] || bad "run $i (${ms} ms): integrity_check: $ok"
	"$bin" --db "$tmp/run.db" agenda --json > "$tmp/run.json" 2>&1
	if cmp -s "$tmp/run.json" "$tmp/old.json"; then old=$((old + 1))
	elif cmp -s "$tmp/run.json" "$tmp/new.json"; then new=$((new + 1))
	else bad "run $i (${ms} ms): content neither old nor new"; fi
	[ "$(mark "$tmp/run-user.db")" = "$want_mark" ] || bad "run $i (${ms} ms): the mark changed"
	i=$((i + 1))
done
echo "$runs kills over ${span} ms: $old left the old content, $new the new, $fail failures"
exit $fail
