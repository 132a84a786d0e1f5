/*
 * A document's text read by byte offsets (a search hit's snippet): a packed
 * text (doctext.c) one piece at a time, found through its table of piece
 * starts; a plain one through incremental blob I/O.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "doctext_format.h"
#include "xmalloc.h"

struct store_doctext {
	sqlite3_blob *blob;
	size_t total;		/* bytes of text */
	bool packed;
	/*
	 * Packed: the pieces' starts (format 1: one piece), and the one piece
	 * inflated last (cur, its bytes in out): a snippet costs the piece that
	 * holds it; reading on costs each piece once. Reading a whole long text
	 * for each hit took the browsing bench's peak RSS from about 9 to 23 MB
	 * (a list of 1,000 hits).
	 */
	size_t blob_len, data, pieces;
	struct piece_start *starts;
	z_stream z;
	unsigned char *in;
	size_t in_cap;
	char *out;
	size_t out_cap;
	size_t cur;		/* the piece in out; pieces when none */
};

/* As store_sqlite_fail words SQLITE_CORRUPT; the reader's variant. */
static enum status
read_failed(struct store *s, int rc)
{
	return store_sqlite_fail(s, rc, "document");
}

/* The piece starts into d->starts: piece 0 at 0, 0, then the table of a
 * format 2 blob (NULL for one piece); false when it is not in order. */
static bool
load_starts(struct store_doctext *d, const unsigned char *table)
{
	d->starts = xcalloc(d->pieces, sizeof *d->starts);
	for (size_t k = 1; k < d->pieces; k++) {
		const unsigned char *e = table + ENTRY * (k - 1);
		struct piece_start *p = &d->starts[k];
		size_t flags = doctext_u32(e + 12);

		p->text_off = doctext_u32(e);
		p->comp_off = doctext_u32(e + 4);
		p->count.chars = (long long)doctext_u32(e + 8);
		p->count.prev_space = (flags & SPACE_BIT) != 0;
		p->lines = flags & ~(size_t)SPACE_BIT;
		if (p->text_off <= d->starts[k - 1].text_off || p->text_off >= d->total ||
		    p->comp_off <= d->starts[k - 1].comp_off || p->comp_off >= d->blob_len - d->data)
			return false;
	}
	return true;
}

enum status
store_doctext_open(struct store *s, sqlite3_int64 rowid, struct store_doctext **out)
{
	struct store_doctext *d;
	unsigned char head[HEAD_V2], *table = NULL;
	struct packed_head h;
	sqlite3_stmt *st;
	enum status r;
	size_t n;
	bool ok;
	int rc;

	*out = NULL;
	d = xcalloc(1, sizeof *d);
	rc = sqlite3_blob_open(s->db, "main", "document", "text", rowid, 0, &d->blob);
	if (rc != SQLITE_OK) {
		free(d);
		return read_failed(s, rc);
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
	d->packed = false;	/* until inflateInit: nothing to end */
	rc = sqlite3_blob_read(d->blob, head, (int)(n < HEAD_V2 ? n : HEAD_V2), 0);
	if (rc != SQLITE_OK) {
		store_doctext_close(&d);
		return read_failed(s, rc);
	}
	ok = store_packed_head(head, n < HEAD_V2 ? n : HEAD_V2, n, &h);
	if (ok && h.pieces > 1) {
		table = xmalloc(h.data - HEAD_V2);
		rc = sqlite3_blob_read(d->blob, table, (int)(h.data - HEAD_V2), HEAD_V2);
		if (rc != SQLITE_OK) {
			free(table);
			store_doctext_close(&d);
			return read_failed(s, rc);
		}
	}
	if (ok) {
		d->total = h.len;
		d->blob_len = n;
		d->data = h.data;
		d->pieces = h.pieces;
		d->cur = h.pieces;
		ok = load_starts(d, table);
	}
	free(table);
	if (!ok || inflateInit(&d->z) != Z_OK) {
		store_doctext_close(&d);
		return store_doctext_damaged(s);
	}
	d->packed = true;
	*out = d;
	return STATUS_OK;
}

size_t
store_doctext_size(const struct store_doctext *d)
{
	return d->total;
}

void
store_doctext_seek_squeezed(const struct store_doctext *d, long long chars, size_t *off,
    struct text_squeeze_count *count, size_t *lines)
{
	size_t lo = 0, hi = d->packed ? d->pieces : 1;

	/* The last piece whose count before it is at most chars. */
	while (d->packed && hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->starts[mid].count.chars <= chars)
			lo = mid;
		else
			hi = mid;
	}
	if (!d->packed || lo == 0) {
		*off = 0;
		*count = (struct text_squeeze_count){ 0, false };
		*lines = 0;
		return;
	}
	*off = d->starts[lo].text_off;
	*count = d->starts[lo].count;
	*lines = d->starts[lo].lines;
}

