#!/bin/sh
# The presidium's marks and the private notes through the command line,
# with the real binary on the seed:
# - no identity: mark says how to set one, exit 1, nothing marked;
# - the chair (--as "Thomas Gustafsson") marks 15 and 18, a comment on 18;
#   marks --json lists both with initials TG; marks --csv parses (python3's
#   csv) with a header and the comment (quotes and a comma in it);
# - a plain member (a ledamot of show --json) is refused with the store's
#   message naming who may, exit 1, and no mark of theirs appears;
# - note (several lines via \n, and from stdin on a document) then notes
#   --json shows the notes with their item;
# - agenda --json and show MEETING/ITEM --json carry the marks;
# - re-importing the seed, and a corrected copy of it, keeps marks and notes.
set -u
bin=${KALLELSE_BIN:-./kallelse}
seeds=${KALLELSE_SEEDS:-../shared/seeds}
seed=$seeds/000_064591761fb2138b.txt

skip_or_fail() {
	if [ "${CI:-}" = true ]; then echo "FAIL: $1 (CI=true)"; exit 1; fi
	echo "SKIP: $1"; exit 77
}
[ -r "$seed" ] || skip_or_fail "seed $seed is missing; set KALLELSE_SEEDS"
for t in jq python3; do
	command -v $t >/dev/null 2>&1 || skip_or_fail "$t is not installed"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-marks-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
# No config of the user's: the identity comes from --as alone.
XDG_CONFIG_HOME=$tmp/config; export XDG_CONFIG_HOME
HOME=$tmp; export HOME
fail=0
bad() { echo "FAIL: $*"; fail=1; }
k() { "$bin" --db "$tmp/k.db" "$@"; }
chair() { "$bin" --db "$tmp/k.db" --as "Thomas Gustafsson" "$@"; }
M=2024-12-10

k import "$seed" >"$tmp/import.out" 2>&1 || { echo "FAIL: import:"; cat "$tmp/import.out"; exit 1; }

# ---- who am I ----
k mark $M/15 >"$tmp/noid.out" 2>"$tmp/noid.err"
rc=$?
[ $rc -eq 1 ] || bad "mark without identity: exit $rc, want 1"
grep -q -- "--as" "$tmp/noid.err" && grep -q "name = " "$tmp/noid.err" ||
	{ bad "mark without identity: no hint how to set one:"; cat "$tmp/noid.err"; }

# ---- the chair marks ----
chair mark $M/15 >"$tmp/m15.out" 2>&1 || { bad "chair mark 15:"; cat "$tmp/m15.out"; }
chair mark $M/18 --comment 'Diskutera "remissvaret", noga' >"$tmp/m18.out" 2>&1 ||
	{ bad "chair mark 18:"; cat "$tmp/m18.out"; }
k marks $M --json >"$tmp/marks.json" || bad "marks --json exit $?"
got=$(jq -r '[.[] | "\(.number):\(.initials)"] | join(" ")' "$tmp/marks.json")
[ "$got" = "15:TG 18:TG" ] || bad "marks --json: '$got', want '15:TG 18:TG'"
[ "$(jq -r '.[] | select(.number == "18") | .comment' "$tmp/marks.json")" = 'Diskutera "remissvaret", noga' ] ||
	bad "marks --json: no comment on 18"
[ "$(jq -r '.[0].name' "$tmp/marks.json")" = "Thomas Gustafsson" ] || bad "marks --json: no name"
# All meetings when none is given.
[ "$(k marks --json | jq length)" = 2 ] || bad "marks (all meetings) should list 2"

k marks --csv >"$tmp/marks.csv" || bad "marks --csv exit $?"
python3 - "$tmp/marks.csv" <<'PY' || bad "marks --csv does not parse as wanted"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert [r["item"] for r in rows] == ["15", "18"], rows
assert all(r["initials"] == "TG" and r["name"] == "Thomas Gustafsson" for r in rows), rows
assert rows[1]["comment"] == 'Diskutera "remissvaret", noga', rows[1]
assert rows[0]["comment"] == "" and rows[0]["orphan"] == "no", rows[0]
assert rows[1]["title"].startswith("Remiss: Stärkt stöd"), rows[1]
PY

# ---- a plain member is refused ----
member=$(k show $M --json | jq -r '[.members[] | select(.role == "ledamot")][0].name')
[ -n "$member" ] && [ "$member" != null ] || bad "no ledamot in show --json"
"$bin" --db "$tmp/k.db" --as "$member" mark $M/16 >"$tmp/deny.out" 2>"$tmp/deny.err"
rc=$?
[ $rc -eq 1 ] || bad "a ledamot's mark: exit $rc, want 1"
grep -q "only the presidium (Thomas Gustafsson" "$tmp/deny.err" ||
	{ bad "a ledamot's mark: not the store's message:"; cat "$tmp/deny.err"; }
