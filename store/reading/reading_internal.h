/*
 * Inside the reading model: the source split into lines, what each line
 * was found to be, and the block builder the parsers share.
 */
#ifndef KALLELSE_READING_INTERNAL_H
#define KALLELSE_READING_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "reading.h"

enum rline_class {
	RL_TEXT,
	RL_BLANK,
	RL_FURNITURE,	/* page number or running head: dropped */
	RL_NOTE,	/* first line of a footnote */
	RL_NOTE_MORE,	/* a footnote's later line */
};

struct rline {
	size_t off, len;	/* trimmed of spaces at both ends */
	bool lead_space;	/* the line began with a space (slide starts in raw decks) */
	enum rline_class cls;
	int page, sheet;	/* on a furniture group's first line: its numbers (-1 none) */
	bool group_start;	/* first line of a furniture group */
	size_t ref_off;		/* RL_NOTE: where its reference is in the source */
};

/* A footnote reference found glued to the text ("demenssjukdom19"). */
struct rref {
	size_t off, len;	/* the digits */
};

struct rdoc {
	const char *src;
	size_t srclen;
	struct rline *lines;
	size_t nlines;
	struct rref *refs;	/* claimed references, ascending */
	size_t nrefs;
	struct doc_layout *out;
	size_t cap;
	/* rt_table: how far past a table an uncaptioned one may go on (the
	 * furthest table end + 2000 among the first table_seen blocks). */
	size_t table_seen, table_reach;
};

/* The parse's state between blocks (reading_parse.c). */
struct parse {
	struct rdoc *d;
	size_t typical;		/* a full line's length in bytes: shorter lines ending a sentence end a paragraph */
	int last_level;		/* level of the last numbered heading */
	size_t *deferred;	/* note and page lines met inside an open paragraph */
	size_t ndeferred;
};

/* reading_parse.c: one step, the typical line length, a note's owner among the blocks so far. */
size_t rp_step(struct parse *p, size_t i);
size_t rp_typical_len(const struct rdoc *d);
size_t rp_owner_of(const struct doc_layout *o, size_t ref);

/*
 * reading_lazy.c: parsing on demand (reading_parse_start). Each makes
 * sure of something, parsing as far as that needs; all are no-ops once
 * all is parsed (o->more NULL).
 */
void rp_need_blocks(struct doc_layout *o, size_t n);	/* at least n blocks */
void rp_need_past(struct doc_layout *o, size_t off);	/* no block to come starts at or before off */
void rp_need_notes_in(struct doc_layout *o, size_t a, size_t b);	/* footnotes referred to in [a, b) parsed */
bool rp_resolved(const struct doc_layout *o, size_t b);	/* block b is not a footnote still without its owner */
size_t rp_notes(const struct doc_layout *o, const size_t **list);	/* footnote blocks so far, ascending */
void rp_free(struct doc_layout *o);

/* reading_lines.c: splitting and classifying lines. */
void rl_split(struct rdoc *d);
void rl_mark_furniture(struct rdoc *d);
void rl_find_notes(struct rdoc *d);
bool rl_is_deck(const struct rdoc *d);
const char *rl_text(const struct rdoc *d, size_t i);	/* start of line i */
unsigned int rl_first_cp(const char *s, size_t len);
bool rl_is_upper(unsigned int cp);
bool rl_is_lower(unsigned int cp);
bool rl_is_digit_str(const char *s, size_t len);
char rl_last_char(const char *s, size_t len);
size_t rl_bullet(const char *s, size_t len, bool loose);	/* bytes of the bullet and its space, 0 none */
size_t rl_number_item(const char *s, size_t len);	/* bytes of "1. " / "2) ", 0 none */
int rl_heading(const char *s, size_t len, size_t *label_len);	/* level of a numbered heading, 0 none */
bool rl_known_heading(const char *s, size_t len);
bool rl_has_prefix(const char *s, size_t len, const char *p);

/* reading_build.c: growing blocks. */
struct reading_block *rb_new(struct rdoc *d, enum reading_kind kind, size_t src_off);
void rb_append_src(struct rdoc *d, struct reading_block *b, size_t off, size_t len);
void rb_append_sep(struct reading_block *b, const char *s);
void rb_extend(struct reading_block *b, size_t off, size_t len);
void rb_add_line(struct reading_block *b, const char *s, size_t len);
void rb_add_src_line(struct rdoc *d, struct reading_block *b, size_t off, size_t len);
size_t rb_text_len(const struct reading_block *b);

/* reading_table.c: a table starting at line i; returns the line after it, or i when none. */
size_t rt_table(struct rdoc *d, size_t i);

/* reading_deck.c: the whole text as slides. */
void rd_deck(struct rdoc *d);

#endif
