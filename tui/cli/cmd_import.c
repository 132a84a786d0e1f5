/*
 * kallelse import FILE... [--meeting MEETING --item N]
 *
 * Every file is read and parsed before the database is opened, so a bad
 * file leaves the database as it was (not even created). Each packet is
 * then written in one transaction by store_put_packet(). With --meeting
 * and --item each file becomes a document (bilaga) of that agenda item.
 *
 * Many files are parsed by a thread per core (at most PARSE_THREADS):
 * parsing was about a sixth of an archive's import (perf, issue 17), done
 * before the first write; the same threads do the part of the put that
 * needs no database (store_packet_prepare: NFC, sha256, deflate, about an
 * eighth). The parser shares no state between files; each file's
 * messages are kept and printed in the files' order afterwards.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "import.h"
#include "xmalloc.h"

struct parsed {
	const char *path;
	struct packet packet;
	struct packet_doc doc;
	struct store_prep *prep;	/* a packet's put prepared, or NULL */
	double seconds;		/* reading and parsing */
	bool ok;
	struct buf msgs;	/* what to say about it, a line each, printed in order */
};

enum { PARSE_THREADS = 4 };

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read and parse one file into pf: pf->ok, and pf->msgs saying why not. */
static void
parse_one(struct parsed *pf, bool attach)
{
	struct packet_original orig = { 0 };
	char *bytes = NULL, *err = NULL;
	size_t len = 0;
	double t0 = now();
	enum status st;

	/* A PDF is read once: those bytes are converted and kept as the original. */
	st = import_read_original(pf->path, &bytes, &len, &orig, &err);
	if (st == STATUS_OK) {
		if (attach)
			st = import_parse_attachment(bytes, len, pf->path, &pf->doc, &err);
		else
			st = import_parse_packet(bytes, len, pf->path, &pf->packet, &err);
	}
	free(bytes);
	if (st == STATUS_OK) {
		/*
		 * The packet (or the attachment) owns it now. Its bytes are read
		 * again, and checked against this sha256, just before they are
		 * written (load_original): an archive of PDFs is not held in
		 * memory all at once.
		 */
		free(orig.data);
		orig.data = NULL;
		if (attach)
			pf->doc.original = orig;
		else
			pf->packet.original = orig;
	} else {
		packet_original_free(&orig);
	}
	if (st != STATUS_OK) {
		buf_printf(&pf->msgs, "%s\n", err ? err : _(status_message(st)));
		free(err);
		pf->ok = false;
		return;
	}
	/* Repaired, not refused (a stray NUL byte): say where, one line each. */
	for (const char *w = pf->packet.warnings; w && *w;) {
		const char *nl = strchr(w, '\n');
		int n = nl ? (int)(nl - w) : (int)strlen(w);

		buf_printf(&pf->msgs, "%s: %.*s\n", pf->path, n, w);
		w += n + (nl != NULL);
	}
	if (!attach) {
		pf->prep = store_packet_prepare(&pf->packet);
		/* The prep holds the text (mostly deflated): an archive's import
		 * held every packet's text twice. */
		for (size_t i = 0; i < pf->packet.n_docs; i++) {
			free(pf->packet.docs[i].text);
			pf->packet.docs[i].text = NULL;
			pf->packet.docs[i].text_len = 0;
		}
	}
	pf->seconds = now() - t0;
	pf->ok = true;
}

struct parse_pool {
	struct parsed *files;
	size_t n, next;		/* next: the next file to take, under lock */
	bool attach;
	pthread_mutex_t lock;
};

static void *
parse_worker(void *arg)
{
	struct parse_pool *pool = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&pool->lock);
		i = pool->next++;
		pthread_mutex_unlock(&pool->lock);
		if (i >= pool->n)
			return NULL;
		parse_one(&pool->files[i], pool->attach);
	}
}

/* Parse every file, on up to PARSE_THREADS threads; print the messages in
 * the files' order. false when a file failed. */
