#!/bin/sh
# kallelse print on the seed and on made-up agendas, with the real binary:
# - the PDF read back (pdftotext) has every item's number and title in
#   agenda order with å ä ö intact, pdfinfo's page count equals the text
#   export's pages (form feeds + 1), pdffonts shows every font embedded,
#   pdftoppm draws page 1 (ink on it);
# - the text export: a form feed between pages, "DAGORDNING n(m)" on each;
# - print --check: the seed passes; each made-up agenda trips its check.
set -u
bin=${KALLELSE_BIN:-./kallelse}
seeds=${KALLELSE_SEEDS:-../shared/seeds}
seed=$seeds/000_064591761fb2138b.txt

skip_or_fail() {
	if [ "${CI:-}" = true ]; then echo "FAIL: $1 (CI=true)"; exit 1; fi
	echo "SKIP: $1"; exit 77
}
[ -r "$seed" ] || skip_or_fail "seed $seed is missing; set KALLELSE_SEEDS"
for t in jq pdftotext pdfinfo pdffonts pdftoppm; do
	command -v $t >/dev/null 2>&1 || skip_or_fail "$t is not installed (apt-get install jq poppler-utils)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-print-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

"$bin" --db "$tmp/seed.db" import "$seed" >"$tmp/import.out" 2>&1 || {
	echo "FAIL: import of the seed:"; cat "$tmp/import.out"; exit 1; }

# ---- text ----
"$bin" --db "$tmp/seed.db" print 2024-12-10 -o "$tmp/a.txt" || bad "print -o a.txt"
text_pages=$(( $(tr -cd '\f' <"$tmp/a.txt" | wc -c) + 1 ))
n=0
while [ $n -lt $text_pages ]; do
	n=$((n + 1))
	grep -q "DAGORDNING $n($text_pages)" "$tmp/a.txt" || bad "text: no 'DAGORDNING $n($text_pages)'"
done
# Each page (split at form feeds) starts with its own DAGORDNING line.
awk -v RS='\f' -v want="$text_pages" '{ if ($0 !~ "DAGORDNING " NR "\\(" want "\\)") bad = 1 }
	END { exit bad || NR != want }' "$tmp/a.txt" || bad "text: pages and form feeds disagree"
awk 'length($0) > 80 { exit 1 }' "$tmp/a.txt" || bad "text: a line over 80 columns"
grep -q "^ *Paus  *14.35–14.50" "$tmp/a.txt" || bad "text: no Paus line"

# ---- PDF ----
if "$bin" --db "$tmp/seed.db" print 2024-12-10 -o "$tmp/a.pdf" 2>"$tmp/pdf.err"; then
	pages=$(pdfinfo "$tmp/a.pdf" | awk '/^Pages:/ { print $2 }')
	[ "$pages" = "$text_pages" ] || bad "PDF has $pages pages, the text $text_pages"
	[ "$text_pages" -ge 2 ] || bad "the seed's agenda should take 2 pages, got $text_pages"
	pdffonts "$tmp/a.pdf" | tail -n +3 >"$tmp/fonts"
	[ -s "$tmp/fonts" ] || bad "pdffonts lists no fonts"
	awk '$(NF-4) != "yes" { exit 1 }' "$tmp/fonts" || { bad "a font is not embedded:"; cat "$tmp/fonts"; }
	# -layout keeps each row of the table together (number, title, time).
	pdftotext -layout "$tmp/a.pdf" "$tmp/a.pdf.txt" || bad "pdftotext"
	# One line of the PDF's text: items in order, each number before its title's first words.
	tr '\n\f' '  ' <"$tmp/a.pdf.txt" | tr -s ' ' >"$tmp/flat"
	"$bin" --db "$tmp/seed.db" agenda 2024-12-10 --json |
		jq -r '.[] | select(.kind == "item") | "\(.number)\t\(.title | split(" ")[0:3] | join(" "))"' \
		>"$tmp/items"
	[ "$(wc -l <"$tmp/items")" -eq 15 ] || bad "agenda --json should list 15 items"
	rest=$(cat "$tmp/flat")
	while IFS="$(printf '\t')" read -r num words; do
		case $rest in
		*"$num $words"*) rest=${rest#*"$num $words"} ;;
		*) bad "PDF text: item $num '$words' missing or out of order" ;;
		esac
	done <"$tmp/items"
	for w in "Övergångsregler" "Jönköpings län" "Nämnd för folkhälsa och sjukvård" "Paus" "DAGORDNING 2(2)"; do
		grep -q "$w" "$tmp/flat" || bad "PDF text: '$w' missing"
	done
	# Page 1 drawn: a PNG with ink (not all white) on it.
	pdftoppm -png -r 40 -f 1 -l 1 "$tmp/a.pdf" "$tmp/p1" || bad "pdftoppm"
	pdftoppm -gray -r 40 -f 1 -l 1 "$tmp/a.pdf" "$tmp/g1"
	[ -s "$tmp/p1-1.png" ] || bad "no PNG of page 1"
	ink=$(tail -c +16 "$tmp/g1-1.pgm" | od -An -v -tu1 | tr -s ' ' '\n' | awk '$1 != "" && $1 < 128 { n++ } END { print n + 0 }')
	[ "$ink" -gt 500 ] || bad "page 1 has no ink ($ink dark pixels)"
elif grep -q "without PDF support" "$tmp/pdf.err"; then
	echo "note: built without cairo/pango; PDF checks skipped"
