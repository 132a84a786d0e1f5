#!/bin/sh
# The original PDF of an imported packet, with the real binary and a real
# PDF: the seed's text, a page break every 57 lines, drawn by cairo and
# pango (tests/pdf_make), imported. Then for every document:
# `kallelse original DOC -o FILE` gives the PDF byte for byte and a page,
# and pdftotext -f N -l N of that page holds the document's first line.
# The same PDF again (under another name too) is kept once; a failed
# import keeps nothing; the stored bytes are the ones pdftotext read (a
# file replaced under the import is refused); an import from text drops
# it; an attached PDF and MEETING alone.
set -u
bin=${KALLELSE_BIN:-./kallelse}
seeds=${KALLELSE_SEEDS:-../shared/seeds}
pdfmake=${KALLELSE_PDF_MAKE:-./tests/pdf_make}
seed=$seeds/000_064591761fb2138b.txt
slides=$seeds/001_0a8010a3815bf54a.txt

skip_or_fail() {
	if [ "${CI:-}" = true ]; then echo "FAIL: $1 (CI=true)"; exit 1; fi
	echo "SKIP: $1"; exit 77
}
[ -r "$seed" ] && [ -r "$slides" ] || skip_or_fail "seeds are missing; set KALLELSE_SEEDS"
# Built without cairo and pango (--without-pdf): a choice, not a fault, even in CI.
[ -x "$pdfmake" ] || { echo "SKIP: $pdfmake is not built (configure found no cairo and pango)"; exit 77; }
for t in pdftotext pdfinfo sqlite3 cmp sha256sum; do
	command -v $t >/dev/null 2>&1 || skip_or_fail "$t is not installed"
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-orig-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
db=$tmp/k.db
fail=0
say() { echo "FAIL: $*"; fail=1; }
q() { sqlite3 "$1" "$2"; }

# ---- a real PDF of the seed, 350-odd pages ----
awk 'NR > 1 && (NR - 1) % 57 == 0 { printf "\f" } { print }' "$seed" >"$tmp/paged.txt"
"$pdfmake" "$tmp/paged.txt" "$tmp/packet.pdf" 2>"$tmp/make.err" || {
	echo "FAIL: pdf_make: $(cat "$tmp/make.err")"; exit 1; }
pages=$(pdfinfo "$tmp/packet.pdf" | awk '/^Pages:/ { print $2 }')
[ "${pages:-0}" -ge 300 ] || say "the PDF has ${pages:-no} pages, not 300 or more"
sha=$(sha256sum <"$tmp/packet.pdf" | cut -d' ' -f1)
size=$(wc -c <"$tmp/packet.pdf" | tr -d ' ')

"$bin" --db "$db" import "$tmp/packet.pdf" >"$tmp/import.out" 2>&1 || {
	echo "FAIL: import of the PDF failed:"; cat "$tmp/import.out"; exit 1; }
grep -q "15 items, 46 documents" "$tmp/import.out" ||
	say "the PDF's import differs from the text's: $(cat "$tmp/import.out")"
[ "$(q "$db" 'SELECT count(*), sha256, size, name FROM packet_original')" = "1|$sha|$size|packet.pdf" ] ||
	say "packet_original holds: $(q "$db" 'SELECT count(*), sha256, size, name FROM packet_original')"

# ---- every document: the bytes, and the page its first line is on ----
q "$db" "SELECT id FROM document ORDER BY ord" >"$tmp/ids"
[ "$(wc -l <"$tmp/ids")" -eq 46 ] || say "$(wc -l <"$tmp/ids") documents, not 46"
last=0 distinct=0
while read -r id; do
	"$bin" --db "$db" original "$id" -o "$tmp/o.pdf" >"$tmp/o.out" 2>&1 ||
		{ say "original $id exits with $?: $(cat "$tmp/o.out")"; continue; }
	cmp -s "$tmp/o.pdf" "$tmp/packet.pdf" || say "original $id: not the bytes imported"
	page=$(sed -n 's/.*starts on page \([0-9][0-9]*\)$/\1/p' "$tmp/o.out")
	[ -n "$page" ] || { say "original $id prints no page: $(cat "$tmp/o.out")"; continue; }
	# Its first line as the store has it (trimmed, spaces squeezed), at most 40 characters.
	# (The text is read through kallelse: long texts are stored packed.)
	first=$("$bin" --db "$db" read --raw "$id" | head -n 1)
	first=$(printf "%s" "$first" | sed "s/^\(.\{40\}\).*/\1/")	# characters: the tests run under C.UTF-8
	pdftotext -f "$page" -l "$page" "$tmp/packet.pdf" - |
		sed 's/^[[:space:]]*//; s/[[:space:]]*$//; s/[[:space:]][[:space:]]*/ /g' >"$tmp/page.txt"
	grep -Fq -- "$first" "$tmp/page.txt" ||
		say "$id starts on page $page, which does not hold its first line \"$first\""
	# The documents follow each other through the packet.
	[ "$page" -ge "$last" ] || say "$id starts on page $page, before the one before it ($last)"
	[ "$page" -gt "$last" ] && distinct=$((distinct + 1))
	last=$page
done <"$tmp/ids"
[ "$distinct" -ge 30 ] || say "the 46 documents start on only $distinct different pages"
[ "$last" -ge 300 ] || say "the last document starts on page $last, not near the end"

