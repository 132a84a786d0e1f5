/*
 * kallelse original DOC -o FILE: write the original file (the PDF) a
 * document was imported from, and say on which page of it the document
 * starts. DOC is a document id, MEETING/ITEM/N, or a MEETING (the PDF of
 * its packet).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "xmalloc.h"

static int
check_original(const struct cli_args *a)
{
	if (a->argc != 1)
		return cli_usage_error("original", "%s",
		    _("name one document: an id, MEETING/ITEM/N, or a MEETING for its packet"));
	if (a->output == NULL)
		return cli_usage_error("original", "%s", _("say where to write it: -o FILE"));
	return 0;
}

/* The meeting's own PDF: the original of its first document that has one. */
static int
meeting_doc(struct store *s, const char *spec, char **doc_id)
{
	struct store_doc *docs = NULL;
	size_t nd = 0;
	char *mid = NULL;
	enum status st;

	*doc_id = NULL;
	if ((st = store_meeting_resolve(s, spec, &mid)) != STATUS_OK ||
	    (st = store_meeting_documents(s, mid, &docs, &nd)) != STATUS_OK) {
		free(mid);
		return cli_fail(s, st);
	}
	for (size_t i = 0; i < nd && *doc_id == NULL; i++)
		if (docs[i].has_original)
			*doc_id = xstrdup(docs[i].id);
	store_docs_free(docs, nd);
	if (*doc_id == NULL) {
		cli_error(_("meeting %s has no original PDF: it was imported from text, or came by sync"),
		    mid);
		free(mid);
		return 1;
	}
	free(mid);
	return 0;
}

/* Write len bytes to path; false with errno set. A failed write leaves no file. */
static bool
write_out(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	bool ok;
	int e;

	if (f == NULL)
		return false;
	ok = fwrite(data, 1, len, f) == len;
	e = errno;
	if (fclose(f) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (!ok) {
		unlink(path);
		errno = e;
	}
	return ok;
}

static int
run_original(struct cli *c, struct store *s, const struct cli_args *a)
{
	char *doc_id = NULL, *name = NULL;
	size_t len;
	void *data;
	enum status st;
	int rc, page = 0;

	(void)c;
	if (strchr(a->argv[0], '/') == NULL) {
		if ((rc = meeting_doc(s, a->argv[0], &doc_id)) != 0)
			return rc;
	} else {
		struct store_doc *docs;
		size_t nd;

		if ((rc = cli_docs_resolve(s, a->argv[0], &docs, &nd)) != 0)
			return rc;
		if (nd != 1) {
			cli_error(_("%s names %zu documents: add /N for one of them"), a->argv[0], nd);
			store_docs_free(docs, nd);
			return 1;
		}
		doc_id = xstrdup(docs[0].id);
		store_docs_free(docs, nd);
	}
	st = store_doc_original(s, doc_id, 0, &data, &len, &name, &page);
	free(doc_id);
	if (st != STATUS_OK)
		return cli_fail(s, st);
	if (!write_out(a->output, data, len)) {
		cli_error(_("cannot write %s: %s"), a->output, strerror(errno));
		rc = 1;
	} else {
		/* The page on a line of its own wording, for people and for scripts alike. */
		text_printf(_("%s: %s, %zu bytes; the document starts on page %d\n"), a->output,
		    name ? name : "", len, page);
		rc = 0;
	}
	free(data);
	free(name);
	return rc;
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
	    "FILE, byte for byte, and print the page of it the document starts on.\n"
	    "DOC is a document id, MEETING/ITEM/N (the item's N-th document, as\n"
	    "`kallelse show MEETING/ITEM` lists them), or a MEETING: the PDF of its\n"
	    "packet. Documents imported from text have no original: a message, and\n"
	    "exit status 1."),
	.store = CLI_STORE_READ,
	.check = check_original,
	.run = run_original,
};
