/*
 * Shared by import_split.c (the segments, the items they go to, the two
 * passes) and import_markers.c (the table of document-start markers).
 * Private to those two files.
 */
#ifndef KALLELSE_IMPORT_SPLIT_H
#define KALLELSE_IMPORT_SPLIT_H

#include "import_internal.h"

/* One document as the scan finds it: where it starts and what it is. */
struct seg {
	size_t start;
	const char *kind;	/* static string */
	char *title;		/* or NULL: made when the text is known */
	char *date, *case_number;
	int item;		/* index into p->items, or -1 */
	int para;		/* § of a protokollsutdrag */
	size_t fb;		/* "Förslag till beslut" of a tjänsteskrivelse */
	bool front;		/* front matter: always the meeting's */
};

struct split {
	const struct imp_text *t;
	struct packet *p;
	struct seg *v;
	size_t n, cap;
	bool *skip;		/* repeated page headers left out of the text */
	struct imp_entries *ents;	/* Beslutsunderlag of each item, [item + 1] */
	size_t n_ents;
	int cur_item;
	size_t window;		/* lines left in which a listed title may start a document */
	char *para_date;	/* Sammanträdesdatum of the last PROTOKOLL header */
	bool para_presidium;	/* and whether it was a presidium's (or arbetsutskott's) */
	char *presidium_date;	/* date of the presidium's minutes seen so far */
	bool with_items;	/* second pass: items are known */
};

/* ---- import_split.c ---- */

/* A new segment of kind at line start, on the current item. */
struct seg *split_push(struct split *sp, size_t start, const char *kind);
void split_set_item(struct split *sp, struct seg *s, int item);
/* Fill a new protokollsutdrag s at line i: its §, date, title, and the item it treats. */
void split_fill_para(struct split *sp, struct seg *s, size_t i);
/* Fill a new tjänsteskrivelse s at line i whose "Förslag till beslut" is at fb. */
void split_fill_memo(struct split *sp, struct seg *s, size_t i, size_t fb);
/* An unused listed entry of the current item: of that kind / whose title starts at s. */
struct imp_entry *split_entry_by_kind(const struct split *sp, const char *kind);
struct imp_entry *split_entry_by_title(const struct split *sp, const char *s, bool strict);
/* Take a listed entry as the new document's kind and title. */
void split_take_entry(struct seg *s, struct imp_entry *e);
/* The first item whose title names a verksamhetsplan, or the current one. */
int split_plan_item(const struct split *sp);

/* ---- import_markers.c ---- */

/* Check line i for the start of a document (or a repeated header); true when one started. */
bool split_check_marker(struct split *sp, size_t i);

#endif
