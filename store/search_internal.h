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
#include "text.h"

/* The text of a search row, from the content tables (the index holds it squeezed:
 * STORE_INDEXED_TEXT_SQL); a document's text may be stored packed (doctext.c). */
#define STORE_TEXT_OF_ROW_SQL \
	"CASE r.what WHEN 'title' THEN (SELECT title FROM agenda_item WHERE id=r.item_id)" \
	" WHEN 'proposal' THEN (SELECT text FROM proposal WHERE item_id=r.item_id)" \
	" ELSE (SELECT kl_text(text) FROM document WHERE id=r.doc_id) END"

/* The same with a document's text as stored (packed or not), for kl_scan. */
#define STORE_STORED_TEXT_OF_ROW_SQL \
	"CASE r.what WHEN 'title' THEN (SELECT title FROM agenda_item WHERE id=r.item_id)" \
	" WHEN 'proposal' THEN (SELECT text FROM proposal WHERE item_id=r.item_id)" \
	" ELSE (SELECT text FROM document WHERE id=r.doc_id) END"

/* The text a search row was indexed with: every run of white space one
 * space (kl_squeeze), so that a phrase finds its words across a line break. */
#define STORE_INDEXED_TEXT_SQL "kl_squeeze(" STORE_TEXT_OF_ROW_SQL ")"

/* h->snippet and h->spans: the line around the match at byte off of t. */
void store_snippet(struct store_hit *h, const struct text_matcher *m, const char *t,
    size_t len, size_t off, bool cut_before, bool cut_after);
/* match_off, match_line and the snippet of a document hit, reading only what it needs. */
enum status store_doc_hit_blob(struct store *s, sqlite3_int64 rowid, long long first_char,
    const struct text_matcher *m, struct store_hit *h);
/* Point the kl_scan() SQL function at m (NULL when the scan is over). */
void store_search_set_scan(struct store *s, struct text_matcher *m);

#endif
