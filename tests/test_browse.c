/*
 * The scriptable commands (meetings, agenda, show, search) run as the real
 * binary with tu_run() against a database built with the store API: the
 * JSON is parsed by a minimal validator here and its keys and values
 * checked, plain text checked for exact substrings, exit statuses 0/1/2.
 * The JSON writer's own tests are in test_json.c.
 */
#include "config.h"

#include <check.h>
#include <ctype.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json_check.h"
#include "store.h"
#include "store_fixture.h"
#include "testutil.h"
#include "xmalloc.h"

#define DATE "2024-12-10"
#define MID FX_ORG "-" DATE

static char *tmp;
static char db[4200];

static void
setup(void)
{
	struct store *s = NULL;
	struct packet p;

	tmp = tu_tmpdir();
	snprintf(db, sizeof db, "%s/k.db", tmp);
	ck_assert_int_eq(store_open(db, STORE_CREATE, &s, NULL), STATUS_OK);
	fx_packet(&p, FX_BODY, DATE);
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	fx_packet(&p, FX_BODY, "2023-05-02");
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	store_close(&s);
	setenv("KALLELSE_BUSY_TIMEOUT", "100", 1);
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
}

/* Run kallelse --db DB args...; returns the exit status; out/err: caller frees. */
static int
run(char **out, char **err, const char *a1, const char *a2, const char *a3, const char *a4)
{
	const char *args[8] = { "--db", db, a1, a2, a3, a4, NULL };

	return tu_run(args, out, err);
}

#define HAS(out, s) ck_assert_msg(strstr((out), (s)) != NULL, "missing %s in:\n%.2000s", (s), (out))
#define LACKS(out, s) ck_assert_msg(strstr((out), (s)) == NULL, "unexpected %s in:\n%.2000s", (s), (out))

/* ---- commands ---- */

START_TEST(test_meetings)
{
	char *out, *err;

	ck_assert_int_eq(run(&out, &err, "meetings", "--json", NULL, NULL), 0);
	assert_json(out);
	HAS(out, "\"id\": \"" MID "\"");
	HAS(out, "\"body\": \"" FX_BODY "\"");
	HAS(out, "\"items\": 4,");
	HAS(out, "\"revision\": 1,");
	ck_assert(strstr(out, DATE) < strstr(out, "2023-05-02"));
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "meetings", NULL, NULL, NULL), 0);
	HAS(out, "2024-12-10 13.00 " FX_BODY);
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "meetings", "--jsn", NULL, NULL), 2);
	HAS(err, "--jsn");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "meetings", "extra", NULL, NULL), 2);
	free(out);
	free(err);
}
END_TEST

START_TEST(test_agenda_json)
{
	char *out, *err;

	/* By id, by date, and by default (the latest, all being past). */
	static const char *const specs[] = { MID, DATE, NULL };
	if (specs[_i])
		ck_assert_int_eq(run(&out, &err, "agenda", specs[_i], "--json", NULL), 0);
	else
		ck_assert_int_eq(run(&out, &err, "agenda", "--json", NULL, NULL), 0);
	assert_json(out);
	HAS(out, "\"id\": \"" MID "/1-5\",\n    \"number\": \"1–5\",\n    \"numbers\": [\n"
	    "      1,\n      2,\n      3,\n      4,\n      5\n    ],\n    \"title\": \"Upprop etc.\",\n"
	    "    \"section\": null,\n    \"time_start\": \"13.00\",\n    \"time_end\": \"13.05\",\n"
	    "    \"presenters\": [],\n    \"case_number\": null,\n    \"case_number_printed\": null,\n"
	    "    \"presidium_paragraph\": null,\n    \"presidium_decision\": null,\n"
	    "    \"decision_proposal\": null,\n    \"documents\": [],\n    \"marks\": []\n  },");
	HAS(out, "\"number\": 6,\n    \"title\": \"Verksamhetsområde Bra Liv\"");
	HAS(out, "\"presenters\": [\n      {\n        \"name\": \"Charlotta Larsdotter\",\n"
	    "        \"title\": \"direktör Bra Liv\",\n"
	    "        \"raw\": \"Charlotta Larsdotter, direktör Bra Liv\"\n      }\n    ],");
	HAS(out, "\"presidium_paragraph\": 126,");
	HAS(out, "\"decision_proposal\": [\n      \"Nämnd för folkhälsa och sjukvård föreslår "
	    "regionfullmäktige att\",\n      \"godkänna förslag till övergångsregler för tandvård.\"\n    ],");
	/* chars are characters: the document of item 15 has 130 of them, in more bytes. */
	HAS(out, "\"documents\": [\n      {\n        \"kind\": \"tjänsteskrivelse\",\n"
	    "        \"title\": \"Övergångsregler\",\n        \"chars\": 130\n      }\n    ]");
	LACKS(out, "\"numbers\": [\n      6");
	free(out);
	free(err);
}
END_TEST

