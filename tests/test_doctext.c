/*
 * A document's text stored deflated (store/doctext.c, schema 7): Swedish
 * text round-trips, short texts stay plain, and everything that shows a
 * document (store_doc_text for the pager and `kallelse read`, lines,
 * search and its snippets, the short-query scan, the packet export, the
 * real binary) shows the same text packed as plain. A damaged packed text
 * is a clear error, never a crash; a version 6 file gets its texts packed.
 */
#include "config.h"

#include <check.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "store.h"
#include "store_check.h"
#include "store_fixture.h"
#include "store_internal.h"
#include "xmalloc.h"
#include "testutil.h"

/* Line LONG_MARK_LINE of the long document holds the two marks searched for:
 * past 64 KB of text and several 16 KB reads of the packed blob, so a
 * snippet's reader grows its buffer and reads on (doctext.c). */
enum { LONG_LINES = 1500, LONG_MARK_LINE = 1400 };

/* A report of LONG_LINES lines of Swedish (NFC) with "tandregleringsärende"
 * and "QZ" only on line LONG_MARK_LINE. Caller frees. */
static char *
long_text(void)
{
	struct buf b = { 0 };

	for (int i = 0; i < LONG_LINES; i++) {
		if (i == LONG_MARK_LINE)
			buf_printf(&b, "Ett tandregleringsärende (QZ) för år %d prövas av nämnden.\n", 2000 + i);
		else
			buf_printf(&b, "%d. Hälso- och sjukvårdsnämnden föreslår övergångsregler för "
			    "tandvård, år %d; åtgärder %u för äldre och unga.\n", i, 1900 + i * 7,
			    (unsigned)i * 2654435761u % 1000003u);
	}
	return buf_detach(&b, NULL);
}

static struct store *
open_db(const char *name)
{
	char path[4200];
	struct store *s = NULL;
	char *err = NULL;

	snprintf(path, sizeof path, "%s/%s", tmp, name);
	ck_assert_msg(store_open(path, STORE_CREATE, &s, &err) == STATUS_OK, "%s", err ? err : "");
	return s;
}

/* The fixture's packet with the long text as a fifth document, on item "15". */
static void
put_long(struct store *s, const char *text)
{
	struct packet p;

	fx_packet(&p, FX_BODY, DATE);
	fx_doc(&p, 3, "bilaga", "Lång rapport", text);
	ck_assert_msg(store_put_packet(s, &p, NULL, NULL) == STATUS_OK, "%s", store_error(s));
	packet_free(&p);
}

/* One text column of one row: SQL on the store's own handle. Caller frees. */
static char *
sql_str(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	char *v = NULL;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

START_TEST(test_pack_round_trip)
{
	static const char *const swedish[] = {
		"Åtgärd för anhöriga som vårdar: Övergångsregler, ÄNDRING, smärta, ­bindestreck.",
		"Ärende 15 – Hälso- och sjukvårdsdirektör «citat» €100 ≤ 3 · 日本語 😀",
	};
	char *text = long_text(), *back = NULL;
	unsigned char *packed = NULL;
	size_t len = strlen(text), n = 0, back_len = 0;

	/* A long text packs smaller and comes back byte for byte. */
	ck_assert(store_text_pack(text, len, &packed, &n));
	ck_assert_uint_lt(n, len / 2);
	ck_assert(store_text_unpack(packed, n, &back, &back_len));
	ck_assert_uint_eq(back_len, len);
	ck_assert_str_eq(back, text);
	free(back);
	free(packed);
	/* Lines of Swedish repeated past the threshold, every character kept. */
	for (size_t i = 0; i < sizeof swedish / sizeof swedish[0]; i++) {
		struct buf b = { 0 };
		char *t;
		size_t tl;

		while (b.len < 3000)
			buf_adds(&b, swedish[i]);
		t = buf_detach(&b, &tl);
		ck_assert(store_text_pack(t, tl, &packed, &n));
		ck_assert(store_text_unpack(packed, n, &back, &back_len));
		ck_assert_uint_eq(back_len, tl);
		ck_assert(memcmp(back, t, tl) == 0);
		free(back);
		free(packed);
		free(t);
	}
	/* Short texts stay plain: under 1 KB nothing is packed. */
	ck_assert(!store_text_pack(text, STORE_PACK_MIN - 1, &packed, &n));
	ck_assert_ptr_null(packed);
	ck_assert(store_text_pack(text, STORE_PACK_MIN, &packed, &n));
	free(packed);
	/* What is not ours does not unpack. */
	ck_assert(!store_text_unpack((const unsigned char *)text, len, &back, &back_len));
	ck_assert_ptr_null(back);
	free(text);
}
END_TEST

/* Search results as text: meeting, doc, snippet, line of each hit. Caller frees. */
static char *
hits_text(struct store *s, const char *q, enum status *st)
{
	struct store_hit *h = NULL;
	size_t n = 0, total = 0;
	struct buf b = { 0 };

	*st = store_search(s, q, 50, &h, &n, &total);
	buf_printf(&b, "%zu/%zu\n", n, total);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s %s %s line %zu off %zu\n", h[i].what, h[i].doc_id ? h[i].doc_id : "-",
		    h[i].snippet, h[i].match_line, h[i].match_off);
	store_hits_free(h, n);
	return buf_detach(&b, NULL);
}

