/*
 * Terminal safety on screen: a hostile packet (made here from the seed)
 * carries an OSC title change (ESC ] 0 ; … BEL and ESC ] 2 ;), CSI
 * sequences (clear screen, colour), a C1 CSI in UTF-8 (U+009B), a bidi
 * override (U+202E) and an invalid UTF-8 byte in the body's name, an item
 * title and a document. After the agenda, the meetings list, the item,
 * a search and the document, the terminal's title was never set, the
 * screen was never cleared by the packet, and the sequences show as
 * visible text; the commands' output holds none of those bytes either.
 * The first test proves the harness sees a title change at all.
 */
#include "config.h"

#include <sqlite3.h>

#include "screen_test.h"

/* The seed with the hostile bytes put into names, a title and a document's text. */
static void
make_hostile(const char *out)
{
	static const struct {
		const char *from, *to;
	} subst[] = {
		{ "Nämnd för folkhälsa och sjukvård", "Nämnd för folk\033]2;pwned2\007hälsa och sjukvård" },
		{ "Övergångsregler", "Över\033]0;pwned\007gångs\xc2\x9b" "31m\xe2\x80\xaeregler" },
		{ "budgetavvikelsen", "budget\033[2J\033[31mavvikelsen\xff\033]1;icon\007slut" },
	};
	size_t len;
	char *s = tu_read_file(tu_seed(seed_name), &len);
	FILE *f = fopen(out, "wb");

	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < len;) {
		size_t k;

		for (k = 0; k < sizeof subst / sizeof subst[0]; k++) {
			size_t n = strlen(subst[k].from);
			if (len - i >= n && memcmp(s + i, subst[k].from, n) == 0) {
				fputs(subst[k].to, f);
				i += n;
				break;
			}
		}
		if (k == sizeof subst / sizeof subst[0])
			fputc(s[i++], f);
	}
	ck_assert_int_eq(fclose(f), 0);
	free(s);
}

static char hostile_db[4000];

/*
 * The importer already turns controls in names and titles into
 * placeholders; content that arrives another way (a sync bundle, an
 * older kallelse) may not have been. So the raw bytes also go straight
 * into the database, and the screen must still show none of them.
 */
