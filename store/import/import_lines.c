/*
 * The packet as lines, and the small matchers the parsers share: dates,
 * times, case numbers, bullets, dashes, joining lines (with words
 * hyphenated across a break joined again) and folded title comparison.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "text.h"

static bool
is_space(const char *s, size_t len, size_t *n)
{
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r')) {
		*n = 1;
		return true;
	}
	if (len >= 2 && (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) {
		*n = 2;		/* no-break space, as pdftotext sometimes gives */
		return true;
	}
	return false;
}

void
imp_text_init(struct imp_text *t, char *utf8, size_t len)
{
	size_t cap = 1024, n = 0;
	char *p = utf8, *end = utf8 + len;
	bool page = false;

	t->buf = utf8;
	t->form_feeds = 0;
	t->v = xreallocarray(NULL, cap, sizeof *t->v);
	while (p <= end) {
		char *eol = p;
		char *w = p, *r;
		bool sp = false, ff = false;
		size_t k;

		while (eol < end && *eol != '\n' && *eol != '\f')
			eol++;
		if (eol < end && *eol == '\f')
			ff = true;
		/* Trim and collapse in place: the line only ever shrinks. */
		for (r = p; r < eol;) {
			if (is_space(r, (size_t)(eol - r), &k)) {
				sp = true;
				r += k;
				continue;
			}
			if (sp && w > p)
				*w++ = ' ';
			sp = false;
			*w++ = *r++;
		}
		*w = '\0';
		if (n == cap) {
			cap *= 2;
			t->v = xreallocarray(t->v, cap, sizeof *t->v);
		}
		t->v[n].s = p;
		t->v[n].len = (size_t)(w - p);
		t->v[n].page_start = page;
		t->form_feeds += page;
		n++;
		page = ff;
		if (eol >= end)
			break;
		p = eol + 1;
	}
	t->n = n;
}

void
imp_text_mark_pages(struct imp_text *t, const size_t *lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lines[i] < t->n && !t->v[lines[i]].page_start) {
			t->v[lines[i]].page_start = true;
			t->form_feeds++;
		}
}

void
imp_text_free(struct imp_text *t)
{
	free(t->buf);
	free(t->v);
	memset(t, 0, sizeof *t);
}

int
imp_page_of(const struct imp_text *t, size_t i, size_t *hint_line, int *hint_page)
{
	size_t from = *hint_line;
	int page = *hint_page;

	if (t->form_feeds == 0)
		return 0;
	if (page < 1 || from > i) {
		from = 0;
		page = 1;
	}
	/* The hint's line is counted already (line 0 never starts a page). */
	for (size_t k = from + 1; k <= i && k < t->n; k++)
		page += t->v[k].page_start;
	*hint_line = i;
	*hint_page = page;
	return page;
}

size_t
imp_next(const struct imp_text *t, size_t i)
{
	while (i < t->n && t->v[i].len == 0)
		i++;
	return i;
}

size_t
imp_next_n(const struct imp_text *t, size_t i, size_t n)
{
	while (n-- > 0 && i < t->n)
		i = imp_next(t, i + 1);
	return i;
}

size_t
imp_prev(const struct imp_text *t, size_t i)
{
	while (i-- > 0)
		if (t->v[i].len > 0)
			return i;
	return (size_t)-1;
}

bool
imp_eq(const struct imp_line *l, const char *s)
{
	return strcmp(l->s, s) == 0;
}

bool
imp_starts(const struct imp_line *l, const char *prefix)
{
	return strncmp(l->s, prefix, strlen(prefix)) == 0;
}

bool
imp_ends(const struct imp_line *l, const char *suffix)
{
	size_t n = strlen(suffix);
	return l->len >= n && memcmp(l->s + l->len - n, suffix, n) == 0;
}

bool
imp_eq_word(const struct imp_line *l, const char *s)
{
	size_t len = l->len, n = strlen(s);

	if (len > 0 && (l->s[len - 1] == ':' || l->s[len - 1] == '.'))
		len--;
	return len == n && strncasecmp(l->s, s, n) == 0;
}