static const char *const queries[] = { "tandreglering", "QZ", "år", "sjukvård", "Övergångsregler" };
enum { N_QUERIES = sizeof queries / sizeof queries[0] };

START_TEST(test_store_shows_the_same_text)
{
	struct store *s = open_db("doc.db");
	char *text = long_text(), *got, *id, *before[N_QUERIES], *read_packed, *read_plain;
	char *exp_line, *line;
	size_t len;
	enum status st;
	struct packet p;
	bool found = false;

	put_long(s, text);
	/* The long document is stored packed, the fixture's short ones plain. */
	id = sql_str(s, "SELECT id FROM document WHERE title='Lång rapport'");
	ck_assert_ptr_nonnull(id);
	got = sql_str(s, "SELECT group_concat(typeof(text), ',') FROM (SELECT text FROM document ORDER BY ord)");
	ck_assert_str_eq(got, "text,text,text,text,blob");
	free(got);
	/* What the pager and `kallelse read` get. */
	ck_assert_int_eq(store_doc_text(s, id, &got, &len), STATUS_OK);
	ck_assert_uint_eq(len, strlen(text));
	ck_assert_str_eq(got, text);
	free(got);
	ck_assert_int_eq(store_doc_lines(s, id, LONG_MARK_LINE, 1, &line, &len), STATUS_OK);
	exp_line = xasprintf("Ett tandregleringsärende (QZ) för år %d prövas av nämnden.",
	    2000 + LONG_MARK_LINE);
	ck_assert_str_eq(line, exp_line);
	free(line);
	/* Search: the trigram index (a snippet read from the packed text up to
	 * the match) and the scan of one or two letters. */
	for (int q = 0; q < N_QUERIES; q++) {
		before[q] = hits_text(s, queries[q], &st);
		ck_assert_msg(st == STATUS_OK, "%s: %s", queries[q], store_error(s));
	}
	ck_assert_msg(strstr(before[0], exp_line) != NULL, "%s", before[0]);
	got = xasprintf("line %d ", LONG_MARK_LINE);
	ck_assert_msg(strstr(before[0], got) != NULL && strstr(before[1], got) != NULL, "%s%s",
	    before[0], before[1]);
	free(got);
	/* The packet as exported (publish, sync) carries the text itself. */
	ck_assert_int_eq(store_meeting_packet(s, MID, &p), STATUS_OK);
	for (size_t i = 0; i < p.n_docs; i++)
		if (strcmp(p.docs[i].title, "Lång rapport") == 0) {
			ck_assert_uint_eq(p.docs[i].text_len, strlen(text));
			ck_assert_str_eq(p.docs[i].text, text);
			found = true;
		}
	ck_assert(found);
	packet_free(&p);
	{
		const char *argv[] = { "--db", NULL, "read", id, NULL };
		char path[4200];

		snprintf(path, sizeof path, "%s/doc.db", tmp);
		argv[1] = path;
		ck_assert_int_eq(tu_run(argv, &read_packed, NULL), 0);
		ck_assert_msg(strstr(read_packed, "tandregleringsärende") != NULL, "%s", read_packed);
		/* The same file with every text plain (as before schema 7). */
		ck_assert_int_eq(sqlite3_exec(store_db(s), "UPDATE document SET text=kl_text(text)",
		    NULL, NULL, NULL), SQLITE_OK);
		got = sql_str(s, "SELECT group_concat(DISTINCT typeof(text)) FROM document");
		ck_assert_str_eq(got, "text");
		free(got);
		ck_assert_int_eq(tu_run(argv, &read_plain, NULL), 0);
		ck_assert_str_eq(read_packed, read_plain);
		free(read_packed);
		free(read_plain);
	}
	for (int q = 0; q < N_QUERIES; q++) {
		got = hits_text(s, queries[q], &st);
		ck_assert_int_eq(st, STATUS_OK);
		ck_assert_str_eq(got, before[q]);
		free(got);
		free(before[q]);
	}
	free(exp_line);
	free(id);
	free(text);
	close_checked(&s);
}
END_TEST

