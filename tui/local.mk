# tui/: the curses program: main loop, views (one per file), keys, drawing.
# It asks store/ for data and never includes sqlite3.h.
include $(srcdir)/tui/print/local.mk

noinst_LIBRARIES += libtui.a
TUI_CPPFLAGS = -I$(top_srcdir)/tui -I$(top_srcdir)/tui/print $(READING_CPPFLAGS) $(STORE_CPPFLAGS)
libtui_a_CPPFLAGS = $(AM_CPPFLAGS) $(TUI_CPPFLAGS)
libtui_a_CFLAGS = $(AM_CFLAGS) $(CURSES_CFLAGS)
libtui_a_SOURCES = \
	tui/tui.h tui/ui_internal.h tui/ui.c tui/ui_loop.c tui/ui_layout.c tui/prompt.c \
	tui/crash.h tui/crash.c \
	tui/curses_compat.h tui/actions.h tui/keys.h tui/keys.c \
	tui/view.h tui/list.c tui/draw.h tui/draw.c \
	tui/view_meetings.c tui/view_agenda.c tui/view_item.c \
	tui/view_marks.c tui/view_notes.c \
	tui/view_pager.c tui/pager_internal.h tui/pager_layout.c tui/pager_draw.c tui/pager_text.h tui/pager_text.c tui/view_search.c tui/view_help.c \
	tui/userdata_ui.c tui/pending.c tui/sync_ui.c tui/view_preview.c \
	tui/view_contents.c tui/pager_open.c

include $(srcdir)/tui/cli/local.mk
