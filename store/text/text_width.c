/*
 * Text for the terminal: scrubbing what must not reach it, display width
 * as ncurses draws the scrubbed text, cutting to a width, and wrapping.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>
#include <uniwidth.h>

#include "text.h"
#include "text_private.h"
#include "xmalloc.h"

#define ELLIPSIS "\xE2\x80\xA6" /* U+2026 … */
#define BULLET "\xE2\x80\xA2" /* U+2022 • */

/*
 * Invisible characters that reorder what follows (bidi embeddings,
 * overrides, isolates, marks) and the Unicode line/paragraph separators,
 * which glibc's wcwidth calls unprintable (-1).
 */
static bool
is_shown_as_code(unsigned int cp)
{
	return (cp >= 0x80 && cp <= 0x9F) ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200E || cp == 0x200F || cp == 0x061C ||
	    cp == 0x2028 || cp == 0x2029;
}

size_t
text_placeholder(unsigned int cp, char *out)
{
	if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F) {
		/* As less and cat -v show them: ^@ .. ^_ and ^? for DEL. */
		out[0] = '^';
		out[1] = (char)(cp == 0x7F ? '?' : cp + 0x40);
		out[2] = '\0';
		return 2;
	}
	if (is_shown_as_code(cp))
		return (size_t)snprintf(out, 12, "<U+%04X>", cp);
	return 0;
}

/*
 * Where libunistring 1.0's uc_width and glibc 2.36's wcwidth (what
 * ncurses draws with) disagree, follow glibc. Measured over all of
 * Unicode; the placeholders and the soft hyphen differ on purpose.
 */
static const struct {
	unsigned int lo, hi;
	int width;
} glibc_widths[] = {
	{ 0x0600, 0x0605, 1 }, { 0x06DD, 0x06DD, 1 }, { 0x070F, 0x070F, 1 },
	{ 0x0890, 0x0891, 1 }, { 0x08E2, 0x08E2, 1 }, { 0x0CBF, 0x0CBF, 0 },
	{ 0x0CC6, 0x0CC6, 0 }, { 0x3248, 0x324F, 2 }, { 0x4DC0, 0x4DFF, 2 },
	{ 0x110BD, 0x110BD, 1 }, { 0x110CD, 0x110CD, 1 }, { 0x11A07, 0x11A08, 0 },
	{ 0x11C3F, 0x11C3F, 0 },
};

int
text_char_width(unsigned int cp)
{
	char ph[12];
	int w;

	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if (cp == '\n' || cp == '\t')
		return 1;
	if (cp == 0xAD) /* soft hyphen: scrub removes it */
		return 0;
	if (cp < 0xA0 || is_shown_as_code(cp))
		return (int)text_placeholder(cp, ph);
	if (cp >= 0x0600 && cp <= 0x11C3F)
		for (size_t k = 0; k < sizeof glibc_widths / sizeof glibc_widths[0]; k++)
			if (cp >= glibc_widths[k].lo && cp <= glibc_widths[k].hi)
				return glibc_widths[k].width;
	w = uc_width(cp, "UTF-8");
	return w < 0 ? 1 : w;
}

int
text_width(const char *s, size_t len)
{
	size_t i = 0;
	int w = 0;

	while (i < len) {
		unsigned int cp = (unsigned char)s[i];

		if (cp >= 0x20 && cp < 0x7F) {
			w++;
			i++;
			continue;
		}
		i += text_next_char(s + i, len - i, &cp);
		w += text_char_width(cp);
	}
	return w;
}

size_t
text_fit(const char *s, size_t len, int width, int *used)
{
	size_t i = 0;
	int w = 0;

	if (width < 0)
		width = 0;
	while (i < len) {
		unsigned int cp;
		size_t n = text_next_char(s + i, len - i, &cp);
		int cw = text_char_width(cp);

		/* Zero-width characters (combining marks) stay with what precedes them. */
		if (cw > 0 && w + cw > width)
			break;
		w += cw;
		i += n;
	}
	if (used)
		*used = w;
	return i;
}

char *
text_truncate(const char *s, size_t len, int width)
{
	struct buf b = { 0 };
	size_t n;

	if (width <= 0)
		return xstrdup("");
	if (text_width(s, len) <= width) {
		buf_add(&b, s, len);
		return buf_detach(&b, NULL);
	}
	n = text_fit(s, len, width - 1, NULL);
	buf_add(&b, s, n);
	buf_add(&b, ELLIPSIS, 3);
	return buf_detach(&b, NULL);
}

char *
text_pad(const char *s, size_t len, int width)
{
	struct buf b = { 0 };
	char *t;
	int w;

	if (width <= 0)
		return xstrdup("");
	t = text_truncate(s, len, width);
	buf_adds(&b, t);
	/* A wide character that did not fit leaves a column to fill. */
	for (w = text_width(t, strlen(t)); w < width; w++)
		buf_addc(&b, ' ');
	free(t);
	return buf_detach(&b, NULL);
}