/*
 * A text of several pieces (doctext.c packs STORE_PACK_PIECE bytes of text per piece, each
 * inflated on its own), with what makes a piece's start hard right across
 * each start: a run of white space (the squeezed count's prev_space), a
 * 4-byte character, two no-break spaces, and a searched word. Tokens
 * "kvxNNNN" every few hundred bytes, one per line or several.
 */
enum { PIECE_BYTES = STORE_PACK_PIECE };

/* Whether a token at byte off is worth a search: near a piece's start, or one in 40. */
static bool
token_checked(int t, size_t off)
{
	size_t rest = off % PIECE_BYTES;

	return t % 40 == 0 || rest < 1500 || rest > PIECE_BYTES - 1500;
}

/* Filler up to exactly byte upto: Swedish, dashes, no-break spaces, runs of blanks. */
static void
fill_to(struct buf *b, size_t upto, int *tok)
{
	while (b->len + 120 < upto) {
		buf_printf(b, "Ärende kvx%04d — åtgärd\u00a0för  barn \U0001F600 enligt\t \n", (*tok)++);
		if (*tok % 3 == 0)
			buf_adds(b, "  \n\n \t");
		if (*tok % 5 == 0)
			buf_adds(b, "övergångsregler i länet; ");
	}
	while (b->len < upto)
		buf_addc(b, 'a');
}

static char *
pieces_text(int *tokens)
{
	static const char *const across[] = {
		"  \n \t  ",			/* blanks across the start of piece 1 */
		"x\U0001F600y",			/* a 4-byte character across piece 2's */
		"z\u00a0\u00a0w",		/* no-break spaces across piece 3's */
		" kvx9999 ",			/* a searched word across piece 4's */
	};
	struct buf b = { 0 };
	int tok = 0;

	for (int k = 0; k < 4; k++) {
		fill_to(&b, (size_t)(k + 1) * PIECE_BYTES - 3, &tok);
		buf_adds(&b, across[k]);
	}
	fill_to(&b, 5 * PIECE_BYTES + 5000, &tok);
	buf_adds(&b, "Slut.\n");
	*tokens = tok;
	return buf_detach(&b, NULL);
}

