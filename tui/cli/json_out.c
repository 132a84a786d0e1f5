/*
 * The content as JSON (json_out.h): the meetings, agenda items, people and
 * search hits the reading commands print with --json.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>

#include "json_out.h"

void
json_meeting(struct json *j, const struct store_meeting *m)
{
	json_begin_object(j);
	json_kv_string(j, "id", m->id);
	json_kv_string(j, "body", m->body);
	json_kv_string(j, "date", m->date);
	json_kv_string(j, "time", m->time);
	json_kv_string(j, "time_end", m->time_end);
	json_kv_string(j, "place", m->place);
	json_kv_string(j, "presidium_meeting_date", m->presidium_date);
	json_kv_string(j, "state", m->state);
	json_kv_int(j, "revision", m->revision);
	json_kv_int(j, "items", m->item_count);
	json_kv_int(j, "unread", m->unread_count);
	json_kv_int(j, "marked", m->marked_count);
	json_end_object(j);
}

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
json_item(struct json *j, const struct store_item *it, const struct store_doc *docs, size_t nd)
{
	json_begin_object(j);
	json_kv_string(j, "kind", "item");
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
	json_key(j, "documents");
	json_begin_array(j);
	for (size_t k = 0; k < nd; k++) {
		json_begin_object(j);
		json_kv_string(j, "kind", docs[k].kind);
		json_kv_string(j, "title", docs[k].title);
		json_kv_int(j, "chars", (long long)docs[k].chars);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

void
json_people(struct json *j, const char *key, const struct store_person *p, size_t n,
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

void
json_meeting_people(struct json *j, const struct store_meeting *m,
    const struct store_person *people, size_t n)
{
	json_begin_object(j);
	json_kv_string(j, "id", m->id);
	json_kv_string(j, "body", m->body);
	json_kv_string(j, "date", m->date);
	json_kv_string(j, "time", m->time);
	json_kv_string(j, "place", m->place);
	json_kv_string(j, "presidium_meeting_date", m->presidium_date);
	json_people(j, "members", people, n, PERSON_MEMBER);
	json_people(j, "ersattare", people, n, PERSON_SUBSTITUTE);
	json_people(j, "others", people, n, PERSON_OTHER);
	json_people(j, "regionrad", people, n, PERSON_REGIONRAD);
	/* Who is called (Kallade) and who gets the packet for information (För kännedom). */
	json_key(j, "called");
	json_begin_array(j);
	json_string(j, "members");
	json_string(j, "others");
	json_end_array(j);
	json_key(j, "for_information");
	json_begin_array(j);
	json_string(j, "ersattare");
	json_string(j, "regionrad");
	json_end_array(j);
	json_end_object(j);
}

void
json_break(struct json *j, const struct store_break *b)
{
	json_begin_object(j);
	json_kv_string(j, "kind", "break");
	json_kv_string(j, "label", b->label);
	json_kv_string(j, "time_start", b->time_start);
	json_kv_string(j, "time_end", b->time_end);
	json_end_object(j);
}

void
json_hit(struct json *j, const struct store_hit *h)
{
	json_begin_object(j);
	json_kv_string(j, "meeting_id", h->meeting_id);
	json_kv_string(j, "date", h->meeting_date);
	json_kv_string(j, "body", h->body);
	json_kv_string(j, "item_id", h->item_id);
	json_kv_string(j, "number", h->item_number);
	json_kv_string(j, "doc_id", h->doc_id);
	json_kv_string(j, "doc_title", h->doc_title);
	json_kv_string(j, "what", h->what);
	json_kv_string(j, "snippet", h->snippet);
	json_key(j, "spans");
	json_begin_array(j);
	for (size_t k = 0; k < h->n_spans; k++) {
		json_begin_array(j);
		json_int(j, (long long)h->spans[k].off);
		json_int(j, (long long)h->spans[k].len);
		json_end_array(j);
	}
	json_end_array(j);
	json_kv_int(j, "match_off", (long long)h->match_off);
	json_kv_int(j, "match_line", (long long)h->match_line);
	json_key(j, "rank");
	json_double(j, h->rank);
	json_end_object(j);
}
