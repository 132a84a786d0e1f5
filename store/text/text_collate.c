/*
 * Swedish collation (the store registers it with SQLite as "sv"). Its case
 * level is the one folding rule, text_fold_char (text_fold.c).
 *
 * The collation compares in levels, each pass over both strings without
 * allocating: 1) primary letter weights (case and accents ignored, but å ä
 * ö are letters of their own after z), 2) accents (e < è < é), 3) case
 * (lower before upper), 4) bytes, so only identical strings compare equal.
 *
 * Primary weights come in bands, so whole classes sort apart:
 *   ignorable (combining marks, format characters, soft hyphen)
 *   < spaces, punctuation and symbols (by code point)
 *   < digits (by value) < a..z å ä ö < other letters (by lower-case code point).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uninorm.h>

#include "text.h"
#include "text_private.h"
#include "xmalloc.h"

enum {
	BAND_PUNCT = 1u << 24,
	BAND_DIGIT = 2u << 24,
	BAND_LATIN = 3u << 24,
	BAND_OTHER = 4u << 24,
	/* Latin letter index: a..z are 0..25, then these. */
	LAT_AA = 26, /* å */
	LAT_AE = 27, /* ä */
	LAT_OE = 28, /* ö */
};

/* One collation element: the weights at each level. */
struct coll_el {
	uint32_t pri; /* 0: ignorable at level 1 */
	uint32_t sec; /* accent; 0 for a plain letter */
	uint8_t ter; /* 1 for upper case */
};

struct coll_it {
	const unsigned char *s;
	size_t len, i;
	uint32_t pending; /* second element of an expansion (ß → s s), or 0 */
};

static uint32_t
latin(unsigned int c)
{
	return BAND_LATIN + (c - 'a');
}

/* Weights of a folded code point (text_fold_char); *expand gets a second primary or 0. */
static void
weigh_lower(unsigned int cp, struct coll_el *el, uint32_t *expand)
{
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
	int dn, v;

	el->sec = 0;
	if (cp < 0x80) {
		if (cp >= 'a' && cp <= 'z')
			el->pri = latin(cp);
		else if (cp >= '0' && cp <= '9')
			el->pri = BAND_DIGIT + (cp - '0');
		else
			el->pri = BAND_PUNCT + cp;
		return;
	}
	switch (cp) {
	case 0xE5: /* å */
		el->pri = BAND_LATIN + LAT_AA;
		return;
	case 0xE4: /* ä */
		el->pri = BAND_LATIN + LAT_AE;
		return;
	case 0xE6: /* æ sorts with ä */
		el->pri = BAND_LATIN + LAT_AE;
		el->sec = 1;
		return;
	case 0xF6: /* ö */
		el->pri = BAND_LATIN + LAT_OE;
		return;
	case 0xF8: /* ø sorts with ö */
		el->pri = BAND_LATIN + LAT_OE;
		el->sec = 1;
		return;
	case 0x153: /* œ sorts with ö */
		el->pri = BAND_LATIN + LAT_OE;
		el->sec = 2;
		return;
	case 0xFC: /* ü sorts with y */
		el->pri = latin('y');
		el->sec = 0x308;
		return;
	case 0x171: /* ű sorts with y, ő with ö */
		el->pri = latin('y');
		el->sec = 0x30B;
		return;
	case 0x151:
		el->pri = BAND_LATIN + LAT_OE;
		el->sec = 0x30B;
		return;
	case 0xDF: /* ß is ss */
		el->pri = latin('s');
		*expand = latin('s');
		return;
	case 0xFE: /* þ is th */
		el->pri = latin('t');
		*expand = latin('h');
		return;
	case 0xF0: /* ð, đ with d; ł with l */
	case 0x111:
		el->pri = latin('d');
		el->sec = cp == 0xF0 ? 1 : 2;
		return;
	case 0x142:
		el->pri = latin('l');
		el->sec = 1;
		return;
	case 0xAD: /* soft hyphen: ignorable */
		el->pri = 0;
		return;
	}
	/*
	 * é → e + U+0301: the base letter's weights, the mark as accent.
	 * Hangul syllables decompose into jamo: keep them whole instead.
	 */
	dn = cp >= 0xAC00 && cp <= 0xD7A3 ? -1 : uc_canonical_decomposition(cp, d);
	if (dn >= 2) {
		uint32_t ex = 0;

		weigh_lower(text_fold_char(d[0]), el, &ex);
		*expand = ex;
		el->sec = el->sec * 0x400 + d[1];
		return;
	}
	if (dn == 1) {
		weigh_lower(text_fold_char(d[0]), el, expand);
		return;
	}
	if ((v = uc_decimal_value(cp)) >= 0) {
		el->pri = BAND_DIGIT + (uint32_t)v;
		return;
	}
	if (uc_is_general_category(cp, UC_CATEGORY_M)) {
		el->pri = 0;
		el->sec = cp;
		return;
	}
	if (uc_is_general_category(cp, UC_CATEGORY_Cf)) {
		el->pri = 0;
		return;
	}
	if (uc_is_alpha(cp))
		el->pri = BAND_OTHER + cp;
	else
		el->pri = BAND_PUNCT + cp;
}

