/*
 * A small JSON writer for the scriptable commands' --json output:
 * pretty-printed with two-space indents (as Python's json.dumps(indent=2,
 * ensure_ascii=False)), UTF-8 kept as it is, control characters, U+2028/9,
 * bidi overrides and invalid bytes escaped. The caller nests begin/end calls correctly.
 */
#ifndef KALLELSE_JSON_H
#define KALLELSE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json {
	FILE *f;
	int depth;
	bool has_items[JSON_MAX_DEPTH];	/* something written at this level */
	bool after_key;
	bool compact;	/* no new lines or indents (a bundle, read by programs) */
};

void json_init(struct json *j, FILE *f);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
/* The key of the next value inside an object. */
void json_key(struct json *j, const char *key);
/* A string value; NULL writes null. */
void json_string(struct json *j, const char *s);
void json_string_len(struct json *j, const char *s, size_t len);
void json_int(struct json *j, long long v);
void json_double(struct json *j, double v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* Ends the document with a newline. */
void json_finish(struct json *j);

/* Key and value in one call. */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_int(struct json *j, const char *key, long long v);

/* Write s as a JSON string literal (with quotes) to f. */
void json_write_escaped(FILE *f, const char *s, size_t len);

#endif
