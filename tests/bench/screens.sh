# Sourced by bench.sh: screens timed in a pseudo-terminal with bench_pty
# (the screen-test harness tests/screen_pty.c): kallelse and less on the same text,
# timed the same way, from start (or from the key press) until the expected
# text is on screen. Sets agenda_seed_ms, agenda_arch_ms, less_seed_ms,
# sou_open_ms, less_sou_ms, sou_end_ms, less_sou_end_ms, less_g_ms,
# sou_next_ms, less_next_ms, rss_kallelse_kb, rss_less_kb and the
# arch_first_* facts search.sh uses; n/a for what could not be measured.

agenda_seed_ms=n/a agenda_arch_ms=n/a less_seed_ms=n/a sou_open_ms=n/a less_sou_ms=n/a
sou_end_ms=n/a less_sou_end_ms=n/a less_g_ms=n/a sou_next_ms=n/a less_next_ms=n/a
rss_kallelse_kb=n/a rss_less_kb=n/a arch_first_date=
pty_runs=$((runs * 4 + 1))	# screens are cheap: more runs, steadier medians
find_query=anhörigkontakt	# searched inside the SOU, n timed three times
less_env="-e LESSHISTFILE=- -e LESSOPEN= -e LESSCLOSE= -e LESS= -e LESSKEY="
agenda_last="Övriga frågor"	# the last agenda item of the seed (and of each copy)

# bench_pty's output into FILE; its complaints (a missed deadline shows the
# screen) into FILE.err, summarised in the notes.
pty_run() {
	f=$1
	shift
	if ! "$tools/bench_pty" -r "$rows" -c "$cols" "$@" >"$f" 2>"$f.err"; then
		log "bench_pty $(basename "$f"): some runs missed a deadline (see $f.err)"
		echo "- $(basename "$f" .txt): some runs missed a deadline; see $f.err" >>"$out/notes.txt"
	fi
}
# screen_line FILE FIRST|LAST: a line of FILE that less shows on its first
# screen (the last such line) or its last line, trimmed, without characters
# a terminal shows differently (soft hyphen, no-break space, controls).
screen_line() {
	perl -CSD -e '
	  my ($file, $which, $rows, $cols) = @ARGV;
	  open(my $f, "<:encoding(UTF-8)", $file) or exit 1;
	  my @l = <$f>;
	  my $plain = sub { my $s = shift; $s =~ s/\s+$//; $s =~ s/^\s+//;
	    return $s ne "" && $s !~ /[\x{00}-\x{1f}\x{7f}-\x{a0}\x{ad}\x{2028}\x{2029}\x{feff}]/ ? $s : undef };
	  if ($which eq "FIRST") {
	    my ($used, $best) = (0, undef);
	    for my $line (@l) {
	      chomp(my $c = $line);
	      my $h = length($c) > $cols ? int((length($c) + $cols - 1) / $cols) : 1;
	      last if $used + $h > $rows - 1;
	      $used += $h;
	      my $p = $plain->($c);
	      $best = $p if defined $p && length($c) <= $cols;
	    }
	    print $best // "";
	  } else {
	    for my $line (reverse @l) { my $p = $plain->($line); if (defined $p && length($p) >= 12) { print $p; last } }
	  }' "$1" "$2" "$rows" "$cols"
}
first_line() {
	perl -CSD -ne 's/\s+$//; s/^\s+//; if ($_ ne "" && !/[\x{00}-\x{1f}\x{7f}-\x{a0}\x{ad}]/) { print substr($_, 0, 40); exit }' "$1"
}

if [ ! -x "$tools/bench_pty" ]; then
	echo "- Screen figures: bench_pty is not built (needs tests/screen_pty.c and libvterm-dev)." >>"$out/notes.txt"
	return 0 2>/dev/null || true
fi

# pty_once FILE STEP... -- PROGRAM ARG...: one run, its figures appended to
# FILE. kallelse and less take turns run by run (interleave below), so a
# burst of other work on the machine hits both, not one of them.
pty_once() {
	f=$1
	shift
	if ! "$tools/bench_pty" -r "$rows" -c "$cols" -n 1 -w 0 "$@" >>"$f" 2>>"$f.err"; then
		[ -e "$f.missed" ] || {
			log "bench_pty $(basename "$f"): a run missed a deadline (see $f.err)"
			echo "- $(basename "$f" .txt): some runs missed a deadline; see $f.err" >>"$out/notes.txt"
		}
		: >"$f.missed"
	fi
}
# interleave N SCENARIO...: a warm-up round (its figures thrown away), then
# N rounds, each running every scenario (a shell function taking the output
# file) once.
interleave() {
	n=$1
	shift
	for s in "$@"; do "$s" "$out/warmup.txt"; done
	k=0
	while [ "$k" -lt "$n" ]; do
		for s in "$@"; do "$s" "$out/$s.txt"; done
		k=$((k + 1))
	done
}
# pty_fig FILE NAME: the median of figure NAME over the runs in FILE, or n/a.
pty_fig() {
	awk -v n="$2" '$1 == n && $2 != "n/a" { print $2 }' "$1" 2>/dev/null | p50_p95 | cut -d' ' -f1
}
first_date() { "$tools/bench_store" first "$1" 2>/dev/null | cut -f2; }

