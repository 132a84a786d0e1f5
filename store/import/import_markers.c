/*
 * Where a document starts: a table of the markers each kind of document
 * always prints, walked in order for every line of the packet. A packet
 * printed another way is a new row here (and a row in
 * tests/test_import_units.c), not a new branch in the scan.
 *
 * A row matches a line by its pattern fields (the line itself, and a
 * confirming line a few lines on) and, where a pattern cannot say it, a
 * small test function. A matching line that only repeats the current
 * document's header (the TJÄNSTESKRIVELSE header on page 2, "DAGORDNING
 * 2(2)") is either dropped from the text or kept as text of the document
 * we are in; otherwise the row starts a document of its kind, which may
 * take its title from the Beslutsunderlag that listed it.
 *
 * The order of the rows matters: the first row that matches wins.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "import_split.h"

/* Alternatives a pattern field may list. */
#define MARKER_ALTS 3
/* The region's diary prefix on a tjänsteskrivelse's date line ("2024-11-19 RJL 2024/3942"). */
#define DIARY_PREFIX "RJL"
/* A header's date line is short; a longer dated line is body text. */
#define DATELINE_MAX 40
/* How far after a tjänsteskrivelse's header its "Förslag till beslut" may come. */
#define MEMO_PROPOSAL_WITHIN 14
/* A letterhead's "Orgnr" is within this many lines after its "Telefon:". */
#define LETTERHEAD_ORGNR_WITHIN 3
/* A compilation's first listed title is within this many lines after "Avsändare". */
#define COMPILATION_TITLE_WITHIN 3
/* A listed title may run over this many lines. */
#define TITLE_LINES 4
/* A repeated page header: up to this many lines, compared with the document's first lines. */
#define REPEAT_LINES 5
#define REPEAT_FIRST_LINES 4

enum line_how {
	LINE_ANY,	/* no pattern on the line itself */
	LINE_EQ,	/* the whole line */
	LINE_STARTS,	/* the line's start */
	LINE_DATED,	/* a short line starting with a date and holding the text */
};

enum on_repeat {
	REPEAT_DROP,	/* a page header: left out of the document's text */
	REPEAT_TEXT,	/* more of the document we are in: no new document, stop looking */
};

enum front_how {
	FRONT_NO,
	FRONT_YES,		/* front matter: always the meeting's */
	FRONT_BEFORE_ITEMS,	/* the meeting's when no item has started yet */
};

enum entry_how {
	ENTRY_NONE,
	ENTRY_OF_KIND,		/* the current item's listed entry of kind entry_kind */
	ENTRY_TITLE_BELOW,	/* a listed title a line or two after the marker's next line */
	ENTRY_MAIL_SUBJECT,	/* a listed title in the e-mail's subject */
	ENTRY_FOUND,		/* the listed title the test found at the line */
};

enum item_how {
	ITEM_CURRENT,	/* the item of the document before */
	ITEM_PLAN,	/* the item whose title names a verksamhetsplan */
};

/* What a row's test found, for its repeat check and its start. */
struct marker_hit {
	size_t fb;		/* a tjänsteskrivelse's "Förslag till beslut" line */
	int para;		/* the number of a "§ N" line */
	struct imp_entry *entry;	/* a listed title starting at the line */
};

struct marker {
	const char *name;	/* says what the row is for */
	/* The test: every part given must hold. */
	enum line_how how;
	const char *line[MARKER_ALTS];	/* the line is (how) one of these */
	bool (*test)(const struct split *sp, size_t i, struct marker_hit *h);
	/* A matching line that repeats the current document's header. */
	bool (*repeats)(const struct split *sp, size_t i, const struct marker_hit *h);
	enum on_repeat on_repeat;
	/* Confirming a new document: a line within `within` lines starts with one of these. */
	const char *ahead[MARKER_ALTS];
	size_t within;
	/* The document it starts; NULL: the row only catches repeated headers. */
	const char *kind;
	enum front_how front;
	const char *title;	/* a fixed title, or NULL */
	void (*fill)(struct split *sp, struct seg *s, size_t i, const struct marker_hit *h);
	enum entry_how entry;
	const char *entry_kind;	/* for ENTRY_OF_KIND */
	bool keep_kind;		/* the entry gives the title only */
	enum item_how item;
};