size_t
imp_find_ahead(const struct imp_text *t, size_t i, size_t within, const char *prefix)
{
	for (size_t k = 0; k < within; k++) {
		i = imp_next(t, i + 1);
		if (i >= t->n)
			break;
		if (imp_starts(&t->v[i], prefix))
			return i;
	}
	return t->n;
}

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool
imp_is_date_at(const char *s, size_t len)
{
	return len >= 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
	    digits(s + 8, 2) && (len == 10 || s[10] < '0' || s[10] > '9');
}

bool
imp_find_date(const char *s, size_t len, char out[11])
{
	for (size_t i = 0; i + 10 <= len; i++) {
		if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			continue;
		if (imp_is_date_at(s + i, len - i)) {
			memcpy(out, s + i, 10);
			out[10] = '\0';
			return true;
		}
	}
	return false;
}

size_t
imp_time_at(const char *s, size_t len, char out[6])
{
	size_t h = 0;

	while (h < len && h < 2 && s[h] >= '0' && s[h] <= '9')
		h++;
	if (h == 0 || h + 3 > len || (s[h] != '.' && s[h] != ':') || !digits(s + h + 1, 2))
		return 0;
	if (h + 3 < len && s[h + 3] >= '0' && s[h + 3] <= '9')
		return 0;
	if (h == 1) {
		out[0] = '0';
		out[1] = s[0];
	} else {
		out[0] = s[0];
		out[1] = s[1];
	}
	out[2] = '.';
	out[3] = s[h + 1];
	out[4] = s[h + 2];
	out[5] = '\0';
	if ((out[0] - '0') * 10 + (out[1] - '0') > 24 || out[3] > '5')
		return 0;
	return h + 3;
}

bool
imp_case_number(const char *s, size_t len, bool whole, char **norm, char **printed)
{
	for (size_t i = 0; i < len; i++) {
		size_t b = i, k = i, y, num;

		if (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '/' || s[i - 1] == '.'))
			continue;
		if (len - k >= 3 && strncmp(s + k, "RJL", 3) == 0) {
			k += 3;
			while (k < len && s[k] == ' ')
				k++;
		}
		if (k + 4 > len || !digits(s + k, 4))
			continue;
		y = k;
		k += 4;
		while (k < len && s[k] == ' ')
			k++;
		if (k >= len || s[k] != '/')
			continue;
		k++;
		while (k < len && s[k] == ' ')
			k++;
		num = k;
		while (k < len && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k == num || k - num > 6 || (k < len && (s[k] == ':' || s[k] == '/' || s[k] == '-')))
			continue;
		if (whole && (b != 0 || k != len))
			return false;
		if (norm)
			*norm = xasprintf("RJL %.4s/%.*s", s + y, (int)(k - num), s + num);
		if (printed)
			*printed = xstrndup(s + b, k - b);
		return true;
	}
	return false;
}

size_t
imp_dash_at(const char *s, size_t len)
{
	if (len >= 1 && s[0] == '-')
		return 1;
	if (len >= 3 && (unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94))
		return 3;
	return 0;
}

size_t
imp_bullet_at(const char *s, size_t len)
{
	static const char *const bullets[] = { "•", "◦", "▪", "●", "", "·" };
	size_t n = 0;

	for (size_t i = 0; i < sizeof bullets / sizeof bullets[0]; i++) {
		size_t bl = strlen(bullets[i]);
		if (len >= bl && memcmp(s, bullets[i], bl) == 0) {
			n = bl;
			break;
		}
	}
	if (n == 0)
		return 0;
	while (n < len && s[n] == ' ')
		n++;
	return n;
}

/* Does a title line ending like this go on, whatever the next line looks like? */
bool
imp_goes_on(const char *s, size_t len)
{
	static const char *const tails[] = { " i", " och", " för", " med", " om", " till",
	    " av", " på", " som", " är", " en", " ett", " mer", " inom", " vid", " från" };

	if (len == 0)
		return false;
	if (strchr(":,–-", s[len - 1]) != NULL || (len >= 3 && strcmp(s + len - 3, "–") == 0))
		return true;
	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		size_t n = strlen(tails[i]);
		if (len >= n && strcmp(s + len - n, tails[i]) == 0)
			return true;
	}
	return false;
}

