/*
 * Freeing the content model (packet.h): one function per struct, shared by
 * the parser's packets and the store's answers.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "packet.h"

void
packet_doc_free(struct packet_doc *d)
{
	if (d == NULL)
		return;
	free(d->kind);
	free(d->title);
	free(d->date);
	free(d->case_number);
	free(d->text);
	free(d->page_starts);
	packet_original_free(&d->original);
	memset(d, 0, sizeof *d);
}

void
packet_original_free(struct packet_original *o)
{
	if (o == NULL)
		return;
	free(o->data);
	free(o->name);
	memset(o, 0, sizeof *o);
}

void
agenda_item_free(struct agenda_item *it)
{
	if (it == NULL)
		return;
	free(it->id);
	free(it->meeting_id);
	free(it->number);
	free(it->title);
	free(it->section);
	free(it->time_start);
	free(it->time_end);
	free(it->mark_initials);
	for (size_t i = 0; i < it->n_presenters; i++) {
		free(it->presenters[i].name);
		free(it->presenters[i].title);
		free(it->presenters[i].raw);
	}
	free(it->presenters);
	free(it->case_number);
	free(it->case_number_printed);
	free(it->presidium_decision);
	for (size_t i = 0; i < it->n_proposal; i++)
		free(it->proposal[i]);
	free(it->proposal);
	free(it->proposal_source);
	memset(it, 0, sizeof *it);
}

void
agenda_items_free(struct agenda_item *list, size_t n)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		agenda_item_free(&list[i]);
	free(list);
}

void
person_free(struct person *p)
{
	if (p == NULL)
		return;
	free(p->name);
	free(p->party);
	free(p->role);
	free(p->title);
	memset(p, 0, sizeof *p);
}

void
people_free(struct person *list, size_t n)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		person_free(&list[i]);
	free(list);
}

void
packet_free(struct packet *p)
{
	if (p == NULL)
		return;
	free(p->body);
	free(p->date);
	free(p->time);
	free(p->time_end);
	free(p->place);
	free(p->presidium_date);
	free(p->source_name);
	free(p->source_sha256);
	free(p->warnings);
	packet_original_free(&p->original);
	people_free(p->people, p->n_people);
	agenda_items_free(p->items, p->n_items);
	for (size_t i = 0; i < p->n_docs; i++)
		packet_doc_free(&p->docs[i]);
	free(p->docs);
	for (size_t i = 0; i < p->n_breaks; i++) {
		free(p->breaks[i].label);
		free(p->breaks[i].time_start);
		free(p->breaks[i].time_end);
	}
	free(p->breaks);
	memset(p, 0, sizeof *p);
}