static bool
line_is(const struct imp_line *l, enum line_how how, const char *text)
{
	switch (how) {
	case LINE_EQ:
		return imp_eq(l, text);
	case LINE_STARTS:
		return imp_starts(l, text);
	case LINE_DATED:
		return l->len < DATELINE_MAX && imp_is_date_at(l->s, l->len) &&
		    strstr(l->s, text) != NULL;
	case LINE_ANY:
		break;
	}
	return true;
}

/* The lines a tjänsteskrivelse's header opens with. */
static const struct {
	enum line_how how;
	const char *text;
	bool page_header;	/* printed again at the top of its later pages */
} memo_heads[] = {
	{ LINE_STARTS, "TJÄNSTESKRIVELSE", true },
	{ LINE_DATED, DIARY_PREFIX, true },			/* "2024-11-19 RJL 2024/3942" */
	{ LINE_EQ, "Regionledningskontoret", false },		/* the office's name */
};

static bool
memo_head(const struct imp_line *l, bool page_header_only)
{
	for (size_t k = 0; k < sizeof memo_heads / sizeof memo_heads[0]; k++)
		if ((memo_heads[k].page_header || !page_header_only) &&
		    line_is(l, memo_heads[k].how, memo_heads[k].text))
			return true;
	return false;
}

/* Mark line i and the next lines repeating the current document's first lines as skipped. */
static void
drop_repeat(struct split *sp, size_t i)
{
	const struct imp_text *t = sp->t;
	size_t first = sp->v[sp->n - 1].start;

	sp->skip[i] = true;
	for (size_t k = imp_next(t, i + 1), n = 0; k < t->n && n < REPEAT_LINES;
	    k = imp_next(t, k + 1), n++) {
		bool same = false;
		for (size_t h = first, m = 0; h < t->n && m < REPEAT_FIRST_LINES;
		    h = imp_next(t, h + 1), m++)
			if (strcmp(t->v[h].s, t->v[k].s) == 0)
				same = true;
		if (!same && !line_is(&t->v[k], LINE_DATED, DIARY_PREFIX))
			break;
		sp->skip[k] = true;
	}
}

/* The next few lines from i joined, to compare with a listed title. Caller frees. */
static char *
lines_from(const struct imp_text *t, size_t i, size_t count)
{
	return imp_join(t, i, imp_next_n(t, i, count));
}

static const struct seg *
cur_seg(const struct split *sp)
{
	return &sp->v[sp->n - 1];
}

/* ---- tests: what a pattern cannot say ---- */

static bool
agenda_heading(const struct split *sp, size_t i, struct marker_hit *h)
{
	(void)h;
	return imp_agenda_heading(&sp->t->v[i]);
}

/* "Handling ... Dnr" over a line about the "handlingar" it lists. */
static bool
dnr_over_papers(const struct split *sp, size_t i, struct marker_hit *h)
{
	const struct imp_text *t = sp->t;
	size_t nx = imp_next(t, i + 1);

	(void)h;
	return strstr(t->v[i].s, "Dnr") != NULL && nx < t->n &&
	    strstr(t->v[nx].s, "handlingar") != NULL;
}

/* The minutes' header names the Protokollsutdrag on its line or a few lines on. */
#define EXTRACT_WITHIN 15
static bool
names_extract(const struct split *sp, size_t i, struct marker_hit *h)
{
	(void)h;
	return strstr(sp->t->v[i].s, "Protokollsutdrag") != NULL ||
	    imp_find_ahead(sp->t, i, EXTRACT_WITHIN, "Protokollsutdrag") < sp->t->n;
}

static bool
para_line(const struct split *sp, size_t i, struct marker_hit *h)
{
	h->para = imp_para_number(&sp->t->v[i]);
	return h->para > 0;
}

