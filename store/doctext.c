/*
 * A document's text as stored (schema 8): plain TEXT when short (under
 * STORE_PACK_MIN bytes) or when deflate would not save a tenth, otherwise
 * a BLOB holding the text deflated (zlib, level STORE_PACK_LEVEL):
 *
 *     "KLz" 0x01   magic and format version
 *     u32 LE       length of the text in bytes
 *     zlib stream  (its adler32 catches a damaged blob)
 *
 * The column's SQL type tells which: TEXT is the text, BLOB is packed.
 * Documents were most of the database's text (the ten-year archive: 384 MB
 * of 1.15 GB, 3.1x the packets' text); deflated they are about a third.
 * Level 1: at level 6 deflate ran at about 27 MB/s on this machine, at 1
 * about 100, with 2.6x instead of 3.2x on the archive's documents.
 *
 * Code that reads the column in C goes through store_col_doctext or the
 * reader (a search hit's snippet); SQL goes through kl_text(text), which
 * gives the text either way; kl_pack(text) is what put_doc.c stores.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "i18n.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

enum {
	HEADER = 8,
	STORE_PACK_LEVEL = 1,
};
static const unsigned char magic[4] = { 'K', 'L', 'z', 1 };

bool
store_text_pack(const char *text, size_t len, unsigned char **out, size_t *out_len)
{
	uLongf n;
	unsigned char *buf;

	*out = NULL;
	*out_len = 0;
	if (len < STORE_PACK_MIN || len > UINT32_MAX)
		return false;
	n = compressBound((uLong)len);
	buf = xmalloc(HEADER + n);
	memcpy(buf, magic, 4);
	for (int i = 0; i < 4; i++)
		buf[4 + i] = (unsigned char)(len >> (8 * i));
	if (compress2(buf + HEADER, &n, (const Bytef *)text, (uLong)len, STORE_PACK_LEVEL) != Z_OK ||
	    HEADER + n > len - len / 10) {
		free(buf);	/* incompressible: kept as text */
		return false;
	}
	*out = buf;
	*out_len = HEADER + n;
	return true;
}

/* The text length a packed blob announces; false when it is not one of ours. */
static bool
packed_len(const unsigned char *blob, size_t n, size_t *len)
{
	if (blob == NULL || n < HEADER || memcmp(blob, magic, 4) != 0)
		return false;
	*len = (size_t)blob[4] | (size_t)blob[5] << 8 | (size_t)blob[6] << 16 |
	    (size_t)blob[7] << 24;
	return true;
}

bool
store_text_unpack(const unsigned char *blob, size_t n, char **text, size_t *len)
{
	uLongf got;
	size_t want;
	char *buf;

	*text = NULL;
	*len = 0;
	if (!packed_len(blob, n, &want))
		return false;
	buf = xmalloc(want + 1);
	got = (uLongf)want;
	if (uncompress((Bytef *)buf, &got, blob + HEADER, (uLong)(n - HEADER)) != Z_OK ||
	    got != want) {
		free(buf);
		return false;
	}
	buf[want] = '\0';
	*text = buf;
	*len = want;
	return true;
}

/* As store_sqlite_fail words SQLITE_CORRUPT: what, and what to do. */
static enum status
doctext_damaged(struct store *s)
{
	char *advice = store_damage_advice(s->path);
	enum status r = store_fail(s, STATUS_CORRUPT, _("%s is damaged (%s). %s"), s->path,
	    _("a document's stored text does not unpack"), advice);

	free(advice);
	return r;
}

enum status
store_col_doctext(struct store *s, sqlite3_stmt *st, int col, char **text, size_t *len)
{
	*text = NULL;
	*len = 0;
	if (sqlite3_column_type(st, col) == SQLITE_BLOB) {
		const unsigned char *b = sqlite3_column_blob(st, col);
		size_t n = (size_t)sqlite3_column_bytes(st, col);

		return store_text_unpack(b, n, text, len) ? STATUS_OK : doctext_damaged(s);
	}
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return STATUS_OK;
	*len = (size_t)sqlite3_column_bytes(st, col);
	*text = xmalloc(*len + 1);
	memcpy(*text, sqlite3_column_text(st, col), *len);
	(*text)[*len] = '\0';
	return STATUS_OK;
}

