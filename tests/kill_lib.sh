# Shared by tests/test_kill_import.sh and tests/test_kill_sync.sh (sourced):
# what is checked in a database after a kill, as issue 16 lists it --
# integrity ok, the content all old or all new, the user's data intact.
# Needs $bin (kallelse), sqlite3, and bad() from the sourcing script.

# The user's own data (marks, notes, reading state) is in NAME-user.db
# beside NAME.db (store/userfile.c); the two are copied and checked together.
user_of() { echo "${1%.db}-user.db"; }

# Copy a database and its user file (and nothing of an earlier copy).
cpdb() {
	rm -f "$2" "$2-wal" "$2-shm" "$2-journal" "$(user_of "$2")"*
	cp "$1" "$2"
	cp "$(user_of "$1")" "$(user_of "$2")"
}

# The content as the store holds it, without the times of writing
# (imported_at, updated): meetings with their content hash, every item,
# every document's text hash and stored length, the people, proposals, presenters, breaks,
# and how many rows the search index has. Two databases holding the same
# packet print the same; a half-written one differs from both.
content_of() {
	sqlite3 "$1" "
	SELECT 'meeting', id, date, time, time_end, place, state, revision, content_sha256,
		item_count, doc_count FROM meeting ORDER BY id;
	SELECT 'item', id, ord, number, section, title, time_start, time_end, case_number,
		presidium_paragraph, presidium_decision, confidential FROM agenda_item ORDER BY id;
	SELECT 'doc', id, item_id, ord, attached, kind, title, chars, sha256,
		length(text) FROM document ORDER BY id;
	SELECT 'people', count(*) FROM meeting_person;
	SELECT 'proposals', count(*) FROM proposal;
	SELECT 'presenters', count(*) FROM presenter;
	SELECT 'breaks', count(*) FROM agenda_break;
	SELECT 'originals', count(*), sum(size) FROM packet_original;
	SELECT 'pages', count(*) FROM document_page;
	SELECT 'indexed', count(*) FROM search_row;" 2>&1
}

# The user's own rows: marks, notes, reading state (none of them content).
userdata_of() {
	sqlite3 "$(user_of "$1")" "
	SELECT 'mark', item_id, person, kind, comment, removed, updated FROM mark ORDER BY item_id, person;
	SELECT 'note', id, doc_id, item_id, position, text, updated FROM note ORDER BY id;
	SELECT 'read', doc_id, position, sha256, read_at FROM reading ORDER BY doc_id;" 2>&1
}

# Give the database one of each kind of user data, on real items and documents.
add_userdata() {
	sqlite3 "$(user_of "$1")" "
	ATTACH '$1' AS c;
	INSERT INTO mark(item_id, person, kind, comment, updated)
		VALUES ((SELECT id FROM c.agenda_item ORDER BY ord LIMIT 1 OFFSET 3), 'jag', 'fråga',
		'Vad kostar det?', '2024-12-01T10:00:00.000Z');
	INSERT INTO note(item_id, position, text, created, updated)
		VALUES ((SELECT id FROM c.agenda_item ORDER BY ord LIMIT 1), 0, 'Min anteckning',
		'2024-12-05T10:00:00Z', '2024-12-05T10:00:00Z');
	INSERT INTO note(doc_id, position, text, created, updated)
		VALUES ((SELECT id FROM c.document ORDER BY id LIMIT 1 OFFSET 7), 120, 'Läs §3 igen',
		'2024-12-05T10:01:00Z', '2024-12-05T10:01:00Z');
	INSERT INTO reading(doc_id, position, sha256, read_at, read_sha256)
		SELECT id, 40, sha256, '2024-12-05T10:02:00Z', sha256 FROM c.document ORDER BY id LIMIT 1 OFFSET 7;"
	# Each must be there: an insert that fails (a column renamed) would
	# leave nothing to compare, and the check would pass on nothing.
	[ "$(sqlite3 "$(user_of "$1")" "SELECT (SELECT count(*) FROM mark) || (SELECT count(*) FROM note) ||
		(SELECT count(*) FROM reading)")" = 121 ] || { echo "FAIL: the user data was not added"; exit 1; }
}

# After a kill: PRAGMA integrity_check, then kallelse check (the search
# index agrees with the content too); the label names the run.
check_db() {
	for f in "$1" "$(user_of "$1")"; do
		# A kill before the user file was made leaves none; the sqlite3
		# shell would create an empty one (kallelse treats that as none).
		[ -e "$f" ] || continue
		ok=$(sqlite3 "$f" "PRAGMA integrity_check" 2>&1)
		[ "$ok" = ok ] || bad "$2: integrity_check of $f: $ok"
	done
	"$bin" --db "$1" check > "$1.check" 2>&1 || bad "$2: kallelse check: $(cat "$1.check")"
}

ms_now() { date +%s%N | cut -c1-13; }
pause() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