/* A tjänsteskrivelse's header line with its "Förslag till beslut" close ahead. */
static bool
memo_header(const struct split *sp, size_t i, struct marker_hit *h)
{
	const struct imp_text *t = sp->t;

	if (!memo_head(&t->v[i], false))
		return false;
	h->fb = imp_find_ahead(t, i, MEMO_PROPOSAL_WITHIN, "Förslag till beslut");
	return h->fb < t->n && imp_eq_word(&t->v[h->fb], "Förslag till beslut");
}

static bool
memo_page_header(const struct split *sp, size_t i, struct marker_hit *h)
{
	(void)h;
	return memo_head(&sp->t->v[i], true);
}

static bool
next_is_sender(const struct split *sp, size_t i, struct marker_hit *h)
{
	size_t nx = imp_next(sp->t, i + 1);

	(void)h;
	return nx < sp->t->n && imp_eq(&sp->t->v[nx], "Avsändare");
}

/* Telefon: with Organisationsuppgifter on its line or an Orgnr just below. */
static bool
letterhead(const struct split *sp, size_t i, struct marker_hit *h)
{
	const struct imp_text *t = sp->t;
	const struct imp_line *l = &t->v[i];

	(void)h;
	if (strstr(l->s, "Telefon:") == NULL && strstr(l->s, "Tel:") == NULL)
		return false;
	if (strstr(l->s, "Organisationsuppgifter") != NULL)
		return true;
	for (size_t k = imp_next(t, i + 1), n = 0; k < t->n && n < LETTERHEAD_ORGNR_WITHIN;
	    k = imp_next(t, k + 1), n++)
		if (strstr(t->v[k].s, "Orgnr") != NULL || strstr(t->v[k].s, "Org.nr") != NULL)
			return true;
	return false;
}

/* A date alone on its line over the ministry's name: a missiv. */
static bool
ministry_letter(const struct split *sp, size_t i, struct marker_hit *h)
{
	const struct imp_text *t = sp->t;
	const struct imp_line *l = &t->v[i];
	size_t nx = imp_next(t, i + 1);

	(void)h;
	return l->len == sizeof "YYYY-MM-DD" - 1 && imp_is_date_at(l->s, l->len) && nx < t->n &&
	    imp_ends(&t->v[nx], "departementet");
}

/* Just after a Beslutsunderlag: a line starting one of its listed titles. */
static bool
listed_title(const struct split *sp, size_t i, struct marker_hit *h)
{
	const struct imp_line *l = &sp->t->v[i];
	char *b;

	if (sp->window == 0 || !sp->with_items || imp_bullet_at(l->s, l->len) != 0)
		return false;
	b = lines_from(sp->t, i, TITLE_LINES);
	h->entry = split_entry_by_title(sp, b, true);
	free(b);
	return h->entry != NULL;
}

/* ---- repeats: the line belongs to the document we are in ---- */

static bool
in_agenda(const struct split *sp, size_t i, const struct marker_hit *h)
{
	(void)i, (void)h;
	return strcmp(cur_seg(sp)->kind, "dagordning") == 0;
}

static bool
in_memo(const struct split *sp, size_t i, const struct marker_hit *h)
{
	(void)i, (void)h;
	return strcmp(cur_seg(sp)->kind, "tjänsteskrivelse") == 0;
}

static bool
same_para(const struct split *sp, size_t i, const struct marker_hit *h)
{
	(void)i;
	return strcmp(cur_seg(sp)->kind, "protokollsutdrag") == 0 && cur_seg(sp)->para == h->para;
}

static bool
same_memo(const struct split *sp, size_t i, const struct marker_hit *h)
{
	return in_memo(sp, i, h) && cur_seg(sp)->fb == h->fb;
}

/* The current document opened with this very line. */
static bool
same_first_line(const struct split *sp, size_t i, const struct marker_hit *h)
{
	const struct seg *cur = cur_seg(sp);

	(void)h;
	return cur->start < sp->t->n && strcmp(sp->t->v[cur->start].s, sp->t->v[i].s) == 0;
}

