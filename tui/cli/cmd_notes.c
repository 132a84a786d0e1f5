/*
 * kallelse notes [MEETING] [--json]: the user's private notes, of one
 * meeting or of all, with the item (and document) each is on; a note whose
 * item or document is gone is listed as an orphan.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "json_out.h"

static void
write_json(const struct store_note *nt, size_t n)
{
	struct json j;

	json_init(&j, stdout);
	json_begin_array(&j);
	for (size_t i = 0; i < n; i++) {
		json_begin_object(&j);
		json_kv_int(&j, "id", (long long)nt[i].id);
		json_kv_string(&j, "meeting_id", nt[i].meeting_id);
		json_kv_string(&j, "item_id", nt[i].item_id);
		json_kv_string(&j, "number", nt[i].item_number);
		json_kv_string(&j, "doc_id", nt[i].doc_id);
		json_kv_string(&j, "doc_title", nt[i].doc_title);
		json_kv_int(&j, "line", (long long)nt[i].position);
		json_kv_string(&j, "text", nt[i].text);
		json_kv_string(&j, "created", nt[i].created);
		json_kv_string(&j, "updated", nt[i].updated);
		json_key(&j, "orphan");
		json_bool(&j, nt[i].orphan);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_finish(&j);
}

static void
write_text(const struct store_note *nt, size_t n)
{
	const char *meeting = NULL;

	if (n == 0)
		text_printf("%s\n", _("No notes."));
	for (size_t i = 0; i < n; i++) {
		const char *t = cli_str(nt[i].text), *nl;

		if (meeting == NULL || strcmp(meeting, cli_str(nt[i].meeting_id)) != 0)
			text_printf("%s%s\n", meeting ? "\n" : "", cli_str(nt[i].meeting_id));
		meeting = cli_str(nt[i].meeting_id);
		text_printf("  %s", nt[i].item_number ? nt[i].item_number : "?");
		if (nt[i].doc_title)
			text_printf(_("  %s, line %zu"), nt[i].doc_title, nt[i].position + 1);
		text_printf("  %s%s\n", cli_str(nt[i].updated), nt[i].orphan ?
		    _("  (its item or document is gone)") : "");
		/* Each line of the note indented under its heading. */
		for (; (nl = strchr(t, '\n')) != NULL; t = nl + 1)
			text_printf("      %.*s\n", (int)(nl - t), t);
		text_printf("      %s\n", t);
	}
}

static int
run_notes(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct store_note *nt = NULL;
	char *mid = NULL;
	enum status st;
	size_t n = 0;

	(void)c;
	if (a->argc && (st = store_meeting_resolve(s, a->argv[0], &mid)) != STATUS_OK)
		return cli_fail(s, st);
	st = store_notes_all(s, mid, &nt, &n);
	free(mid);
	if (st != STATUS_OK)
		return cli_fail(s, st);
	if (a->json)
		write_json(nt, n);
	else
		write_text(nt, n);
	store_notes_free(nt, n);
	return 0;
}

static const struct cli_option notes_options[] = {
	CLI_OPTION_JSON,
	CLI_OPTION_END,
};

const struct cli_command cmd_notes_entry = {
	.name = "notes",
	.args = N_("[MEETING]"),
	.max_args = 1,
	.options = notes_options,
	.help = N_("list your private notes"),
	.description = N_("List your private notes, of MEETING or of every meeting, with the item\n"
	    "and document each is on. A note whose item or document is gone is kept\n"
	    "and listed as an orphan."),
	.store = CLI_STORE_READ,
	.run = run_notes,
};
