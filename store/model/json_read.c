/*
 * The strict JSON reader (json_read.h): a recursive descent bounded by
 * the depth limit, so untrusted input cannot exhaust the stack.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json_read.h"
#include "text.h"
#include "xmalloc.h"

struct rd {
	const char *p, *start, *end;
	const struct jv_limits *lim;
	char *err;
};

static bool
fail(struct rd *r, const char *what)
{
	if (r->err == NULL)
		r->err = xasprintf(_("invalid JSON at byte %zu: %s"), (size_t)(r->p - r->start), what);
	return false;
}

static void
skip_ws(struct rd *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static int
hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static void
put_utf8(struct buf *b, unsigned cp)
{
	char o[4];
	size_t n;

	if (cp < 0x80) {
		o[0] = (char)cp; n = 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3f)); n = 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f)); n = 3;
	} else {
		o[0] = (char)(0xf0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); o[3] = (char)(0x80 | (cp & 0x3f)); n = 4;
	}
	buf_add(b, o, n);
}

static bool
read_string(struct rd *r, char **out, size_t *out_len)
{
	struct buf b = { 0 };

	r->p++;		/* the opening quote */
	for (;;) {
		unsigned char c;

		if (r->p >= r->end) {
			buf_free(&b);
			return fail(r, _("unterminated string"));
		}
		c = (unsigned char)*r->p;
		if (c == '"') {
			r->p++;
			break;
		}
		if (c < 0x20) {
			buf_free(&b);
			return fail(r, _("control character in a string"));
		}
		if (c == '\\') {
			char e;

			if (r->end - r->p < 2) {
				buf_free(&b);
				return fail(r, _("unterminated string"));
			}
			e = r->p[1];
			r->p += 2;
			switch (e) {
			case '"': buf_addc(&b, '"'); break;
			case '\\': buf_addc(&b, '\\'); break;
			case '/': buf_addc(&b, '/'); break;
			case 'b': buf_addc(&b, '\b'); break;
			case 'f': buf_addc(&b, '\f'); break;
			case 'n': buf_addc(&b, '\n'); break;
			case 'r': buf_addc(&b, '\r'); break;
			case 't': buf_addc(&b, '\t'); break;
			case 'u': {
				int v = r->end - r->p >= 4 ? hex4(r->p) : -1;
				unsigned cp;

				if (v < 0) {
					buf_free(&b);
					return fail(r, _("bad \\u escape"));
				}
				r->p += 4;
				cp = (unsigned)v;
				if (cp >= 0xd800 && cp < 0xdc00) {
					int lo = (r->end - r->p >= 6 && r->p[0] == '\\' && r->p[1] == 'u')
					    ? hex4(r->p + 2) : -1;

					if (lo < 0xdc00 || lo > 0xdfff) {
						buf_free(&b);
						return fail(r, _("lone surrogate"));
					}
					r->p += 6;
					cp = 0x10000 + ((cp - 0xd800) << 10) + ((unsigned)lo - 0xdc00);
				} else if (cp >= 0xdc00 && cp < 0xe000) {
					buf_free(&b);
					return fail(r, _("lone surrogate"));
				}
				if (cp == 0) {
					buf_free(&b);
					return fail(r, _("NUL character in a string"));
				}
				put_utf8(&b, cp);
				break;
			}
			default:
				buf_free(&b);
				r->p -= 1;
				return fail(r, _("bad escape"));
			}
			continue;
		}
		if (c < 0x80) {
			buf_addc(&b, (char)c);
			r->p++;
		} else {
			unsigned cp;
			size_t n = text_next_char(r->p, (size_t)(r->end - r->p), &cp);

			if (text_bad_seq(r->p, n, cp)) {
				buf_free(&b);
				return fail(r, _("invalid UTF-8"));
			}
			buf_add(&b, r->p, n);
			r->p += n;
		}
	}
	if (b.data == NULL)
		buf_adds(&b, "");
	*out = buf_detach(&b, out_len);
	return true;
}

static bool read_value(struct rd *r, struct jv *v, int depth);

