# tui/: the program: command line, commands, curses views.
noinst_LIBRARIES += libtui.a
libtui_a_CFLAGS = $(AM_CFLAGS) $(CURSES_CFLAGS) $(SQLITE_CFLAGS)
libtui_a_SOURCES = \
	tui/cli.h \
	tui/cmd_browse.c \
	tui/cmd_import.c \
	tui/crash.h tui/crash.c \
	tui/ui.c

kallelse_SOURCES = tui/main.c
kallelse_CFLAGS = $(AM_CFLAGS) $(CURSES_CFLAGS)
kallelse_LDADD = libtui.a libstore.a $(CURSES_LIBS) $(SQLITE_LIBS) $(UNISTRING_LIBS) $(LIBS)
libtui_a_SOURCES += \
	tui/curses_compat.h tui/actions.h tui/keys.h tui/keys.c \
	tui/view.h tui/list.c tui/draw.h tui/draw.c \
	tui/view_meetings.c tui/view_agenda.c tui/view_item.c \
	tui/view_pager.c tui/pager_text.h tui/pager_text.c tui/view_search.c tui/view_help.c
libtui_a_SOURCES += tui/json.c tui/json.h
