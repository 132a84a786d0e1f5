#!/bin/sh
# Import the seed packet with the real binary into a scratch database and
# compare `kallelse agenda 2024-12-10 --json` with gold/agenda.json and
# `kallelse show 2024-12-10 --json` with gold/meeting.json, field by field:
# every key the gold has must be there with the same value; keys the
# commands add (id, documents ...) are ignored. Needs jq.
set -u
bin=${KALLELSE_BIN:-./kallelse}
seeds=${KALLELSE_SEEDS:-../shared/seeds}
goldd=${KALLELSE_GOLD:-../shared/gold}
seed=$seeds/000_064591761fb2138b.txt

skip_or_fail() {
	if [ "${CI:-}" = true ]; then echo "FAIL: $1 (CI=true)"; exit 1; fi
	echo "SKIP: $1"; exit 77
}
[ -r "$seed" ] || skip_or_fail "seed $seed is missing; set KALLELSE_SEEDS"
[ -r "$goldd/agenda.json" ] || skip_or_fail "gold files are missing; set KALLELSE_GOLD"
command -v jq >/dev/null 2>&1 || skip_or_fail "jq is not installed (apt-get install jq)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-gold-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
db=$tmp/k.db

"$bin" --db "$db" import "$seed" >"$tmp/import.out" 2>&1 || {
	echo "FAIL: import of the seed failed:"; cat "$tmp/import.out"; exit 1; }

fail=0
# compare NAME GOLD ACTUAL: list every gold leaf path whose value differs.
compare() {
	jq -n --slurpfile g "$2" --slurpfile a "$3" '
		def leaves: paths(scalars, nulls) as $p | {path: $p, value: getpath($p)};
		[$g[0] | leaves] as $gl
		| [$gl[] | . as $l | ($a[0] | try getpath($l.path) catch "<missing>") as $v
		   | select($v != $l.value or ($a[0] | try (getpath($l.path[:-1]) | has($l.path[-1])) catch false) == false)
		   | "\($l.path | map(tostring) | join(".")): gold \($l.value | tojson), got \($v | tojson)"]
		| .[]' -r >"$tmp/$1.diff" || { echo "FAIL: $1: jq could not read the output"; fail=1; return; }
	# Arrays must have the gold's length too (no extra items or people).
	jq -n --slurpfile g "$2" --slurpfile a "$3" -r '
		[$g[0] | paths(arrays)] as $ap
		| $ap[] as $p | ($g[0] | getpath($p) | length) as $gn
		| ($a[0] | try (getpath($p) | length) catch -1) as $an
		| select($gn != $an) | "\($p | map(tostring) | join(".")): gold has \($gn) entries, got \($an)"' \
		>>"$tmp/$1.diff"
	if [ -s "$tmp/$1.diff" ]; then
		echo "FAIL: $1 differs from the gold in $(wc -l <"$tmp/$1.diff") fields:"
		head -40 "$tmp/$1.diff"
		fail=1
	else
		echo "ok: $1 equals the gold in every field"
	fi
}

if ! "$bin" --db "$db" agenda 2024-12-10 --json >"$tmp/agenda.json" 2>"$tmp/agenda.err"; then
	if grep -q "not built yet" "$tmp/agenda.err"; then
		skip_or_fail "the agenda command is not built yet"
	fi
	echo "FAIL: kallelse agenda --json:"; cat "$tmp/agenda.err"; exit 1
fi
"$bin" --db "$db" show 2024-12-10 --json >"$tmp/meeting.json" 2>"$tmp/show.err" || {
	echo "FAIL: kallelse show --json:"; cat "$tmp/show.err"; exit 1; }
# Kallade (members, others) apart from För kännedom (ersättare, regionråd).
split=$(jq -c '[.called, .for_information]' "$tmp/meeting.json")
if [ "$split" != '[["members","others"],["ersattare","regionrad"]]' ]; then
	echo "FAIL: show --json: called / for_information: got $split"; fail=1
fi
if ! "$bin" --db "$db" show 2024-12-10 >"$tmp/show.txt" 2>&1 ||
    ! awk '/^Called:/ { c = NR } /^For information:/ { f = NR }
	/^  Jane Ydman / { o = NR } /^  Erik Wågman / { e = NR } /^  Rachel De Basso / { r = NR }
	END { exit !(c && c < o && o < f && f < e && e < r) }' "$tmp/show.txt"; then
	echo "FAIL: show: Called (members, others) must come before For information (substitutes, regional councillors):"
	head -5 "$tmp/show.txt"; fail=1
fi

# The gold has one entry per item; breaks in the timetable ("kind":
# "break") are agenda rows of their own, checked apart: the seed's one
# break, "Paus 14.35–14.50", stands between items 7 and 8.
jq '[.[] | select(.kind != "break")]' "$tmp/agenda.json" >"$tmp/agenda-items.json" || {
	echo "FAIL: kallelse agenda --json is not a JSON array"; exit 1; }
breaks=$(jq -c '[range(length) as $i | select(.[$i].kind == "break")
	| [.[$i - 1].number, .[$i].label, .[$i].time_start, .[$i].time_end, .[$i + 1].number]]' \
	"$tmp/agenda.json")
if [ "$breaks" = '[[7,"Paus","14.35","14.50",8]]' ]; then
	echo "ok: the break Paus 14.35–14.50 stands between items 7 and 8"
else
	echo "FAIL: breaks in the agenda: want [[7,\"Paus\",\"14.35\",\"14.50\",8]], got $breaks"
	fail=1
fi
compare agenda "$goldd/agenda.json" "$tmp/agenda-items.json"
compare meeting "$goldd/meeting.json" "$tmp/meeting.json"
exit $fail
