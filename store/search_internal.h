/*
 * Shared by the search files (search.c runs a search, search_index.c keeps
 * the index and its SQL functions, search_text.c finds and shows matches).
 */
#ifndef KALLELSE_SEARCH_INTERNAL_H
#define KALLELSE_SEARCH_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* The text a search row was indexed with, from the content tables. */
#define STORE_TEXT_OF_ROW_SQL \
	"CASE r.what WHEN 'title' THEN (SELECT title FROM agenda_item WHERE id=r.item_id)" \
	" WHEN 'proposal' THEN (SELECT text FROM proposal WHERE item_id=r.item_id)" \
	" ELSE (SELECT text FROM document WHERE id=r.doc_id) END"

/* A query folded per code point, ready to match against text. */
struct store_matcher {
	uint32_t *q;		/* folded code points */
	size_t n;
	unsigned char lead[256];	/* first bytes a match can start with */
};

void store_matcher_init(struct store_matcher *m, const char *query, size_t len);
void store_matcher_free(struct store_matcher *m);
/* First match at or after byte from; its byte offset, or (size_t)-1. *mlen: its bytes. */
size_t store_matcher_find(const struct store_matcher *m, const char *text, size_t len,
    size_t from, size_t *mlen);
/* Byte offset of character number chars in t (len when past the end). */
size_t store_char_to_byte(const char *t, size_t len, long long chars);
/* h->snippet and h->spans: the line around the match at byte off of t. */
void store_snippet(struct store_hit *h, const struct store_matcher *m, const char *t,
    size_t len, size_t off, bool cut_before, bool cut_after);
/* match_off, match_line and the snippet of a document hit, reading only what it needs. */
enum status store_doc_hit_blob(struct store *s, sqlite3_int64 rowid, long long first_char,
    const struct store_matcher *m, struct store_hit *h);
/* Point the kl_scan() SQL function at m (NULL when the scan is over). */
void store_search_set_scan(struct store *s, struct store_matcher *m);

#endif
