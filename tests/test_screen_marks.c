/*
 * Marks, notes, reading state and moving quickly, on screen (issue 12):
 * the chair marks items 15 and 18 and comments one, quits, starts again
 * and sees both with his initials, in the agenda and in the marks view;
 * a plain member is refused; a note in the SOU shows + in the pager's
 * margin; typing a number jumps; Tab walks the unread items; a document
 * whose text changed after it was read shows C (ändrad), and the pager
 * shows which paragraphs changed.
 */
#include "config.h"

#include <sys/stat.h>

#include <sqlite3.h>

#include "screen_test.h"
#include "store.h"

static const char *chair = "Thomas Gustafsson";

/*
 * Run sql on the database through the store, which has kl_text and
 * kl_pack: a document's text of 1 KB or more is stored deflated, which
 * the sqlite3 shell cannot edit.
 */
static void
store_sql(const char *file, const char *sql)
{
	struct store *s = NULL;
	char *err = NULL;

	ck_assert_msg(store_open(file, 0, &s, &err) == STATUS_OK, "%s", err ? err : "");
	ck_assert_msg(sqlite3_exec(store_db(s), sql, NULL, NULL, NULL) == SQLITE_OK, "%s",
	    sqlite3_errmsg(store_db(s)));
	store_close(&s);
}

/* The program again on the database of this test (start_as copies a fresh one). */
static struct pty *
restart(const char *as)
{
	static char home[4300];
	const char *argv[] = { tu_bin(), "--db", db, as ? "--as" : NULL, as, NULL };
	const char *env[] = { home, "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "KALLELSE_DB=",
		"LANGUAGE=", "NO_COLOR=", "LC_ALL=C.UTF-8", "LOCPATH=", NULL };
	struct pty *p;

	snprintf(home, sizeof home, "HOME=%s", tmp);
	p = pty_spawn(30, 100, argv, env);
	ck_assert_ptr_nonnull(p);
	return p;
}

/* Type a number in the agenda: the jump prompt opens with the first digit; Enter goes. */
static void
jump_to(struct pty *p, const char *number)
{
	char want[64];

	press_char(p, (uint32_t)number[0]);
	snprintf(want, sizeof want, "Go to item: %c", number[0]);
	expect_text(p, want);
	pty_type(p, number + 1);
	press_key(p, VTERM_KEY_ENTER);
	expect_gone(p, "Go to item:");
}

/* The row the cursor is on must contain text (after drawing settled). */
static void
expect_cursor_on(struct pty *p, const char *text)
{
	char row[4096];
	double end = pty_now_ms() + WAIT_MS;

	for (;;) {
		pty_settle(p, 30, WAIT_MS);
		if (strstr(cursor_row(p, row, sizeof row), text))
			return;
		if (pty_now_ms() > end)
			fail_screen(p, "the cursor's row is '%s', wanted '%s'", row, text);
		pty_pump(p, 50);
	}
}

static void
dump(struct pty *p, const char *what)
{
	char *s;

	pty_settle(p, 50, WAIT_MS);
	s = pty_screen(p);
	/* For the note: the screens as text. */
	fprintf(stderr, "---- %s\n%s", what, s);
	free(s);
}

START_TEST(test_chair_marks_survive)
{
	struct pty *p = start_as(30, 100, false, NULL, chair);

	expect_row(p, 0, agenda_title);
	jump_to(p, "15");
	press_char(p, 'm');
	expect_text(p, " Item 15 marked for discussion");
	jump_to(p, "18");
	press_char(p, 'm');
	expect_text(p, " Item 18 marked for discussion");
	press_char(p, 'M');
	expect_text(p, "Comment on item 18:");
	pty_type(p, "Stödet till anhöriga");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " Item 18 marked for discussion: Stödet till anhöriga");
	quit(p);

	p = restart(chair);
	expect_row(p, 0, agenda_title);
	expect_text(p, " *N    15  16.05–16.10  TG  Övergångsregler");
	expect_text(p, " *N    18  16.20–16.25  TG  Remiss: Stärkt stöd");
	dump(p, "agenda with marks");
	press_char(p, 'K');
	expect_text(p, " kallelse: Marked for discussion: this meeting");
	expect_text(p, "   15  Thomas Gustafsson");
	expect_text(p, "Stödet till anhöriga — Remiss: Stärkt stöd");
	expect_text(p, " 2 marks");
	dump(p, "marks view");
	/* Enter opens the item, which lists the mark with its comment. */
	press_key(p, VTERM_KEY_DOWN);
	expect_cursor_on(p, "18  Thomas");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Item 18: Remiss");
	expect_text(p, " Marked for discussion");
	expect_text(p, "   * Thomas Gustafsson  ");
	expect_text(p, "Stödet till anhöriga");
	quit(p);
}
END_TEST

