/*
 * Search, the pager's find and text_fold agree (property tests on the
 * real store with its FTS5 index, and on the pager's layout): generated
 * documents of Swedish words in every case, queries in other cases and
 * decomposed; a document is a hit exactly when text_fold(query) occurs
 * in text_fold(document), the exact count is the number of hits, each
 * snippet marks the match itself, and the pager finds the same places.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pager_text.h"
#include "store.h"
#include "store_fixture.h"
#include "text_test.h"
#include "testutil.h"
#include "text.h"
#include "xmalloc.h"

enum { N_DOCS = 24, N_WORDS = 40 };

/* The same words in other cases; some differ only by å ä ö against a o. */
static const char *const words[] = {
	"sjukvård", "SJUKVÅRD", "Sjukvården", "sjukvard", "Åsa", "ÅSA", "asa", "ärende",
	"ÄRENDE", "arende", "över", "ÖVER", "Över", "over", "Straße", "STRASSE", "ΟΔΟΣ", "οδος",
	"år", "ÅR", "ar", "Émile", "emile", "GROẞ", "groß", "ﬁnans", "finans",
};
static const char *const seps[] = { " ", " ", "\n", ", ", ". " };

/* Queries: as typed, other cases, decomposed å ä ö é. */
static const char *const queries[] = {
	"sjukvård", "SJUKVÅRD", "sjukva\xCC\x8Ard", "sjukvard", "åsa", "ASA", "A\xCC\x8Asa",
	"ärende", "ARENDE", "a\xCC\x88rende", "över", "over", "O\xCC\x88VER", "straße", "strasse",
	"οδος", "ΟΔΟΣ", "år", "ar", "ÅR", "émile", "E\xCC\x81MILE", "groß", "ﬁnans", "finans",
};

static char *docs[N_DOCS];

static char *
gen_doc(unsigned int *seed)
{
	char buf[2048] = "";

	for (int k = 0; k < N_WORDS; k++) {
		*seed = *seed * 1103515245u + 12345u;
		strcat(buf, words[(*seed >> 16) % NROWS(words)]);
		*seed = *seed * 1103515245u + 12345u;
		strcat(buf, seps[(*seed >> 16) % NROWS(seps)]);
	}
	return xstrdup(buf);
}

/* The truth: text_fold(q) in text_fold(t). */
static bool
folded_in(const char *q, const char *t)
{
	size_t qn, tn;
	char *qf = text_fold(q, strlen(q), &qn), *tf = text_fold(t, strlen(t), &tn);
	bool r = memmem(tf, tn, qf, qn) != NULL;

	free(qf);
	free(tf);
	return r;
}

START_TEST(test_matcher_and_pager_agree_with_fold)
{
	unsigned int seed = 11u + (unsigned int)_i;

	for (int d = 0; d < N_DOCS; d++) {
		struct pager_text t = { 0 };

		t.text = gen_doc(&seed);
		t.len = strlen(t.text);
		pager_text_layout(&t, 30, 0);
		for (int k = 0; k < NROWS(queries); k++) {
			struct text_matcher m;
			size_t at = 0, ml, last = (size_t)-1, ps, pl;
			bool truth = folded_in(queries[k], t.text), first = true;

			text_matcher_init(&m, queries[k], strlen(queries[k]));
			/* Every match the matcher gives, the pager gives too, in order. */
			while ((at = text_matcher_find(&m, t.text, t.len, at, &ml)) != (size_t)-1) {
				ck_assert(pager_text_find(&t, &m, first ? 0 : last + 1, SIZE_MAX, false,
				    &ps, &pl));
				ck_assert_uint_eq(ps, at);
				ck_assert_uint_eq(pl, ml);
				first = false;
				last = at;
				at += ml;
			}
			ck_assert_msg(!first == truth, "%s in [%s]: matcher %d, fold %d", queries[k],
			    t.text, !first, truth);
			/* Backward from the end: the last match. */
			ck_assert(pager_text_find(&t, &m, t.len, 0, true, &ps, &pl) == truth);
			if (truth)
				ck_assert_uint_eq(ps, last);
			text_matcher_free(&m);
		}
		free(t.text);
		free(t.pl);
	}
}
END_TEST

START_TEST(test_search_agrees_with_fold)
{
	char *tmp = tu_tmpdir(), db[4200];
	unsigned int seed = 5u;
	struct store *s = NULL;
	struct packet p;

	snprintf(db, sizeof db, "%s/k.db", tmp);
	fx_packet(&p, FX_BODY, "2024-12-10");
	for (int d = 0; d < N_DOCS; d++) {
		char title[16];

		snprintf(title, sizeof title, "gen%02d", d);
		docs[d] = gen_doc(&seed);
		fx_doc(&p, -1, "bilaga", title, docs[d]);
	}
	ck_assert_int_eq(store_open(db, STORE_CREATE, &s, NULL), STATUS_OK);
	ck_assert_msg(store_put_packet(s, &p, NULL, NULL) == STATUS_OK, "%s", store_error(s));
	packet_free(&p);
	for (int k = 0; k < NROWS(queries); k++) {
		struct store_hit *h = NULL;
		size_t n = 0, total = 0;
		bool hit[N_DOCS] = { false };

		ck_assert_msg(store_search(s, queries[k], 0, &h, &n, &total) == STATUS_OK, "%s",
		    store_error(s));
		ck_assert_msg(total == n, "%s: count %zu, hits %zu", queries[k], total, n);
		for (size_t i = 0; i < n; i++) {
			int d;

			ck_assert_uint_ge(h[i].n_spans, 1);
			/* The span is the match: its fold is the query's. */
			{
				const struct store_span *sp = &h[i].spans[0];
				size_t an, bn;
				char *a = text_fold(h[i].snippet + sp->off, sp->len, &an);
				char *b = text_fold(queries[k], strlen(queries[k]), &bn);

				ck_assert_msg(an == bn && memcmp(a, b, an) == 0, "%s: span [%.*s]",
				    queries[k], (int)sp->len, h[i].snippet + sp->off);
				free(a);
				free(b);
			}
			if (h[i].doc_title && sscanf(h[i].doc_title, "gen%d", &d) == 1)
				hit[d] = true;
		}
		for (int d = 0; d < N_DOCS; d++)
			ck_assert_msg(hit[d] == folded_in(queries[k], docs[d]),
			    "%s: doc %d hit %d, fold says %d", queries[k], d, hit[d], !hit[d]);
		store_hits_free(h, n);
	}
	store_close(&s);
	for (int d = 0; d < N_DOCS; d++)
		free(docs[d]);
	tu_rmrf(tmp);
	free(tmp);
}
END_TEST

void
text_agree_tests(TCase *tc)
{
	tcase_add_loop_test(tc, test_matcher_and_pager_agree_with_fold, 0, 4);
	tcase_add_test(tc, test_search_agrees_with_fold);
}
