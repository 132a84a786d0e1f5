/*
 * The content model as JSON (model_json.c): the one serializer of agenda
 * items and people, used by the commands and by publish.
 */
#ifndef KALLELSE_MODEL_JSON_H
#define KALLELSE_MODEL_JSON_H

#include "json.h"
#include "packet.h"

/* The item's keys (id, number, numbers, title … decision_proposal) into an open object. */
void json_item_fields(struct json *j, const struct agenda_item *it);
/* The people of group g as an array under key. */
void json_people(struct json *j, const char *key, const struct person *p, size_t n,
    enum person_group g);

#endif
