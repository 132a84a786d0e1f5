/*
 * Text handling shared by import, store and tui: decoding input bytes,
 * NFC, Swedish case folding and collation, display width, cutting,
 * wrapping and scrubbing for the terminal. No curses and no SQLite here:
 * the store registers text_collate with SQLite as "sv".
 *
 * All strings in and out are UTF-8. Lengths are in bytes. Every function
 * returning char * hands a fresh NUL-terminated string to the caller, who
 * frees it.
 */
#ifndef KALLELSE_TEXT_H
#define KALLELSE_TEXT_H

#include <stdarg.h>
#include <stdio.h>

#include <stdbool.h>
#include <stddef.h>

enum text_encoding {
	TEXT_ENC_UTF8,
	TEXT_ENC_UTF8_BOM,
	TEXT_ENC_UTF16LE,
	TEXT_ENC_UTF16BE,
	TEXT_ENC_CP1252,
};

/* Name of an encoding for messages ("UTF-8", "CP1252" ...). Static string. */
const char *text_encoding_name(enum text_encoding enc);

/*
 * Decode bytes to UTF-8 in NFC: UTF-8 with or without BOM, UTF-16 with BOM,
 * otherwise CP1252 (Latin-1 bytes are valid CP1252; the undefined bytes
 * 0x81 0x8D 0x8F 0x90 0x9D become U+FFFD). CRLF and lone CR become LF.
 * NUL bytes become U+FFFD. Never fails for a non-NULL input. Caller frees.
 */
char *text_decode(const char *bytes, size_t len, size_t *out_len,
    enum text_encoding *enc_out);

/* True when len bytes at s are well-formed UTF-8. */
bool text_is_utf8(const char *s, size_t len);

/* NFC of s. Caller frees. */
char *text_nfc(const char *s, size_t len, size_t *out_len);

/*
 * The one case-folding rule (text_fold.c says what it does and why): one
 * code point to one, Unicode's simple case folding as SQLite's FTS5 does
 * it, so the search index agrees. Å Ä Ö fold to å ä ö, never to a o.
 */
unsigned int text_fold_char(unsigned int cp);

/* s in NFC with text_fold_char applied to every character; invalid bytes U+FFFD. Caller frees. */
char *text_fold(const char *s, size_t len, size_t *out_len);

/*
 * Swedish collation: case-insensitive first (ties broken by case, then
 * bytes), letters a–z then å ä ö; é/è sort with e, ü with y, æ with ä,
 * ø with ö. Returns <0, 0, >0 like strcmp.
 */
int text_collate(const char *a, size_t alen, const char *b, size_t blen);
int text_collate_str(const char *a, const char *b);

/* Display width in terminal columns (as wcwidth: soft hyphen 0, wide 2, combining 0, controls as their placeholders). */
int text_width(const char *s, size_t len);

/*
 * How many bytes of s fit in width columns, never splitting a character
 * (a combining mark stays with its base). *used gets the columns used.
 */
size_t text_fit(const char *s, size_t len, int width, int *used);

/* s cut to width columns with "…" at the end when it did not fit. Caller frees. */
char *text_truncate(const char *s, size_t len, int width);

/* s padded with spaces or cut with "…" to exactly width columns. Caller frees. */
char *text_pad(const char *s, size_t len, int width);

/* One wrapped line: a byte range of the input, without its trailing space. */
struct text_line {
	size_t off;
	size_t len;
	int width;
};

/*
 * Wrap one paragraph (newlines are treated as spaces) to width columns at
 * proper break opportunities (UAX #14: after spaces and hyphens, never
 * inside a word or at a no-break space); a word wider than width is cut.
 * *lines is a fresh array the caller frees; returns the count (>= 1).
 */
size_t text_wrap(const char *s, size_t len, int width, struct text_line **lines);

/*
 * Make text safe to draw: C0/C1 controls (except \n and \t), ESC, DEL and
 * bidi overrides/isolates become visible placeholders (^[ style for C0 and
 * DEL, <U+202E> style for the others); invalid UTF-8 becomes U+FFFD; the
 * Symbol-font bullet U+F0B7 (and U+F0A7) become •; soft hyphens are
 * removed; NFC. No-break space stays as it is. Caller frees.
 */
char *text_scrub(const char *s, size_t len, size_t *out_len);

/* ---- characters (text_char.c): the one UTF-8 decoder and encoder ---- */

/*
 * Decode one UTF-8 character at s (len > 0). Returns bytes used (>= 1);
 * *cp gets U+FFFD for an invalid sequence (overlong form, surrogate, past
 * U+10FFFF, stray continuation byte, sequence cut short), which then
 * covers its maximal subpart: "\xE2\x80x" is U+FFFD (2 bytes) and "x".
 */
