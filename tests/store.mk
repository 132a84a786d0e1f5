# tests for store: the data layer against real SQLite files and :memory:,
# its error cases, and the scriptable commands run through the real binary.
if HAVE_CHECK
check_PROGRAMS += tests/test_store
TESTS += tests/test_store
endif
tests_test_store_SOURCES = tests/test_store.c tests/store_fixture.h
tests_test_store_CFLAGS = $(TEST_CFLAGS)
tests_test_store_LDADD = $(TEST_LIBS)
