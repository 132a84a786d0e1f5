/*
 * Characters in UTF-8: the one decoder every other file uses (forward,
 * backward, counting, boundaries) and the one encoder. Nothing outside
 * the text module looks at UTF-8 bytes itself.
 */
#include "config.h"

#include <string.h>

#include <unictype.h>

#include "text.h"
#include "text_private.h"

/*
 * Strict decoder: no overlong forms, no surrogates, nothing past U+10FFFF.
 * An invalid sequence uses its maximal subpart (the lead byte and the
 * continuation bytes that were still possible), as Unicode recommends,
 * so "\xE2\x80x" is one U+FFFD followed by "x".
 */
size_t
text_next_char(const char *s, size_t len, unsigned int *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned int c = u[0], v;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < n; i++) {
		unsigned int b, lo = 0x80, hi = 0xBF;

		if (i >= len)
			break;
		b = u[i];
		if (i == 1) {
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
			else if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		}
		if (b < lo || b > hi)
			break;
		v = v << 6 | (b & 0x3F);
	}
	if (i < n) {
		*cp = 0xFFFD;
		return i;
	}
	*cp = v;
	return n;
}

bool
text_bad_seq(const char *s, size_t n, unsigned int cp)
{
	return cp == 0xFFFD && (n != 3 || memcmp(s, TEXT_FFFD, 3) != 0);
}

static bool
is_cont(unsigned char b)
{
	return (b & 0xC0) == 0x80;
}

/*
 * Backward: a byte that is not a continuation byte always starts a
 * character of text_next_char's (it never swallows one), and no character
 * is longer than 4 bytes. So decode forward from the nearest such byte at
 * most 4 back; when none is that near, the last byte stands alone.
 */
size_t
text_prev_char(const char *s, size_t at, unsigned int *cp)
{
	size_t p = at, i, n = 1;
	unsigned int c = 0xFFFD;

	if (at == 0) {
		*cp = 0;
		return 0;
	}
	while (p > 0 && at - p < 4 && (p == at || is_cont((unsigned char)s[p])))
		p--;
	if (!is_cont((unsigned char)s[p])) {
		for (i = p; i < at; i += n)
			n = text_next_char(s + i, at - i, &c);
		if (i == at) {
			*cp = c;
			return n;
		}
	}
	*cp = 0xFFFD;
	return 1;
}

size_t
text_char_floor(const char *s, size_t len, size_t at)
{
	size_t p = at, n;
	unsigned int cp;

	if (at >= len)
		return len;
	while (p > 0 && at - p < 3 && is_cont((unsigned char)s[p]))
		p--;
	if (is_cont((unsigned char)s[p]))
		return at;	/* no lead byte near: a stray continuation byte stands alone */
	for (;; p += n) {
		n = text_next_char(s + p, len - p, &cp);
		if (p + n > at)
			return p;
	}
}

size_t
text_resync(const char *s, size_t len)
{
	size_t k = 0;

	while (k < len && k < 3 && is_cont((unsigned char)s[k]))
		k++;
	return k;
}

size_t
text_count_chars(const char *s, size_t len)
{
	size_t i = 0, n = 0;
	unsigned int cp;

	while (i < len) {
		/* ASCII runs without a call: most of a Swedish text. */
		if ((unsigned char)s[i] < 0x80)
			i++;
		else
			i += text_next_char(s + i, len - i, &cp);
		n++;
	}
	return n;
}

size_t
text_char_offset(const char *s, size_t len, size_t chars)
{
	size_t i = 0;
	unsigned int cp;

	for (size_t c = 0; i < len && c < chars; c++)
		i += (unsigned char)s[i] < 0x80 ? 1 : text_next_char(s + i, len - i, &cp);
	return i;
}

size_t
text_put_char(unsigned int cp, char out[4])
{
	if (cp >= 0xD800 && cp <= 0xDFFF)
		cp = 0xFFFD;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return text_put_char(0xFFFD, out);
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Letter classes from Unicode's tables, not the C library's locale. */
bool
text_is_lower(unsigned int cp)
{
	return cp < 0x80 ? cp >= 'a' && cp <= 'z' : uc_is_lower(cp);
}

bool
text_is_upper(unsigned int cp)
{
	return cp < 0x80 ? cp >= 'A' && cp <= 'Z' : uc_is_upper(cp);
}

bool
text_is_letter(unsigned int cp)
{
	return cp < 0x80 ? (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' : uc_is_alpha(cp);
}
