# tests/bench: `make bench`, the performance benchmark on a ten-year archive
# (issue 6). Benchmarks never run in `make check`: check builds bench_run
# (so it cannot rot) and runs the archive generator on a tiny archive. The
# tools that link the store or the pty harness are built by `make bench` only.
# Bench data lives outside git: $KALLELSE_BENCH_DIR, else bench-data/ in the
# build folder (in .gitignore).

check_PROGRAMS += tests/bench/bench_run
tests_bench_bench_run_SOURCES = tests/bench/bench_run.c

EXTRA_PROGRAMS = tests/bench/bench_store
tests_bench_bench_store_SOURCES = tests/bench/bench_store.c
tests_bench_bench_store_CPPFLAGS = $(AM_CPPFLAGS) $(STORE_CPPFLAGS)
tests_bench_bench_store_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
tests_bench_bench_store_LDADD = $(STORE_LIBS) $(SQLITE_LIBS) $(UNISTRING_LIBS) $(LIBS)
CLEANFILES += $(EXTRA_PROGRAMS)
# Built on demand; one that does not build yet (its part is missing) gives
# "n/a" rows instead of stopping the bench.
BENCH_OPTIONAL = tests/bench/bench_store$(EXEEXT)
if HAVE_VTERM
EXTRA_PROGRAMS += tests/bench/bench_pty
tests_bench_bench_pty_SOURCES = tests/bench/bench_pty.c tests/screen_pty.c tests/screen_pty.h \
	tests/screen_pty_wait.c tests/screen_pty_internal.h
tests_bench_bench_pty_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS) -I$(top_srcdir)/tests
tests_bench_bench_pty_LDADD = $(VTERM_LIBS) $(PTY_LIBS)
BENCH_OPTIONAL += tests/bench/bench_pty$(EXEEXT)
endif

TESTS += tests/bench/test_generator.sh
EXTRA_DIST += tests/bench/README.md tests/bench/gen_archive.pl tests/bench/bench.sh \
	tests/bench/screens.sh tests/bench/search.sh tests/bench/sync.sh tests/bench/marks.sh \
	tests/bench/test_generator.sh

bench: kallelse$(EXEEXT) tests/bench/bench_run$(EXEEXT)
	@for p in $(BENCH_OPTIONAL); do \
	  $(MAKE) $(AM_MAKEFLAGS) $$p >/dev/null 2>&1 || echo "bench: $$p does not build yet; its rows say n/a" >&2; done
	@KALLELSE_BIN="$(abs_top_builddir)/kallelse$(EXEEXT)" \
	BENCH_TOOLS="$(abs_top_builddir)/tests/bench" \
	BENCH_SRC="$(abs_top_srcdir)/tests/bench" \
	KALLELSE_BENCH_DIR="$${KALLELSE_BENCH_DIR:-$(abs_top_builddir)/bench-data}" \
	KALLELSE_SEEDS="$${KALLELSE_SEEDS:-$(SEEDS_DIR)}" \
	BENCH_BODIES="$(BENCH_BODIES)" BENCH_MEETINGS="$(BENCH_MEETINGS)" BENCH_YEARS="$(BENCH_YEARS)" \
	$(SHELL) $(srcdir)/tests/bench/bench.sh
.PHONY: bench

# A secretariat's scale (issue 17): 20 bodies x 11 meetings x 10 years =
# 2,200 meetings: about 1.8 GB of text and 6 GB of database, built once
# (about 5 x make bench's first run: the 40-meeting proof imported at
# 3.6 MB/s under load), reused after. Not part of make bench. A quick proof
# of the machinery: make bench-large BENCH_LARGE_MEETINGS=2 BENCH_LARGE_YEARS=1.
BENCH_LARGE_BODIES = 20
BENCH_LARGE_MEETINGS = 11
BENCH_LARGE_YEARS = 10
bench-large:
	@$(MAKE) $(AM_MAKEFLAGS) bench BENCH_BODIES=$(BENCH_LARGE_BODIES) \
	  BENCH_MEETINGS=$(BENCH_LARGE_MEETINGS) BENCH_YEARS=$(BENCH_LARGE_YEARS)
.PHONY: bench-large
