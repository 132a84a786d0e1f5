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

/*
 * A whole packet, self-contained (a publication's bundle): the meeting,
 * its people, items, breaks and documents with their text, under
 * "format": MODEL_JSON_FORMAT. Compact (no indents): bundles are read by
 * programs. The original files (PDFs) are left out.
 */
#define MODEL_JSON_FORMAT 1
void json_packet(struct json *j, const struct packet *p);

/*
 * The reader of json_packet's output, for untrusted bytes: every field's
 * type is checked, strings must be valid UTF-8 (the reader refuses
 * anything else), counts are bounded. A "format" above MODEL_JSON_FORMAT
 * is refused with a message saying a newer kallelse wrote it.
 * STATUS_BAD_INPUT with *err (caller frees); *p is empty then.
 */
#define MODEL_JSON_MAX_BYTES (64u << 20)
enum status packet_from_json(const char *buf, size_t len, struct packet *p, char **err);

#endif
