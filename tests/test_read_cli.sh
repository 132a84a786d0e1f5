#!/bin/sh
# kallelse read on the seed, with the real binary: item 16's grant table
# (Tabell 1) comes out with every organisation's name and its three
# amounts on one line, nothing but plain text (no escapes), and --json
# gives a table block whose rows are the cells. Then kallelse original
# on a document imported from text says there is no original.
set -u
bin=${KALLELSE_BIN:-./kallelse}
seeds=${KALLELSE_SEEDS:-../shared/seeds}
seed=$seeds/000_064591761fb2138b.txt

if [ ! -r "$seed" ]; then
	if [ "${CI:-}" = true ]; then echo "FAIL: seed $seed is missing (CI=true)"; exit 1; fi
	echo "SKIP: seed $seed is missing; set KALLELSE_SEEDS"; exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-read-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
db=$tmp/k.db
"$bin" --db "$db" import "$seed" >"$tmp/import.out" 2>&1 || {
	echo "FAIL: import of the seed failed:"; cat "$tmp/import.out"; exit 1; }

fail=0
say() { echo "FAIL: $*"; fail=1; }

"$bin" --db "$db" read 2024-12-10/16/3 >"$tmp/read.txt" 2>"$tmp/read.err" ||
	say "read 2024-12-10/16/3 exits with $?: $(cat "$tmp/read.err")"
# Name, decision 2024, applied for 2025, proposed 2025 on one line.
for row in "Brottsofferjouren +370 000 +430 000 +400 000" \
    "BRIS region väst\\* +100 000 +200 000 +100 000" \
    "Hela Människan\\* +300 000 +350 000 +300 000" \
    "NSPH Jönköping \\(Nationell Samverkan för Psykisk Hälsa\\)\\* +75 000 +1 000 000 +130 000" \
    "RF-SISU Småland .*\\* +9 397 000 +9 773 000 +9 630 000" \
    "Smålands frisksportsdistrikt\\* +259 000 +291 000 +270 000"; do
	grep -Eq "^$row( |$)" "$tmp/read.txt" || say "no line with the row: $row"
done
n=$(grep -Ec '^[^ ].*[^0-9 ] +[0-9]{1,3}( [0-9]{3})* +[0-9]{1,3}( [0-9]{3})* +[0-9]{1,3}( [0-9]{3})*( |$)' "$tmp/read.txt")
[ "$n" -ge 20 ] || say "only $n lines of Tabell 1 have a name and three amounts"
if LC_ALL=C grep -q "$(printf '\033')" "$tmp/read.txt"; then say "escape characters in the output"; fi

# The N-th document alone; all of them without N.
"$bin" --db "$db" read 2024-12-10/16 >"$tmp/all.txt" 2>&1 || say "read 2024-12-10/16 exits with $?"
grep -q "^Brottsofferjouren " "$tmp/all.txt" || say "read without N lacks the table"
grep -q "^§ 137" "$tmp/all.txt" || say "read without N lacks the first document"
"$bin" --db "$db" read 2024-12-10/16/9 >"$tmp/bad.out" 2>&1 && say "read of document 9 of 3 succeeds"
grep -q "has 3 documents" "$tmp/bad.out" || say "no clear message for document 9: $(cat "$tmp/bad.out")"

"$bin" --db "$db" read 2024-12-10/16/3 --json >"$tmp/read.json" || say "read --json exits with $?"
if command -v jq >/dev/null 2>&1; then
	jq -e '.documents[0].blocks | map(select(.kind == "table")) | .[0].cells
	    | map(select(.[0] == "Brottsofferjouren" and .[1] == "370 000")) | length == 1' \
	    "$tmp/read.json" >/dev/null || say "--json has no table row for Brottsofferjouren"
else
	grep -q '"kind": *"table"' "$tmp/read.json" || say "--json has no table block"
fi

"$bin" --db "$db" original 2024-12-10/16/3 -o "$tmp/x.pdf" >"$tmp/orig.out" 2>&1 &&
	say "original of a text import succeeds"
grep -q "no original file" "$tmp/orig.out" || say "original: no clear message: $(cat "$tmp/orig.out")"
[ -e "$tmp/x.pdf" ] && say "original wrote a file anyway"

[ $fail -eq 0 ] && echo "ok: kallelse read lays out item 16's grant table row by row"
exit $fail
