#!/bin/sh
# make check: the benchmark's archive generator on a tiny archive
# (2 bodies x 2 meetings x 1 year). Times nothing. Proves that the copies
# are distinct meetings with the seed's structure: the real importer takes
# all four and lists four meetings with the generated bodies and dates.
set -u
here=$(dirname "$0")
seed="${KALLELSE_SEEDS:-../shared/seeds}/000_064591761fb2138b.txt"
bin="${KALLELSE_BIN:-./kallelse}"
fail() { echo "FAIL: $*"; exit 1; }

if [ ! -r "$seed" ]; then
	[ "${CI:-}" = true ] && fail "seed $seed is missing (CI=true)"
	echo "SKIP: seed $seed is missing; set KALLELSE_SEEDS"
	exit 77
fi
command -v perl >/dev/null || fail "perl is needed for the generator"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-gen-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
out="$tmp/archive"

perl "$here/gen_archive.pl" --seed "$seed" --out "$out" --bodies 2 --meetings 2 --years 1 ||
	fail "the generator failed"
[ "$(ls "$out"/*.txt | wc -l)" -eq 4 ] || fail "expected 4 packets: $(ls "$out")"
[ "$(wc -l <"$out/MANIFEST")" -eq 4 ] || fail "MANIFEST should list 4 packets"
[ "$(cut -f2,3 "$out/MANIFEST" | sort -u | wc -l)" -eq 4 ] || fail "body and date must differ per packet"
[ "$(cut -f2 "$out/MANIFEST" | sort -u | wc -l)" -eq 2 ] || fail "expected 2 bodies"

# Each packet: its body on the first line, its date in every "Tid:" line of
# the kallelse and agenda pages, its own case numbers, and the seed's size
# within 1 %.
seed_size=$(wc -c <"$seed")
tab=$(printf '\t')
while IFS="$tab" read -r file body date; do
	f="$out/$file"
	head -n 1 "$f" | grep -qF "$body" || fail "$file: body $body not on line 1"
	[ "$(grep -c "^Tid: $date 13.00" "$f")" -eq 3 ] || fail "$file: Tid: $date should appear 3 times"
	[ "$(grep -c '^Tid: 20[0-9][0-9]-' "$f")" -eq 3 ] || fail "$file: another meeting date is left"
	size=$(wc -c <"$f")
	[ $((size * 100 / seed_size)) -ge 99 ] && [ $((size * 100 / seed_size)) -le 101 ] ||
		fail "$file: size $size far from the seed's $seed_size"
	grep -o 'RJL 20[0-9][0-9]/[0-9]*' "$f" | sort -u >"$f.cases"
done <"$out/MANIFEST"
cmp -s "$out/2024-12-10-b0.txt" "$seed" || fail "body 0 on 2024-12-10 should be the seed unchanged"
# Different meetings may share a case now and then, not most of them.
all=$(cat "$out"/*.cases | wc -l)
shared=$(cat "$out"/*.cases | sort | uniq -d | wc -l)
[ "$all" -gt 100 ] || fail "too few case numbers ($all)"
[ $((shared * 10)) -lt "$all" ] || fail "packets share $shared of $all case numbers"
# Inside one packet the agenda's case number still matches the protocol's:
# item 15's case (line after its presenter) is found again as RJL yyyy/nnnn.
for f in "$out"/*.txt; do
	c=$(sed -n '/^15 Övergångsregler/,/^Beslutsärenden för nämnden/p' "$f" | grep -E '^20[0-9]{2}/[0-9]+ *$' | tr -d ' ')
	[ -n "$c" ] || fail "$f: item 15 lost its case number"
	grep -q "RJL $c" "$f" || fail "$f: case $c of item 15 is not in the protocol"
	echo "$c" >>"$out/item15.cases"
done
[ "$(sort "$out/item15.cases" | uniq -d | wc -l)" -eq 0 ] || fail "two packets have the same case number on item 15"

# A second run reuses the archive.
perl "$here/gen_archive.pl" --seed "$seed" --out "$out" --bodies 2 --meetings 2 --years 1 |
	grep -q 'up to date' || fail "a second run should reuse the archive"

# The real importer takes them: four meetings, each body and date listed.
if ! "$bin" --db "$tmp/a.db" import "$out"/*.txt >"$tmp/import.log" 2>&1; then
	if grep -q 'not built yet' "$tmp/import.log"; then
		echo "SKIP: kallelse import is not built yet"
		exit 77
	fi
	cat "$tmp/import.log"
	fail "kallelse import of the generated packets failed"
fi
"$bin" --db "$tmp/a.db" meetings --json >"$tmp/meetings.json" 2>&1 || { cat "$tmp/meetings.json"; fail "kallelse meetings failed"; }
# Each packet is its own meeting with the seed's 15 items, and the presidium
# met two weeks before, as in the seed: the dates moved together.
perl -MJSON::PP -MTime::Local=timegm -e '
  my ($json, $manifest) = @ARGV;
  local $/; open(my $j, "<", $json) or die; my $m = JSON::PP->new->decode(<$j>);
  open(my $f, "<", $manifest) or die; my @want = split /\n/, <$f>;
  die "expected " . @want . " meetings, got " . @$m . "\n" unless @$m == @want;
  for (@want) {
    my (undef, $body, $date) = split /\t/;
    my ($hit) = grep { $_->{date} eq $date && $_->{body} eq $body } @$m;
    die "meeting $body $date is not listed\n" unless $hit;
    die "$date: $hit->{items} items, not 15\n" unless $hit->{items} == 15;
    my ($y, $mo, $d) = split /-/, $date;
    my @p = gmtime(timegm(0, 0, 12, $d, $mo - 1, $y) - 14 * 86400);
    my $pd = sprintf("%04d-%02d-%02d", $p[5] + 1900, $p[4] + 1, $p[3]);
    die "$date: presidium date $hit->{presidium_meeting_date}, not $pd\n"
      unless ($hit->{presidium_meeting_date} // "") eq $pd;
  }
' "$tmp/meetings.json" "$out/MANIFEST" || fail "the imported meetings do not match the generated packets"

# Four packets into an empty database: written without merging the search
# index, merged into one segment at the end; searches find every copy.
grep -q 'search index merged' "$tmp/import.log" || { cat "$tmp/import.log"; fail "the import of 4 packets did not merge the search index"; }
if command -v sqlite3 >/dev/null; then
	segs=$(sqlite3 -readonly "$tmp/a.db" "SELECT count(DISTINCT segid) FROM search_idx;")
	[ "$segs" = 1 ] || fail "the search index has $segs segments after the merge, not 1"
fi
"$bin" --db "$tmp/a.db" search anhörigkontakt --json >"$tmp/search.json" || fail "kallelse search failed"
grep -q '"total": 4,' "$tmp/search.json" || { head -5 "$tmp/search.json"; fail "anhörigkontakt should be found in all 4 meetings"; }
# The same packets again: nothing written, nothing merged, not a byte changed.
cp "$tmp/a.db" "$tmp/before.db"
"$bin" --db "$tmp/a.db" import "$out"/*.txt >"$tmp/import2.log" 2>&1 || { cat "$tmp/import2.log"; fail "the second import failed"; }
[ "$(grep -c ', unchanged' "$tmp/import2.log")" -eq 4 ] || { cat "$tmp/import2.log"; fail "the second import should leave all 4 unchanged"; }
! grep -q 'search index merged' "$tmp/import2.log" || fail "the second import merged the index again"
cmp -s "$tmp/a.db" "$tmp/before.db" || fail "the second import changed the database"
echo "PASS: 4 generated packets imported as 4 meetings, the index merged once"
