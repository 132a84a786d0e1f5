/*
 * Helpers shared by the screen test programs (test_screen.c,
 * test_screen_views.c): the seed imported once into a scratch folder, the
 * program started on a fresh copy of it in a pty, and waits that fail
 * with the screen in the log. Header-only (static functions), like
 * testutil.h, so each test program stays one file.
 *
 * A wait after a key press must not be met by the screen before the key:
 * press_key/press_char send a key and first wait for the screen to change
 * (pty_generation), then the caller waits for what only the new view shows.
 */
#ifndef KALLELSE_SCREEN_TEST_H
#define KALLELSE_SCREEN_TEST_H

#include <check.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen_pty.h"
#include "testutil.h"

/* Generous: sanitizer builds and a loaded CI machine are slow. */
#define WAIT_MS 10000

static char *tmp;		/* scratch folder for the whole run */
static char seed_db[4200];	/* the imported seed; each test copies it */
static char locpath[4200];	/* generated sv_SE.UTF-8, or "" */

static const char *seed_name = "000_064591761fb2138b.txt";

/* ---- fixture: import once, in the parent ---- */

static inline void
setup_all(void)
{
	const char *seed = tu_seed(seed_name);
	char *out = NULL, *err = NULL, cmd[13000];
	const char *args[] = { "--db", seed_db, "import", seed, NULL };
	int rc;

	tmp = tu_tmpdir();
	snprintf(seed_db, sizeof seed_db, "%s/seed.db", tmp);
	rc = tu_run(args, &out, &err);
	if (rc != 0) {
		fprintf(stderr, "import failed (%d): %s%s\n", rc, out ? out : "", err ? err : "");
		exit(1);
	}
	free(out);
	free(err);
	/* A Swedish locale of our own: only C, C.UTF-8 and POSIX may be installed. */
	snprintf(locpath, sizeof locpath, "%s/locale", tmp);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' && localedef -i sv_SE -f UTF-8 '%s/sv_SE.UTF-8' "
	    ">/dev/null 2>&1; test -d '%s/sv_SE.UTF-8'", locpath, locpath, locpath);
	if (system(cmd) != 0)
		locpath[0] = '\0';
}

static inline void
teardown_all(void)
{
	if (tmp)
		tu_rmrf(tmp);
}

/* ---- helpers ---- */

static int test_counter;
static char db[4300];		/* the database of the running test */

/*
 * $KALLELSE_WRAPPER: words put before the program, the first a path, e.g.
 * "/usr/bin/valgrind --error-exitcode=1 --log-file=vg.%p" (make
 * check-valgrind). The program's exit status then carries the wrapper's
 * verdict, and quit() checks it. Returns argv itself when unset.
 */
static inline const char *const *
wrapped(const char *const *argv)
{
	static char words[2048];
	static const char *out[64];
	const char *w = getenv("KALLELSE_WRAPPER");
	size_t n = 0;

	if (w == NULL || *w == '\0')
		return argv;
	snprintf(words, sizeof words, "%s", w);
	for (char *save = NULL, *t = strtok_r(words, " ", &save); t && n < 40;
	    t = strtok_r(NULL, " ", &save))
		out[n++] = t;
	for (size_t i = 0; argv[i] && n < 63; i++)
		out[n++] = argv[i];
	out[n] = NULL;
	return out;
}

/* The program on a fresh copy of the seed database (reading positions stay per test). */
static inline struct pty *
start_as(int rows, int cols, bool swedish, const char *extra, const char *as)
{
	static char home[4300], lc[64], loc[4400], cp[9000];
	/* --as NAME: who the user is (the identity), or none. */
	const char *argv[] = { tu_bin(), "--db", db, as ? "--as" : NULL, as, NULL };
	const char *env[] = { home, "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "KALLELSE_DB=",
		"LANGUAGE=", "NO_COLOR=", lc, loc, extra, NULL };
	struct pty *p;

	snprintf(db, sizeof db, "%s/t%d-%d.db", tmp, (int)getpid(), test_counter++);
	snprintf(cp, sizeof cp, "cp '%s' '%s'", seed_db, db);
	ck_assert_int_eq(system(cp), 0);
	snprintf(home, sizeof home, "HOME=%s", tmp);
	if (swedish) {
		if (locpath[0] == '\0')
			ck_abort_msg("localedef could not make sv_SE.UTF-8: install the 'locales' package");
		snprintf(lc, sizeof lc, "LC_ALL=sv_SE.UTF-8");
		snprintf(loc, sizeof loc, "LOCPATH=%s", locpath);
	} else {
		snprintf(lc, sizeof lc, "LC_ALL=C.UTF-8");
		snprintf(loc, sizeof loc, "LOCPATH=");
	}
	p = pty_spawn(rows, cols, wrapped(argv), env);
	ck_assert_ptr_nonnull(p);
	return p;
}

static inline struct pty *
start_env(int rows, int cols, bool swedish, const char *extra)
{
	return start_as(rows, cols, swedish, extra, NULL);
}

static inline struct pty *
start(int rows, int cols, bool swedish)
{
	return start_env(rows, cols, swedish, NULL);
}

