/*
 * A minimal JSON validator for tests: value() returns the end of one JSON
 * value or NULL; assert_json() fails the test unless out is exactly one
 * value. Header-only, shared by test_browse.c and test_json.c.
 */
#ifndef KALLELSE_JSON_CHECK_H
#define KALLELSE_JSON_CHECK_H

#include <check.h>
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "json.h"

static const char *value(const char *p);

static inline const char *
ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static inline const char *
string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p && *p != '"') {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!isxdigit((unsigned char)p[i]))
						return NULL;
				p += 4;
			} else if (!strchr("\"\\/bfnrt", *p)) {
				return NULL;
			}
		}
		p++;
	}
	return *p == '"' ? p + 1 : NULL;
}

static inline const char *
value(const char *p)
{
	p = ws(p);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		bool obj = *p == '{';

		p = ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (obj) {
				if ((p = string(ws(p))) == NULL || *(p = ws(p)) != ':')
					return NULL;
				p++;
			}
			if ((p = value(p)) == NULL)
				return NULL;
			p = ws(p);
			if (*p == close)
				return p + 1;
			if (*p++ != ',')
				return NULL;
		}
	}
	if (*p == '"')
		return string(p);
	if (strncmp(p, "null", 4) == 0 || strncmp(p, "true", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	if (*p == '-' || isdigit((unsigned char)*p)) {
		char *end;
		strtod(p, &end);
		return end;
	}
	return NULL;
}

static inline void
assert_json(const char *out)
{
	const char *end = value(out);

	ck_assert_msg(end != NULL, "not JSON: %.300s", out);
	ck_assert_msg(*ws(end) == '\0', "trailing bytes after JSON: %.100s", end);
}

#endif
