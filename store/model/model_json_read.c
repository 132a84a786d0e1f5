/*
 * A bundle (json_packet's output) back into a struct packet. The bytes are
 * untrusted even after their hash matched (a publisher's bug, a newer
 * format): every field is checked for its type and bounds before it is
 * used, and nothing is half-filled on error.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json_read.h"
#include "model_json.h"
#include "xmalloc.h"

#define MAX_ENTRIES 100000	/* items, people, documents, proposal lines of one meeting */

struct ctx {
	char *err;
};

static bool
bad(struct ctx *c, const char *where, const char *what)
{
	if (c->err == NULL)
		c->err = xasprintf(_("bundle field %s: %s"), where, what);
	return false;
}

/* An optional string: null or absent gives NULL. */
static bool
opt_str(struct ctx *c, const struct jv *obj, const char *key, char **out)
{
	const struct jv *v = jv_get(obj, key);

	*out = NULL;
	if (v == NULL || v->type == JV_NULL)
		return true;
	if (v->type != JV_STRING)
		return bad(c, key, _("not a string"));
	*out = xstrndup(v->s, v->len);
	return true;
}

static bool
req_str(struct ctx *c, const struct jv *obj, const char *key, char **out)
{
	if (!opt_str(c, obj, key, out))
		return false;
	if (*out == NULL || **out == '\0')
		return bad(c, key, _("missing"));
	return true;
}

static bool
req_int(struct ctx *c, const struct jv *obj, const char *key, long long lo, long long hi,
    long long *out)
{
	const struct jv *v = jv_get(obj, key);

	if (v == NULL || v->type != JV_INT)
		return bad(c, key, _("not a whole number"));
	if (v->i < lo || v->i > hi)
		return bad(c, key, _("out of range"));
	*out = v->i;
	return true;
}

static const struct jv *
req_array(struct ctx *c, const struct jv *obj, const char *key)
{
	const struct jv *v = jv_get(obj, key);

	if (v == NULL || v->type != JV_ARRAY) {
		bad(c, key, _("not an array"));
		return NULL;
	}
	if (v->n > MAX_ENTRIES) {
		bad(c, key, _("too many entries"));
		return NULL;
	}
	return v;
}

static bool
read_person(struct ctx *c, const struct jv *o, struct person *q)
{
	static const char *const groups[] = { "member", "substitute", "other", "regionrad" };
	char *g = NULL;
	size_t k;

	if (o->type != JV_OBJECT)
		return bad(c, "people", _("not an object"));
	if (!req_str(c, o, "group", &g))
		return false;
	for (k = 0; k < 4 && strcmp(groups[k], g) != 0; k++)
		;
	free(g);
	if (k == 4)
		return bad(c, "group", _("unknown value"));
	q->group = (enum person_group)k;
	return req_str(c, o, "name", &q->name) && opt_str(c, o, "party", &q->party) &&
	    opt_str(c, o, "role", &q->role) && opt_str(c, o, "title", &q->title);
}

static bool
read_item(struct ctx *c, const struct jv *o, struct agenda_item *it)
{
	const struct jv *pr, *prop, *conf;
	long long first, last, para = 0;
	const struct jv *pv;

	if (o->type != JV_OBJECT)
		return bad(c, "items", _("not an object"));
	if (!req_str(c, o, "number_text", &it->number) || !req_str(c, o, "title", &it->title) ||
	    !req_int(c, o, "first", 0, 100000, &first) ||
	    !req_int(c, o, "last", first, 100000, &last) ||
	    !opt_str(c, o, "section", &it->section) ||
	    !opt_str(c, o, "time_start", &it->time_start) ||
	    !opt_str(c, o, "time_end", &it->time_end) ||
	    !opt_str(c, o, "case_number", &it->case_number) ||
	    !opt_str(c, o, "case_number_printed", &it->case_number_printed) ||
	    !opt_str(c, o, "presidium_decision", &it->presidium_decision) ||
	    !opt_str(c, o, "proposal_source", &it->proposal_source))
		return false;
	it->first = (int)first;
	it->last = (int)last;
	pv = jv_get(o, "presidium_paragraph");
	if (pv != NULL && pv->type != JV_NULL && !req_int(c, o, "presidium_paragraph", 1, 100000, &para))
		return false;
	it->presidium_paragraph = (int)para;
	conf = jv_get(o, "confidential");
	if (conf == NULL || conf->type != JV_BOOL)
		return bad(c, "confidential", _("not true or false"));
	it->confidential = conf->b;
	if ((pr = req_array(c, o, "presenters")) == NULL)
		return false;
	it->presenters = xcalloc(pr->n ? pr->n : 1, sizeof *it->presenters);
	it->n_presenters = pr->n;
	for (size_t k = 0; k < pr->n; k++) {
		if (pr->items[k].type != JV_OBJECT)
			return bad(c, "presenters", _("not an object"));
		if (!opt_str(c, &pr->items[k], "name", &it->presenters[k].name) ||
		    !opt_str(c, &pr->items[k], "title", &it->presenters[k].title) ||
		    !opt_str(c, &pr->items[k], "raw", &it->presenters[k].raw))
			return false;
	}
	prop = jv_get(o, "decision_proposal");
	if (prop != NULL && prop->type != JV_NULL) {
		if ((prop = req_array(c, o, "decision_proposal")) == NULL)
			return false;
		it->proposal = xcalloc(prop->n ? prop->n : 1, sizeof *it->proposal);
		it->n_proposal = prop->n;
		for (size_t k = 0; k < prop->n; k++) {
			if (prop->items[k].type != JV_STRING)
				return bad(c, "decision_proposal", _("not a string"));
			it->proposal[k] = xstrndup(prop->items[k].s, prop->items[k].len);
		}
	}
	return true;
}