static void
put_raw(const char *file)
{
	static const char *const sql[] = {
		"UPDATE agenda_item SET title = ?1 || title WHERE number = '15'",
		"UPDATE organization SET name = ?1 || name",
	};
	const char *raw = "R\033]0;rawtitle\007\033[2J\xc2\x9b" "1m\xe2\x80\xae\xff:";
	sqlite3 *h;

	if (sqlite3_open(file, &h) != SQLITE_OK)
		exit(1);
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		sqlite3_stmt *st;

		if (sqlite3_prepare_v2(h, sql[i], -1, &st, NULL) != SQLITE_OK)
			exit(1);
		sqlite3_bind_text(st, 1, raw, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			exit(1);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
}

static void
setup_hostile(void)
{
	char packet[4300], *out = NULL, *err = NULL;
	const char *args[] = { "--db", hostile_db, "import", packet, NULL };

	setup_all();
	snprintf(packet, sizeof packet, "%s/hostile.txt", tmp);
	snprintf(hostile_db, sizeof hostile_db, "%s/hostile.db", tmp);
	make_hostile(packet);
	if (tu_run(args, &out, &err) != 0) {
		fprintf(stderr, "hostile import failed: %s%s\n", out ? out : "", err ? err : "");
		exit(1);
	}
	free(out);
	free(err);
	put_raw(hostile_db);
	/* Every test starts on a copy of the hostile database. */
	snprintf(seed_db, sizeof seed_db, "%s", hostile_db);
}

/* Nothing raw: no ESC, no C1 CSI, no bidi override, no invalid byte on the screen. */
static void
screen_clean(struct pty *p, const char *where)
{
	char *screen = pty_screen(p), title[256];
	int changes = pty_title(p, title, sizeof title);

	if (changes != 0)
		fail_screen(p, "%s: the terminal title was set %d time(s), last to '%s'", where,
		    changes, title);
	if (strchr(screen, '\033') || strstr(screen, "\xc2\x9b") || strstr(screen, "\xe2\x80\xae"))
		fail_screen(p, "%s: a control reached the screen", where);
	free(screen);
}

/* The harness itself: a program that sets the title is seen doing it. */
START_TEST(test_harness_sees_title)
{
	const char *argv[] = { "/bin/sh", "-c", "printf '\\033]0;pwned\\007x'; sleep 1", NULL };
	struct pty *p = pty_spawn(10, 40, argv, NULL);
	char title[256];

	ck_assert_ptr_nonnull(p);
	expect_text(p, "x");
	/* OSC 0 sets the title and the icon name: two changes. */
	ck_assert_int_ge(pty_title(p, title, sizeof title), 1);
	ck_assert_str_eq(title, "pwned");
	pty_wait_exit(p, WAIT_MS);
	pty_free(p);
}
END_TEST

START_TEST(test_hostile_views)
{
	struct pty *p = start(30, 120, false);
	int r;

	/* The agenda: the body's name and item 15's title show their sequences as text. */
	expect_text(p, "2;pwned2");
	expect_text(p, "0;pwned");
	expect_text(p, "0;rawtitle");
	screen_clean(p, "agenda");
	/* The meetings list. */
	press_char(p, 'q');
	expect_text(p, " kallelse: Meetings");
	screen_clean(p, "meetings");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Agenda:");
	/* The item. */
	r = walk_to(p, "   15  16.05–16.10");
	(void)r;
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Item 15:");
	screen_clean(p, "item");
	press_char(p, 'q');
	expect_text(p, " kallelse: Agenda:");
	/* A search whose hit is in the hostile document text, then the document at it. */
	pty_char(p, '/');
	pty_settle(p, 30, WAIT_MS);
	press_line(p, "avvikelsen");
	expect_text(p, "[2J");
	screen_clean(p, "search");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Document:");
	expect_text(p, "[2J");
	/* The clear-screen sequence did not clear it: the title row is still there. */
	expect_text(p, "1;icon");
	screen_clean(p, "document");
	press_key(p, VTERM_KEY_PAGEDOWN);
	screen_clean(p, "document, paged");
	quit(p);
}
END_TEST

/* The commands' output, captured: none of the hostile bytes come out raw. */
START_TEST(test_hostile_commands)
{
	const char *cmds[][4] = {
		{ "meetings", NULL },
		{ "agenda", NULL },
		{ "search", "avvikelsen", NULL },
		{ "search", "pwned", NULL },
	};

	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		const char *args[8] = { "--db", hostile_db };
		char *out = NULL, *err = NULL;
		size_t k;

		for (k = 0; cmds[i][k]; k++)
			args[2 + k] = cmds[i][k];
		args[2 + k] = NULL;
		ck_assert_int_eq(tu_run(args, &out, &err), 0);
		ck_assert_msg(strlen(out) > 0, "%s: no output", cmds[i][0]);
		ck_assert_msg(!strchr(out, '\033') && !strchr(out, '\007') && !strstr(out, "\xc2\x9b")
		    && !strstr(out, "\xe2\x80\xae") && !strstr(out, "\xff"),
		    "%s: raw control in: %s", cmds[i][0], out);
		free(out);
		free(err);
	}
}
END_TEST

static Suite *
hostile_suite(void)
{
	Suite *s = suite_create("screen_hostile");
	TCase *tc = tcase_create("hostile");

	tcase_add_unchecked_fixture(tc, setup_hostile, teardown_all);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_harness_sees_title);
	tcase_add_test(tc, test_hostile_views);
	tcase_add_test(tc, test_hostile_commands);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tu_run_suite(hostile_suite(), CK_NORMAL);
}
