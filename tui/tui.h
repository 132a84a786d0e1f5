/*
 * The interactive program, as the command line sees it: one call that
 * takes over the terminal until the user quits. Everything else of tui/
 * (views, keys, drawing) is internal to it.
 */
#ifndef KALLELSE_TUI_H
#define KALLELSE_TUI_H

#include "print.h"
#include "store.h"

/*
 * Run the curses program on an open store (not closed here), as the
 * person named by as (--as), or NULL for the config file's name.
 * Returns the exit status.
 */
int tui_main(struct store *store, const char *as);
/* Open the print preview of a meeting directly (kallelse print --preview); q quits. */
int tui_preview(struct store *store, const char *meeting_id, enum print_variant v);

#endif