START_TEST(test_comment_shows_in_marks_view)
{
	struct pty *p = start_as(30, 100, false, NULL, chair);

	expect_row(p, 0, agenda_title);
	jump_to(p, "15");
	press_char(p, 'M');
	expect_text(p, "Comment on item 15:");
	pty_type(p, "Kostnaden?");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " Item 15 marked for discussion: Kostnaden?");
	/* From the meetings list: all meetings. */
	press_char(p, 'q');
	expect_text(p, " kallelse: Meetings");
	press_char(p, 'K');
	expect_text(p, " kallelse: Marked for discussion: all meetings");
	expect_text(p, "  Kostnaden? — Övergångsregler");
	quit(p);
}
END_TEST

START_TEST(test_member_refused)
{
	struct pty *p = start_as(30, 100, false, NULL, "Maria Högberg");

	expect_row(p, 0, agenda_title);
	jump_to(p, "15");
	press_char(p, 'm');
	expect_text(p, "only the presidium (");
	expect_text(p, "not allowed: only the presidium (Thomas Gustafsson");
	/* Nothing marked. */
	expect_text(p, "  N    15  16.05–16.10  Övergångsregler");
	quit(p);
}
END_TEST

START_TEST(test_note_in_margin)
{
	struct pty *p = start(30, 100, false);
	char row[4096];
	int r;

	expect_row(p, 0, agenda_title);
	jump_to(p, "18");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Item 18: Remiss");
	r = walk_to(p, "  remiss  ");
	(void)r;
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Document: ");
	press_char(p, ' ');
	press_char(p, 'a');
	expect_text(p, "Note at this line:");
	pty_type(p, "Läs om kostnaderna här");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " Note added at line ");
	pty_settle(p, 50, WAIT_MS);
	pty_row(p, 1, row, sizeof row);
	ck_assert_msg(row[0] == '+', "no + in the margin of row 1: '%s'", row);
	/* The notes view lists it; Enter opens the document at its line again. */
	press_char(p, 'A');
	expect_text(p, " kallelse: Notes: this meeting");
	expect_text(p, ": Läs om kostnaderna här — Stärkt stöd");
	press_char(p, 'q');
	press_char(p, 'q');
	expect_text(p, " kallelse: Item 18: Remiss");
	/* The document row shows + too. */
	expect_text(p, " N+ ");
	quit(p);
}
END_TEST

START_TEST(test_jump_by_number)
{
	struct pty *p = start(30, 100, false);

	expect_row(p, 0, agenda_title);
	jump_to(p, "15");
	expect_cursor_on(p, "   15  16.05–16.10");
	jump_to(p, "3");
	expect_cursor_on(p, "1–5  13.00–13.05");
	jump_to(p, "99");
	expect_text(p, "No item 99 in this meeting");
	quit(p);
}
END_TEST

START_TEST(test_tab_walks_unread)
{
	struct pty *p = start(30, 100, false);
	char first[4096], second[4096];

	expect_row(p, 0, agenda_title);
	press_key(p, VTERM_KEY_TAB);
	pty_settle(p, 30, WAIT_MS);
	cursor_row(p, first, sizeof first);
	ck_assert_msg(strncmp(first, "  N", 3) == 0, "Tab went to '%s'", first);
	press_key(p, VTERM_KEY_TAB);
	pty_settle(p, 30, WAIT_MS);
	cursor_row(p, second, sizeof second);
	ck_assert_msg(strncmp(second, "  N", 3) == 0 && strcmp(first, second) != 0,
	    "second Tab: '%s' after '%s'", second, first);
	/* In the item view, Tab goes to the next unread document. */
	jump_to(p, "18");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Item 18: Remiss");
	pty_settle(p, 30, WAIT_MS);
	cursor_row(p, first, sizeof first);
	press_key(p, VTERM_KEY_TAB);
	pty_settle(p, 30, WAIT_MS);
	cursor_row(p, second, sizeof second);
	ck_assert_msg(strncmp(second, " N", 2) == 0 && strcmp(first, second) != 0,
	    "Tab in the item: '%s' after '%s'", second, first);
	quit(p);
}
END_TEST

