/*
 * A parsed meeting packet: plain C data, no SQLite. The importer fills it
 * (store/import/); store_put_packet() writes it in one transaction.
 * All strings are UTF-8 NFC, scrubbed of terminal controls, owned by the
 * packet; packet_free() frees everything.
 */
#ifndef KALLELSE_PACKET_H
#define KALLELSE_PACKET_H

#include <stdbool.h>
#include <stddef.h>

enum person_group {
	PERSON_MEMBER,		/* ledamot: name, party, role */
	PERSON_SUBSTITUTE,	/* ersättare: name, party */
	PERSON_OTHER,		/* övriga: name, title, maybe party */
	PERSON_REGIONRAD,	/* regionråd: name, party */
};

/* A person called to the meeting (or told of it), as the packet lists them. */
struct person {
	enum person_group group;
	char *name;
	char *party;	/* "S", "M" ... or NULL */
	char *role;	/* "ordförande", "1:a vice ordförande", "ledamot" or NULL */
	char *title;	/* "regiondirektör" or NULL */
};

struct presenter {
	char *name;
	char *title;
	char *raw;	/* as printed: "Maria List Slotte,utredare" */
};

/*
 * An agenda item: what the parser reads from the packet, and what the store
 * hands back with the fields only it knows (ids, order, the reader's state).
 * One struct for both, so the two can never drift apart.
 */
struct agenda_item {
	/* Set by the store; NULL and 0 from the parser. */
	char *id;		/* stable: meeting id + "/" + number ("…/1-5", "…/15") */
	char *meeting_id;
	int ord;		/* order on the agenda, from 0 */

	/* The content, as printed. */
	char *number;		/* printed: "1–5", "6" */
	int first, last;	/* 1 and 5 for "1–5"; 6 and 6 for "6" */
	char *title;
	char *section;		/* heading in force, or NULL */
	char *time_start;	/* "13.05" or NULL */
	char *time_end;
	struct presenter *presenters;
	size_t n_presenters;
	char *case_number;		/* "RJL 2024/3942" or NULL */
	char *case_number_printed;	/* "2024/3942" or NULL */
	int presidium_paragraph;	/* § in the presidium's minutes, 0 when none */
	char *presidium_decision;	/* NULL when none */
	char **proposal;		/* decision proposal lines, [0] the lead-in */
	size_t n_proposal;		/* 0 when there is none */
	char *proposal_source;		/* "tjänsteskrivelse" ... or NULL */
	bool confidential;

	/* The reader's state, from the store; 0 from the parser. */
	int doc_count;
	int unread_count;	/* documents of the item not read as they are now */
	int changed_count;	/* ... of them read before their text changed (ändrad) */
	bool marked;		/* any live mark on the item */
	char *mark_initials;	/* "TG MS": who marked it, first mark first; NULL when none */
	bool has_notes;
};

/*
 * A break in the timetable printed among the items ("Paus 14.35–14.50"):
 * a row of the agenda that is not an item.
 */
struct packet_break {
	size_t before;		/* index of the item it precedes (n_items: after the last) */
	char *label;		/* "Paus", "Lunch" ... */
	char *time_start;	/* "14.35" or NULL */
	char *time_end;
};

/*
 * The file a packet or an attachment was imported from when it was not
 * text (a PDF): its bytes exactly as pdftotext read them. data NULL:
 * imported from text, nothing kept.
 */
struct packet_original {
	void *data;
	size_t len;
	char *name;		/* the file's name, without its folder */
	char sha256[65];	/* hex sha256 of data */
};

/* Page page of the original begins at line line (from 0) of a document's text. */
struct packet_page_start {
	size_t line;
	int page;
};

struct packet_doc {
	int item;		/* index into packet.items, or -1: belongs to the meeting */
	char *kind;		/* kallelse, dagordning, delegeringsbeslut, protokollsutdrag,
				   tjänsteskrivelse, rapport, bilaga, missiv, yttrande, remiss ... */
	char *title;
	char *date;		/* "YYYY-MM-DD" or NULL */
	char *case_number;	/* "RJL 2024/3942" or NULL */
	char *text;		/* the document's text, UTF-8 NFC */
	size_t text_len;
	int page;		/* page of the packet's original it starts on (pdftotext's
				   form feeds counted, from 1); 0 when the text had none */
	struct packet_page_start *page_starts;	/* where its later pages begin, in */
	size_t n_page_starts;			/* order; none when page is 0 */
	struct packet_original original;	/* an attachment's own file; empty in a packet */
};

struct packet {
	char *body;		/* "Nämnd för folkhälsa och sjukvård" */
	char *date;		/* "2024-12-10" */
	char *time;		/* "13.00" */
	char *time_end;		/* or NULL */
	char *place;		/* "Spira, Insikten" or NULL */
	char *presidium_date;	/* date of the presidium's meeting, or NULL */
	char *source_name;	/* the file it came from */
	char *source_sha256;	/* hex sha256 of the file's bytes */
	struct person *people;
	size_t n_people;
	struct agenda_item *items;
	size_t n_items;
	struct packet_doc *docs;
	size_t n_docs;
	char *warnings;		/* what import repaired, "line N: ..." lines joined by '\n', or NULL */
	struct packet_original original;	/* the PDF it was read from, or empty */
	struct packet_break *breaks;	/* in agenda order */
	size_t n_breaks;
};

/* Free the members (not the struct itself) and zero them; NULL is fine. */
void agenda_item_free(struct agenda_item *it);
/* Free each item's members and the array. */
void agenda_items_free(struct agenda_item *list, size_t n);
void person_free(struct person *p);
void people_free(struct person *list, size_t n);
void packet_free(struct packet *p);
void packet_doc_free(struct packet_doc *d);
void packet_original_free(struct packet_original *o);

#endif
