# tests for text: the shared text module (store/text/), table-driven, one
# program in several files (tests/text_test.h says which holds what).
if HAVE_CHECK
check_PROGRAMS += tests/test_text
TESTS += tests/test_text
endif
tests_test_text_SOURCES = tests/test_text.c tests/text_test.h tests/test_text_decode.c \
	tests/test_text_fold.c tests/test_text_collate.c tests/test_text_width.c \
	tests/test_text_props.c tests/test_text_agree.c
tests_test_text_CFLAGS = $(TEST_CFLAGS) $(CURSES_CFLAGS)
tests_test_text_LDADD = $(TEST_LIBS)
