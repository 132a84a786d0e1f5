/*
 * The meetings list's unread count (issue 17): since schema 10 it is the
 * items with documents (kept at import) less the items whose every
 * document was read, found from the reading rows only. Here, on the real
 * packet in a real file, it must agree at every step with what it stands
 * for: the agenda items whose unread count (the agenda's N) is not zero,
 * and the anti-join over every document the list used before. Steps:
 * nothing read, documents read one by one in an order that splits items,
 * some unread again, a corrected packet (changed texts are unread again),
 * a document attached to an item, and a second meeting whose reading rows
 * must not count for the first.
 */
#include "config.h"

#include <check.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "store.h"
#include "store_check.h"
#include "xmalloc.h"

static char *seed_bytes;
static size_t seed_len;

/* What the list said before schema 10, per meeting. */
static const char reference_sql[] =
	"SELECT count(*) FROM agenda_item i WHERE i.meeting_id=?1 AND EXISTS"
	" (SELECT 1 FROM document d WHERE d.item_id=i.id AND NOT EXISTS"
	" (SELECT 1 FROM reading r WHERE r.doc_id=d.id AND r.read_sha256=d.sha256))";

static int
reference_unread(struct store *s, const char *mid)
{
	sqlite3_stmt *st;
	int n = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), reference_sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, mid, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The meeting's count, from the list and from the meeting alone, against
 * its agenda's items and the reference; returns it. */
static int
check_counts(struct store *s, const char *mid, const char *step)
{
	struct store_meeting m, *list;
	struct agenda_item *items;
	size_t n, n_items;
	int with_n = 0, from_list = -1;

	ck_assert_int_eq(store_meeting_get(s, mid, &m), STATUS_OK);
	ck_assert_int_eq(store_meetings(s, &list, &n), STATUS_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].id, mid) == 0)
			from_list = list[i].unread_count;
	store_meetings_free(list, n);
	ck_assert_int_eq(store_agenda(s, mid, &items, &n_items), STATUS_OK);
	for (size_t i = 0; i < n_items; i++)
		with_n += items[i].unread_count > 0;
	agenda_items_free(items, n_items);
	ck_assert_msg(m.unread_count == with_n, "%s: meeting says %d unread, its agenda %d", step,
	    m.unread_count, with_n);
	ck_assert_msg(from_list == with_n, "%s: list says %d unread, the agenda %d", step,
	    from_list, with_n);
	ck_assert_int_eq(reference_unread(s, mid), with_n);
	store_meeting_free(&m);
	return with_n;
}

static char *
put_packet(struct store *s, struct packet *p)
{
	char *mid = NULL;

	ck_assert_msg(store_put_packet(s, p, &mid, NULL) == STATUS_OK, "put: %s", store_error(s));
	return mid;
}

static void
parse_seed(struct packet *p)
{
	char *err = NULL;

	ck_assert_msg(import_parse_packet(seed_bytes, seed_len, "seed", p, &err) == STATUS_OK,
	    "seed: %s", err ? err : "?");
}

/* The documents of a meeting that belong to an item, in order. Caller frees. */
static char **
item_docs(struct store *s, const char *mid, size_t *n)
{
	sqlite3_stmt *st;
	char **ids = NULL;

	*n = 0;
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), "SELECT id FROM document WHERE"
	    " meeting_id=?1 AND item_id IS NOT NULL ORDER BY ord", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, mid, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		ids = xrealloc(ids, (*n + 1) * sizeof *ids);
		ids[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return ids;
}

static void
free_ids(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

START_TEST(test_unread_follows_reading)
{
	struct store *s = open_store(1);
	struct packet p, other;
	char **ids, *mid, *mid2, step[64];
	size_t n;
	int all, now;

	parse_seed(&p);
	mid = put_packet(s, &p);
	all = check_counts(s, mid, "nothing read");
	ck_assert_int_gt(all, 5);
	ids = item_docs(s, mid, &n);
	ck_assert_uint_gt(n, 10);

	/* Every third document first (items with several documents are only
	 * partly read), then the rest; the count never grows. */
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = pass; i < n; i += 3) {
			ck_assert_int_eq(store_read_set(s, ids[i], true), STATUS_OK);
			snprintf(step, sizeof step, "read %zu (pass %d)", i, pass);
			now = check_counts(s, mid, step);
			ck_assert_int_le(now, all);
			all = now;
		}
	ck_assert_int_eq(all, 0);

	/* Unread again, one in the middle: its item only. */
	ck_assert_int_eq(store_read_set(s, ids[n / 2], false), STATUS_OK);
	ck_assert_int_eq(check_counts(s, mid, "one unread again"), 1);

	/* Another meeting, all of it read: nothing changes for the first. */
	parse_seed(&other);
	free(other.date);
	other.date = xstrdup("2025-01-14");
	mid2 = put_packet(s, &other);
	{
		size_t n2;
		char **ids2 = item_docs(s, mid2, &n2);

		ck_assert_int_gt(check_counts(s, mid2, "second meeting, nothing read"), 0);
		for (size_t i = 0; i < n2; i++)
			ck_assert_int_eq(store_read_set(s, ids2[i], true), STATUS_OK);
		ck_assert_int_eq(check_counts(s, mid2, "second meeting read"), 0);
		free_ids(ids2, n2);
	}
	ck_assert_int_eq(check_counts(s, mid, "first meeting after the second"), 1);

	/* A corrected packet: a changed text is unread again. */
	free(p.docs[p.n_docs - 1].text);
	p.docs[p.n_docs - 1].text = xstrdup("Rättad bilaga: ny text.\n");
	p.docs[p.n_docs - 1].text_len = strlen(p.docs[p.n_docs - 1].text);
	free(put_packet(s, &p));
	now = check_counts(s, mid, "corrected packet");
	ck_assert_int_ge(now, 1);

	/* An attachment to an item read through is unread. */
	{
		struct packet_doc d = { 0 };
		char *doc_id = NULL, *err = NULL;
		static const char slide[] = "Bildspel\n\nEn ny bilaga om tandvård.\n";

		ck_assert_int_eq(import_parse_attachment(slide, sizeof slide - 1, "bilaga.txt", &d,
		    &err), STATUS_OK);
		ck_assert_int_eq(store_attach_document(s, mid2, p.items[1].number, &d, &doc_id),
		    STATUS_OK);
		ck_assert_int_eq(check_counts(s, mid2, "attached"), 1);
		free(doc_id);
		packet_doc_free(&d);
	}
	free_ids(ids, n);
	free(mid);
	free(mid2);
	packet_free(&p);
	packet_free(&other);
	close_checked(&s);
}
END_TEST

static Suite *
unread_suite(void)
{
	Suite *su = suite_create("unread");
	TCase *tc = tcase_create("unread");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_unread_follows_reading);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	int failed;

	seed_bytes = tu_read_file(tu_seed("000_064591761fb2138b.txt"), &seed_len);
	if (seed_bytes == NULL) {
		fprintf(stderr, "FAIL: the seed cannot be read\n");
		return 1;
	}
	failed = tu_run_suite(unread_suite(), CK_NORMAL);
	free(seed_bytes);
	return failed ? 1 : 0;
}
