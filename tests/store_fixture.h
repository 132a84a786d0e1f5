/*
 * A small fictitious meeting packet built by hand for the store tests and
 * the command tests: å ä ö, a range item "1–5", a confidential item,
 * documents on items and on the meeting. Header-only (static functions).
 */
#ifndef KALLELSE_STORE_FIXTURE_H
#define KALLELSE_STORE_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "packet.h"

#define FX_BODY "Nämnd för folkhälsa och sjukvård"
#define FX_ORG "namnd-for-folkhalsa-och-sjukvard"

static inline char *
fx_dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static inline void
fx_person(struct packet *p, enum person_group g, const char *name, const char *party,
    const char *role, const char *title)
{
	struct person *pp;

	p->people = realloc(p->people, (p->n_people + 1) * sizeof *p->people);
	pp = &p->people[p->n_people++];
	memset(pp, 0, sizeof *pp);
	pp->group = g;
	pp->name = fx_dup(name);
	pp->party = fx_dup(party);
	pp->role = fx_dup(role);
	pp->title = fx_dup(title);
}

static inline struct agenda_item *
fx_item(struct packet *p, const char *number, int first, int last, const char *section,
    const char *title)
{
	struct agenda_item *it;

	p->items = realloc(p->items, (p->n_items + 1) * sizeof *p->items);
	it = &p->items[p->n_items++];
	memset(it, 0, sizeof *it);
	it->number = fx_dup(number);
	it->first = first;
	it->last = last;
	it->section = fx_dup(section);
	it->title = fx_dup(title);
	return it;
}

static inline void
fx_presenter(struct agenda_item *it, const char *name, const char *title, const char *raw)
{
	it->presenters = realloc(it->presenters, (it->n_presenters + 1) * sizeof *it->presenters);
	it->presenters[it->n_presenters].name = fx_dup(name);
	it->presenters[it->n_presenters].title = fx_dup(title);
	it->presenters[it->n_presenters].raw = fx_dup(raw);
	it->n_presenters++;
}

static inline void
fx_proposal(struct agenda_item *it, const char *const *lines, size_t n)
{
	it->proposal = calloc(n, sizeof *it->proposal);
	for (size_t i = 0; i < n; i++)
		it->proposal[i] = fx_dup(lines[i]);
	it->n_proposal = n;
	it->proposal_source = fx_dup("tjänsteskrivelse");
}

static inline void
fx_doc(struct packet *p, int item, const char *kind, const char *title, const char *text)
{
	struct packet_doc *d;

	p->docs = realloc(p->docs, (p->n_docs + 1) * sizeof *p->docs);
	d = &p->docs[p->n_docs++];
	memset(d, 0, sizeof *d);
	d->item = item;
	d->kind = fx_dup(kind);
	d->title = fx_dup(title);
	d->text = fx_dup(text);
	d->text_len = strlen(text);
}

/* The meeting of date (e.g. "2024-12-10"); zeroed p filled; packet_free it. */
static inline void
fx_packet(struct packet *p, const char *body, const char *date)
{
	struct agenda_item *it;
	static const char *const prop[] = {
		"Nämnd för folkhälsa och sjukvård föreslår regionfullmäktige att",
		"godkänna förslag till övergångsregler för tandvård.",
	};

	memset(p, 0, sizeof *p);
	p->body = fx_dup(body);
	p->date = fx_dup(date);
	p->time = fx_dup("13.00");
	p->place = fx_dup("Spira, Insikten");
	p->presidium_date = fx_dup("2024-11-26");
	p->source_name = fx_dup("fixture.txt");
	fx_person(p, PERSON_MEMBER, "Thomas Gustafsson", "S", "ordförande", NULL);
	fx_person(p, PERSON_MEMBER, "Carina Källman", "M", "ledamot", NULL);
	fx_person(p, PERSON_SUBSTITUTE, "Erik Wågman", "S", NULL, NULL);
	fx_person(p, PERSON_OTHER, "Bengt-Ove Eriksson", "V", NULL, "adjungerad");
	fx_person(p, PERSON_OTHER, "Mats Bojestig", NULL, NULL, "hälso- och sjukvårdsdirektör");
	fx_person(p, PERSON_REGIONRAD, "Håkan Karlsson Nyborg", "SD", NULL, NULL);

	it = fx_item(p, "1–5", 1, 5, NULL, "Upprop etc.");
	it->time_start = fx_dup("13.00");
	it->time_end = fx_dup("13.05");
	it = fx_item(p, "6", 6, 6, "Information", "Verksamhetsområde Bra Liv");
	fx_presenter(it, "Charlotta Larsdotter", "direktör Bra Liv",
	    "Charlotta Larsdotter, direktör Bra Liv");
	it->presidium_paragraph = 126;
	it->presidium_decision = fx_dup("Presidiet lägger informationen till handlingarna.");
	it = fx_item(p, "7", 7, 7, "Information", "Sekretessärende om vårdgaranti");
	it->confidential = true;
	it = fx_item(p, "15", 15, 15, "Beslutsärenden", "Övergångsregler för tandvård");
	it->case_number = fx_dup("RJL 2024/3942");
	it->case_number_printed = fx_dup("2024/3942");
	it->presidium_paragraph = 136;
	fx_proposal(it, prop, 2);
	fx_presenter(it, "Anette Peterson", "hälso- och sjukvårdsstrateg",
	    "Anette Peterson, hälso- och sjukvårdsstrateg");

	fx_doc(p, -1, "kallelse", "Kallelse",
	    "Kallelse till sammanträde\nTid: 13.00\nPlats: Spira, Insikten\n");
	fx_doc(p, 1, "tjänsteskrivelse", "Bra Liv",
	    "Tjänsteskrivelse\nBra Liv arbetar i länet.\n"
	    "Ansvarig är sjukvårdsdirektör Micael Edblom.\nÅrets resultat redovisas av EU.\n");
	fx_doc(p, 3, "tjänsteskrivelse", "Övergångsregler",
	    "Övergångsregler\nSammanfattning\nHälso- och sjukvården ansvarar. Tandvård för "
	    "vuxna. Ar och år är olika ord.\nBarn och unga omfattas.");
	fx_doc(p, -1, "protokoll", "Protokoll", "Protokoll\nVi arbetar vidare med arets plan.\n");
}

#endif