else
	bad "print -o a.pdf:"; cat "$tmp/pdf.err"
fi

# ---- checks ----
"$bin" --db "$tmp/seed.db" print 2024-12-10 --check >"$tmp/check.out" 2>&1 ||
	{ bad "the seed fails a check:"; cat "$tmp/check.out"; }

# A made-up packet: the header, then the agenda lines given ($1, with \n).
packet() {
	printf 'Nämnd för prov\nTid: 2025-03-04 13.00\n\n\fDAGORDNING 1(1)\nNämnd för prov\nTid: 2025-03-04 13.00\nPlats: Rummet\n%b\n' "$1"
}
ok_items='1 Upprop\n13.00–13.05\nInformation\n2 Verksamheten\n13.05–13.30\nAnna Berg, direktör\n2025/12\n3 Ekonomin\n13.30–14.00\nPer Lund, controller\n2025/13'
# trip NAME EXPECTED-MESSAGE AGENDA-LINES: import it, --check must exit 1 saying so.
trip() {
	db="$tmp/$1.db"
	packet "$3" >"$tmp/$1.txt"
	"$bin" --db "$db" import "$tmp/$1.txt" >"$tmp/$1.import" 2>&1 || {
		bad "$1: import failed:"; cat "$tmp/$1.import"; return; }
	"$bin" --db "$db" print 2025-03-04 --check >"$tmp/$1.out" 2>&1
	rc=$?
	if [ $rc -ne 1 ] || ! grep -q "$2" "$tmp/$1.out"; then
		bad "$1: --check gave $rc and not '$2':"; cat "$tmp/$1.out"
	else
		echo "ok: $1: $(grep "$2" "$tmp/$1.out" | head -1)"
	fi
}
# The base agenda passes: the checks below fail because of what each changes.
packet "$ok_items" >"$tmp/control.txt"
"$bin" --db "$tmp/control.db" import "$tmp/control.txt" >/dev/null 2>&1 || bad "control: import"
if "$bin" --db "$tmp/control.db" print 2025-03-04 --check >"$tmp/control.out" 2>&1 &&
    [ "$(cat "$tmp/control.out")" = "All checks passed: 3 items." ]; then
	echo "ok: the made-up base agenda passes"
else
	bad "the made-up base agenda should pass:"; cat "$tmp/control.out"
fi
trip numbering "item 1 is missing before item 2" \
	'2 Upprop\n13.00–13.05\n3 Verksamheten\n13.05–13.30\nAnna Berg, direktör\n4 Ekonomin\n13.30–14.00\nPer Lund, controller'
trip no-time "item 2 has no time slot" \
	'1 Upprop\n13.00–13.05\nInformation\n2 Verksamheten\nAnna Berg, direktör\n2025/12\n3 Ekonomin\n13.30–14.00\nPer Lund, controller\n2025/13'
trip overlap "Paus starts before 2 ends" \
	'1 Upprop\n13.00–13.05\nInformation\n2 Verksamheten\n13.05–13.30\nAnna Berg, direktör\nPaus 13.20–13.40\n3 Ekonomin\n13.40–14.00\nPer Lund, controller'
trip order "3 starts before 2" \
	'1 Upprop\n13.00–13.05\nInformation\n2 Verksamheten\n13.30–13.45\nAnna Berg, direktör\n3 Ekonomin\n13.05–13.30\nPer Lund, controller'
trip secrecy "item 3 speaks of secrecy" \
	'1 Upprop\n13.00–13.05\nInformation\n2 Verksamheten\n13.05–13.30\nAnna Berg, direktör\n3 Hyresavtal (sekretess enligt OSL)\n13.30–14.00\nPer Lund, controller'
trip proposal "item 3 is under \"Beslutsärenden för nämnden\" but has no proposed decision" \
	'1 Upprop\n13.00–13.05\nInformation\n2 Verksamheten\n13.05–13.30\nAnna Berg, direktör\nBeslutsärenden för nämnden\n3 Ekonomin\n13.30–14.00\nPer Lund, controller\n2025/13'
trip presenter "presenter Per Lund of item 3 has no title" \
	'1 Upprop\n13.00–13.05\nInformation\n2 Verksamheten\n13.05–13.30\nAnna Berg, direktör\n3 Ekonomin\n13.30–14.00\nPer Lund'
trip case "case number RJL 2042/13 of item 3 does not look like one" \
	'1 Upprop\n13.00–13.05\nInformation\n2 Verksamheten\n13.05–13.30\nAnna Berg, direktör\n3 Ekonomin\n13.30–14.00\nPer Lund, controller\n2042/13'

# ---- errors ----
"$bin" --db "$tmp/seed.db" print 2024-12-10 --format odt >"$tmp/e.out" 2>&1
[ $? -eq 2 ] && grep -q "pdf or text" "$tmp/e.out" || bad "--format odt should be a usage error"
PATH=/nonexistent "$bin" --db "$tmp/seed.db" print 2024-12-10 --lp >"$tmp/lp.out" 2>&1
[ $? -eq 1 ] && grep -q "lp (CUPS) is not installed" "$tmp/lp.out" || { bad "--lp without lp:"; cat "$tmp/lp.out"; }
"$bin" --db "$tmp/seed.db" print 2024-12-10 -o "$tmp/no/such/dir/a.txt" >"$tmp/w.out" 2>&1
[ $? -eq 1 ] && grep -q "cannot write" "$tmp/w.out" || bad "an unwritable -o should say so"
exit $fail
