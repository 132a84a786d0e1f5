/*
 * What the fuzz targets share: must(cond) for each promise a module
 * makes about what it accepts, and, for the targets that need one, a
 * store in memory made once per process. Header only: each target is
 * its own program.
 */
#ifndef KALLELSE_FUZZ_CHECK_H
#define KALLELSE_FUZZ_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise: say which, then abort (libFuzzer keeps the input). */
#define must(cond) ((cond) ? (void)0 : fuzz_broken(#cond, __FILE__, __LINE__))

static inline void
fuzz_broken(const char *what, const char *file, int line)
{
	fprintf(stderr, "%s:%d: broken: %s\n", file, line, what);
	abort();
}

#ifdef KALLELSE_STORE_H
/* The target's store, in memory, made at the first call; never freed. */
static inline struct store *
fuzz_store(const char *target)
{
	static struct store *s;

	if (s == NULL) {
		char *err = NULL;

		if (store_open(":memory:", STORE_CREATE, &s, &err) != STATUS_OK) {
			fprintf(stderr, "%s: %s\n", target, err);
			abort();
		}
	}
	return s;
}
#endif

#endif