START_TEST(test_changed_document)
{
	struct pty *p = start(30, 100, false);

	expect_row(p, 0, agenda_title);
	jump_to(p, "15");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Item 15: ");
	/*
	 * u: every document of the item read by hand, each one walked to
	 * first. A blind Tab was flaky under load: with the screen read
	 * before u's redraw had finished, one more Tab landed on a document
	 * already read and u made it unread again.
	 */
	for (int i = 0; i < 8; i++) {
		char row[4096];
		int r;

		pty_settle(p, 30, WAIT_MS);
		if ((r = pty_find_row(p, " N  ")) < 0)
			break;
		pty_row(p, r, row, sizeof row);
		walk_to(p, row + 4);
		press_char(p, 'u');
		expect_text(p, "Marked as read: ");
		expect_gone(p, row);
	}
	press_char(p, 'q');
	expect_text(p, "       15  16.05–16.10  Övergångsregler");
	quit(p);
	/* A corrected text (as a new import or a sync brings it). */
	store_sql(db, "UPDATE document SET text = kl_pack(kl_text(text) || 'Rättelse.'), "
	    "sha256 = 'x' || sha256 WHERE item_id = (SELECT id FROM agenda_item WHERE number = '15')");
	p = restart(NULL);
	expect_row(p, 0, agenda_title);
	expect_text(p, "  C    15  16.05–16.10  Övergångsregler");
	quit(p);
}
END_TEST

/*
 * A corrected SOU after it was read: the pager says how many paragraphs
 * changed, c goes to the changed one, its lines carry a bar in the
 * margin, and u (read it as it is now) takes the bars away.
 */
START_TEST(test_changed_paragraphs)
{
	struct pty *p = start(30, 100, false);
	char row[4096];
	int r;

	expect_row(p, 0, agenda_title);
	jump_to(p, "18");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Item 18: Remiss");
	walk_to(p, "  remiss  ");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " Line 1 of ");
	press_char(p, 'u');
	expect_text(p, "Marked as read: ");
	quit(p);
	store_sql(db, "UPDATE document SET text = kl_pack(replace(kl_text(text),"
	    " 'kommun har en verksamhet som kallas', 'kommun har sedan 2023 en verksamhet som kallas')),"
	    " sha256 = 'x' || sha256 WHERE kind = 'remiss'");
	p = restart(NULL);
	expect_row(p, 0, agenda_title);
	jump_to(p, "18");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Item 18: Remiss");
	walk_to(p, "  remiss  ");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, "changed: 1 paragraph (c)");
	ck_assert_int_lt(pty_find_row(p, "sedan 2023"), 0);
	press_char(p, 'c');
	r = expect_text(p, "sedan 2023 en verksamhet");
	pty_settle(p, 30, WAIT_MS);
	pty_row(p, r, row, sizeof row);
	ck_assert_msg(strncmp(row, "│", 3) == 0, "no bar in the margin: '%s'", row);
	/* The line above the paragraph (its heading, or a blank line) has none. */
	pty_row(p, r - 1, row, sizeof row);
	ck_assert_msg(strncmp(row, "│", 3) != 0, "a bar above the paragraph: '%s'", row);
	press_char(p, 'u');
	expect_gone(p, "changed: 1 paragraph (c)");
	pty_settle(p, 30, WAIT_MS);
	pty_row(p, r, row, sizeof row);
	ck_assert_msg(strncmp(row, "│", 3) != 0, "the bar stayed after u: '%s'", row);
	quit(p);
}
END_TEST

/*
 * The notes view: a note added with a, then e edits it in $VISUAL (a
 * script that writes two lines, as an editor would), d asks first: n
 * keeps it, y deletes it, and `kallelse notes` agrees.
 */
