#!/bin/sh
# The user's own data survives any damage to the content (issue 16), with
# the real binary: a laptop syncs a publication from a folder, the user
# notes, marks and reads; then the content file is damaged (cut short,
# random bytes in its pages), check names it, check --repair moves it aside
# and leaves the user file byte for byte as it was, and the next plain
# `kallelse sync` fetches everything again (not "Up to date") while the
# pinned publisher key and the last serial still hold: an older publication
# is refused as a rollback, another signer as another key. Then the user
# file is damaged: check names it, check --repair rebuilds it from what it
# still reads and the newest daily backup, and the meetings are untouched.
set -u
bin=${KALLELSE_BIN:-./kallelse}
seeds=${KALLELSE_SEEDS:-../shared/seeds}
seed=$seeds/000_064591761fb2138b.txt
[ -r "$seed" ] || { echo "SKIP: no seed $seed"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: sqlite3 is not installed"; exit 77; }
t=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-userdb-XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
as() { who=$1; shift; XDG_DATA_HOME=$t/$who/data XDG_CONFIG_HOME=$t/$who/config "$bin" --db "$t/$who.db" "$@"; }
u=$t/lap-user.db
sum() { sha256sum < "$1"; }
user_rows() { sqlite3 "$u" "SELECT text FROM note ORDER BY 1; SELECT item_id, comment FROM mark ORDER BY 1;
	SELECT count(*) FROM reading; SELECT value FROM setting WHERE key IN ('sync.serial', 'sync.publisher') ORDER BY key"; }

# ---- the secretary publishes twice (serial 1 kept aside, then 2) ----
as sec import "$seed" >/dev/null || { echo "FAIL: import"; exit 1; }
as sec publish "$t/pub" >/dev/null || { echo "FAIL: publish"; exit 1; }
cp -r "$t/pub" "$t/pub1"
as sec publish "$t/pub" >/dev/null || { echo "FAIL: publish 2"; exit 1; }

# ---- the laptop syncs, notes, marks, reads ----
as lap sync "$t/pub" >"$t/out" 2>&1 || { echo "FAIL: sync: $(cat "$t/out")"; exit 1; }
[ -f "$u" ] || bad "no user file beside the database"
[ "$(sqlite3 "$t/lap.db" "SELECT count(*) FROM sqlite_master WHERE name IN ('note', 'mark', 'reading', 'setting')")" = 0 ] ||
	bad "user tables in the content file"
item=$(sqlite3 "$t/lap.db" "SELECT id FROM agenda_item WHERE number='7'")
doc=$(sqlite3 "$t/lap.db" "SELECT id FROM document ORDER BY id LIMIT 1")
# The note through kallelse (as a user writes one): the session leaves the
# day's backup of the user file, which the repair below starts from.
sqlite3 "$u" "INSERT INTO mark(item_id, person, initials, kind, comment, shared, updated, removed)
	VALUES ('$item', 'Jag', 'J', 'diskussion', 'ta upp', 0, '2026-01-01T10:00:00.000Z', 0);
	INSERT INTO reading(doc_id, position, sha256, read_at, read_sha256)
	SELECT '$doc', 12, 'x', '2026-01-01T10:00:00Z', 'x'"
as lap note "$item" 'Fråga om budgeten' >/dev/null || bad "note: $(as lap note "$item" 'Fråga om budgeten' 2>&1)"
want=$(user_rows)
echo "$want" | grep -q "Fråga om budgeten" || bad "the note is not there: $want"
meetings=$(as lap meetings --json | jq length)
[ "$meetings" -ge 1 ] || bad "no meetings after the sync"
out=$(as lap check 2>&1) || bad "check on a whole pair: $out"
echo "$out" | grep -q "lap-user.db: your marks, notes and reading state are intact" || bad "check output: $out"

# ---- content damaged, three ways ----
cp "$t/lap.db" "$t/lap.good"
n=0
for how in truncate half random; do
	cp "$t/lap.good" "$t/lap.db"
	rm -f "$t/lap.db-wal" "$t/lap.db-shm"
	size=$(stat -c %s "$t/lap.db")
	case $how in
	truncate) truncate -s -1 "$t/lap.db" ;;
	half) truncate -s $((size / 2)) "$t/lap.db" ;;
	random) for off in 3 60 120; do
			head -c 16384 /dev/urandom | dd of="$t/lap.db" bs=16384 seek=$off conv=notrunc 2>/dev/null
		done ;;
	esac
	before=$(sum "$u")
	out=$(as lap check 2>&1) && bad "$how: check found nothing"
	echo "$out" | grep -q "lap.db" || bad "$how: check does not name the content file: $out"
	echo "$out" | grep -q "check --repair" || bad "$how: check does not say how to repair: $out"
	out=$(as lap check --repair 2>&1) || bad "$how: check --repair: $out"
	echo "$out" | grep -q "lap-user.db, which was not touched" || bad "$how: repair output: $out"
	[ "$(sum "$u")" = "$before" ] || bad "$how: the user file changed in the repair"
	# The next plain sync fetches everything again; trust and serial held.
	out=$(as lap sync 2>&1) || bad "$how: sync after the repair: $out"
	echo "$out" | grep -q "Up to date" && bad "$how: sync after the repair says up to date: $out"
	[ "$(as lap meetings --json | jq length)" = "$meetings" ] || bad "$how: the meetings did not come back"
	[ "$(user_rows)" = "$want" ] || bad "$how: the user's data changed: $(user_rows)"
	n=$((n + 1))
