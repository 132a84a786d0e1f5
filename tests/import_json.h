/*
 * A small JSON reader for the import tests: enough to read the gold files
 * (objects, arrays, strings with \u escapes, integers, true/false/null)
 * into a tree. Header-only; json_free() frees a tree.
 */
#ifndef KALLELSE_IMPORT_JSON_H
#define KALLELSE_IMPORT_JSON_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jval {
	enum jtype type;
	double num;
	char *str;		/* J_STR */
	struct jval **items;	/* J_ARR values, J_OBJ values */
	char **keys;		/* J_OBJ */
	size_t n;
};

static const char *j_p;

static void
j_ws(void)
{
	while (*j_p == ' ' || *j_p == '\n' || *j_p == '\r' || *j_p == '\t')
		j_p++;
}

static void
j_utf8(char **w, unsigned cp)
{
	char *o = *w;
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xc0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xe0 | cp >> 12);
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*o++ = (char)(0xf0 | cp >> 18);
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3f));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	}
	*w = o;
}

static char *
j_string(void)
{
	char *out = malloc(strlen(j_p) + 1), *w = out;

	j_p++;	/* the opening quote */
	while (*j_p && *j_p != '"') {
		if (*j_p != '\\') {
			*w++ = *j_p++;
			continue;
		}
		j_p++;
		switch (*j_p) {
		case 'n': *w++ = '\n'; j_p++; break;
		case 't': *w++ = '\t'; j_p++; break;
		case 'r': *w++ = '\r'; j_p++; break;
		case 'b': *w++ = '\b'; j_p++; break;
		case 'f': *w++ = '\f'; j_p++; break;
		case 'u': {
			unsigned cp = (unsigned)strtoul((char[5]){ j_p[1], j_p[2], j_p[3], j_p[4], 0 }, NULL, 16);
			j_p += 5;
			if (cp >= 0xd800 && cp < 0xdc00 && j_p[0] == '\\' && j_p[1] == 'u') {
				unsigned lo = (unsigned)strtoul((char[5]){ j_p[2], j_p[3], j_p[4], j_p[5], 0 }, NULL, 16);
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				j_p += 6;
			}
			j_utf8(&w, cp);
			break;
		}
		default: *w++ = *j_p++; break;
		}
	}
	if (*j_p == '"')
		j_p++;
	*w = '\0';
	return out;
}

static struct jval *
j_value(void)
{
	struct jval *v = calloc(1, sizeof *v);

	j_ws();
	if (*j_p == '{' || *j_p == '[') {
		bool obj = *j_p == '{';
		v->type = obj ? J_OBJ : J_ARR;
		j_p++;
		j_ws();
		while (*j_p && *j_p != (obj ? '}' : ']')) {
			v->items = realloc(v->items, (v->n + 1) * sizeof *v->items);
			if (obj) {
				v->keys = realloc(v->keys, (v->n + 1) * sizeof *v->keys);
				v->keys[v->n] = j_string();
				j_ws();
				if (*j_p == ':')
					j_p++;
			}
			v->items[v->n++] = j_value();
			j_ws();
			if (*j_p == ',')
				j_p++;
			j_ws();
		}
		if (*j_p)
			j_p++;
	} else if (*j_p == '"') {
		v->type = J_STR;
		v->str = j_string();
	} else if (strncmp(j_p, "true", 4) == 0 || strncmp(j_p, "false", 5) == 0) {
		v->type = J_BOOL;
		v->num = *j_p == 't';
		j_p += *j_p == 't' ? 4 : 5;
	} else if (strncmp(j_p, "null", 4) == 0) {
		v->type = J_NULL;
		j_p += 4;
	} else {
		char *end;
		v->type = J_NUM;
		v->num = strtod(j_p, &end);
		j_p = end;
	}
	return v;
}

static struct jval *
json_parse(const char *text)
{
	j_p = text;
	return j_value();
}

static void
json_free(struct jval *v)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < v->n; i++) {
		json_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	free(v);
}

/* Member key of an object, or NULL when absent. */
static struct jval *
json_get(const struct jval *o, const char *key)
{
	if (o == NULL || o->type != J_OBJ)
		return NULL;
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->keys[i], key) == 0)
			return o->items[i];
	return NULL;
}

/* The string of a value, or NULL for null or absent. */
static const char *
json_str(const struct jval *v)
{
	return v && v->type == J_STR ? v->str : NULL;
}

#endif
