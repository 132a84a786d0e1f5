/*
 * A document's text as stored (schema 8, pieces since schema 11): plain
 * TEXT when short (under STORE_PACK_MIN bytes) or when deflate would not
 * save a tenth, otherwise a BLOB holding the text deflated (zlib, level
 * STORE_PACK_LEVEL):
 *
 *     "KLz" 0x02   magic and format version
 *     u32 LE       length of the text in bytes
 *     u32 LE       pieces, N >= 1
 *     N - 1 times  where piece 1, 2, ... starts (piece 0 starts at 0, 0):
 *       u32 LE       byte offset in the text (a character's first byte)
 *       u32 LE       byte offset in the zlib stream below
 *       u32 LE       characters of the squeezed text before it
 *                    (text_squeeze_space: what the search index counts)
 *       u32 LE       line breaks before it; the top bit: the character
 *                    before it was white space (text_squeeze_count)
 *     zlib stream  one stream, flushed in full (Z_FULL_FLUSH) at every
 *                  piece's start, so each piece inflates on its own as
 *                  raw deflate; its adler32 checks the whole text
 *
 * Pieces are PIECE bytes of text. A search hit deep in a long report
 * inflates the one piece that holds it (and starts counting characters
 * and lines there) instead of the report up to it: the first page of
 * "barnkonventionen" on the archive inflated the 470 KB SOU up to each of
 * its 20 snippets. 16 KB: on the archive's documents pieces of 64, 32 and
 * 16 KB pack 1.4, 3.1 and 6.4 % larger than one stream (the database 1 %
 * at 16 KB), and that search took 158, 130 and 115 M instructions
 * (callgrind) against 209 M for one stream. Format 1 ("KLz" 0x01, u32 length, the zlib stream) is
 * one piece; schema 11 repacks it.
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

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "i18n.h"
#include "store_internal.h"
#include "text.h"
#include "xmalloc.h"

enum {
	HEAD_V1 = 8,
	HEAD_V2 = 12,
	ENTRY = 16,
	STORE_PACK_LEVEL = 1,
};
static const unsigned char magic[3] = { 'K', 'L', 'z' };
#define SPACE_BIT 0x80000000u
#define PIECE STORE_PACK_PIECE

static void
put_u32(unsigned char *p, size_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static size_t
get_u32(const unsigned char *p)
{
	return (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
}

/* Where piece k starts: in the text, in the zlib stream, and the counts there. */
struct piece_start {
	size_t text_off, comp_off, lines;
	struct text_squeeze_count count;
};

/*
 * The pieces' starts in text: every PIECE bytes, moved back to a
 * character's first byte as the squeezed count walks it (so a walk started
 * there counts as one from the start would). Caller frees; *n >= 1.
 */
static struct piece_start *
plan_pieces(const char *text, size_t len, size_t *n)
{
	struct piece_start *ps = xcalloc(len / PIECE + 1, sizeof *ps);
	struct text_squeeze_count c = { 0, false };
	size_t k = 1, off = 0, lines = 0;

	while (len - off > PIECE) {
		size_t used;

		text_squeeze_walk(&c, text + off, PIECE, LLONG_MAX, true, &used);
		if (used == 0)
			break;	/* cannot happen with PIECE >> 4; stay one piece longer */
		for (const char *p = text + off; (p = memchr(p, '\n', (size_t)(text + off + used - p)));
		    p++)
			lines++;
		off += used;
		ps[k].text_off = off;
		ps[k].lines = lines;
		ps[k].count = c;
		k++;
	}
	*n = k;
	return ps;
}