# ---- start to first drawn agenda, and less's first screen ----------------
# kallelse starts on the agenda of the next meeting (else the newest);
# timed from start until the agenda's last item is drawn. less: from start until the last line of its first screen is drawn.
# The seed database is a copy, so reading positions written while browsing
# never touch the import figure's file.
seed_screen=$(screen_line "$seed" FIRST)
seed_first=$(first_line "$seed")
screens_seed=$dir/screens-seed.db
[ -s "$seed_db" ] && cp "$seed_db" "$screens_seed" || rm -f "$screens_seed"
seed_date=
[ -s "$screens_seed" ] && seed_date=$(first_date "$screens_seed")
[ -s "$arch_db" ] && arch_first_date=$(first_date "$arch_db")

less_seed() {
	# shellcheck disable=SC2086
	pty_once "$1" $less_env "wait:$seed_first" "wait:$seed_screen" lap:first key:q exit \
	    -- "$(command -v less)" "$seed"
}
# kallelse opens straight onto the agenda of the next meeting (else the
# latest); q goes back to the meetings list, timed as "meetings".
agenda_seed() {
	[ -n "$seed_date" ] && pty_once "$1" "wait:$seed_date" "wait:$agenda_last" lap:agenda \
	    mark key:q "wait:kallelse: Meetings" lap:meetings key:Q exit -- "$bin" --db "$screens_seed"
}
agenda_arch() {
	[ -n "$arch_first_date" ] && pty_once "$1" "wait:$arch_first_date" "wait:$agenda_last" \
	    lap:agenda mark key:q "wait:kallelse: Meetings" lap:meetings key:Q exit -- "$bin" --db "$arch_db"
}
log "screens: first agenda (seed, archive) and less's first screen, $pty_runs rounds"
interleave "$pty_runs" less_seed agenda_seed agenda_arch
less_seed_ms=$(pty_fig "$out/less_seed.txt" first)
agenda_seed_ms=$(pty_fig "$out/agenda_seed.txt" agenda)
agenda_arch_ms=$(pty_fig "$out/agenda_arch.txt" agenda)
echo "- From the agenda, q to the meetings list drawn: seed $(ms "$(pty_fig "$out/agenda_seed.txt" meetings)"), archive $(ms "$(pty_fig "$out/agenda_arch.txt" meetings)")." >>"$out/notes.txt"

