/*
 * Bytes to clean UTF-8: encoding detection and decoding (UTF-8 with or
 * without BOM, UTF-16 with BOM, CP1252), line ends, NFC; trim and slug.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uninorm.h>

#include "text.h"
#include "text_private.h"
#include "xmalloc.h"

const char *
text_encoding_name(enum text_encoding enc)
{
	switch (enc) {
	case TEXT_ENC_UTF8:
		return "UTF-8";
	case TEXT_ENC_UTF8_BOM:
		return "UTF-8 (BOM)";
	case TEXT_ENC_UTF16LE:
		return "UTF-16LE";
	case TEXT_ENC_UTF16BE:
		return "UTF-16BE";
	case TEXT_ENC_CP1252:
		return "CP1252";
	}
	return "?";
}

bool
text_is_utf8(const char *s, size_t len)
{
	size_t i = 0;
	unsigned int cp;

	while (i < len) {
		size_t n;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = text_next_char(s + i, len - i, &cp);
		if (text_bad_seq(s + i, n, cp))
			return false;
		i += n;
	}
	return true;
}

char *
text_valid_copy(const char *s, size_t len, size_t *out_len)
{
	struct buf b = { 0 };
	size_t i = 0, run = 0;

	while (i < len) {
		unsigned int cp;
		size_t n;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = text_next_char(s + i, len - i, &cp);
		if (text_bad_seq(s + i, n, cp)) {
			buf_add(&b, s + run, i - run);
			buf_add(&b, TEXT_FFFD, 3);
			run = i + n;
		}
		i += n;
	}
	buf_add(&b, s + run, len - run);
	return buf_detach(&b, out_len);
}

/*
 * True when the valid UTF-8 s is NFC for certain (false: maybe not).
 * Code points below U+0300 are NFC on their own and never combine with
 * what precedes them, so Swedish prose (å ä ö é) needs no look-up. Above
 * that, punctuation and symbols such as – • ” … are stable when they have
 * combining class 0 and no canonical decomposition; the blocks where a
 * class-0 character can still compose with its predecessor (Indic vowel
 * signs, Hangul jamo, and everything past the BMP) go the slow way.
 */
bool
text_nfc_quick(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned int cp;
		ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];

		if ((unsigned char)s[i] < 0xCC) {
			i++;
			continue;
		}
		i += text_next_char(s + i, len - i, &cp);
		if (cp < 0x2000 || cp >= 0x10000 ||
		    uc_combining_class(cp) != 0 || uc_canonical_decomposition(cp, d) >= 0)
			return false;
	}
	return true;
}

char *
text_nfc_take(char *s, size_t len, size_t *out_len)
{
	size_t n = 0;
	uint8_t *r;

	if (!text_nfc_quick(s, len)) {
		r = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL, &n);
		if (r != NULL) {
			free(s);
			s = xrealloc(r, n + 1);
			len = n;
		}
		/* On failure (out of memory) keep the input: never fail here. */
	}
	s[len] = '\0';
	if (out_len)
		*out_len = len;
	return s;
}

char *
text_nfc(const char *s, size_t len, size_t *out_len)
{
	size_t n;
	char *v = text_valid_copy(s, len, &n);

	return text_nfc_take(v, n, out_len);
}

/* CP1252 0x80-0x9F; 0 marks the five undefined bytes. Used only when iconv lacks CP1252. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static void
buf_add_cp(struct buf *b, unsigned int cp)
{
	char u[4];

	buf_add(b, u, text_put_char(cp, u));
}

static void
cp1252_by_table(const char *in, size_t len, struct buf *out)
{
	for (size_t i = 0; i < len; i++) {
		unsigned int c = (unsigned char)in[i];

		if (c >= 0x80 && c < 0xA0)
			c = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
		buf_add_cp(out, c);
	}
}

/*
 * Convert with iconv to UTF-8, appending to out. A sequence iconv rejects
 * (an undefined CP1252 byte, a lone UTF-16 surrogate, an odd last byte)
 * becomes U+FFFD and decoding goes on one code unit later. False when
 * iconv cannot open the conversion at all.
 */
