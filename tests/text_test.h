/*
 * Shared by the unit tests of the text module (store/text/text.h), which
 * are one program (tests/test_text) in several files: test_text.c runs
 * the suite, each test_text_*.c adds its test cases to it.
 */
#ifndef KALLELSE_TEXT_TEST_H
#define KALLELSE_TEXT_TEST_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>

#define NROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define FFFD "\xEF\xBF\xBD"

/* -1, 0 or 1 as x is negative, zero or positive. */
static inline int
sign(int x)
{
	return (x > 0) - (x < 0);
}

/* A generated string of awkward pieces (marks, wide, invalid, controls, bidi). Caller frees. */
char *random_text(unsigned int *seed, size_t *len);
/* text_collate_str for qsort over char *. */
int text_test_cmp(const void *a, const void *b);

void text_decode_tests(TCase *tc);	/* test_text_decode.c: decoding, characters */
void text_fold_tests(TCase *tc);	/* test_text_fold.c: NFC, the folding rule */
/* test_text_fold.c: every code point against FTS5 and the matcher (slow: its own time-out) */
void text_fold_every_cp_tests(TCase *tc);
void text_collate_tests(TCase *tc);	/* test_text_collate.c */
void text_width_tests(TCase *tc);	/* test_text_width.c: width, cut, wrap, scrub, trim, slug */
void text_props_tests(TCase *tc);	/* test_text_props.c: properties on generated text */
void text_agree_tests(TCase *tc);	/* test_text_agree.c: search, pager find and text_fold agree */

#endif