START_TEST(test_notes_edit_delete)
{
	char script[4400], env[4500];
	const char *args[] = { "--db", db, "notes", "--json", NULL };
	char *out = NULL, *err = NULL;
	struct pty *p;
	FILE *f;

	snprintf(script, sizeof script, "%s/visual.sh", tmp);
	f = fopen(script, "w");
	ck_assert_ptr_nonnull(f);
	fputs("#!/bin/sh\nprintf 'Kostnaden för övergången måste utredas\\nAndra raden\\n' > \"$1\"\n", f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(chmod(script, 0700), 0);
	snprintf(env, sizeof env, "VISUAL=%s", script);
	p = start_env(30, 100, false, env);
	expect_row(p, 0, agenda_title);
	jump_to(p, "15");
	press_char(p, 'a');
	expect_text(p, "Note on the item:");
	press_line(p, "Fråga om kostnaden");
	expect_text(p, "Note added to the item");
	press_char(p, 'A');
	expect_text(p, "Item 15: Fråga om kostnaden");
	press_char(p, 'e');
	expect_text(p, "Item 15: Kostnaden för övergången måste utredas …");
	expect_text(p, "Note saved");
	press_char(p, 'd');
	expect_text(p, "Delete this note? (y/n)");
	press_line(p, "n");
	expect_text(p, "Note kept");
	ck_assert_int_ge(pty_find_row(p, "Item 15: Kostnaden för övergången"), 0);
	press_char(p, 'd');
	expect_text(p, "Delete this note? (y/n)");
	press_line(p, "y");
	expect_text(p, "Note deleted");
	expect_gone(p, "Item 15: Kostnaden för övergången");
	quit(p);
	ck_assert_int_eq(tu_run(args, &out, &err), 0);
	ck_assert_msg(strstr(out, "Kostnaden") == NULL && strstr(out, "[") != NULL,
	    "the note is still there: %s", out);
	free(out);
	free(err);
}
END_TEST

START_TEST(test_pager_jump_back)
{
	struct pty *p = start(30, 100, false);

	expect_row(p, 0, agenda_title);
	jump_to(p, "18");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Item 18: Remiss");
	walk_to(p, "  remiss  ");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " Line 1 of ");
	press_char(p, 'G');
	expect_gone(p, " Line 1 of ");
	press_char(p, '\'');
	press_char(p, '\'');
	expect_text(p, " Line 1 of ");
	quit(p);
}
END_TEST

/* No identity: the first m asks once; Esc skips, and marking says how to set a name. */
START_TEST(test_ask_identity_once)
{
	struct pty *p = start(30, 100, false);

	expect_row(p, 0, agenda_title);
	jump_to(p, "15");
	press_char(p, 'm');
	expect_text(p, "Your name, as in the membership (Esc: skip):");
	press_key(p, VTERM_KEY_ESCAPE);
	expect_text(p, "Who are you? Start with --as NAME");
	/* A move clears the message; the next m says it again and asks no more. */
	press_char(p, 'j');
	expect_gone(p, "Who are you?");
	press_char(p, 'm');
	expect_text(p, "Who are you? Start with --as NAME");
	if (pty_find_row(p, "Your name") >= 0)
		fail_screen(p, "asked a second time");
	quit(p);
}
END_TEST

static Suite *
marks_suite(void)
{
	Suite *s = suite_create("screen_marks");
	TCase *tc = tcase_create("seed");

	tcase_add_unchecked_fixture(tc, setup_all, teardown_all);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_chair_marks_survive);
	tcase_add_test(tc, test_comment_shows_in_marks_view);
	tcase_add_test(tc, test_member_refused);
	tcase_add_test(tc, test_note_in_margin);
	tcase_add_test(tc, test_jump_by_number);
	tcase_add_test(tc, test_tab_walks_unread);
	tcase_add_test(tc, test_changed_document);
	tcase_add_test(tc, test_changed_paragraphs);
	tcase_add_test(tc, test_notes_edit_delete);
	tcase_add_test(tc, test_pager_jump_back);
	/* Last: the skipped answer is kept in the config under the shared HOME. */
	tcase_add_test(tc, test_ask_identity_once);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tu_run_suite(marks_suite(), CK_NORMAL) ? 1 : 0;
}
