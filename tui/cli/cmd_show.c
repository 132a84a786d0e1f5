/*
 * kallelse show MEETING[/ITEM] [--json]: a meeting with its people, or one
 * agenda item with its proposal, the presidium's decision and documents.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "json_out.h"
#include "xmalloc.h"

/* Columns of a person's line: the name, the party; of a document's: its kind. */
enum { NAME_COLUMN = 28, PARTY_COLUMN = 5, KIND_COLUMN = 18 };

static void
print_people(const char *heading, const struct person *p, size_t n, enum person_group g)
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
		cli_put_padded(p[i].name, NAME_COLUMN);
		cli_put_padded(p[i].party, PARTY_COLUMN);
		text_printf("%s\n", cli_str(extra));
	}
}

static int
show_meeting(struct store *s, const char *mid, bool json)
{
	struct store_meeting m;
	struct person *people = NULL;
	size_t n = 0;
	enum status st;

	if ((st = store_meeting_get(s, mid, &m)) != STATUS_OK)
		return cli_fail(s, st);
	if ((st = store_meeting_people(s, mid, &people, &n)) != STATUS_OK) {
		store_meeting_free(&m);
		return cli_fail(s, st);
	}
	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_meeting_people(&j, &m, people, n);
		json_finish(&j);
	} else {
		cli_print_meeting_head(&m);
		if (m.presidium_date)
			text_printf(_("Presidium met on %s\n"), m.presidium_date);
		text_printf(_("%d agenda items; id %s\n"), m.item_count, cli_str(m.id));
		/* As the kallelse prints it: Kallade, then För kännedom. */
		text_printf("\n%s\n", _("Called:"));
		print_people(_("Members"), people, n, PERSON_MEMBER);
		print_people(_("Others"), people, n, PERSON_OTHER);
		text_printf("\n%s\n", _("For information:"));
		print_people(_("Substitutes"), people, n, PERSON_SUBSTITUTE);
		print_people(_("Regional councillors"), people, n, PERSON_REGIONRAD);
	}
	people_free(people, n);
	store_meeting_free(&m);
	return 0;
}

static void
print_item(const struct agenda_item *it, const struct store_doc *docs, size_t nd)
{
	char *slot = cli_time_slot(it->time_start, it->time_end);

	text_printf("%s  %s\n", cli_str(it->number), cli_str(it->title));
	if (it->section)
		text_printf("%s\n", it->section);
	if (*slot)
		text_printf(_("Time: %s\n"), slot);
	free(slot);
	for (size_t k = 0; k < it->n_presenters; k++)
		text_printf(_("Presenter: %s\n"), cli_str(it->presenters[k].raw ?
		    it->presenters[k].raw : it->presenters[k].name));
	if (it->case_number)
		text_printf(_("Case: %s\n"), it->case_number);
	if (it->confidential)
		text_printf("%s\n", _("[confidential]"));
	if (it->n_proposal) {
		text_printf("\n%s\n", _("Proposed decision:"));
		for (size_t k = 0; k < it->n_proposal; k++)
			text_printf(k ? "  • %s\n" : "%s\n", cli_str(it->proposal[k]));
	}
	if (it->presidium_decision) {
		if (it->presidium_paragraph > 0)
			text_printf(_("\nThe presidium's decision (§ %d):\n"), it->presidium_paragraph);
		else
			text_printf("\n%s\n", _("The presidium's decision:"));
		text_printf("%s\n", it->presidium_decision);
	}
	if (nd) {
		text_printf("\n%s\n", _("Documents:"));
		for (size_t k = 0; k < nd; k++) {
			text_puts("  ");
			cli_put_padded(docs[k].kind, KIND_COLUMN);
			text_printf(P_("%s (%zu character)\n", "%s (%zu characters)\n",
			    docs[k].chars), cli_str(docs[k].title), docs[k].chars);
		}
	}
}

static int
show_item(struct store *s, const char *mid, const char *number, bool json)
{
	struct agenda_item it;
	struct store_doc *docs = NULL;
	size_t nd = 0;
	enum status st;

	if ((st = store_item_find(s, mid, number, &it)) != STATUS_OK)
		return cli_fail(s, st);
	if ((st = store_documents(s, mid, it.id, &docs, &nd)) != STATUS_OK) {
		agenda_item_free(&it);
		return cli_fail(s, st);
	}
	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_item(&j, &it, docs, nd);
		json_finish(&j);
	} else {
		print_item(&it, docs, nd);
	}
	store_docs_free(docs, nd);
	agenda_item_free(&it);
	return 0;
}

static int
run_show(struct cli *c, struct store *s, const struct cli_args *a)
{
	char *spec, *slash, *mid = NULL;
	enum status st;
	int rc;

	(void)c;
	spec = xstrdup(a->argc ? a->argv[0] : "");
	slash = strchr(spec, '/');
	if (slash)
		*slash = '\0';
	if ((st = store_meeting_resolve(s, spec, &mid)) != STATUS_OK) {
		free(spec);
		return cli_fail(s, st);
	}
	if (slash && slash[1])
		rc = show_item(s, mid, slash + 1, a->json);
	else
		rc = show_meeting(s, mid, a->json);
	free(mid);
	free(spec);
	return rc;
}

static const struct cli_option show_options[] = {
	CLI_OPTION_JSON,
	CLI_OPTION_END,
};

const struct cli_command cmd_show_entry = {
	.name = "show",
	.args = N_("MEETING[/ITEM]"),
	.max_args = 1,
	.options = show_options,
	.help = N_("show a meeting with its people, or one agenda item"),
	.description = N_("Show a meeting with its people, or one agenda item (MEETING/ITEM, ITEM\n"
	    "its number) with its proposed decision and its documents."),
	.store = CLI_STORE_READ,
	.run = run_show,
};
