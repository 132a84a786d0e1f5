/*
 * The printed agenda (DAGORDNING): one layout, pages of boxes holding
 * runs of text on a grid of character cells, computed once from the
 * meeting and drawn three ways: PDF (cairo + pango), plain text with form
 * feeds between pages, and the terminal preview (tui/view_preview.c).
 * Because every output draws the same cells, the page breaks on screen
 * are the page breaks on paper. No curses here.
 */
#ifndef KALLELSE_PRINT_H
#define KALLELSE_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "store.h"

/* A page: this many columns and lines of cells (A4 at about 10 pt). */
#define PRINT_COLS 76
#define PRINT_LINES 56

enum print_variant {
	PRINT_PUBLIC,		/* for members and the public: confidential items masked */
	PRINT_PRESIDIUM,	/* the presidium's preparation sheet: marks and comments */
	PRINT_PERSONAL,		/* a member's copy: the items they marked or noted */
};

enum print_style {
	PRINT_PLAIN,
	PRINT_BOLD,		/* titles, headings, "DAGORDNING n(m)" */
	PRINT_BIG,		/* the body's name */
};

/* One line of text in a box: at (line, col) of its page, at most width columns. */
struct print_run {
	int line, col, width;
	enum print_style style;
	char *text;
};

enum print_box_kind { PRINT_BOX_HEADER, PRINT_BOX_SECTION, PRINT_BOX_ITEM, PRINT_BOX_BREAK };

/* A box: lines [line, line + lines) of a page, never split across pages. */
struct print_box {
	enum print_box_kind kind;
	int line, lines;
	size_t item;		/* index into the agenda's items (PRINT_BOX_ITEM) */
};

struct print_page {
	struct print_run *runs;
	size_t n_runs;
	struct print_box *boxes;
	size_t n_boxes;
};

struct print_doc {
	struct print_page *pages;
	size_t n_pages;
	int cols, lines;
};

/* What the layout and the checks read, loaded once from the store. */
struct print_agenda {
	struct store_meeting meeting;
	struct agenda_item *items;
	size_t n_items;
	struct store_break *breaks;
	size_t n_breaks;
};

enum status print_agenda_load(struct store *s, const char *meeting_id, struct print_agenda *a);
void print_agenda_free(struct print_agenda *a);

/* Lay the agenda out in pages. d is filled; print_doc_free frees it. */
void print_layout(const struct print_agenda *a, enum print_variant v, struct print_doc *d);
void print_doc_free(struct print_doc *d);

/* "public", "presidium", "personal" -> variant; false when unknown. */
bool print_variant_parse(const char *name, enum print_variant *v);

/* ---- checks before the packet goes out ---- */

struct print_problem {
	char *number;		/* the item ("7") or NULL for the agenda as a whole */
	char *message;		/* translated, says what to fix */
};

/* Problems of the agenda as printed in variant v, in agenda order. Caller frees (print_problems_free). */
size_t print_check(const struct print_agenda *a, enum print_variant v,
    struct print_problem **out);
void print_problems_free(struct print_problem *p, size_t n);

/* ---- outputs ---- */

/* The pages as plain text, a form feed between pages; false on a write error. */
bool print_write_text(const struct print_doc *d, FILE *f);

/* Whether this build writes PDF (cairo and pango found by configure). */
bool print_pdf_available(void);
/*
 * Write the pages as an A4 PDF to path. On failure (a build without
 * cairo too) STATUS_IO and *err says what happened and what to do.
 * Caller frees *err.
 */
enum status print_write_pdf(const struct print_doc *d, const char *title, const char *path,
    char **err);

#endif