[ "$(k marks --json | jq length)" = 2 ] || bad "the refused mark changed the marks"

# ---- notes ----
k note $M/18 'Fråga om kostnaden\noch om tidsplanen' >"$tmp/n1.out" 2>&1 || { bad "note:"; cat "$tmp/n1.out"; }
printf 'Läs kapitel 5\nsärskilt 5.3\n' | k note $M/18/2 - >"$tmp/n2.out" 2>&1 ||
	{ bad "note from stdin:"; cat "$tmp/n2.out"; }
k note $M/18/99 x >/dev/null 2>"$tmp/n3.err" && bad "note on document 99 of 18 succeeded"
k notes $M --json >"$tmp/notes.json" || bad "notes --json exit $?"
[ "$(jq -r '.[0].number + "|" + .[0].text' "$tmp/notes.json")" = "18|Fråga om kostnaden
och om tidsplanen" ] || { bad "notes --json: first note wrong:"; cat "$tmp/notes.json"; }
[ "$(jq -r '.[1].number + "|" + .[1].text + "|" + (.[1].doc_id != null | tostring)' "$tmp/notes.json")" = "18|Läs kapitel 5
särskilt 5.3|true" ] || bad "notes --json: the note on document 2 of item 18 is wrong"
[ "$(jq length "$tmp/notes.json")" = 2 ] || bad "notes --json should list 2 notes"

# ---- agenda and show --json carry the marks; the text agenda shows who marked ----
k agenda $M --json >"$tmp/agenda.json" || bad "agenda --json"
k agenda $M >"$tmp/agenda.txt" || bad "agenda"
[ "$(grep -c '  \* TG$' "$tmp/agenda.txt")" = 2 ] && grep -q '^  15 .*  \* TG$' "$tmp/agenda.txt" &&
	grep -q '^  18 .*  \* TG$' "$tmp/agenda.txt" || bad "agenda: not '* TG' on 15 and 18: $(grep -F '*' "$tmp/agenda.txt")"
[ "$(jq -r '[.[] | select(.kind == "item" and (.marks | length) > 0) | "\(.number):\(.marks[0].initials)"] | join(" ")' "$tmp/agenda.json")" = "15:TG 18:TG" ] ||
	bad "agenda --json: marks not on 15 and 18"
[ "$(jq -r '.[] | select((.number | tostring) == "18") | .marks[0].comment' "$tmp/agenda.json")" = 'Diskutera "remissvaret", noga' ] ||
	bad "agenda --json: no comment in 18's marks"
[ "$(k show $M/15 --json | jq -r '.marks[0].name')" = "Thomas Gustafsson" ] ||
	bad "show MEETING/ITEM --json: no mark"
[ "$(k show $M/16 --json | jq -r '.marks | length')" = 0 ] || bad "show 16 --json: marks not empty"

# ---- re-import keeps them ----
snapshot() { k marks --json | jq -c '[.[] | [.number, .name, .comment, .updated]]'; k notes --json | jq -c '[.[] | [.number, .doc_id, .text]]'; }
snapshot >"$tmp/before"
k import "$seed" >"$tmp/re.out" 2>&1 || { bad "re-import:"; cat "$tmp/re.out"; }
# A corrected packet: the same meeting with one line of its last document changed.
sed '$ s/$/ (rättad)/' "$seed" >"$tmp/corrected.txt"
k import "$tmp/corrected.txt" >"$tmp/re2.out" 2>&1 || { bad "corrected import:"; cat "$tmp/re2.out"; }
snapshot >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || { bad "re-importing changed marks or notes:"; diff "$tmp/before" "$tmp/after"; }
[ "$(k marks --json | jq '[.[] | select(.orphan)] | length')" = 0 ] || bad "marks became orphans"

# ---- unmark ----
chair mark $M/15 --remove >/dev/null 2>&1 || bad "mark --remove"
[ "$(k marks --json | jq -r '[.[].number] | join(" ")')" = 18 ] || bad "after --remove only 18 should be marked"
chair mark $M/15 --remove >/dev/null 2>"$tmp/rm2.err"
rc=$?
[ $rc -eq 1 ] && grep -q "has no mark by Thomas Gustafsson to remove" "$tmp/rm2.err" ||
	{ bad "removing a mark that is not there: exit $rc:"; cat "$tmp/rm2.err"; }

[ $fail -eq 0 ] && echo "ok: mark, marks (json, csv), note, notes, refusal, agenda/show marks, re-import"
exit $fail
