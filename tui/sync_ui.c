/*
 * S: sync from the remembered source without leaving the program. The
 * sync itself is tui/cli's (tui.h struct tui_sync): store/sync is not a
 * library tui/ may use. While it runs, the status line shows the meetings
 * and bytes so far (drawn from the progress callback: the loop is blocked
 * in the sync, the one place a handler draws); afterwards the result is
 * the message, and every open view reads its data again before it is
 * drawn next (v->stale), not inside a draw.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui.h"
#include "ui_internal.h"

static const struct tui_sync *hooks;

void
tui_set_sync(const struct tui_sync *sync)
{
	hooks = sync;
}

char *
ui_sync_last(struct ui *ui, char **failed)
{
	*failed = NULL;
	return hooks && hooks->last ? hooks->last(ui->store, failed) : NULL;
}

static void
progress(void *ctx, size_t done, size_t total, size_t bytes)
{
	struct ui *ui = ctx;

	if (total == 0)
		return;
	ui_message(ui, _("Syncing: meetings %zu/%zu, %.1f MB"), done, total, (double)bytes / 1e6);
	ui_draw_status_now(ui);
}

unsigned
ui_sync(struct ui *ui)
{
	struct tui_sync_outcome out = { 0 };

	if (hooks == NULL || hooks->run == NULL) {
		ui_message(ui, "%s", _("Sync is not available here."));
		ui->message_error = true;
		return UI_HANDLED | UI_REDRAW;
	}
	if (store_readonly(ui->store)) {
		/* The start-up message's words: the same reason, one translation. */
		ui_message(ui, "%s", _("read-only: reading works, marks and notes cannot be saved"));
		ui->message_error = true;
		return UI_HANDLED | UI_REDRAW;
	}
	ui_message(ui, "%s", _("Syncing…"));
	ui_draw_status_now(ui);
	hooks->run(ui->store, ui->id.name, progress, ui, &out);
	free(ui->message);
	ui->message = out.message;	/* ours now; freed with the next message */
	ui->message_error = out.error;
	/*
	 * What came in shows without a restart: every open view reads its
	 * data again before it is next drawn. The meetings list always does,
	 * for its last-sync line (a failure is news too); nothing else
	 * changed when the sync did not.
	 */
	for (int i = 0; i < ui->depth; i++)
		if (out.changed || strcmp(ui->stack[i]->ops->name, "meetings") == 0)
			ui->stack[i]->stale = true;
	return UI_HANDLED | UI_REDRAW;
}
