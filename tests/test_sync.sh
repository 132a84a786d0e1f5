#!/bin/sh
# Sync end to end, real things only: a secretary database imports the seed
# and publishes; laptop 1 (the chair) syncs over HTTP from a real nginx,
# laptop 2 from the folder; both show the secretary's agenda. The chair's
# mark travels (PUT to nginx's WebDAV marks/) to laptop 2; a forged marks
# file is refused. The secretary re-imports a corrected packet and
# republishes; the laptops get it and keep their notes. Then every fault
# (missing or unreachable source, truncated or corrupted bundle, not a
# manifest, bad or missing signature, unknown key, rollback, stale, a bundle
# from a newer format, oversized files) leaves the laptop's database exactly
# as it was (a dump compared, PRAGMA integrity_check).
set -u
bin=${KALLELSE_BIN:-./kallelse}
here=$(dirname "$0")
sign=${SYNC_SIGN:-$(dirname "$bin")/tests/sync_sign}
seeds=${KALLELSE_SEEDS:-../shared/seeds}
seed=$seeds/000_064591761fb2138b.txt
[ -r "$seed" ] || { echo "SKIP: no seed $seed"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: sqlite3 is not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl is not installed"; exit 77; }
. "$here/nginx.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-sync-XXXXXX") || exit 1
trap 'nginx_stop; rm -rf "$t"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
# Each person has a data folder (keys) and a config folder (who they are).
as() { who=$1; shift; XDG_DATA_HOME=$t/$who/data XDG_CONFIG_HOME=$t/$who/config "$bin" --db "$t/$who.db" "$@"; }
mkdir -p "$t/chair/config/kallelse" "$t/l2/config/kallelse"
chair="Thomas Gustafsson"
printf 'name = %s\n' "$chair" > "$t/chair/config/kallelse/config"
printf 'name = Anna Andersson\n' > "$t/l2/config/kallelse/config"
# The database's content and the user's own data (marks, notes, the pinned
# key: NAME-user.db beside NAME.db); a failed sync adds only its own note of
# the attempt (sync.failed, sync.failure: the meetings view shows it),
# checked apart in fault().
dump() {
	{ sqlite3 "$1" .dump; sqlite3 "${1%.db}-user.db" .dump; } |
		grep -v "^INSERT INTO setting VALUES('sync\.fail" | sha256sum
}

# ---- the secretary publishes ----
as sec import "$seed" >/dev/null || { echo "FAIL: import"; exit 1; }
fp=$(as sec key | sed -n 's/^Fingerprint: //p')
chair_pk=$(as chair key | sed -n 's/^Public key: *//p')
as sec keys add "$chair" "$chair_pk" >/dev/null || bad "keys add"
as sec keys | grep -q "$chair" || bad "keys does not list the chair"
as sec keys add "Nobody" "not-a-key" 2>"$t/err" && bad "keys add took a bad key"
grep -q "not a public key" "$t/err" || bad "bad key message: $(cat "$t/err")"
as sec publish "$t/pub" > "$t/out" || bad "publish: $(cat "$t/out")"
grep -q "serial 1" "$t/out" || bad "publish output: $(cat "$t/out")"
cp -r "$t/pub" "$t/pub1"	# serial 1, for the rollback below
nginx_start "$t/nginx" "$t/pub"
as sec agenda --json > "$t/sec.json"

# ---- two laptops ----
as chair sync "$nginx_url/" --expect "$fp" > "$t/out" 2>&1 || bad "chair sync: $(cat "$t/out")"
grep -q "First sync" "$t/out" || bad "first sync does not show the fingerprint: $(cat "$t/out")"
grep -q "1 new meeting" "$t/out" || bad "chair sync result: $(cat "$t/out")"
as l2 sync "$t/pub" > "$t/out" 2>&1 || bad "l2 sync: $(cat "$t/out")"
for who in chair l2; do
	as $who agenda --json > "$t/$who.json"
	cmp -s "$t/sec.json" "$t/$who.json" || bad "$who's agenda differs from the secretary's"
done
# A wrong --expect at a first sync is refused.
as l3 sync "$t/pub" --expect 0000-0000-0000-0000 > "$t/out" 2>&1 && bad "wrong --expect accepted"
grep -q "not 0000-0000-0000-0000" "$t/out" || bad "wrong --expect message: $(cat "$t/out")"
# Unchanged: remembered source, nothing fetched (HTTP answers 304).
# The first sync pinned the publisher's key and serial (the user's trust:
# the day's backup of the user file holds them); what an unchanged sync
# notes (when, the result) is bookkeeping and calls for no backup.
backups() { ls -l --time-style=+%s.%N "$t/backups" 2>/dev/null | sha256sum; }
had=$(backups)
as chair sync > "$t/out" 2>&1 || bad "second sync: $(cat "$t/out")"
grep -q "Up to date" "$t/out" || bad "unchanged sync: $(cat "$t/out")"
[ "$(backups)" = "$had" ] ||
	bad "a sync that changed no user data wrote a backup: $(ls -l "$t/backups")"