START_TEST(test_agenda_text_and_errors)
{
	char *out, *err;

	ck_assert_int_eq(run(&out, &err, "agenda", "2023-05-02", NULL, NULL), 0);
	HAS(out, FX_BODY "\n2023-05-02 13.00, Spira, Insikten\n");
	HAS(out, "  1–5   13.00–13.05  Upprop etc.\n");
	HAS(out, "\nBeslutsärenden\n  15");
	HAS(out, "Anette Peterson, hälso- och sjukvårdsstrateg  RJL 2024/3942\n");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "agenda", "1999-01-01", NULL, NULL), 1);
	HAS(err, "1999-01-01");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "agenda", FX_ORG, NULL, NULL), 1);	/* ambiguous */
	HAS(err, MID);
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "agenda", "a", "b", NULL), 2);
	free(out);
	free(err);
}
END_TEST

START_TEST(test_show_meeting)
{
	char *out, *err;

	ck_assert_int_eq(run(&out, &err, "show", DATE, "--json", NULL), 0);
	assert_json(out);
	HAS(out, "{\n  \"id\": \"" MID "\",\n  \"body\": \"" FX_BODY "\",\n  \"date\": \"" DATE "\",\n"
	    "  \"time\": \"13.00\",\n  \"place\": \"Spira, Insikten\",\n"
	    "  \"presidium_meeting_date\": \"2024-11-26\",\n  \"members\": [\n    {\n"
	    "      \"name\": \"Thomas Gustafsson\",\n      \"party\": \"S\",\n"
	    "      \"role\": \"ordförande\"\n    },");
	HAS(out, "\"ersattare\": [\n    {\n      \"name\": \"Erik Wågman\",\n      \"party\": \"S\"\n    }\n  ],");
	HAS(out, "\"others\": [\n    {\n      \"name\": \"Bengt-Ove Eriksson\",\n"
	    "      \"title\": \"adjungerad\",\n      \"party\": \"V\"\n    },\n    {\n"
	    "      \"name\": \"Mats Bojestig\",\n      \"title\": \"hälso- och sjukvårdsdirektör\"\n    }\n  ],");
	HAS(out, "\"regionrad\": [\n    {\n      \"name\": \"Håkan Karlsson Nyborg\",\n"
	    "      \"party\": \"SD\"\n    }\n  ],\n");
	/* Kallade apart from För kännedom. */
	HAS(out, "\"called\": [\n    \"members\",\n    \"others\"\n  ],\n"
	    "  \"for_information\": [\n    \"ersattare\",\n    \"regionrad\"\n  ]\n}\n");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "show", MID, NULL, NULL), 0);
	HAS(out, "Carina Källman");
	free(out);
	free(err);
}
END_TEST

START_TEST(test_show_item)
{
	char *out, *err;

	ck_assert_int_eq(run(&out, &err, "show", MID "/15", "--json", NULL), 0);
	assert_json(out);
	HAS(out, "{\n  \"kind\": \"item\",\n  \"id\": \"" MID "/15\",\n  \"number\": 15,\n");
	HAS(out, "\"case_number\": \"RJL 2024/3942\",\n  \"case_number_printed\": \"2024/3942\",");
	free(out);
	free(err);
	/* A number inside the range, with the meeting given by date. */
	ck_assert_int_eq(run(&out, &err, "show", DATE "/3", "--json", NULL), 0);
	assert_json(out);
	HAS(out, "\"number\": \"1–5\",");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "show", MID "/15", NULL, NULL), 0);
	HAS(out, "15  Övergångsregler för tandvård\n");
	HAS(out, "  • godkänna förslag till övergångsregler för tandvård.\n");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "show", MID "/7", NULL, NULL), 0);
	HAS(out, "[confidential]");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "show", MID "/99", NULL, NULL), 1);
	HAS(err, "99");
	free(out);
	free(err);
}
END_TEST

