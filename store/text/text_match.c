/*
 * Finding a query in text, for global search and the pager's find: case
 * folded per code point (as SQLite's trigram tokenizer folds, so the index
 * and our own matching agree), and any run of white space in the query
 * matching any run of white space in the text. Documents keep the line
 * breaks of the packet ("anhöriga till\npersoner"), a query has spaces;
 * both ways of writing a space (tab, no-break space, U+2009 ...) occur.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>

#include "text.h"
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

/* One code point folded: ASCII without a table look-up, the rest by libunistring. */
unsigned int
text_fold_char(unsigned int c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	return uc_tolower(c);
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

size_t
text_squeezed_char_to_byte(const char *t, size_t len, long long chars)
{
	size_t i = 0;
	long long c = 0;
	bool prev_space = false;

	while (i < len) {
		unsigned int cp;
		size_t n = text_next_char(t + i, len - i, &cp);
		bool sp = text_is_space(cp);

		if (!(sp && prev_space) && c++ == chars)
			return i;
		prev_space = sp;
		i += n;
	}
	return len;
}

static unsigned char
lead_byte(unsigned int c)
{
	if (c < 0x80)
		return (unsigned char)c;
	if (c < 0x800)
		return (unsigned char)(0xc0 | (c >> 6));
	if (c < 0x10000)
		return (unsigned char)(0xe0 | (c >> 12));
	return (unsigned char)(0xf0 | (c >> 18));
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
	if (m->n) {
		m->lead[lead_byte(m->q[0])] = 1;
		m->lead[lead_byte(uc_toupper(m->q[0]))] = 1;
		m->lead[lead_byte(uc_totitle(m->q[0]))] = 1;
	}
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
