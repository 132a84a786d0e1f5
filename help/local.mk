# help/: the man page. Its key list is generated at build time from the
# action table (tui/actions.h) and the default keys (tui/keys.c) by
# help/gen-keys, so it cannot drift from the program.
noinst_PROGRAMS += help/gen-keys
help_gen_keys_SOURCES = help/gen-keys.c
help_gen_keys_CFLAGS = $(AM_CFLAGS) $(CURSES_CFLAGS)
help_gen_keys_LDADD = libtui.a libstore.a $(CURSES_LIBS) $(SQLITE_LIBS) $(UNISTRING_LIBS) $(LIBS)

nodist_man_MANS += help/kallelse.1
EXTRA_DIST += help/kallelse.1.in
CLEANFILES += help/kallelse.1

help/kallelse.1: $(srcdir)/help/kallelse.1.in help/gen-keys$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) help && \
	./help/gen-keys$(EXEEXT) $(srcdir)/help/kallelse.1.in > $@.tmp && mv $@.tmp $@