static bool
convert_iconv(const char *from, const char *in, size_t len, size_t unit, struct buf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char obuf[8192];
	char *ip = (char *)in;
	size_t il = len;

	if (cd == (iconv_t)-1)
		return false;
	while (il > 0) {
		char *op = obuf;
		size_t ol = sizeof obuf;
		size_t r = iconv(cd, &ip, &il, &op, &ol);
		int err = errno;

		buf_add(out, obuf, (size_t)(op - obuf));
		if (r == (size_t)-1 && err != E2BIG) {
			size_t skip = il < unit ? il : unit;

			buf_add(out, TEXT_FFFD, 3);
			ip += skip;
			il -= skip;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	iconv_close(cd);
	return true;
}

/*
 * Look at bytes that had no BOM: counts of well-formed multi-byte UTF-8
 * characters and of invalid sequences.
 */
static void
utf8_census(const char *s, size_t len, size_t *good_multi, size_t *bad)
{
	size_t i = 0;

	*good_multi = *bad = 0;
	while (i < len) {
		unsigned int cp;
		size_t n;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = text_next_char(s + i, len - i, &cp);
		if (text_bad_seq(s + i, n, cp))
			(*bad)++;
		else
			(*good_multi)++;
		i += n;
	}
}

/*
 * The final pass over UTF-8 (possibly invalid): invalid sequences and NUL
 * become U+FFFD, CRLF and lone CR become LF. Returns a fresh buffer of
 * *out_len bytes (room for a NUL after it).
 */
static char *
clean_utf8(const char *s, size_t len, size_t *out_len)
{
	size_t i = 0, o = 0, grow = 0;
	char *out;

	/* Each NUL or invalid sequence grows by at most 2 bytes (to U+FFFD). */
	while (i < len) {
		unsigned int cp;
		size_t n;

		if ((unsigned char)s[i] >= 0x80) {
			n = text_next_char(s + i, len - i, &cp);
			grow += text_bad_seq(s + i, n, cp);
			i += n;
		} else {
			grow += s[i] == '\0';
			i++;
		}
	}
	out = xmalloc(len + 2 * grow + 1);
	i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		unsigned int cp;
		size_t n;

		if (c >= 0x80) {
			n = text_next_char(s + i, len - i, &cp);
			if (text_bad_seq(s + i, n, cp)) {
				memcpy(out + o, TEXT_FFFD, 3);
				o += 3;
			} else {
				memcpy(out + o, s + i, n);
				o += n;
			}
			i += n;
		} else if (c == '\r') {
			out[o++] = '\n';
			i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
		} else if (c == '\0') {
			memcpy(out + o, TEXT_FFFD, 3);
			o += 3;
			i++;
		} else {
			out[o++] = (char)c;
			i++;
		}
	}
	*out_len = o;
	return out;
}

char *
text_decode(const char *bytes, size_t len, size_t *out_len,
    enum text_encoding *enc_out)
{
	const unsigned char *u = (const unsigned char *)bytes;
	enum text_encoding enc;
	struct buf conv = { 0 };
	const char *body = bytes;
	size_t blen = len, n;
	char *clean;

	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		enc = TEXT_ENC_UTF8_BOM;
		body += 3;
		blen -= 3;
	} else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		enc = u[0] == 0xFF ? TEXT_ENC_UTF16LE : TEXT_ENC_UTF16BE;
		/* Named without "BOM" so iconv does not look for one: we skipped it. */
		if (!convert_iconv(enc == TEXT_ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE",
		    bytes + 2, len - 2, 2, &conv))
			buf_add(&conv, TEXT_FFFD, 3);
		body = conv.data ? conv.data : "";
		blen = conv.len;
	} else {
		size_t good, bad;

		/*
		 * Without a BOM: valid UTF-8 is UTF-8. A mostly-UTF-8 file with
		 * a few broken sequences stays UTF-8 (each bad sequence shows
		 * as U+FFFD); bytes that are mostly not UTF-8 are CP1252, which
		 * also covers Latin-1.
		 */
		utf8_census(bytes, len, &good, &bad);
		if (bad == 0 || good > bad) {
			enc = TEXT_ENC_UTF8;
		} else {
			enc = TEXT_ENC_CP1252;
			if (!convert_iconv("CP1252", bytes, len, 1, &conv))
				cp1252_by_table(bytes, len, &conv);
			body = conv.data ? conv.data : "";
			blen = conv.len;
		}
	}
	clean = clean_utf8(body, blen, &n);
	buf_free(&conv);
	if (enc_out)
		*enc_out = enc;
	return text_nfc_take(clean, n, out_len);
}

const char *
text_trim(const char *s, size_t *len)
{
	size_t a = 0, b = *len;

	for (;;) {
		if (a < b && strchr(" \t\n\v\f\r", s[a]) && s[a] != '\0')
			a++;
		else if (b - a >= 2 && (unsigned char)s[a] == 0xC2 && (unsigned char)s[a + 1] == 0xA0)
			a += 2;
		else
			break;
	}
	for (;;) {
		if (b > a && strchr(" \t\n\v\f\r", s[b - 1]) && s[b - 1] != '\0')
			b--;
		else if (b - a >= 2 && (unsigned char)s[b - 2] == 0xC2 && (unsigned char)s[b - 1] == 0xA0)
			b -= 2;
		else
			break;
	}
	*len = b - a;
	return s + a;
}

/*
 * ASCII letters for a slug from one code point: writes up to 2 letters
 * to out, returns how many (0: not a letter or digit we can spell).
 */
static size_t
slug_letters(unsigned int cp, char *out)
{
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];

	for (;;) {
		if (cp < 0x80) {
			if (cp >= 'A' && cp <= 'Z')
				cp += 'a' - 'A';
			if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
				out[0] = (char)cp;
				return 1;
			}
			return 0;
		}
		switch (text_fold_char(cp)) {
		case 0xE6: /* æ */
			memcpy(out, "ae", 2);
			return 2;
		case 0x153: /* œ */
			memcpy(out, "oe", 2);
			return 2;
		case 0xDF: /* ß */
			memcpy(out, "ss", 2);
			return 2;
		case 0xFE: /* þ */
			memcpy(out, "th", 2);
			return 2;
		case 0xF8: /* ø */
			out[0] = 'o';
			return 1;
		case 0xF0: /* ð */
		case 0x111: /* đ */
			out[0] = 'd';
			return 1;
		case 0x142: /* ł */
			out[0] = 'l';
			return 1;
		}
		/* å → a + ring, é → e + acute ...: keep the base letter. */
		if (uc_canonical_decomposition(cp, d) < 1)
			return 0;
		cp = d[0];
	}
}

char *
text_slug(const char *s, size_t len)
{
	struct buf b = { 0 };
	bool gap = false;
	size_t i = 0;

	while (i < len) {
		unsigned int cp;
		char l[2];
		size_t n = text_next_char(s + i, len - i, &cp), k;

		i += n;
		k = slug_letters(cp, l);
		if (k > 0) {
			if (gap && b.len > 0)
				buf_addc(&b, '-');
			gap = false;
			buf_add(&b, l, k);
		} else if (cp >= 0x80 && uc_is_general_category(cp, UC_CATEGORY_M)) {
			/* A combining mark (decomposed input): part of its letter. */
		} else {
			gap = true;
		}
	}
	return buf_detach(&b, NULL);
}
