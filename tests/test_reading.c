/*
 * The reading model (store/reading): excerpts of the seed with the exact
 * lines they must come out as (tests/reading_cases.h), and whole-
 * document properties of the seed's documents as the import library
 * makes them: no lone page numbers, no running heads in the text, every
 * grant-table row with its name and amounts on one row, every footnote
 * number attached to its note, one block per slide with its title.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "import.h"
#include "reading.h"
#include "xmalloc.h"

#include "reading_cases.h"

#define NROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define SEED "000_064591761fb2138b.txt"
#define DECK "001_0a8010a3815bf54a.txt"

/* The view as text: one line per display line, its kind as the first character. Caller frees. */
static char *
dump(const struct reading_view *v)
{
	size_t len = 0;
	char *out;

	for (size_t k = 0; k < v->nlines; k++)
		len += strlen(v->lines[k].text) + 3;
	out = xmalloc(len + 1);
	out[0] = '\0';
	for (size_t k = 0; k < v->nlines; k++) {
		unsigned f = v->lines[k].flags;
		char kind = f & READING_LINE_HEADING ? 'H' : f & READING_LINE_TABLE ? 'T' : f & READING_LINE_NOTE ? 'N' : ' ';
		size_t at = strlen(out);
		out[at] = kind;
		out[at + 1] = '|';
		strcpy(out + at + 2, v->lines[k].text);
		strcat(out, "\n");
	}
	return out;
}

START_TEST(test_excerpt)
{
	const struct excerpt *e = &excerpts[_i];
	struct doc_layout *o = reading_parse(e->text, strlen(e->text), NULL);
	struct reading_view *v = reading_render(o, e->width, READING_SHOW_PAGES);
	char *got = dump(v);

	/* Report the first line that differs (Check's messages are short). */
	const char *g = got, *w = e->lines;
	int line = 1;
	while (*g && *g == *w) {
		line += *g == '\n';
		g++, w++;
	}
	if (*g != *w) {
		while (g > got && g[-1] != '\n')
			g--, w--;
		ck_abort_msg("%s at width %d, line %d:\n got: %.*s\nwant: %.*s", e->name, e->width, line,
		    (int)strcspn(g, "\n"), g, (int)strcspn(w, "\n"), w);
	}
	free(got);
	reading_view_free(&v);
	reading_free(&o);
}
END_TEST

/* A page kept as a position: the SOU's page 137 (the packet's 348) is where its text starts. */
START_TEST(test_page_positions)
{
	const struct excerpt *e = &excerpts[1];
	struct doc_layout *o = reading_parse(e->text, strlen(e->text), NULL);
	struct reading_view *v = reading_render(o, e->width, 0);
	size_t l137 = reading_view_page_line(v, 137), l348 = reading_view_page_line(v, 348);

	ck_assert_uint_eq(v->npages, 1);
	ck_assert_uint_ne(l137, READING_NONE);
	ck_assert_uint_eq(l137, l348);
	ck_assert_msg(strncmp(v->lines[l137].text, "nationella strategier", 21) == 0 ||
	    strstr(v->lines[l137].text, "och om") != NULL, "page 137 starts at: %s", v->lines[l137].text);
	ck_assert_uint_eq(reading_view_page_line(v, 999), READING_NONE);
	reading_view_free(&v);
	reading_free(&o);
}
END_TEST

/* Source offsets: every display line's offset lies in its block's source range and holds its first word. */
START_TEST(test_offsets)
{
	const struct excerpt *e = &excerpts[1];
	struct doc_layout *o = reading_parse(e->text, strlen(e->text), NULL);
	struct reading_view *v = reading_render(o, 50, 0);
	const char *hit = strstr(e->text, "dessa behöver");

	for (size_t k = 0; k < v->nlines; k++) {
		const struct reading_line *l = &v->lines[k];
		if (l->block == READING_NONE || o->blocks[l->block].kind != READING_PARAGRAPH)
			continue;
		size_t w = strcspn(l->text, " ");
		ck_assert_msg(strncmp(e->text + l->src, l->text, w) == 0, "line %zu \"%s\" maps to \"%.20s\"", k, l->text, e->text + l->src);
	}
	/* A search hit after the page break lands on the line that shows it. */
	size_t line = reading_view_line_at(v, (size_t)(hit - e->text));
	ck_assert_ptr_nonnull(strstr(v->lines[line].text, "dessa"));
	reading_view_free(&v);
	reading_free(&o);
}
END_TEST

