/*
 * S in the TUI (issue 14): a secretary database (the seed) publishes to
 * a folder or a real nginx; a laptop syncs once by the command line,
 * which remembers the source, and opens the program. The secretary then
 * corrects the meeting and adds one; S shows its progress and the result,
 * the new meeting is in the list and the corrected title in the open
 * agenda without a restart, and the meetings view shows the last sync. An
 * unreachable source says so and the program goes on as before; a laptop
 * that never synced is told to run `kallelse sync SOURCE` once; a
 * read-only database refuses.
 */
#include "config.h"

#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "screen_test.h"

static char sec_db[4400], pub[4400], lap_db[4400], corrected[4400], added[4400];
static char nginx_url[256];
static int nginx_pid;

/* kallelse with args; the test fails with its output unless it exits 0. */
static void
cli(const char *const *args)
{
	char *out = NULL, *err = NULL;
	int rc = tu_run(args, &out, &err);

	if (rc != 0)
		ck_abort_msg("kallelse %s %s: exit %d: %s%s", args[2], args[3] ? args[3] : "", rc,
		    out ? out : "", err ? err : "");
	free(out);
	free(err);
}

/*
 * The secretary's database (a copy of the imported seed) publishes into a
 * fresh folder; the laptop's database (empty) is named. The signing key
 * and the config are in the test's own folders.
 */
static void
setup_secretary(void)
{
	static char data[4300], config[4300], cmd[32768];
	const char *seed = tu_seed(seed_name);
	int n = test_counter++;

	snprintf(data, sizeof data, "%s/data", tmp);
	snprintf(config, sizeof config, "%s/config", tmp);
	mkdir(data, 0700);
	mkdir(config, 0700);
	setenv("XDG_DATA_HOME", data, 1);
	setenv("XDG_CONFIG_HOME", config, 1);
	snprintf(sec_db, sizeof sec_db, "%s/sec%d-%d.db", tmp, (int)getpid(), n);
	snprintf(pub, sizeof pub, "%s/pub%d-%d", tmp, (int)getpid(), n);
	snprintf(lap_db, sizeof lap_db, "%s/lap%d-%d.db", tmp, (int)getpid(), n);
	snprintf(corrected, sizeof corrected, "%s/corrected.txt", tmp);
	snprintf(added, sizeof added, "%s/added.txt", tmp);
	/* The correction renames item 7; the added meeting is the seed on another day. */
	snprintf(cmd, sizeof cmd, "cp '%s' '%s' && sed 's/Patientsäkerhet/Patientsäkerhet och "
	    "vårdskador/' '%s' > '%s' && sed 's/2024-12-10/2025-01-21/g' '%s' > '%s'",
	    seed_db, sec_db, seed, corrected, seed, added);
	ck_assert_int_eq(system(cmd), 0);
	{
		const char *a[] = { "--db", sec_db, "publish", pub, NULL };
		cli(a);
	}
}

/* The laptop's first sync, by the command line: it remembers source. The
 * laptop has a data folder (and so a key) of its own: a database synced
 * with the publisher's key is the secretary's, which sync leaves as it is. */
static void
first_sync(const char *source)
{
	const char *a[] = { "--db", lap_db, "sync", source, NULL };
	char sec_data[4300], lap_data[4300];

	snprintf(sec_data, sizeof sec_data, "%s/data", tmp);
	snprintf(lap_data, sizeof lap_data, "%s/lapdata", tmp);
	mkdir(lap_data, 0700);
	setenv("XDG_DATA_HOME", lap_data, 1);
	cli(a);
	setenv("XDG_DATA_HOME", sec_data, 1);
}

/* The secretary corrects the meeting, adds one and publishes again. */
static void
publish_more(void)
{
	const char *imp1[] = { "--db", sec_db, "import", corrected, NULL };
	const char *imp2[] = { "--db", sec_db, "import", added, NULL };
	const char *publ[] = { "--db", sec_db, "publish", pub, NULL };

	cli(imp1);
	cli(imp2);
	cli(publ);
}

