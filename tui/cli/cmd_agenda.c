/*
 * kallelse agenda [MEETING] [--json]: the agenda of a meeting, by section,
 * one line per item with its time, then its presenters and case number;
 * breaks in the timetable ("Paus 14.35–14.50") where the packet has them,
 * and the presidium's marks for discussion as the TUI shows them ("* TG MS").
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "json_out.h"

/* Columns of an agenda line: the number, the time slot, the indent under them. */
enum { NUMBER_COLUMN = 6, SLOT_COLUMN = 13, UNDER_COLUMNS = NUMBER_COLUMN + SLOT_COLUMN };

/* "  * TG MS": who marked the item for discussion (live marks, agenda order). */
static void
print_marked_by(const struct agenda_item *it, const struct store_mark *marks, size_t nm)
{
	bool any = false;

	for (size_t k = 0; k < nm; k++) {
		if (marks[k].removed || strcmp(marks[k].item_id, it->id) != 0)
			continue;
		text_printf("%s%s", any ? " " : "  * ", cli_str(marks[k].initials ?
		    marks[k].initials : marks[k].person));
		any = true;
	}
}

/* One agenda line for people: number, time, title and marks, then presenter and case number. */
static void
print_item_line(const struct agenda_item *it, const struct store_mark *marks, size_t nm)
{
	char *slot = cli_time_slot(it->time_start, it->time_end);

	text_puts("  ");
	cli_put_padded(it->number, NUMBER_COLUMN);
	cli_put_padded(slot, SLOT_COLUMN);
	text_printf("%s%s%s", cli_str(it->title), it->confidential ? "  " : "",
	    it->confidential ? _("[confidential]") : "");
	print_marked_by(it, marks, nm);
	text_puts("\n");
	free(slot);
	if (it->n_presenters || it->case_number) {
		text_puts("  ");
		cli_put_padded("", UNDER_COLUMNS);
		for (size_t k = 0; k < it->n_presenters; k++)
			text_printf("%s%s", k ? "; " : "", cli_str(it->presenters[k].raw ?
			    it->presenters[k].raw : it->presenters[k].name));
		if (it->case_number)
			text_printf("%s%s", it->n_presenters ? "  " : "", it->case_number);
		text_puts("\n");
	}
}

/* A break for people, in the columns of the items: "        14.35–14.50  Paus". */
static void
print_break_line(const struct store_break *b)
{
	char *slot = cli_time_slot(b->time_start, b->time_end);

	text_puts("  ");
	cli_put_padded("", NUMBER_COLUMN);
	cli_put_padded(slot, SLOT_COLUMN);
	text_printf("%s\n", cli_str(b->label));
	free(slot);
}

/* The breaks are entries of the array too ("kind": "break"), where the packet prints them. */
static int
json_agenda(struct store *s, const char *mid, const struct agenda_item *items, size_t n,
    const struct store_break *breaks, size_t nb)
{
	struct store_mark *marks = NULL;
	struct json j;
	int rc = 0;
	size_t b = 0, nm = 0;
	enum status mst;

	if ((mst = store_marks(s, mid, false, &marks, &nm)) != STATUS_OK)
		return cli_fail(s, mst);
	json_init(&j, stdout);
	json_begin_array(&j);
	for (size_t i = 0; i <= n; i++) {
		struct store_doc *docs = NULL;
		size_t nd = 0;
		enum status st;

		for (; b < nb && breaks[b].before_ord <= (int)i; b++)
			json_break(&j, &breaks[b]);
		if (i == n)
			break;
		if ((st = store_documents(s, mid, items[i].id, &docs, &nd)) != STATUS_OK) {
			rc = cli_fail(s, st);
			break;
		}
		json_item(&j, &items[i], docs, nd, marks, nm);
		store_docs_free(docs, nd);
	}
	json_end_array(&j);
	json_finish(&j);
	store_marks_free(marks, nm);
	return rc;
}

static void
print_agenda(const struct store_meeting *m, const struct agenda_item *items, size_t n,
    const struct store_break *breaks, size_t nb, const struct store_mark *marks, size_t nm)
{
	const char *section = NULL;
	size_t b = 0;

	cli_print_meeting_head(m);
	for (size_t i = 0; i <= n; i++) {
		for (; b < nb && breaks[b].before_ord <= (int)i; b++)
			print_break_line(&breaks[b]);
		if (i == n)
			break;
		if (items[i].section && (section == NULL || strcmp(section, items[i].section) != 0)) {
			text_printf("\n%s\n", items[i].section);
			section = items[i].section;
		} else if (i == 0) {
			text_puts("\n");
		}
		print_item_line(&items[i], marks, nm);
	}
}

static int
run_agenda(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct store_meeting m = { 0 };
	struct agenda_item *items = NULL;
	struct store_break *breaks = NULL;
	enum status st;
	size_t n = 0, nb = 0;
	char *mid = NULL;
	int rc = 0;

	(void)c;
	if ((st = store_meeting_resolve(s, a->argc ? a->argv[0] : NULL, &mid)) != STATUS_OK ||
	    (st = store_meeting_get(s, mid, &m)) != STATUS_OK ||
	    (st = store_agenda(s, mid, &items, &n)) != STATUS_OK ||
	    (st = store_agenda_breaks(s, mid, &breaks, &nb)) != STATUS_OK) {
		agenda_items_free(items, n);
		free(mid);
		store_meeting_free(&m);
		return cli_fail(s, st);
	}
	if (a->json) {
		rc = json_agenda(s, mid, items, n, breaks, nb);
	} else {
		struct store_mark *marks = NULL;
		size_t nm = 0;

		/* Without its marks (a damaged user file) the agenda still prints. */
		if (store_marks(s, mid, false, &marks, &nm) != STATUS_OK)
			nm = 0;
		print_agenda(&m, items, n, breaks, nb, marks, nm);
		store_marks_free(marks, nm);
	}
	store_breaks_free(breaks, nb);
	agenda_items_free(items, n);
	store_meeting_free(&m);
	free(mid);
	return rc;
}

static const struct cli_option agenda_options[] = {
	CLI_OPTION_JSON,
	CLI_OPTION_END,
};

const struct cli_command cmd_agenda_entry = {
	.name = "agenda",
	.args = N_("[MEETING]"),
	.max_args = 1,
	.options = agenda_options,
	.help = N_("print the agenda of a meeting"),
	.description = N_("Print the agenda of a meeting: its items by section, with their times,\n"
	    "presenters and case numbers, and who marked an item for discussion\n"
	    "(\"* TG\": the initials of each presidium member who marked it)."),
	.store = CLI_STORE_READ,
	.run = run_agenda,
};
