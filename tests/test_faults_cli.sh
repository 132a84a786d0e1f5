#!/bin/sh
# Faults at the command line, with the real binary and the real seed:
# - a write past `ulimit -f` (SIGXFSZ ignored): a clear error and exit 1;
#   a first import leaves no database, -wal or -shm; a later one leaves
#   the old content as it was;
# - a few NUL bytes in a packet: imported, each reported by its line; a
#   binary file still refused;
# - a database cut short: exit 1, a message naming it, bytes and mtime kept;
# - check finds it and check --repair keeps the user's data; backup and
#   restore carry it;
# - a read-only folder: meetings, agenda, show and search all work (as
#   "nobody" when run as root, whom permissions do not stop).
set -u
bin=${KALLELSE_BIN:-./kallelse}
seeds=${KALLELSE_SEEDS:-../shared/seeds}
seed=$seeds/000_064591761fb2138b.txt
[ -r "$seed" ] || { echo "SKIP: no seed $seed"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-faults-XXXXXX") || exit 1
chmod 755 "$tmp"
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
export KALLELSE_BUSY_TIMEOUT=200

# ---- ulimit -f ----
out=$( (ulimit -f 500; "$bin" --db "$tmp/a.db" import "$seed") 2>&1); rc=$?
[ $rc -eq 1 ] || bad "ulimit -f first import: exit $rc, want 1: $out"
echo "$out" | grep -q "a.db" || bad "ulimit -f: message does not name the database: $out"
ls "$tmp"/a.db* >/dev/null 2>&1 && bad "a failed first import left $(ls "$tmp"/a.db*)"
"$bin" --db "$tmp/a.db" import "$seeds/001_0a8010a3815bf54a.txt" >/dev/null 2>&1
"$bin" --db "$tmp/b.db" import "$seed" >/dev/null || bad "plain import failed"
"$bin" --db "$tmp/b.db" agenda --json > "$tmp/before.json"
sed 's/Spira/Spiran/' "$seed" > "$tmp/changed.txt"
out=$( (ulimit -f 3000; "$bin" --db "$tmp/b.db" import "$tmp/changed.txt") 2>&1); rc=$?
if [ $rc -ne 0 ]; then
	"$bin" --db "$tmp/b.db" agenda --json > "$tmp/after.json"
	cmp -s "$tmp/before.json" "$tmp/after.json" || bad "a failed re-import changed the content"
fi
[ "$(sqlite3 "$tmp/b.db" 'PRAGMA integrity_check')" = ok ] || bad "b.db damaged after ulimit -f"

# ---- NUL bytes ----
{ head -c 100000 "$seed"; printf 'x\000y'; tail -c +100001 "$seed" | head -c 300000;
  printf '\000'; tail -c +400001 "$seed"; } > "$tmp/nul.txt"
out=$("$bin" --db "$tmp/n.db" import "$tmp/nul.txt" 2>&1); rc=$?
[ $rc -eq 0 ] || bad "a packet with 2 NUL bytes was refused: $out"
[ "$(echo "$out" | grep -c 'a NUL byte replaced')" -eq 2 ] || bad "NUL bytes not reported by line: $out"
line=$(head -c 100001 "$tmp/nul.txt" | wc -l)
echo "$out" | grep -q "line $((line + 1)): a NUL byte" || bad "wrong line for the first NUL (want $((line + 1))): $out"
head -c 20000 /dev/urandom > "$tmp/bin.txt"
out=$("$bin" --db "$tmp/n.db" import "$tmp/bin.txt" 2>&1) && bad "a binary file was imported"
echo "$out" | grep -q "not text" || bad "binary file: $out"

# ---- cut short ----
cp "$tmp/b.db" "$tmp/c.db"
truncate -s -1 "$tmp/c.db"
before=$(stat -c '%s %Y %y' "$tmp/c.db"); sum=$(cksum < "$tmp/c.db")
for cmd in meetings agenda "search budget"; do
	out=$("$bin" --db "$tmp/c.db" $cmd 2>&1); rc=$?
	[ $rc -eq 1 ] || bad "$cmd on a truncated file: exit $rc"
	echo "$out" | grep -q "c.db is damaged" || bad "$cmd on a truncated file: $out"
done
out=$("$bin" --db "$tmp/c.db" import "$seed" 2>&1) && bad "import into a truncated file worked"
[ "$before" = "$(stat -c '%s %Y %y' "$tmp/c.db")" ] && [ "$sum" = "$(cksum < "$tmp/c.db")" ] ||
	bad "the truncated file was changed"

# ---- check, check --repair, backup, restore ----
cp "$tmp/b.db" "$tmp/r.db"
cp "$tmp/b-user.db" "$tmp/r-user.db"
sqlite3 "$tmp/r-user.db" "INSERT INTO mark(item_id, person, kind, comment, shared, updated) VALUES
  ('namnd-for-folkhalsa-och-sjukvard-2024-12-10/9', 'Anna', 'diskussion', 'fråga', 0, '2026-01-01T00:00:00Z');
  INSERT INTO note(doc_id, item_id, position, text, updated) VALUES (NULL, 'x/9', 0, 'min anteckning', '2026-01-01T00:00:00Z')"
out=$("$bin" --db "$tmp/r.db" check 2>&1) || bad "check on a whole database: $out"
"$bin" --db "$tmp/r.db" backup "$tmp/r.backup" >/dev/null || bad "backup failed"
truncate -s -1 "$tmp/r.db"
out=$("$bin" --db "$tmp/r.db" check 2>&1); rc=$?
[ $rc -eq 1 ] || bad "check on a truncated file: exit $rc"
echo "$out" | grep -q "check --repair" || bad "check does not say how to repair: $out"
out=$("$bin" --db "$tmp/r.db" agenda 2>&1) && bad "agenda on a truncated file worked"
echo "$out" | grep -q "r.db check --repair" || bad "agenda on a damaged file does not name the repair: $out"
out=$("$bin" --db "$tmp/r.db" check --repair 2>&1); rc=$?
[ $rc -eq 0 ] || bad "check --repair: exit $rc: $out"
echo "$out" | grep -q "Moved the damaged database to .*r.db.damaged-" || bad "check --repair did not say where: $out"
echo "$out" | grep -q "r-user.db, which was not touched" || bad "check --repair does not say the user file was kept: $out"
[ "$(sqlite3 "$tmp/r-user.db" "SELECT comment FROM mark; SELECT text FROM note")" = "fråga
min anteckning" ] || bad "the user's data did not survive the repair"
ls "$tmp"/r.db.damaged-* >/dev/null 2>&1 || bad "the damaged file is gone"
out=$("$bin" --db "$tmp/r.db" check 2>&1) || bad "check after the repair: $out"
"$bin" --db "$tmp/r.db" import "$seed" >/dev/null || bad "import after the repair failed"
sqlite3 "$tmp/r-user.db" "DELETE FROM mark; DELETE FROM note"
out=$("$bin" --db "$tmp/r.db" restore "$tmp/r.backup" 2>&1) || bad "restore: $out"
[ "$(sqlite3 "$tmp/r-user.db" "SELECT comment FROM mark; SELECT text FROM note")" = "fråga
min anteckning" ] || bad "restore did not bring the data back"
out=$("$bin" --db "$tmp/r.db" restore "$seed" 2>&1) && bad "restore from a packet worked: $out"

# ---- read-only folder ----
mkdir "$tmp/ro"
cp "$tmp/b.db" "$tmp/ro/k.db"
as=""
if [ "$(id -u)" -eq 0 ]; then
	chown -R nobody "$tmp/ro"
	as="su nobody -s /bin/sh -c"
fi
chmod 400 "$tmp/ro/k.db"; chmod 500 "$tmp/ro"
mid=namnd-for-folkhalsa-och-sjukvard-2024-12-10
for cmd in meetings agenda "show $mid/9" "search budget"; do
	if [ -n "$as" ]; then
		out=$($as "'$bin' --db '$tmp/ro/k.db' $cmd" 2>&1); rc=$?
	else
		out=$("$bin" --db "$tmp/ro/k.db" $cmd 2>&1); rc=$?
	fi
	[ $rc -eq 0 ] || bad "$cmd in a read-only folder: exit $rc: $out"
done
# check: the content intact, and no user file to vouch for (none was copied).
if [ -n "$as" ]; then
	out=$($as "'$bin' --db '$tmp/ro/k.db' check" 2>&1); rc=$?
else
	out=$("$bin" --db "$tmp/ro/k.db" check 2>&1); rc=$?
fi
[ $rc -eq 0 ] || bad "check in a read-only folder: exit $rc: $out"
echo "$out" | grep -q "k-user.db: not there yet" || bad "check without a user file: $out"
ls "$tmp/ro" | grep -q shm && bad "reading a read-only folder made files: $(ls "$tmp/ro")"
exit $fail
