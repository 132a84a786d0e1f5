# Sourced by bench.sh: the presidium's marks (issue 12), in the TUI and as
# commands, on a copy of the seed database. In a pty as the chair: from m
# on item 15 until the agenda shows the mark, from K until the marks view
# lists it (each run unmarks again, so every run starts alike); whole
# process: `kallelse mark` and `kallelse marks --json`. Sets marks_*.
marks_tui_ms=n/a marks_view_ms=n/a marks_cli_ms=n/a marks_list_ms=n/a
marks_db=$dir/marks-seed.db
chair="Thomas Gustafsson"
if [ -s "$seed_db" ] && [ -x "$tools/bench_pty" ]; then
	cp "$seed_db" "$marks_db"
	rm -f "$marks_db-wal" "$marks_db-shm"
	log "marks: m and K in the TUI, mark and marks as commands"
	meeting=$("$bin" --db "$marks_db" meetings --json 2>/dev/null | sed -n 's/.*"id": *"\([^"]*\)".*/\1/p' | head -n 1)
	# Every run starts with item 15 unmarked.
	[ -n "$meeting" ] && "$bin" --db "$marks_db" --as "$chair" mark "$meeting/15" --remove >/dev/null 2>&1
	# The agenda opens on the seed's meeting; 15 Enter jumps to the item.
	pty_run "$out/marks_tui.txt" -n "$pty_runs" -w 1 "wait:$agenda_last" key:1 key:5 key:Enter \
	    "gone:Go to item:" quiet:30 mark key:m "wait:Item 15 marked for discussion" lap:mark \
	    quiet:30 mark key:K "wait:Marked for discussion: this meeting" "wait:$chair" lap:view \
	    key:q "wait:$agenda_last" key:m "wait:Mark removed from item 15" quiet:30 key:Q exit \
	    -- "$bin" --db "$marks_db" --as "$chair"
	marks_tui_ms=$(pty_fig "$out/marks_tui.txt" mark)
	marks_view_ms=$(pty_fig "$out/marks_tui.txt" view)
	if [ -n "$meeting" ]; then
		marks_cli_ms=$(run_time 1 -n "$runs" -w 1 -q -- "$bin" --db "$marks_db" --as "$chair" \
		    mark "$meeting/15" --comment "Diskutera övergångsreglerna")
		marks_list_ms=$(run_time 1 -n "$runs" -w 1 -q -- "$bin" --db "$marks_db" marks --json)
	fi
fi
