/*
 * kallelse marks [MEETING] [--json|--csv]: the items marked for
 * discussion, of one meeting or of all, with who marked, the comment and
 * when; a mark whose item is gone is listed as an orphan. CSV (RFC 4180,
 * a header row) is for the secretary's summary in a spreadsheet.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "json_out.h"

/* One CSV field: quoted when it holds a comma, a quote or a line break; quotes doubled. */
static void
csv_field(const char *v, bool last)
{
	v = cli_str(v);
	if (strpbrk(v, ",\"\r\n") == NULL) {
		fputs(v, stdout);
	} else {
		putchar('"');
		for (; *v; v++) {
			if (*v == '"')
				putchar('"');
			putchar(*v);
		}
		putchar('"');
	}
	fputs(last ? "\r\n" : ",", stdout);
}

static void
write_csv(const struct store_mark *m, size_t n)
{
	csv_field("meeting", false);
	csv_field("item", false);
	csv_field("title", false);
	csv_field("name", false);
	csv_field("initials", false);
	csv_field("comment", false);
	csv_field("updated", false);
	csv_field("orphan", true);
	for (size_t i = 0; i < n; i++) {
		csv_field(m[i].meeting_id, false);
		csv_field(m[i].item_number, false);
		csv_field(m[i].item_title, false);
		csv_field(m[i].person, false);
		csv_field(m[i].initials, false);
		csv_field(m[i].comment, false);
		csv_field(m[i].updated, false);
		csv_field(m[i].orphan ? "yes" : "no", true);
	}
}

static void
write_json(const struct store_mark *m, size_t n)
{
	struct json j;

	json_init(&j, stdout);
	json_begin_array(&j);
	for (size_t i = 0; i < n; i++) {
		json_begin_object(&j);
		json_kv_string(&j, "meeting_id", m[i].meeting_id);
		json_kv_string(&j, "item_id", m[i].item_id);
		json_kv_string(&j, "number", m[i].item_number);
		json_kv_string(&j, "title", m[i].item_title);
		json_kv_string(&j, "name", m[i].person);
		json_kv_string(&j, "initials", m[i].initials);
		json_kv_string(&j, "kind", m[i].kind);
		json_kv_string(&j, "comment", m[i].comment);
		json_kv_string(&j, "updated", m[i].updated);
		json_key(&j, "orphan");
		json_bool(&j, m[i].orphan);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_finish(&j);
}

static void
write_text(const struct store_mark *m, size_t n)
{
	const char *meeting = NULL;

	if (n == 0)
		text_printf("%s\n", _("No items are marked for discussion."));
	for (size_t i = 0; i < n; i++) {
		if (meeting == NULL || strcmp(meeting, m[i].meeting_id) != 0)
			text_printf("%s%s\n", meeting ? "\n" : "", m[i].meeting_id);
		meeting = m[i].meeting_id;
		text_puts("  ");
		cli_put_padded(m[i].orphan ? "?" : m[i].item_number, 6);
		cli_put_padded(m[i].initials, 4);
		text_printf("%s  %s%s\n", cli_str(m[i].person), cli_str(m[i].updated),
		    m[i].orphan ? _("  (its item is gone)") : "");
		if (m[i].item_title)
			text_printf("        %s\n", m[i].item_title);
		if (m[i].comment && *m[i].comment)
			text_printf("        » %s\n", m[i].comment);
	}
}

static int
check_marks(const struct cli_args *a)
{
	if (a->json && a->csv)
		return cli_usage_error("marks", _("give --json or --csv, not both"));
	return 0;
}

static int
run_marks(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct store_mark *m = NULL;
	char *mid = NULL;
	enum status st;
	size_t n = 0;

	(void)c;
	if (a->argc && (st = store_meeting_resolve(s, a->argv[0], &mid)) != STATUS_OK)
		return cli_fail(s, st);
	st = store_marks(s, mid, false, &m, &n);
	free(mid);
	if (st != STATUS_OK)
		return cli_fail(s, st);
	if (a->csv)
		write_csv(m, n);
	else if (a->json)
		write_json(m, n);
	else
		write_text(m, n);
	store_marks_free(m, n);
	return 0;
}

static const struct cli_option marks_options[] = {
	CLI_OPTION_JSON,
	CLI_OPTION("csv", no_argument, OPT_CSV, NULL,
	    N_("write CSV (a header row, RFC 4180 quoting) instead of text")),
	CLI_OPTION_END,
};

const struct cli_command cmd_marks_entry = {
	.name = "marks",
	.args = N_("[MEETING]"),
	.max_args = 1,
	.options = marks_options,
	.help = N_("list the items marked for discussion"),
	.description = N_("List the items marked for discussion, of MEETING or of every meeting:\n"
	    "who marked (name and initials), the item's number and title, the\n"
	    "comment and when. A mark whose item is gone is kept and listed as an\n"
	    "orphan."),
	.store = CLI_STORE_READ,
	.check = check_marks,
	.run = run_marks,
};
