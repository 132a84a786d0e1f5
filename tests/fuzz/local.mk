# tests/fuzz/: libFuzzer targets (the packet parser, the text module) and a
# plain driver that replays their corpus in `make check`, so every input
# ever saved (crashes once found included) runs on every build, gcc too.
# `./configure --enable-fuzzing` (CC=clang) builds the real fuzzers;
# `make fuzz` runs each for FUZZ_SECONDS (default 600), one at a time.
FUZZ_TARGETS = import text
FUZZ_SECONDS = 600
FUZZ_CFLAGS = $(AM_CFLAGS) $(TEST_CFLAGS)

check_PROGRAMS += tests/fuzz/replay_import tests/fuzz/replay_text
TESTS += tests/fuzz/replay_import tests/fuzz/replay_text
tests_fuzz_replay_import_SOURCES = tests/fuzz/fuzz_import.c tests/fuzz/replay.c
tests_fuzz_replay_import_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_replay_import_CPPFLAGS = $(AM_CPPFLAGS) $(IMPORT_CPPFLAGS) \
	-DFUZZ_CORPUS_DIR=\"$(abs_top_srcdir)/tests/fuzz/corpus/import\"
tests_fuzz_replay_import_LDADD = $(STORE_LIBS) $(UNISTRING_LIBS) $(LIBS)
tests_fuzz_replay_text_SOURCES = tests/fuzz/fuzz_text.c tests/fuzz/replay.c
tests_fuzz_replay_text_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_replay_text_CPPFLAGS = $(AM_CPPFLAGS) $(TEXT_CPPFLAGS) \
	-DFUZZ_CORPUS_DIR=\"$(abs_top_srcdir)/tests/fuzz/corpus/text\"
tests_fuzz_replay_text_LDADD = $(STORE_LIBS) $(UNISTRING_LIBS) $(LIBS)

EXTRA_DIST += tests/fuzz/corpus

if ENABLE_FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_import tests/fuzz/fuzz_text
tests_fuzz_fuzz_import_SOURCES = tests/fuzz/fuzz_import.c
tests_fuzz_fuzz_import_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_import_CPPFLAGS = $(AM_CPPFLAGS) $(IMPORT_CPPFLAGS)
tests_fuzz_fuzz_import_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_import_LDADD = $(STORE_LIBS) $(UNISTRING_LIBS) $(LIBS)
tests_fuzz_fuzz_text_SOURCES = tests/fuzz/fuzz_text.c
tests_fuzz_fuzz_text_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_text_CPPFLAGS = $(AM_CPPFLAGS) $(TEXT_CPPFLAGS)
tests_fuzz_fuzz_text_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_text_LDADD = $(STORE_LIBS) $(UNISTRING_LIBS) $(LIBS)

# New inputs go to a scratch folder; the tree's corpus is read only (add a
# crash to it by hand, named after what it found). -max_len: packets are big.
fuzz: tests/fuzz/fuzz_import tests/fuzz/fuzz_text
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz-out/$$t fuzz-out/$$t-crashes; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  ./tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -jobs=1 -workers=1 \
	    -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix=fuzz-out/$$t-crashes/ \
	    fuzz-out/$$t $(srcdir)/tests/fuzz/corpus/$$t || exit 1; \
	done
else
fuzz:
	@echo "configure with --enable-fuzzing (CC=clang) to build the fuzzers" >&2; exit 1
endif
.PHONY: fuzz
