/*
 * Drawing scrubbed, width-cut text and the colour styles.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "text.h"
#include "xmalloc.h"

static attr_t styles[STYLE__COUNT];

/* The colour pairs draw_init sets up (pair 0 is the terminal's own). */
enum colour_pair {
	PAIR_BAR = 1,		/* title and status lines */
	PAIR_MATCH,		/* search matches */
	PAIR_ALERT,		/* confidential: red on the terminal's background */
	PAIR_ERROR,		/* an error on the status line */
	PAIR_MARKER,		/* marker characters */
};
/* Fewer colours than this and the styles stay attributes only. */
#define DRAW_MIN_COLOURS 8

/* Attributes alone: what a monochrome terminal or NO_COLOR gets. */
static void
mono_styles(void)
{
	styles[STYLE_NORMAL] = A_NORMAL;
	styles[STYLE_TITLE] = A_REVERSE | A_BOLD;
	styles[STYLE_STATUS] = A_REVERSE;
	styles[STYLE_ERROR] = A_REVERSE | A_BOLD;
	styles[STYLE_SELECTED] = A_REVERSE;
	styles[STYLE_HEADING] = A_BOLD | A_UNDERLINE;
	styles[STYLE_SECTION] = A_BOLD;
	styles[STYLE_PROPOSAL] = A_BOLD;
	styles[STYLE_MATCH] = A_UNDERLINE | A_BOLD;
	styles[STYLE_MARKER] = A_BOLD;
	styles[STYLE_CONFIDENTIAL] = A_BOLD;
	styles[STYLE_DIM] = A_NORMAL;
}

void
draw_init(void)
{
	const char *no_color = getenv("NO_COLOR");

	mono_styles();
	if ((no_color && *no_color) || !has_colors() || start_color() == ERR || COLORS < DRAW_MIN_COLOURS)
		return;
	/*
	 * The terminal's own foreground and background stay for body text, so
	 * it reads on light and dark themes alike; colour only where it sets
	 * its own background (bars, matches) or marks something that also has
	 * a character or attribute of its own.
	 */
	use_default_colors();
	/* -1: the terminal's default colour (use_default_colors). */
	init_pair(PAIR_BAR, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_MATCH, COLOR_BLACK, COLOR_YELLOW);
	init_pair(PAIR_ALERT, COLOR_RED, -1);
	init_pair(PAIR_ERROR, COLOR_WHITE, COLOR_RED);
	init_pair(PAIR_MARKER, COLOR_MAGENTA, -1);
	styles[STYLE_TITLE] = COLOR_PAIR(PAIR_BAR) | A_BOLD;
	styles[STYLE_STATUS] = COLOR_PAIR(PAIR_BAR);
	styles[STYLE_ERROR] = COLOR_PAIR(PAIR_ERROR) | A_BOLD;
	styles[STYLE_MATCH] = COLOR_PAIR(PAIR_MATCH);
	styles[STYLE_CONFIDENTIAL] = COLOR_PAIR(PAIR_ALERT) | A_BOLD;
	styles[STYLE_MARKER] = COLOR_PAIR(PAIR_MARKER) | A_BOLD;
}

attr_t
draw_attr(enum draw_style s)
{
	return (unsigned)s < STYLE__COUNT ? styles[s] : A_NORMAL;
}

struct draw
draw_at(WINDOW *w, int y, int x, int right)
{
	return (struct draw){ .w = w, .y = y, .x = x, .right = right };
}

char *
draw_clean(const char *s, size_t len, size_t *out_len)
{
	size_t n;
	char *c = text_scrub(s, len, &n);

	for (size_t i = 0; i < n; i++)
		if (c[i] == '\t' || c[i] == '\n' || c[i] == '\r')
			c[i] = ' ';
	if (out_len)
		*out_len = n;
	return c;
}

int
draw_text(struct draw *d, const char *s, size_t len, attr_t attr)
{
	size_t n, fit;
	int used = 0;
	char *c;

	if (d->x >= d->right || len == 0)
		return 0;
	c = draw_clean(s, len, &n);
	fit = text_fit(c, n, d->right - d->x, &used);
	if (fit < n) {
		/* Cut: say so with an ellipsis rather than silently. */
		char *t = text_truncate(c, n, d->right - d->x);
		free(c);
		c = t;
		n = strlen(c);
		fit = text_fit(c, n, d->right - d->x, &used);
	}
	if (fit > 0) {
		wattrset(d->w, attr);
		mvwaddnstr(d->w, d->y, d->x, c, (int)fit);
	}
	free(c);
	d->x += used;
	return used;
}

int
draw_str(struct draw *d, const char *s, attr_t attr)
{
	return s ? draw_text(d, s, strlen(s), attr) : 0;
}

void
draw_to(struct draw *d, int x, attr_t attr)
{
	if (x > d->right)
		x = d->right;
	if (d->x >= x)
		return;
	wattrset(d->w, attr);
	mvwhline(d->w, d->y, d->x, ' ' | attr, x - d->x);
	d->x = x;
}

void
draw_fill(struct draw *d, attr_t attr)
{
	draw_to(d, d->right, attr);
}

int
draw_width(const char *s)
{
	size_t n;
	char *c = draw_clean(s, strlen(s), &n);
	int w = text_width(c, n);

	free(c);
	return w;
}

int
draw_right(struct draw *d, const char *s, attr_t attr)
{
	int w = draw_width(s);
	int start = d->right - w;

	if (start < d->x)
		start = d->x;
	draw_to(d, start, attr);
	draw_str(d, s, attr);
	return start;
}
