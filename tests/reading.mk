# tests for the reading model (store/reading): excerpts of the seed with
# their exact lines, and whole-document properties through the import library.
if HAVE_CHECK
check_PROGRAMS += tests/test_reading
TESTS += tests/test_reading
endif
EXTRA_DIST += tests/reading_cases.h
tests_test_reading_SOURCES = tests/test_reading.c
tests_test_reading_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/store/reading
tests_test_reading_LDADD = $(TEST_LIBS)