static bool
parse_all(struct parsed *files, size_t n, bool attach)
{
	struct parse_pool pool = { .files = files, .n = n, .attach = attach };
	pthread_t tid[PARSE_THREADS];
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t threads = cores > 1 ? (size_t)cores : 1, started = 0;
	bool ok = true;

	if (threads > PARSE_THREADS)
		threads = PARSE_THREADS;
	if (threads > n)
		threads = n;
	pthread_mutex_init(&pool.lock, NULL);
	/* This thread parses too; a thread that cannot start leaves its share to the others. */
	for (size_t t = 1; t < threads; t++)
		if (pthread_create(&tid[started], NULL, parse_worker, &pool) == 0)
			started++;
	parse_worker(&pool);
	for (size_t t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&pool.lock);
	for (size_t i = 0; i < n; i++) {
		for (const char *m = files[i].msgs.data; m && *m;) {
			const char *nl = strchr(m, '\n');
			int len = nl ? (int)(nl - m) : (int)strlen(m);

			cli_error("%.*s", len, m);
			m += len + (nl != NULL);
		}
		buf_free(&files[i].msgs);
		ok = ok && files[i].ok;
	}
	return ok;
}

/* The PDF's bytes for the put, if they are still the ones converted; false after saying why. */
static bool
load_original(const char *path, struct packet_original *o)
{
	char *err = NULL;

	if (o->sha256[0] == '\0')
		return true;	/* from text: no original */
	if (import_reload_original(path, o, &err) == STATUS_OK)
		return true;
	cli_error(_("%s: not imported: %s"), path, err);
	free(err);
	return false;
}

/* Done with the bytes: the next file's may be as large. */
static void
drop_original(struct packet_original *o)
{
	free(o->data);
	o->data = NULL;
}

static int
put_packets(struct cli *c, struct parsed *files, size_t n)
{
	struct store *s = cli_store(c, STORE_CREATE);
	bool merged = false;
	double t_merge;
	enum status st;
	int rc = 0;

	store_bulk_begin(s, n);
	for (size_t i = 0; i < n; i++) {
		struct parsed *pf = &files[i];
		char *mid = NULL;
		bool changed = false;
		double t0 = now();
		enum status put;

		if (!load_original(pf->path, &pf->packet.original)) {
			rc = 1;
			continue;
		}
		put = store_put_prepared(s, &pf->packet, pf->prep, &mid, &changed);
		drop_original(&pf->packet.original);
		if (put != STATUS_OK) {
			cli_error(_("%s: not imported: %s"), pf->path,
			    *store_error(s) ? store_error(s) : _(status_message(put)));
			rc = 1;
			continue;
		}
		text_printf(_("%s: meeting %s (%s %s), %zu items, %zu documents%s, %.2f s\n"), pf->path,
		    mid, pf->packet.body, pf->packet.date, pf->packet.n_items, pf->packet.n_docs,
		    changed ? "" : _(", unchanged"), pf->seconds + (now() - t0));
		free(mid);
		store_prep_free(&pf->prep);	/* its packed texts are written */
	}
	t_merge = now();
	st = store_bulk_end(s, &merged);
	if (st != STATUS_OK) {
		/* The packets are in; only the search index is left in more pieces. */
		cli_error(_("merging the search index: %s"),
		    *store_error(s) ? store_error(s) : _(status_message(st)));
		rc = 1;
	} else if (merged) {
		text_printf(_("search index merged, %.2f s\n"), now() - t_merge);
	}
	return rc;
}