static bool
read_doc(struct ctx *c, const struct jv *o, size_t n_items, struct packet_doc *d)
{
	const struct jv *iv, *tv;

	if (o->type != JV_OBJECT)
		return bad(c, "documents", _("not an object"));
	iv = jv_get(o, "item");
	if (iv == NULL || iv->type == JV_NULL) {
		d->item = -1;
	} else if (iv->type == JV_INT && iv->i >= 0 && (size_t)iv->i < n_items) {
		d->item = (int)iv->i;
	} else {
		return bad(c, "item", _("not an item of the bundle"));
	}
	tv = jv_get(o, "text");
	if (tv == NULL || tv->type != JV_STRING)
		return bad(c, "text", _("not a string"));
	d->text = xstrndup(tv->s, tv->len);
	d->text_len = tv->len;
	return opt_str(c, o, "kind", &d->kind) && opt_str(c, o, "title", &d->title) &&
	    opt_str(c, o, "date", &d->date) && opt_str(c, o, "case_number", &d->case_number);
}

static bool
is_date(const char *s)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

static bool
read_packet(struct ctx *c, const struct jv *root, struct packet *p)
{
	const struct jv *m, *arr;
	long long format;

	if (root->type != JV_OBJECT)
		return bad(c, "(top)", _("not an object"));
	if (!req_int(c, root, "format", 1, 1000000, &format))
		return false;
	if (format > MODEL_JSON_FORMAT) {
		c->err = xasprintf(_("the bundle has format %lld, newer than the %d this kallelse "
		    "reads; install a newer kallelse"), format, MODEL_JSON_FORMAT);
		return false;
	}
	m = jv_get(root, "meeting");
	if (m == NULL || m->type != JV_OBJECT)
		return bad(c, "meeting", _("not an object"));
	if (!req_str(c, m, "body", &p->body) || !req_str(c, m, "date", &p->date) ||
	    !opt_str(c, m, "time", &p->time) || !opt_str(c, m, "time_end", &p->time_end) ||
	    !opt_str(c, m, "place", &p->place) ||
	    !opt_str(c, m, "presidium_date", &p->presidium_date) ||
	    !opt_str(c, m, "source_name", &p->source_name) ||
	    !opt_str(c, m, "source_sha256", &p->source_sha256) ||
	    !opt_str(c, m, "warnings", &p->warnings))
		return false;
	if (!is_date(p->date))
		return bad(c, "date", _("not a date YYYY-MM-DD"));

	if ((arr = req_array(c, root, "people")) == NULL)
		return false;
	p->people = xcalloc(arr->n ? arr->n : 1, sizeof *p->people);
	for (size_t k = 0; k < arr->n; k++)
		if (p->n_people++, !read_person(c, &arr->items[k], &p->people[k]))
			return false;

	if ((arr = req_array(c, root, "items")) == NULL)
		return false;
	p->items = xcalloc(arr->n ? arr->n : 1, sizeof *p->items);
	for (size_t k = 0; k < arr->n; k++)
		if (p->n_items++, !read_item(c, &arr->items[k], &p->items[k]))
			return false;

	if ((arr = req_array(c, root, "breaks")) == NULL)
		return false;
	p->breaks = xcalloc(arr->n ? arr->n : 1, sizeof *p->breaks);
	for (size_t k = 0; k < arr->n; k++) {
		const struct jv *o = &arr->items[k];
		long long before;

		p->n_breaks++;
		if (o->type != JV_OBJECT)
			return bad(c, "breaks", _("not an object"));
		if (!req_int(c, o, "before", 0, (long long)p->n_items, &before) ||
		    !req_str(c, o, "label", &p->breaks[k].label) ||
		    !opt_str(c, o, "time_start", &p->breaks[k].time_start) ||
		    !opt_str(c, o, "time_end", &p->breaks[k].time_end))
			return false;
		p->breaks[k].before = (size_t)before;
	}

	if ((arr = req_array(c, root, "documents")) == NULL)
		return false;
	p->docs = xcalloc(arr->n ? arr->n : 1, sizeof *p->docs);
	for (size_t k = 0; k < arr->n; k++)
		if (p->n_docs++, !read_doc(c, &arr->items[k], p->n_items, &p->docs[k]))
			return false;
	return true;
}

enum status
packet_from_json(const char *buf, size_t len, struct packet *p, char **err)
{
	static const struct jv_limits lim = { MODEL_JSON_MAX_BYTES, 16, MAX_ENTRIES };
	struct jv root;
	struct ctx c = { NULL };
	enum status st;

	memset(p, 0, sizeof *p);
	if ((st = jv_parse(buf, len, &lim, &root, err)) != STATUS_OK)
		return st;
	if (!read_packet(&c, &root, p)) {
		packet_free(p);
		*err = c.err;
		st = STATUS_BAD_INPUT;
	}
	jv_free(&root);
	return st;
}
