# tests for text: the shared text module (store/text_*.c), table-driven.
if HAVE_CHECK
check_PROGRAMS += tests/test_text
TESTS += tests/test_text
endif
tests_test_text_SOURCES = tests/test_text.c
tests_test_text_CFLAGS = $(TEST_CFLAGS)
tests_test_text_LDADD = $(TEST_LIBS)