/* The program on the laptop's database, in English. */
static struct pty *
open_laptop(const char *db_path)
{
	static char home[4300], xdg_data[4400];
	const char *argv[] = { tu_bin(), "--db", db_path, NULL };
	const char *env[] = { home, xdg_data, "XDG_CONFIG_HOME=", "KALLELSE_DB=", "LANGUAGE=",
		"NO_COLOR=", "LC_ALL=C.UTF-8", "LOCPATH=", NULL };
	struct pty *p;

	snprintf(home, sizeof home, "HOME=%s", tmp);
	snprintf(xdg_data, sizeof xdg_data, "XDG_DATA_HOME=%s/lapdata", tmp);
	p = pty_spawn(30, 100, wrapped(argv), env);
	ck_assert_ptr_nonnull(p);
	return p;
}

/* From the agenda the program opens on, back to the meetings list. */
static void
to_meetings(struct pty *p)
{
	expect_row(p, 0, agenda_title);
	press_char(p, 'q');
	expect_row(p, 0, " kallelse: Meetings                                                                  ? help  q quit");
}

/* The row holding text must also hold want (a failure shows the screen). */
static void
expect_row_has(struct pty *p, const char *text, const char *want)
{
	char row[4096];
	int r = expect_text(p, text);

	pty_settle(p, 30, WAIT_MS);
	if (strstr(pty_row(p, r, row, sizeof row), want) == NULL)
		fail_screen(p, "the row with '%s' reads '%s', wanted '%s' in it", text, row, want);
}

START_TEST(test_sync_from_folder)
{
	struct pty *p;

	setup_secretary();
	first_sync(pub);
	p = open_laptop(lap_db);
	to_meetings(p);
	/* The command line's first sync, at the foot of the list. */
	expect_row_has(p, "Last sync ", "1 new meeting, 0 updated, 0 removed");
	expect_text(p, strrchr(pub, '/') + 1);	/* from where, maybe on the next row */
	if (pty_find_row(p, "2025-01-21") >= 0)
		fail_screen(p, "the new meeting is there before it was published");
	publish_more();
	press_char(p, 'S');
	expect_text(p, "Synced: 1 new meeting, 1 updated, 0 removed");
	/* Read again without a restart: the new meeting is in the list. */
	expect_text(p, "2025-01-21");
	/* The message goes with the next key; the last-sync line says what came. */
	press_char(p, 'j');
	expect_gone(p, "Synced:");
	expect_row_has(p, "Last sync ", "1 new meeting, 1 updated, 0 removed");
	quit(p);
}
END_TEST

START_TEST(test_sync_in_agenda)
{
	struct pty *p;

	setup_secretary();
	first_sync(pub);
	p = open_laptop(lap_db);
	expect_row(p, 0, agenda_title);
	expect_text(p, "Patientsäkerhet");
	publish_more();
	press_char(p, 'S');
	expect_text(p, "Synced: 1 new meeting, 1 updated, 0 removed");
	/* The open agenda read the corrected meeting again. */
	expect_text(p, "Patientsäkerhet och vårdskador");
	quit(p);
}
END_TEST

/*
 * A sync that removes the meeting open on screen (issue 14's leftover):
 * the item view and the agenda of that meeting close, back to the
 * meetings list, and the status line keeps the sync's result with why
 * they closed, not the reload's "there is no meeting" error.
 */
START_TEST(test_sync_removes_open_meeting)
{
	static const char gone_id[] = "namnd-for-folkhalsa-och-sjukvard-2025-01-21";
	const char *publ[] = { "--db", sec_db, "publish", pub, NULL };
	char cmd[16384];
	struct pty *p;

	setup_secretary();
	publish_more();
	first_sync(pub);
	p = open_laptop(lap_db);
	/* It opens on the newest meeting: the one about to go. */
	expect_text(p, "2025-01-21");
	expect_text(p, "Övriga frågor");
	press_key(p, VTERM_KEY_ENTER);	/* its first item */
	/* The secretary withdraws that meeting and publishes again. */
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"PRAGMA foreign_keys=ON;"
	    " DELETE FROM document_page WHERE doc_id LIKE '%s/%%';"
	    " DELETE FROM search_row WHERE meeting_id='%s'; DELETE FROM meeting WHERE id='%s';\"",
	    sec_db, gone_id, gone_id, gone_id);
	ck_assert_int_eq(system(cmd), 0);
	cli(publ);
	press_char(p, 'S');
	expect_text(p, "Synced: 0 new meetings, 0 updated, 1 removed");
	expect_text(p, "Synced: 0 new meetings, 0 updated, 1 removed. What was open is no longer there.");
	expect_row(p, 0, " kallelse: Meetings                                                                  ? help  q quit");
	if (pty_find_row(p, "there is no meeting") >= 0 || pty_find_row(p, "not found") >= 0)
		fail_screen(p, "the reload's error shows instead of the sync's result");
	if (pty_find_row(p, "2025-01-21") >= 0)
		fail_screen(p, "the removed meeting is still listed");
	quit(p);
}
END_TEST