# ---- marks travel: the chair marks item 7, both sync, laptop 2 sees it ----
item=$(sqlite3 "$t/sec.db" "SELECT id FROM agenda_item WHERE number='7'")
sqlite3 "$t/chair-user.db" "INSERT INTO mark(item_id, person, initials, kind, comment, shared, updated, removed)
	VALUES ('$item', '$chair', 'TG', 'diskussion', 'Ta upp budgeten', 1, '2024-12-05T10:00:00.000Z', 0)"
as chair sync > "$t/out" 2>&1 || bad "chair sync with a mark: $(cat "$t/out")"
grep -q "1 sent" "$t/out" || bad "the chair's mark did not go out: $(cat "$t/out")"
[ -s "$t/pub/marks/thomas-gustafsson" ] || bad "no marks file under the publication"
as l2 sync > "$t/out" 2>&1 || bad "l2 sync for marks: $(cat "$t/out")"
got=$(sqlite3 "$t/l2-user.db" "SELECT person, initials, comment FROM mark WHERE item_id='$item' AND NOT removed")
[ "$got" = "$chair|TG|Ta upp budgeten" ] || bad "laptop 2 has not the chair's mark: '$got'"
# A forged marks file (the comment changed after signing) is refused.
cp "$t/pub/marks/thomas-gustafsson" "$t/marks.good"
sed 's/Ta upp budgeten/Stryk punkten/' "$t/marks.good" > "$t/pub/marks/thomas-gustafsson"
as l3 sync "$t/pub" > "$t/out" 2>&1 || bad "l3 sync: $(cat "$t/out")"
grep -q "not signed by their key" "$t/out" || bad "forged marks not reported: $(cat "$t/out")"
[ -z "$(sqlite3 "$t/l3-user.db" "SELECT 1 FROM mark")" ] || bad "a forged mark was accepted"
# An oversized marks file is refused.
head -c 2000000 /dev/zero | tr '\0' x > "$t/pub/marks/thomas-gustafsson"
as l4 sync "$t/pub" > "$t/out" 2>&1 || bad "l4 sync: $(cat "$t/out")"
grep -q "allowed" "$t/out" || bad "oversized marks not reported: $(cat "$t/out")"
cp "$t/marks.good" "$t/pub/marks/thomas-gustafsson"

# ---- a corrected packet: laptops get it and keep their notes ----
sqlite3 "$t/l2-user.db" "INSERT INTO note(item_id, position, text, created, updated)
	VALUES ('$item', 0, 'Min anteckning', '2024-12-05T10:00:00Z', '2024-12-05T10:00:00Z')"
sed 's/Patientsäkerhet/Patientsäkerhet och vårdskador/' "$seed" > "$t/corrected.txt"
as sec import "$t/corrected.txt" >/dev/null || bad "re-import"
# The secretary syncs from the own publication for the presidium's marks:
# they come in, and the correction not yet published stays (applying the
# published bundle would put the old packet back; the republish below
# would then write no bundle).
as sec sync "$t/pub" > "$t/out" 2>&1 || bad "the secretary's sync: $(cat "$t/out")"
grep -q "Your own publication" "$t/out" || bad "own publication not told: $(cat "$t/out")"
grep -q "Marks: 1 received" "$t/out" || bad "the secretary got no marks: $(cat "$t/out")"
as sec agenda | grep -q "Patientsäkerhet och vårdskador" || bad "the secretary's sync undid the correction"
as sec marks | grep -q "Ta upp budgeten" || bad "the secretary's marks list lacks the chair's mark"
as sec publish "$t/pub" > "$t/out" || bad "republish: $(cat "$t/out")"
grep -q "serial 2: meetings 1, bundles written 1" "$t/out" || bad "republish output: $(cat "$t/out")"
# Marks are the laptops' own (agenda --json lists them): compare the content.
content_only() { jq -S 'walk(if type == "object" then del(.marks) else . end)'; }
as sec agenda --json | content_only > "$t/sec2.json"
content_only < "$t/sec.json" > "$t/sec1.json"
cmp -s "$t/sec1.json" "$t/sec2.json" && bad "the corrected packet changed nothing"
for who in chair l2; do
	as $who sync > "$t/out" 2>&1 || bad "$who sync after the correction: $(cat "$t/out")"
	grep -q "0 new meetings, 1 updated, 0 removed" "$t/out" || bad "$who result: $(cat "$t/out")"
	as $who agenda --json | content_only > "$t/$who.json"
	cmp -s "$t/sec2.json" "$t/$who.json" || bad "$who's agenda is not the corrected one"
done
[ "$(sqlite3 "$t/l2-user.db" "SELECT text FROM note")" = "Min anteckning" ] || bad "the note was lost"
[ -n "$(sqlite3 "$t/l2-user.db" "SELECT 1 FROM mark WHERE item_id='$item'")" ] || bad "the mark was lost"