START_TEST(test_search)
{
	char *out, *err;

	ck_assert_int_eq(run(&out, &err, "search", "sjukvård", "--json", NULL), 0);
	assert_json(out);
	HAS(out, "\"query\": \"sjukvård\",\n  \"total\": 6,\n  \"total_exact\": true,");
	HAS(out, "\"snippet\": \"Ansvarig är sjukvårdsdirektör Micael Edblom.\",\n"
	    "      \"spans\": [\n        [\n          13,\n          9\n        ]\n      ],\n"
	    "      \"match_off\": 57,\n      \"match_line\": 2,");
	ck_assert(strstr(out, DATE) < strstr(out, "2023-05-02"));
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "search", "å", "--limit", "2"), 0);
	HAS(out, "2 of 12 hits shown");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "search", "--limit=0", "EU", NULL), 0);
	HAS(out, "Bra Liv, line 4: Årets resultat redovisas av EU.");
	LACKS(out, "hits shown");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "search", "xyzzy", "--json", NULL), 0);
	HAS(out, "\"total\": 0,\n  \"total_exact\": true,\n  \"hits\": []\n}");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "search", NULL, NULL, NULL), 2);
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "search", "x", "--limit", "många"), 2);
	free(out);
	free(err);
}
END_TEST

/* Plain text never sends a control byte from the content to the terminal; JSON escapes it. */
START_TEST(test_controls_scrubbed)
{
	struct store *s = NULL;
	struct packet p;
	char *out, *err;

	ck_assert_int_eq(store_open(db, 0, &s, NULL), STATUS_OK);
	fx_packet(&p, FX_BODY, "2025-03-04");
	free(p.items[1].title);
	p.items[1].title = strdup("Rubrik med \x1b[2J skräp \xe2\x80\xae och slut");
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	store_close(&s);
	ck_assert_int_eq(run(&out, &err, "agenda", "2025-03-04", NULL, NULL), 0);
	LACKS(out, "\x1b");
	LACKS(out, "\xe2\x80\xae");
	HAS(out, "Rubrik med ^[[2J skräp <U+202E> och slut");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "search", "skräp", NULL, NULL), 0);
	LACKS(out, "\x1b");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "agenda", "2025-03-04", "--json", NULL), 0);
	assert_json(out);
	HAS(out, "Rubrik med \\u001b[2J skräp \\u202e och slut");
	free(out);
	free(err);
}
END_TEST

/* Raw terminal controls in s fail the test, showing where. */
#define CLEAN(s) ck_assert_msg(tu_raw_control(s) < 0, "a raw control byte reaches the terminal " \
    "at %ld in:\n%.2000s", tu_raw_control(s), (s))

/* jq (when installed) reads s as JSON. */
static void
assert_jq(const char *s)
{
	char path[4300], cmd[4400];
	FILE *f;

	if (system("command -v jq >/dev/null 2>&1") != 0)
		return;
	snprintf(path, sizeof path, "%s/out.json", tmp);
	f = fopen(path, "w");
	ck_assert(f != NULL);
	fputs(s, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "jq -e . '%s' >/dev/null", path);
	ck_assert_msg(system(cmd) == 0, "jq cannot read:\n%.2000s", s);
}

/*
 * Arguments and paths come back in messages; an OSC sequence (ESC ] 0 ;
 * title BEL) in one would retitle the terminal, a C1 CSI or a bidi
 * override would reorder or recolour it. Every message is scrubbed; JSON
 * escapes them and stays valid.
 */
#define HOSTILE "\x1b]0;pwned\x07 \xc2\x9b" "31m \xe2\x80\xae \xe2\x81\xa6 \xe2\x80\x8f end"

