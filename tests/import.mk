# tests for import: the seed against the gold (struct packet and, through
# the real binary, agenda/show --json), other encodings and extractors,
# document assignment, and the import command's errors and transactions.
if HAVE_CHECK
check_PROGRAMS += tests/test_import tests/test_import_cli tests/test_import_units
TESTS += tests/test_import_units tests/test_import tests/test_import_cli
endif
TESTS += tests/test_gold.sh
EXTRA_DIST += tests/test_gold.sh
# kallelse print: PDF and text of the seed, the checks on made-up agendas.
TESTS += tests/test_print.sh
EXTRA_DIST += tests/test_print.sh
# kallelse mark, marks, note, notes on the seed (and marks in agenda/show --json).
TESTS += tests/test_marks_cli.sh
EXTRA_DIST += tests/test_marks_cli.sh
tests_test_import_SOURCES = tests/test_import.c tests/import_json.h
tests_test_import_CFLAGS = $(TEST_CFLAGS)
tests_test_import_LDADD = $(TEST_LIBS)
tests_test_import_cli_SOURCES = tests/test_import_cli.c
tests_test_import_cli_CFLAGS = $(TEST_CFLAGS)
tests_test_import_cli_LDADD = $(TEST_LIBS)
tests_test_import_units_SOURCES = tests/test_import_units.c
tests_test_import_units_CFLAGS = $(TEST_CFLAGS)
tests_test_import_units_LDADD = $(TEST_LIBS)
# The original PDF of an import (issue 15): a real PDF made from the seed
# by tests/pdf_make (cairo + pango), imported, written out, its pages.
TESTS += tests/test_original.sh
EXTRA_DIST += tests/test_original.sh tests/pdf_make.h
if HAVE_PDF
check_PROGRAMS += tests/pdf_make
tests_pdf_make_SOURCES = tests/pdf_make.c tests/pdf_make.h
tests_pdf_make_CFLAGS = $(AM_CFLAGS) $(PDF_CFLAGS) -I$(top_srcdir)/tests
tests_pdf_make_LDADD = $(PDF_LIBS)
endif