START_TEST(test_pieces)
{
	struct store *s = open_db("pieces.db");
	int tokens;
	char *text = pieces_text(&tokens), *got, **packed_hits;
	size_t len = strlen(text);
	sqlite3_int64 rowid;
	struct store_doctext *d;
	enum status st;
	char q[16];

	put_long(s, text);
	got = sql_str(s, "SELECT typeof(text) || ' ' || hex(substr(text, 1, 4)) || ' ' ||"
	    " rowid FROM document WHERE title='Lång rapport'");
	ck_assert_msg(strncmp(got, "blob 4B4C7A02 ", 14) == 0, "%s", got);
	rowid = atoll(got + 14);
	free(got);
	/* Reading by offsets: across every piece's start, and all of it. */
	ck_assert_int_eq(store_doctext_open(s, rowid, &d), STATUS_OK);
	ck_assert_uint_eq(store_doctext_size(d), len);
	for (size_t k = 1; k <= 5; k++) {
		char buf[300];

		for (size_t at = k * PIECE_BYTES - 150; at < k * PIECE_BYTES + 10; at += 37) {
			ck_assert_int_eq(store_doctext_read(s, d, buf, sizeof buf, at), STATUS_OK);
			ck_assert_msg(memcmp(buf, text + at, sizeof buf) == 0, "read at %zu", at);
		}
	}
	got = xmalloc(len);
	ck_assert_int_eq(store_doctext_read(s, d, got, len, 0), STATUS_OK);
	ck_assert(memcmp(got, text, len) == 0);
	free(got);
	store_doctext_close(&d);
	/* Every token's hit: where the text has it, and the same as from plain text. */
	packed_hits = xcalloc((size_t)tokens + 1, sizeof *packed_hits);
	for (int t = 0; t <= tokens; t++) {
		struct store_hit *h = NULL;
		size_t n = 0, total = 0, line = 0, off;

		snprintf(q, sizeof q, "kvx%04d", t == tokens ? 9999 : t);
		off = (size_t)(strstr(text, q) - text);
		if (!token_checked(t, off))
			continue;
		for (size_t i = 0; i < off; i++)
			line += text[i] == '\n';
		ck_assert_int_eq(store_search(s, q, 5, &h, &n, &total), STATUS_OK);
		ck_assert_msg(n == 1 && strcmp(h[0].what, "document") == 0, "%s: %zu hits", q, n);
		ck_assert_msg(h[0].match_off == off && h[0].match_line == line,
		    "%s: off %zu line %zu, the text has %zu line %zu", q, h[0].match_off,
		    h[0].match_line, off, line);
		ck_assert_msg(strstr(h[0].snippet, q) != NULL, "%s: %s", q, h[0].snippet);
		store_hits_free(h, n);
		packed_hits[t] = hits_text(s, q, &st);
	}
	/* The same hits from the text plain, then packed as schema 10 packed it
	 * (format 1: "KLz" 0x01, the length, one zlib stream). */
	for (int form = 0; form < 2; form++) {
		if (form == 0) {
			ck_assert_int_eq(sqlite3_exec(store_db(s), "UPDATE document SET text=kl_text(text)",
			    NULL, NULL, NULL), SQLITE_OK);
		} else {
			uLongf zn = compressBound((uLong)len);
			unsigned char *v1 = xmalloc(8 + zn);
			sqlite3_stmt *up;

			memcpy(v1, "KLz\1", 4);
			for (int i = 0; i < 4; i++)
				v1[4 + i] = (unsigned char)(len >> (8 * i));
			ck_assert_int_eq(compress2(v1 + 8, &zn, (const Bytef *)text, (uLong)len, 1), Z_OK);
			ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), "UPDATE document SET text=?1"
			    " WHERE rowid=?2", -1, &up, NULL), SQLITE_OK);
			sqlite3_bind_blob(up, 1, v1, (int)(8 + zn), free);
			sqlite3_bind_int64(up, 2, rowid);
			ck_assert_int_eq(sqlite3_step(up), SQLITE_DONE);
			sqlite3_finalize(up);
		}
		for (int t = 0; t <= tokens; t++) {
			if (packed_hits[t] == NULL)
				continue;
			snprintf(q, sizeof q, "kvx%04d", t == tokens ? 9999 : t);
			got = hits_text(s, q, &st);
			ck_assert_msg(strcmp(got, packed_hits[t]) == 0, "form %d: %s against %s", form,
			    got, packed_hits[t]);
			free(got);
		}
	}
	for (int t = 0; t <= tokens; t++)
		free(packed_hits[t]);
	free(packed_hits);
	free(text);
	close_checked(&s);
}
END_TEST

/* Overwrite the packed text of doc id with its bytes damaged past the header. */
static void
damage(struct store *s, const char *id)
{
	sqlite3_stmt *st;
	unsigned char *b;
	size_t n;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), "SELECT text FROM document WHERE id=?1",
	    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_type(st, 0), SQLITE_BLOB);
	n = (size_t)sqlite3_column_bytes(st, 0);
	b = xmalloc(n);
	memcpy(b, sqlite3_column_blob(st, 0), n);
	sqlite3_finalize(st);
	for (size_t i = 10; i < n; i += 7)
		b[i] ^= 0x5a;
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), "UPDATE document SET text=?2 WHERE id=?1",
	    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, b, (int)n, free);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