START_TEST(test_arguments_scrubbed)
{
	char *out, *err, *opt = NULL, *path;

	ck_assert_int_eq(run(&out, &err, "agenda", HOSTILE, NULL, NULL), 1);
	CLEAN(err);
	HAS(err, "^[]0;pwned^G <U+009B>31m <U+202E> <U+2066> <U+200F> end");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "show", HOSTILE "/3", NULL, NULL), 1);
	CLEAN(err);
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "search", HOSTILE, NULL, NULL), 0);
	CLEAN(out);
	HAS(out, "^[]0;pwned^G");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "search", HOSTILE, "--json", NULL), 0);
	CLEAN(out);
	assert_json(out);
	assert_jq(out);
	HAS(out, "\"\\u001b]0;pwned\\u0007 \\u009b31m \\u202e \\u2066 \\u200f end\"");
	free(out);
	free(err);
	opt = strdup("--" HOSTILE);
	ck_assert_int_eq(run(&out, &err, "meetings", opt, NULL, NULL), 2);
	CLEAN(err);
	HAS(err, "--^[]0;pwned^G");
	free(out);
	free(err);
	free(opt);
	/* A database path is named in the error. */
	path = xasprintf("%s/" HOSTILE "/k.db", tmp);
	snprintf(db, sizeof db, "%s", path);
	ck_assert_int_eq(run(&out, &err, "meetings", NULL, NULL, NULL), 1);
	CLEAN(err);
	HAS(err, "^[]0;pwned^G");
	free(out);
	free(err);
	free(path);
}
END_TEST

/* The reading commands never create a database, and say how to get one. */
START_TEST(test_missing_database)
{
	static const char *const cmds[] = { "meetings", "agenda", "show", "search" };
	char *out, *err;

	snprintf(db, sizeof db, "%s/none/k.db", tmp);
	ck_assert_int_eq(run(&out, &err, cmds[_i], _i == 3 ? "x" : NULL, NULL, NULL), 1);
	HAS(err, db);
	HAS(err, "kallelse import");
	ck_assert_int_ne(access(db, F_OK), 0);
	free(out);
	free(err);
}
END_TEST

/* A file that is not ours, or too new: exit 1, message, the file untouched. */
START_TEST(test_bad_files)
{
	char *out, *err, *before, *after;
	size_t lb = 0, la = 0;
	FILE *f;

	if (_i == 0) {
		f = fopen(db, "w");
		fputs("inte en databas\n", f);
		fclose(f);
	} else {
		sqlite3 *h;
		ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
		ck_assert_int_eq(sqlite3_exec(h, "PRAGMA user_version=99", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(h);
	}
	before = tu_read_file(db, &lb);
	ck_assert_int_eq(run(&out, &err, "meetings", NULL, NULL, NULL), 1);
	HAS(err, db);
	HAS(err, _i == 0 ? "not a kallelse database" : "newer version");
	after = tu_read_file(db, &la);
	ck_assert_uint_eq(la, lb);
	ck_assert_int_eq(memcmp(before, after, la), 0);
	free(before);
	free(after);
	free(out);
	free(err);
}
END_TEST

START_TEST(test_locked_database)
{
	char *out, *err;
	sqlite3 *h;

	/* Held with an exclusive lock by this process; the command is another one. */
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;"
	    " INSERT INTO content_state VALUES ('k', 'v')", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(run(&out, &err, "agenda", NULL, NULL, NULL), 1);
	HAS(err, db);
	HAS(err, "another program");
	free(out);
	free(err);
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(h);
	ck_assert_int_eq(run(&out, &err, "agenda", NULL, NULL, NULL), 0);
	free(out);
	free(err);
}
END_TEST

static Suite *
browse_suite(void)
{
	Suite *su = suite_create("browse");
	TCase *tc = tcase_create("commands");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_meetings);
	tcase_add_loop_test(tc, test_agenda_json, 0, 3);
	tcase_add_test(tc, test_agenda_text_and_errors);
	tcase_add_test(tc, test_show_meeting);
	tcase_add_test(tc, test_show_item);
	tcase_add_test(tc, test_search);
	tcase_add_test(tc, test_controls_scrubbed);
	tcase_add_test(tc, test_arguments_scrubbed);
	tcase_add_loop_test(tc, test_missing_database, 0, 4);
	tcase_add_loop_test(tc, test_bad_files, 0, 2);
	tcase_add_test(tc, test_locked_database);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	return tu_run_suite(browse_suite(), CK_ENV);
}
