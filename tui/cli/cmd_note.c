/*
 * kallelse note MEETING/ITEM[/DOC] TEXT: a private note on an agenda item,
 * or on one of its documents (DOC: its number in the list `show
 * MEETING/ITEM` prints, from 1). "\n" in TEXT breaks a line; TEXT "-"
 * reads the note from standard input. Notes never leave the laptop.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "xmalloc.h"

/* TEXT with each "\n" (backslash, n) made a line break and "\\" a backslash. */
static char *
unescape(const char *t)
{
	char *out = xmalloc(strlen(t) + 1), *o = out;

	for (; *t; t++) {
		if (t[0] == '\\' && t[1] == 'n') {
			*o++ = '\n';
			t++;
		} else if (t[0] == '\\' && t[1] == '\\') {
			*o++ = '\\';
			t++;
		} else {
			*o++ = *t;
		}
	}
	*o = '\0';
	return out;
}

/* All of standard input, without its final line break. NULL on a read error. */
static char *
read_stdin(void)
{
	size_t cap = 4096, len = 0, got;
	char *buf = xmalloc(cap);

	while ((got = fread(buf + len, 1, cap - len - 1, stdin)) > 0) {
		len += got;
		if (len + 1 == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	if (ferror(stdin)) {
		free(buf);
		return NULL;
	}
	while (len && buf[len - 1] == '\n')
		len--;
	buf[len] = '\0';
	return buf;
}

static int
check_note(const struct cli_args *a)
{
	if (a->argc < 2)
		return cli_usage_error("note", _("write MEETING/ITEM[/DOC] TEXT (TEXT \"-\" reads it "
		    "from standard input)"));
	return 0;
}

/* The id of document number doc (1-based, as show lists them) of the item. */
static int
find_doc(struct store *s, const char *mid, const struct agenda_item *it, const char *doc,
    char **doc_id)
{
	struct store_doc *docs = NULL;
	size_t nd = 0;
	enum status st;
	char *end;
	long k = strtol(doc, &end, 10);

	if ((st = store_documents(s, mid, it->id, &docs, &nd)) != STATUS_OK)
		return cli_fail(s, st);
	if (*doc == '\0' || *end != '\0' || k < 1 || (size_t)k > nd) {
		if (nd == 0)
			cli_error(_("item %s has no documents; leave out /%s to note the item"),
			    cli_str(it->number), doc);
		else
			cli_error(_("item %s has documents 1 to %zu; DOC is one of those numbers (see "
			    "'kallelse show MEETING/ITEM')"), cli_str(it->number), nd);
		store_docs_free(docs, nd);
		return 1;
	}
	*doc_id = xstrdup(docs[k - 1].id);
	store_docs_free(docs, nd);
	return 0;
}

static int
run_note(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct agenda_item it = { 0 };
	char *mid = NULL, *doc = NULL, *doc_id = NULL, *text;
	enum status st;
	int64_t id;
	int rc;

	(void)c;
	if (strcmp(a->argv[1], "-") == 0) {
		if ((text = read_stdin()) == NULL) {
			cli_error(_("cannot read the note from standard input"));
			return 1;
		}
	} else {
		text = unescape(a->argv[1]);
	}
	for (int k = 2; k < a->argc; k++) {
		/* Words the shell split: one note, as if quoted. */
		char *more = unescape(a->argv[k]), *joined = xasprintf("%s %s", text, more);

		free(more);
		free(text);
		text = joined;
	}
	if (*text == '\0') {
		free(text);
		return cli_usage_error("note", _("the note is empty; write its text after the item"));
	}
	if ((rc = cli_item_resolve(s, "note", a->argv[0], &mid, &it, &doc)) != 0 ||
	    (doc && (rc = find_doc(s, mid, &it, doc, &doc_id)) != 0))
		goto out;
	if ((st = store_note_add(s, doc_id, doc_id ? NULL : it.id, 0, text, &id)) != STATUS_OK) {
		rc = cli_fail(s, st);
		goto out;
	}
	if (doc_id)
		text_printf(_("Note %lld added to document %s of item %s of %s.\n"), (long long)id, doc,
		    cli_str(it.number), mid);
	else
		text_printf(_("Note %lld added to item %s of %s.\n"), (long long)id, cli_str(it.number),
		    mid);
out:
	agenda_item_free(&it);
	free(mid);
	free(doc);
	free(doc_id);
	free(text);
	return rc;
}

const struct cli_command cmd_note_entry = {
	.name = "note",
	.args = N_("MEETING/ITEM[/DOC] TEXT"),
	.max_args = -1,
	.help = N_("add a private note to an agenda item or one of its documents"),
	.description = N_("Add a private note to an agenda item, or to its document number DOC (as\n"
	    "'kallelse show MEETING/ITEM' lists them, from 1). \\n in TEXT starts a new\n"
	    "line; TEXT - reads the note from standard input. Notes never leave this\n"
	    "computer."),
	.store = CLI_STORE_WRITE,
	.check = check_note,
	.run = run_note,
};
