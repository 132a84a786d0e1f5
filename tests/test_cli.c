/*
 * The command line itself, on the real binary (tu_run): each command's
 * own --help, "--" ending the options, usage errors that name the
 * command with exit status 2, and the global --help listing every
 * command with its options. The command table is tui/cli/cli_table.c.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_fixture.h"
#include "testutil.h"

#define DATE "2024-12-10"

#define HAS(out, s) ck_assert_msg(strstr((out), (s)) != NULL, "missing %s in:\n%.2000s", (s), (out))
#define LACKS(out, s) ck_assert_msg(strstr((out), (s)) == NULL, "unexpected %s in:\n%.2000s", (s), (out))

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
	store_close(&s);
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
}

/* Run kallelse --db DB args... (up to five, NULL-ended); out/err: caller frees. */
static int
run(char **out, char **err, const char *a1, const char *a2, const char *a3, const char *a4,
    const char *a5)
{
	const char *args[8] = { "--db", db, a1, a2, a3, a4, a5, NULL };

	return tu_run(args, out, err);
}

/* "--" ends the options: what follows is the query, even when it looks like one. */
START_TEST(test_double_dash_searches)
{
	char *out, *err;

	ck_assert_int_eq(run(&out, &err, "search", "--", "--help", NULL, NULL), 0);
	HAS(out, "No hits for '--help'.");
	LACKS(out, "Usage:");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "search", "--json", "--", "--limit", NULL), 0);
	HAS(out, "\"query\": \"--limit\"");
	free(out);
	free(err);
}
END_TEST

/* A command's --help is its own: synopsis, description, every option; before or after its arguments. */
START_TEST(test_command_help)
{
	static const char *const where[][3] = {
		{ "search", "--help", NULL },
		{ "search", "-h", NULL },
		{ "search", "sjukvård", "--help" },
	};
	char *out, *err;

	ck_assert_int_eq(run(&out, &err, where[_i][0], where[_i][1], where[_i][2], NULL, NULL), 0);
	HAS(out, "Usage: kallelse search [OPTION]... QUERY");
	HAS(out, "--limit N");
	HAS(out, "show the first N hits (20 by default, 0 for all)");
	HAS(out, "--json");
	HAS(out, "-h, --help");
	/* Only search's: not the program's options, not another command's. */
	LACKS(out, "--db");
	LACKS(out, "--meeting");
	LACKS(out, "No hits");
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
}
END_TEST

/* --help needs no database: it never opens (or creates) one. */
START_TEST(test_help_without_database)
{
	char *out, *err;

	snprintf(db, sizeof db, "%s/none/k.db", tmp);
	ck_assert_int_eq(run(&out, &err, "agenda", "--help", NULL, NULL, NULL), 0);
	HAS(out, "Usage: kallelse agenda [OPTION]... [MEETING]");
	ck_assert_int_ne(access(db, F_OK), 0);
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "import", "--help", NULL, NULL, NULL), 0);
	HAS(out, "--meeting MEETING");
	HAS(out, "--item N");
	ck_assert_int_ne(access(db, F_OK), 0);
	free(out);
	free(err);
}
END_TEST

/* Usage errors name the command, point at its help, exit 2, and print nothing on stdout. */
START_TEST(test_usage_errors)
{
	static const struct {
		const char *args[4];
		const char *says;
	} cases[] = {
		{ { "agenda", "--bogus" }, "kallelse: agenda: unknown option '--bogus'" },
		{ { "agenda", DATE, "-x" }, "kallelse: agenda: unknown option '-x'" },
		{ { "meetings", "--json=yes" }, "kallelse: meetings: option '--json=yes' takes no argument" },
		{ { "search", "x", "--limit" }, "kallelse: search: option '--limit' needs an argument" },
		{ { "search", "x", "--limit=-1" }, "kallelse: search: --limit needs a number" },
		{ { "show", "a", "b" }, "kallelse: show: unexpected argument 'b'" },
		{ { "import", "--item", "3", "f.txt" }, "kallelse: import: --meeting and --item go together" },
		{ { "frobnicate" }, "kallelse: unknown command 'frobnicate'" },
	};
	char *out, *err;
	const char *const *a = cases[_i].args;

	ck_assert_int_eq(run(&out, &err, a[0], a[1], a[2], a[3], NULL), 2);
	HAS(err, cases[_i].says);
	if (strcmp(a[0], "frobnicate") == 0)
		HAS(err, "Try 'kallelse --help'");
	else
		HAS(err, "Try 'kallelse ");
	ck_assert_str_eq(out, "");
	free(out);
	free(err);
}
END_TEST

/* Options of a command before or after its arguments, and --name=value. */
START_TEST(test_option_places)
{
	char *out, *err;

	ck_assert_int_eq(run(&out, &err, "agenda", DATE, "--json", NULL, NULL), 0);
	HAS(out, "\"number\"");
	free(out);
	free(err);
	ck_assert_int_eq(run(&out, &err, "search", "--limit=0", "sjukvård", NULL, NULL), 0);
	LACKS(out, "hits shown");
	free(out);
	free(err);
	/* The global options stop at the command: --db after it is the command's (unknown) option. */
	ck_assert_int_eq(run(&out, &err, "meetings", "--db", db, NULL, NULL), 2);
	HAS(err, "meetings: unknown option '--db'");
	free(out);
	free(err);
}
END_TEST

/* The global --help lists every command, and under each every option it takes. */
START_TEST(test_global_help)
{
	const char *args[] = { "--help", NULL };
	char *out, *err, *search, *end;

	ck_assert_int_eq(tu_run(args, &out, &err), 0);
	HAS(out, "Usage: kallelse [OPTION]... [COMMAND [ARG]...]");
	HAS(out, "--db FILE");
	HAS(out, "-V, --version");
	search = strstr(out, "\n  search [OPTION]... QUERY\n");
	ck_assert_msg(search != NULL, "no search in:\n%s", out);
	end = strstr(search + 1, "\n\n");
	ck_assert(end != NULL);
	*end = '\0';
	HAS(search, "--limit N");
	HAS(search, "--json");
	HAS(search, "-h, --help");
	*end = '\n';
	HAS(out, "\n  import [OPTION]... FILE...\n");
	HAS(out, "--meeting MEETING");
	free(out);
	free(err);
}
END_TEST

static Suite *
cli_suite(void)
{
	Suite *su = suite_create("cli");
	TCase *tc = tcase_create("command line");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_double_dash_searches);
	tcase_add_loop_test(tc, test_command_help, 0, 3);
	tcase_add_test(tc, test_help_without_database);
	tcase_add_loop_test(tc, test_usage_errors, 0, 8);
	tcase_add_test(tc, test_option_places);
	tcase_add_test(tc, test_global_help);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	SRunner *sr = srunner_create(cli_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
