/*
 * kallelse read MEETING/ITEM[/N] [--width N] [--json]: a document as the
 * pager lays it out (the reading model, store/reading), plain text for
 * scripts, screen readers and tests; --json gives the blocks with their
 * source offsets.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "json.h"
#include "reading.h"
#include "xmalloc.h"

/* The pager on an 80-column terminal keeps a margin of one column each side. */
enum { READ_DEFAULT_WIDTH = 78 };

int
cli_docs_resolve(struct store *s, const char *spec, struct store_doc **docs, size_t *n)
{
	char *copy = xstrdup(spec), *item, *num, *mid = NULL, *end;
	struct agenda_item it;
	struct store_doc one;
	enum status st;
	long k = 0;

	*docs = NULL;
	*n = 0;
	/* A document id as `kallelse search` and the store name it (/dNNN, /a… for attachments). */
	if ((strstr(spec, "/d") || strstr(spec, "/a")) && store_doc_get(s, spec, &one) == STATUS_OK) {
		*docs = xmalloc(sizeof **docs);
		**docs = one;
		*n = 1;
		free(copy);
		return 0;
	}
	item = strchr(copy, '/');
	if (item == NULL || item[1] == '\0') {
		cli_error(_("%s: give MEETING/ITEM, or MEETING/ITEM/N for the item's N-th document"),
		    spec);
		free(copy);
		return 1;
	}
	*item++ = '\0';
	if ((num = strchr(item, '/')) != NULL) {
		*num++ = '\0';
		k = strtol(num, &end, 10);
		if (end == num || *end != '\0' || k < 1) {
			cli_error(_("%s: the document number after the item must be 1 or more, as "
			    "`kallelse show MEETING/ITEM` lists them"), spec);
			free(copy);
			return 1;
		}
	}
	if ((st = store_meeting_resolve(s, copy, &mid)) != STATUS_OK ||
	    (st = store_item_find(s, mid, item, &it)) != STATUS_OK) {
		free(mid);
		free(copy);
		return cli_fail(s, st);
	}
	st = store_documents(s, mid, it.id, docs, n);
	agenda_item_free(&it);
	free(mid);
	if (st != STATUS_OK) {
		free(copy);
		return cli_fail(s, st);
	}
	if (*n == 0 || (size_t)k > *n) {
		if (*n == 0)
			cli_error(_("%s: the item has no documents"), spec);
		else
			cli_error(_("%s: the item has %zu documents, not %ld"), spec, *n, k);
		store_docs_free(*docs, *n);
		*docs = NULL;
		*n = 0;
		free(copy);
		return 1;
	}
	if (k > 0) {
		/* Keep the k-th alone. */
		struct store_doc keep = (*docs)[k - 1];
		memset(&(*docs)[k - 1], 0, sizeof keep);
		store_docs_free(*docs, *n);
		*docs = xmalloc(sizeof **docs);
		**docs = keep;
		*n = 1;
	}
	free(copy);
	return 0;
}

static void
json_block(struct json *j, const struct doc_layout *lay, size_t bi)
{
	const struct reading_block *b = &lay->blocks[bi];

	json_begin_object(j);
	json_kv_string(j, "kind", reading_kind_name(b->kind));
	if (b->kind == READING_HEADING)
		json_kv_int(j, "level", b->level);
	if (b->label)
		json_kv_string(j, "label", b->label);
	if (b->text)
		json_kv_string(j, "text", b->text);
	if (b->kind == READING_TABLE) {
		json_key(j, "cells");
		json_begin_array(j);
		for (size_t r = 0; r < b->nrows; r++) {
			json_begin_array(j);
			for (size_t c = 0; c < b->ncols; c++)
				json_string(j, b->cells[r * b->ncols + c]);
			json_end_array(j);
		}
		json_end_array(j);
		json_kv_int(j, "header_rows", (long long)b->header_rows);
	}
	if (b->nlines) {
		json_key(j, "lines");
		json_begin_array(j);
		for (size_t k = 0; k < b->nlines; k++)
			json_string(j, b->lines[k]);
		json_end_array(j);
	}
	if (b->kind == READING_PAGE) {
		json_kv_int(j, "page", b->page);
		if (b->sheet >= 0)
			json_kv_int(j, "sheet", b->sheet);
	}
	if (b->kind == READING_NOTE) {
		json_key(j, "owner");
		if (b->owner == READING_NONE)
			json_null(j);
		else
			json_int(j, (long long)b->owner);
	}
	json_kv_int(j, "src_off", (long long)b->src_off);
	json_kv_int(j, "src_len", (long long)b->src_len);
	json_end_object(j);
}

