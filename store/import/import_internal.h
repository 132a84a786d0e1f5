/*
 * Shared by the importer's files (store/import*.c); not part of the store
 * API. The packet's text is decoded, scrubbed and cut into trimmed lines
 * once (import_lines.c); the other files read those lines:
 *
 *   import_front.c     the kallelse front page: body, date, time, people
 *   import_agenda.c    the DAGORDNING: items, sections, times, presenters
 *   import_protocol.c  the presidium's Protokollsutdrag (§, Beslut,
 *                      Beslutsunderlag) and the tjänsteskrivelse's
 *                      "Förslag till beslut"
 *   import_split.c     where each document starts, its kind and title,
 *                      and which agenda item it belongs to; the markers
 *                      that start documents are a table in
 *                      import_markers.c
 *   import.c           reading files (PDF through pdftotext), sha256,
 *                      and import_parse_packet() tying it together
 *
 * Everything matches the structure of a packet (headings, markers, the
 * order of things), never line numbers of one file.
 */
#ifndef KALLELSE_IMPORT_INTERNAL_H
#define KALLELSE_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "packet.h"
#include "xmalloc.h"

/* One line of the packet: trimmed at both ends, runs of spaces made one. */
struct imp_line {
	char *s;		/* NUL-terminated, points into imp_text.buf */
	size_t len;		/* 0 for a blank line */
	bool page_start;	/* first line after a form feed */
};

struct imp_text {
	char *buf;		/* owned */
	struct imp_line *v;	/* owned array */
	size_t n;
	size_t form_feeds;	/* lines with page_start: 0 when the text has no pages */
};

/* ---- import_lines.c ---- */

/*
 * Split decoded, scrubbed UTF-8 (owned by t afterwards) into lines: \f
 * counts as a line break and marks a page start; each line is trimmed
 * and inner runs of spaces and tabs collapse to one space.
 */
void imp_text_init(struct imp_text *t, char *utf8, size_t len);
/* Mark lines[0..n) (line numbers, from 0) as page starts: where form feeds were. */
void imp_text_mark_pages(struct imp_text *t, const size_t *lines, size_t n);
void imp_text_free(struct imp_text *t);

/*
 * The page line i is on, from 1, counting form feeds before it; 0 when
 * the text has none. hint: a line before i whose page is known (0 and
 * 1 from the start), so that walking documents in order stays linear.
 */
int imp_page_of(const struct imp_text *t, size_t i, size_t *hint_line, int *hint_page);

/* Index of the first non-blank line at or after i (t->n when none). */
size_t imp_next(const struct imp_text *t, size_t i);
/* Index of the nth non-blank line after i (n >= 1), or t->n. */
size_t imp_next_n(const struct imp_text *t, size_t i, size_t n);
/* Index of the last non-blank line before i, or (size_t)-1. */
size_t imp_prev(const struct imp_text *t, size_t i);

bool imp_eq(const struct imp_line *l, const char *s);		/* whole line equals s */
bool imp_starts(const struct imp_line *l, const char *prefix);
bool imp_ends(const struct imp_line *l, const char *suffix);
/* Whole line equals s ignoring ASCII case and a trailing ':' or '.'. */
bool imp_eq_word(const struct imp_line *l, const char *s);
/* The first non-blank line in (i, i+within non-blank lines] that starts with prefix, or t->n. */
size_t imp_find_ahead(const struct imp_text *t, size_t i, size_t within, const char *prefix);

/* "YYYY-MM-DD" at s (exactly 10 bytes checked). */
bool imp_is_date_at(const char *s, size_t len);
/* The first "YYYY-MM-DD" in s, copied into out[11]; false when none. */
bool imp_find_date(const char *s, size_t len, char out[11]);
/* "13.05" or "13:05" at s: writes "13.05" into out[6], returns bytes used or 0. */
size_t imp_time_at(const char *s, size_t len, char out[6]);
/*
 * A case number "RJL 2024/3942" or "2024/3942" (spaces allowed around
 * '/') anywhere in s: *norm gets "RJL 2024/3942", *printed the text as
 * printed (either may be NULL; caller frees). whole: the line must be
 * only the case number.
 */
bool imp_case_number(const char *s, size_t len, bool whole, char **norm, char **printed);

/* A dash of any kind: '-', U+2013, U+2014. Returns its byte length at s, or 0. */
size_t imp_dash_at(const char *s, size_t len);
/* Does a line ending like this go on in the next line ("... med folkhälsomål i", "Anmälningsärende:")? */
bool imp_goes_on(const char *s, size_t len);
/* A bullet at the start of s ("•", "", "◦", "▪", "–"/"-" not included): bytes to skip incl. spaces, or 0. */
size_t imp_bullet_at(const char *s, size_t len);

/*
 * Join lines [from, to) (blank lines skipped) with single spaces; a word
 * hyphenated across the break is joined ("informations-" "portal"), a
 * suspended compound ("hälso-" "och") keeps its hyphen and space. Caller frees.
 */
char *imp_join(const struct imp_text *t, size_t from, size_t to);
/* How to join line a (ending in '-') to line b: 0 space, 1 drop the hyphen, 2 keep the hyphen, no space. */
int imp_hyphen_join(const char *a, size_t alen, const char *b, size_t blen);

/*
 * A document's text from lines [from, to) minus those with skip[i] set
 * (skip may be NULL): hyphenated words joined, blank runs collapsed to
 * one blank line, no leading or trailing blank lines. Caller frees.
 * With from_page > 0, the page line from is on (imp_page_of), and starts
 * not NULL: *starts gets where each later page begins in the result (its
 * line, the page), in order, *n_starts how many; caller frees *starts.
 */
