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

