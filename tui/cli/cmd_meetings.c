/*
 * kallelse meetings [--json]: the meetings, upcoming first, with their
 * counts of items, unread and marked items.
 */
#include "config.h"

#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "json_out.h"

/* The widest the body column grows; longer names are cut. */
enum { BODY_COLUMN_MAX = 48 };

static void
print_meetings(const struct store_meeting *ms, size_t n)
{
	int wbody = 0, wunread = text_width(_("Unread items"), strlen(_("Unread items")));

	for (size_t i = 0; i < n; i++) {
		int w = text_width(ms[i].body, strlen(ms[i].body));
		if (w > wbody)
			wbody = w;
	}
	if (wbody > BODY_COLUMN_MAX)
		wbody = BODY_COLUMN_MAX;
	cli_put_padded(_("Date"), 11);
	cli_put_padded(_("Time"), 6);
	cli_put_padded(_("Body"), wbody + 1);
	cli_put_padded(_("Items"), 8);
	/* Counts items with an unread document, like the meetings view. */
	cli_put_padded(_("Unread items"), wunread + 2);
	text_printf("%s\n", _("Marked"));
	for (size_t i = 0; i < n; i++) {
		cli_put_padded(ms[i].date, 11);
		cli_put_padded(ms[i].time, 6);
		cli_put_padded(ms[i].body, wbody + 1);
		text_printf("%-8d%-*d%d\n", ms[i].item_count, wunread + 2, ms[i].unread_count,
		    ms[i].marked_count);
	}
}

static int
run_meetings(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct store_meeting *ms = NULL;
	enum status st;
	size_t n;

	(void)c;
	if ((st = store_meetings(s, &ms, &n)) != STATUS_OK)
		return cli_fail(s, st);
	if (a->json) {
		struct json j;

		json_init(&j, stdout);
		json_begin_array(&j);
		for (size_t i = 0; i < n; i++)
			json_meeting(&j, &ms[i]);
		json_end_array(&j);
		json_finish(&j);
	} else if (n == 0) {
		text_printf(_("No meetings yet. Import a meeting packet with 'kallelse import FILE'.\n"));
	} else {
		print_meetings(ms, n);
	}
	store_meetings_free(ms, n);
	return 0;
}

static const struct cli_option meetings_options[] = {
	CLI_OPTION_JSON,
	CLI_OPTION_END,
};

const struct cli_command cmd_meetings_entry = {
	.name = "meetings",
	.args = "",
	.max_args = 0,
	.options = meetings_options,
	.help = N_("list the meetings, upcoming first"),
	.description = N_("List the meetings, upcoming first, with the number of agenda items,\n"
	    "unread items and items marked for discussion."),
	.store = CLI_STORE_READ,
	.run = run_meetings,
};
