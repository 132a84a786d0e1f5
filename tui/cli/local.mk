# tui/cli/: the program's entry and its commands (meetings, agenda, show,
# search, import ...). No curses: the interactive program is reached through
# tui/tui.h alone.
noinst_LIBRARIES += libcli.a
CLI_CPPFLAGS = -I$(top_srcdir)/tui/cli -I$(top_srcdir)/tui -I$(top_srcdir)/tui/print -I$(top_srcdir)/store/import -I$(top_srcdir)/store/sync $(READING_CPPFLAGS) $(STORE_CPPFLAGS)
libcli_a_CPPFLAGS = $(AM_CPPFLAGS) $(CLI_CPPFLAGS)
libcli_a_SOURCES = \
	tui/cli/cli.h tui/cli/cli_parse.c tui/cli/cli_table.c tui/cli/cli_out.c \
	tui/cli/json_out.c tui/cli/json_out.h \
	tui/cli/cmd_meetings.c tui/cli/cmd_agenda.c tui/cli/cmd_show.c \
	tui/cli/cmd_search.c tui/cli/cmd_import.c tui/cli/cmd_print.c \
	tui/cli/cmd_read.c tui/cli/cmd_original.c \
	tui/cli/cli_user.c tui/cli/cmd_mark.c tui/cli/cmd_marks.c tui/cli/cmd_note.c tui/cli/cmd_notes.c \
	tui/cli/cmd_check.c tui/cli/cmd_backup.c \
	tui/cli/cmd_key.c tui/cli/cmd_keys.c tui/cli/cmd_publish.c tui/cli/cmd_sync.c tui/cli/sync_hook.c \
	tui/cli/demo.c tui/cli/demo.h

kallelse_SOURCES = tui/cli/main.c
kallelse_CPPFLAGS = $(AM_CPPFLAGS) $(CLI_CPPFLAGS)
# KALLELSE_LIBS: ncursesw, sqlite3, libunistring, libsodium and zlib, linked
# in unless configure --disable-static-libs (configure.ac says why).
kallelse_LDADD = libcli.a libtui.a libprint.a libsync.a $(STORE_ARCHIVES) $(KALLELSE_LIBS) $(LIBS)
# The modules come with the program (module_PROGRAMS), so ./kallelse finds them beside it.
EXTRA_kallelse_DEPENDENCIES = $(module_PROGRAMS)
