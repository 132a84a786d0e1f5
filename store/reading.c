/*
 * Read state: a document is read as the text it had when it was read.
 * The reading row keeps that text's sha256 and a short hash of each of
 * its paragraphs, so that a corrected text shows as changed (ändrad) and
 * the paragraphs that are new or different can be told apart from those
 * that were read, without keeping a copy of the old text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sha256.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

/* Hex digits kept of each paragraph's sha256: 64 bits, plenty within a document. */
#define PARA_HASH 16

struct para {
	size_t first, count;
	char hash[PARA_HASH + 1];
};

static bool
blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f')
			return false;
	return true;
}

/*
 * The paragraphs of text: runs of non-blank lines. Each is hashed with
 * its white space squeezed, so a paragraph only wrapped anew is the same.
 * Caller frees.
 */
static struct para *
paragraphs(const char *text, size_t len, size_t *n)
{
	struct para *out = NULL;
	size_t line = 0, pos = 0, start = 0, first = 0;
	bool in = false;

	*n = 0;
	while (pos <= len) {
		const char *nl = pos < len ? memchr(text + pos, '\n', len - pos) : NULL;
		size_t end = nl ? (size_t)(nl - text) : len;
		bool b = blank(text + pos, end - pos);

		if (!b && !in) {
			in = true;
			start = pos;
			first = line;
		}
		if (in && (b || nl == NULL)) {
			size_t stop = b ? pos : end, sq_len;
			char *sq = text_squeeze_space(text + start, stop - start, &sq_len);
			const char *t = sq;
			size_t tl = sq_len;
			char hex[65];

			t = text_trim(t, &tl);
			store_sha256_bytes_hex(t, tl, hex);
			free(sq);
			out = xreallocarray(out, *n + 1, sizeof *out);
			out[*n].first = first;
			out[*n].count = (b ? line : line + 1) - first;
			memcpy(out[*n].hash, hex, PARA_HASH);
			out[*n].hash[PARA_HASH] = '\0';
			(*n)++;
			in = false;
		}
		if (nl == NULL)
			break;
		pos = end + 1;
		line++;
	}
	return out;
}

enum status
store_read_set(struct store *s, const char *doc_id, bool read)
{
	sqlite3_stmt *st;
	struct para *p = NULL;
	struct buf paras = { 0 };
	enum status r;
	char *text = NULL, now[21];
	size_t len = 0, n = 0;
	int rc;

	store_clear_error(s);
	if ((r = store_doc_text(s, doc_id, &text, &len)) != STATUS_OK) {
		if (r == STATUS_NOT_FOUND)
			return store_fail(s, r, _("there is no document %s"), doc_id);
		return r;
	}
	if (read) {
		p = paragraphs(text, len, &n);
		for (size_t i = 0; i < n; i++)
			buf_printf(&paras, "%s%s", i ? "\n" : "", p[i].hash);
	}
	free(p);
	free(text);
	store_now(now);
	r = store_prepare(s, "INSERT INTO reading(doc_id, position, sha256, read_at, read_sha256,"
	    " read_paras) SELECT id, 0, sha256, ?2, CASE WHEN ?3 THEN sha256 END, ?4"
	    " FROM document WHERE id=?1"
	    " ON CONFLICT(doc_id) DO UPDATE SET read_sha256=excluded.read_sha256,"
	    " read_paras=excluded.read_paras, read_at=excluded.read_at", &st);
	if (r == STATUS_OK) {
		store_bind_str(st, 1, doc_id);
		store_bind_str(st, 2, now);
		sqlite3_bind_int(st, 3, read ? 1 : 0);
		store_bind_str(st, 4, read ? (paras.data ? paras.data : "") : NULL);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		r = rc == SQLITE_DONE ? STATUS_OK : store_sqlite_fail(s, rc, "reading");
	}
	buf_free(&paras);
	return r;
}

enum status
store_doc_changes(struct store *s, const char *doc_id, struct store_para **list, size_t *n)
{
	sqlite3_stmt *st;
	struct para *p;
	enum status r;
	char *text = NULL, *read = NULL;
	size_t len = 0, np;

	*list = NULL;
	*n = 0;
	store_clear_error(s);
	if ((r = store_prepare(s, "SELECT read_paras FROM reading WHERE doc_id=?1"
	    " AND read_sha256 IS NOT NULL", &st)) != STATUS_OK)
		return r;
	store_bind_str(st, 1, doc_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		read = store_col_str(st, 0);
	sqlite3_finalize(st);
	if (read == NULL)
		return STATUS_NOT_FOUND;
	if ((r = store_doc_text(s, doc_id, &text, &len)) != STATUS_OK) {
		free(read);
		return r;
	}
	p = paragraphs(text, len, &np);
	*list = np ? xcalloc(np, sizeof **list) : NULL;
	for (size_t i = 0; i < np; i++) {
		const char *at = read;

		(*list)[i].first = p[i].first;
		(*list)[i].count = p[i].count;
		/* Hashes are fixed-width lines: look for a whole one. */
		(*list)[i].changed = true;
		while ((at = strstr(at, p[i].hash)) != NULL) {
			if ((at == read || at[-1] == '\n') && (at[PARA_HASH] == '\n'
			    || at[PARA_HASH] == '\0')) {
				(*list)[i].changed = false;
				break;
			}
			at++;
		}
	}
	*n = np;
	free(p);
	free(text);
	free(read);
	return STATUS_OK;
}
