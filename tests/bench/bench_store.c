/*
 * bench_store: in-process figures of the store for make bench, through the
 * same store API the interactive program calls (libstore.a), so a search is
 * timed as the user waits for it, without process start-up.
 *
 *   bench_store search DB RUNS LIMIT [--no-count] QUERY...
 *	For each query: store_search() for the first LIMIT results (the first
 *	page), RUNS times after one warm-up; prints
 *	"QUERY<TAB>median_ms<TAB>min_ms<TAB>max_ms<TAB>shown<TAB>total"
 *	(total: all hits, counted by the store as the status line shows it;
 *	--no-count: not asked for, 0, to see what the count costs).
 *   bench_store largest DB OUTFILE
 *	Finds the largest document (by bytes) of the newest meeting, writes
 *	its text to OUTFILE and prints
 *	"doc_id<TAB>meeting_id<TAB>item_number<TAB>lines<TAB>bytes<TAB>title<TAB>
 *	index among the item's documents<TAB>their count<TAB>item title<TAB>
 *	the item's order on the agenda (from 0)".
 *   bench_store first DB
 *	Prints the meeting the program opens on: "id<TAB>date<TAB>body".
 *
 * Exit status 1 with a message when the store says no (a part not built
 * yet): make bench then prints "n/a" in the row.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static struct store *
open_store(const char *path)
{
	struct store *s = NULL;
	char *err = NULL;

	if (store_open(path, STORE_READONLY, &s, &err) != STATUS_OK) {
		fprintf(stderr, "bench_store: %s\n", err ? err : path);
		free(err);
		exit(1);
	}
	return s;
}

static int
do_search(struct store *s, int runs, size_t limit, bool count, int nq, char **queries)
{
	double *t = malloc(sizeof *t * (size_t)runs);

	if (t == NULL)
		return 1;
	for (int q = 0; q < nq; q++) {
		struct store_hit *hits = NULL;
		size_t n = 0, total = 0;
		enum status st;

		/* One warm-up, as the program has the pages cached after start-up. */
		st = store_search(s, queries[q], limit, &hits, &n, count ? &total : NULL);
		if (st != STATUS_OK) {
			fprintf(stderr, "bench_store: search %s: %s\n", queries[q], store_error(s));
			free(t);
			return 1;
		}
		store_hits_free(hits, n);
		for (int i = 0; i < runs; i++) {
			double t0 = now_ms();

			hits = NULL;
			n = 0;
			st = store_search(s, queries[q], limit, &hits, &n, count ? &total : NULL);
			t[i] = now_ms() - t0;
			store_hits_free(hits, n);
			if (st != STATUS_OK) {
				fprintf(stderr, "bench_store: search %s: %s\n", queries[q], store_error(s));
				free(t);
				return 1;
			}
		}
		qsort(t, (size_t)runs, sizeof t[0], cmp_double);
		printf("%s\t%.3f\t%.3f\t%.3f\t%zu\t%zu\n", queries[q],
		    runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2,
		    t[0], t[runs - 1], n, total);
		fflush(stdout);
	}
	free(t);
	return 0;
}

/* The newest meeting's id (meetings come upcoming first, then past newest first). */
static char *
first_meeting(struct store *s, char **date, char **body)
{
	struct store_meeting *m = NULL;
	size_t n = 0;
	char *id;

	if (store_meetings(s, &m, &n) != STATUS_OK || n == 0) {
		fprintf(stderr, "bench_store: no meetings: %s\n", store_error(s));
		exit(1);
	}
	id = strdup(m[0].id);
	if (date)
		*date = strdup(m[0].date ? m[0].date : "");
	if (body)
		*body = strdup(m[0].body ? m[0].body : "");
	store_meetings_free(m, n);
	return id;
}

static int
do_largest(struct store *s, const char *outfile)
{
	char *mid = first_meeting(s, NULL, NULL);
	struct store_doc *docs = NULL;
	size_t n = 0, best = 0, len = 0, pos = 0, count = 0;
	struct agenda_item it = { 0 };
	char *text = NULL;
	FILE *f;

	if (store_meeting_documents(s, mid, &docs, &n) != STATUS_OK || n == 0) {
		fprintf(stderr, "bench_store: no documents in %s: %s\n", mid, store_error(s));
		return 1;
	}
	for (size_t i = 1; i < n; i++)
		if (docs[i].bytes > docs[best].bytes)
			best = i;
	if (store_doc_text(s, docs[best].id, &text, &len) != STATUS_OK) {
		fprintf(stderr, "bench_store: text of %s: %s\n", docs[best].id, store_error(s));
		return 1;
	}
	f = fopen(outfile, "w");
	if (f == NULL || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
		perror(outfile);
		return 1;
	}
	if (docs[best].item_id) {
		struct store_doc *mine = NULL;
		size_t n_mine = 0;

		store_item_get(s, docs[best].item_id, &it);
		/* Where it sits among its item's documents: the keys that reach it. */
		if (store_documents(s, mid, docs[best].item_id, &mine, &n_mine) == STATUS_OK) {
			for (size_t i = 0; i < n_mine; i++)
				if (strcmp(mine[i].id, docs[best].id) == 0)
					pos = i;
			count = n_mine;
			store_docs_free(mine, n_mine);
		}
	}
	printf("%s\t%s\t%s\t%zu\t%zu\t%s\t%zu\t%zu\t%s\t%d\n", docs[best].id, mid,
	    it.number ? it.number : "-", docs[best].lines, docs[best].bytes,
	    docs[best].title ? docs[best].title : "", pos, count, it.title ? it.title : "",
	    it.ord);
	agenda_item_free(&it);
	free(text);
	store_docs_free(docs, n);
	free(mid);
	return 0;
}

int
main(int argc, char **argv)
{
	struct store *s;
	int rc = 2;

	if (argc >= 6 && strcmp(argv[1], "search") == 0) {
		int runs = atoi(argv[3]);

		if (runs < 1)
			runs = 1;
		s = open_store(argv[2]);
		bool count = strcmp(argv[5], "--no-count") != 0;

		rc = do_search(s, runs, (size_t)strtoul(argv[4], NULL, 10), count,
		    argc - 5 - !count, argv + 5 + !count);
	} else if (argc == 4 && strcmp(argv[1], "largest") == 0) {
		s = open_store(argv[2]);
		rc = do_largest(s, argv[3]);
	} else if (argc == 3 && strcmp(argv[1], "first") == 0) {
		char *date, *body, *id;

		s = open_store(argv[2]);
		id = first_meeting(s, &date, &body);
		printf("%s\t%s\t%s\n", id, date, body);
		free(id);
		free(date);
		free(body);
		rc = 0;
	} else {
		fprintf(stderr, "usage: bench_store search DB RUNS LIMIT [--no-count] QUERY... | largest DB OUTFILE | first DB\n");
		return 2;
	}
	store_close(&s);
	return rc;
}
