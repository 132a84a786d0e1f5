/*
 * The one case-folding rule of the program (text_fold_char); everything
 * that ignores case is defined by it: text_fold, the matcher behind
 * search and the pager's find (text_match.c), the collation's case level
 * (text_collate.c), slugs.
 *
 * The rule is Unicode's simple case folding (CaseFolding.txt, status C
 * and S: one code point to one code point) exactly as SQLite's FTS5
 * applies it, because the search index is an FTS5 trigram table that
 * folds on its own: if our fold differed, the index would find rows our
 * matcher cannot show, and the count, the snippets and the pager's find
 * would disagree with it. tests/test_text_fold.c checks every code point
 * against FTS5. What that means:
 *  - Å Ä Ö fold to å ä ö, never to a o: accents are kept (FTS5's
 *    remove_diacritics is not used), so "år" and "ar" stay apart.
 *  - ß stays ß (full folding would make it "ss", which a per-character
 *    match and a trigram index cannot do); ẞ folds to ß.
 *  - Turkish: I folds to i and İ (U+0130) stays İ (no locale rules);
 *    ı stays ı.
 *  - Ligatures such as ﬁ stay themselves (full folding would give "fi").
 *  - Greek final sigma ς folds to σ, as do Σ; µ (micro) folds to μ.
 *  - Letters that only became cased in Unicode 7 and later (Cherokee,
 *    Georgian Mtavruli, Osage, Adlam ...) are not folded: FTS5's tables
 *    do not know them.
 * Text is compared in NFC, so a decomposed å (a + U+030A) is å.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicase.h>

#include "text.h"
#include "text_private.h"
#include "xmalloc.h"

/*
 * Where the simple folding differs from libunistring's lower case, and
 * (same value as uc_tolower) where more than one letter folds to one:
 * the matcher needs those to know which bytes a match can begin with.
 * Sorted by from.
 */
static const struct fold_special {
	unsigned int from, to;
} specials[] = {
	{ 0x00B5, 0x03BC },	/* micro sign: mu */
	{ 0x0130, 0x0130 },	/* İ: only Turkish folding maps it */
	{ 0x017F, 0x0073 },	/* long s */
	{ 0x0345, 0x03B9 },	/* ypogegrammeni: iota */
	{ 0x037F, 0x037F },	/* Unicode 7 */
	{ 0x03C2, 0x03C3 },	/* final sigma */
	{ 0x03D0, 0x03B2 }, { 0x03D1, 0x03B8 }, { 0x03D5, 0x03C6 }, { 0x03D6, 0x03C0 },
	{ 0x03F0, 0x03BA }, { 0x03F1, 0x03C1 }, { 0x03F4, 0x03B8 }, { 0x03F5, 0x03B5 },
	{ 0x1E9B, 0x1E61 },
	{ 0x1E9E, 0x00DF },	/* capital sharp s */
	{ 0x1FBE, 0x03B9 },
	{ 0x2126, 0x03C9 }, { 0x212A, 0x006B }, { 0x212B, 0x00E5 },	/* ohm, kelvin, ångström */
	{ 0x2C2F, 0x2C2F },	/* Unicode 14 */
};

static int
special_cmp(const void *key, const void *el)
{
	unsigned int k = *(const unsigned int *)key, f = ((const struct fold_special *)el)->from;

	return (k > f) - (k < f);
}

/* Cased only since Unicode 7: FTS5 leaves them as they are, so do we. */
static bool
cased_late(unsigned int c)
{
	if (c >= 0x10000)
		return !(c >= 0x10400 && c <= 0x10427);	/* Deseret is older */
	return (c >= 0x0528 && c <= 0x052F) || (c >= 0x13A0 && c <= 0x13FF) ||
	    (c >= 0x1C90 && c <= 0x1CBF) || (c >= 0xA698 && c <= 0xA69B) ||
	    (c >= 0xA796 && c <= 0xA79F) || (c >= 0xA7AB && c <= 0xA7FF);
}

/* Punctuation, currency, arrows, box drawing, dingbats: no case, no look-up. */
static bool
caseless_block(unsigned int c)
{
	return (c >= 0x2000 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20CF) ||
	    (c >= 0x2190 && c <= 0x23FF) || (c >= 0x2500 && c <= 0x27BF) ||
	    (c >= 0x2E00 && c <= 0x2E7F) || c == 0xFFFD;
}

unsigned int
text_fold_char(unsigned int c)
{
	const struct fold_special *sp;

	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	if (c < 0x100) {
		/* Latin-1: À..Þ but × are capitals 0x20 below their small letters. */
		if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
			return c + 0x20;
		return c == 0xB5 ? 0x3BC : c;
	}
	if (caseless_block(c))
		return c;
	if (cased_late(c))
		return c >= 0x10400 && c <= 0x10427 ? c + 0x28 : c;
	sp = bsearch(&c, specials, sizeof specials / sizeof specials[0], sizeof specials[0],
	    special_cmp);
	if (sp)
		return sp->to;
	return uc_tolower(c);
}

void
text_fold_leads(unsigned int f, unsigned char lead[256])
{
	char u[4];
	const unsigned int others[] = { f, uc_toupper(f), uc_totitle(f) };

	/* Upper and title case of f fold to f; the specials are the rest. */
	for (size_t k = 0; k < sizeof others / sizeof others[0]; k++)
		if (text_fold_char(others[k]) == f) {
			text_put_char(others[k], u);
			lead[(unsigned char)u[0]] = 1;
		}
	for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++)
		if (specials[k].to == f) {
			text_put_char(specials[k].from, u);
			lead[(unsigned char)u[0]] = 1;
		}
	text_put_char(f, u);
	lead[(unsigned char)u[0]] = 1;
}

char *
text_fold(const char *s, size_t len, size_t *out_len)
{
	size_t n, i = 0, o = 0;
	char *v = text_nfc(s, len, &n);
	/* A fold never lengthens ASCII and at most turns 2 bytes into 3. */
	char *out = xmalloc(n + n / 2 + 1);

	while (i < n) {
		unsigned int cp;

		if ((unsigned char)v[i] < 0x80) {
			char c = v[i++];
			out[o++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
			continue;
		}
		i += text_next_char(v + i, n - i, &cp);
		o += text_put_char(text_fold_char(cp), out + o);
	}
	out[o] = '\0';
	free(v);
	if (out_len)
		*out_len = o;
	return out;
}