static int
run_read(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct store_doc *docs;
	size_t nd;
	int width = a->width ? a->width : READ_DEFAULT_WIDTH, rc;
	struct json j;

	(void)c;
	if (a->raw && a->json) {
		cli_error(_("read: --raw and --json do not go together"));
		return EXIT_USAGE;
	}
	if ((rc = cli_docs_resolve(s, a->argc ? a->argv[0] : "", &docs, &nd)) != 0)
		return rc;
	if (a->json) {
		json_init(&j, stdout);
		json_begin_object(&j);
		json_key(&j, "documents");
		json_begin_array(&j);
	}
	for (size_t k = 0; k < nd && rc == 0; k++) {
		char *text;
		size_t len;
		enum status st = store_doc_text(s, docs[k].id, &text, &len);
		struct doc_layout *lay;

		if (st != STATUS_OK) {
			rc = cli_fail(s, st);
			break;
		}
		if (a->raw) {
			/* As imported: for diff, grep and tests, the text the store keeps. */
			if (nd > 1)
				text_printf("%s%s %s\n\n", k ? "\n" : "", cli_str(docs[k].kind),
				    cli_str(docs[k].title));
			text_printf("%s%s", text, len && text[len - 1] != '\n' ? "\n" : "");
			free(text);
			continue;
		}
		lay = reading_parse(text, len, NULL);
		if (a->json) {
			json_begin_object(&j);
			json_kv_string(&j, "id", docs[k].id);
			json_kv_string(&j, "kind", docs[k].kind);
			json_kv_string(&j, "title", docs[k].title);
			json_key(&j, "deck");
			json_bool(&j, lay->deck);
			json_key(&j, "blocks");
			json_begin_array(&j);
			for (size_t bi = 0; bi < lay->nblocks; bi++)
				json_block(&j, lay, bi);
			json_end_array(&j);
			json_end_object(&j);
		} else {
			struct reading_view *rv = reading_render(lay, width, 0);

			/* Several documents: each under its title, as the item view lists them. */
			if (nd > 1)
				text_printf("%s%s %s\n\n", k ? "\n" : "", cli_str(docs[k].kind),
				    cli_str(docs[k].title));
			for (size_t l = 0; l < rv->nlines; l++)
				text_printf("%s\n", rv->lines[l].text);
			reading_view_free(&rv);
		}
		reading_free(&lay);
		free(text);
	}
	if (a->json) {
		json_end_array(&j);
		json_end_object(&j);
		json_finish(&j);
	}
	store_docs_free(docs, nd);
	return rc;
}

static const struct cli_option read_options[] = {
	CLI_OPTION("width", required_argument, OPT_WIDTH, N_("N"),
	    N_("lay the text out for N columns (default 78, the pager on an 80-column terminal)")),
	CLI_OPTION("raw", no_argument, OPT_RAW, NULL,
	    N_("print the text as imported, without the pager's layout")),
	CLI_OPTION_JSON,
	CLI_OPTION_END,
};

const struct cli_command cmd_read_entry = {
	.name = "read",
	.args = N_("MEETING/ITEM[/N]"),
	.max_args = 1,
	.options = read_options,
	.help = N_("print an item's documents as the pager lays them out"),
	.description = N_("Print the documents of an agenda item as the pager lays them out:\n"
	    "headings, lists, tables in aligned columns, footnotes after their\n"
	    "paragraph, page headers and page numbers left out. N picks one document\n"
	    "(1 for the first, as `kallelse show MEETING/ITEM` lists them). Plain\n"
	    "text for scripts and screen readers; --json gives the blocks (kind,\n"
	    "label, text, table cells, page, footnote owner, source offsets);\n"
	    "--raw the text as it was imported. MEETING/ITEM/N may also be a\n"
	    "document's id, as `kallelse search` names it."),
	.store = CLI_STORE_READ,
	.run = run_read,
};
