/*
 * Unit tests of the store's search (store_search): Swedish substring and
 * case cases through the trigram index and the short-query scan, grouping
 * by meeting, snippets and spans, match offsets and lines, totals and
 * their cap, long documents read in part; writing many packets in bulk.
 * Every test ends with PRAGMA integrity_check.
 */
#include "config.h"

#include <check.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_check.h"
#include "xmalloc.h"
#include "testutil.h"

/* ---- search ---- */

/* Hits of query (limit 50): total, and whether any hit's snippet contains want. */
static size_t
search_count(struct store *s, const char *q, const char *want, bool *found)
{
	struct store_hit *h;
	size_t n, total = 99;

	ck_assert_msg(store_search(s, q, 50, &h, &n, &total) == STATUS_OK, "search %s: %s", q,
	    store_error(s));
	ck_assert_uint_eq(n, total);
	if (found)
		*found = false;
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_ge(h[i].n_spans, 1);
		for (size_t k = 0; k < h[i].n_spans; k++)
			ck_assert_uint_le(h[i].spans[k].off + h[i].spans[k].len, strlen(h[i].snippet));
		if (want && found && strstr(h[i].snippet, want))
			*found = true;
	}
	store_hits_free(h, n);
	return total;
}

static const struct {
	const char *query;
	const char *snippet;	/* some hit's snippet contains this */
	size_t total;
} search_cases[] = {
	{ "sjukvård", "sjukvårdsdirektör", 3 },	/* inside a compound, and */
	{ "sjukvård", "Hälso- och sjukvården", 3 },	/* at a word's start */
	{ "SJUKVÅRD", "sjukvårdsdirektör", 3 },	/* case-insensitive for Å */
	{ "sjukva\xcc\x8ard", "sjukvårdsdirektör", 3 },	/* decomposed å */
	{ "direktör", "sjukvårdsdirektör", 1 },	/* presenters are not indexed text */
	{ "övergångsregler", "Övergångsregler", 3 },
	{ "årets", "Årets resultat", 1 },	/* not "arets" */
	{ "arets", "arets plan", 1 },
	{ "år", "år är olika", 5 },	/* the scan: not "ar" in "arbetar", "arets" */
	{ "Å", "sjukvårdsdirektör", 6 },
	{ "EU", "av EU.", 1 },
	{ "ä", NULL, 0 },
	{ "xyzzy", NULL, 0 },
	{ "\"citat\"", NULL, 0 },	/* quotes are taken literally */
	{ "  tandvård  ", "Tandvård", 3 },
};

START_TEST(test_search_swedish)
{
	struct store *s = open_store(1);
	bool found;
	size_t total;

	put_fixture(s, DATE, NULL);
	if (search_cases[_i].total == 0 && strcmp(search_cases[_i].query, "ä") == 0) {
		/* "ä" is everywhere: just more than a handful, each with a span. */
		total = search_count(s, "ä", NULL, NULL);
		ck_assert_uint_ge(total, 5);
		close_checked(&s);
		return;
	}
	total = search_count(s, search_cases[_i].query, search_cases[_i].snippet, &found);
	ck_assert_msg(total == search_cases[_i].total, "'%s': %zu hits, want %zu",
	    search_cases[_i].query, total, search_cases[_i].total);
	if (search_cases[_i].snippet)
		ck_assert_msg(found, "'%s': no snippet with '%s'", search_cases[_i].query,
		    search_cases[_i].snippet);
	close_checked(&s);
}
END_TEST

