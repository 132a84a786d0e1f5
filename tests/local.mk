# tests/: unit tests (Check), import tests on the real seed, screen tests
# in a pseudo-terminal. Each area keeps its own fragment.
AM_TESTS_ENVIRONMENT = \
	KALLELSE_SEEDS="$${KALLELSE_SEEDS:-$(SEEDS_DIR)}"; export KALLELSE_SEEDS; \
	KALLELSE_GOLD="$${KALLELSE_GOLD:-$(GOLD_DIR)}"; export KALLELSE_GOLD; \
	KALLELSE_BIN="$(abs_top_builddir)/kallelse"; export KALLELSE_BIN; \
	KALLELSE_LOCALEDIR="$(abs_top_builddir)/po/locale"; export KALLELSE_LOCALEDIR; \
	KALLELSE_MODULEDIR="$(abs_top_builddir)"; export KALLELSE_MODULEDIR; \
	LSAN_OPTIONS="suppressions=$(abs_top_srcdir)/tests/lsan.supp$${LSAN_OPTIONS:+:$$LSAN_OPTIONS}"; export LSAN_OPTIONS; \
	unset KALLELSE_DB LINES COLUMNS; LC_ALL=C.UTF-8; export LC_ALL;
TEST_LIBS = libcli.a libtui.a libprint.a libsync.a $(STORE_LIBS) $(CHECK_LIBS) $(CURSES_LIBS) $(SQLITE_LIBS) $(UNISTRING_LIBS) $(SODIUM_LIBS) $(LIBS)
# Tests may look inside every library (the layering is checked on the
# libraries themselves, tests/test_layers.sh).
TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(SQLITE_CFLAGS) $(CLI_CPPFLAGS) -I$(top_srcdir)/tests

EXTRA_DIST += tests/testutil.h tests/lsan.supp
include $(srcdir)/tests/text.mk
include $(srcdir)/tests/store.mk
include $(srcdir)/tests/import.mk
include $(srcdir)/tests/reading.mk
include $(srcdir)/tests/screen.mk
include $(srcdir)/tests/fuzz/local.mk
include $(srcdir)/tests/sync.mk

# The libraries' arrows point down only; system headers where they belong.
TESTS += tests/test_layers.sh
# kallelse read and original on the seed (item 16's grant table).
TESTS += tests/test_read_cli.sh
EXTRA_DIST += tests/test_read_cli.sh
EXTRA_DIST += tests/test_layers.sh

# A newcomer's first steps: Swedish from the build folder, the demo, the README.
TESTS += tests/test_firststeps.sh
EXTRA_DIST += tests/test_firststeps.sh
