/*
 * The JSON writer: see json.h. Escaping follows RFC 8259 and keeps the
 * output safe to print: C0 controls, DEL, C1 controls, the line/paragraph
 * separators and bidi overrides/isolates become \u escapes, invalid UTF-8
 * becomes \ufffd.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "json.h"
#include "text.h"

static void
indent(struct json *j)
{
	if (j->compact)
		return;
	fputc('\n', j->f);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Before any value: a comma and a new line inside arrays; nothing after a key. */
static void
before_value(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0) {
		if (j->has_items[j->depth])
			fputc(',', j->f);
		j->has_items[j->depth] = true;
		indent(j);
	}
}

void
json_init(struct json *j, FILE *f)
{
	memset(j, 0, sizeof *j);
	j->f = f;
}

static void
begin(struct json *j, char c)
{
	before_value(j);
	fputc(c, j->f);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->has_items[j->depth] = false;
}

static void
end(struct json *j, char c)
{
	bool had = j->has_items[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had)
		indent(j);
	fputc(c, j->f);
}

void json_begin_object(struct json *j) { begin(j, '{'); }
void json_end_object(struct json *j) { end(j, '}'); }
void json_begin_array(struct json *j) { begin(j, '['); }
void json_end_array(struct json *j) { end(j, ']'); }

void
json_write_escaped(FILE *f, const char *s, size_t len)
{
	size_t i = 0;

	fputc('"', f);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		unsigned int cp;
		size_t n;

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			fputc(c, f);
			i++;
			continue;
		}
		if (c < 0x80) {
			switch (c) {
			case '"': fputs("\\\"", f); break;
			case '\\': fputs("\\\\", f); break;
			case '\n': fputs("\\n", f); break;
			case '\t': fputs("\\t", f); break;
			case '\r': fputs("\\r", f); break;
			case '\b': fputs("\\b", f); break;
			case '\f': fputs("\\f", f); break;
			default: fprintf(f, "\\u%04x", c); break;
			}
			i++;
			continue;
		}
		n = text_next_char(s + i, len - i, &cp);
		if (text_bad_seq(s + i, n, cp))
			fputs("\\ufffd", f);
		else if ((cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029 ||
		    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
		    cp == 0x200e || cp == 0x200f || cp == 0x061c)
			fprintf(f, "\\u%04x", cp);
		else
			fwrite(s + i, 1, n, f);
		i += n;
	}
	fputc('"', f);
}

void
json_key(struct json *j, const char *key)
{
	before_value(j);
	json_write_escaped(j->f, key, strlen(key));
	fputs(j->compact ? ":" : ": ", j->f);
	j->after_key = true;
}

void
json_string_len(struct json *j, const char *s, size_t len)
{
	before_value(j);
	if (s == NULL)
		fputs("null", j->f);
	else
		json_write_escaped(j->f, s, len);
}

void
json_string(struct json *j, const char *s)
{
	json_string_len(j, s, s ? strlen(s) : 0);
}

void
json_int(struct json *j, long long v)
{
	before_value(j);
	fprintf(j->f, "%lld", v);
}

void
json_double(struct json *j, double v)
{
	before_value(j);
	if (isfinite(v))
		fprintf(j->f, "%.17g", v);
	else
		fputs("null", j->f);
}

void
json_bool(struct json *j, bool v)
{
	before_value(j);
	fputs(v ? "true" : "false", j->f);
}

void
json_null(struct json *j)
{
	before_value(j);
	fputs("null", j->f);
}

void
json_finish(struct json *j)
{
	fputc('\n', j->f);
}

void
json_kv_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void
json_kv_int(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	json_int(j, v);
}
