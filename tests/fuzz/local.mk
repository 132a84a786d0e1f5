# tests/fuzz/: libFuzzer targets and a plain driver that replays their
# corpus in `make check`, so every input ever saved (crashes once found
# included) runs on every build, gcc too. The targets: import (the packet
# parser), text (the text module), reading (the document reading model),
# manifest, bundle and marks (a publication's files as sync reads them).
# `./configure --enable-fuzzing` (CC=clang) builds the real fuzzers;
# `make fuzz` runs each for FUZZ_SECONDS (default 600), one at a time;
# `make fuzz FUZZ_TARGETS=marks FUZZ_SECONDS=60` runs one.
FUZZ_TARGETS = import text reading manifest bundle marks
FUZZ_SECONDS = 600
FUZZ_CFLAGS = $(AM_CFLAGS) $(TEST_CFLAGS)
FUZZ_STORE_LIBS = $(STORE_LIBS) $(SQLITE_LIBS) $(UNISTRING_LIBS) $(LIBS)
FUZZ_SYNC_LIBS = libsync.a $(STORE_LIBS) $(SQLITE_LIBS) $(UNISTRING_LIBS) $(SODIUM_LIBS) $(LIBS)
FUZZ_CORPUS = -DFUZZ_CORPUS_DIR=\"$(abs_top_srcdir)/tests/fuzz/corpus

check_PROGRAMS += tests/fuzz/replay_import tests/fuzz/replay_text tests/fuzz/replay_reading \
	tests/fuzz/replay_manifest tests/fuzz/replay_bundle tests/fuzz/replay_marks
TESTS += tests/fuzz/replay_import tests/fuzz/replay_text tests/fuzz/replay_reading \
	tests/fuzz/replay_manifest tests/fuzz/replay_bundle tests/fuzz/replay_marks
tests_fuzz_replay_import_SOURCES = tests/fuzz/fuzz_import.c tests/fuzz/replay.c
tests_fuzz_replay_import_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_replay_import_CPPFLAGS = $(AM_CPPFLAGS) $(IMPORT_CPPFLAGS) $(FUZZ_CORPUS)/import\"
tests_fuzz_replay_import_LDADD = $(STORE_LIBS) $(UNISTRING_LIBS) $(LIBS)
tests_fuzz_replay_text_SOURCES = tests/fuzz/fuzz_text.c tests/fuzz/replay.c
tests_fuzz_replay_text_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_replay_text_CPPFLAGS = $(AM_CPPFLAGS) $(TEXT_CPPFLAGS) $(FUZZ_CORPUS)/text\"
tests_fuzz_replay_text_LDADD = $(STORE_LIBS) $(UNISTRING_LIBS) $(LIBS)
tests_fuzz_replay_reading_SOURCES = tests/fuzz/fuzz_reading.c tests/fuzz/replay.c
tests_fuzz_replay_reading_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_replay_reading_CPPFLAGS = $(AM_CPPFLAGS) $(READING_CPPFLAGS) $(FUZZ_CORPUS)/reading\"
tests_fuzz_replay_reading_LDADD = $(STORE_LIBS) $(UNISTRING_LIBS) $(LIBS)
tests_fuzz_replay_manifest_SOURCES = tests/fuzz/fuzz_manifest.c tests/fuzz/replay.c
tests_fuzz_replay_manifest_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_replay_manifest_CPPFLAGS = $(AM_CPPFLAGS) $(SYNC_CPPFLAGS) $(FUZZ_CORPUS)/manifest\"
tests_fuzz_replay_manifest_LDADD = $(FUZZ_SYNC_LIBS)
tests_fuzz_replay_bundle_SOURCES = tests/fuzz/fuzz_bundle.c tests/fuzz/replay.c
tests_fuzz_replay_bundle_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_replay_bundle_CPPFLAGS = $(AM_CPPFLAGS) $(STORE_CPPFLAGS) $(FUZZ_CORPUS)/bundle\"
tests_fuzz_replay_bundle_LDADD = $(FUZZ_STORE_LIBS)
tests_fuzz_replay_marks_SOURCES = tests/fuzz/fuzz_marks.c tests/fuzz/replay.c
tests_fuzz_replay_marks_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_replay_marks_CPPFLAGS = $(AM_CPPFLAGS) $(SYNC_CPPFLAGS) $(FUZZ_CORPUS)/marks\"
tests_fuzz_replay_marks_LDADD = $(FUZZ_SYNC_LIBS)