/* Characters in a UTF-8 string (every test string is single-width). */
static inline int
u8_chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A title or status row: left text, right text ending one column before the edge. */
static inline const char *
bar(int cols, const char *left, const char *right)
{
	static char buf[2][4096];
	static int k;
	char *b = buf[k++ % 2];
	int pad = cols - 1 - u8_chars(left) - u8_chars(right);

	snprintf(b, 4096, "%s%*s%s", left, pad > 0 ? pad : 0, "", right);
	return b;
}

static inline void
fail_screen(struct pty *p, const char *fmt, ...)
{
	char msg[2048];
	char *screen = pty_screen(p);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* The screen goes to the log: Check's messages are limited in size. */
	fprintf(stderr, "%s\nscreen:\n%s", msg, screen);
	fflush(stderr);
	free(screen);
	ck_abort_msg("%s", msg);
}

static inline void
expect_row(struct pty *p, int row, const char *text)
{
	char buf[4096];

	if (!pty_wait_row(p, row, text, WAIT_MS))
		fail_screen(p, "row %d reads '%s' but wanted '%s'", row,
		    pty_row(p, row, buf, sizeof buf), text);
}

static inline void
expect_gone(struct pty *p, const char *text)
{
	if (!pty_wait_gone(p, text, WAIT_MS))
		fail_screen(p, "'%s' is still on the screen", text);
}

static inline int
expect_text(struct pty *p, const char *text)
{
	int r = pty_wait_text(p, text, WAIT_MS);

	if (r < 0)
		fail_screen(p, "'%s' never showed", text);
	return r;
}

/* A key, then wait until the screen changes: the program took it. */
static inline void
press_key(struct pty *p, VTermKey key)
{
	unsigned long before = pty_generation(p);

	pty_key(p, key);
	if (!pty_wait_change(p, before, WAIT_MS))
		fail_screen(p, "the screen did not change after key %d", (int)key);
}

static inline void
press_char(struct pty *p, uint32_t c)
{
	unsigned long before = pty_generation(p);

	pty_char(p, c);
	if (!pty_wait_change(p, before, WAIT_MS))
		fail_screen(p, "the screen did not change after '%c'", (int)c);
}

/* Text typed at a prompt, then Enter; the screen must change after Enter. */
static inline void
press_line(struct pty *p, const char *utf8)
{
	pty_type(p, utf8);
	press_key(p, VTERM_KEY_ENTER);
}


/* The text of the row the terminal cursor is on. */
static inline char *
cursor_row(struct pty *p, char *buf, size_t size)
{
	int r, c;

	pty_cursor(p, &r, &c);
	return pty_row(p, r, buf, size);
}

/* Press Down until the cursor's row contains text. Returns that row. */
static inline int
walk_to(struct pty *p, const char *text)
{
	char before[4096], now[4096];

	for (int i = 0; i < 60; i++) {
		int r, c;
		double end;

		/* Read the cursor only once a screen update has finished. */
		pty_settle(p, 30, WAIT_MS);
		cursor_row(p, before, sizeof before);
		if (strstr(before, text)) {
			pty_cursor(p, &r, &c);
			return r;
		}
		pty_key(p, VTERM_KEY_DOWN);
		end = pty_now_ms() + WAIT_MS;
		do
			pty_pump(p, 20);
		while (strcmp(cursor_row(p, now, sizeof now), before) == 0 && pty_now_ms() < end);
		/* The cursor moves while the screen is drawn: read it once drawing is done. */
		pty_settle(p, 30, WAIT_MS);
	}
	fail_screen(p, "never reached a row with '%s'", text);
	return -1;
}

static inline void
quit(struct pty *p)
{
	pty_char(p, 'Q');
	ck_assert_int_eq(pty_wait_exit(p, WAIT_MS), 0);
	pty_free(p);
}

static const char *agenda_title =
    " kallelse: Agenda: Nämnd för folkhälsa och sjukvård 2024-12-10               ? help  q back  Q quit";

/*
 * The program starts on the agenda of the next meeting, else the latest
 * (the seed's 2024-12-10); q goes back to the meetings list, Enter opens
 * the meeting again; then item 15.
 */
static inline void
open_item_15(struct pty *p)
{
	int r;

	expect_row(p, 0, agenda_title);
	press_char(p, 'q');
	expect_row(p, 0, " kallelse: Meetings                                                                  ? help  q quit");
	expect_row(p, 1, " Date        Time   Body                                                Items  Unread items  Marked");
	r = walk_to(p, "2024-12-10");
	press_key(p, VTERM_KEY_ENTER);
	expect_row(p, 0, agenda_title);
	(void)r;
	r = walk_to(p, "   15  16.05–16.10");
	/* The selected row is in reverse video, and the cursor is on it. */
	ck_assert(pty_wait_reverse(p, r, 10, WAIT_MS));
	expect_row(p, r, "  N    15  16.05–16.10  Övergångsregler enligt SKR:s tandvårdsnätverks väg…  Anette Peterson");
	press_key(p, VTERM_KEY_ENTER);
	expect_row(p, 0, " kallelse: Item 15: Övergångsregler enligt SKR:s tandvårdsnätverks vägledni… ? help  q back  Q quit");
}


#endif
