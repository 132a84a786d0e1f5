#!/bin/sh
# make bench: kallelse on the seed and on a ten-year archive, side by side
# with less, grep -ril and the sqlite3 shell on the same data, in the same
# run. Prints a Markdown table (figures, ratios, PASS/MISS per target) and
# the machine. Each figure is a median of several runs (BENCH_RUNS, 5),
# except the archive build, which runs once (and is reused, see below).
#
# Environment (set by tests/bench/local.mk):
#   KALLELSE_BIN        the kallelse binary
#   BENCH_TOOLS         folder of bench_run, bench_store, bench_pty
#   BENCH_SRC           folder of this script and gen_archive.pl
#   KALLELSE_BENCH_DIR  where the data goes (outside git)
#   KALLELSE_SEEDS      folder of the seed packet
# Optional: BENCH_RUNS (5), BENCH_REBUILD=1 (rebuild the archive database),
# BENCH_BODIES, BENCH_MEETINGS, BENCH_YEARS (the archive's shape, 4 x 11 x
# 10 = 440 meetings; make bench-large sets 20 x 11 x 10). Another shape gets
# its own archive, database and report (bench-20x11x10.md) and prints, after
# its table, its figures beside the 440-meeting report of an earlier make bench.
#
# Data is reused between runs: the archive text while the seed and the
# generator are unchanged (gen_archive.pl's stamp), the archive database
# while the text and the kallelse binary are unchanged (archive.db.stamp,
# which also keeps the build time measured when it was built).
#
# A part that is not built yet (or fails) prints "n/a" in its row; the
# bench goes on.
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset LINES COLUMNS KALLELSE_DB LANGUAGE LANG
bin=${KALLELSE_BIN:?set by make bench}
tools=${BENCH_TOOLS:?set by make bench}
src=${BENCH_SRC:?set by make bench}
dir=${KALLELSE_BENCH_DIR:?set by make bench}
seed=${KALLELSE_SEEDS:-../shared/seeds}/000_064591761fb2138b.txt
runs=${BENCH_RUNS:-5}
rows=30
cols=100
bodies=${BENCH_BODIES:-4}
meetings=${BENCH_MEETINGS:-11}
years=${BENCH_YEARS:-10}
shape=
[ "$bodies $meetings $years" = "4 11 10" ] || shape=-${bodies}x${meetings}x${years}
mkdir -p "$dir" "$dir/out" || exit 1
out=$dir/out
rm -f "$out"/*
t_start=$(date +%s)
load_start=$(cut -d" " -f1-3 /proc/loadavg 2>/dev/null)
cores=$(nproc 2>/dev/null || echo 1)

log() { printf 'bench: %s\n' "$*" >&2; }
[ -r "$seed" ] || { log "the seed $seed is missing; set KALLELSE_SEEDS"; exit 1; }
[ -x "$bin" ] || { log "$bin is missing; run make first"; exit 1; }

# ---- helpers -------------------------------------------------------------

# run_time FIELD ARGS...: bench_run's FIELD (1 median ms, 4 maxrss kB) or
# "n/a" when the command failed.
run_time() {
	f=$1
	shift
	r=$("$tools/bench_run" "$@") || { echo n/a; return; }
	set -- $r
	if [ "$5" != 0 ]; then
		echo n/a
		return
	fi
	eval "echo \${$f}"
}
isnum() { case "$1" in '' | n/a | *[!0-9.]*) return 1 ;; esac; return 0; }
# calc EXPR with awk; n/a when an operand is n/a.
calc() {
	case "$*" in *n/a*) echo n/a; return ;; esac
	awk "BEGIN { printf \"%s\", $* }"
}
ms() { isnum "$1" && awk -v x="$1" 'BEGIN { printf (x < 10 ? "%.2f ms" : x < 1000 ? "%.1f ms" : "%.2f s"), (x < 1000 ? x : x / 1000) }' || echo n/a; }
mb() { isnum "$1" && awk -v x="$1" 'BEGIN { printf "%.1f MB", x / 1e6 }' || echo n/a; }
times_x() { isnum "$1" && awk -v x="$1" 'BEGIN { printf (x < 10 ? "%.2f×" : "%.0f×"), x }' || echo n/a; }
# verdict OK_EXPR: PASS when the awk condition holds, MISS when not, n/a when unmeasured.
verdict() {
	case "$*" in *n/a*) echo n/a; return ;; esac
	awk "BEGIN { print ($*) ? \"PASS\" : \"MISS\" }"
}
# median and nearest-rank p95 of the numbers on stdin: "p50 p95" (n/a if none or any n/a).
p50_p95() {
	sort -g | awk '
	  $1 == "n/a" { bad = 1 } { v[n++] = $1 }
	  END {
	    if (bad || n == 0) { print "n/a n/a"; exit }
	    p50 = n % 2 ? v[int(n / 2)] : (v[n / 2 - 1] + v[n / 2]) / 2
	    k = int(0.95 * n + 0.999999); if (k < 1) k = 1
	    print p50, v[k - 1]
	  }'
}
filesize() { [ -e "$1" ] && wc -c <"$1" | tr -d ' ' || echo 0; }
sha() { sha256sum "$1" | cut -c1-64; }

# ---- machine -------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
machine="$(nproc) cores, ${cpu:-unknown CPU}, $(uname -sr), $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo 2>/dev/null)"
sqlite_cli=$(command -v sqlite3 || true)
commit=$(cd "$src" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
log "machine: $machine"
# busy LOAD: whether the 1-minute load average is above the core count
# (other work then takes turns with the figures on the CPUs).
busy() { awk -v l="${1%% *}" -v c="$cores" 'BEGIN { exit !(l != "" && l + 0 > c + 0) }'; }
log "LOAD AVERAGE AT THE START: ${load_start:-?} on $cores cores"
busy "$load_start" && log "WARNING: the load average is above the core count; timings will not be trustworthy"

# ---- 1. import of the seed -------------------------------------------------
seed_bytes=$(filesize "$seed")
log "importing the seed ($runs runs)"
seed_db=$dir/seed.db
import_ms=$(run_time 1 -n "$runs" -w 1 -q -f "$seed_db" -- "$bin" --db "$seed_db" import "$seed")
[ -s "$seed_db" ] || import_ms=n/a
# Lay out the seed's agenda and write its PDF (kallelse print, whole process).
print_pdf_ms=$(run_time 1 -n "$runs" -w 1 -q -- "$bin" --db "$seed_db" print 2024-12-10 -o "$out/agenda.pdf")
[ -s "$out/agenda.pdf" ] || print_pdf_ms=n/a
import_mbs=$(calc "$seed_bytes / 1e6 / ($import_ms / 1000)")

# ---- 2. the archive ------------------------------------------------------
log "generating the archive text"
arch=$dir/archive$shape
perl "$src/gen_archive.pl" --seed "$seed" --out "$arch" --bodies "$bodies" --meetings "$meetings" \
    --years "$years" >&2 || log "the generator failed"
arch_files=$(ls "$arch"/*.txt 2>/dev/null | wc -l)
arch_bytes=$(cat "$arch"/*.txt 2>/dev/null | wc -c)
arch_db=$dir/archive$shape.db
want_stamp="$(cat "$arch/.stamp" 2>/dev/null) kallelse $(sha "$bin")"
build_ms=n/a
if [ "${BENCH_REBUILD:-0}" != 1 ] && [ -s "$arch_db" ] && [ -r "$arch_db.stamp" ] &&
    [ "$(sed '$d' "$arch_db.stamp")" = "$want_stamp" ]; then
	build_ms=$(sed -n '$s/^build_ms //p' "$arch_db.stamp")
	build_note="built earlier with this binary, reused"
	log "reusing $arch_db"
else
	rm -f "$arch_db.stamp"
	log "importing $arch_files packets into the archive (once, a few minutes)"
	build_ms=$(run_time 1 -n 1 -w 0 -q -f "$arch_db" -- "$bin" --db "$arch_db" import "$arch"/*.txt)
	if isnum "$build_ms" && [ -s "$arch_db" ]; then
		printf '%s\nbuild_ms %s\n' "$want_stamp" "$build_ms" >"$arch_db.stamp"
		build_note="built in this run"
		log "the archive database took $(ms "$build_ms") to build"
	else
		build_ms=n/a
		build_note="import failed"
	fi
fi
db_bytes=n/a
isnum "$build_ms" && db_bytes=$(($(filesize "$arch_db") + $(filesize "$arch_db-wal")))
build_mbs=$(calc "$arch_bytes / 1e6 / ($build_ms / 1000)")
db_ratio=$(calc "$db_bytes / $arch_bytes")

# ---- 3. the largest document (the SOU) -------------------------------------
sou=$out/sou.txt
sou_info=$("$tools/bench_store" largest "$seed_db" "$sou" 2>"$out/largest.err") || sou_info=
if [ -n "$sou_info" ]; then
	sou_lines=$(printf '%s\n' "$sou_info" | cut -f4)
	sou_item=$(printf '%s\n' "$sou_info" | cut -f3)
	sou_title=$(printf '%s\n' "$sou_info" | cut -f6)
	log "largest document: item $sou_item, $sou_lines lines: $sou_title"
else
	log "no largest document: $(cat "$out/largest.err")"
fi

# ---- 4. screens in a pseudo-terminal (bench_pty) ---------------------------
# Defined in screens.sh so this file stays readable; it sets the agenda_*,
# less_*, sou_*, next_* and rss_* figures (n/a when a part is missing).
. "$src/screens.sh"

# ---- 5. global search -------------------------------------------------------
# Ten Swedish queries of 3+ letters, present in every packet; first page
# (20 results) through the store API in-process; the whole `kallelse search`
# command; grep -ril over the archive text; the sqlite3 shell running the
# store's FTS query.
. "$src/search.sh"

# ---- 6. sync --------------------------------------------------------------------
. "$src/sync.sh"

# ---- 7. marks ---------------------------------------------------------------------
. "$src/marks.sh"

# ---- the table ----------------------------------------------------------------
# The search target is judged on what the user waits for: the TUI in the pty
# when it could be timed, else the store call in-process.
if isnum "$tui_p95"; then
	gs_p50=$tui_p50 gs_p95=$tui_p95 gs_how=" in the TUI (pty)"
else
	gs_p50=$search_p50 gs_p95=$search_p95 gs_how=" (store_search in-process; the TUI could not be timed)"
fi
t_end=$(date +%s)
load_end=$(cut -d" " -f1-3 /proc/loadavg 2>/dev/null)
load_warning=
if busy "$load_start" || busy "$load_end"; then
	load_warning="
**WARNING: the load average was above the core count ($cores) during this run: other work shared the CPUs, and the times below are not trustworthy. Run again on a quiet machine.**"
	log "WARNING: load average at the end ${load_end:-?} on $cores cores: the times are not trustworthy"
fi
seed_mb=$(mb "$seed_bytes")
report() {
cat <<EOF

## Benchmark ($(date -u +%Y-%m-%d), commit $commit)

Machine: $machine. SQLite $(pkg-config --modversion sqlite3 2>/dev/null || sqlite3 --version 2>/dev/null | cut -d' ' -f1), $(less --version 2>/dev/null | head -n 1), $(grep --version | head -n 1).
Seed packet: $seed_mb. Archive: $arch_files packets ($bodies bodies × $meetings meetings × $years years), $(mb "$arch_bytes") of text.
Times are medians of $runs runs after a warm-up (the archive build: one run). Screens are timed in a ${cols}×${rows} pseudo-terminal
from start (or the key press) until the expected text is on screen, ${pty_runs:-?} rounds with kallelse and less taking turns; grep's output goes to a pipe.
**Load average (1, 5, 15 min) at the start: ${load_start:-?}; at the end: ${load_end:-?}; $cores cores.**$load_warning

| figure | kallelse | reference | ratio | target | result |
|---|---|---|---|---|---|
| import of the seed packet ($seed_mb) | $(ms "$import_ms"), $(isnum "$import_mbs" && printf '%.1f MB/s' "$import_mbs" || echo n/a) | — | — | ≥ 5 MB/s | $(verdict "$import_mbs >= 5") |
| building the archive ($arch_files packets, $(mb "$arch_bytes")) | $(ms "$build_ms"), $(isnum "$build_mbs" && printf '%.1f MB/s' "$build_mbs" || echo n/a) | — | — | ≥ 10 MB/s (issue 17) | $(verdict "$build_mbs >= 10") |
| the archive's database against its text | $(mb "$db_bytes") | the packets' text: $(mb "$arch_bytes") | $(times_x "$db_ratio") | ≤ 2.5× (issue 17) | $(verdict "$db_ratio <= 2.5") |
| start to first drawn agenda, seed database | $(ms "$agenda_seed_ms") | less, first screen of the seed text: $(ms "$less_seed_ms") | $(times_x "$(calc "$agenda_seed_ms / $less_seed_ms")") | ≤ 2× less | $(verdict "$agenda_seed_ms <= 2 * $less_seed_ms") |
| start to first drawn agenda, archive | $(ms "$agenda_arch_ms") | less, first screen of the seed text: $(ms "$less_seed_ms") | $(times_x "$(calc "$agenda_arch_ms / $less_seed_ms")") | ≤ 2× less | $(verdict "$agenda_arch_ms <= 2 * $less_seed_ms") |
| open the SOU (${sou_lines:-?} lines) to its first page | $(ms "$sou_open_ms") | less on the SOU text: $(ms "$less_sou_ms") | $(times_x "$(calc "$sou_open_ms / $less_sou_ms")") | ≤ 2× less | $(verdict "$sou_open_ms <= 2 * $less_sou_ms") |
| jump to the end of the SOU (G) | $(ms "$sou_end_ms") | less +G on the SOU text: $(ms "$less_sou_end_ms") | $(times_x "$(calc "$sou_end_ms / $less_sou_end_ms")") | ≤ 2× less | $(verdict "$sou_end_ms <= 2 * $less_sou_end_ms") |
| search within the SOU, next match (n) | $(ms "$sou_next_ms") | less, n: $(ms "$less_next_ms") | $(times_x "$(calc "$sou_next_ms / $less_next_ms")") | — | — |
| global search, 10 queries of 3+ letters: Enter to the first page of results drawn$gs_how, p50 / p95 | $(ms "$gs_p50") / $(ms "$gs_p95") | grep -ril: $(ms "$grep_p50") / $(ms "$grep_p95") | — | p95 < 50 ms | $(verdict "$gs_p95 < 50") |
| global search against grep -ril over the archive's text, p95 against p95 | $(ms "$gs_p95") | grep -ril: $(ms "$grep_p95") | $(times_x "$(calc "$grep_p95 / $gs_p95")") faster | ≥ 20× faster | $(verdict "$grep_p95 >= 20 * $gs_p95") |
| the same queries through store_search in-process (first 20 results and the count), p50 / p95 | $(ms "$search_p50") / $(ms "$search_p95") | sqlite3 shell, the FTS5 phrase query for the first page and the capped count (whole process): $(ms "$sqlite_p50") / $(ms "$sqlite_p95") | — | — | — |
| \`kallelse search\` command (whole process), p50 / p95 | $(ms "$cli_p50") / $(ms "$cli_p95") | sqlite3 shell (whole process): $(ms "$sqlite_p50") / $(ms "$sqlite_p95") | $(times_x "$(calc "$cli_p50 / $sqlite_p50")") | — | — |
| global search "å" (1 letter), TUI (in-process) | $(ms "$short1_tui") ($(ms "$short1_ms")) | grep -ril: $(ms "$short1_grep") | grep/kallelse $(times_x "$(calc "$short1_grep / $short1_tui")") | — | — |
| global search "EU" (2 letters), TUI (in-process) | $(ms "$short2_tui") ($(ms "$short2_ms")) | grep -ril: $(ms "$short2_grep") | grep/kallelse $(times_x "$(calc "$short2_grep / $short2_tui")") | — | — |
| lay out and write the seed's agenda as PDF (\`kallelse print -o agenda.pdf\`, whole process) | $(ms "$print_pdf_ms") | — | — | — | — |
| sync, nothing changed, folder (whole process) | $(ms "$sync_folder_ms") | — | — | < 100 ms | $(verdict "$sync_folder_ms < 100") |
| sync, nothing changed, HTTP 304 from nginx (whole process) | $(ms "$sync_http_ms") | — | — | < 100 ms | $(verdict "$sync_http_ms < 100") |
| sync, one new meeting into the archive | $(ms "$sync_new_ms"), $(mb "$sync_new_bytes") read; the bundle is $(mb "$sync_new_size") | — | — | ≈ bundle + manifest | $(verdict "$sync_new_bytes < $sync_new_size * 1.1 + 200000") |
| publishing the archive ($(mb "$sync_pub_bytes") written); a laptop's first sync of it | $(ms "$sync_publish_ms"); $(ms "$sync_first_ms") | — | — | — | — |
| 200 laptops sync at once from nginx (first sync of the demo) | p50 $(ms "$sync_load_p50"), p95 $(ms "$sync_load_p95") | — | — | all succeed and agree | $(isnum "$sync_load_p50" && echo yes || echo n/a) |
| mark an item for discussion (m) in the TUI: key to the agenda showing it | $(ms "$marks_tui_ms") | — | — | — | — |
| open the marks view (K) in the TUI: key to the list drawn | $(ms "$marks_view_ms") | — | — | — | — |
| \`kallelse mark\` with a comment; \`kallelse marks --json\` (whole process) | $(ms "$marks_cli_ms"); $(ms "$marks_list_ms") | — | — | — | — |
| peak memory (RSS) browsing the archive | $(isnum "$rss_kallelse_kb" && awk -v k="$rss_kallelse_kb" 'BEGIN { printf "%.1f MB", k / 1024 }' || echo n/a) | less on the SOU: $(isnum "$rss_less_kb" && awk -v k="$rss_less_kb" 'BEGIN { printf "%.1f MB", k / 1024 }' || echo n/a) | $(times_x "$(calc "$rss_kallelse_kb / $rss_less_kb")") | < 32 MB | $(verdict "$rss_kallelse_kb < 32 * 1024") |

EOF
cat "$out/search_table.md" 2>/dev/null
echo
echo "Archive database: $build_note. make bench took $((t_end - t_start)) s."
[ -s "$out/notes.txt" ] && { echo; cat "$out/notes.txt"; }
}
# The report also stays in the data folder, for the README.
report | tee "$dir/bench$shape.md"
# Another shape: its start-up, search and memory beside the 440-meeting run's.
if [ -n "$shape" ]; then
	echo
	echo "### $arch_files meetings beside 440 meetings"
	echo
	if [ -s "$dir/bench.md" ]; then
		echo "The 440-meeting figures are from $(sed -n 's/^## Benchmark (\(.*\))$/\1/p' "$dir/bench.md") (bench.md); the load of that run is in it."
		echo
		echo "| figure | $arch_files meetings | 440 meetings |"
		echo "|---|---|---|"
		for key in "building the archive" "start to first drawn agenda, archive" "global search, 10 queries" "peak memory"; do
			big=$(grep -F "| $key" "$dir/bench$shape.md" | head -n 1 | cut -d'|' -f2,3)
			small=$(grep -F "| $key" "$dir/bench.md" | head -n 1 | cut -d'|' -f3)
			[ -n "$big" ] && echo "|$big |$small |"
		done
	else
		echo "No 440-meeting report yet: run make bench first to compare."
	fi
	echo
	echo "Building the $arch_files-meeting archive took $(ms "$build_ms") ($build_note)."
fi
exit 0
