/*
 * kallelse search QUERY [--limit N] [--json]: titles, proposals and
 * documents of all meetings, the hits grouped by meeting.
 */
#include "config.h"

#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "json_out.h"

/* The column of an item's number before each hit. */
enum { NUMBER_COLUMN = 6 };

static void
json_hits(const char *query, const struct store_hit *hits, size_t n, size_t total)
{
	struct json j;

	json_init(&j, stdout);
	json_begin_object(&j);
	json_kv_string(&j, "query", query);
	json_kv_int(&j, "total", (long long)total);
	json_key(&j, "total_exact");
	json_bool(&j, total <= STORE_SEARCH_TOTAL_MAX);
	json_key(&j, "hits");
	json_begin_array(&j);
	for (size_t i = 0; i < n; i++)
		json_hit(&j, &hits[i]);
	json_end_array(&j);
	json_end_object(&j);
	json_finish(&j);
}

static void
print_hits(const char *query, const struct store_hit *hits, size_t n, size_t total)
{
	const char *last = NULL;

	for (size_t i = 0; i < n; i++) {
		const struct store_hit *h = &hits[i];
		const char *where = h->doc_title ? h->doc_title :
		    strcmp(h->what, "proposal") == 0 ? _("proposed decision") : _("title");

		if (last == NULL || strcmp(last, h->meeting_id) != 0) {
			text_printf("%s%s  %s\n", last ? "\n" : "", cli_str(h->meeting_date),
			    cli_str(h->body));
			last = h->meeting_id;
		}
		text_puts("  ");
		cli_put_padded(h->item_number, NUMBER_COLUMN);
		if (h->doc_id)
			text_printf(_("%s, line %zu: %s\n"), where, h->match_line + 1,
			    cli_str(h->snippet));
		else
			text_printf("%s: %s\n", where, cli_str(h->snippet));
	}
	if (total > STORE_SEARCH_TOTAL_MAX && n < total)
		text_printf(_("\n%zu of more than %d hits shown; use --limit 0 for all.\n"), n,
		    STORE_SEARCH_TOTAL_MAX);
	else if (n < total)
		text_printf(_("\n%zu of %zu hits shown; use --limit 0 for all.\n"), n, total);
	else if (total == 0)
		text_printf(_("No hits for '%s'.\n"), query);
}

static int
check_search(const struct cli_args *a)
{
	if (a->argc == 0 || *a->argv[0] == '\0')
		return cli_usage_error("search", _("what should I search for? Give a QUERY"));
	return 0;
}

static int
run_search(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct store_hit *hits = NULL;
	enum status st;
	size_t n = 0, total = 0;

	(void)c;
	if ((st = store_search(s, a->argv[0], a->limit, &hits, &n, &total)) != STATUS_OK)
		return cli_fail(s, st);
	if (a->json)
		json_hits(a->argv[0], hits, n, total);
	else
		print_hits(a->argv[0], hits, n, total);
	store_hits_free(hits, n);
	return 0;
}

static const struct cli_option search_options[] = {
	CLI_OPTION("limit", required_argument, OPT_LIMIT, N_("N"),
	    N_("show the first N hits (20 by default, 0 for all)")),
	CLI_OPTION_JSON,
	CLI_OPTION_END,
};

const struct cli_command cmd_search_entry = {
	.name = "search",
	.args = N_("QUERY"),
	.max_args = 1,
	.options = search_options,
	.help = N_("search titles, proposals and documents"),
	.description = N_("Search titles, proposals and documents of all meetings. The search\n"
	    "ignores case but keeps å, ä and ö apart from a and o, and finds parts\n"
	    "of words of three letters or more."),
	.store = CLI_STORE_READ,
	.check = check_search,
	.run = run_search,
};