size_t text_next_char(const char *s, size_t len, unsigned int *cp);

/* After text_next_char gave cp from n bytes at s: was that an invalid sequence (not a U+FFFD written in the text)? */
bool text_bad_seq(const char *s, size_t n, unsigned int cp);

/*
 * The character that ends at byte at of s (at a character boundary, as
 * text_next_char steps): returns its length in bytes (0 when at is 0)
 * and decodes it to *cp. Stepping back with it gives the same characters
 * as stepping forward with text_next_char, invalid bytes included.
 */
size_t text_prev_char(const char *s, size_t at, unsigned int *cp);

/* The start of the character holding byte at of s (len when at >= len). */
size_t text_char_floor(const char *s, size_t len, size_t at);

/* Bytes at the start of s (0..3) that continue a character begun before it: a buffer cut from a longer text. */
size_t text_resync(const char *s, size_t len);

/* Characters in s, as text_next_char counts them. */
size_t text_count_chars(const char *s, size_t len);

/* Byte offset of character number chars of s (len when past the end). */
size_t text_char_offset(const char *s, size_t len, size_t chars);

/* UTF-8 of cp into out (surrogates and values past U+10FFFF as U+FFFD); returns its length 1..4. */
size_t text_put_char(unsigned int cp, char out[4]);

/* Columns cp takes on the terminal once scrubbed (placeholders counted, soft hyphen 0, wide 2). */
int text_char_width(unsigned int cp);

/* Letter classes from Unicode's tables, independent of the C library's locale. */
bool text_is_lower(unsigned int cp);
bool text_is_upper(unsigned int cp);
bool text_is_letter(unsigned int cp);

/* Trim ASCII and no-break spaces at both ends: returns a pointer into s, *len updated. */
const char *text_trim(const char *s, size_t *len);

/* White space: ASCII space and controls \t \n \v \f \r, NEL, no-break and the other Unicode spaces. */
bool text_is_space(unsigned int cp);

/* s with every run of white space made one ' ' (what the search index holds). Caller frees. */
char *text_squeeze_space(const char *s, size_t len, size_t *out_len);

/* Byte offset in t of character number chars of text_squeeze_space(t) (len when past the end). */
size_t text_squeezed_char_to_byte(const char *t, size_t len, long long chars);

/* Counting the characters of text_squeeze_space(t) over t read in pieces (a blob in chunks). */
struct text_squeeze_count {
	long long chars;	/* characters counted so far */
	bool prev_space;	/* the last one was white space */
};
/*
 * Walk the piece s on from *c, counting as text_squeezed_char_to_byte
 * does: returns the offset in s of character number target, or
 * (size_t)-1. *used: the bytes walked (up to the match, or the end). With
 * more (another piece follows), a character cut by the end is left for
 * the next piece: *used stops before it.
 */
size_t text_squeeze_walk(struct text_squeeze_count *c, const char *s, size_t len,
    long long target, bool more, size_t *used);

/*
 * A query ready to find in text: NFC, trimmed, folded per code point
 * (text_fold_char); a run of white space in it matches any run of white
 * space in the text, line breaks included.
 */
struct text_matcher {
	unsigned int *q;	/* folded code points; ' ' stands for a run of white space */
	size_t n;
	unsigned char lead[256];	/* first bytes a match can start with */
};

void text_matcher_init(struct text_matcher *m, const char *query, size_t len);
void text_matcher_free(struct text_matcher *m);
/* Whether m matches at byte at of text; *mlen gets the bytes it covers. */
bool text_matcher_at(const struct text_matcher *m, const char *text, size_t len, size_t at,
    size_t *mlen);
/* First match at or after byte from: its byte offset, or (size_t)-1. *mlen: its bytes. */
size_t text_matcher_find(const struct text_matcher *m, const char *text, size_t len,
    size_t from, size_t *mlen);

/* A lower-case ASCII slug: å ä → a, ö → o, other non-alnum → '-'. For ids. Caller frees. */
char *text_slug(const char *s, size_t len);

/*
 * Output for people: printf to stdout (or f), the result scrubbed as
 * text_scrub does (text_out.c), so a file name or an argument carrying
 * ESC, C1 controls or bidi overrides cannot drive the terminal. Every line
 * the program prints goes through these; JSON has its own escaping.
 */
void text_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void text_fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void text_vfprintf(FILE *f, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* s scrubbed, no newline added. */
void text_puts(const char *s);

#endif
