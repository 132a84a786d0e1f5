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
	free(d->original);
	free(d->original_name);
	memset(d, 0, sizeof *d);
}

static void
packet_item_free(struct packet_item *it)
{
	free(it->number);
	free(it->title);
	free(it->section);
	free(it->time_start);
	free(it->time_end);
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
	for (size_t i = 0; i < p->n_people; i++) {
		free(p->people[i].name);
		free(p->people[i].party);
		free(p->people[i].role);
		free(p->people[i].title);
	}
	free(p->people);
	for (size_t i = 0; i < p->n_items; i++)
		packet_item_free(&p->items[i]);
	free(p->items);
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
