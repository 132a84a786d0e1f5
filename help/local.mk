# help/: the man page. Its key list is generated at build time from the
# action table (tui/actions.h) and the default keys (tui/keys.c), its
# options and commands from the command table (tui/cli), by help/gen-keys,
# so it cannot drift from the program.
noinst_PROGRAMS += help/gen-keys
help_gen_keys_SOURCES = help/gen-keys.c
help_gen_keys_CPPFLAGS = $(AM_CPPFLAGS) $(CLI_CPPFLAGS)
help_gen_keys_CFLAGS = $(AM_CFLAGS) $(CURSES_CFLAGS)
help_gen_keys_LDADD = libcli.a libtui.a libprint.a libsync.a $(STORE_LIBS) $(CURSES_LIBS) $(SQLITE_LIBS) $(UNISTRING_LIBS) $(SODIUM_LIBS) $(LIBS)

nodist_man_MANS += help/kallelse.1
EXTRA_DIST += help/kallelse.1.in
CLEANFILES += help/kallelse.1

help/kallelse.1: $(srcdir)/help/kallelse.1.in help/gen-keys$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) help && \
	./help/gen-keys$(EXEEXT) $(srcdir)/help/kallelse.1.in > $@.tmp && mv $@.tmp $@

# The Swedish page: the same key list, with the action texts from po/sv.po.
mansv1dir = $(mandir)/sv/man1
nodist_mansv1_DATA = help/sv/kallelse.1
EXTRA_DIST += help/sv/kallelse.1.in
CLEANFILES += help/sv/kallelse.1
if HAVE_MSGFMT
help_sv_catalogue = po/locale/sv/LC_MESSAGES/kallelse.mo
endif

help/sv/kallelse.1: $(srcdir)/help/sv/kallelse.1.in help/gen-keys$(EXEEXT) $(help_sv_catalogue)
	$(AM_V_GEN)$(MKDIR_P) help/sv && \
	LC_ALL=C.UTF-8 LANGUAGE=sv KALLELSE_LOCALEDIR=$(abs_builddir)/po/locale \
	./help/gen-keys$(EXEEXT) -l sv $(srcdir)/help/sv/kallelse.1.in > $@.tmp && mv $@.tmp $@
