#!/bin/sh
# An archive's first import (issue 17): several packets into a new
# database are written while the rest are still parsed, all in one
# transaction, with a rollback journal (store_journal_build). Checked here,
# with the real binary:
# - a file that does not parse, given last (so the others are written
#   before it is found), leaves no database at all, and in an existing
#   database changes nothing;
# - SIGKILL at KILL_RUNS (default 12) moments spread over the whole build:
#   a reading command right after the kill (read-only, before anything
#   else opens the file) works and shows none or all of the meetings;
#   integrity_check and `kallelse check` pass; the journal is gone; a new
#   import then builds the whole archive.
set -u
bin=${KALLELSE_BIN:-./kallelse}
here=$(dirname "$0")
seed=${KALLELSE_SEEDS:-../shared/seeds}/000_064591761fb2138b.txt
runs=${KILL_RUNS:-12}
if [ ! -r "$seed" ]; then
	[ "${CI:-}" = true ] && { echo "FAIL: seed $seed is missing (CI=true)"; exit 1; }
	echo "SKIP: no seed $seed"
	exit 77
fi
command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: sqlite3 is not installed"; exit 77; }
command -v perl >/dev/null 2>&1 || { echo "SKIP: perl is not installed"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-build-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
. "$here/kill_lib.sh"

# 12 packets: 3 bodies x 4 meetings, each its own date.
perl "$here/bench/gen_archive.pl" --seed "$seed" --out "$tmp/archive" --bodies 3 --meetings 4 \
	--years 1 >/dev/null || { echo "FAIL: the generator failed"; exit 1; }
set -- "$tmp"/archive/*.txt
n=$#
[ "$n" -eq 12 ] || { echo "FAIL: expected 12 packets, got $n"; exit 1; }
meetings() { "$bin" --db "$1" meetings --json 2>&1 | grep -c '"id"'; }

# ---- a bad file last ----------------------------------------------------
: > "$tmp/empty.txt"
"$bin" --db "$tmp/new.db" import "$@" "$tmp/empty.txt" > "$tmp/bad.out" 2> "$tmp/bad.err" &&
	bad "an import with a bad file succeeded"
grep -q "empty.txt" "$tmp/bad.err" || bad "the message does not name the bad file: $(cat "$tmp/bad.err")"
grep -q "nothing was imported" "$tmp/bad.err" || bad "no 'nothing was imported': $(cat "$tmp/bad.err")"
grep -q "meeting" "$tmp/bad.out" && bad "meetings were reported imported: $(head -2 "$tmp/bad.out")"
for f in "$tmp/new.db" "$tmp/new.db-journal" "$tmp/new.db-wal" "$(user_of "$tmp/new.db")"; do
	[ -e "$f" ] && bad "a bad file left $f behind"
done
# The same into a database that holds a meeting: byte for byte as it was.
"$bin" --db "$tmp/one.db" import "$seed" >/dev/null || { echo "FAIL: import of the seed"; exit 1; }
before=$(content_of "$tmp/one.db")
"$bin" --db "$tmp/one.db" import "$@" "$tmp/empty.txt" >/dev/null 2>&1 &&
	bad "an import with a bad file succeeded (existing database)"
[ "$(content_of "$tmp/one.db")" = "$before" ] || bad "a bad file last changed the database"

# ---- the whole build, and how long it takes -------------------------------
t0=$(ms_now)
"$bin" --db "$tmp/full.db" import "$@" >/dev/null || { echo "FAIL: the build"; exit 1; }
t1=$(ms_now)
[ "$(meetings "$tmp/full.db")" -eq "$n" ] || bad "the build holds $(meetings "$tmp/full.db") meetings, not $n"
[ -e "$tmp/full.db-journal" ] && bad "the build left its journal"
want=$(content_of "$tmp/full.db")

# ---- kills ------------------------------------------------------------------
span=$(( (t1 - t0) * 15 / 10 + 1 ))
none=0 all=0 i=0
while [ $i -lt "$runs" ]; do
	db=$tmp/run.db
	rm -f "$db" "$db-wal" "$db-shm" "$db-journal" "$(user_of "$db")"*
	ms=$((span * i / runs))
	"$bin" --db "$db" import "$@" >/dev/null 2>&1 &
	pid=$!
	pause $ms
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ -e "$db" ]; then
		# Read-only first: it must play back a journal the kill left.
		got=$(meetings "$db")
		case $got in
		0) none=$((none + 1)) ;;
		"$n") all=$((all + 1)) ;;
		*) bad "run $i (${ms} ms): $got of $n meetings after the kill: $("$bin" --db "$db" meetings 2>&1 | head -3)" ;;
		esac
		[ -s "$db-journal" ] && bad "run $i (${ms} ms): a reading command left the journal"
		check_db "$db" "run $i (${ms} ms)"
	else
		none=$((none + 1))
	fi
	if [ $((i % 4)) -eq 3 ]; then
		"$bin" --db "$db" import "$@" >/dev/null 2>&1 || bad "run $i (${ms} ms): the next import fails"
		[ "$(content_of "$db")" = "$want" ] || bad "run $i (${ms} ms): the next import differs"
	fi
	i=$((i + 1))
done
echo "build of $n packets: $((t1 - t0)) ms; $runs kills over ${span} ms: $none left nothing," \
	"$all everything; $fail failures"
exit $fail
