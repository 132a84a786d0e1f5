/*
 * The scriptable reading commands: kallelse meetings | agenda | show |
 * search, each with --json. They open the database read-only and never
 * create it. Plain text is for people (aligned columns, the content in
 * Swedish as printed); JSON field names follow ../shared/gold (agenda.json,
 * meeting.json) plus "id" and "documents".
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "json.h"
#include "text.h"
#include "xmalloc.h"

struct opts {
	bool json;
	size_t limit;		/* search */
	const char *args[4];	/* positional arguments */
	int n_args;
};

/* Parse --json (and --limit N for search); 0, or the usage exit status. */
static int
parse_opts(int argc, char **argv, int max_args, bool limit_ok, struct opts *o)
{
	bool only_args = false;

	memset(o, 0, sizeof *o);
	o->limit = 20;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!only_args && strcmp(a, "--json") == 0) {
			o->json = true;
		} else if (!only_args && limit_ok && (strcmp(a, "--limit") == 0 ||
		    strncmp(a, "--limit=", 8) == 0)) {
			const char *v = a[7] == '=' ? a + 8 : (i + 1 < argc ? argv[++i] : NULL);
			char *end;
			long n = v ? strtol(v, &end, 10) : -1;

			if (v == NULL || *v == '\0' || *end != '\0' || n < 0)
				return cli_usage_error(argv[0], _("--limit needs a number (0 for all)"));
			o->limit = (size_t)n;
		} else if (!only_args && strcmp(a, "--") == 0) {
			only_args = true;
		} else if (!only_args && a[0] == '-' && a[1] != '\0') {
			return cli_usage_error(argv[0], _("unknown option '%s'"), a);
		} else if (o->n_args < max_args) {
			o->args[o->n_args++] = a;
		} else {
			return cli_usage_error(argv[0], _("unexpected argument '%s'"), a);
		}
	}
	return 0;
}

/* Print the store's error and give exit status 1. */
static int
fail(struct store *s, enum status st)
{
	const char *e = store_error(s);

	cli_error("%s", *e ? e : _(status_message(st)));
	return 1;
}

/*
 * Content made safe for a terminal: controls, escapes and bidi overrides
 * shown as placeholders (text_scrub). The copy lives until 16 more calls.
 */
static const char *
safe(const char *s)
{
	static char *ring[16];
	static unsigned k;
	unsigned i = k++ % 16;

	if (s == NULL)
		return "";
	free(ring[i]);
	ring[i] = text_scrub(s, strlen(s), NULL);
	return ring[i];
}

/* s (made safe) padded or cut to width columns. */
static void
put_padded(const char *s, int width)
{
	const char *t = safe(s);
	char *p = text_pad(t, strlen(t), width);

	text_puts(p);
	free(p);
}

/* ---- meetings ---- */

