/*
 * How the content becomes JSON for the reading commands: the field names
 * follow ../shared/gold (agenda.json, meeting.json) plus "id" and
 * "documents". The items and people themselves are the model's
 * serializer (store/model/model_json.c); here what only the store knows.
 */
#ifndef KALLELSE_JSON_OUT_H
#define KALLELSE_JSON_OUT_H

#include "json.h"
#include "model_json.h"
#include "store.h"

/* One meeting of the list, with its counts. */
void json_meeting(struct json *j, const struct store_meeting *m);
/* One agenda item with the gold keys, plus id and documents. */
void json_item(struct json *j, const struct agenda_item *it, const struct store_doc *docs, size_t nd);
/* A break in the timetable as an agenda entry ("kind": "break"). */
void json_break(struct json *j, const struct store_break *b);
/* A meeting with its people (kallelse show MEETING --json). */
void json_meeting_people(struct json *j, const struct store_meeting *m,
    const struct person *people, size_t n);
/* One search hit. */
void json_hit(struct json *j, const struct store_hit *h);

#endif