# MEETING alone: the packet's PDF.
"$bin" --db "$db" original 2024-12-10 -o "$tmp/m.pdf" >"$tmp/m.out" 2>&1 || say "original MEETING: $(cat "$tmp/m.out")"
cmp -s "$tmp/m.pdf" "$tmp/packet.pdf" || say "original MEETING: not the packet's bytes"
grep -q "starts on page 1$" "$tmp/m.out" || say "original MEETING: $(cat "$tmp/m.out")"
# No -o: a usage error, nothing written.
"$bin" --db "$db" original 2024-12-10/16/1 >"$tmp/u.out" 2>&1 && say "original without -o succeeds"
grep -q -- "-o FILE" "$tmp/u.out" || say "original without -o: $(cat "$tmp/u.out")"

# ---- the same PDF again, and under another name: kept once, nothing changes ----
cp "$tmp/packet.pdf" "$tmp/again.pdf"
for f in packet.pdf again.pdf; do
	"$bin" --db "$db" import "$tmp/$f" >"$tmp/re.out" 2>&1 || say "re-import of $f: $(cat "$tmp/re.out")"
	grep -q ", unchanged" "$tmp/re.out" || say "re-import of $f changed something: $(cat "$tmp/re.out")"
done
[ "$(q "$db" 'SELECT count(*) FROM packet_original')" = 1 ] || say "the same PDF is kept more than once"

# ---- a failed import keeps nothing ----
"$pdfmake" "$slides" "$tmp/slides.pdf" 2>/dev/null || say "pdf_make of the slides"
before=$(q "$db" 'SELECT group_concat(sha256) FROM packet_original; SELECT revision FROM meeting')
"$bin" --db "$db" import "$tmp/slides.pdf" >"$tmp/bad.out" 2>&1 && say "a PDF with no agenda imports"
"$bin" --db "$db" import "$tmp/again.pdf" "$tmp/slides.pdf" >"$tmp/bad2.out" 2>&1 &&
	say "a good PDF and a bad one import"
[ "$(q "$db" 'SELECT group_concat(sha256) FROM packet_original; SELECT revision FROM meeting')" = "$before" ] ||
	say "a failed import changed the originals or the meeting"
"$bin" --db "$tmp/new.db" import "$tmp/slides.pdf" >/dev/null 2>&1
[ -e "$tmp/new.db" ] && say "a failed first import left a database"

# ---- the bytes kept are the bytes converted: a file replaced under the import is refused ----
cp "$tmp/packet.pdf" "$tmp/moving.pdf"
cat >"$tmp/pdftotext" <<EOF
#!/bin/sh
# The file is replaced while pdftotext reads what it was given on stdin.
cp "$tmp/slides.pdf" "$tmp/moving.pdf"
exec pdftotext "\$@"
EOF
chmod +x "$tmp/pdftotext"
KALLELSE_PDFTOTEXT=$tmp/pdftotext "$bin" --db "$tmp/m.db" import "$tmp/moving.pdf" >"$tmp/mv.out" 2>&1 &&
	say "a PDF replaced during its import is imported"
cmp -s "$tmp/moving.pdf" "$tmp/slides.pdf" || say "the wrapper did not replace the file"
# The text came from the bytes read (the packet's), which the file no longer has.
grep -q "moving.pdf changed after it was read" "$tmp/mv.out" ||
	say "no message that the file changed: $(cat "$tmp/mv.out")"
[ -e "$tmp/m.db" ] && say "a refused first import left a database"
"$bin" --db "$tmp/m.db" import "$tmp/packet.pdf" >/dev/null 2>&1 || say "import into m.db"

# ---- from text again: the original goes; from the PDF: back ----
"$bin" --db "$tmp/m.db" import "$seed" >/dev/null 2>&1 || say "import of the text after the PDF"
[ "$(q "$tmp/m.db" 'SELECT count(*) FROM packet_original; SELECT count(*) FROM document_page')" = "0
0" ] || say "an import from text kept the PDF's original or pages"
"$bin" --db "$tmp/m.db" original 2024-12-10/16/1 -o "$tmp/x.pdf" >"$tmp/x.out" 2>&1 &&
	say "original after an import from text succeeds"
grep -q "imported from text" "$tmp/x.out" || say "original, no original: $(cat "$tmp/x.out")"
[ -e "$tmp/x.pdf" ] && say "original with no original wrote a file"

# ---- an attached PDF is kept too, from its page 1 ----
"$bin" --db "$db" import --meeting 2024-12-10 --item 16 "$tmp/slides.pdf" >"$tmp/att.out" 2>&1 ||
	say "attaching a PDF: $(cat "$tmp/att.out")"
aid=$(sed -n 's/.*(\([^)]*\/a[0-9a-f]*\)), .*/\1/p' "$tmp/att.out")
"$bin" --db "$db" original "$aid" -o "$tmp/a.pdf" >"$tmp/a.out" 2>&1 || say "original $aid: $(cat "$tmp/a.out")"
cmp -s "$tmp/a.pdf" "$tmp/slides.pdf" || say "the attachment's original is not its PDF"
grep -q "starts on page 1$" "$tmp/a.out" || say "attachment: $(cat "$tmp/a.out")"
[ "$(q "$db" 'SELECT count(*) FROM packet_original')" = 2 ] || say "not two originals after attaching"

[ $fail -eq 0 ] && echo "ok: the original PDF is kept once, byte for byte, with each document's page"
exit $fail
