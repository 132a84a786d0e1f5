/*
 * The content model (packet.h) as JSON, written once for everything that
 * serializes it: the reading commands' --json today, a publication's
 * bundles tomorrow. Field names follow ../shared/gold (agenda.json,
 * meeting.json) plus "id".
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>

#include "model_json.h"

static bool
all_digits(const char *s)
{
	if (s == NULL || *s == '\0')
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

void
json_item_fields(struct json *j, const struct agenda_item *it)
{
	json_kv_string(j, "id", it->id);
	json_key(j, "number");
	if (all_digits(it->number))
		json_int(j, atoi(it->number));
	else
		json_string(j, it->number);
	if (it->last > it->first) {
		json_key(j, "numbers");
		json_begin_array(j);
		for (int k = it->first; k <= it->last; k++)
			json_int(j, k);
		json_end_array(j);
	}
	json_kv_string(j, "title", it->title);
	json_kv_string(j, "section", it->section);
	json_kv_string(j, "time_start", it->time_start);
	json_kv_string(j, "time_end", it->time_end);
	json_key(j, "presenters");
	json_begin_array(j);
	for (size_t k = 0; k < it->n_presenters; k++) {
		json_begin_object(j);
		json_kv_string(j, "name", it->presenters[k].name);
		json_kv_string(j, "title", it->presenters[k].title);
		json_kv_string(j, "raw", it->presenters[k].raw);
		json_end_object(j);
	}
	json_end_array(j);
	json_kv_string(j, "case_number", it->case_number);
	json_kv_string(j, "case_number_printed", it->case_number_printed);
	json_key(j, "presidium_paragraph");
	if (it->presidium_paragraph > 0)
		json_int(j, it->presidium_paragraph);
	else
		json_null(j);
	json_kv_string(j, "presidium_decision", it->presidium_decision);
	json_key(j, "decision_proposal");
	if (it->n_proposal) {
		json_begin_array(j);
		for (size_t k = 0; k < it->n_proposal; k++)
			json_string(j, it->proposal[k]);
		json_end_array(j);
	} else {
		json_null(j);
	}
}

void
json_people(struct json *j, const char *key, const struct person *p, size_t n,
    enum person_group g)
{
	json_key(j, key);
	json_begin_array(j);
	for (size_t i = 0; i < n; i++) {
		if (p[i].group != g)
			continue;
		json_begin_object(j);
		json_kv_string(j, "name", p[i].name);
		if (g == PERSON_OTHER) {
			json_kv_string(j, "title", p[i].title);
			if (p[i].party)
				json_kv_string(j, "party", p[i].party);
		} else {
			json_kv_string(j, "party", p[i].party);
			if (g == PERSON_MEMBER)
				json_kv_string(j, "role", p[i].role);
		}
		json_end_object(j);
	}
	json_end_array(j);
}


static const char *const group_names[] = { "member", "substitute", "other", "regionrad" };

/* A bundle's item: the shared fields plus what the reader needs to rebuild it exactly. */
static void
json_bundle_item(struct json *j, const struct agenda_item *it)
{
	json_begin_object(j);
	json_item_fields(j, it);
	json_kv_string(j, "number_text", it->number);
	json_kv_int(j, "first", it->first);
	json_kv_int(j, "last", it->last);
	json_kv_string(j, "proposal_source", it->proposal_source);
	json_key(j, "confidential");
	json_bool(j, it->confidential);
	json_end_object(j);
}

void
json_packet(struct json *j, const struct packet *p)
{
	json_begin_object(j);
	json_kv_int(j, "format", MODEL_JSON_FORMAT);
	json_key(j, "meeting");
	json_begin_object(j);
	json_kv_string(j, "body", p->body);
	json_kv_string(j, "date", p->date);
	json_kv_string(j, "time", p->time);
	json_kv_string(j, "time_end", p->time_end);
	json_kv_string(j, "place", p->place);
	json_kv_string(j, "presidium_date", p->presidium_date);
	json_kv_string(j, "source_name", p->source_name);
	json_kv_string(j, "source_sha256", p->source_sha256);
	json_kv_string(j, "warnings", p->warnings);
	json_end_object(j);
	json_key(j, "people");
	json_begin_array(j);
	for (size_t i = 0; i < p->n_people; i++) {
		const struct person *q = &p->people[i];

		json_begin_object(j);
		json_kv_string(j, "group", group_names[q->group]);
		json_kv_string(j, "name", q->name);
		json_kv_string(j, "party", q->party);
		json_kv_string(j, "role", q->role);
		json_kv_string(j, "title", q->title);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "items");
	json_begin_array(j);
	for (size_t i = 0; i < p->n_items; i++)
		json_bundle_item(j, &p->items[i]);
	json_end_array(j);
	json_key(j, "breaks");
	json_begin_array(j);
	for (size_t i = 0; i < p->n_breaks; i++) {
		json_begin_object(j);
		json_kv_int(j, "before", (long long)p->breaks[i].before);
		json_kv_string(j, "label", p->breaks[i].label);
		json_kv_string(j, "time_start", p->breaks[i].time_start);
		json_kv_string(j, "time_end", p->breaks[i].time_end);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "documents");
	json_begin_array(j);
	for (size_t i = 0; i < p->n_docs; i++) {
		const struct packet_doc *d = &p->docs[i];

		json_begin_object(j);
		json_key(j, "item");
		if (d->item >= 0)
			json_int(j, d->item);
		else
			json_null(j);
		json_kv_string(j, "kind", d->kind);
		json_kv_string(j, "title", d->title);
		json_kv_string(j, "date", d->date);
		json_kv_string(j, "case_number", d->case_number);
		json_key(j, "text");
		json_string_len(j, d->text ? d->text : "", d->text ? d->text_len : 0);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}