bool
store_text_pack(const char *text, size_t len, unsigned char **out, size_t *out_len)
{
	struct piece_start *ps;
	size_t np, head, at;
	z_stream z = { 0 };
	unsigned char *buf;
	bool ok = true;

	*out = NULL;
	*out_len = 0;
	if (len < STORE_PACK_MIN || len > UINT32_MAX)
		return false;
	ps = plan_pieces(text, len, &np);
	head = HEAD_V2 + ENTRY * (np - 1);
	if (deflateInit(&z, STORE_PACK_LEVEL) != Z_OK) {
		free(ps);
		return false;
	}
	/* Each full flush adds at most a few bytes to what deflateBound allows. */
	at = head + deflateBound(&z, (uLong)len) + 8 * np;
	buf = xmalloc(at);
	memcpy(buf, magic, 3);
	buf[3] = 2;
	put_u32(buf + 4, len);
	put_u32(buf + 8, np);
	z.next_out = buf + head;
	z.avail_out = (uInt)(at - head);
	for (size_t k = 0; k < np && ok; k++) {
		size_t end = k + 1 < np ? ps[k + 1].text_off : len;
		int flush = k + 1 < np ? Z_FULL_FLUSH : Z_FINISH;

		ps[k].comp_off = (size_t)z.total_out;
		z.next_in = (Bytef *)text + ps[k].text_off;
		z.avail_in = (uInt)(end - ps[k].text_off);
		ok = deflate(&z, flush) == (flush == Z_FINISH ? Z_STREAM_END : Z_OK) &&
		    z.avail_in == 0;
	}
	for (size_t k = 1; k < np; k++) {
		unsigned char *e = buf + HEAD_V2 + ENTRY * (k - 1);

		put_u32(e, ps[k].text_off);
		put_u32(e + 4, ps[k].comp_off);
		put_u32(e + 8, (size_t)ps[k].count.chars);
		put_u32(e + 12, ps[k].lines | (ps[k].count.prev_space ? SPACE_BIT : 0));
	}
	at = head + (size_t)z.total_out;
	deflateEnd(&z);
	free(ps);
	if (!ok || at > len - len / 10) {
		free(buf);	/* incompressible: kept as text */
		return false;
	}
	*out = buf;
	*out_len = at;
	return true;
}

/* A packed blob's header: format 1 or 2. */
struct packed_head {
	size_t len;		/* bytes of text */
	size_t pieces;
	size_t data;		/* where the zlib stream starts in the blob */
	const unsigned char *table;	/* pieces - 1 entries (format 2) */
};

/* Read the header of a blob of n bytes (at least its first 12 given as
 * blob, or all of it); false when it is not one of ours. */
static bool
packed_head(const unsigned char *blob, size_t have, size_t n, struct packed_head *h)
{
	if (blob == NULL || have < HEAD_V1 || memcmp(blob, magic, 3) != 0)
		return false;
	h->len = get_u32(blob + 4);
	h->table = NULL;
	if (blob[3] == 1) {
		h->pieces = 1;
		h->data = HEAD_V1;
		return true;
	}
	if (blob[3] != 2 || have < HEAD_V2)
		return false;
	h->pieces = get_u32(blob + 8);
	if (h->pieces == 0 || h->pieces - 1 > (n - HEAD_V2) / ENTRY)
		return false;
	h->data = HEAD_V2 + ENTRY * (h->pieces - 1);
	h->table = have >= h->data ? blob + HEAD_V2 : NULL;
	return h->data <= n;
}

bool
store_text_unpack(const unsigned char *blob, size_t n, char **text, size_t *len)
{
	struct packed_head h;
	uLongf got;
	char *buf;

	*text = NULL;
	*len = 0;
	if (!packed_head(blob, n, n, &h))
		return false;
	buf = xmalloc(h.len + 1);
	got = (uLongf)h.len;
	/* One zlib stream however many pieces: full flushes inflate as they come. */
	if (uncompress((Bytef *)buf, &got, blob + h.data, (uLong)(n - h.data)) != Z_OK ||
	    got != h.len) {
		free(buf);
		return false;
	}
	buf[h.len] = '\0';
	*text = buf;
	*len = h.len;
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
	size_t keep = 4 * m->n + 4, have = 0, ml;
	struct packed_head h;
	z_stream z = { 0 };
	char *buf;
	int found = 0, zr = Z_OK;

	if (!packed_head(blob, n, n, &h) || inflateInit(&z) != Z_OK)
		return -1;
	buf = xmalloc(CHUNK + keep);
	z.next_in = (Bytef *)blob + h.data;
	z.avail_in = (uInt)(n - h.data);
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
	if (found == 0 && z.total_out != h.len)
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

/* The table of a format 2 blob into d->starts; false when it is not in order. */
static bool
load_starts(struct store_doctext *d, const unsigned char *table)
{
	d->starts = xcalloc(d->pieces, sizeof *d->starts);
	for (size_t k = 1; k < d->pieces; k++) {
		const unsigned char *e = table + ENTRY * (k - 1);
		struct piece_start *p = &d->starts[k];
		size_t flags = get_u32(e + 12);

		p->text_off = get_u32(e);
		p->comp_off = get_u32(e + 4);
		p->count.chars = (long long)get_u32(e + 8);
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
	ok = packed_head(head, n < HEAD_V2 ? n : HEAD_V2, n, &h);
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
		ok = h.pieces == 1 ? (d->starts = xcalloc(1, sizeof *d->starts)) != NULL :
		    load_starts(d, table);
	}
	free(table);
	if (!ok || inflateInit(&d->z) != Z_OK) {
		store_doctext_close(&d);
		return doctext_damaged(s);
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
		return doctext_damaged(s);
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
		return doctext_damaged(s);
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