static int
attach_files(struct cli *c, struct parsed *files, size_t n, const char *meeting, const char *item)
{
	struct store *s = cli_store(c, 0);
	struct agenda_item it = { 0 };
	char *mid = NULL;
	enum status st;
	int rc = 0;

	st = store_meeting_resolve(s, meeting, &mid);
	if (st != STATUS_OK) {
		if (st == STATUS_NOT_FOUND)
			cli_error(_("no meeting %s in %s; 'kallelse meetings' lists them"), meeting,
			    c->db_path);
		else
			cli_error("%s", *store_error(s) ? store_error(s) : _(status_message(st)));
		return 1;
	}
	st = store_item_find(s, mid, item, &it);
	if (st != STATUS_OK) {
		if (st == STATUS_NOT_FOUND)
			cli_error(_("meeting %s has no agenda item %s; 'kallelse agenda %s' lists them"),
			    mid, item, mid);
		else
			cli_error("%s", *store_error(s) ? store_error(s) : _(status_message(st)));
		free(mid);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		struct parsed *pf = &files[i];
		char *doc_id = NULL;
		double t0 = now();

		if (!load_original(pf->path, &pf->doc.original)) {
			rc = 1;
			continue;
		}
		st = store_attach_document(s, mid, it.number, &pf->doc, &doc_id);
		drop_original(&pf->doc.original);
		if (st != STATUS_OK) {
			cli_error(_("%s: not attached: %s"), pf->path,
			    *store_error(s) ? store_error(s) : _(status_message(st)));
			rc = 1;
			continue;
		}
		text_printf(_("%s: attached to item %s of meeting %s as \"%s\" (%s), %.2f s\n"), pf->path,
		    it.number, mid, pf->doc.title, doc_id, pf->seconds + (now() - t0));
		free(doc_id);
	}
	agenda_item_free(&it);
	free(mid);
	return rc;
}

static int
check_import(const struct cli_args *a)
{
	if (a->argc == 0)
		return cli_usage_error("import", "%s", _("give at least one FILE to import"));
	if ((a->meeting == NULL) != (a->item == NULL))
		return cli_usage_error("import", "%s", _("--meeting and --item go together"));
	return 0;
}

static int
run_import(struct cli *c, struct store *unused, const struct cli_args *a)
{
	size_t n = (size_t)a->argc;
	struct parsed *files = xcalloc(n, sizeof *files);
	bool ok, attach = a->meeting != NULL;
	int rc;

	(void)unused;
	for (size_t i = 0; i < n; i++)
		files[i].path = a->argv[i];
	ok = parse_all(files, n, attach);
	if (!ok) {
		cli_error("%s", _("nothing was imported"));
		rc = 1;
	} else if (attach) {
		rc = attach_files(c, files, n, a->meeting, a->item);
	} else {
		rc = put_packets(c, files, n);
	}
	for (size_t i = 0; i < n; i++) {
		packet_free(&files[i].packet);
		packet_doc_free(&files[i].doc);
		store_prep_free(&files[i].prep);
	}
	free(files);
	return rc;
}

static const struct cli_option import_options[] = {
	CLI_OPTION("meeting", required_argument, OPT_MEETING, N_("MEETING"),
	    N_("with --item: attach each FILE to an agenda item of this meeting")),
	CLI_OPTION("item", required_argument, OPT_ITEM, N_("N"),
	    N_("with --meeting: the number of the agenda item to attach to")),
	CLI_OPTION_END,
};

/* The database is opened after every file has been read (see the top). */
const struct cli_command cmd_import_entry = {
	.name = "import",
	.args = N_("FILE..."),
	.max_args = -1,
	.options = import_options,
	.help = N_("import meeting packets, or attach a file to an item"),
	.description = N_("Import meeting packets (the text extracted from a PDF, or a PDF through\n"
	    "pdftotext(1)), or with --meeting and --item attach each FILE as a\n"
	    "document to that agenda item. A PDF is kept as it was read, once however\n"
	    "often it is imported, with the page each document starts on (see\n"
	    "`kallelse original` and o in the pager). Each packet is written in a\n"
	    "transaction of its own. Several packets at once are written faster and\n"
	    "their search index is merged at the end; when they at least double what\n"
	    "the database holds (e.g. a first import of an archive), into one piece,\n"
	    "which makes later searches faster. Only regular files of at most 512 MB\n"
	    "are read (a device, a pipe or a folder is refused by name); a file that\n"
	    "fails leaves the database as it was."),
	.store = CLI_STORE_NONE,
	.check = check_import,
	.run = run_import,
};