/* ---- fills: documents whose header says more ---- */

static void
fill_para(struct split *sp, struct seg *s, size_t i, const struct marker_hit *h)
{
	(void)h;
	split_fill_para(sp, s, i);
}

static void
fill_memo(struct split *sp, struct seg *s, size_t i, const struct marker_hit *h)
{
	split_fill_memo(sp, s, i, h->fb);
}

/* A diary print-out says who printed it, or when, under its heading. */
#define DIARY_PRINTED { "Utskriven av", "Utskriftsdatum" }
#define DIARY_WITHIN 12

static const struct marker markers[] = {
	{ .name = "agenda heading", .test = agenda_heading,
	  .repeats = in_agenda, .on_repeat = REPEAT_DROP,
	  .kind = "dagordning", .front = FRONT_YES },
	{ .name = "diary print-out of delegated decisions",
	  .how = LINE_EQ, .line = { "Delegeringsbeslut" },
	  .ahead = DIARY_PRINTED, .within = DIARY_WITHIN,
	  .kind = "delegeringsbeslut", .front = FRONT_BEFORE_ITEMS },
	{ .name = "diary print-out of papers",
	  .how = LINE_EQ, .line = { "Handlingar", "Ärenden" },
	  .ahead = DIARY_PRINTED, .within = DIARY_WITHIN,
	  .kind = "förteckning", .front = FRONT_BEFORE_ITEMS },
	{ .name = "list of reported papers",
	  .how = LINE_STARTS, .line = { "Handling " }, .test = dnr_over_papers,
	  .kind = "förteckning", .front = FRONT_BEFORE_ITEMS, .title = "Anmälda handlingar" },
	{ .name = "minutes header",
	  .how = LINE_STARTS, .line = { "PROTOKOLL" }, .test = names_extract,
	  .kind = "protokollsutdrag", .fill = fill_para },
	{ .name = "paragraph with its decision", .test = para_line,
	  .repeats = same_para, .on_repeat = REPEAT_TEXT,
	  .ahead = { "Beslut" }, .within = 8,
	  .kind = "protokollsutdrag", .fill = fill_para },
	{ .name = "tjänsteskrivelse header", .test = memo_header,
	  .repeats = same_memo, .on_repeat = REPEAT_TEXT,
	  .kind = "tjänsteskrivelse", .fill = fill_memo },
	{ .name = "tjänsteskrivelse page header", .test = memo_page_header,
	  .repeats = in_memo, .on_repeat = REPEAT_DROP },
	{ .name = "compilation by office",
	  .how = LINE_EQ, .line = { "Förvaltningsnamn" }, .test = next_is_sender,
	  .kind = "bilaga", .entry = ENTRY_TITLE_BELOW },
	{ .name = "letterhead", .test = letterhead,
	  .repeats = same_first_line, .on_repeat = REPEAT_DROP,
	  .kind = "skrivelse", .entry = ENTRY_OF_KIND, .entry_kind = "yttrande" },
	{ .name = "SOU to the minister",
	  .how = LINE_STARTS, .line = { "Till statsrådet" },
	  .kind = "remiss", .entry = ENTRY_OF_KIND, .entry_kind = "remiss" },
	{ .name = "ministry's missiv", .test = ministry_letter,
	  .kind = "missiv", .entry = ENTRY_OF_KIND, .entry_kind = "missiv" },
	{ .name = "e-mail header",
	  .how = LINE_STARTS, .line = { "From:" }, .ahead = { "Sent:" }, .within = 2,
	  .kind = "e-post", .entry = ENTRY_MAIL_SUBJECT, .keep_kind = true },
	{ .name = "e-mail header in Swedish",
	  .how = LINE_STARTS, .line = { "Från:" }, .ahead = { "Skickat:" }, .within = 2,
	  .kind = "e-post", .entry = ENTRY_MAIL_SUBJECT, .keep_kind = true },
	{ .name = "dated question",
	  .how = LINE_STARTS, .line = { "Datum:" }, .ahead = { "Fråga" }, .within = 3,
	  .kind = "skrivelse" },
	{ .name = "questions from someone",
	  .how = LINE_STARTS, .line = { "Frågor från ", "Fråga från " },
	  .kind = "skrivelse" },
	{ .name = "verksamhetsplan",
	  .how = LINE_EQ, .line = { "Inledning" },
	  .ahead = { "Perspektiv och strategiska mål", "Strategiska mål" }, .within = 80,
	  .kind = "verksamhetsplan", .item = ITEM_PLAN },
	{ .name = "listed title", .test = listed_title,
	  .kind = "bilaga", .entry = ENTRY_FOUND },
};

