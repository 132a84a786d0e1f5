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

/*
 * Mark in lead[] the first UTF-8 byte of every code point that folds to
 * f (text_fold_char), so a matcher can skip the bytes no match begins with.
 */
void text_fold_leads(unsigned int f, unsigned char lead[256]);

#endif
