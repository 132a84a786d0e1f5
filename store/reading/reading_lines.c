/*
 * Lines of the source and what they are: page furniture (lone page
 * numbers, running heads), the first lines of footnotes and the glued
 * references that point to them, and the small shape tests the block
 * parser asks (bullets, numbered headings, capital letters).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "reading_internal.h"
#include "text.h"
#include "xmalloc.h"

const char *
rl_text(const struct rdoc *d, size_t i)
{
	return d->src + d->lines[i].off;
}

void
rl_split(struct rdoc *d)
{
	size_t cap = 64, pos = 0;

	d->lines = xcalloc(cap, sizeof *d->lines);
	while (pos < d->srclen) {
		const char *nl = memchr(d->src + pos, '\n', d->srclen - pos);
		size_t end = nl ? (size_t)(nl - d->src) : d->srclen;
		size_t len = end - pos;
		const char *t = text_trim(d->src + pos, &len);
		struct rline *l;

		if (d->nlines == cap) {
			cap *= 2;
			d->lines = xreallocarray(d->lines, cap, sizeof *d->lines);
		}
		l = &d->lines[d->nlines++];
		memset(l, 0, sizeof *l);
		l->off = (size_t)(t - d->src);
		l->len = len;
		l->lead_space = end > pos && d->src[pos] == ' ' && len > 0;
		l->cls = len ? RL_TEXT : RL_BLANK;
		l->page = l->sheet = -1;
		pos = end + 1;
	}
}

unsigned int
rl_first_cp(const char *s, size_t len)
{
	unsigned int cp = 0;

	if (len)
		text_next_char(s, len, &cp);
	return cp;
}

/* Latin letters as Swedish texts use them: A-Z, À-Þ (without ×). */
bool
rl_is_upper(unsigned int cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
}

bool
rl_is_lower(unsigned int cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7);
}

bool
rl_is_digit_str(const char *s, size_t len)
{
	if (!len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

char
rl_last_char(const char *s, size_t len)
{
	return len ? s[len - 1] : '\0';
}

bool
rl_has_prefix(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	return len >= n && memcmp(s, p, n) == 0;
}

/*
 * A bullet at the start of a line: •, ▪, ◦, ·, the Symbol font's private
 * use U+F0B7 / U+F0A7, and (loose: when the line before allows a list)
 * "-", "–" and "o". All become one bullet kind. Returns the bytes to skip.
 */
size_t
rl_bullet(const char *s, size_t len, bool loose)
{
	unsigned int cp;
	size_t n;

	if (!len)
		return 0;
	n = text_next_char(s, len, &cp);
	if (n >= len || (s[n] != ' ' && s[n] != '\t'))
		return 0;
	switch (cp) {
	case 0x2022: case 0x25AA: case 0x25E6: case 0x00B7: case 0xF0B7: case 0xF0A7: case 0x25CF: case 0x25A0:
		return n + 1;
	case '-': case 0x2013: case 'o':
		if (!loose)
			return 0;
		/* "o" is a bullet only before a capital: "o Rådgivning". */
		if (cp == 'o' && !rl_is_upper(rl_first_cp(s + n + 1, len - n - 1)))
			return 0;
		return n + 1;
	}
	return 0;
}

/* "1. Text" or "2) text": a numbered list item (one or two digits). */
size_t
rl_number_item(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && i < 2 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 || i + 2 > len || (s[i] != '.' && s[i] != ')') || s[i + 1] != ' ')
		return 0;
	return i + 2;
}

/*
 * A numbered heading: "1.3 Förslag ...", "2 Uppdraget ...", "5 kap.",
 * "7 §", "7 a §". Returns the level (1 for one number or a chapter,
 * the count of numbers for "1.3", 3 for a section sign) and the label's
 * length; 0 when the line is no such heading. The caller decides on the
 * weaker forms (one number) from the lines around.
 */
int
rl_heading(const char *s, size_t len, size_t *label_len)
{
	size_t i = 0;
	int parts = 0;

	for (;;) {
		size_t st = i;
		while (i < len && s[i] >= '0' && s[i] <= '9' && i - st < 3)
			i++;
		if (i == st)
			return 0;
		parts++;
		if (i + 1 < len && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
			i++;
			continue;
		}
		break;
	}
	if (i >= len || s[i] != ' ')
		return 0;
	if (parts == 1 && rl_has_prefix(s + i, len - i, " kap.")) {
		*label_len = i + 5;
		return (*label_len == len) ? 1 : 0;
	}
	if (parts == 1 && (rl_has_prefix(s + i, len - i, " §") ||
	    (i + 3 < len && s[i + 1] >= 'a' && s[i + 1] <= 'z' && rl_has_prefix(s + i + 2, len - i - 2, " §")))) {
		size_t l = rl_has_prefix(s + i, len - i, " §") ? i + 3 : i + 5;
		*label_len = l;
		/* "7 §" alone, or with a glued footnote number: "7 §1". */
		return rl_is_digit_str(s + l, len - l) || l == len ? 3 : 0;
	}
	if (!rl_is_upper(rl_first_cp(s + i + 1, len - i - 1)))
		return 0;
	*label_len = i;
	return parts;
}

/* Section titles that stand alone in Swedish case papers, whatever the lines around them do. */
bool
rl_known_heading(const char *s, size_t len)
{
	/* With their lengths: a strlen of each for every line asked about was 2 M instructions on the SOU. */
#define K(s) { s, sizeof s - 1 }
	static const struct {
		const char *s;
		size_t len;
	} known[] = {
		K("Sammanfattning"), K("Bakgrund"), K("Beslutsunderlag"), K("Förslag till beslut"),
		K("Ärendebeskrivning"), K("Synpunkter på förslaget"), K("Inledning"), K("Beslut"),
		K("Yttrande"), K("Ekonomiska konsekvenser"), K("Konsekvenser"), K("Bilagor"),
		K("Beslutet skickas till"), K("Utredningens uppdrag"), K("Allmänna synpunkter"),
	};
#undef K
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (known[i].len == len && memcmp(known[i].s, s, len) == 0)
			return true;
	return false;
}
