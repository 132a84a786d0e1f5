/*
 * kallelse import FILE... [--meeting MEETING --item N]
 *
 * A bad file leaves the database as it was (not even created). One
 * packet is parsed, then written in one transaction by store_put_packet().
 * Several are parsed by a thread per core (at most PARSE_THREADS, one core
 * left to the writer) while the writer writes those already parsed, in
 * the files' order, all in one transaction (each packet a savepoint): a
 * file that turns out not to parse after others were written rolls all of
 * it back. Overlapping the two took the parse (with the part of the put
 * that needs no database, store_packet_prepare: NFC, sha256, deflate)
 * off the archive build's critical path (issue 17). A file with no
 * meetings yet is built with a rollback journal (store_journal_build).
 * With --meeting and --item each file becomes a document (bilaga) of that
 * agenda item; those are all parsed before the database is opened. The
 * parser shares no state between files; each file's messages are printed
 * in the files' order, what was written after the commit.
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
	bool done;		/* parsed (ok or not), under the pool's lock */
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

/*
 * The files in their order, parsed by the pool's threads. In a pipeline
 * (packets) the writer takes file i as soon as it is parsed, and the
 * threads parse at most WINDOW files ahead of it, so that an archive is
 * not held in memory all at once; without one (attachments) everything
 * is parsed first.
 */
/* Say what parsing said about a file (its lines kept in order), once. */
static void
print_msgs(struct parsed *pf)
{
	for (const char *m = pf->msgs.data; m && *m;) {
		const char *nl = strchr(m, '\n');
		int len = nl ? (int)(nl - m) : (int)strlen(m);

		cli_error("%.*s", len, m);
		m += len + (nl != NULL);
	}
	buf_free(&pf->msgs);
}

struct parse_pool {
	struct parsed *files;
	size_t n, next;		/* next: the next file to take */
	size_t taken;		/* files the writer has taken (pipeline) */
	bool attach, pipeline;
	bool failed;		/* a file did not parse: no window any more, nothing kept */
	pthread_mutex_t lock;
	pthread_cond_t changed;	/* a file parsed, taken, or one failed */
	pthread_t tid[PARSE_THREADS];
	size_t started;
};

enum { WINDOW = 8 };

static void *
parse_worker(void *arg)
{
	struct parse_pool *pool = arg;

	pthread_mutex_lock(&pool->lock);
	for (;;) {
		size_t i;

		while (pool->pipeline && !pool->failed && pool->next < pool->n &&
		    pool->next >= pool->taken + WINDOW)
			pthread_cond_wait(&pool->changed, &pool->lock);
		if (pool->next >= pool->n)
			break;
		i = pool->next++;
		pthread_mutex_unlock(&pool->lock);
		parse_one(&pool->files[i], pool->attach);
		pthread_mutex_lock(&pool->lock);
		pool->files[i].done = true;
		if (!pool->files[i].ok)
			pool->failed = true;
		/* After a failure nothing is written: only the messages are kept. */
		if (pool->failed && pool->pipeline) {
			packet_free(&pool->files[i].packet);
			store_prep_free(&pool->files[i].prep);
		}
		pthread_cond_broadcast(&pool->changed);
	}
	pthread_mutex_unlock(&pool->lock);
	return NULL;
}

/* Start the threads: a thread per core, at most PARSE_THREADS; in a
 * pipeline the writer needs a core of its own while there are two. */
static void
pool_start(struct parse_pool *pool)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t threads = cores > 1 ? (size_t)cores : 1;

	if (pool->pipeline && threads > 2)
		threads--;
	if (threads > PARSE_THREADS)
		threads = PARSE_THREADS;
	if (threads > pool->n)
		threads = pool->n;
	pthread_mutex_init(&pool->lock, NULL);
	pthread_cond_init(&pool->changed, NULL);
	pool->started = 0;
	/* A thread that cannot start leaves its share to the others (or to pool_finish). */
	for (size_t t = 0; t < threads; t++)
		if (pthread_create(&pool->tid[pool->started], NULL, parse_worker, pool) == 0)
			pool->started++;
}

/* Wait until file i is parsed; false when it or any other file failed
 * (nothing is to be written then). The writer takes it. */
static bool
pool_take(struct parse_pool *pool, size_t i)
{
	bool ok;

	if (pool->started == 0) {	/* no thread: parse it here */
		parse_one(&pool->files[i], pool->attach);
		pool->files[i].done = true;
		pool->next = i + 1;
	}
	pthread_mutex_lock(&pool->lock);
	while (!pool->files[i].done && !pool->failed)
		pthread_cond_wait(&pool->changed, &pool->lock);
	ok = pool->files[i].done && pool->files[i].ok && !pool->failed;
	pool->taken = i + 1;
	pthread_cond_broadcast(&pool->changed);
	pthread_mutex_unlock(&pool->lock);
	return ok;
}

/*
 * Let every file be parsed (the ones after a failure too, for their
 * messages), join the threads, and print each file's messages in order
 * from file `from` on. false when any file failed.
 */