/* ---- whole documents from the seed, through the import library ---- */

static struct packet pk;
static bool pk_loaded;

static const struct packet *
seed(void)
{
	if (!pk_loaded) {
		char *bytes, *err = NULL;
		size_t len;
		ck_assert_int_eq(import_read_file(tu_seed(SEED), &bytes, &len, &err), STATUS_OK);
		ck_assert_int_eq(import_parse_packet(bytes, len, SEED, &pk, &err), STATUS_OK);
		free(bytes);
		pk_loaded = true;
	}
	return &pk;
}

static const struct packet_doc *
doc_titled(const char *kind, const char *title_start)
{
	const struct packet *p = seed();
	for (size_t d = 0; d < p->n_docs; d++)
		if (strcmp(p->docs[d].kind, kind) == 0 && strncmp(p->docs[d].title, title_start, strlen(title_start)) == 0)
			return &p->docs[d];
	ck_abort_msg("no %s titled %s in the seed", kind, title_start);
	return NULL;
}

/* Running heads as they stand in the seed between pages. */
static const char *const heads[] = {
	"Uppdraget och utredningens arbetsformer SOU 2024:60", "Kontaktperson för anhöriga SOU 2024:60",
	"SOU 2024:60 Barn som är anhöriga", "Nationell anhöriglinje SOU 2024:60",
	"Konsekvenser av förslagen SOU 2024:60", "SOU 2024:60 Bilaga 2", "Folktandvården, Verksamhetsplan",
};

START_TEST(test_no_furniture)
{
	const struct packet *p = seed();
	size_t pages = 0;

	for (size_t d = 0; d < p->n_docs; d++) {
		struct doc_layout *o = reading_parse(p->docs[d].text, p->docs[d].text_len, NULL);
		struct reading_view *v = reading_render(o, 80, 0);
		pages += v->npages;
		for (size_t k = 0; k < v->nlines; k++) {
			const char *t = v->lines[k].text;
			size_t n = strspn(t, "0123456789");
			ck_assert_msg(!(n > 0 && t[n] == '\0' && n <= 3), "%s: line %zu is only a page number: %s", p->docs[d].title, k, t);
		}
		for (size_t b = 0; b < o->nblocks; b++) {
			const char *t = o->blocks[b].text;
			for (int h = 0; t && h < NROWS(heads); h++)
				ck_assert_msg(strstr(t, heads[h]) == NULL, "%s: running head in a %s: %s", p->docs[d].title,
				    reading_kind_name(o->blocks[b].kind), t);
		}
		reading_view_free(&v);
		reading_free(&o);
	}
	/* The SOU's six page breaks, the plans' and the tables' pages are kept as positions. */
	ck_assert_uint_ge(pages, 10);
}
END_TEST

struct grant {
	const char *title;
	size_t orgs;		/* "26 föreningar", "35 föreningar" */
	const char *name, *a1, *a2, *a3;	/* one row to check cell by cell */
};

static const struct grant grants[] = {
	{ "Sammanställning: Bidrag till länsorganisationer med folkhälsomål", 26,
	    "Föreningen Fontänhus Vätterbygden*", "0", "500 000", "0" },
	{ "Sammanställning: Bidrag till länsorganisationer inom funktionsrättsområdet", 35,
	    "Astma- allergiföreningen i Jönköpings län", "80 000", "99 000", "90 000" },
};