# ---- the SOU: open, next match, end ----------------------------------------
# Walk: the agenda (the program starts on it), Down to the SOU's item, Enter, G to the last document,
# k up to the SOU; then timed: Enter to the first page, n (three times), G to
# the end. The run ends with g so the remembered position is the first page
# again for the next run.
# sou_walk DB INFO: the walk to the SOU, one step a line, in walk_args.
sou_walk() {
	info=$2
	date=$(first_date "$1")
	ord=$(printf '%s\n' "$info" | cut -f10)
	pos=$(printf '%s\n' "$info" | cut -f7)
	count=$(printf '%s\n' "$info" | cut -f8)
	set -- "wait:$date" "wait:$agenda_last"
	i=0
	while [ "$i" -lt "$ord" ]; do set -- "$@" key:Down; i=$((i + 1)); done
	set -- "$@" key:Enter "wait:Documents (" key:G
	i=$((count - 1))
	while [ "$i" -gt "$pos" ]; do set -- "$@" key:k; i=$((i - 1)); done
	walk_args=$(for a in "$@"; do printf '%s\n' "$a"; done)
}
# Three times n, each timed from the key to the changed screen (newline-separated
# steps, so they split the same with the default IFS and with IFS=newline).
next3='quiet:30
snap
mark
key:n
changed
lap:next
quiet:30
snap
mark
key:n
changed
lap:next
quiet:30
snap
mark
key:n
changed
lap:next'
sou_kallelse() {
	old_ifs=$IFS
	IFS='
'
	# shellcheck disable=SC2086
	pty_once "$1" $walk_args mark key:Enter "wait:$sou_first" "wait:of $sou_lines" lap:open \
	    key:/ type:"$find_query" key:Enter "wait:$find_query" $next3 \
	    mark key:G "wait:$sou_last" "wait:100%" lap:end \
	    key:g "wait:$sou_first" quiet:30 key:Q exit -- "$bin" --db "$screens_seed"
	IFS=$old_ifs
}
# G at once: pressed as soon as the first screen is drawn, before the pager
# has laid out the rest while idle (pager_idle), so G lays it out itself.
sou_gnow() {
	old_ifs=$IFS
	IFS='
'
	# shellcheck disable=SC2086
	pty_once "$1" $walk_args mark key:Enter "wait:$sou_first" "wait:of $sou_lines" lap:open \
	    mark key:G "wait:$sou_last" "wait:100%" lap:gnow \
	    key:g "wait:$sou_first" quiet:30 key:Q exit -- "$bin" --db "$screens_seed"
	IFS=$old_ifs
}
sou_less() {
	# shellcheck disable=SC2086
	pty_once "$1" $less_env "wait:$sou_first" "wait:$sou_screen" lap:open \
	    key:/ type:"$find_query" key:Enter quiet:30 $next3 \
	    mark key:G "wait:$sou_last" "wait:(END)" lap:G key:q exit -- "$(command -v less)" "$sou"
}
sou_less_end() {
	# shellcheck disable=SC2086
	pty_once "$1" $less_env "wait:$sou_last" "wait:(END)" lap:end key:q exit \
	    -- "$(command -v less)" +G "$sou"
}
if [ -n "$sou_info" ] && [ -s "$screens_seed" ]; then
	[ -n "$sqlite_cli" ] && sqlite3 "$screens_seed" "DELETE FROM reading;" 2>/dev/null
	sou_first=$(first_line "$sou")
	sou_screen=$(screen_line "$sou" FIRST)
	sou_last=$(screen_line "$sou" LAST)
	sou_walk "$screens_seed" "$sou_info"
	log "screens: the SOU in kallelse, less and less +G, $pty_runs rounds"
	interleave "$pty_runs" sou_kallelse sou_gnow sou_less sou_less_end
	sou_open_ms=$(pty_fig "$out/sou_kallelse.txt" open)
	sou_next_ms=$(pty_fig "$out/sou_kallelse.txt" next)
	sou_end_ms=$(pty_fig "$out/sou_kallelse.txt" end)
	less_sou_ms=$(pty_fig "$out/sou_less.txt" open)
	less_next_ms=$(pty_fig "$out/sou_less.txt" next)
	less_g_ms=$(pty_fig "$out/sou_less.txt" G)
	less_sou_end_ms=$(pty_fig "$out/sou_less_end.txt" end)
	echo "- less, G pressed in a running less on the SOU: $(ms "$less_g_ms") (the table compares with \`less +G\` from start, as the issue asks)." >>"$out/notes.txt"
	echo "- kallelse, G pressed as soon as the SOU's first screen is drawn (the rest not yet laid out while idle): $(ms "$(pty_fig "$out/sou_gnow.txt" gnow)"); less +G $(ms "$less_sou_end_ms")." >>"$out/notes.txt"
fi

# ---- peak memory browsing the archive --------------------------------------
# One session on the archive: first agenda, the newest meeting's SOU, its
# end, a global search; peak RSS of the program (getrusage of the child).
# less: the SOU, to its end.
if [ -s "$arch_db" ]; then
	arch_sou=$out/arch_sou.txt
	arch_info=$("$tools/bench_store" largest "$arch_db" "$arch_sou" 2>/dev/null)
	if [ -n "$arch_info" ]; then
		# Forget reading positions of earlier runs: the SOU opens on its first page.
		[ -n "$sqlite_cli" ] && sqlite3 "$arch_db" "DELETE FROM reading;" 2>/dev/null
		sou_walk "$arch_db" "$arch_info"
		log "screens: kallelse browsing the archive, peak RSS"
		old_ifs=$IFS
		IFS='
'
		# shellcheck disable=SC2086
		pty_run "$out/rss_kallelse.txt" -n 1 -w 0 $walk_args key:Enter "wait:of $(printf '%s\n' "$arch_info" | cut -f4)" \
		    key:G "wait:100%" key:s type:sjukvård key:Enter "wait: hits" key:G quiet:50 \
		    key:Q exit -- "$bin" --db "$arch_db"
		IFS=$old_ifs
		rss_kallelse_kb=$(awk '$1 == "maxrss_kb" { print $2 }' "$out/rss_kallelse.txt")
		grep -q 'missed' "$out/rss_kallelse.txt.err" 2>/dev/null && rss_kallelse_kb=n/a
	fi
fi
if [ -s "$sou" ]; then
	# shellcheck disable=SC2086
	pty_run "$out/rss_less.txt" -n 1 -w 0 $less_env "wait:$sou_first" key:G "wait:(END)" key:q exit \
	    -- "$(command -v less)" "$sou"
	rss_less_kb=$(awk '$1 == "maxrss_kb" { print $2 }' "$out/rss_less.txt")
	grep -q 'missed' "$out/rss_less.txt.err" 2>/dev/null && rss_less_kb=n/a
fi
isnum "$rss_kallelse_kb" || rss_kallelse_kb=n/a
isnum "$rss_less_kb" || rss_less_kb=n/a