static bool
wrap_space(char c)
{
	return c == ' ' || c == '\t';
}

static void
wrap_push(struct text_line **v, size_t *count, size_t *cap, size_t off, size_t len, int width)
{
	if (*count == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[*count].off = off;
	(*v)[*count].len = len;
	(*v)[*count].width = width;
	(*count)++;
}

size_t
text_wrap(const char *s, size_t len, int width, struct text_line **lines)
{
	struct text_line *v = NULL;
	size_t count = 0, cap = 0, start = 0;
	char *t = xmalloc(len + 1), *brk = xmalloc(len + 1);

	if (width < 1)
		width = 1;
	/* Newlines are spaces here; the copy keeps every byte offset. */
	for (size_t k = 0; k < len; k++)
		t[k] = s[k] == '\n' || s[k] == '\r' ? ' ' : s[k];
	t[len] = '\0';
	u8_possible_linebreaks((const uint8_t *)t, len, "UTF-8", brk);

	while (start < len || count == 0) {
		size_t i = start, end = start, brk_at = 0, brk_end = 0, next;
		int w = 0, w_end = 0, brk_w = 0;

		for (;;) {
			unsigned int cp;
			size_t n;
			int cw;

			if (i >= len) {
				next = len;
				break;
			}
			/* A break opportunity before i, after some content on this line. */
			if (i > start && end > start &&
			    (brk[i] == UC_BREAK_POSSIBLE || brk[i] == UC_BREAK_HYPHENATION)) {
				brk_at = i;
				brk_end = end;
				brk_w = w_end;
			}
			/* Printable ASCII inline: two calls a character were a fifth of wrapping the SOU. */
			if ((unsigned char)t[i] >= 0x20 && (unsigned char)t[i] < 0x7F) {
				cp = (unsigned char)t[i];
				n = 1;
			} else {
				n = text_next_char(t + i, len - i, &cp);
			}
			if (brk[i] == UC_BREAK_MANDATORY) {
				/* U+2028 and the like: the line ends here, without it. */
				next = i + n;
				break;
			}
			cw = cp >= 0x20 && cp < 0x7F ? 1 : text_char_width(cp);
			if (wrap_space(t[i])) {
				/* Spaces may hang past the width: they end the line. */
				w += cw;
				i += n;
				continue;
			}
			/*
			 * Past the width (a zero-width mark too: after hanging
			 * spaces it would pull them into the line).
			 */
			if (w + cw > width) {
				if (brk_at > start) {
					end = brk_end;
					w_end = brk_w;
					next = brk_at;
				} else if (end == start && i == start) {
					/* One character wider than the line: it goes alone. */
					i += n;
					while (i < len) {
						unsigned int m;
						size_t mn = text_next_char(t + i, len - i, &m);

						if (text_char_width(m) != 0 || brk[i] == UC_BREAK_MANDATORY)
							break;
						i += mn;
					}
					end = i;
					w_end = cw;
					next = i;
				} else {
					/* A word wider than the line: cut it by columns. */
					next = i;
				}
				break;
			}
			w += cw;
			i += n;
			end = i;
			w_end = w;
		}
		wrap_push(&v, &count, &cap, start, end - start, w_end);
		if (next <= start && start < len)
			next = start + 1; /* cannot happen; never loop forever */
		start = next;
		if (start >= len)
			break;
	}
	free(t);
	free(brk);
	*lines = v;
	return count;
}

char *
text_scrub(const char *s, size_t len, size_t *out_len)
{
	struct buf b = { 0 };
	size_t i = 0, run = 0, n;

	while (i < len) {
		unsigned int cp = (unsigned char)s[i];
		char ph[12];
		size_t pn;

		if ((cp >= 0x20 && cp < 0x7F) || cp == '\n' || cp == '\t') {
			i++;
			continue;
		}
		n = text_next_char(s + i, len - i, &cp);
		pn = text_placeholder(cp, ph);
		if (!text_bad_seq(s + i, n, cp) && cp != 0xF0B7 && cp != 0xF0A7 && cp != 0xAD && pn == 0) {
			i += n;
			continue;
		}
		buf_add(&b, s + run, i - run);
		if (cp == 0xFFFD) /* an invalid sequence */
			buf_add(&b, TEXT_FFFD, 3);
		else if (cp == 0xF0B7 || cp == 0xF0A7)
			buf_add(&b, BULLET, 3);
		else if (pn > 0)
			buf_add(&b, ph, pn);
		/* else the soft hyphen: dropped */
		i += n;
		run = i;
	}
	buf_add(&b, s + run, len - run);
	n = b.len;
	return text_nfc_take(buf_detach(&b, NULL), n, out_len);
}