/* The line and test parts of row m. */
static bool
marker_test(const struct marker *m, const struct split *sp, size_t i, struct marker_hit *h)
{
	bool line_ok = m->how == LINE_ANY;

	for (size_t k = 0; k < MARKER_ALTS && m->line[k] && !line_ok; k++)
		line_ok = line_is(&sp->t->v[i], m->how, m->line[k]);
	return line_ok && (m->test == NULL || m->test(sp, i, h));
}

/* The confirming line ahead, when row m asks for one. */
static bool
marker_ahead(const struct marker *m, const struct imp_text *t, size_t i)
{
	if (m->ahead[0] == NULL)
		return true;
	for (size_t k = 0; k < MARKER_ALTS && m->ahead[k]; k++)
		if (imp_find_ahead(t, i, m->within, m->ahead[k]) < t->n)
			return true;
	return false;
}

/* The listed entry that names the new document s, or NULL. */
static struct imp_entry *
marker_entry(const struct marker *m, struct split *sp, size_t i, const struct marker_hit *h)
{
	const struct imp_text *t = sp->t;
	struct imp_entry *e = NULL;

	switch (m->entry) {
	case ENTRY_OF_KIND:
		return split_entry_by_kind(sp, m->entry_kind);
	case ENTRY_TITLE_BELOW:
		for (size_t k = imp_next(t, imp_next(t, i + 1) + 1), n = 0;
		    e == NULL && k < t->n && n < COMPILATION_TITLE_WITHIN;
		    k = imp_next(t, k + 1), n++) {
			char *b = lines_from(t, k, TITLE_LINES);
			e = split_entry_by_title(sp, b, false);
			free(b);
		}
		return e;
	case ENTRY_MAIL_SUBJECT: {
		char *subject = imp_mail_subject(t, i);
		if (subject)
			e = split_entry_by_title(sp, subject, false);
		free(subject);
		return e;
	}
	case ENTRY_FOUND:
		return h->entry;
	case ENTRY_NONE:
		break;
	}
	return NULL;
}

static void
marker_start(const struct marker *m, struct split *sp, size_t i, const struct marker_hit *h)
{
	struct seg *s = split_push(sp, i, m->kind);
	struct imp_entry *e;

	s->front = m->front == FRONT_YES || (m->front == FRONT_BEFORE_ITEMS && sp->cur_item < 0);
	if (m->title)
		s->title = xstrdup(m->title);
	if (m->fill)
		m->fill(sp, s, i, h);
	if (!sp->with_items)
		return;
	if ((e = marker_entry(m, sp, i, h)) != NULL) {
		split_take_entry(s, e);
		if (m->keep_kind)
			s->kind = m->kind;
	}
	if (m->item == ITEM_PLAN)
		split_set_item(sp, s, split_plan_item(sp));
}

bool
split_check_marker(struct split *sp, size_t i)
{
	for (size_t r = 0; r < sizeof markers / sizeof markers[0]; r++) {
		const struct marker *m = &markers[r];
		struct marker_hit h = { 0 };

		if (!marker_test(m, sp, i, &h))
			continue;
		if (m->repeats && m->repeats(sp, i, &h)) {
			if (m->on_repeat == REPEAT_TEXT)
				return false;
			drop_repeat(sp, i);
			return true;
		}
		if (m->kind == NULL || !marker_ahead(m, sp->t, i))
			continue;
		marker_start(m, sp, i, &h);
		return true;
	}
	return false;
}