START_TEST(test_damaged_text_is_an_error)
{
	struct store *s = open_db("bad.db");
	char *text = long_text(), *id, *got = NULL, *out = NULL, *err = NULL, path[4200];
	const char *argv[] = { "--db", path, "read", NULL, NULL };
	size_t len = 0;
	enum status st;

	put_long(s, text);
	id = sql_str(s, "SELECT id FROM document WHERE title='Lång rapport'");
	damage(s, id);
	/* The pager's and read's way in: an error that says what and what to do. */
	ck_assert_int_eq(store_doc_text(s, id, &got, &len), STATUS_CORRUPT);
	ck_assert_ptr_null(got);
	ck_assert_msg(strstr(store_error(s), "does not unpack") && strstr(store_error(s), "--repair"),
	    "%s", store_error(s));
	/* A snippet read from it, and the scan through kl_text(): errors too. */
	got = hits_text(s, "tandreglering", &st);
	ck_assert_int_eq(st, STATUS_CORRUPT);
	free(got);
	got = hits_text(s, "QZ", &st);
	ck_assert_int_eq(st, STATUS_CORRUPT);
	ck_assert_msg(strstr(store_error(s), "does not unpack"), "%s", store_error(s));
	free(got);
	/* The short documents still read. */
	got = sql_str(s, "SELECT id FROM document WHERE title='Bra Liv'");
	ck_assert_int_eq(store_doc_text(s, got, &out, &len), STATUS_OK);
	ck_assert(strstr(out, "sjukvårdsdirektör") != NULL);
	free(out);
	free(got);
	close_checked(&s);
	/* The real binary: a message and a failure, not a crash. */
	snprintf(path, sizeof path, "%s/bad.db", tmp);
	argv[3] = id;
	ck_assert_int_eq(tu_run(argv, &out, &err), 1);
	ck_assert_msg(strstr(err, "does not unpack") != NULL, "%s", err);
	free(out);
	free(err);
	free(id);
	free(text);
}
END_TEST

/* A version 6 file (texts plain) opened by this kallelse: its long texts packed, unchanged. */
START_TEST(test_migration_packs_old_texts)
{
	struct store *s = open_db("old.db");
	char *text = long_text(), *id, *got;
	size_t len;

	put_long(s, text);
	/* Back to version 7 (before the text was packed): versions 9's originals
	 * and 10's count undone too. */
	ck_assert_int_eq(sqlite3_exec(store_db(s), "UPDATE document SET text=kl_text(text);"
	    "ALTER TABLE meeting DROP COLUMN doc_items;"
	    "DROP TABLE document_page; DROP TABLE packet_original;"
	    "CREATE TABLE document_original (doc_id TEXT PRIMARY KEY, name TEXT, data BLOB NOT NULL);"
	    "PRAGMA user_version=7", NULL, NULL, NULL), SQLITE_OK);
	close_checked(&s);
	s = open_db("old.db");
	got = sql_str(s, "PRAGMA user_version");
	ck_assert_int_eq(atoi(got), STORE_SCHEMA_VERSION);
	free(got);
	got = sql_str(s, "SELECT group_concat(typeof(text), ',') FROM (SELECT text FROM document ORDER BY ord)");
	ck_assert_str_eq(got, "text,text,text,text,blob");
	free(got);
	id = sql_str(s, "SELECT id FROM document WHERE title='Lång rapport'");
	ck_assert_int_eq(store_doc_text(s, id, &got, &len), STATUS_OK);
	ck_assert_str_eq(got, text);
	free(got);
	free(id);
	free(text);
	close_checked(&s);
}
END_TEST

static Suite *
doctext_suite(void)
{
	Suite *su = suite_create("doctext");
	TCase *tc = tcase_create("doctext");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_pack_round_trip);
	tcase_add_test(tc, test_store_shows_the_same_text);
	tcase_add_test(tc, test_pieces);
	tcase_add_test(tc, test_damaged_text_is_an_error);
	tcase_add_test(tc, test_migration_packs_old_texts);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	return tu_run_suite(doctext_suite(), CK_NORMAL);
}
