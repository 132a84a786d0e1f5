/*
 * The reading model: a document's extracted text (as stored) turned into
 * the blocks a reader sees on paper -- paragraphs, headings, list items,
 * tables, footnotes, page marks and slides -- and laid out into display
 * lines for a given width. Pure text work on top of the text module: no
 * SQLite, no curses. The pager, `kallelse read` and search use it.
 *
 * Every block keeps the byte ranges of the source it came from, and every
 * display line its source offset, so positions (search hits, notes, the
 * reading position) map both ways between the stored text and the layout.
 */
#ifndef KALLELSE_READING_H
#define KALLELSE_READING_H

#include <stdbool.h>
#include <stddef.h>

enum reading_kind {
	READING_PARAGRAPH,	/* reflowable prose */
	READING_HEADING,	/* level, label ("1.3", "5 kap.", "7 §") or none */
	READING_ITEM,		/* list item: label NULL for a bullet, "1." for a number */
	READING_TABLE,		/* rows x columns (cells), never reflowed */
	READING_LINES,		/* kept line by line (columns not recovered), never reflowed */
	READING_NOTE,		/* footnote: label is its number, owner the block referring to it */
	READING_PAGE,		/* page furniture dropped here: page number kept */
	READING_SLIDE,		/* one slide: text is the title, lines its points */
};

/* One piece of a block's text copied from the source: text[text_off..] == src[src_off..]. */
struct reading_piece {
	size_t text_off;
	size_t src_off;
};

struct reading_block {
	enum reading_kind kind;
	int level;		/* heading: 1 = chapter, 2 = "1.3", ...; others 0 */
	char *label;		/* heading number, item number, note number, page number; or NULL */
	char *text;		/* one line: the text as read; footnote references as "[19]" */
	size_t src_off, src_len;	/* the whole source range it came from */
	struct reading_piece *pieces;	/* text offset -> source offset, ascending */
	size_t npieces;
	char **lines;		/* READING_LINES, READING_SLIDE: the lines / points */
	size_t nlines;
	char **cells;		/* READING_TABLE: nrows * ncols, "" for an empty cell */
	size_t nrows, ncols;
	size_t header_rows;	/* READING_TABLE: how many of the first rows are the header */
	size_t amount_cols;	/* READING_TABLE: columns 1..amount_cols are right-aligned amounts */
	int page, sheet;	/* READING_PAGE: page number that starts here; the other number shown (-1 none) */
	size_t owner;		/* READING_NOTE: index of the block with the reference, or READING_NONE */
	/* The builder's bookkeeping (reading_build.c): strlen(text) and room allocated. */
	size_t text_len, text_cap, pieces_cap;
};

#define READING_NONE ((size_t)-1)

struct doc_layout {
	struct reading_block *blocks;
	size_t nblocks;
	bool deck;		/* read as a slide deck */
	/* Parsed so far; NULL once all is (reading_parse_start). Private to reading_lazy.c. */
	struct reading_parsing *more;
};

struct reading_opts {
	bool deck;		/* force slide-deck reading (else guessed from the text) */
	bool no_deck;		/* never read as a deck */
};

/* Parse text (UTF-8, as stored). opts may be NULL. Never fails. Free with reading_free. */
struct doc_layout *reading_parse(const char *text, size_t len, const struct reading_opts *opts);
void reading_free(struct doc_layout **layout);
/*
 * Lazily: the whole-text passes (lines, page furniture, footnotes) now,
 * the blocks as the lazy layout (reading_render_start) needs them, the
 * very blocks reading_parse makes. text must outlive the parse. While
 * layout->more is set, blocks holds those parsed so far, and only the
 * layout functions below may be given it; reading_parse_all finishes it.
 */
struct doc_layout *reading_parse_start(const char *text, size_t len, const struct reading_opts *opts);
void reading_parse_all(struct doc_layout *layout);

/* Name of a kind for --json and messages ("paragraph", "heading" ...). Static. */
const char *reading_kind_name(enum reading_kind kind);

/* The block whose source range holds src_off (or the last one starting before it); READING_NONE when empty. */
size_t reading_block_at(const struct doc_layout *layout, size_t src_off);

/* Source offset of byte text_off of block b's text. */
size_t reading_text_to_src(const struct reading_block *b, size_t text_off);

/* ---- layout for a width ---- */

enum reading_line_flags {
	READING_LINE_HEADING = 1 << 0,	/* draw emphasised */
	READING_LINE_TABLE = 1 << 1,	/* part of a table or kept lines: may be wider than width */
	READING_LINE_NOTE = 1 << 2,	/* a footnote */
	READING_LINE_PAGE = 1 << 3,	/* a page mark (only with READING_SHOW_PAGES) */
	READING_LINE_BLANK = 1 << 4,	/* separator */
	READING_LINE_HEADER = 1 << 5,	/* a table's header row */
};

struct reading_line {
	char *text;		/* plain UTF-8, no escapes */
	int width;		/* display columns; may exceed the layout width for tables */
	unsigned flags;
	size_t block;		/* index into layout->blocks, READING_NONE for a separator */
	size_t src;		/* source offset of the line's first character */
};

struct reading_heading {
	int level;
	const char *label;	/* points into the layout: keep it alive */
	const char *title;
	size_t line;		/* index into view->lines */
};

struct reading_page {
	int page, sheet;
	size_t line;		/* first line of the page */
};

struct reading_view {
	struct reading_line *lines;
	size_t nlines;
	int max_width;		/* widest line: how far sideways scrolling goes */
	struct reading_heading *headings;	/* the table of contents */
	size_t nheadings;
	struct reading_page *pages;
	size_t npages;
	/* Laid out so far; NULL once all is (reading_render_start). Private to reading_render.c. */
	struct reading_more *more;
};

enum reading_render_flags {
	READING_SHOW_PAGES = 1 << 0,	/* draw a "— 24 —" line at each page mark */
};

/* Lay out for width columns (>= 10). Never fails. Free with reading_view_free. */
struct reading_view *reading_render(struct doc_layout *layout, int width, unsigned flags);
void reading_view_free(struct reading_view **view);

/*
 * Lazily: a view with nothing laid out yet, extended on demand, block by
 * block, to the very lines reading_render makes (a pager opening a
 * 9,000-line SOU needs one screen of it, not all). layout must outlive
 * the view. While view->more is set, lines, headings, pages and
 * max_width cover only what is laid out so far.
 */
struct reading_view *reading_render_start(struct doc_layout *layout, int width, unsigned flags);
/* Lay out until the view has at least n lines, or all (n = SIZE_MAX). Returns whether all is. */
bool reading_view_extend(struct reading_view *view, size_t n);
/*
 * Lay out until every line whose source offset is at most src is laid
 * out (lines are not in source order: a footnote comes after the block
 * that refers to it), so reading_view_line_at(view, src) is final.
 */
void reading_view_extend_src(struct reading_view *view, size_t src);
/* Blocks laid out so far (a count for tests and benchmarks: opening must not lay out all). */
size_t reading_view_blocks_done(const struct reading_view *view);

/* First display line at or after source offset src (a search hit, a saved position). */
size_t reading_view_line_at(const struct reading_view *view, size_t src);

/* First line of page `page` (printed number, else the other number); READING_NONE when unknown. */
size_t reading_view_page_line(const struct reading_view *view, int page);

#endif
