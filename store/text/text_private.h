/*
 * Helpers shared by the text_*.c files only (not part of the text.h
 * contract). Nothing here is for other modules.
 */
#ifndef KALLELSE_TEXT_PRIVATE_H
#define KALLELSE_TEXT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* UTF-8 of U+FFFD REPLACEMENT CHARACTER. */
#define TEXT_FFFD "\xEF\xBF\xBD"

/*
 * After text_next_char gave cp from n bytes at s: was that an invalid
 * sequence (rather than a U+FFFD written in the text, EF BF BD)?
 */
static inline bool
text_bad_seq(const char *s, size_t n, unsigned int cp)
{
	return cp == 0xFFFD && (n != 3 || memcmp(s, TEXT_FFFD, 3) != 0);
}

/*
 * Copy of s with every invalid UTF-8 sequence (maximal subpart) replaced
 * by U+FFFD. NUL-terminated; *out_len gets the length. Caller frees.
 */
char *text_valid_copy(const char *s, size_t len, size_t *out_len);

/* True when the valid UTF-8 s is certainly NFC already (a fast test). */
bool text_nfc_quick(const char *s, size_t len);

/*
 * NFC of the valid UTF-8 buffer s (len bytes, malloc'd). Takes ownership
 * of s: returns s itself when it is already NFC, else a new buffer (s is
 * freed). NUL-terminated; *out_len gets the length. Caller frees.
 */
char *text_nfc_take(char *s, size_t len, size_t *out_len);

/*
 * What text_scrub draws instead of cp, written to out (at least 12 bytes,
 * NUL-terminated): returns its length, or 0 when cp is drawn as itself.
 */
size_t text_placeholder(unsigned int cp, char *out);

/* Columns cp takes once scrubbed (placeholders counted, soft hyphen 0). */
int text_char_width(unsigned int cp);

#endif
