/*
 * Search across white space (store level, the real seed in a real SQLite
 * file, and the real binary): the seed's SOU has "anhöriga till
 * personer som är långvarigt" eight times, each time with a line break
 * (and trailing spaces) somewhere inside, and words the importer joined
 * again after a hyphen at a line end. A run of white space in the query
 * (space, tab, no-break space, thin space, line break) must find a run of
 * white space in the text: hits, exact count, snippet and match offset.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import.h"
#include "store.h"
#include "text.h"
#include "testutil.h"

#define PHRASE "anhöriga till personer som är långvarigt"
#define SOU_TITLE "(SOU 2024:60)"

static char *tmp;
static char db[4200];

/* The seed imported once, as in 2024-12-10, and a copy of it a year earlier (for the count). */
static void
setup(void)
{
	struct store *s = NULL;
	struct packet p;
	char *bytes = NULL, *err = NULL;
	size_t len;

	tmp = tu_tmpdir();
	snprintf(db, sizeof db, "%s/k.db", tmp);
	ck_assert_int_eq(import_read_file(tu_seed("000_064591761fb2138b.txt"), &bytes, &len, &err),
	    STATUS_OK);
	ck_assert_int_eq(store_open(db, STORE_CREATE, &s, NULL), STATUS_OK);
	ck_assert_int_eq(import_parse_packet(bytes, len, "seed.txt", &p, &err), STATUS_OK);
	ck_assert_msg(store_put_packet(s, &p, NULL, NULL) == STATUS_OK, "%s", store_error(s));
	packet_free(&p);
	ck_assert_int_eq(import_parse_packet(bytes, len, "seed-2023.txt", &p, &err), STATUS_OK);
	free(p.date);
	p.date = strdup("2023-12-12");
	ck_assert_msg(store_put_packet(s, &p, NULL, NULL) == STATUS_OK, "%s", store_error(s));
	packet_free(&p);
	store_close(&s);
	free(bytes);
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
}

/* The same phrase with its spaces written in other ways. */
static const char *const variants[] = {
	PHRASE,
	"anhöriga\ttill personer som är långvarigt",
	"anhöriga\xc2\xa0till personer som är långvarigt",	/* no-break space */
	"anhöriga till  personer som\xe2\x80\x89är långvarigt",	/* two spaces, a thin space */
	"  anhöriga till\npersoner som är \n långvarigt ",
	"ANHÖRIGA TILL PERSONER SOM ÄR LÅNGVARIGT",
};

/* Its occurrences in text, found by the text module's matcher. */
static size_t
occurrences(const char *q, const char *text, size_t len)
{
	struct text_matcher m;
	size_t n = 0, at = 0, ml;

	text_matcher_init(&m, q, strlen(q));
	while ((at = text_matcher_find(&m, text, len, at, &ml)) != (size_t)-1) {
		n++;
		at += ml;
	}
	text_matcher_free(&m);
	return n;
}