int
store_text_packed_find(const unsigned char *blob, size_t n, const struct text_matcher *m)
{
	enum { CHUNK = 16384 };
	/* A match cut by a chunk's end is found again with the tail kept. */
	size_t keep = 4 * m->n + 4, have = 0, total, ml;
	z_stream z = { 0 };
	char *buf;
	int found = 0, zr = Z_OK;

	if (!packed_len(blob, n, &total) || inflateInit(&z) != Z_OK)
		return -1;
	buf = xmalloc(CHUNK + keep);
	z.next_in = (Bytef *)blob + HEADER;
	z.avail_in = (uInt)(n - HEADER);
	while (!found && zr != Z_STREAM_END) {
		z.next_out = (Bytef *)buf + have;
		z.avail_out = CHUNK;
		zr = inflate(&z, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END) {
			found = -1;
			break;
		}
		have = (size_t)((char *)z.next_out - buf);
		if (text_matcher_find(m, buf, have, 0, &ml) != (size_t)-1) {
			found = 1;
		} else if (have > keep) {
			memmove(buf, buf + have - keep, keep);
			have = keep;
		}
	}
	if (found == 0 && z.total_out != total)
		found = -1;
	inflateEnd(&z);
	free(buf);
	return found;
}

/* ---- SQL functions ---- */

/* kl_text(x): the text of a document column, packed or not. */
static void
kl_text(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	char *t;
	size_t len;

	(void)nval;
	if (sqlite3_value_type(val[0]) != SQLITE_BLOB) {
		sqlite3_result_value(ctx, val[0]);
		return;
	}
	if (!store_text_unpack(sqlite3_value_blob(val[0]), (size_t)sqlite3_value_bytes(val[0]),
	    &t, &len)) {
		/* store_sqlite_fail makes it "FILE is damaged (...). Run ... --repair". */
		sqlite3_result_error(ctx, _("a document's stored text does not unpack"), -1);
		sqlite3_result_error_code(ctx, SQLITE_CORRUPT);
		return;
	}
	sqlite3_result_text64(ctx, t, len, free, SQLITE_UTF8);
}

/* kl_pack(x): x as it is stored (the migration to schema 8 packs the texts already there). */
static void
kl_pack(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	unsigned char *b;
	size_t n;

	(void)nval;
	if (sqlite3_value_type(val[0]) != SQLITE_TEXT ||
	    !store_text_pack((const char *)sqlite3_value_text(val[0]),
	    (size_t)sqlite3_value_bytes(val[0]), &b, &n)) {
		sqlite3_result_value(ctx, val[0]);
		return;
	}
	sqlite3_result_blob64(ctx, b, n, free);
}

int
store_doctext_register_db(sqlite3 *db)
{
	int rc = sqlite3_create_function(db, "kl_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	    SQLITE_INNOCUOUS, NULL, kl_text, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "kl_pack", 1, SQLITE_UTF8 |
		    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, kl_pack, NULL, NULL);
	return rc == SQLITE_OK ? 0 : -1;
}

int
store_doctext_register(struct store *s)
{
	return store_doctext_register_db(s->db);
}

/* ---- reading a document's text by offsets (a search hit's snippet) ---- */

struct store_doctext {
	sqlite3_blob *blob;
	size_t total;		/* bytes of text */
	bool packed;
	/*
	 * Packed: read IN_CHUNK bytes of the blob at a time (in_off: how far)
	 * and inflate into out, grown as far as asked (cap bytes): a snippet
	 * near the start of the SOU costs its start, not 470 KB. Reading it
	 * whole for each hit took the browsing bench's peak RSS from about 9
	 * to 23 MB (a list of 1,000 hits).
	 */
	z_stream z;
	size_t blob_len, in_off;
	unsigned char *in;
	char *out;
	size_t cap, inflated;
};

enum { IN_CHUNK = 16384, OUT_FIRST = 65536 };

