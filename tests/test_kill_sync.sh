#!/bin/sh
# SIGKILL during `kallelse sync` and during `kallelse publish`, KILL_RUNS
# (default 50) times each, at points spread over each (0 ms to past its
# end). After a killed sync the laptop's database passes integrity_check
# and `kallelse check`, holds all the old content or all the new
# (tests/kill_lib.sh compares the tables and `agenda --json`), and the
# user's data (a mark, notes, a reading position) is as it was. After a
# killed publish the secretariat's database passes the same checks with
# its user data intact, and the folder is still a whole publication: a
# fresh laptop syncs it and gets all the old content or all the new. Every
# fifth run then finishes the operation (sync again; publish again and a
# fresh sync) and must end with the new content. The moment of the kill
# is not asserted, only what is left.
set -u
bin=${KALLELSE_BIN:-./kallelse}
seeds=${KALLELSE_SEEDS:-../shared/seeds}
seed=$seeds/000_064591761fb2138b.txt
runs=${KILL_RUNS:-50}
[ -r "$seed" ] || { echo "SKIP: no seed $seed"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: sqlite3 is not installed"; exit 77; }
t=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-killsync-XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
. "$(dirname "$0")/kill_lib.sh"
export XDG_DATA_HOME=$t/data XDG_CONFIG_HOME=$t/config
# A fresh laptop's sync of a publication folder, its content printed to $2.
fresh() {
	rm -f "$t/fresh.db"* "$t/fresh-user.db"*
	"$bin" --db "$t/fresh.db" sync "$1" > "$t/out" 2>&1 || return 1
	{ "$bin" --db "$t/fresh.db" agenda --json; content_of "$t/fresh.db"; } > "$2" 2>&1
}
whole() { { "$bin" --db "$1" agenda --json; content_of "$1"; } 2>&1; }

"$bin" --db "$t/sec.db" import "$seed" >/dev/null || { echo "FAIL: import"; exit 1; }
add_userdata "$t/sec.db"
sec_user=$(userdata_of "$t/sec.db")
"$bin" --db "$t/sec.db" publish "$t/pub" >/dev/null || { echo "FAIL: publish"; exit 1; }
"$bin" --db "$t/base.db" sync "$t/pub" >/dev/null || { echo "FAIL: first sync"; exit 1; }
add_userdata "$t/base.db"
want_user=$(userdata_of "$t/base.db")
whole "$t/base.db" > "$t/old.txt"
cp -r "$t/pub" "$t/pub.old"
sed -e 's/Spira, Insikten/Spira, Utsikten/' -e 's/Patientsäkerhet/Patientsäkerhet och vårdskador/' \
	"$seed" > "$t/new.txt"
"$bin" --db "$t/sec.db" import "$t/new.txt" >/dev/null || { echo "FAIL: new import"; exit 1; }
cpdb "$t/sec.db" "$t/sec.base.db"
t0=$(ms_now)
"$bin" --db "$t/sec.db" publish "$t/pub" >/dev/null || { echo "FAIL: publish"; exit 1; }
pub_span=$(( ($(ms_now) - t0) * 15 / 10 + 1 ))
cpdb "$t/base.db" "$t/full.db"
t0=$(ms_now)
"$bin" --db "$t/full.db" sync >/dev/null || { echo "FAIL: sync"; exit 1; }
sync_span=$(( ($(ms_now) - t0) * 15 / 10 + 1 ))
whole "$t/full.db" > "$t/new.txt.content"
cmp -s "$t/old.txt" "$t/new.txt.content" && { echo "FAIL: the new packet changes nothing"; exit 1; }
[ "$(userdata_of "$t/full.db")" = "$want_user" ] || { echo "FAIL: a whole sync changed the user's data"; exit 1; }

old=0 new=0 again=0 i=0
start=$(ms_now)
while [ $i -lt "$runs" ]; do
	cpdb "$t/base.db" "$t/run.db"
	ms=$((sync_span * i / runs))
	"$bin" --db "$t/run.db" sync >/dev/null 2>&1 &
	pid=$!
	pause $ms
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	check_db "$t/run.db" "sync run $i (${ms} ms)"
	whole "$t/run.db" > "$t/run.txt"
	if cmp -s "$t/run.txt" "$t/old.txt"; then old=$((old + 1))
	elif cmp -s "$t/run.txt" "$t/new.txt.content"; then new=$((new + 1))
	else bad "sync run $i (${ms} ms): content neither all old nor all new"; fi
	[ "$(userdata_of "$t/run.db")" = "$want_user" ] || bad "sync run $i (${ms} ms): the user's data changed"
	if [ $((i % 5)) -eq 4 ]; then
		"$bin" --db "$t/run.db" sync > "$t/out" 2>&1 || bad "sync run $i: the next sync fails: $(cat "$t/out")"
		whole "$t/run.db" | cmp -s - "$t/new.txt.content" || bad "sync run $i: the next sync does not give the new content"
		again=$((again + 1))
	fi
	i=$((i + 1))
done
echo "sync: $runs kills over ${sync_span} ms: $old old, $new new, $again synced again; $(( $(ms_now) - start )) ms"

# What a fresh laptop shows from the old and from the new publication.
fresh "$t/pub.old" "$t/fresh_old" || bad "fresh sync of the old publication: $(cat "$t/out")"
fresh "$t/pub" "$t/fresh_new" || bad "fresh sync of the new publication: $(cat "$t/out")"
old=0 new=0 again=0 i=0
start=$(ms_now)
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
	check_db "$t/prun.db" "publish run $i (${ms} ms)"
	[ "$(userdata_of "$t/prun.db")" = "$sec_user" ] || bad "publish run $i (${ms} ms): the user's data changed"
	if fresh "$t/prun" "$t/run.txt"; then
		if cmp -s "$t/run.txt" "$t/fresh_old"; then old=$((old + 1))
		elif cmp -s "$t/run.txt" "$t/fresh_new"; then new=$((new + 1))
		else bad "publish run $i (${ms} ms): content neither all old nor all new"; fi
	else
		bad "publish run $i (${ms} ms): the folder does not sync: $(cat "$t/out")"
	fi
	if [ $((i % 5)) -eq 4 ]; then
		"$bin" --db "$t/prun.db" publish "$t/prun" > "$t/out" 2>&1 ||
			bad "publish run $i: the next publish fails: $(cat "$t/out")"
		fresh "$t/prun" "$t/run.txt" && cmp -s "$t/run.txt" "$t/fresh_new" ||
			bad "publish run $i: the next publish does not give the new content"
		again=$((again + 1))
	fi
	i=$((i + 1))
done
echo "publish: $runs kills over ${pub_span} ms: $old old, $new new, $again published again; $(( $(ms_now) - start )) ms"
exit $fail
