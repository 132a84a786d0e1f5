# Screen tests: the real kallelse binary in a pseudo-terminal (forkpty),
# its output read back through libvterm. tests/screen_pty*.c are reusable (the
# benchmarks time "start to first drawn agenda" with it).
SCREEN_PTY_SOURCES = tests/screen_pty.h tests/screen_pty.c tests/screen_pty_wait.c \
	tests/screen_pty_internal.h
EXTRA_DIST += $(SCREEN_PTY_SOURCES) tests/screen_test.h
if HAVE_CHECK
if HAVE_VTERM
check_PROGRAMS += tests/test_screen
TESTS += tests/test_screen
tests_test_screen_SOURCES = tests/test_screen.c $(SCREEN_PTY_SOURCES)
tests_test_screen_CFLAGS = $(TEST_CFLAGS) $(VTERM_CFLAGS)
tests_test_screen_LDADD = $(VTERM_LIBS) $(PTY_LIBS) $(CHECK_LIBS) $(LIBS)

# Marks, notes, read state, jumps (issue 12).
check_PROGRAMS += tests/test_screen_marks
TESTS += tests/test_screen_marks
tests_test_screen_marks_SOURCES = tests/test_screen_marks.c $(SCREEN_PTY_SOURCES)
tests_test_screen_marks_CFLAGS = $(TEST_CFLAGS) $(VTERM_CFLAGS)
# The store too: the test edits a document's (deflated) text through it.
tests_test_screen_marks_LDADD = $(VTERM_LIBS) $(PTY_LIBS) $(STORE_LIBS) $(SQLITE_LIBS) $(UNISTRING_LIBS) $(CHECK_LIBS) $(LIBS)

# What users hit with the keys: read state on return, unread items, ^C at
# a prompt, the first view's back keys, unbound keys, a search with no hits.
check_PROGRAMS += tests/test_screen_keys
TESTS += tests/test_screen_keys
tests_test_screen_keys_SOURCES = tests/test_screen_keys.c $(SCREEN_PTY_SOURCES)
tests_test_screen_keys_CFLAGS = $(TEST_CFLAGS) $(VTERM_CFLAGS)
tests_test_screen_keys_LDADD = $(VTERM_LIBS) $(PTY_LIBS) $(CHECK_LIBS) $(LIBS)

# The pager's find over line breaks, on screen.
check_PROGRAMS += tests/test_screen_find
TESTS += tests/test_screen_find
tests_test_screen_find_SOURCES = tests/test_screen_find.c $(SCREEN_PTY_SOURCES)
tests_test_screen_find_CFLAGS = $(TEST_CFLAGS) $(VTERM_CFLAGS)
tests_test_screen_find_LDADD = $(VTERM_LIBS) $(PTY_LIBS) $(CHECK_LIBS) $(LIBS)

# Every view transition at 139, 140 and 200 columns, resizes across the
# preview's threshold, and a crash that must still restore the terminal.
check_PROGRAMS += tests/test_screen_views
TESTS += tests/test_screen_views
tests_test_screen_views_SOURCES = tests/test_screen_views.c $(SCREEN_PTY_SOURCES)
tests_test_screen_views_CFLAGS = $(TEST_CFLAGS) $(VTERM_CFLAGS)
tests_test_screen_views_LDADD = $(VTERM_LIBS) $(PTY_LIBS) $(CHECK_LIBS) $(LIBS)

# The print preview: pages in order, the Paus line, from the agenda and --preview.
check_PROGRAMS += tests/test_screen_print
TESTS += tests/test_screen_print
tests_test_screen_print_SOURCES = tests/test_screen_print.c $(SCREEN_PTY_SOURCES)
tests_test_screen_print_CFLAGS = $(TEST_CFLAGS) $(VTERM_CFLAGS)
tests_test_screen_print_LDADD = $(VTERM_LIBS) $(PTY_LIBS) $(CHECK_LIBS) $(LIBS)

# The prompt's line editor: a Swedish query edited with Backspace, Left,
# Right, Home and End; a long line scrolling sideways.
check_PROGRAMS += tests/test_screen_prompt
TESTS += tests/test_screen_prompt
tests_test_screen_prompt_SOURCES = tests/test_screen_prompt.c $(SCREEN_PTY_SOURCES)
tests_test_screen_prompt_CFLAGS = $(TEST_CFLAGS) $(VTERM_CFLAGS)
tests_test_screen_prompt_LDADD = $(VTERM_LIBS) $(PTY_LIBS) $(CHECK_LIBS) $(LIBS)

# A hostile packet (OSC title, CSI, C1, bidi, invalid UTF-8) on every
# view and in the commands' output: the title never changes.
check_PROGRAMS += tests/test_screen_hostile
TESTS += tests/test_screen_hostile
tests_test_screen_hostile_SOURCES = tests/test_screen_hostile.c $(SCREEN_PTY_SOURCES)
tests_test_screen_hostile_CFLAGS = $(TEST_CFLAGS) $(VTERM_CFLAGS) $(SQLITE_CFLAGS)
tests_test_screen_hostile_LDADD = $(VTERM_LIBS) $(PTY_LIBS) $(CHECK_LIBS) $(SQLITE_LIBS) $(LIBS)

