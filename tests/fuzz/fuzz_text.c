/*
 * libFuzzer target: the text module. Decoding, NFC, folding, scrubbing,
 * wrapping, cutting and matching on any bytes; each result is checked for
 * the promises text.h makes (valid UTF-8 out, no raw controls after scrub,
 * wrapped lines inside the input). A broken promise aborts.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
must(int cond)
{
	if (!cond)
		abort();
}

/* After text_scrub nothing may drive a terminal: no C0 but \n \t, no DEL, no C1, no bidi. */
static void
check_scrubbed(const char *s, size_t len)
{
	size_t i = 0;

	must(text_is_utf8(s, len));
	while (i < len) {
		unsigned int cp;
		size_t n = text_next_char(s + i, len - i, &cp);

		must(!(cp < 0x20 && cp != '\n' && cp != '\t'));
		must(cp != 0x7f && !(cp >= 0x80 && cp < 0xa0));
		must(!(cp >= 0x202a && cp <= 0x202e) && !(cp >= 0x2066 && cp <= 0x2069));
		i += n;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	int width = size ? 1 + data[0] % 100 : 40;
	size_t dlen = 0, slen = 0, flen = 0, qlen = 0, mlen = 0;
	enum text_encoding enc;
	char *dec = text_decode(in, size, &dlen, &enc);
	char *scr, *fold, *cut, *sq, *slug;
	struct text_line *lines = NULL;
	struct text_matcher m;
	size_t n;

	must(dec != NULL && text_is_utf8(dec, dlen));
	scr = text_scrub(in, size, &slen);
	check_scrubbed(scr, slen);
	fold = text_fold(dec, dlen, &flen);
	must(text_is_utf8(fold, flen));
	n = text_wrap(scr, slen, width, &lines);
	must(n >= 1);
	for (size_t i = 0; i < n; i++)
		must(lines[i].off + lines[i].len <= slen);
	cut = text_truncate(scr, slen, width);
	must(text_width(cut, strlen(cut)) <= width);
	sq = text_squeeze_space(dec, dlen, &qlen);
	slug = text_slug(dec, dlen);
	/* The input's first few bytes as a query against the rest. */
	text_matcher_init(&m, dec, dlen < 8 ? dlen : 8);
	(void)text_matcher_find(&m, dec, dlen, 0, &mlen);
	text_matcher_free(&m);
	(void)text_collate(dec, dlen, fold, flen);
	free(lines);
	free(dec);
	free(scr);
	free(fold);
	free(cut);
	free(sq);
	free(slug);
	return 0;
}