enum status
store_doctext_open(struct store *s, sqlite3_int64 rowid, struct store_doctext **out)
{
	struct store_doctext *d;
	unsigned char head[HEADER];
	sqlite3_stmt *st;
	enum status r;
	size_t n, len;
	int rc;

	*out = NULL;
	d = xcalloc(1, sizeof *d);
	rc = sqlite3_blob_open(s->db, "main", "document", "text", rowid, 0, &d->blob);
	if (rc != SQLITE_OK) {
		free(d);
		return store_sqlite_fail(s, rc, "document");
	}
	n = (size_t)sqlite3_blob_bytes(d->blob);
	d->total = n;
	if ((r = store_prepare(s, "SELECT typeof(text)='blob' FROM document WHERE rowid=?1",
	    &st)) != STATUS_OK) {
		store_doctext_close(&d);
		return r;
	}
	sqlite3_bind_int64(st, 1, rowid);
	d->packed = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!d->packed) {
		*out = d;
		return STATUS_OK;
	}
	rc = n >= HEADER ? sqlite3_blob_read(d->blob, head, HEADER, 0) : SQLITE_OK;
	if (rc != SQLITE_OK) {
		store_doctext_close(&d);
		return store_sqlite_fail(s, rc, "document");
	}
	if (n < HEADER || !packed_len(head, HEADER, &len) || inflateInit(&d->z) != Z_OK) {
		d->packed = false;	/* nothing to end */
		store_doctext_close(&d);
		return doctext_damaged(s);
	}
	d->total = len;
	d->blob_len = n;
	d->in_off = HEADER;
	d->in = xmalloc(IN_CHUNK);
	*out = d;
	return STATUS_OK;
}

size_t
store_doctext_size(const struct store_doctext *d)
{
	return d->total;
}

enum status
store_doctext_read(struct store *s, struct store_doctext *d, void *buf, size_t n, size_t off)
{
	if (off > d->total || n > d->total - off)
		return store_fail(s, STATUS_INTERNAL, "document text: read past its end");
	if (!d->packed) {
		int rc = sqlite3_blob_read(d->blob, buf, (int)n, (int)off);

		return rc == SQLITE_OK ? STATUS_OK : store_sqlite_fail(s, rc, "document");
	}
	/* Inflate only as far as asked: a hit near the start of a long report
	 * costs the start, not the report. */
	while (d->inflated < off + n) {
		int zr;

		if (d->z.avail_in == 0 && d->in_off < d->blob_len) {
			size_t k = d->blob_len - d->in_off < IN_CHUNK ? d->blob_len - d->in_off : IN_CHUNK;
			int rc = sqlite3_blob_read(d->blob, d->in, (int)k, (int)d->in_off);

			if (rc != SQLITE_OK)
				return store_sqlite_fail(s, rc, "document");
			d->in_off += k;
			d->z.next_in = d->in;
			d->z.avail_in = (uInt)k;
		}
		if (d->cap < off + n || d->inflated == d->cap) {
			size_t want = d->cap ? d->cap * 2 : OUT_FIRST;

			while (want < off + n)
				want *= 2;
			if (want > d->total)
				want = d->total;
			d->out = xrealloc(d->out, want + 1);
			d->cap = want;
		}
		d->z.next_out = (Bytef *)d->out + d->inflated;
		d->z.avail_out = (uInt)(d->cap - d->inflated < 65536 ? d->cap - d->inflated : 65536);
		zr = inflate(&d->z, Z_NO_FLUSH);
		d->inflated = (size_t)((char *)d->z.next_out - d->out);
		if (zr == Z_STREAM_END && d->inflated < d->total)
			zr = Z_DATA_ERROR;
		if (zr != Z_OK && zr != Z_STREAM_END)
			return doctext_damaged(s);
	}
	memcpy(buf, d->out + off, n);
	return STATUS_OK;
}

void
store_doctext_close(struct store_doctext **dp)
{
	struct store_doctext *d = *dp;

	if (d == NULL)
		return;
	if (d->packed)
		inflateEnd(&d->z);
	if (d->blob)
		sqlite3_blob_close(d->blob);
	free(d->in);
	free(d->out);
	free(d);
	*dp = NULL;
}