/* Is the character before the hyphen at a[alen-1] a letter (not a digit or space)? */
static bool
letter_before(const char *a, size_t alen)
{
	unsigned char c;

	if (alen < 2)
		return false;
	c = (unsigned char)a[alen - 2];
	if (c >= 0x80)
		return true;	/* å ä ö é ... */
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
word_is(const char *b, size_t blen, const char *w)
{
	size_t n = strlen(w);
	return blen >= n && memcmp(b, w, n) == 0 &&
	    (blen == n || b[n] == ' ' || b[n] == ',' || b[n] == '.');
}

int
imp_hyphen_join(const char *a, size_t alen, const char *b, size_t blen)
{
	unsigned char c;

	if (alen == 0 || a[alen - 1] != '-' || blen == 0)
		return 0;
	if (!letter_before(a, alen) && !(alen >= 2 && a[alen - 2] >= '0' && a[alen - 2] <= '9'))
		return 0;
	/*
	 * A suspended compound: "hälso- och sjukvård", "barn-, ungdoms-". After
	 * "samt", "som", "till" only a longer first part counts: "lik-" "som"
	 * is "liksom", "en-" "samt" is "ensamt", but "hälso-" "som" is suspended.
	 */
	if (b[0] == ',' || word_is(b, blen, "och") || word_is(b, blen, "eller") ||
	    word_is(b, blen, "resp.") || word_is(b, blen, "respektive") || word_is(b, blen, "&"))
		return 0;
	if (word_is(b, blen, "samt") || word_is(b, blen, "som") || word_is(b, blen, "till")) {
		size_t w = alen - 1, chars = 0;
		unsigned int cp;

		for (; w > 0 && a[w - 1] != ' '; chars++)
			w -= text_prev_char(a, w, &cp);
		if (chars >= 5)
			return 0;
	}
	{
		/* "EU-" "kommissionen", "e-" "tjänster": a one-letter or upper-case stem keeps its hyphen. */
		size_t w = alen - 1, chars = 0;
		unsigned int cp;
		bool upper = true;

		for (; w > 0 && a[w - 1] != ' ' && a[w - 1] != '('; chars++) {
			w -= text_prev_char(a, w, &cp);
			upper = upper && text_is_upper(cp);
		}
		if (chars == 1 || (upper && chars >= 2))
			return 2;
	}
	c = (unsigned char)b[0];
	if (c >= 'a' && c <= 'z')
		return letter_before(a, alen) ? 1 : 2;
	if (c >= 0xc3 && blen >= 2) {
		/* å ä ö é (lower case) start a continued word; Å Ä Ö É are capitals. */
		unsigned char d = (unsigned char)b[1];
		if (c == 0xc3 && d >= 0xa0)
			return letter_before(a, alen) ? 1 : 2;
		return 2;
	}
	if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 2;	/* "HSLF-" "FS", "2025-" "2028", "e-" "Hälsa" */
	return 0;
}

/* Append line b to buf after a line ending in a hyphen or not. */
static void
join_into(struct buf *out, const char *s, size_t len)
{
	if (out->len > 0) {
		int how = imp_hyphen_join(out->data, out->len, s, len);
		if (how == 1)
			out->len--;
		if (how == 0)
			buf_addc(out, ' ');
	}
	buf_add(out, s, len);
}

char *
imp_join(const struct imp_text *t, size_t from, size_t to)
{
	struct buf out = { 0 };

	for (size_t i = from; i < to && i < t->n; i++)
		if (t->v[i].len > 0)
			join_into(&out, t->v[i].s, t->v[i].len);
	if (out.data == NULL)
		return xstrdup("");
	return buf_detach(&out, NULL);
}

/* Note that line (of the result) begins page, unless the one before is on it already. */
static void
page_begins(struct packet_page_start **starts, size_t *n, int *on, size_t line, int page)
{
	if (starts == NULL || page <= 0 || page == *on)
		return;
	if (*on > 0) {
		*starts = xreallocarray(*starts, *n + 1, sizeof **starts);
		(*starts)[*n].line = line;
		(*starts)[(*n)++].page = page;
	}
	*on = page;	/* the first line's page is the document's own (packet_doc.page) */
}

char *
imp_doc_text(const struct imp_text *t, size_t from, size_t to, const bool *skip, size_t *len,
    int from_page, struct packet_page_start **starts, size_t *n_starts)
{
	struct buf out = { 0 };
	size_t line_start = 0;	/* offset of the last line in out */
	size_t out_line = 0;	/* its line number */
	bool blank = false;
	int page = from_page, on = 0;

	if (starts) {
		*starts = NULL;
		*n_starts = 0;
	}
	for (size_t i = from; i < to && i < t->n; i++) {
		const struct imp_line *l = &t->v[i];
		const char *s = l->s;
		size_t n = l->len;
		int how;

		/* Skipped and blank lines turn pages too (a page head is skipped). */
		if (i > from && page > 0 && l->page_start)
			page++;
		if (skip && skip[i])
			continue;
		if (n == 0) {
			blank = out.len > 0;
			continue;
		}
		how = out.len > 0 ? imp_hyphen_join(out.data + line_start, out.len - line_start, s, n) : 0;
		if (how != 0) {
			/* Move the rest of the hyphenated word up to the previous line. */
			size_t w = 0;
			while (w < n && s[w] != ' ')
				w++;
			if (how == 1)
				out.len--;
			buf_add(&out, s, w);
			while (w < n && s[w] == ' ')
				w++;
			s += w;
			n -= w;
			if (n == 0)
				continue;
		}
		if (out.len > 0) {
			buf_adds(&out, blank ? "\n\n" : "\n");
			out_line += blank ? 2 : 1;
		}
		blank = false;
		line_start = out.len;
		buf_add(&out, s, n);
		page_begins(starts, n_starts, &on, out_line, page);
	}
	if (out.data == NULL) {
		if (len)
			*len = 0;
		return xstrdup("");
	}
	return buf_detach(&out, len);
}

void
imp_words_init(struct imp_words *ws, const char *s, size_t len)
{
	size_t flen, cap = 8;
	char *f = text_fold(s, len, &flen);

	ws->n = 0;
	ws->w = xreallocarray(NULL, cap, sizeof *ws->w);
	for (size_t i = 0; i < flen;) {
		size_t j = i;
		unsigned char c;

		while (j < flen) {
			c = (unsigned char)f[j];
			if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
				break;
			if (c == 0xe2 && j + 2 < flen && (unsigned char)f[j + 1] == 0x80)
				break;	/* dashes, quotes, bullets: punctuation */
			j++;
		}
		if (j > i) {
			if (ws->n == cap) {
				cap *= 2;
				ws->w = xreallocarray(ws->w, cap, sizeof *ws->w);
			}
			ws->w[ws->n++] = xstrndup(f + i, j - i);
			i = j;
		} else {
			i += ((unsigned char)f[i] == 0xe2 && i + 2 < flen) ? 3 : 1;
		}
	}
	free(f);
}

void
imp_words_free(struct imp_words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		free(ws->w[i]);
	free(ws->w);
	ws->w = NULL;
	ws->n = 0;
}

bool
imp_title_eq(const char *a, const char *b)
{
	struct imp_words wa, wb;
	bool eq;

	imp_words_init(&wa, a, strlen(a));
	imp_words_init(&wb, b, strlen(b));
	eq = wa.n == wb.n && wa.n > 0;
	for (size_t i = 0; eq && i < wa.n; i++)
		eq = strcmp(wa.w[i], wb.w[i]) == 0;
	imp_words_free(&wa);
	imp_words_free(&wb);
	return eq;
}

double
imp_title_overlap(const char *a, const char *b)
{
	struct imp_words wa, wb;
	size_t hit = 0;
	double r;

	imp_words_init(&wa, a, strlen(a));
	imp_words_init(&wb, b, strlen(b));
	for (size_t i = 0; i < wa.n; i++)
		for (size_t j = 0; j < wb.n; j++)
			if (strcmp(wa.w[i], wb.w[j]) == 0) {
				hit++;
				break;
			}
	r = wa.n ? (double)hit / (double)wa.n : 0.0;
	imp_words_free(&wa);
	imp_words_free(&wb);
	return r;
}