int
cmd_meetings(struct cli *c, int argc, char **argv)
{
	struct store_meeting *ms = NULL;
	struct store *s;
	struct opts o;
	enum status st;
	size_t n;
	int rc, wbody = 0, wunread;

	if ((rc = parse_opts(argc, argv, 0, false, &o)) != 0)
		return rc;
	wunread = text_width(_("Unread items"), strlen(_("Unread items")));
	s = cli_store(c, STORE_READONLY);
	if ((st = store_meetings(s, &ms, &n)) != STATUS_OK)
		return fail(s, st);
	if (o.json) {
		struct json j;

		json_init(&j, stdout);
		json_begin_array(&j);
		for (size_t i = 0; i < n; i++) {
			json_begin_object(&j);
			json_kv_string(&j, "id", ms[i].id);
			json_kv_string(&j, "body", ms[i].body);
			json_kv_string(&j, "date", ms[i].date);
			json_kv_string(&j, "time", ms[i].time);
			json_kv_string(&j, "time_end", ms[i].time_end);
			json_kv_string(&j, "place", ms[i].place);
			json_kv_string(&j, "presidium_meeting_date", ms[i].presidium_date);
			json_kv_string(&j, "state", ms[i].state);
			json_kv_int(&j, "revision", ms[i].revision);
			json_kv_int(&j, "items", ms[i].item_count);
			json_kv_int(&j, "unread", ms[i].unread_count);
			json_kv_int(&j, "marked", ms[i].marked_count);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_finish(&j);
	} else if (n == 0) {
		text_printf(_("No meetings yet. Import a meeting packet with 'kallelse import FILE'.\n"));
	} else {
		for (size_t i = 0; i < n; i++) {
			int w = text_width(ms[i].body, strlen(ms[i].body));
			if (w > wbody)
				wbody = w;
		}
		if (wbody > 48)
			wbody = 48;
		put_padded(_("Date"), 11);
		put_padded(_("Time"), 6);
		put_padded(_("Body"), wbody + 1);
		put_padded(_("Items"), 8);
		/* Counts items with an unread document, like the meetings view. */
		put_padded(_("Unread items"), wunread + 2);
		text_printf("%s\n", _("Marked"));
		for (size_t i = 0; i < n; i++) {
			put_padded(ms[i].date, 11);
			put_padded(ms[i].time, 6);
			put_padded(ms[i].body, wbody + 1);
			text_printf("%-8d%-*d%d\n", ms[i].item_count, wunread + 2, ms[i].unread_count,
			    ms[i].marked_count);
		}
	}
	store_meetings_free(ms, n);
	return 0;
}

/* ---- items ---- */

static bool
all_digits(const char *s)
{
	if (s == NULL || *s == '\0')
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* One agenda item with the gold keys, plus id and documents. */
static void
json_item(struct json *j, const struct store_item *it, const struct store_doc *docs, size_t nd)
{
	json_begin_object(j);
	json_kv_string(j, "kind", "item");
	json_kv_string(j, "id", it->id);
	json_key(j, "number");
	if (all_digits(it->number))
		json_int(j, atoi(it->number));
	else
		json_string(j, it->number);
	if (it->last > it->first) {
		json_key(j, "numbers");
		json_begin_array(j);
		for (int k = it->first; k <= it->last; k++)
			json_int(j, k);
		json_end_array(j);
	}
	json_kv_string(j, "title", it->title);
	json_kv_string(j, "section", it->section);
	json_kv_string(j, "time_start", it->time_start);
	json_kv_string(j, "time_end", it->time_end);
	json_key(j, "presenters");
	json_begin_array(j);
	for (size_t k = 0; k < it->n_presenters; k++) {
		json_begin_object(j);
		json_kv_string(j, "name", it->presenters[k].name);
		json_kv_string(j, "title", it->presenters[k].title);
		json_kv_string(j, "raw", it->presenters[k].raw);
		json_end_object(j);
	}
	json_end_array(j);
	json_kv_string(j, "case_number", it->case_number);
	json_kv_string(j, "case_number_printed", it->case_number_printed);
	json_key(j, "presidium_paragraph");
	if (it->presidium_paragraph > 0)
		json_int(j, it->presidium_paragraph);
	else
		json_null(j);
	json_kv_string(j, "presidium_decision", it->presidium_decision);
	json_key(j, "decision_proposal");
	if (it->n_proposal) {
		json_begin_array(j);
		for (size_t k = 0; k < it->n_proposal; k++)
			json_string(j, it->proposal[k]);
		json_end_array(j);
	} else {
		json_null(j);
	}
	json_key(j, "documents");
	json_begin_array(j);
	for (size_t k = 0; k < nd; k++) {
		json_begin_object(j);
		json_kv_string(j, "kind", docs[k].kind);
		json_kv_string(j, "title", docs[k].title);
		json_kv_int(j, "chars", (long long)docs[k].chars);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

/* "13.00–13.05", "13.00" or "". Caller frees. */
static char *
time_slot(const char *a, const char *b)
{
	if (a && b)
		return xasprintf("%s–%s", a, b);
	return xstrdup(a ? a : "");
}

/* One agenda line for people: number, time, title, then presenter and case number. */
static void
print_item_line(const struct store_item *it)
{
	char *slot = time_slot(it->time_start, it->time_end);

	text_puts("  ");
	put_padded(it->number, 6);
	put_padded(slot, 13);
	text_printf("%s%s%s\n", safe(it->title), it->confidential ? "  " : "",
	    it->confidential ? _("[confidential]") : "");
	free(slot);
	if (it->n_presenters || it->case_number) {
		text_puts("  ");
		put_padded("", 19);
		for (size_t k = 0; k < it->n_presenters; k++)
			text_printf("%s%s", k ? "; " : "", safe(it->presenters[k].raw ?
			    it->presenters[k].raw : it->presenters[k].name));
		if (it->case_number)
			text_printf("%s%s", it->n_presenters ? "  " : "", safe(it->case_number));
		text_puts("\n");
	}
}

/* A break as an agenda entry: "kind": "break" tells it from the items. */
static void
json_break(struct json *j, const struct store_break *b)
{
	json_begin_object(j);
	json_kv_string(j, "kind", "break");
	json_kv_string(j, "label", b->label);
	json_kv_string(j, "time_start", b->time_start);
	json_kv_string(j, "time_end", b->time_end);
	json_end_object(j);
}

/* A break for people, in the columns of the items: "        14.35–14.50  Paus". */
static void
print_break_line(const struct store_break *b)
{
	char *slot = time_slot(b->time_start, b->time_end);

	text_puts("  ");
	put_padded("", 6);
	put_padded(slot, 13);
	text_printf("%s\n", safe(b->label));
	free(slot);
}

static void
print_meeting_head(const struct store_meeting *m)
{
	text_printf("%s\n", safe(m->body));
	text_printf("%s%s%s%s%s\n", safe(m->date), m->time ? " " : "", safe(m->time),
	    m->place ? ", " : "", safe(m->place));
}

int
cmd_agenda(struct cli *c, int argc, char **argv)
{
	struct store_meeting m = { 0 };
	struct store_item *items = NULL;
	struct store_break *breaks = NULL;
	struct store *s;
	struct opts o;
	enum status st;
	size_t n = 0, nb = 0, b = 0;
	char *mid = NULL;
	int rc;

	if ((rc = parse_opts(argc, argv, 1, false, &o)) != 0)
		return rc;
	s = cli_store(c, STORE_READONLY);
	if ((st = store_meeting_resolve(s, o.n_args ? o.args[0] : NULL, &mid)) != STATUS_OK ||
	    (st = store_meeting_get(s, mid, &m)) != STATUS_OK ||
	    (st = store_agenda(s, mid, &items, &n)) != STATUS_OK ||
	    (st = store_agenda_breaks(s, mid, &breaks, &nb)) != STATUS_OK) {
		free(mid);
		store_items_free(items, n);
		store_meeting_free(&m);
		return fail(s, st);
	}
	if (o.json) {
		struct json j;

		json_init(&j, stdout);
		json_begin_array(&j);
		for (size_t i = 0; i <= n && rc == 0; i++) {
			struct store_doc *docs = NULL;
			size_t nd = 0;

			/* The breaks before this item (before_ord == ord), where the packet prints them. */
			for (; b < nb && breaks[b].before_ord <= (int)i; b++)
				json_break(&j, &breaks[b]);
			if (i == n)
				break;
			if ((st = store_documents(s, mid, items[i].id, &docs, &nd)) != STATUS_OK) {
				rc = fail(s, st);
				break;
			}
			json_item(&j, &items[i], docs, nd);
			store_docs_free(docs, nd);
		}
		json_end_array(&j);
		json_finish(&j);
	} else {
		const char *section = NULL;

		print_meeting_head(&m);
		for (size_t i = 0; i <= n; i++) {
			for (; b < nb && breaks[b].before_ord <= (int)i; b++)
				print_break_line(&breaks[b]);
			if (i == n)
				break;
			if (items[i].section && (section == NULL || strcmp(section, items[i].section) != 0)) {
				text_printf("\n%s\n", safe(items[i].section));
				section = items[i].section;
			} else if (i == 0) {
				text_puts("\n");
			}
			print_item_line(&items[i]);
		}
	}
	store_breaks_free(breaks, nb);
	store_items_free(items, n);
	store_meeting_free(&m);
	free(mid);
	return rc;
}

/* ---- show ---- */

static void
json_people(struct json *j, const char *key, const struct store_person *p, size_t n,
    enum person_group g)
{
	json_key(j, key);
	json_begin_array(j);
	for (size_t i = 0; i < n; i++) {
		if (p[i].group != g)
			continue;
		json_begin_object(j);
		json_kv_string(j, "name", p[i].name);
		if (g == PERSON_OTHER) {
			json_kv_string(j, "title", p[i].title);
			if (p[i].party)
				json_kv_string(j, "party", p[i].party);
		} else {
			json_kv_string(j, "party", p[i].party);
			if (g == PERSON_MEMBER)
				json_kv_string(j, "role", p[i].role);
		}
		json_end_object(j);
	}
	json_end_array(j);
}

static void
print_people(const char *heading, const struct store_person *p, size_t n, enum person_group g)
{
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		const char *extra = g == PERSON_MEMBER ? p[i].role : g == PERSON_OTHER ? p[i].title : NULL;

		if (p[i].group != g)
			continue;
		if (!any)
			text_printf("\n%s\n", heading);
		any = true;
		text_puts("  ");
		put_padded(p[i].name, 28);
		put_padded(p[i].party ? p[i].party : "", 5);
		text_printf("%s\n", safe(extra));
	}
}

static int
show_meeting(struct store *s, const char *mid, bool json)
{
	struct store_meeting m;
	struct store_person *people = NULL;
	size_t n = 0;
	enum status st;

	if ((st = store_meeting_get(s, mid, &m)) != STATUS_OK)
		return fail(s, st);
	if ((st = store_meeting_people(s, mid, &people, &n)) != STATUS_OK) {
		store_meeting_free(&m);
		return fail(s, st);
	}
	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_begin_object(&j);
		json_kv_string(&j, "id", m.id);
		json_kv_string(&j, "body", m.body);
		json_kv_string(&j, "date", m.date);
		json_kv_string(&j, "time", m.time);
		json_kv_string(&j, "place", m.place);
		json_kv_string(&j, "presidium_meeting_date", m.presidium_date);
		json_people(&j, "members", people, n, PERSON_MEMBER);
		json_people(&j, "ersattare", people, n, PERSON_SUBSTITUTE);
		json_people(&j, "others", people, n, PERSON_OTHER);
		json_people(&j, "regionrad", people, n, PERSON_REGIONRAD);
		/* Who is called (Kallade) and who gets the packet for information (För kännedom). */
		json_key(&j, "called");
		json_begin_array(&j);
		json_string(&j, "members");
		json_string(&j, "others");
		json_end_array(&j);
		json_key(&j, "for_information");
		json_begin_array(&j);
		json_string(&j, "ersattare");
		json_string(&j, "regionrad");
		json_end_array(&j);
		json_end_object(&j);
		json_finish(&j);
	} else {
		print_meeting_head(&m);
		if (m.presidium_date)
			text_printf(_("Presidium met on %s\n"), safe(m.presidium_date));
		text_printf(_("%d agenda items; id %s\n"), m.item_count, safe(m.id));
		/* As the kallelse prints it: Kallade, then För kännedom. */
		text_printf("\n%s\n", _("Called:"));
		print_people(_("Members"), people, n, PERSON_MEMBER);
		print_people(_("Others"), people, n, PERSON_OTHER);
		text_printf("\n%s\n", _("For information:"));
		print_people(_("Substitutes"), people, n, PERSON_SUBSTITUTE);
		print_people(_("Regional councillors"), people, n, PERSON_REGIONRAD);
	}
	store_people_free(people, n);
	store_meeting_free(&m);
	return 0;
}

static int
show_item(struct store *s, const char *mid, const char *number, bool json)
{
	struct store_item it;
	struct store_doc *docs = NULL;
	size_t nd = 0;
	enum status st;

	if ((st = store_item_find(s, mid, number, &it)) != STATUS_OK)
		return fail(s, st);
	if ((st = store_documents(s, mid, it.id, &docs, &nd)) != STATUS_OK) {
		store_item_free(&it);
		return fail(s, st);
	}
	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_item(&j, &it, docs, nd);
		json_finish(&j);
	} else {
		char *slot = time_slot(it.time_start, it.time_end);

		text_printf("%s  %s\n", safe(it.number), safe(it.title));
		if (it.section)
			text_printf("%s\n", safe(it.section));
		if (*slot)
			text_printf(_("Time: %s\n"), safe(slot));
		free(slot);
		for (size_t k = 0; k < it.n_presenters; k++)
			text_printf(_("Presenter: %s\n"), safe(it.presenters[k].raw ?
			    it.presenters[k].raw : it.presenters[k].name));
		if (it.case_number)
			text_printf(_("Case: %s\n"), safe(it.case_number));
		if (it.confidential)
			text_printf("%s\n", _("[confidential]"));
		if (it.n_proposal) {
			text_printf("\n%s\n", _("Proposed decision:"));
			for (size_t k = 0; k < it.n_proposal; k++)
				text_printf(k ? "  • %s\n" : "%s\n", safe(it.proposal[k]));
		}
		if (it.presidium_decision) {
			if (it.presidium_paragraph > 0)
				text_printf(_("\nThe presidium's decision (§ %d):\n"), it.presidium_paragraph);
			else
				text_printf("\n%s\n", _("The presidium's decision:"));
			text_printf("%s\n", safe(it.presidium_decision));
		}
		if (nd) {
			text_printf("\n%s\n", _("Documents:"));
			for (size_t k = 0; k < nd; k++) {
				text_puts("  ");
				put_padded(docs[k].kind, 18);
				text_printf(P_("%s (%zu character)\n", "%s (%zu characters)\n",
				    docs[k].chars), safe(docs[k].title), docs[k].chars);
			}
		}
	}
	store_docs_free(docs, nd);
	store_item_free(&it);
	return 0;
}

int
cmd_show(struct cli *c, int argc, char **argv)
{
	struct store *s;
	struct opts o;
	enum status st;
	char *spec, *slash, *mid = NULL;
	int rc;

	if ((rc = parse_opts(argc, argv, 1, false, &o)) != 0)
		return rc;
	s = cli_store(c, STORE_READONLY);
	spec = xstrdup(o.n_args ? o.args[0] : "");
	slash = strchr(spec, '/');
	if (slash)
		*slash = '\0';
	if ((st = store_meeting_resolve(s, spec, &mid)) != STATUS_OK) {
		free(spec);
		return fail(s, st);
	}
	if (slash && slash[1])
		rc = show_item(s, mid, slash + 1, o.json);
	else
		rc = show_meeting(s, mid, o.json);
	free(mid);
	free(spec);
	return rc;
}

/* ---- search ---- */

int
cmd_search(struct cli *c, int argc, char **argv)
{
	struct store_hit *hits = NULL;
	struct store *s;
	struct opts o;
	enum status st;
	size_t n = 0, total = 0;
	int rc;

	if ((rc = parse_opts(argc, argv, 1, true, &o)) != 0)
		return rc;
	if (o.n_args == 0 || *o.args[0] == '\0')
		return cli_usage_error(argv[0], _("what should I search for? Give a QUERY"));
	s = cli_store(c, STORE_READONLY);
	if ((st = store_search(s, o.args[0], o.limit, &hits, &n, &total)) != STATUS_OK)
		return fail(s, st);
	if (o.json) {
		struct json j;

		json_init(&j, stdout);
		json_begin_object(&j);
		json_kv_string(&j, "query", o.args[0]);
		json_kv_int(&j, "total", (long long)total);
		json_key(&j, "total_exact");
		json_bool(&j, total <= STORE_SEARCH_TOTAL_MAX);
		json_key(&j, "hits");
		json_begin_array(&j);
		for (size_t i = 0; i < n; i++) {
			const struct store_hit *h = &hits[i];

			json_begin_object(&j);
			json_kv_string(&j, "meeting_id", h->meeting_id);
			json_kv_string(&j, "date", h->meeting_date);
			json_kv_string(&j, "body", h->body);
			json_kv_string(&j, "item_id", h->item_id);
			json_kv_string(&j, "number", h->item_number);
			json_kv_string(&j, "doc_id", h->doc_id);
			json_kv_string(&j, "doc_title", h->doc_title);
			json_kv_string(&j, "what", h->what);
			json_kv_string(&j, "snippet", h->snippet);
			json_key(&j, "spans");
			json_begin_array(&j);
			for (size_t k = 0; k < h->n_spans; k++) {
				json_begin_array(&j);
				json_int(&j, (long long)h->spans[k].off);
				json_int(&j, (long long)h->spans[k].len);
				json_end_array(&j);
			}
			json_end_array(&j);
			json_kv_int(&j, "match_off", (long long)h->match_off);
			json_kv_int(&j, "match_line", (long long)h->match_line);
			json_key(&j, "rank");
			json_double(&j, h->rank);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_end_object(&j);
		json_finish(&j);
	} else {
		const char *last = NULL;

		for (size_t i = 0; i < n; i++) {
			const struct store_hit *h = &hits[i];
			const char *where = h->doc_title ? h->doc_title :
			    strcmp(h->what, "proposal") == 0 ? _("proposed decision") : _("title");

			if (last == NULL || strcmp(last, h->meeting_id) != 0) {
				text_printf("%s%s  %s\n", last ? "\n" : "", safe(h->meeting_date),
				    safe(h->body));
				last = h->meeting_id;
			}
			text_puts("  ");
			put_padded(h->item_number ? h->item_number : "", 6);
			if (h->doc_id)
				text_printf(_("%s, line %zu: %s\n"), safe(where), h->match_line + 1,
				    safe(h->snippet));
			else
				text_printf("%s: %s\n", safe(where), safe(h->snippet));
		}
		if (total > STORE_SEARCH_TOTAL_MAX && n < total)
			text_printf(_("\n%zu of more than %d hits shown; use --limit 0 for all.\n"), n,
			    STORE_SEARCH_TOTAL_MAX);
		else if (n < total)
			text_printf(_("\n%zu of %zu hits shown; use --limit 0 for all.\n"), n, total);
		else if (total == 0)
			text_printf(_("No hits for '%s'.\n"), safe(o.args[0]));
	}
	store_hits_free(hits, n);
	return 0;
}
