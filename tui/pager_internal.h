/*
 * The pager's state, shared by its three files: view_pager.c (actions,
 * status, opening and closing), pager_layout.c (the document parsed once,
 * laid out per width, positions between source lines and display lines,
 * find) and pager_draw.c (drawing one screen). Internal to tui/.
 */
#ifndef KALLELSE_PAGER_INTERNAL_H
#define KALLELSE_PAGER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "pager_text.h"
#include "reading.h"
#include "text.h"
#include "view.h"

struct pager_view {
	struct view v;
	struct store_doc doc;
	char *src;		/* the stored text */
	size_t src_len;
	size_t *line_off;	/* byte offset of each source line; src_lines + 1 entries */
	size_t src_lines;	/* lines in the source text */
	struct doc_layout *layout;	/* parsed once, when the document opens */
	struct reading_view *rv;	/* laid out for the width, lazily (pager_ensure); NULL before the first draw */
	struct pager_text t;	/* the display lines joined, for find and drawing */
	size_t top;
	int height;
	int left;		/* columns wide table lines are scrolled sideways */
	int width;		/* layout width */
	size_t want_src;	/* before the first draw: the source line to show at the top */
	/* Find: the pattern, matched in the text itself (pager_text_find), so
	 * a match runs over line breaks; the match by byte offsets in the text. */
	struct text_matcher pat;
	char *pat_text;
	bool back;
	bool has_match;
	size_t match_line, match_start, match_len;
	/* Read state: the end was on screen, or it stayed open a while;
	 * u decides by hand (read_by_hand), and then time and end do not. */
	bool end_seen;
	bool read_by_hand;
	time_t opened;
	/* '' (less, vi): the line the last jump or search left; SIZE_MAX: none yet. */
	size_t jump_from;
	bool quote;		/* one ' pressed, the second goes back */
	/* Source lines with a note (the + in the margin), sorted; loaded by reload. */
	size_t *notes;
	size_t n_notes;
	/* Paragraphs changed since the document was read (ändrad), as source
	 * line ranges; loaded by reload, empty when it is not changed. */
	struct store_para *changes;
	size_t n_changes;
};

/* pager_layout.c */
bool pager_has_note(const struct pager_view *pv, size_t src);
bool pager_src_changed(const struct pager_view *pv, size_t src);
void pager_ensure(struct pager_view *pv, size_t n);
void pager_ensure_src(struct pager_view *pv, size_t off);
size_t pager_max_top(struct pager_view *pv);
size_t pager_clamp_top(struct pager_view *pv, size_t top);
bool pager_at_end(struct pager_view *pv, size_t top);
size_t pager_src_line_of(const struct pager_view *pv, size_t off);
size_t pager_line_at_src(struct pager_view *pv, size_t off);
size_t pager_line_of_src_line(struct pager_view *pv, size_t line);
int pager_page_of_line(const struct pager_view *pv, size_t l);
void pager_load(struct pager_view *pv);
void pager_relayout(struct pager_view *pv, int width);
void pager_show_line(struct pager_view *pv, size_t l);
bool pager_find(struct pager_view *pv, bool backward, bool inclusive);
void pager_set_pattern(struct pager_view *pv, const char *pattern);

/* pager_draw.c */
void pager_draw(struct view *v, WINDOW *w, int rows, int cols);

#endif