START_TEST(test_phrase_over_line_breaks)
{
	const char *q = variants[_i];
	struct store *s = NULL;
	struct store_hit *h;
	size_t n, total, sou = 0, len;
	char *text;

	ck_assert_int_eq(store_open(db, STORE_READONLY, &s, NULL), STATUS_OK);
	/* Each meeting: the SOU and the protokollsutdrag quoting it. The exact
	 * count of a long phrase (limit 1: the second meeting is counted, not
	 * read) goes through the index's cover check. */
	ck_assert_msg(store_search(s, q, 0, &h, &n, &total) == STATUS_OK, "%s", store_error(s));
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(total, 4);
	for (size_t i = 0; i < n; i++) {
		const struct store_hit *x = &h[i];
		char *got;
		size_t gl;

		ck_assert_uint_ge(x->n_spans, 1);
		ck_assert_uint_le(x->spans[0].off + x->spans[0].len, strlen(x->snippet));
		/* The snippet shows the match, line breaks as spaces. */
		got = text_squeeze_space(x->snippet + x->spans[0].off, x->spans[0].len, &gl);
		ck_assert_msg(strcasecmp(got, PHRASE) == 0, "span '%s'", got);
		ck_assert_ptr_null(strchr(x->snippet, '\n'));
		free(got);
		if (x->doc_title == NULL || strstr(x->doc_title, SOU_TITLE) == NULL)
			continue;
		ck_assert_str_eq(x->item_number, "18");
		ck_assert_int_eq(store_doc_text(s, x->doc_id, &text, &len), STATUS_OK);
		ck_assert_ptr_null(strstr(text, PHRASE));	/* never on one line */
		if (occurrences(q, text, len) == 1) {
			/* The protokollsutdrag quoting the SOU once. */
			ck_assert_uint_eq(x->match_line, 29);
			ck_assert_int_eq(strncmp(text + x->match_off, "anhöriga till personer\nsom",
			    strlen("anhöriga till personer\nsom")), 0);
			free(text);
			continue;
		}
		/* The SOU itself: eight times, the first on its line 4 (0-based). */
		sou++;
		ck_assert_uint_eq(occurrences(q, text, len), 8);
		ck_assert_ptr_nonnull(strstr(x->snippet, "stöd till anhöriga till personer som är långvarigt sjuka"));
		/* The match offset points into the stored text, which keeps its line break. */
		ck_assert_msg(strncmp(text + x->match_off, "anhöriga till\npersoner",
		    strlen("anhöriga till\npersoner")) == 0, "at %zu: '%.40s'", x->match_off,
		    text + x->match_off);
		ck_assert_uint_eq(x->match_line, 4);
		free(text);
	}
	ck_assert_uint_eq(sou, 2);
	store_hits_free(h, n);
	ck_assert_int_eq(store_search(s, q, 1, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(total, 4);
	ck_assert_str_eq(h[0].meeting_date, "2024-12-10");
	store_hits_free(h, n);
	store_close(&s);
}
END_TEST

/* "informations-\nportal för anhöriga": the importer joined the word; the phrase runs over the break. */
START_TEST(test_joined_hyphen)
{
	struct store *s = NULL;
	struct store_hit *h;
	size_t n, total, len;
	char *text;

	ck_assert_int_eq(store_open(db, STORE_READONLY, &s, NULL), STATUS_OK);
	ck_assert_int_eq(store_search(s, "utvecklingen av en informationsportal för anhöriga", 0,
	    &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(total, 2);
	ck_assert_ptr_nonnull(strstr(h[0].doc_title, SOU_TITLE));
	ck_assert_int_eq(store_doc_text(s, h[0].doc_id, &text, &len), STATUS_OK);
	ck_assert_ptr_nonnull(memchr(text + h[0].match_off, '\n', strlen("utvecklingen av en "
	    "informationsportal för anhöriga")));
	free(text);
	store_hits_free(h, n);
	/* The joined word alone, and no hyphen left in it. */
	ck_assert_int_eq(store_search(s, "informationsportal för anhöriga, till exempel", 0, &h, &n,
	    &total), STATUS_OK);
	ck_assert_uint_eq(total, 2);
	store_hits_free(h, n);
	store_close(&s);
}
END_TEST

/* The command line: the phrase lists its hits. */
START_TEST(test_cli_search)
{
	const char *args[] = { "--db", db, "search", "anhöriga till personer som är\tlångvarigt",
		NULL };
	char *out = NULL, *err = NULL;

	ck_assert_int_eq(tu_run(args, &out, &err), 0);
	ck_assert_msg(strstr(out, "No hits") == NULL, "%s", out);
	ck_assert_msg(strstr(out, "stöd till anhöriga till personer som är långvarigt sjuka"),
	    "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "2023-12-12"));
	free(out);
	free(err);
}
END_TEST

static Suite *
space_suite(void)
{
	Suite *su = suite_create("search-space");
	TCase *tc = tcase_create("seed");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_phrase_over_line_breaks, 0,
	    (int)(sizeof variants / sizeof variants[0]));
	tcase_add_test(tc, test_joined_hyphen);
	tcase_add_test(tc, test_cli_search);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	return tu_run_suite(space_suite(), CK_ENV);
}
