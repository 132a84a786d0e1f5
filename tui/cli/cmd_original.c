/*
 * kallelse original DOC -o FILE: write the original file (the PDF) a
 * document was imported from. DOC is a document id or MEETING/ITEM/N.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "xmalloc.h"

static int
check_original(const struct cli_args *a)
{
	if (a->argc != 1)
		return cli_usage_error("original", "%s", _("name one document: an id or MEETING/ITEM/N"));
	if (a->output == NULL)
		return cli_usage_error("original", "%s", _("say where to write it: -o FILE"));
	return 0;
}

static int
run_original(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct store_doc *docs;
	size_t nd, len;
	void *data;
	enum status st;
	FILE *f;
	int rc;

	(void)c;
	if ((rc = cli_docs_resolve(s, a->argv[0], &docs, &nd)) != 0)
		return rc;
	if (nd != 1) {
		cli_error(_("%s names %zu documents: add /N for one of them"), a->argv[0], nd);
		store_docs_free(docs, nd);
		return 1;
	}
	st = store_doc_original(s, docs[0].id, &data, &len, NULL);
	store_docs_free(docs, nd);
	if (st != STATUS_OK)
		return cli_fail(s, st);
	f = fopen(a->output, "wb");
	rc = f == NULL || fwrite(data, 1, len, f) != len;
	if (f != NULL && fclose(f) != 0)
		rc = 1;
	if (rc) {
		cli_error(_("cannot write %s: %s"), a->output, strerror(errno));
		free(data);
		return 1;
	}
	free(data);
	return 0;
}

static const struct cli_option original_options[] = {
	CLI_OPTION("output", required_argument, OPT_OUTPUT, N_("FILE"),
	    N_("write the original to FILE")),
	CLI_OPTION_END,
};

const struct cli_command cmd_original_entry = {
	.name = "original",
	.args = N_("DOC"),
	.max_args = 1,
	.options = original_options,
	.help = N_("write out the original PDF a document was imported from"),
	.description = N_("Write the original file (the PDF) a document was imported from to\n"
	    "FILE. DOC is a document id or MEETING/ITEM/N. Documents imported from\n"
	    "text have no original."),
	.store = CLI_STORE_READ,
	.check = check_original,
	.run = run_original,
};
