#!/bin/sh
# SIGKILL during `kallelse sync` and during `kallelse publish`, at points
# spread over each (0 ms to past its end). After a killed sync the laptop's
# database passes integrity_check and holds all the old content or all the
# new, with its note; after a killed publish the folder is still a whole
# publication: a fresh laptop syncs it (old serial or new). The moment of
# the kill is not asserted, only what is left.
set -u
bin=${KALLELSE_BIN:-./kallelse}
seeds=${KALLELSE_SEEDS:-../shared/seeds}
seed=$seeds/000_064591761fb2138b.txt
runs=${KILL_RUNS:-20}
[ -r "$seed" ] || { echo "SKIP: no seed $seed"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: sqlite3 is not installed"; exit 77; }
t=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-killsync-XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
export XDG_DATA_HOME=$t/data XDG_CONFIG_HOME=$t/config
ms_now() { date +%s%N | cut -c1-13; }
pause() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

"$bin" --db "$t/sec.db" import "$seed" >/dev/null || { echo "FAIL: import"; exit 1; }
"$bin" --db "$t/sec.db" publish "$t/pub" >/dev/null || { echo "FAIL: publish"; exit 1; }
"$bin" --db "$t/base.db" sync "$t/pub" >/dev/null || { echo "FAIL: first sync"; exit 1; }
# The user's own data (the note, the remembered source) is in NAME-user.db beside NAME.db.
cpdb() { rm -f "$2" "$2-wal" "$2-shm" "${2%.db}-user.db"*; cp "$1" "$2"; cp "${1%.db}-user.db" "${2%.db}-user.db"; }
sqlite3 "$t/base-user.db" "ATTACH '$t/base.db' AS c; INSERT INTO note(item_id, position, text, created, updated) VALUES
	((SELECT id FROM c.agenda_item LIMIT 1), 0, 'Min anteckning', '2024-12-05T10:00:00Z', '2024-12-05T10:00:00Z')" ||
	{ echo "FAIL: the note"; exit 1; }
"$bin" --db "$t/base.db" agenda --json > "$t/old.json"
cp -r "$t/pub" "$t/pub.old"
sed -e 's/Spira, Insikten/Spira, Utsikten/' -e 's/Patientsäkerhet/Patientsäkerhet och vårdskador/' \
	"$seed" > "$t/new.txt"
"$bin" --db "$t/sec.db" import "$t/new.txt" >/dev/null || { echo "FAIL: new import"; exit 1; }
cpdb "$t/sec.db" "$t/sec.base.db"
t0=$(ms_now)
"$bin" --db "$t/sec.db" publish "$t/pub" >/dev/null || { echo "FAIL: publish"; exit 1; }
pub_span=$(( ($(ms_now) - t0) * 12 / 10 + 1 ))
cpdb "$t/base.db" "$t/full.db"
t0=$(ms_now)
"$bin" --db "$t/full.db" sync >/dev/null || { echo "FAIL: sync"; exit 1; }
sync_span=$(( ($(ms_now) - t0) * 12 / 10 + 1 ))
"$bin" --db "$t/full.db" agenda --json > "$t/new.json"
cmp -s "$t/old.json" "$t/new.json" && { echo "FAIL: the new packet changes nothing"; exit 1; }

old=0 new=0 i=0
while [ $i -lt "$runs" ]; do
	cpdb "$t/base.db" "$t/run.db"
	ms=$((sync_span * i / runs))
	"$bin" --db "$t/run.db" sync >/dev/null 2>&1 &
	pid=$!
	pause $ms
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	ok=$(sqlite3 "$t/run.db" "PRAGMA integrity_check" 2>&1)
	[ "$ok" = ok ] || bad "sync run $i (${ms} ms): integrity_check: $ok"
	"$bin" --db "$t/run.db" agenda --json > "$t/run.json" 2>&1
	if cmp -s "$t/run.json" "$t/old.json"; then old=$((old + 1))
	elif cmp -s "$t/run.json" "$t/new.json"; then new=$((new + 1))
	else bad "sync run $i (${ms} ms): content neither old nor new"; fi
	[ "$(sqlite3 "$t/run-user.db" "SELECT text FROM note")" = "Min anteckning" ] || bad "sync run $i: the note"
	i=$((i + 1))
done
echo "sync: $runs kills over ${sync_span} ms: $old old, $new new"

# What a fresh laptop shows from the old and from the new publication.
for v in old new; do
	src=$t/pub; [ $v = old ] && src=$t/pub.old
	rm -f "$t/fresh.db" "$t/fresh-user.db"
	"$bin" --db "$t/fresh.db" sync "$src" >/dev/null || bad "fresh sync of the $v publication"
	"$bin" --db "$t/fresh.db" agenda --json > "$t/fresh_$v.json"
done
old=0 new=0 i=0
while [ $i -lt "$runs" ]; do
	rm -rf "$t/prun"
	cp -r "$t/pub.old" "$t/prun"
	cpdb "$t/sec.base.db" "$t/prun.db"
	ms=$((pub_span * i / runs))
	"$bin" --db "$t/prun.db" publish "$t/prun" >/dev/null 2>&1 &
	pid=$!
	pause $ms
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	rm -f "$t/fresh.db" "$t/fresh-user.db"
	if "$bin" --db "$t/fresh.db" sync "$t/prun" > "$t/out" 2>&1; then
		"$bin" --db "$t/fresh.db" agenda --json > "$t/run.json" 2>&1
		if cmp -s "$t/run.json" "$t/fresh_old.json"; then old=$((old + 1))
		elif cmp -s "$t/run.json" "$t/fresh_new.json"; then new=$((new + 1))
		else bad "publish run $i (${ms} ms): content neither old nor new"; fi
	else
		bad "publish run $i (${ms} ms): the folder does not sync: $(cat "$t/out")"
	fi
	i=$((i + 1))
done
echo "publish: $runs kills over ${pub_span} ms: $old old, $new new"
exit $fail
