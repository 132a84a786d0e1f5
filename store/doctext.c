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
 * at 16 KB), and that search took 209, 169 and 148 M instructions
 * (callgrind) against 302 M for one stream (18.6 against 5.7 ms).
 * Format 1 ("KLz" 0x01, u32 length, the zlib stream) is one piece;
 * schema 11 repacks it.
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
#include "doctext_format.h"
#include "xmalloc.h"

enum { STORE_PACK_LEVEL = 1 };
static const unsigned char magic[3] = { 'K', 'L', 'z' };
#define PIECE STORE_PACK_PIECE

static void
put_u32(unsigned char *p, size_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

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

bool
store_packed_head(const unsigned char *blob, size_t have, size_t n, struct packed_head *h)
{
	if (blob == NULL || have < HEAD_V1 || memcmp(blob, magic, 3) != 0)
		return false;
	h->len = doctext_u32(blob + 4);
	if (blob[3] == 1) {
		h->pieces = 1;
		h->data = HEAD_V1;
		return true;
	}
	if (blob[3] != 2 || have < HEAD_V2)
		return false;
	h->pieces = doctext_u32(blob + 8);
	if (h->pieces == 0 || h->pieces - 1 > (n - HEAD_V2) / ENTRY)
		return false;
	h->data = HEAD_V2 + ENTRY * (h->pieces - 1);
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
	if (!store_packed_head(blob, n, n, &h))
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
enum status
store_doctext_damaged(struct store *s)
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

		return store_text_unpack(b, n, text, len) ? STATUS_OK : store_doctext_damaged(s);
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

	if (!store_packed_head(blob, n, n, &h) || inflateInit(&z) != Z_OK)
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