static bool
pool_finish(struct parse_pool *pool, size_t from)
{
	bool ok = true;

	pthread_mutex_lock(&pool->lock);
	if (pool->pipeline && from < pool->n)
		pool->failed = true;	/* the writer stopped early: nothing more is kept */
	pthread_cond_broadcast(&pool->changed);
	pthread_mutex_unlock(&pool->lock);
	if (pool->started == 0)
		for (size_t i = pool->next; i < pool->n; i++) {
			parse_one(&pool->files[i], pool->attach);
			pool->files[i].done = true;
		}
	for (size_t t = 0; t < pool->started; t++)
		pthread_join(pool->tid[t], NULL);
	pthread_cond_destroy(&pool->changed);
	pthread_mutex_destroy(&pool->lock);
	for (size_t i = 0; i < pool->n; i++) {
		if (i >= from)
			print_msgs(&pool->files[i]);
		ok = ok && pool->files[i].ok;
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

/* Open the database when the first packet is ready; for several, one
 * transaction (see the top). false after saying why not. */
static bool
begin_writing(struct cli *c, size_t n, struct store **out, bool *batch)
{
	struct store *s = cli_store(c, STORE_CREATE);

	*out = s;
	*batch = false;
	if (n < 2)
		return true;
	store_journal_build(s);
	if (store_batch_begin(s) != STATUS_OK) {
		cli_error("%s", store_error(s));
		store_journal_wal(s);
		return false;
	}
	*batch = true;
	store_bulk_begin(s, n);
	return true;
}

/* Write one parsed packet; what it did is said in *said. false when it failed (said). */
static bool
put_one(struct store *s, struct parsed *pf, struct buf *said)
{
	char *mid = NULL;
	bool changed = false;
	double t0 = now();
	enum status put;

	if (!load_original(pf->path, &pf->packet.original))
		return false;
	put = store_put_prepared(s, &pf->packet, pf->prep, &mid, &changed);
	drop_original(&pf->packet.original);
	store_prep_free(&pf->prep);	/* its packed texts are written */
	if (put != STATUS_OK) {
		cli_error(_("%s: not imported: %s"), pf->path,
		    *store_error(s) ? store_error(s) : _(status_message(put)));
		return false;
	}
	buf_printf(said, _("%s: meeting %s (%s %s), %zu items, %zu documents%s, %.2f s\n"),
	    pf->path, mid, pf->packet.body, pf->packet.date, pf->packet.n_items,
	    pf->packet.n_docs, changed ? "" : _(", unchanged"), pf->seconds + (now() - t0));
	free(mid);
	packet_free(&pf->packet);	/* the next ones may be as large */
	return true;
}

/*
 * Write the packets as they are parsed. Several are one transaction, so
 * that a file that does not parse, found after others were written,
 * still leaves the database as it was: all of it is rolled back. What
 * was written is said after the commit.
 */
static int
put_packets(struct cli *c, struct parse_pool *pool)
{
	struct store *s = NULL;
	struct buf said = { 0 };
	bool merged = false, batch = false, parsed;
	double t_merge = 0;
	enum status st = STATUS_OK;
	size_t i;
	int rc = 0;

	pool->pipeline = true;
	pool_start(pool);
	for (i = 0; i < pool->n; i++) {
		if (!pool_take(pool, i))
			break;
		print_msgs(&pool->files[i]);
		if (s == NULL && !begin_writing(c, pool->n, &s, &batch))
			break;
		if (!put_one(s, &pool->files[i], &said))
			rc = 1;
	}
	parsed = pool_finish(pool, i) && i == pool->n;
	if (batch && parsed) {
		if ((st = store_batch_commit(s)) != STATUS_OK) {
			cli_error("%s", *store_error(s) ? store_error(s) : _(status_message(st)));
			store_bulk_cancel(s);
		} else {
			enum status m;

			store_journal_wal(s);
			t_merge = now();
			if ((m = store_bulk_end(s, &merged)) != STATUS_OK) {
				/* The packets are in; only the search index is left in more pieces. */
				cli_error(_("merging the search index: %s"),
				    *store_error(s) ? store_error(s) : _(status_message(m)));
				rc = 1;
			}
		}
	} else if (batch) {
		store_bulk_cancel(s);
		store_batch_rollback(s);
	}
	if (s)
		store_journal_wal(s);
	if (!parsed || st != STATUS_OK) {
		cli_error("%s", _("nothing was imported"));
		rc = 1;
	} else {
		if (said.data)
			text_printf("%s", said.data);
		if (merged)
			text_printf(_("search index merged, %.2f s\n"), now() - t_merge);
	}
	buf_free(&said);
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
	bool attach = a->meeting != NULL;
	struct parse_pool pool = { .files = files, .n = n, .attach = attach };
	int rc;

	(void)unused;
	for (size_t i = 0; i < n; i++)
		files[i].path = a->argv[i];
	if (!attach) {
		rc = put_packets(c, &pool);
	} else {
		/* Every attachment parsed before the database is opened. */
		pool_start(&pool);
		if (!pool_finish(&pool, 0)) {
			cli_error("%s", _("nothing was imported"));
			rc = 1;
		} else {
			rc = attach_files(c, files, n, a->meeting, a->item);
		}
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
	    "`kallelse original` and o in the pager). Several packets are written in\n"
	    "one transaction while the rest are read, and their search index is\n"
	    "merged at the end; when they at least double what the database holds\n"
	    "(e.g. a first import of an archive), into one piece, which makes later\n"
	    "searches faster. Only regular files of at most 512 MB are read (a\n"
	    "device, a pipe or a folder is refused by name); a file that fails leaves\n"
	    "the database as it was, whichever place it has among the files."),
	.store = CLI_STORE_NONE,
	.check = check_import,
	.run = run_import,
};
