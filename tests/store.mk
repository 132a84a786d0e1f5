# tests for store: the data layer against real SQLite files and :memory:,
# its error cases, and the scriptable commands run through the real binary.
if HAVE_CHECK
check_PROGRAMS += tests/test_store
TESTS += tests/test_store
endif
tests_test_store_SOURCES = tests/test_store.c tests/store_fixture.h tests/store_check.h
tests_test_store_CFLAGS = $(TEST_CFLAGS)
tests_test_store_LDADD = $(TEST_LIBS)
if HAVE_CHECK
check_PROGRAMS += tests/test_store_errors
TESTS += tests/test_store_errors
endif
tests_test_store_errors_SOURCES = tests/test_store_errors.c tests/store_fixture.h tests/store_snap.h
tests_test_store_errors_CFLAGS = $(TEST_CFLAGS)
tests_test_store_errors_LDADD = $(TEST_LIBS)
# A document's text stored deflated (store/doctext.c): the same text everywhere.
if HAVE_CHECK
check_PROGRAMS += tests/test_doctext
TESTS += tests/test_doctext
endif
tests_test_doctext_SOURCES = tests/test_doctext.c tests/store_fixture.h tests/store_check.h
tests_test_doctext_CFLAGS = $(TEST_CFLAGS)
tests_test_doctext_LDADD = $(TEST_LIBS)
if HAVE_CHECK
check_PROGRAMS += tests/test_browse
TESTS += tests/test_browse
endif
tests_test_browse_SOURCES = tests/test_browse.c tests/store_fixture.h tests/json_check.h
tests_test_browse_CFLAGS = $(TEST_CFLAGS)
tests_test_browse_LDADD = $(TEST_LIBS)
# The command line: each command's --help, "--", usage errors, the global --help.
if HAVE_CHECK
check_PROGRAMS += tests/test_cli
TESTS += tests/test_cli
endif
tests_test_cli_SOURCES = tests/test_cli.c tests/store_fixture.h
tests_test_cli_CFLAGS = $(TEST_CFLAGS)
tests_test_cli_LDADD = $(TEST_LIBS)
if HAVE_CHECK
check_PROGRAMS += tests/test_search
TESTS += tests/test_search
endif
tests_test_search_SOURCES = tests/test_search.c tests/store_fixture.h tests/store_check.h
tests_test_search_CFLAGS = $(TEST_CFLAGS)
tests_test_search_LDADD = $(TEST_LIBS)
if HAVE_CHECK
check_PROGRAMS += tests/test_search_space
TESTS += tests/test_search_space
endif
tests_test_search_space_SOURCES = tests/test_search_space.c
tests_test_search_space_CFLAGS = $(TEST_CFLAGS)
tests_test_search_space_LDADD = $(TEST_LIBS)
# Not Check: the heap must be reserved before anything allocates.
check_PROGRAMS += tests/test_heap
TESTS += tests/test_heap
tests_test_heap_SOURCES = tests/test_heap.c
tests_test_heap_CFLAGS = $(TEST_CFLAGS)
tests_test_heap_LDADD = $(TEST_LIBS)

# Damaged databases from the real seed, a damaged search index rebuilt,
# reading from a read-only folder.
if HAVE_CHECK
check_PROGRAMS += tests/test_store_damage
TESTS += tests/test_store_damage
endif
tests_test_store_damage_SOURCES = tests/test_store_damage.c tests/store_snap.h
tests_test_store_damage_CFLAGS = $(TEST_CFLAGS)
tests_test_store_damage_LDADD = $(TEST_LIBS)

# check --repair on real damaged files keeps the user's data; backup and
# restore merge it back.
if HAVE_CHECK
check_PROGRAMS += tests/test_store_repair
TESTS += tests/test_store_repair
endif
tests_test_store_repair_SOURCES = tests/test_store_repair.c tests/store_snap.h
tests_test_store_repair_CFLAGS = $(TEST_CFLAGS)
tests_test_store_repair_LDADD = $(TEST_LIBS)

# Faults at the command line (ulimit -f, NUL bytes, a truncated file, a
# read-only folder) and SIGKILL at 50 moments of an import.
TESTS += tests/test_faults_cli.sh tests/test_kill_import.sh tests/test_kill_build.sh
EXTRA_DIST += tests/test_faults_cli.sh tests/test_kill_import.sh tests/test_kill_build.sh tests/kill_lib.sh

if HAVE_CHECK
check_PROGRAMS += tests/test_marks
TESTS += tests/test_marks
endif
tests_test_marks_SOURCES = tests/test_marks.c tests/store_fixture.h tests/store_check.h
tests_test_marks_CFLAGS = $(TEST_CFLAGS)
tests_test_marks_LDADD = $(TEST_LIBS)

# The store's open and migrations from every earlier version.
if HAVE_CHECK
# The original PDF kept with each document's page (issue 15).
check_PROGRAMS += tests/test_store_original
TESTS += tests/test_store_original
tests_test_store_original_SOURCES = tests/test_store_original.c tests/store_fixture.h tests/store_check.h
tests_test_store_original_CFLAGS = $(TEST_CFLAGS)
tests_test_store_original_LDADD = $(TEST_LIBS)

check_PROGRAMS += tests/test_store_migrate
TESTS += tests/test_store_migrate
endif
tests_test_store_migrate_SOURCES = tests/test_store_migrate.c tests/store_fixture.h tests/store_check.h
tests_test_store_migrate_CFLAGS = $(TEST_CFLAGS)
tests_test_store_migrate_LDADD = $(TEST_LIBS)

# The JSON writer's escaping and nesting.
if HAVE_CHECK
check_PROGRAMS += tests/test_json
TESTS += tests/test_json
endif
tests_test_json_SOURCES = tests/test_json.c tests/json_check.h
tests_test_json_CFLAGS = $(TEST_CFLAGS)
tests_test_json_LDADD = $(TEST_LIBS)

# The user's own data in a file of its own: the layout, the move from
# schema 6 (resumed after a kill at every write of it), a foreign user file.
if HAVE_CHECK
check_PROGRAMS += tests/test_store_userfile
TESTS += tests/test_store_userfile
endif
tests_test_store_userfile_SOURCES = tests/test_store_userfile.c
tests_test_store_userfile_CFLAGS = $(TEST_CFLAGS)
tests_test_store_userfile_LDADD = $(TEST_LIBS)
# The same with the real binary: damaged content repaired and synced again,
# the user file byte for byte, trust kept; a damaged user file from its backup.
TESTS += tests/test_userdb_cli.sh
EXTRA_DIST += tests/test_userdb_cli.sh

# The meetings list's unread count against the agenda's, on the real packet (issue 17).
if HAVE_CHECK
check_PROGRAMS += tests/test_unread
TESTS += tests/test_unread
tests_test_unread_SOURCES = tests/test_unread.c tests/store_fixture.h tests/store_check.h
tests_test_unread_CFLAGS = $(TEST_CFLAGS)
tests_test_unread_LDADD = $(TEST_LIBS)
endif
