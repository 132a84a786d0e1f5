/*
 * Plain-text output shared by the reading commands. Everything goes
 * through text_printf/text_puts, which scrub what they print (controls,
 * escapes, bidi overrides become placeholders), so content needs no
 * cleaning of its own; only a padded column scrubs first, to measure what
 * will really be shown.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xmalloc.h"

void
cli_put_padded(const char *s, int width)
{
	size_t n = 0;
	char *t = text_scrub(cli_str(s), strlen(cli_str(s)), &n);
	char *p = text_pad(t, n, width);

	text_puts(p);
	free(p);
	free(t);
}

char *
cli_time_slot(const char *a, const char *b)
{
	if (a && b)
		return xasprintf("%s–%s", a, b);
	return xstrdup(a ? a : "");
}

void
cli_print_meeting_head(const struct store_meeting *m)
{
	text_printf("%s\n", cli_str(m->body));
	text_printf("%s%s%s%s%s\n", cli_str(m->date), m->time ? " " : "", cli_str(m->time),
	    m->place ? ", " : "", cli_str(m->place));
}
