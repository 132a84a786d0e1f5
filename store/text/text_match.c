/*
 * Finding a query in text, for global search and the pager's find: case
 * folded per code point by the one rule, text_fold_char (which is how
 * SQLite's trigram tokenizer folds, so the index and our matching agree),
 * and any run of white space in the query matching any run of white
 * space in the text. Documents keep the line
 * breaks of the packet ("anhöriga till\npersoner"), a query has spaces;
 * both ways of writing a space (tab, no-break space, U+2009 ...) occur.
 */
#include "config.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "text.h"
#include "text_private.h"
#include "xmalloc.h"

bool
text_is_space(unsigned int cp)
{
	if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D))
		return true;
	if (cp < 0x85)
		return false;
	return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

char *
text_squeeze_space(const char *s, size_t len, size_t *out_len)
{
	char *out = xmalloc(len + 1);
	size_t i = 0, o = 0;

	while (i < len) {
		unsigned int cp;
		size_t n = text_next_char(s + i, len - i, &cp);

		if (text_is_space(cp)) {
			out[o++] = ' ';
			i += n;
			while (i < len && (n = text_next_char(s + i, len - i, &cp)) && text_is_space(cp))
				i += n;
			continue;
		}
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	if (out_len)
		*out_len = o;
	return out;
}

/*
 * Bytes of the character a lead byte begins, trusting the continuation
 * bytes (stored text is valid UTF-8: text_decode made it so).
 */
static size_t
seq_len(unsigned char b)
{
	return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

size_t
text_squeeze_walk(struct text_squeeze_count *c, const char *s, size_t len, long long target,
    bool more, size_t *used)
{
	size_t i = 0;

	while (i < len) {
		unsigned char ch = (unsigned char)s[i];
		unsigned int cp;
		size_t cl = 1;
		bool sp;

		/*
		 * Eight printable ASCII characters at once, none of them the
		 * target: a snippet deep in a long document walked every byte
		 * before it one by one (18 % of a search for "barnkonventionen"
		 * on the archive, perf).
		 */
		while (i + 8 <= len && c->chars + 8 <= target) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (((w | (w - 0x2121212121212121u)) & 0x8080808080808080u) != 0 ||
			    ((w + 0x0101010101010101u) & 0x8080808080808080u) != 0)
				break;	/* a byte >= 0x7F, <= 0x20 (space or control), or DEL */
			c->chars += 8;
			c->prev_space = false;
			i += 8;
		}
		if (i >= len)
			break;
		ch = (unsigned char)s[i];
		if (more && i + seq_len(ch) > len)
			break;	/* cut by the end of this piece: the next one has it */
		/* Only C2, E1, E2 and E3 lead the non-ASCII spaces: decode just those. */
		if (ch < 0x80)
			sp = ch == ' ' || (ch >= 0x09 && ch <= 0x0D);
		else if (ch == 0xC2 || (ch >= 0xE1 && ch <= 0xE3))
			cl = text_next_char(s + i, len - i, &cp), sp = text_is_space(cp);
		else
			cl = seq_len(ch), sp = false;
		if (i + cl > len)
			cl = len - i;
		if (!(sp && c->prev_space) && c->chars++ == target) {
			*used = i;
			return i;
		}
		c->prev_space = sp;
		i += cl;
	}
	*used = i;
	return (size_t)-1;
}

size_t
text_squeezed_char_to_byte(const char *t, size_t len, long long chars)
{
	struct text_squeeze_count c = { 0, false };
	size_t used, at = text_squeeze_walk(&c, t, len, chars, false, &used);

	return at == (size_t)-1 ? len : at;
}

void
text_matcher_init(struct text_matcher *m, const char *query, size_t len)
{
	size_t i = 0;
	char *nfc = text_nfc(query, len, &len);

	memset(m, 0, sizeof *m);
	m->q = xcalloc(len + 1, sizeof *m->q);
	query = text_trim(nfc, &len);
	while (i < len) {
		unsigned int c;

		i += text_next_char(query + i, len - i, &c);
		if (text_is_space(c)) {
			/* A run is one ' ', which matches a run (text_trim left none at the ends). */
			if (m->n == 0 || m->q[m->n - 1] != ' ')
				m->q[m->n++] = ' ';
			continue;
		}
		m->q[m->n++] = text_fold_char(c);
	}
	free(nfc);
	while (m->n > 0 && m->q[m->n - 1] == ' ')
		m->n--;		/* text_trim knows ASCII and NBSP only */
	if (m->n && m->q[0] == ' ')
		memmove(m->q, m->q + 1, --m->n * sizeof *m->q);
	if (m->n && m->q[0] != ' ')
		text_fold_leads(m->q[0], m->lead);
}

void
text_matcher_free(struct text_matcher *m)
{
	free(m->q);
	m->q = NULL;
	m->n = 0;
}

bool
text_matcher_at(const struct text_matcher *m, const char *text, size_t len, size_t at,
    size_t *mlen)
{
	size_t j = at;

	if (m->n == 0)
		return false;
	for (size_t k = 0; k < m->n; k++) {
		unsigned int c;

		if (j >= len)
			return false;
		j += text_next_char(text + j, len - j, &c);
		if (m->q[k] == ' ') {
			size_t n;

			if (!text_is_space(c))
				return false;
			while (j < len && (n = text_next_char(text + j, len - j, &c)) &&
			    text_is_space(c))
				j += n;
		} else if (text_fold_char(c) != m->q[k]) {
			return false;
		}
	}
	*mlen = j - at;
	return true;
}

size_t
text_matcher_find(const struct text_matcher *m, const char *text, size_t len, size_t from,
    size_t *mlen)
{
	const unsigned char *p = (const unsigned char *)text;

	for (size_t i = from; i < len && m->n; i++)
		if (m->lead[p[i]] && text_matcher_at(m, text, len, i, mlen))
			return i;
	return (size_t)-1;
}
