/*
 * The interactive program, as the command line sees it: one call that
 * takes over the terminal until the user quits. Everything else of tui/
 * (views, keys, drawing) is internal to it.
 */
#ifndef KALLELSE_TUI_H
#define KALLELSE_TUI_H

#include <stdbool.h>
#include <stddef.h>

#include "print.h"
#include "store.h"

/*
 * Sync for the S key and the meetings view's last-sync line. tui/ may not
 * use store/sync (ARCHITECTURE.md: it is a library beside tui/, not below
 * it), so tui/cli, which runs `kallelse sync`, hands these in.
 */
typedef void (*tui_progress_fn)(void *ctx, size_t meetings_done, size_t meetings_total,
    size_t bytes);
struct tui_sync_outcome {
	char *message;	/* for the status line; the caller frees */
	bool error;	/* it says what went wrong; nothing changed */
	bool changed;	/* meetings came, changed or went: the views read their data again */
};
struct tui_sync {
	/*
	 * Sync s from the remembered source as the person named (or NULL),
	 * calling progress(ctx, ...) as it goes; never exits or prints.
	 */
	void (*run)(struct store *s, const char *person, tui_progress_fn progress, void *ctx,
	    struct tui_sync_outcome *out);
	/*
	 * The last sync as one line, NULL when never; *failed: the last
	 * attempt when it failed after that, or NULL. Caller frees both.
	 */
	char *(*last)(struct store *s, char **failed);
};
/* Before tui_main: the sync to use (kept, not copied; NULL: S says sync is not available). */
void tui_set_sync(const struct tui_sync *sync);

/*
 * Run the curses program on an open store (not closed here), as the
 * person named by as (--as), or NULL for the config file's name.
 * Returns the exit status.
 */
int tui_main(struct store *store, const char *as);
/* Open the print preview of a meeting directly (kallelse print --preview); q quits. */
int tui_preview(struct store *store, const char *meeting_id, enum print_variant v);

#endif
