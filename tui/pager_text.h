/*
 * The pager's layout of one document: the text is laid out lazily,
 * block by block, as far as the screen needs. Paragraphs are joined and
 * wrapped to the width; list items (hanging under their text), table
 * rows and headings stay lines of their own. Only the text and an array
 * of 16-byte line records are in memory.
 */
#ifndef KALLELSE_PAGER_TEXT_H
#define KALLELSE_PAGER_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum pline_kind { PL_TEXT, PL_HEADING, PL_BLANK };

/* One line on screen: a byte range of the text. 16 bytes, so a 9,300-line SOU costs ~200 KB. */
struct pline {
	uint32_t off, len;
	uint32_t src;		/* source line where this line starts (0-based); from a
				   reading view (pager_text_sync): its source byte offset */
	uint16_t kind;
	uint16_t indent;	/* columns: list items hang under their text */
};

struct pager_text {
	char *text;		/* the document; owned by the pager view */
	size_t len;
	struct pline *pl;	/* laid-out lines; owned */
	size_t n_pl, cap_pl;
	size_t scan;		/* byte offset of the first source line not laid out */
	uint32_t scan_src;	/* its line number */
	bool done;		/* all laid out */
	int width;		/* layout width, 0 before the first layout */
	size_t cap_text;	/* bytes allocated for text (pager_text_sync) */
};

/*
 * Lay out again for width, from the start, as far as the byte offset keep;
 * returns the index of the line that shows keep.
 */
size_t pager_text_layout(struct pager_text *t, int width, size_t keep);
/* Lay out until there are at least n lines, or all (n = SIZE_MAX). */
void pager_text_ensure(struct pager_text *t, size_t n);
/* The line showing source line src (0-based), laying out as far as needed. */
size_t pager_text_line_of_src(struct pager_text *t, size_t src);
/* The line showing byte off of the text (or the last line before it), laying out as far as needed. */
size_t pager_text_line_of_off(struct pager_text *t, size_t off);

struct reading_view;
/*
 * Take the lines of a reading view (the reading model's layout, see
 * store/reading/reading.h) as the laid-out text: t->text becomes the
 * display lines joined by '\n' (so find matches the text as read, over
 * display lines, and never a dropped page head), one pline per display
 * line with its source byte offset in src. Incremental: appends the
 * lines laid out since the last call (a lazily laid out view grows), and
 * drops the trailing separators the view drops when it is complete.
 * Start a new view with t zeroed (pager_text_clear); t->done says
 * whether the view is all laid out.
 */
void pager_text_sync(struct pager_text *t, const struct reading_view *rv, int width);
/* Free what t holds and zero it. */
void pager_text_clear(struct pager_text *t);

struct text_matcher;
/*
 * Find m in the text itself, not line by line, so a match can run over a
 * line break and over display lines (a run of white space in m matches
 * any run). Forward: the first match starting in [from, until); backward:
 * the last one starting in [until, from). *start, *len: its bytes.
 */
bool pager_text_find(const struct pager_text *t, const struct text_matcher *m, size_t from,
    size_t until, bool backward, size_t *start, size_t *len);

#endif
