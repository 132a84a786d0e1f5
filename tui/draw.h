/*
 * Drawing text on curses windows: every string passes through the text
 * module's scrubber and is cut by display width, so nothing from a
 * document reaches the terminal raw and wide characters, combining marks
 * and invalid bytes never misalign columns. Styles work in 8 colours,
 * honour NO_COLOR, and fall back to attributes on a monochrome terminal.
 */
#ifndef KALLELSE_DRAW_H
#define KALLELSE_DRAW_H

#include <stddef.h>

#include "curses_compat.h"

enum draw_style {
	STYLE_NORMAL,
	STYLE_TITLE,		/* the title line */
	STYLE_STATUS,		/* the status line */
	STYLE_ERROR,		/* an error on the status line */
	STYLE_SELECTED,		/* the selected row */
	STYLE_HEADING,		/* headings in documents and the item view */
	STYLE_SECTION,		/* agenda sections and meeting groups */
	STYLE_PROPOSAL,		/* the decision proposal */
	STYLE_MATCH,		/* search matches */
	STYLE_MARKER,		/* marker characters */
	STYLE_CONFIDENTIAL,	/* confidential items */
	STYLE_DIM,		/* secondary text */
	STYLE__COUNT
};

/* Set up colours once after initscr (or not, under NO_COLOR or without colours). */
void draw_init(void);
attr_t draw_attr(enum draw_style s);

/* A cursor on one row of a window, drawing left to right up to column right. */
struct draw {
	WINDOW *w;
	int y, x, right;
};

/* Start drawing on row y of w from column x up to column right (exclusive). */
struct draw draw_at(WINDOW *w, int y, int x, int right);
/* Draw len bytes of s (scrubbed, tabs and newlines as spaces) in what is left; returns columns used. */
int draw_text(struct draw *d, const char *s, size_t len, attr_t attr);
int draw_str(struct draw *d, const char *s, attr_t attr);
/* Spaces up to the right end. */
void draw_fill(struct draw *d, attr_t attr);
/* Move on to column x (spaces in attr), when it lies ahead. */
void draw_to(struct draw *d, int x, attr_t attr);
/* Draw s right-aligned so that it ends at d->right; returns its start column. */
int draw_right(struct draw *d, const char *s, attr_t attr);
/* Display width of a string after scrubbing (what draw_text would take). */
int draw_width(const char *s);
/* A fresh scrubbed copy with tabs, newlines and CR as spaces. Caller frees. */
char *draw_clean(const char *s, size_t len, size_t *out_len);

#endif
