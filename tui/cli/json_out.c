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

void
json_item(struct json *j, const struct agenda_item *it, const struct store_doc *docs, size_t nd)
{
	json_begin_object(j);
	json_kv_string(j, "kind", "item");
	json_item_fields(j, it);
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
json_meeting_people(struct json *j, const struct store_meeting *m,
    const struct person *people, size_t n)
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
