/*
 * Document ids that survive a corrected packet. A packet's documents are
 * "MEETING/dNNN"; numbering them by position made a corrected packet with
 * one document more or less shift every id after it, and the notes and
 * reading state kept under those ids (the user's own data) then pointed
 * at the wrong document. So a re-import gives each document the id of
 * the stored document it is: the same item, kind and title; else the
 * same kind, title and text under another item (its item was renumbered
 * or dropped); else the one document of that item and kind (a corrected
 * title). Read before the content is replaced. A document with no
 * match gets a number after the highest ever given in the meeting, so an
 * id is never reused for another document; one that is gone is deleted,
 * and a note on it is shown as orphaned.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "put_internal.h"
#include "store_internal.h"
#include "xmalloc.h"

struct stored_doc {
	char *id, *item_id, *kind, *title, *sha;
	bool taken;
};

static bool
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* The number of "MEETING/dNNN", or -1. */
static long
doc_number(const char *id)
{
	const char *d = strrchr(id, '/');
	char *end;
	long n;

	if (d == NULL || d[1] != 'd')
		return -1;
	n = strtol(d + 2, &end, 10);
	return *end == '\0' && end != d + 2 ? n : -1;
}

/* How many of list[0..n) not yet taken have this item and kind (and which one). */
static size_t
untaken(struct stored_doc *list, size_t n, const char *item_id, const char *kind, size_t *which)
{
	size_t count = 0;

	for (size_t k = 0; k < n; k++)
		if (!list[k].taken && same(list[k].item_id, item_id) && same(list[k].kind, kind)) {
			count++;
			*which = k;
		}
	return count;
}

enum status
store_doc_ids(struct store *s, const struct packet *p, const struct norm_doc *nd,
    const char *mid, char **item_ids, char **ids)
{
	struct stored_doc *old = NULL;
	size_t n_old = 0, which = 0;
	bool *open;
	long next = 0;
	sqlite3_stmt *st;
	enum status r;
	int rc;

	if ((r = store_prepare(s, "SELECT id, item_id, kind, title, sha256 FROM document"
	    " WHERE meeting_id=?1 AND attached=0", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, mid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		old = xreallocarray(old, n_old + 1, sizeof *old);
		old[n_old] = (struct stored_doc){ store_col_str(st, 0), store_col_str(st, 1),
			store_col_str(st, 2), store_col_str(st, 3), store_col_str(st, 4), false };
		if (doc_number(old[n_old].id) >= next)
			next = doc_number(old[n_old].id) + 1;
		n_old++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		r = store_sqlite_fail(s, rc, "document");
	/* Two passes: every exact match first, so a corrected title cannot take another's id. */
	for (size_t i = 0; i < p->n_docs; i++) {
		const char *item = p->docs[i].item >= 0 ? item_ids[p->docs[i].item] : NULL;
		char *title = store_nfc(p->docs[i].title), *kind = store_nfc(p->docs[i].kind);

		ids[i] = NULL;
		for (size_t k = 0; k < n_old && ids[i] == NULL; k++)
			if (!old[k].taken && same(old[k].item_id, item) && same(old[k].kind, kind) &&
			    same(old[k].title, title)) {
				old[k].taken = true;
				ids[i] = xstrdup(old[k].id);
			}
		/* Moved to another item: the same document by its kind, title and text. */
		for (size_t k = 0; k < n_old && ids[i] == NULL; k++)
			if (!old[k].taken && same(old[k].kind, kind) && same(old[k].title, title) &&
			    same(old[k].sha, nd[i].sha)) {
				old[k].taken = true;
				ids[i] = xstrdup(old[k].id);
			}
		free(title);
		free(kind);
	}
	/* Which are still without an id after the exact matches: counted before any is given one. */
	open = xcalloc(p->n_docs + 1, sizeof *open);
	for (size_t i = 0; i < p->n_docs; i++)
		open[i] = ids[i] == NULL;
	for (size_t i = 0; i < p->n_docs; i++) {
		const char *item = p->docs[i].item >= 0 ? item_ids[p->docs[i].item] : NULL;
		char *kind = store_nfc(p->docs[i].kind);
		size_t want = 0;

		if (!open[i]) {
			free(kind);
			continue;
		}
		/* One left of this item and kind on each side: the same document, retitled. */
		for (size_t j = 0; j < p->n_docs; j++) {
			char *kj = store_nfc(p->docs[j].kind);
			if (open[j] && p->docs[j].item == p->docs[i].item && same(kj, kind))
				want++;
			free(kj);
		}
		if (want == 1 && untaken(old, n_old, item, kind, &which) == 1) {
			old[which].taken = true;
			ids[i] = xstrdup(old[which].id);
		} else {
			ids[i] = xasprintf("%s/d%03ld", mid, next++);
		}
		free(kind);
	}
	for (size_t k = 0; k < n_old; k++) {
		free(old[k].id);
		free(old[k].item_id);
		free(old[k].kind);
		free(old[k].title);
		free(old[k].sha);
	}
	free(old);
	free(open);
	return r;
}
