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

struct packet_person {
	enum person_group group;
	char *name;
	char *party;	/* "S", "M" ... or NULL */
	char *role;	/* "ordförande", "1:a vice ordförande", "ledamot" or NULL */
	char *title;	/* "regiondirektör" or NULL */
};

struct packet_presenter {
	char *name;
	char *title;
	char *raw;	/* as printed: "Maria List Slotte,utredare" */
};

struct packet_item {
	char *number;		/* printed: "1–5", "6" */
	int first, last;	/* 1 and 5 for "1–5"; 6 and 6 for "6" */
	char *title;
	char *section;		/* heading in force, or NULL */
	char *time_start;	/* "13.05" or NULL */
	char *time_end;
	struct packet_presenter *presenters;
	size_t n_presenters;
	char *case_number;		/* "RJL 2024/3942" or NULL */
	char *case_number_printed;	/* "2024/3942" or NULL */
	int presidium_paragraph;	/* § in the presidium's minutes, 0 when none */
	char *presidium_decision;	/* NULL when none */
	char **proposal;		/* decision proposal lines, [0] the lead-in */
	size_t n_proposal;		/* 0 when there is none */
	char *proposal_source;		/* "tjänsteskrivelse" ... or NULL */
	bool confidential;
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

struct packet_doc {
	int item;		/* index into packet.items, or -1: belongs to the meeting */
	char *kind;		/* kallelse, dagordning, delegeringsbeslut, protokollsutdrag,
				   tjänsteskrivelse, rapport, bilaga, missiv, yttrande, remiss ... */
	char *title;
	char *date;		/* "YYYY-MM-DD" or NULL */
	char *case_number;	/* "RJL 2024/3942" or NULL */
	char *text;		/* the document's text, UTF-8 NFC */
	size_t text_len;
	void *original;		/* the original file (e.g. the PDF) or NULL */
	size_t original_len;
	char *original_name;
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
	struct packet_person *people;
	size_t n_people;
	struct packet_item *items;
	size_t n_items;
	struct packet_doc *docs;
	size_t n_docs;
	struct packet_break *breaks;	/* in agenda order */
	size_t n_breaks;
};

void packet_free(struct packet *p);
void packet_doc_free(struct packet_doc *d);

#endif