/* A real nginx serving the publication, slowed so a bundle takes a while. */
static void
nginx_up(const char *rate)
{
	char cmd[32768], file[4400];
	const char *srcdir = getenv("srcdir");
	FILE *f;

	snprintf(file, sizeof file, "%s/nginx-%d.url", tmp, (int)getpid());
	snprintf(cmd, sizeof cmd, ". '%s/tests/nginx.sh' && nginx_extra='%s' && "
	    "nginx_start '%s/nginx-%d' '%s' >'%s.log' && echo \"$nginx_url $nginx_pid\" > '%s'",
	    srcdir && *srcdir ? srcdir : ".", rate, tmp, (int)getpid(), pub, file, file);
	if (system(cmd) != 0)
		ck_abort_msg("nginx did not start (%s)", cmd);
	f = fopen(file, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%255s %d", nginx_url, &nginx_pid), 2);
	fclose(f);
}

static void
nginx_down(void)
{
	if (nginx_pid <= 0)
		return;
	kill(nginx_pid, SIGTERM);
	for (int i = 0; i < 200 && kill(nginx_pid, 0) == 0; i++) {
		struct timespec ts = { 0, 20000000 };

		nanosleep(&ts, NULL);
	}
	nginx_pid = 0;
}

START_TEST(test_sync_over_http)
{
	struct pty *p;

	setup_secretary();
	/* About two seconds a bundle (860 KB): long enough to see the progress. */
	nginx_up("limit_rate 400k;");
	first_sync(nginx_url);
	p = open_laptop(lap_db);
	to_meetings(p);
	expect_text(p, nginx_url);
	publish_more();
	press_char(p, 'S');
	/* While it runs: meetings and bytes so far, on the status line. */
	expect_row_has(p, "Syncing: meetings 1/2", " MB");
	expect_text(p, "Synced: 1 new meeting, 1 updated, 0 removed");
	expect_text(p, "2025-01-21");
	/* The server gone: S says so, and nothing else changes. */
	nginx_down();
	press_char(p, 'S');
	expect_text(p, "Sync failed, nothing changed: the source");
	expect_text(p, "could not be reached");
	expect_text(p, "2025-01-21");
	quit(p);
}
END_TEST

START_TEST(test_unreachable)
{
	struct pty *p;
	char gone[4500];

	setup_secretary();
	first_sync(pub);
	/* The USB stick is pulled out. */
	snprintf(gone, sizeof gone, "%s.gone", pub);
	ck_assert_int_eq(rename(pub, gone), 0);
	p = open_laptop(lap_db);
	to_meetings(p);
	press_char(p, 'S');
	expect_text(p, "could not be reached");
	/* The program goes on: the list is there, Enter opens the agenda. */
	press_char(p, 'j');
	expect_gone(p, "Sync failed, nothing changed");
	/* The failed attempt stays below the last sync that worked. */
	expect_row_has(p, "Sync failed ", "could not be");
	expect_row_has(p, "Last sync ", "1 new meeting, 0 updated, 0 removed");
	press_key(p, VTERM_KEY_ENTER);
	expect_row(p, 0, agenda_title);
	quit(p);
}
END_TEST

START_TEST(test_never_synced)
{
	struct pty *p = start(30, 100, false);

	to_meetings(p);
	press_char(p, 'S');
	expect_text(p, "No source to sync from yet: run 'kallelse sync SOURCE' once");
	if (pty_find_row(p, "Last sync ") >= 0)
		fail_screen(p, "a last sync shows on a laptop that never synced");
	quit(p);
}
END_TEST

START_TEST(test_swedish_result)
{
	static char home[4300], loc[4400], xdg_data[4400];
	const char *argv[] = { tu_bin(), "--db", lap_db, NULL };
	const char *env[] = { home, xdg_data, "XDG_CONFIG_HOME=", "KALLELSE_DB=", "LANGUAGE=",
		"NO_COLOR=", "LC_ALL=sv_SE.UTF-8", loc, NULL };
	struct pty *p;

	if (locpath[0] == '\0')
		ck_abort_msg("localedef could not make sv_SE.UTF-8: install the 'locales' package");
	setup_secretary();
	first_sync(pub);
	snprintf(home, sizeof home, "HOME=%s", tmp);
	snprintf(xdg_data, sizeof xdg_data, "XDG_DATA_HOME=%s/lapdata", tmp);
	snprintf(loc, sizeof loc, "LOCPATH=%s", locpath);
	p = pty_spawn(30, 100, wrapped(argv), env);
	ck_assert_ptr_nonnull(p);
	expect_text(p, "Dagordning");
	publish_more();
	press_char(p, 'S');
	expect_text(p, "1 nytt sammanträde, 1 uppdaterat, 0 borttagna");
	quit(p);
}
END_TEST

/*
 * A database the user may not write (a folder and file without write
 * permission; as root, whom permissions do not stop, the program runs as
 * nobody through setpriv): S refuses with the start-up's read-only words.
 */
START_TEST(test_read_only)
{
	char dir[] = "/tmp/kallelse-ro-XXXXXX", path[64], cmd[9000];
	static char home[128];
	const char *env[] = { home, "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "KALLELSE_DB=",
		"LANGUAGE=", "NO_COLOR=", "LC_ALL=C.UTF-8", "LOCPATH=", NULL };
	const char *as_nobody[] = { "/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
		"--clear-groups", tu_bin(), "--db", path, NULL };
	const char *as_me[] = { tu_bin(), "--db", path, NULL };
	struct pty *p;

	setup_secretary();
	first_sync(pub);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/k.db", dir);
	snprintf(home, sizeof home, "HOME=%s", dir);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s' && chmod 0444 '%s' && chmod 0555 '%s'", lap_db,
	    path, path, dir);
	ck_assert_int_eq(system(cmd), 0);
	if (getuid() == 0 && access(as_nobody[0], X_OK) != 0) {
		fprintf(stderr, "test_read_only: root without setpriv: not run\n");
		return;
	}
	p = pty_spawn(30, 100, wrapped(getuid() == 0 ? as_nobody : as_me), env);
	ck_assert_ptr_nonnull(p);
	expect_text(p, "read-only: reading works");
	press_char(p, 'j');
	expect_gone(p, "read-only: reading works");
	press_char(p, 'S');
	expect_text(p, "read-only: reading works, marks and notes cannot be saved");
	if (pty_find_row(p, "Synced:") >= 0 || pty_find_row(p, "Sync failed") >= 0)
		fail_screen(p, "S synced a read-only database");
	quit(p);
	snprintf(cmd, sizeof cmd, "chmod 0755 '%s' && rm -rf '%s'", dir, dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}
END_TEST

/* An nginx left by a failed test (Check ends the test's process at once). */
static void
teardown_sync(void)
{
	char cmd[9000];

	snprintf(cmd, sizeof cmd, "for f in '%s'/nginx-*/nginx.pid; do [ -f \"$f\" ] && "
	    "kill $(cat \"$f\") 2>/dev/null; done; true", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "could not stop nginx\n");
	teardown_all();
}

static Suite *
sync_suite(void)
{
	Suite *s = suite_create("screen_sync");
	TCase *tc = tcase_create("sync");

	tcase_add_unchecked_fixture(tc, setup_all, teardown_sync);
	tcase_add_checked_fixture(tc, NULL, nginx_down);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_sync_from_folder);
	tcase_add_test(tc, test_sync_in_agenda);
	tcase_add_test(tc, test_sync_removes_open_meeting);
	tcase_add_test(tc, test_sync_over_http);
	tcase_add_test(tc, test_unreachable);
	tcase_add_test(tc, test_never_synced);
	tcase_add_test(tc, test_swedish_result);
	tcase_add_test(tc, test_read_only);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tu_run_suite(sync_suite(), CK_NORMAL) ? 1 : 0;
}