START_TEST(test_grant_tables)
{
	const struct grant *g = &grants[_i];
	const struct packet_doc *doc = doc_titled("bilaga", g->title);
	struct doc_layout *o = reading_parse(doc->text, doc->text_len, NULL);
	size_t rows = 0;
	bool found = false;

	for (size_t b = 0; b < o->nblocks; b++) {
		const struct reading_block *t = &o->blocks[b];
		if (t->kind != READING_TABLE || t->amount_cols != 3)
			continue;
		for (size_t r = t->header_rows; r < t->nrows; r++) {
			char **c = t->cells + r * t->ncols;
			if (strstr(c[0], "föreningar") && !strchr(c[0], '*') && c[0][0] >= '0' && c[0][0] <= '9')
				continue;	/* the total */
			ck_assert_msg(c[0][0] != '\0', "%s: a row without a name: %s %s %s", g->title, c[1], c[2], c[3]);
			ck_assert_msg(c[3][0] != '\0', "%s: %s has no proposed amount", g->title, c[0]);
			ck_assert_msg(strspn(c[3], "0123456789 ") == strlen(c[3]), "%s: %s: amount %s", g->title, c[0], c[3]);
			rows++;
			if (strcmp(c[0], g->name) == 0) {
				ck_assert_str_eq(c[1], g->a1);
				ck_assert_str_eq(c[2], g->a2);
				ck_assert_str_eq(c[3], g->a3);
				found = true;
			}
		}
	}
	ck_assert_msg(rows == g->orgs, "%s: %zu rows, the table says %zu organisations", g->title, rows, g->orgs);
	ck_assert_msg(found, "%s: no row for %s", g->title, g->name);

	/* Laid out: the name and its amounts on one display line. */
	struct reading_view *v = reading_render(o, 80, 0);
	bool line = false;
	for (size_t k = 0; k < v->nlines; k++)
		if (strncmp(v->lines[k].text, g->name, strlen(g->name)) == 0 && strstr(v->lines[k].text, g->a2))
			line = true;
	ck_assert_msg(line, "%s: no display line with %s and %s", g->title, g->name, g->a2);
	reading_view_free(&v);
	reading_free(&o);
}
END_TEST

/* Does a block show s in its text or one of its kept lines? */
static bool
shows(const struct reading_block *b, const char *s)
{
	if (b->text && strstr(b->text, s))
		return true;
	for (size_t k = 0; k < b->nlines; k++)
		if (strstr(b->lines[k], s))
			return true;
	return false;
}

START_TEST(test_footnotes_attached)
{
	const struct packet_doc *doc = doc_titled("remiss", "Stärkt stöd till anhöriga");
	struct doc_layout *o = reading_parse(doc->text, doc->text_len, NULL);
	size_t notes = 0, refs = 0;

	for (size_t b = 0; b < o->nblocks; b++) {
		const struct reading_block *x = &o->blocks[b];
		char want[16];
		if (x->kind == READING_NOTE) {
			notes++;
			ck_assert_msg(x->owner != READING_NONE, "note %s \"%.40s\" has no reference", x->label, x->text);
			snprintf(want, sizeof want, "[%s]", x->label);
			ck_assert_msg(shows(&o->blocks[x->owner], want), "note %s: its block does not show %s", x->label, want);
			continue;
		}
		/* Every [N] shown in the text or kept lines has its note, owned by this block. */
		for (size_t ln = 0; ln <= x->nlines; ln++)
		for (const char *s = ln == 0 ? x->text : x->lines[ln - 1]; s && (s = strchr(s, '[')) != NULL; s++) {
			size_t n = strspn(s + 1, "0123456789");
			if (n == 0 || s[n + 1] != ']')
				continue;
			/* "[12]" written so in the source (a list in an appendix) is no reference found. */
			if (ln == 0) {
				size_t so = reading_text_to_src(x, (size_t)(s + 1 - x->text));
				if (so > 0 && doc->text[so - 1] == '[')
					continue;
			}
			refs++;
			bool has = false;
			for (size_t m = 0; m < o->nblocks && !has; m++)
				has = o->blocks[m].kind == READING_NOTE && o->blocks[m].owner == b &&
				    strlen(o->blocks[m].label) == n && strncmp(o->blocks[m].label, s + 1, n) == 0;
			ck_assert_msg(has, "reference %.*s in \"%.60s\" has no note", (int)n, s + 1, x->text);
		}
	}
	ck_assert_uint_ge(notes, 90);	/* 98 found; extraction lost some notes of the SOU */
	ck_assert_uint_eq(notes, refs);
	/* The ones the issue names. */
	bool demens = false, lydelse = false;
	for (size_t b = 0; b < o->nblocks; b++) {
		const char *t = o->blocks[b].text;
		demens |= t && strstr(t, "demenssjukdom[19]") != NULL;
		lydelse |= shows(&o->blocks[b], "7 §[1]") || (o->blocks[b].kind == READING_HEADING && o->blocks[b].label && strcmp(o->blocks[b].label, "7 §") == 0 &&
		    t && strcmp(t, "[1]") == 0);
	}
	ck_assert(demens);
	ck_assert(lydelse);
	reading_free(&o);
}
END_TEST