static bool
read_number(struct rd *r, struct jv *v)
{
	const char *q = r->p;
	char tmp[32];
	size_t n;
	char *endp;

	if (q < r->end && *q == '-')
		q++;
	if (q >= r->end || *q < '0' || *q > '9')
		return fail(r, _("unexpected character"));
	if (*q == '0' && q + 1 < r->end && q[1] >= '0' && q[1] <= '9')
		return fail(r, _("leading zero in a number"));
	while (q < r->end && *q >= '0' && *q <= '9')
		q++;
	if (q < r->end && (*q == '.' || *q == 'e' || *q == 'E'))
		return fail(r, _("only whole numbers are allowed"));
	n = (size_t)(q - r->p);
	if (n >= sizeof tmp)
		return fail(r, _("number out of range"));
	memcpy(tmp, r->p, n);
	tmp[n] = '\0';
	errno = 0;
	v->i = strtoll(tmp, &endp, 10);
	if (errno != 0)
		return fail(r, _("number out of range"));
	v->type = JV_INT;
	r->p = q;
	return true;
}

static bool
literal(struct rd *r, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
		return fail(r, _("unexpected character"));
	r->p += n;
	return true;
}

static bool
read_container(struct rd *r, struct jv *v, int depth, bool object)
{
	size_t cap = 0;
	char close = object ? '}' : ']';

	if (depth >= r->lim->max_depth)
		return fail(r, _("nested too deeply"));
	v->type = object ? JV_OBJECT : JV_ARRAY;
	r->p++;
	skip_ws(r);
	if (r->p < r->end && *r->p == close) {
		r->p++;
		return true;
	}
	for (;;) {
		char *key = NULL;

		if (v->n >= r->lim->max_items)
			return fail(r, _("too many values in one array or object"));
		if (object) {
			skip_ws(r);
			if (r->p >= r->end || *r->p != '"')
				return fail(r, _("expected a key"));
			if (!read_string(r, &key, NULL))
				return false;
			for (size_t k = 0; k < v->n; k++)
				if (strcmp(v->keys[k], key) == 0) {
					free(key);
					return fail(r, _("duplicate key"));
				}
			skip_ws(r);
			if (r->p >= r->end || *r->p != ':') {
				free(key);
				return fail(r, _("expected ':'"));
			}
			r->p++;
		}
		if (v->n == cap) {
			cap = cap ? cap * 2 : 8;
			v->items = xreallocarray(v->items, cap, sizeof *v->items);
			if (object)
				v->keys = xreallocarray(v->keys, cap, sizeof *v->keys);
		}
		memset(&v->items[v->n], 0, sizeof v->items[v->n]);
		if (object)
			v->keys[v->n] = key;
		v->n++;
		if (!read_value(r, &v->items[v->n - 1], depth + 1))
			return false;
		skip_ws(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == close) {
			r->p++;
			return true;
		}
		return fail(r, object ? _("expected ',' or '}'") : _("expected ',' or ']'"));
	}
}

static bool
read_value(struct rd *r, struct jv *v, int depth)
{
	skip_ws(r);
	if (r->p >= r->end)
		return fail(r, _("unexpected end"));
	switch (*r->p) {
	case '{': return read_container(r, v, depth, true);
	case '[': return read_container(r, v, depth, false);
	case '"':
		v->type = JV_STRING;
		return read_string(r, &v->s, &v->len);
	case 't': v->type = JV_BOOL; v->b = true; return literal(r, "true");
	case 'f': v->type = JV_BOOL; return literal(r, "false");
	case 'n': v->type = JV_NULL; return literal(r, "null");
	default: return read_number(r, v);
	}
}

enum status
jv_parse(const char *buf, size_t len, const struct jv_limits *lim, struct jv *out, char **err)
{
	struct rd r = { buf, buf, buf + len, lim, NULL };

	memset(out, 0, sizeof *out);
	*err = NULL;
	if (len > lim->max_bytes) {
		*err = xasprintf(_("%zu bytes is more than the %zu allowed"), len, lim->max_bytes);
		return STATUS_BAD_INPUT;
	}
	if (read_value(&r, out, 0)) {
		skip_ws(&r);
		if (r.p == r.end)
			return STATUS_OK;
		fail(&r, _("trailing bytes after the value"));
	}
	jv_free(out);
	*err = r.err;
	return STATUS_BAD_INPUT;
}

void
jv_free(struct jv *v)
{
	if (v == NULL)
		return;
	free(v->s);
	for (size_t i = 0; i < v->n; i++) {
		jv_free(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	memset(v, 0, sizeof *v);
}

const struct jv *
jv_get(const struct jv *v, const char *key)
{
	if (v == NULL || v->type != JV_OBJECT)
		return NULL;
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return &v->items[i];
	return NULL;
}