done
rm -f "$t"/lap.db.damaged-*

# Rollback protection and the pinned key survive a repair of the content.
truncate -s -1 "$t/lap.db"
as lap check --repair >/dev/null 2>&1 || bad "repair for the rollback"
out=$(as lap sync "$t/pub1" 2>&1) && bad "an older publication was taken after a repair: $out"
echo "$out" | grep -q "rollback" || bad "rollback after a repair: $out"
cp "$t/sec.db" "$t/other.db"; cp "$t/sec-user.db" "$t/other-user.db"
as other publish "$t/pub3" >/dev/null 2>&1 || bad "other publish"
out=$(as lap sync "$t/pub3" 2>&1) && bad "another signer was taken after a repair: $out"
echo "$out" | grep -q "signed by another key" || bad "another key after a repair: $out"
as lap sync "$t/pub" >/dev/null 2>&1 || bad "sync back from the real publication"

# ---- the user file damaged: rebuilt from what it reads and the newest backup ----
ls "$t"/backups/lap-user-*.backup >/dev/null 2>&1 || bad "no daily backup of the user file"
content=$(sum "$t/lap.db")
for how in header page; do
	bk=$(ls "$t"/backups/lap-user-*.backup | tail -1)
	cp "$u" "$t/u.good"
	case $how in
	header) printf 'XXXXXXXXXXXXXXXX' | dd of="$u" bs=1 seek=0 conv=notrunc 2>/dev/null ;;
	page) head -c 4096 /dev/urandom | dd of="$u" bs=4096 seek=2 conv=notrunc 2>/dev/null ;;
	esac
	out=$(as lap meetings 2>&1)
	case $how in header)
		echo "$out" | grep -q "lap-user.db" || bad "$how: meetings does not name the user file: $out" ;;
	esac
	out=$(as lap check 2>&1) && bad "$how: check found nothing"
	echo "$out" | grep -q "lap-user.db" || bad "$how: check does not name the user file: $out"
	out=$(as lap check --repair 2>&1) || bad "$how: check --repair: $out"
	echo "$out" | grep -q "newest backup, .*lap-user-" || bad "$how: repair did not use the backup: $out"
	ls "$u".damaged-* >/dev/null 2>&1 || bad "$how: the damaged user file is gone"
	[ "$(user_rows)" = "$want" ] || bad "$how: after the repair: $(user_rows)"
	[ "$(sum "$t/lap.db")" = "$content" ] || bad "$how: the content changed"
	out=$(as lap check 2>&1) || bad "$how: check after the repair: $out"
	rm -f "$u".damaged-*
	n=$((n + 1))
done
echo "$n damages repaired, the other file intact each time"
exit $fail