char *imp_doc_text(const struct imp_text *t, size_t from, size_t to, const bool *skip,
    size_t *len, int from_page, struct packet_page_start **starts, size_t *n_starts);

/* Words of s folded for comparison (lower case, punctuation dropped). */
struct imp_words {
	char **w;
	size_t n;
};
void imp_words_init(struct imp_words *ws, const char *s, size_t len);
void imp_words_free(struct imp_words *ws);
/* Folded comparison of two titles: the same words in the same order. */
bool imp_title_eq(const char *a, const char *b);
/* Share of a's words found among b's words (0..1). */
double imp_title_overlap(const char *a, const char *b);

/* ---- import_front.c ---- */

/*
 * The kallelse front page in lines [from, to): body, "Tid:", and the
 * people under Ledamöter, Ersättare, Övriga, Regionråd. Fills p->body,
 * p->date, p->time, p->time_end, p->people.
 */
void imp_front_parse(const struct imp_text *t, size_t from, size_t to, struct packet *p);
/* Parse "Tid: 2024-12-10 13.00" (or "13.00–16.30") into p when its fields are unset. */
bool imp_parse_tid(const struct imp_line *l, struct packet *p);

/* ---- import_agenda.c ---- */

/*
 * The DAGORDNING in lines [from, to): Plats, and the items with their
 * numbers, titles, sections, times, presenters and case numbers.
 * Appends to p->items; returns how many it found.
 */
size_t imp_agenda_parse(const struct imp_text *t, size_t from, size_t to, struct packet *p);
/* A DAGORDNING (or Föredragningslista) heading line. */
bool imp_agenda_heading(const struct imp_line *l);
/* The first line in [from, to) that opens a numbered agenda ("1 Title", "1–5 Title"), or to. */
size_t imp_agenda_find(const struct imp_text *t, size_t from, size_t to);

/* ---- import_protocol.c ---- */

/* One "Beslutsunderlag" bullet: "Tjänsteskrivelse: Title" -> kind, title. */
struct imp_entry {
	char *kind;	/* packet_doc kind it names ("tjänsteskrivelse", "bilaga" ...) */
	char *title;	/* as printed after the kind word, or the whole bullet */
	size_t match_off;	/* where the words to look for start in title */
	bool used;	/* a document took it */
};

struct imp_entries {
	struct imp_entry *v;
	size_t n;
};
void imp_entries_free(struct imp_entries *e);

/* A paragraph (§) of the presidium's minutes. */
struct imp_para {
	int number;		/* 0 when not found */
	char *title;
	char *case_number;	/* normalised, or NULL */
	char *decision;		/* the text under "Beslut", joined */
	char *date;		/* Sammanträdesdatum, or NULL */
	bool presidium;		/* the minutes are a presidium's or an arbetsutskott's */
	bool header;		/* a PROTOKOLL header came before the § */
	size_t end;		/* line after the excerpt's own text */
};
void imp_para_free(struct imp_para *pp);

/*
 * Parse a Protokollsutdrag starting at line from (the PROTOKOLL header or
 * the § line), not past line to. Beslutsunderlag bullets are appended to
 * entries (may be NULL).
 */
void imp_para_parse(const struct imp_text *t, size_t from, size_t to, struct imp_para *pp,
    struct imp_entries *entries);
/* The "§ 136" line at i: its number, else 0. */
int imp_para_number(const struct imp_line *l);

/*
 * Parse the "Beslutsunderlag" bullets starting after line i (the heading);
 * appends them to entries; returns the index after the list.
 */
size_t imp_entries_parse(const struct imp_text *t, size_t i, size_t to, struct imp_entries *e);

/* A tjänsteskrivelse's header and "Förslag till beslut", lines [from, to). */
struct imp_memo {
	char *title;
	char *date;
	char *case_number;
	char **proposal;	/* [0] lead-in, then one per bullet */
	size_t n_proposal;
};
void imp_memo_free(struct imp_memo *m);
void imp_memo_parse(const struct imp_text *t, size_t from, size_t to, struct imp_memo *m,
    struct imp_entries *entries);

/* ---- import_split.c ---- */

/*
 * Cut the packet into documents; parse the front page and the DAGORDNING
 * into p (imp_front_parse, imp_agenda_parse); give each document its
 * kind, title, date, case number and text, and assign it to an agenda
 * item or to the meeting. Also fills the items' presidium paragraph and
 * decision, their proposals, and p->presidium_date. False when there is
 * no agenda with numbered items.
 */
bool imp_split(const struct imp_text *t, struct packet *p);

/* ---- import_docs.c ---- */

/* One document as the splitter found it. */
struct imp_doc_seg {
	size_t start, end;	/* lines [start, end) */
	const char *kind;	/* static string */
	char *title, *date, *case_number;	/* or NULL; imp_docs_build takes them */
	int item;		/* index into p->items, or -1 */
};

/*
 * Make p->docs from the segments: titles where the splitter had none,
 * dates, case numbers, texts (without the skipped lines); and the items'
 * decision proposals from their tjänsteskrivelser.
 */
void imp_docs_build(const struct imp_text *t, struct packet *p, struct imp_doc_seg *segs,
    size_t n, const bool *skip);

/* The subject of the e-mail whose header starts at line i, tags and Fwd:/VB: removed. Caller frees; NULL when none. */
char *imp_mail_subject(const struct imp_text *t, size_t i);

/* Kind of document a "Beslutsunderlag" kind word names ("Tjänsteskrivelse" -> "tjänsteskrivelse"). */
const char *imp_kind_for_word(const char *word, size_t len);

#endif