EXTRA_DIST += tests/fuzz/corpus tests/fuzz/fuzz_check.h

if ENABLE_FUZZING
FUZZ_BINS = tests/fuzz/fuzz_import tests/fuzz/fuzz_text tests/fuzz/fuzz_reading \
	tests/fuzz/fuzz_manifest tests/fuzz/fuzz_bundle tests/fuzz/fuzz_marks
noinst_PROGRAMS += $(FUZZ_BINS)
FUZZ_LINK = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_import_SOURCES = tests/fuzz/fuzz_import.c
tests_fuzz_fuzz_import_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_import_CPPFLAGS = $(AM_CPPFLAGS) $(IMPORT_CPPFLAGS)
tests_fuzz_fuzz_import_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_import_LDADD = $(STORE_LIBS) $(UNISTRING_LIBS) $(LIBS)
tests_fuzz_fuzz_text_SOURCES = tests/fuzz/fuzz_text.c
tests_fuzz_fuzz_text_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_text_CPPFLAGS = $(AM_CPPFLAGS) $(TEXT_CPPFLAGS)
tests_fuzz_fuzz_text_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_text_LDADD = $(STORE_LIBS) $(UNISTRING_LIBS) $(LIBS)
tests_fuzz_fuzz_reading_SOURCES = tests/fuzz/fuzz_reading.c
tests_fuzz_fuzz_reading_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_reading_CPPFLAGS = $(AM_CPPFLAGS) $(READING_CPPFLAGS)
tests_fuzz_fuzz_reading_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_reading_LDADD = $(STORE_LIBS) $(UNISTRING_LIBS) $(LIBS)
tests_fuzz_fuzz_manifest_SOURCES = tests/fuzz/fuzz_manifest.c
tests_fuzz_fuzz_manifest_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_manifest_CPPFLAGS = $(AM_CPPFLAGS) $(SYNC_CPPFLAGS)
tests_fuzz_fuzz_manifest_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_manifest_LDADD = $(FUZZ_SYNC_LIBS)
tests_fuzz_fuzz_bundle_SOURCES = tests/fuzz/fuzz_bundle.c
tests_fuzz_fuzz_bundle_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_bundle_CPPFLAGS = $(AM_CPPFLAGS) $(STORE_CPPFLAGS)
tests_fuzz_fuzz_bundle_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_bundle_LDADD = $(FUZZ_STORE_LIBS)
tests_fuzz_fuzz_marks_SOURCES = tests/fuzz/fuzz_marks.c
tests_fuzz_fuzz_marks_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_marks_CPPFLAGS = $(AM_CPPFLAGS) $(SYNC_CPPFLAGS)
tests_fuzz_fuzz_marks_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_marks_LDADD = $(FUZZ_SYNC_LIBS)

# New inputs go to a scratch folder; the tree's corpus is read only (add a
# crash to it by hand, named after what it found). Output straight to the
# terminal (-jobs=1 sent it to fuzz-0.log). -max_len: packets and
# bundles are big.
fuzz: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz-out/$$t fuzz-out/$$t-crashes; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  ./tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix=fuzz-out/$$t-crashes/ \
	    fuzz-out/$$t $(srcdir)/tests/fuzz/corpus/$$t || exit 1; \
	done
else
fuzz:
	@echo "configure with --enable-fuzzing (CC=clang) to build the fuzzers" >&2; exit 1
endif
.PHONY: fuzz