/* Piece k inflated into d->out (a no-op when it is there already). */
static enum status
inflate_piece(struct store *s, struct store_doctext *d, size_t k)
{
	size_t t0 = d->starts[k].text_off, t1 = k + 1 < d->pieces ? d->starts[k + 1].text_off : d->total;
	size_t c0 = d->data + d->starts[k].comp_off;
	size_t c1 = k + 1 < d->pieces ? d->data + d->starts[k + 1].comp_off : d->blob_len;
	int rc, zr;

	if (d->cur == k)
		return STATUS_OK;
	d->cur = d->pieces;
	if (c1 - c0 > d->in_cap) {
		d->in_cap = c1 - c0;
		d->in = xrealloc(d->in, d->in_cap);
	}
	if (t1 - t0 + 1 > d->out_cap) {
		d->out_cap = t1 - t0 + 1;
		d->out = xrealloc(d->out, d->out_cap);
	}
	if ((rc = sqlite3_blob_read(d->blob, d->in, (int)(c1 - c0), (int)c0)) != SQLITE_OK)
		return read_failed(s, rc);
	/* Piece 0 starts with the zlib header; the others are raw deflate. */
	if (inflateReset2(&d->z, k == 0 ? MAX_WBITS : -MAX_WBITS) != Z_OK)
		return store_doctext_damaged(s);
	d->z.next_in = d->in;
	d->z.avail_in = (uInt)(c1 - c0);
	/* One byte to spare: a piece that inflates longer than its place is damaged. */
	d->z.next_out = (Bytef *)d->out;
	d->z.avail_out = (uInt)(t1 - t0 + 1);
	zr = inflate(&d->z, Z_SYNC_FLUSH);
	/* The last piece ends the stream (and, as piece 0, checks the adler32);
	 * the others end at a full flush. */
	if ((size_t)((char *)d->z.next_out - d->out) != t1 - t0 ||
	    (k + 1 == d->pieces ? zr != Z_STREAM_END : zr != Z_OK && zr != Z_BUF_ERROR))
		return store_doctext_damaged(s);
	d->cur = k;
	return STATUS_OK;
}

enum status
store_doctext_read(struct store *s, struct store_doctext *d, void *buf, size_t n, size_t off)
{
	char *to = buf;
	size_t lo = 0, hi;
	enum status r;

	if (off > d->total || n > d->total - off)
		return store_fail(s, STATUS_INTERNAL, "document text: read past its end");
	if (!d->packed) {
		int rc = sqlite3_blob_read(d->blob, buf, (int)n, (int)off);

		return rc == SQLITE_OK ? STATUS_OK : read_failed(s, rc);
	}
	/* The piece holding off; then on through the pieces n covers. */
	hi = d->pieces;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->starts[mid].text_off <= off)
			lo = mid;
		else
			hi = mid;
	}
	while (n > 0) {
		size_t t0 = d->starts[lo].text_off;
		size_t t1 = lo + 1 < d->pieces ? d->starts[lo + 1].text_off : d->total;
		size_t k = t1 - off < n ? t1 - off : n;

		if ((r = inflate_piece(s, d, lo)) != STATUS_OK)
			return r;
		memcpy(to, d->out + (off - t0), k);
		to += k;
		off += k;
		n -= k;
		lo++;
	}
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
	free(d->starts);
	free(d->in);
	free(d->out);
	free(d);
	*dp = NULL;
}
