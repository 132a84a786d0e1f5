/*
 * A strict JSON reader for untrusted input (a publication's manifest and
 * bundles, marks files): RFC 8259 with limits. The whole document is
 * read into a tree; anything wrong (a byte past the size limit, nesting
 * past the depth limit, invalid UTF-8, a raw control character, a lone
 * surrogate, a duplicate key, a number with a fraction or out of range,
 * trailing bytes) is an error naming the byte offset. Numbers are
 * integers only: no format of ours has any other kind.
 */
#ifndef KALLELSE_JSON_READ_H
#define KALLELSE_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

enum jv_type { JV_NULL, JV_BOOL, JV_INT, JV_STRING, JV_ARRAY, JV_OBJECT };

struct jv {
	enum jv_type type;
	bool b;
	long long i;
	char *s;		/* JV_STRING: NUL-terminated (no NUL inside: \u0000 is refused) */
	size_t len;
	struct jv *items;	/* JV_ARRAY and JV_OBJECT: the values */
	char **keys;		/* JV_OBJECT: their keys */
	size_t n;
};

struct jv_limits {
	size_t max_bytes;	/* the whole document */
	int max_depth;		/* arrays and objects inside each other */
	size_t max_items;	/* in one array or object */
};

/* Parse; on error *err says what and where (caller frees), *out is empty. */
enum status jv_parse(const char *buf, size_t len, const struct jv_limits *lim, struct jv *out,
    char **err);
void jv_free(struct jv *v);

/* The value of key in an object, or NULL (also when v is not an object). */
const struct jv *jv_get(const struct jv *v, const char *key);

#endif