# 1,000 key presses over the seed: the resident size stays put.
check_PROGRAMS += tests/test_screen_memory
TESTS += tests/test_screen_memory
tests_test_screen_memory_SOURCES = tests/test_screen_memory.c $(SCREEN_PTY_SOURCES)
tests_test_screen_memory_CFLAGS = $(TEST_CFLAGS) $(VTERM_CFLAGS)
tests_test_screen_memory_LDADD = $(VTERM_LIBS) $(PTY_LIBS) $(CHECK_LIBS) $(LIBS)

# A busy database: closing a document while another program holds the
# write lock keeps the write, says so, answers keys, saves when free.
check_PROGRAMS += tests/test_screen_busy
TESTS += tests/test_screen_busy
tests_test_screen_busy_SOURCES = tests/test_screen_busy.c $(SCREEN_PTY_SOURCES)
tests_test_screen_busy_CFLAGS = $(TEST_CFLAGS) $(VTERM_CFLAGS) $(SQLITE_CFLAGS)
tests_test_screen_busy_LDADD = $(VTERM_LIBS) $(PTY_LIBS) $(CHECK_LIBS) $(SQLITE_LIBS) $(LIBS)
endif

# The key bindings' parser, names and precedence (no terminal needed).
check_PROGRAMS += tests/test_keys
TESTS += tests/test_keys
tests_test_keys_SOURCES = tests/test_keys.c
tests_test_keys_CFLAGS = $(TEST_CFLAGS) $(CURSES_CFLAGS)
tests_test_keys_LDADD = $(TEST_LIBS)

# The pager's find in its text, without a terminal.
check_PROGRAMS += tests/test_pager_find
TESTS += tests/test_pager_find
tests_test_pager_find_SOURCES = tests/test_pager_find.c
tests_test_pager_find_CFLAGS = $(TEST_CFLAGS) $(CURSES_CFLAGS)
tests_test_pager_find_LDADD = $(TEST_LIBS)

# The list movement the list views share.
check_PROGRAMS += tests/test_list
TESTS += tests/test_list
tests_test_list_SOURCES = tests/test_list.c
tests_test_list_CFLAGS = $(TEST_CFLAGS) $(CURSES_CFLAGS)
tests_test_list_LDADD = $(TEST_LIBS)
endif

# The man pages against the action table, the commands and their options.
TESTS += tests/test_man.sh
EXTRA_DIST += tests/test_man.sh

# Documents as the reading model lays them out: a grant table wider than
# the window scrolled sideways, the SOU's headings, going to a page.
check_PROGRAMS += tests/test_screen_reading
TESTS += tests/test_screen_reading
tests_test_screen_reading_SOURCES = tests/test_screen_reading.c $(SCREEN_PTY_SOURCES)
tests_test_screen_reading_CFLAGS = $(TEST_CFLAGS) $(VTERM_CFLAGS)
tests_test_screen_reading_LDADD = $(VTERM_LIBS) $(PTY_LIBS) $(CHECK_LIBS) $(LIBS)

# o in the pager on a packet imported from a real PDF (tests/pdf_make.h):
# the viewer gets the document's page and a private copy, and the terminal.
if HAVE_PDF
check_PROGRAMS += tests/test_screen_original
TESTS += tests/test_screen_original
endif
tests_test_screen_original_SOURCES = tests/test_screen_original.c tests/pdf_make.h $(SCREEN_PTY_SOURCES)
tests_test_screen_original_CFLAGS = $(TEST_CFLAGS) $(VTERM_CFLAGS) $(PDF_CFLAGS)
tests_test_screen_original_LDADD = $(VTERM_LIBS) $(PTY_LIBS) $(PDF_LIBS) $(CHECK_LIBS) $(LIBS)

# make check-valgrind: the screen tests at 100 (test_screen_keys) and 200
# columns (test_screen_views), and the hostile packet, with the program run
# under valgrind through $KALLELSE_WRAPPER (screen_test.h). An error or a
# definite leak makes the program exit 1, which quit() fails on; the
# reports are in tests/valgrind.PID.log. Slow: not part of make check.
VALGRIND_TESTS = tests/test_screen_keys tests/test_screen_views tests/test_screen_hostile
check-valgrind: kallelse
	@command -v valgrind >/dev/null || { echo "check-valgrind: valgrind is not installed"; exit 1; }
	rm -f tests/valgrind.*.log
	KALLELSE_WRAPPER="$$(command -v valgrind) -q --error-exitcode=1 --leak-check=full \
	    --errors-for-leak-kinds=definite --log-file=$(abs_builddir)/tests/valgrind.%p.log" \
	    $(MAKE) $(AM_MAKEFLAGS) check TESTS="$(VALGRIND_TESTS)"
.PHONY: check-valgrind

# S in the TUI: sync from a folder and a real nginx while the program
# runs, an unreachable source, a laptop that never synced (issue 14).
if HAVE_CHECK
if HAVE_VTERM
check_PROGRAMS += tests/test_screen_sync
TESTS += tests/test_screen_sync
tests_test_screen_sync_SOURCES = tests/test_screen_sync.c $(SCREEN_PTY_SOURCES)
tests_test_screen_sync_CFLAGS = $(TEST_CFLAGS) $(VTERM_CFLAGS)
tests_test_screen_sync_LDADD = $(VTERM_LIBS) $(PTY_LIBS) $(CHECK_LIBS) $(LIBS)
endif
endif