static const char *const slide_titles[] = {
	"Kort om utredningens uppdrag (direktiv 2023:77)",
	"Kort om utredningen och vissa utgångspunkter",
	"Utredningens arbete – kunskapsinhämtning och analys",
	"Del 1 – Stöd till vuxna anhöriga och behovet av kontaktperson för anhöriga",
	"Del 1 - Utredningens förslag och bedömningar",
	"Del 1 - Utredningens förslag och bedömningar",
	"Del 2 – Barn som är anhöriga",
	"Del 2 – Barn som är anhöriga",
	"Del 2 – Utredningens förslag och bedömningar",
	"Del 3 – En nationell stödlinje för anhöriga?",
	"Del 3 - Utredningens förslag",
	"Konsekvenser av förslagen",
	"Betänkandet finns att läsa på regeringens webbplats",
	"Kunskapsstöd från Socialstyrelsen – Anhöriga",
};

START_TEST(test_deck)
{
	char *bytes, *err = NULL;
	size_t len;
	struct packet_doc doc;

	ck_assert_int_eq(import_read_file(tu_seed(DECK), &bytes, &len, &err), STATUS_OK);
	ck_assert_int_eq(import_parse_attachment(bytes, len, DECK, &doc, &err), STATUS_OK);
	struct doc_layout *o = reading_parse(doc.text, doc.text_len, NULL);
	ck_assert(o->deck);
	ck_assert_uint_eq(o->nblocks, NROWS(slide_titles));
	for (size_t b = 0; b < o->nblocks; b++) {
		ck_assert_int_eq(o->blocks[b].kind, READING_SLIDE);
		ck_assert_str_eq(o->blocks[b].text, slide_titles[b]);
		ck_assert_uint_ge(o->blocks[b].nlines, 1);
	}
	struct reading_view *v = reading_render(o, 80, 0);
	ck_assert_uint_eq(v->nheadings, NROWS(slide_titles));
	reading_view_free(&v);
	reading_free(&o);
	/* The raw file too (titles begin with a space there). */
	o = reading_parse(bytes, len, NULL);
	ck_assert_uint_eq(o->nblocks, NROWS(slide_titles));
	reading_free(&o);
	packet_doc_free(&doc);
	free(bytes);
}
END_TEST

/* The contents: the SOU's numbered headings, in order, at their levels. */
START_TEST(test_headings)
{
	const struct packet_doc *doc = doc_titled("remiss", "Stärkt stöd till anhöriga");
	struct doc_layout *o = reading_parse(doc->text, doc->text_len, NULL);
	struct reading_view *v = reading_render(o, 80, 0);
	static const struct { int level; const char *label; const char *title; } want[] = {
		{ 2, "1.3", "Förslag till lag om ändring i hälso- och sjukvårdslagen (2017:30)" },
		{ 1, "2", "Uppdraget och utredningens arbetsformer" },
		{ 2, "2.1", "Utredningsuppdraget" },
		{ 3, "3.3.1", "Befintliga funktioner eller insatser med vägledande, samordnande och stödjande syfte i vård och omsorg" },
	};
	size_t from = 0;
	for (int w = 0; w < NROWS(want); w++) {
		size_t k = from;
		while (k < v->nheadings && !(v->headings[k].label && strcmp(v->headings[k].label, want[w].label) == 0))
			k++;
		ck_assert_msg(k < v->nheadings, "no heading %s after the one before", want[w].label);
		ck_assert_int_eq(v->headings[k].level, want[w].level);
		ck_assert_str_eq(v->headings[k].title, want[w].title);
		ck_assert(v->lines[v->headings[k].line].flags & READING_LINE_HEADING);
		from = k + 1;
	}
	reading_view_free(&v);
	reading_free(&o);
}
END_TEST

/*
 * Laid out lazily, as the pager does (issue 17): the SOU's first screen
 * lays out a handful of its blocks, not all; and every document of the
 * seed comes out the same laid out lazily, screen by screen or by a
 * position, as laid out whole.
 */
