/*
 * Everything the program prints to stdout or stderr goes through here: the formatted
 * text is scrubbed (text_scrub) before it reaches stdout or stderr, so a
 * file name, an argument or an error message carrying ESC, C1 controls
 * or bidi overrides shows them as placeholders (^[, <U+202E>) instead of
 * driving the terminal (an OSC sequence in a file name would retitle it).
 * JSON does not come here: json.c escapes every such character itself.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xmalloc.h"

static void
put_scrubbed(FILE *f, const char *s, size_t len)
{
	size_t n;
	char *t = text_scrub(s, len, &n);

	fwrite(t, 1, n, f);
	free(t);
}

void
text_vfprintf(FILE *f, const char *fmt, va_list ap)
{
	char *s = xvasprintf(fmt, ap);

	put_scrubbed(f, s, strlen(s));
	free(s);
}

void
text_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	text_vfprintf(f, fmt, ap);
	va_end(ap);
}

void
text_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	text_vfprintf(stdout, fmt, ap);
	va_end(ap);
}

void
text_puts(const char *s)
{
	put_scrubbed(stdout, s, strlen(s));
}
