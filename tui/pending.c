/*
 * Writes that wait for a busy database without freezing the screen.
 * Another kallelse importing or syncing holds the write lock for seconds;
 * every write from the TUI (closing a document saves its position, a mark)
 * used to wait up to the store's 5 s busy timeout with the keyboard dead.
 * Now a write waits UI_WRITE_WAIT_MS at most; when the lock is still held
 * it is kept here, in order, the status line says so, and the main loop
 * tries again on its timeout tick (ui_pending_retry) until it goes
 * through. At exit the rest get one last, normal wait, and what still
 * could not be saved is named on stderr.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "ui_internal.h"
#include "xmalloc.h"

/* The first try's wait for the lock: short enough that a key press is never held up. */
#define UI_WRITE_WAIT_MS 50
/* Retries from the loop, at most this often (each one waits not at all). */
#define UI_RETRY_EVERY_MS 250

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Run w with a wait of ms for the lock; the store's own timeout back afterwards. */
static enum status
attempt(struct ui *ui, struct ui_write *w, int ms)
{
	int normal = store_busy_timeout(ui->store);
	enum status st;

	store_set_busy_timeout(ui->store, ms);
	st = w->fn(ui->store, w);
	store_set_busy_timeout(ui->store, normal);
	return st;
}

static void
keep(struct ui *ui, struct ui_write *w)
{
	struct ui_write *k;

	ui->pending = xreallocarray(ui->pending, ui->n_pending + 1, sizeof *ui->pending);
	k = &ui->pending[ui->n_pending++];
	*k = *w;
	k->a = xstrdup_null(w->a);
	k->b = xstrdup_null(w->b);
}

static void
drop_first(struct ui *ui)
{
	free(ui->pending[0].a);
	free(ui->pending[0].b);
	memmove(ui->pending, ui->pending + 1, (ui->n_pending - 1) * sizeof *ui->pending);
	ui->n_pending--;
}

const char *
ui_busy_notice(void)
{
	return _("the database is busy (another kallelse is writing); will save when it is free");
}

enum status
ui_write(struct ui *ui, struct ui_write *w)
{
	enum status st;

	/* Behind writes already waiting: they go first, in the order they were made. */
	if (ui->n_pending > 0) {
		keep(ui, w);
		return STATUS_LOCKED;
	}
	st = attempt(ui, w, UI_WRITE_WAIT_MS);
	if (st == STATUS_LOCKED) {
		keep(ui, w);
		ui->pending_tried = now_ms();
		ui_message(ui, "%s", ui_busy_notice());
	}
	return st;
}

unsigned
ui_pending_retry(struct ui *ui)
{
	size_t before = ui->n_pending;
	double t = now_ms();

	if (before == 0 || t - ui->pending_tried < UI_RETRY_EVERY_MS)
		return 0;
	ui->pending_tried = t;
	while (ui->n_pending > 0) {
		enum status st = attempt(ui, &ui->pending[0], 0);

		if (st == STATUS_LOCKED)
			break;
		/* Done, or failed for good (the document is gone): either way not kept. */
		drop_first(ui);
	}
	if (ui->n_pending == before)
		return 0;
	if (ui->n_pending == 0)
		ui_message(ui, "%s", _("The database is free again: saved what was waiting."));
	return UI_REDRAW;
}

void
ui_pending_finish(struct ui *ui)
{
	while (ui->n_pending > 0) {
		/* The normal wait: the program is closing, no key is waiting for it. */
		if (attempt(ui, &ui->pending[0], store_busy_timeout(ui->store)) == STATUS_LOCKED) {
			fprintf(stderr, _("kallelse: the database %s stayed busy: %zu change(s) could not "
			    "be saved (the last: %s).\n"), store_path(ui->store), ui->n_pending,
			    _(ui->pending[ui->n_pending - 1].what));
			while (ui->n_pending > 0)
				drop_first(ui);
			break;
		}
		drop_first(ui);
	}
	free(ui->pending);
	ui->pending = NULL;
}