/* Next element, or false at the end. Combines base + mark (NFD input) first. */
static bool
coll_next(struct coll_it *it, struct coll_el *el)
{
	unsigned int cp, lower;
	uint32_t expand = 0;

	if (it->pending) {
		el->pri = it->pending;
		el->sec = 0;
		/* ter stays from the first half of the expansion */
		it->pending = 0;
		return true;
	}
	if (it->i >= it->len)
		return false;
	cp = it->s[it->i];
	if (cp < 0x80 && (it->i + 1 >= it->len || it->s[it->i + 1] < 0xCC || it->s[it->i + 1] > 0xCD)) {
		/* ASCII not followed by a combining mark U+0300..U+036F. */
		it->i++;
		el->sec = 0;
		if (cp >= 'a' && cp <= 'z') {
			el->pri = latin(cp);
			el->ter = 0;
		} else if (cp >= 'A' && cp <= 'Z') {
			el->pri = latin(cp + ('a' - 'A'));
			el->ter = 1;
		} else {
			el->pri = cp >= '0' && cp <= '9' ? BAND_DIGIT + (cp - '0') : BAND_PUNCT + cp;
			el->ter = 0;
		}
		return true;
	}
	it->i += text_next_char((const char *)it->s + it->i, it->len - it->i, &cp);
	while (it->i + 1 < it->len && (it->s[it->i] == 0xCC || it->s[it->i] == 0xCD)) {
		unsigned int mark, comp;
		size_t n = text_next_char((const char *)it->s + it->i, it->len - it->i, &mark);

		comp = uc_composition(cp, mark);
		if (comp == 0)
			break;
		cp = comp;
		it->i += n;
	}
	lower = text_fold_char(cp);
	el->ter = lower != cp;
	weigh_lower(lower, el, &expand);
	it->pending = expand;
	return true;
}

/* Compare one level; 0 when equal at that level. */
static int
coll_level(const char *a, size_t alen, const char *b, size_t blen, int level)
{
	struct coll_it ia = { (const unsigned char *)a, alen, 0, 0 };
	struct coll_it ib = { (const unsigned char *)b, blen, 0, 0 };
	struct coll_el ea, eb;

	for (;;) {
		bool ha, hb;
		uint32_t ka = 0, kb = 0;

		/* Skip elements that carry nothing at this level. */
		while ((ha = coll_next(&ia, &ea)) &&
		    (level == 1 || level == 3 ? ea.pri == 0 : ea.pri == 0 && ea.sec == 0))
			;
		while ((hb = coll_next(&ib, &eb)) &&
		    (level == 1 || level == 3 ? eb.pri == 0 : eb.pri == 0 && eb.sec == 0))
			;
		if (!ha || !hb)
			return ha - hb;
		switch (level) {
		case 1:
			ka = ea.pri;
			kb = eb.pri;
			break;
		case 2:
			ka = ea.sec;
			kb = eb.sec;
			break;
		default:
			ka = ea.ter;
			kb = eb.ter;
			break;
		}
		if (ka != kb)
			return ka < kb ? -1 : 1;
	}
}

int
text_collate(const char *a, size_t alen, const char *b, size_t blen)
{
	const unsigned char *ua = (const unsigned char *)a, *ub = (const unsigned char *)b;
	size_t n = alen < blen ? alen : blen, k = 0;
	int r;

	/* SQLite may hand an empty string as NULL: never touch it. */
	if (alen == 0 || blen == 0)
		return (alen != 0) - (blen != 0);
	while (k < n && ua[k] == ub[k])
		k++;
	if (k == n && alen == blen)
		return 0;
	/*
	 * Titles often share a long prefix; it weighs the same in both at
	 * every level, so start after it. Back up to a point where the
	 * iterator would stand between characters anyway: after an ASCII
	 * byte, and not before a combining mark that would join it.
	 */
	while (k > 0 && (ua[k - 1] >= 0x80 ||
	    (k < alen && (ua[k] == 0xCC || ua[k] == 0xCD)) ||
	    (k < blen && (ub[k] == 0xCC || ub[k] == 0xCD))))
		k--;
	for (int level = 1; level <= 3; level++)
		if ((r = coll_level(a + k, alen - k, b + k, blen - k, level)) != 0)
			return r;
	r = memcmp(a, b, n);
	if (r != 0)
		return r < 0 ? -1 : 1;
	return alen < blen ? -1 : 1;
}

int
text_collate_str(const char *a, const char *b)
{
	return text_collate(a, strlen(a), b, strlen(b));
}