# ---- faults: each leaves laptop 2 exactly as it was ----
# A third publication, not yet synced: a new place.
sed 's/Spira, Insikten/Spira, Utsikten/' "$t/corrected.txt" > "$t/third.txt"
as sec import "$t/third.txt" >/dev/null || bad "third import"
as sec publish "$t/pub" >/dev/null || bad "third publish"
new=$(sqlite3 "$t/sec-user.db" "SELECT value FROM setting WHERE key='publish.serial'")
bundle=$(ls -t "$t/pub/b" | head -1)
before=$(dump "$t/l2.db")
fault() {	# name, expected message, source
	name=$1 want=$2 src=$3
	as l2 sync "$src" > "$t/out" 2>&1 && bad "$name: sync succeeded"
	grep -q "$want" "$t/out" || bad "$name: message '$(cat "$t/out")' lacks '$want'"
	[ "$(sqlite3 "$t/l2.db" "PRAGMA integrity_check")" = ok ] || bad "$name: integrity_check"
	[ "$(dump "$t/l2.db")" = "$before" ] || bad "$name: the database changed"
	sqlite3 "$t/l2-user.db" "SELECT value FROM setting WHERE key='sync.failure'" | grep -q "$want" ||
		bad "$name: the failed attempt is not recorded for the meetings view"
}
copy() { rm -rf "$t/f"; cp -r "$t/pub" "$t/f"; }
fault "missing folder" "could not be reached" "$t/nowhere"
fault "unreachable server" "could not be reached" "http://127.0.0.1:1/"
copy; head -c 1000 "$t/pub/b/$bundle" > "$t/f/b/$bundle"
fault "truncated bundle" "is damaged" "$t/f"
copy; printf X | dd of="$t/f/b/$bundle" bs=1 seek=500 conv=notrunc 2>/dev/null
fault "corrupted bundle" "is damaged" "$t/f"
copy; rm "$t/f/b/$bundle"
fault "missing bundle" "no such file" "$t/f"
copy; echo "hello" > "$t/f/manifest"
fault "not a manifest" "manifest is not" "$t/f"
# Flip the signature's first character: 0 becomes 1, anything else 0 (the
# first version left a signature starting "0x" unchanged, 1 run in 16).
copy; sed '1s/^0/#/;1s/^[^#]/0/;1s/^#/1/' "$t/pub/manifest" > "$t/f/manifest"
fault "bad signature" "signature does not match" "$t/f"
copy; sed 1d "$t/pub/manifest" > "$t/f/manifest"
fault "missing signature" "not signed" "$t/f"
copy; sed -i '2,$s/"serial": [0-9]*/"serial": 99/' "$t/f/manifest"
fault "changed after signing" "signature does not match" "$t/f"
cp "$t/sec.db" "$t/other.db"; cp "$t/sec-user.db" "$t/other-user.db"
XDG_DATA_HOME=$t/other/data "$bin" --db "$t/other.db" publish "$t/f2" >/dev/null || bad "other publish"
fault "unknown key" "signed by another key" "$t/f2"
fault "rollback" "rollback" "$t/pub1"
cp "$t/sec.db" "$t/stale.db"; cp "$t/sec-user.db" "$t/stale-user.db"
XDG_DATA_HOME=$t/sec/data "$bin" --db "$t/stale.db" publish "$t/f3" --valid-days 0 >/dev/null || bad "stale publish"
fault "stale" "stale" "$t/f3"
# Properly signed, but a bundle from a newer format: refused with a clear message.
copy; sed 's/^{"format":1,/{"format":2,/' "$t/pub/b/$bundle" > "$t/newer"
nsha=$(sha256sum "$t/newer" | cut -d' ' -f1); nsize=$(wc -c < "$t/newer")
mv "$t/newer" "$t/f/b/$nsha"
sed 1d "$t/pub/manifest" | sed "s/\"sha256\": \"$bundle\"/\"sha256\": \"$nsha\"/;s/\"size\": $(wc -c < "$t/pub/b/$bundle")/\"size\": $nsize/" |
	XDG_DATA_HOME=$t/sec/data "$sign" > "$t/f/manifest"
fault "newer bundle format" "newer than the 1" "$t/f"
# Oversized: a manifest past its limit, and a bundle larger than the manifest says.
copy; { sed -n 1p "$t/pub/manifest"; head -c 9000000 /dev/zero | tr '\0' ' '; } > "$t/f/manifest"
fault "oversized manifest" "allowed" "$t/f"
copy; cat "$t/pub/b/$bundle" "$t/pub/b/$bundle" > "$t/f/b/$bundle"
fault "oversized bundle" "allowed\|damaged" "$t/f"
# After all of that, the real publication still syncs.
as l2 sync > "$t/out" 2>&1 || bad "sync after the faults: $(cat "$t/out")"
grep -q "Serial $new" "$t/out" || bad "after the faults: $(cat "$t/out")"
# A source stopped: the laptop says it cannot be reached and keeps working.
nginx_stop
as chair sync > "$t/out" 2>&1 && bad "sync with the server down succeeded"
grep -q "could not be reached" "$t/out" || bad "server down: $(cat "$t/out")"
as chair agenda --json > /dev/null || bad "agenda after a failed sync"
exit $fail