START_TEST(test_search_hits)
{
	struct store *s = open_store(_i);
	struct store_hit *h;
	size_t n, total;
	char *text;

	put_fixture(s, "2023-01-10", NULL);
	put_fixture(s, DATE, NULL);
	put_fixture(s, "2022-05-03", NULL);
	/* Grouped by meeting, newest first. */
	ck_assert_int_eq(store_search(s, "sjukvård", 0, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 9);
	ck_assert_uint_eq(total, 9);
	ck_assert_str_eq(h[0].meeting_date, DATE);
	ck_assert_str_eq(h[2].meeting_date, DATE);
	ck_assert_str_eq(h[3].meeting_date, "2023-01-10");
	ck_assert_str_eq(h[8].meeting_date, "2022-05-03");
	ck_assert_str_eq(h[0].body, FX_BODY);
	/* The first match of the document, its line, and the spans in the snippet. */
	for (size_t i = 0; i < 3; i++) {
		if (h[i].doc_id == NULL || strcmp(h[i].doc_id, MID "/d001") != 0)
			continue;
		ck_assert_str_eq(h[i].item_id, MID "/6");
		ck_assert_str_eq(h[i].item_number, "6");
		ck_assert_str_eq(h[i].doc_title, "Bra Liv");
		ck_assert_str_eq(h[i].what, "document");
		ck_assert_uint_eq(h[i].match_line, 2);
		ck_assert_str_eq(h[i].snippet, "Ansvarig är sjukvårdsdirektör Micael Edblom.");
		ck_assert_uint_eq(h[i].n_spans, 1);
		ck_assert_int_eq(strncmp(h[i].snippet + h[i].spans[0].off, "sjukvård", 8 + 1), 0);
		ck_assert_uint_eq(h[i].spans[0].len, strlen("sjukvård"));
		ck_assert_int_eq(store_doc_text(s, h[i].doc_id, &text, NULL), STATUS_OK);
		ck_assert_int_eq(strncmp(text + h[i].match_off, "sjukvårdsdirektör", 18), 0);
		free(text);
	}
	store_hits_free(h, n);
	/* A limit keeps the newest; total still counts everything. */
	ck_assert_int_eq(store_search(s, "sjukvård", 1, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(total, 9);
	ck_assert_str_eq(h[0].meeting_date, DATE);
	store_hits_free(h, n);
	ck_assert_int_eq(store_search(s, "Å", 2, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(total, 18);
	ck_assert_str_eq(h[0].meeting_date, DATE);
	store_hits_free(h, n);
	ck_assert_int_eq(store_search(s, "Å", 2, &h, &n, NULL), STATUS_OK);
	store_hits_free(h, n);
	/* Titles and proposals are found too, without a document. */
	ck_assert_int_eq(store_search(s, "Verksamhetsområde", 0, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(h[0].what, "title");
	ck_assert_ptr_null(h[0].doc_id);
	ck_assert_str_eq(h[0].snippet, "Verksamhetsområde Bra Liv");
	store_hits_free(h, n);
	ck_assert_int_eq(store_search(s, "regionfullmäktige att", 0, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(h[0].what, "proposal");
	ck_assert_str_eq(h[0].item_id, MID "/15");
	store_hits_free(h, n);
	/* Several matches on one line: a span each. */
	ck_assert_int_eq(store_search(s, "ar", 1, &h, &n, &total), STATUS_OK);
	ck_assert_uint_ge(n, 1);
	ck_assert_uint_ge(h[0].n_spans, 1);
	store_hits_free(h, n);
	ck_assert_int_eq(store_search(s, "", 5, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	close_checked(&s);
}
END_TEST

/* A long line is cut around the match; the spans still point at it. */
START_TEST(test_search_long_line)
{
	struct store *s = open_store(0);
	struct store_hit *h;
	struct packet p;
	struct buf b = { 0 };
	size_t n, total;

	fx_packet(&p, FX_BODY, DATE);
	for (int i = 0; i < 300; i++)
		buf_adds(&b, "Lång rad utan radbrytning ");
	buf_adds(&b, "där nålen i höstacken finns ");
	for (int i = 0; i < 300; i++)
		buf_adds(&b, "och mera text efteråt ");
	fx_doc(&p, 0, "bilaga", "Lång", b.data);
	buf_free(&b);
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	ck_assert_int_eq(store_search(s, "nålen", 5, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_lt(strlen(h[0].snippet), 400);
	ck_assert_int_eq(strncmp(h[0].snippet, "…", 3), 0);
	ck_assert_uint_eq(h[0].n_spans, 1);
	ck_assert_int_eq(strncmp(h[0].snippet + h[0].spans[0].off, "nålen", 6), 0);
	ck_assert_uint_eq(h[0].match_line, 0);
	store_hits_free(h, n);
	close_checked(&s);
}
END_TEST

/* Totals stop counting past STORE_SEARCH_TOTAL_MAX, for the index and the scan alike. */
START_TEST(test_search_total_cap)
{
	struct store *s = open_store(0);
	struct store_hit *h;
	struct packet p;
	size_t n, total;

	fx_packet(&p, FX_BODY, DATE);
	for (int i = 0; i < STORE_SEARCH_TOTAL_MAX + 10; i++)
		fx_doc(&p, -1, "bilaga", "Bilaga", "Tandvård för alla.\n");
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	put_fixture(s, "2023-01-01", NULL);
	ck_assert_int_eq(store_search(s, "tandvård", 20, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 20);
	ck_assert_uint_gt(total, STORE_SEARCH_TOTAL_MAX);
	store_hits_free(h, n);
	ck_assert_int_eq(store_search(s, "å", 20, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 20);
	ck_assert_uint_gt(total, STORE_SEARCH_TOTAL_MAX);
	store_hits_free(h, n);
	/* Below the cap the count is exact, also when the page is smaller. */
	ck_assert_int_eq(store_search(s, "sjukvårdsdirektör", 1, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(total, 2);
	store_hits_free(h, n);
	ck_assert_int_eq(store_search(s, "EU", 1, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(total, 2);
	store_hits_free(h, n);
	close_checked(&s);
}
END_TEST

/* A long document: the match far into it, found without reading it all. */
START_TEST(test_search_deep_match)
{
	struct store *s = open_store(1);
	struct store_hit *h;
	struct packet p;
	struct buf b = { 0 };
	size_t n, total;
	char *text;

	fx_packet(&p, FX_BODY, DATE);
	for (int i = 0; i < 5000; i++)
		buf_printf(&b, "Rad %d om välfärd, åtgärder och övrigt.\n", i);
	buf_adds(&b, "Här står anhörigkontakt i en lång rad som fortsätter och fortsätter ");
	for (int i = 0; i < 100; i++)
		buf_adds(&b, "med mera text på samma rad ");
	buf_adds(&b, "\nSista raden.\n");
	fx_doc(&p, 2, "rapport", "Lång rapport", b.data);
	buf_free(&b);
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	ck_assert_int_eq(store_search(s, "ANHÖRIGKONTAKT", 5, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(h[0].match_line, 5000);
	ck_assert_int_eq(strncmp(h[0].snippet, "Här står anhörigkontakt", 24), 0);
	ck_assert_int_eq(strcmp(h[0].snippet + strlen(h[0].snippet) - 3, "…"), 0);
	ck_assert_uint_eq(h[0].n_spans, 1);
	ck_assert_uint_eq(h[0].spans[0].off, strlen("Här står "));
	ck_assert_uint_eq(h[0].spans[0].len, strlen("anhörigkontakt"));
	ck_assert_int_eq(store_doc_text(s, h[0].doc_id, &text, NULL), STATUS_OK);
	ck_assert_int_eq(strncmp(text + h[0].match_off, "anhörigkontakt", 15), 0);
	free(text);
	store_hits_free(h, n);
	/* Past the window: the snippet is cut on both sides. */
	ck_assert_int_eq(store_search(s, "Sista raden", 5, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(h[0].snippet, "Sista raden.");
	ck_assert_uint_eq(h[0].match_line, 5001);
	store_hits_free(h, n);
	close_checked(&s);
}
END_TEST

/* Long queries are counted through covering trigrams: the same totals as the plain phrase. */
static const char *const cover_queries[] = {
	"abababa", "bababab", "ababababababab", "ababa ab", "aaaaaaa", "aaaaaaaa",
	"sjukvårdsdirektör", "Sjukvårdsdirektören", "Hälso- och sjukvården", "tandvårdstaxa",
	"xyzxyzxyq", "xyzxyzxyz", "för vuxna. Ar", "\"citat\" i text", "ÅÄÖåäöÅÄÖ",
};

START_TEST(test_search_cover_count)
{
	struct store *s = open_store(0);
	struct packet p;
	sqlite3_stmt *st;

	/* Two meetings, so that the first page stops early and the rest is counted. */
	for (int d = 0; d < 2; d++) {
		fx_packet(&p, FX_BODY, d ? DATE : "2023-02-03");
		fx_doc(&p, -1, "bilaga", "Mönster", "abababababab\nxyzxyzxyzxyz\naaaaaaa\n");
		fx_doc(&p, -1, "bilaga", "Mönster 2", "ababa ab ababa\nxyzxyzxyq\nååäääöööÅÄÖåäöÅÄÖ\n");
		fx_doc(&p, -1, "bilaga", "Citat", "ett \"citat\" i text, aaaaaa\n");
		fx_doc(&p, 1, "bilaga", "Taxa", "tandvård och taxa, tandvårdstaxa\n");
		ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
		packet_free(&p);
	}
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), "SELECT count(*) FROM search WHERE"
	    " search MATCH ?1", -1, &st, NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof cover_queries / sizeof cover_queries[0]; i++) {
		const char *q = cover_queries[i];
		struct store_hit *h;
		size_t n, total, k = 0;
		char phrase[256];

		phrase[k++] = '"';
		for (const char *c = q; *c; c++) {
			if (*c == '"')
				phrase[k++] = '"';
			phrase[k++] = *c;
		}
		phrase[k++] = '"';
		phrase[k] = '\0';
		sqlite3_bind_text(st, 1, phrase, -1, SQLITE_STATIC);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		/* limit 1 so that the total is counted, not taken from the page */
		ck_assert_int_eq(store_search(s, q, 1, &h, &n, &total), STATUS_OK);
		ck_assert_msg((long long)total == sqlite3_column_int64(st, 0), "'%s': %zu, phrase %lld",
		    q, total, sqlite3_column_int64(st, 0));
		store_hits_free(h, n);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	close_checked(&s);
}
END_TEST

/* The scan reads long documents in chunks: a match cut by a chunk's end is still found. */
START_TEST(test_search_scan_chunks)
{
	struct store *s = open_store(0);
	struct store_hit *h;
	struct packet p;
	struct buf b = { 0 };
	size_t n, total;

	fx_packet(&p, FX_BODY, DATE);
	for (int i = 0; i < 1638; i++)
		buf_adds(&b, "xxxxxxxxx\n");
	buf_adds(&b, "xxxåm slut\n");	/* "å" at bytes 16383-16384 */
	for (int i = 0; i < 3000; i++)
		buf_adds(&b, "yyyyyyyyy\n");
	fx_doc(&p, -1, "bilaga", "Bitar", b.data);
	buf_free(&b);
	ck_assert_int_eq(store_put_packet(s, &p, NULL, NULL), STATUS_OK);
	packet_free(&p);
	ck_assert_int_eq(store_search(s, "ÅM", 5, &h, &n, &total), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(total, 1);
	ck_assert_uint_eq(h[0].match_off, 16383);
	ck_assert_uint_eq(h[0].match_line, 1638);
	ck_assert_str_eq(h[0].snippet, "xxxåm slut");
	ck_assert_uint_eq(h[0].n_spans, 1);
	ck_assert_uint_eq(h[0].spans[0].off, 3);
	ck_assert_uint_eq(h[0].spans[0].len, 3);
	store_hits_free(h, n);
	close_checked(&s);
}
END_TEST

/* ---- bulk writes and the index's segments ---- */

static const char *const bulk_dates[] = {
	"2020-02-11", "2021-03-09", "2022-04-12", "2023-05-16", "2024-06-11", "2025-09-23",
};
#define N_BULK (sizeof bulk_dates / sizeof bulk_dates[0])

static struct store *
open_at(const char *name)
{
	struct store *s = NULL;
	char *err = NULL, path[4200];

	snprintf(path, sizeof path, "%s/%s", tmp, name);
	ck_assert_msg(store_open(path, STORE_CREATE, &s, &err) == STATUS_OK, "open: %s",
	    err ? err : "?");
	return s;
}

/* Every hit of q, one line each, and the total: what a user would see. Caller frees. */
static char *
hits_text(struct store *s, const char *q)
{
	struct store_hit *h;
	struct buf b = { 0 };
	size_t n, total;

	ck_assert_int_eq(store_search(s, q, 1000, &h, &n, &total), STATUS_OK);
	buf_printf(&b, "%zu\n", total);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s %s %s %zu %s\n", h[i].meeting_id, h[i].doc_id ? h[i].doc_id : "-",
		    h[i].what, h[i].match_off, h[i].snippet);
	store_hits_free(h, n);
	return buf_detach(&b, NULL);
}

static long long
segments(struct store *s)
{
	return pragma(s, "SELECT count(DISTINCT segid) FROM search_idx");
}

static long long
option(struct store *s, const char *key)
{
	char sql[200];

	snprintf(sql, sizeof sql, "SELECT v FROM search_config WHERE k='%s'", key);
	return pragma(s, sql);
}

/* Many packets in bulk: one segment at the end, the same hits as one by one,
 * merging back on afterwards; nothing written when nothing changed. */
START_TEST(test_search_bulk)
{
	static const char *const queries[] = { "sjukvård", "tandvård", "år", "Övergångsregler" };
	struct store *a = open_at("one.db"), *b = open_at("bulk.db");
	char path[4200], *before, *after;
	size_t len_before = 0, len_after = 1;
	bool merged = true, changed = true;

	for (size_t i = 0; i < N_BULK; i++)
		put_fixture(a, bulk_dates[i], NULL);
	ck_assert_int_gt(segments(a), 1);	/* else the test proves nothing */
	store_bulk_begin(b, N_BULK);
	for (size_t i = 0; i < N_BULK; i++)
		put_fixture(b, bulk_dates[i], NULL);
	ck_assert_int_eq(option(b, "automerge"), 0);	/* no merging along the way */
	ck_assert_int_eq(store_bulk_end(b, &merged), STATUS_OK);
	ck_assert(merged);
	ck_assert_int_eq(segments(b), 1);
	/* The pages the merge freed are given back to the file system. */
	ck_assert_int_eq(pragma(b, "PRAGMA auto_vacuum"), 2);
	ck_assert_int_eq(pragma(b, "PRAGMA freelist_count"), 0);
	ck_assert_int_eq(option(b, "automerge"), 4);
	ck_assert_int_eq(option(b, "crisismerge"), 16);
	ck_assert_int_eq(option(b, "hashsize"), 16 << 20);
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		char *x = hits_text(a, queries[q]), *y = hits_text(b, queries[q]);

		ck_assert_msg(strlen(x) > 3, "no hits for %s", queries[q]);
		ck_assert_str_eq(x, y);
		free(x);
		free(y);
	}
	close_checked(&a);
	close_checked(&b);

	/* The same packets again: not a byte written, no merge. */
	snprintf(path, sizeof path, "%s/bulk.db", tmp);
	before = tu_read_file(path, &len_before);
	b = open_at("bulk.db");
	store_bulk_begin(b, N_BULK);
	for (size_t i = 0; i < N_BULK; i++) {
		put_fixture(b, bulk_dates[i], &changed);
		ck_assert(!changed);
	}
	ck_assert_int_eq(store_bulk_end(b, &merged), STATUS_OK);
	ck_assert(!merged);
	store_close(&b);
	after = tu_read_file(path, &len_after);
	ck_assert_uint_eq(len_before, len_after);
	ck_assert(memcmp(before, after, len_before) == 0);
	free(before);
	free(after);

	/* Two packets into six meetings: not worth merging everything. */
	b = open_at("bulk.db");
	store_bulk_begin(b, 2);
	put_fixture(b, "2026-01-13", NULL);
	put_fixture(b, "2026-02-10", NULL);
	ck_assert_int_eq(store_bulk_end(b, &merged), STATUS_OK);
	ck_assert(!merged);
	ck_assert_int_eq(segments(b), 3);

	/* A bulk import killed half-way leaves merging off; the next write turns it on. */
	ck_assert_int_eq(sqlite3_exec(store_db(b),
	    "INSERT INTO search(search, rank) VALUES ('automerge', 0)", NULL, NULL, NULL), SQLITE_OK);
	put_fixture(b, "2026-03-10", NULL);
	ck_assert_int_eq(option(b, "automerge"), 4);

	/* Five into nine: not everything merged, but the small segments are, as
	 * automerge would have (else 1 + 3 + 5 segments). */
	store_bulk_begin(b, 5);
	for (int i = 0; i < 5; i++) {
		char date[11];

		snprintf(date, sizeof date, "2026-04-%02d", 10 + i);
		put_fixture(b, date, NULL);
	}
	ck_assert_int_eq(store_bulk_end(b, &merged), STATUS_OK);
	ck_assert(!merged);
	ck_assert_int_le(segments(b), 3);
	ck_assert_int_eq(option(b, "automerge"), 4);
	ck_assert_int_eq(pragma(b, "SELECT count(*) FROM meeting"), 14);
	close_checked(&b);
}
END_TEST

static Suite *
search_suite(void)
{
	Suite *su = suite_create("search");
	TCase *tc = tcase_create("search");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_search_swedish, 0, (int)(sizeof search_cases / sizeof search_cases[0]));
	tcase_add_loop_test(tc, test_search_hits, 0, 2);
	tcase_add_test(tc, test_search_long_line);
	tcase_add_test(tc, test_search_total_cap);
	tcase_add_test(tc, test_search_deep_match);
	tcase_add_test(tc, test_search_scan_chunks);
	tcase_add_test(tc, test_search_cover_count);
	tcase_add_test(tc, test_search_bulk);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	int failed;

	failed = tu_run_suite(search_suite(), CK_ENV);
	return failed ? 1 : 0;
}
