# Sourced by bench.sh: global search on the archive, side by side with
# grep -ril over the archive's text and the sqlite3 shell running the
# store's FTS query. Sets search_p50/p95 (in-process first page through the
# store API), cli_p50/p95 (the whole `kallelse search` command), grep_p50/p95,
# sqlite_p50/p95, short1_* ("å") and short2_* ("EU"); writes
# $out/search_table.md with the figures per query.

page=20			# the first page of results: one screen of the search view
grep_runs=3		# grep reads up to 370 MB per run: three runs, one warm-up
queries='tandreglering
sjukvård
anhörigkontakt
Region Jönköpings län
övergångsregler
patientsäkerhet
personuppgiftsincident
läkemedel
barnkonventionen
vårdcentral'

search_p50=n/a search_p95=n/a cli_p50=n/a cli_p95=n/a grep_p50=n/a grep_p95=n/a
tui_p50=n/a tui_p95=n/a sqlite_p50=n/a sqlite_p95=n/a short1_ms=n/a short1_grep=n/a short2_ms=n/a short2_grep=n/a

# The FTS query the store runs, for the sqlite3 shell: the MATCH on the
# store's FTS5 table, first page. Found from the schema so the bench follows
# the store; empty when there is no FTS5 table.
fts_table=
if [ -n "$sqlite_cli" ] && [ -s "$arch_db" ]; then
	fts_table=$(sqlite3 -readonly "$arch_db" \
	    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%' ORDER BY name LIMIT 1;" 2>/dev/null)
fi
[ -z "$sqlite_cli" ] && echo "- sqlite3 shell: not installed (apt-get install sqlite3)." >>"$out/notes.txt"
# The store's own queries (store/search.c) when its search_row table is
# there: MATCH on the trigram index joined to the rows, newest first, the
# first page; then the hit count, capped as the store caps it (1001). The
# sqlite3 shell runs them as plain SQL: the store's own rank and snippet
# functions are C callbacks the shell does not have.
fts_sql() {
	q=$(printf '%s' "$1" | sed "s/\"/\"\"/g; s/'/''/g")
	if [ "$fts_join" = yes ]; then
		printf "SELECT r.rowid, r.meeting_id FROM %s JOIN search_row r ON r.rowid = %s.rowid WHERE %s MATCH '\"%s\"' ORDER BY %s.rowid DESC LIMIT %d; SELECT count(*) FROM (SELECT rowid FROM %s WHERE %s MATCH '\"%s\"' ORDER BY rowid DESC LIMIT 1001);" \
		    "$fts_table" "$fts_table" "$fts_table" "$q" "$fts_table" "$page" "$fts_table" "$fts_table" "$q"
	else
		printf "SELECT rowid FROM %s WHERE %s MATCH '\"%s\"' LIMIT %d;" \
		    "$fts_table" "$fts_table" "$q" "$page"
	fi
}
fts_join=no
[ -n "$fts_table" ] && [ -n "$(sqlite3 -readonly "$arch_db" "SELECT name FROM sqlite_master WHERE name = 'search_row';" 2>/dev/null)" ] && fts_join=yes
if [ -s "$arch_db" ]; then
	log "global search: kallelse in-process ($runs runs per query)"
	old_ifs=$IFS
	IFS='
'
	# shellcheck disable=SC2086
	"$tools/bench_store" search "$arch_db" "$runs" "$page" $queries >"$out/search.tsv" 2>"$out/search.err" ||
		{ log "bench_store search: $(cat "$out/search.err")"; : >"$out/search.tsv"; }
	"$tools/bench_store" search "$arch_db" "$runs" "$page" å EU >"$out/short.tsv" 2>>"$out/search.err" ||
		: >"$out/short.tsv"
	IFS=$old_ifs
fi

: >"$out/rows.tsv"
printf '%s\n' "$queries" | {
	while IFS= read -r q; do
		log "global search: $q"
		line=$(awk -F'\t' -v q="$q" '$1 == q' "$out/search.tsv" 2>/dev/null)
		k_ms=$(printf '%s\n' "$line" | cut -f2)
		hits=$(printf '%s\n' "$line" | cut -f6)
		isnum "$k_ms" || k_ms=n/a
		c_ms=n/a
		[ -s "$arch_db" ] && c_ms=$(run_time 1 -n "$runs" -w 1 -q -- "$bin" --db "$arch_db" search "$q")
		g_ms=$(run_time 1 -n "$grep_runs" -w 1 -q -- grep -ril -- "$q" "$arch")
		s_ms=n/a
		[ -n "$fts_table" ] && s_ms=$(run_time 1 -n "$runs" -w 1 -q -- sqlite3 -readonly "$arch_db" "$(fts_sql "$q")")
		t_ms=n/a
		if [ -x "$tools/bench_pty" ] && [ -n "$arch_first_date" ]; then
			pty_run "$out/tui_search.txt" -n "$pty_runs" "wait:$arch_first_date" key:s type:"$q" mark \
			    key:Enter "wait: hits" lap:search key:Q exit -- "$bin" --db "$arch_db"
			t_ms=$(pty_fig "$out/tui_search.txt" search)
		fi
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$q" "${hits:-n/a}" "$k_ms" "$c_ms" "$g_ms" "$s_ms" "$t_ms" >>"$out/rows.tsv"
	done
}

if [ -s "$out/rows.tsv" ]; then
	set -- $(cut -f3 "$out/rows.tsv" | p50_p95); search_p50=$1 search_p95=$2
	set -- $(cut -f4 "$out/rows.tsv" | p50_p95); cli_p50=$1 cli_p95=$2
	set -- $(cut -f5 "$out/rows.tsv" | p50_p95); grep_p50=$1 grep_p95=$2
	set -- $(cut -f6 "$out/rows.tsv" | p50_p95); sqlite_p50=$1 sqlite_p95=$2
	set -- $(cut -f7 "$out/rows.tsv" | p50_p95); tui_p50=$1 tui_p95=$2
fi

# 1–2 letters: no trigram; the store scans. In the TUI, in-process, grep -ril.
short_tui() {
	t=n/a
	if [ -x "$tools/bench_pty" ] && [ -n "$arch_first_date" ]; then
		pty_run "$out/tui_short.txt" -n "$runs" "wait:$arch_first_date" key:s type:"$1" mark \
		    key:Enter "wait: hits" lap:search key:Q exit -- "$bin" --db "$arch_db"
		t=$(pty_fig "$out/tui_short.txt" search)
	fi
	echo "$t"
}
log "global search: å, EU"
short1_tui=$(short_tui å)
short2_tui=$(short_tui EU)
short1_ms=$(awk -F'\t' '$1 == "å" { print $2 }' "$out/short.tsv" 2>/dev/null)
short2_ms=$(awk -F'\t' '$1 == "EU" { print $2 }' "$out/short.tsv" 2>/dev/null)
isnum "$short1_ms" || short1_ms=n/a
isnum "$short2_ms" || short2_ms=n/a
short1_grep=$(run_time 1 -n "$grep_runs" -w 1 -q -- grep -ril -- å "$arch")
short2_grep=$(run_time 1 -n "$grep_runs" -w 1 -q -- grep -ril -- EU "$arch")

{
	echo "Global search per query on the archive (medians; first page = $page results and the hit count):"
	echo
	echo "| query | hits | TUI: Enter to results drawn | store_search in-process | \`kallelse search\` (whole process) | grep -ril | sqlite3 shell, FTS5 phrase query | grep / TUI |"
	echo "|---|---|---|---|---|---|---|---|"
	while IFS='	' read -r q hits k c g s t; do
		echo "| $q | $hits | $(ms "$t") | $(ms "$k") | $(ms "$c") | $(ms "$g") | $(ms "$s") | $(times_x "$(calc "$g / $t")") |"
	done <"$out/rows.tsv"
	for q in å EU; do
		hits=$(awk -F'\t' -v q="$q" '$1 == q { print $6 }' "$out/short.tsv" 2>/dev/null)
		if [ "$q" = å ]; then k=$short1_ms g=$short1_grep t=$short1_tui; else k=$short2_ms g=$short2_grep t=$short2_tui; fi
		echo "| $q | ${hits:-n/a} | $(ms "$t") | $(ms "$k") | — | $(ms "$g") | — (trigram needs 3+ characters) | $(times_x "$(calc "$g / $t")") |"
	done
	[ -n "$fts_table" ] && { echo; echo "The sqlite3 shell runs the plain FTS5 phrase query (the store adds its own rank, snippet and count functions in C): \`$(fts_sql '…')\`"; }
} >"$out/search_table.md"

# What start-up alone costs, to read the whole-process columns by.
if [ -s "$arch_db" ]; then
	base_sqlite=n/a
	[ -n "$sqlite_cli" ] && base_sqlite=$(run_time 1 -n "$runs" -w 1 -q -- sqlite3 -readonly "$arch_db" "SELECT 1;")
	base_version=$(run_time 1 -n "$runs" -w 1 -q -- "$bin" --version)
	base_meetings=$(run_time 1 -n "$runs" -w 1 -q -- "$bin" --db "$arch_db" meetings --json)
	echo "- Start-up on the archive: sqlite3 shell with \`SELECT 1\` $(ms "$base_sqlite"); \`kallelse --version\` $(ms "$base_version"); \`kallelse meetings --json\` (all $arch_files meetings with their counts) $(ms "$base_meetings")." >>"$out/notes.txt"
fi