START_TEST(test_lazy)
{
	const struct packet *p = seed();
	const struct packet_doc *sou = NULL;
	static const int widths[] = { 98, 37 };

	for (size_t d = 0; d < p->n_docs; d++) {
		struct doc_layout *o = reading_parse(p->docs[d].text, p->docs[d].text_len, NULL);

		if (sou == NULL || p->docs[d].text_len > sou->text_len)
			sou = &p->docs[d];
		for (int w = 0; w < NROWS(widths); w++) {
			struct reading_view *full = reading_render(o, widths[w], 0);
			struct doc_layout *lo = reading_parse_start(p->docs[d].text, p->docs[d].text_len, NULL);
			struct reading_view *v = reading_render_start(lo, widths[w], 0);
			size_t mid = p->docs[d].text_len / 2;

			/* A screen at a time, 28 rows. */
			for (size_t n = 28; !reading_view_extend(v, n); n += 28)
				ck_assert_uint_gt(v->nlines, n);
			ck_assert_uint_eq(v->nlines, full->nlines);
			ck_assert_uint_eq(v->npages, full->npages);
			ck_assert_uint_eq(v->nheadings, full->nheadings);
			for (size_t k = 0; k < v->nlines; k++) {
				ck_assert_str_eq(v->lines[k].text, full->lines[k].text);
				ck_assert_uint_eq(v->lines[k].src, full->lines[k].src);
				ck_assert_uint_eq(v->lines[k].flags, full->lines[k].flags);
			}
			ck_assert_uint_eq(lo->nblocks, o->nblocks);
			for (size_t b = 0; b < o->nblocks; b++) {
				ck_assert_uint_eq(lo->blocks[b].src_off, o->blocks[b].src_off);
				ck_assert_uint_eq(lo->blocks[b].owner, o->blocks[b].owner);
			}
			reading_view_free(&v);
			reading_free(&lo);
			/* A remembered position half-way: the same line as laid out whole. */
			lo = reading_parse_start(p->docs[d].text, p->docs[d].text_len, NULL);
			v = reading_render_start(lo, widths[w], 0);
			reading_view_extend_src(v, mid);
			ck_assert_uint_eq(reading_view_line_at(v, mid), reading_view_line_at(full, mid));
			reading_view_free(&v);
			reading_free(&lo);
			reading_view_free(&full);
		}
		reading_free(&o);
	}
	/* The SOU: one screen of a 98-column pager parses and lays out a few of its blocks. */
	ck_assert_ptr_nonnull(sou);
	struct doc_layout *o = reading_parse_start(sou->text, sou->text_len, NULL);
	struct reading_view *v = reading_render_start(o, 98, 0);
	reading_view_extend(v, 28);
	ck_assert_ptr_nonnull(v->more);
	ck_assert_ptr_nonnull(o->more);
	ck_assert_msg(o->nblocks < 60, "the first screen parsed %zu blocks", o->nblocks);
	ck_assert_msg(reading_view_blocks_done(v) < 40, "the first screen laid out %zu blocks",
	    reading_view_blocks_done(v));
	reading_view_extend(v, SIZE_MAX);
	ck_assert_ptr_null(o->more);
	ck_assert_uint_gt(o->nblocks, 1000);
	ck_assert_ptr_null(v->more);
	ck_assert_uint_eq(reading_view_blocks_done(v), SIZE_MAX);
	reading_view_free(&v);
	reading_free(&o);
}
END_TEST

static Suite *
reading_suite(void)
{
	Suite *s = suite_create("reading");
	TCase *tc = tcase_create("excerpts");
	tcase_add_loop_test(tc, test_excerpt, 0, NROWS(excerpts));
	tcase_add_test(tc, test_page_positions);
	tcase_add_test(tc, test_offsets);
	suite_add_tcase(s, tc);
	tc = tcase_create("seed");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_no_furniture);
	tcase_add_loop_test(tc, test_grant_tables, 0, NROWS(grants));
	tcase_add_test(tc, test_footnotes_attached);
	tcase_add_test(tc, test_deck);
	tcase_add_test(tc, test_headings);
	tcase_add_test(tc, test_lazy);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(reading_suite());
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (pk_loaded)
		packet_free(&pk);
	return failed ? 1 : 0;
}
