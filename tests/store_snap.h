/*
 * A file's bytes and mtime before something that must not change it, and
 * the check afterwards (the store's error and damage tests).
 */
#ifndef KALLELSE_STORE_SNAP_H
#define KALLELSE_STORE_SNAP_H

#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "testutil.h"

struct snap {
	char *bytes;
	size_t len;
	struct timespec mtime;
	bool exists;
};

static inline struct snap
snap_take(const char *p)
{
	struct snap s = { 0 };
	struct stat sb;

	if (stat(p, &sb) != 0)
		return s;
	s.exists = true;
	s.mtime = sb.st_mtim;
	s.bytes = tu_read_file(p, &s.len);
	return s;
}

/* The file is byte for byte and mtime for mtime what it was. */
static inline void
snap_same(struct snap *before, const char *p)
{
	struct snap now = snap_take(p);

	ck_assert_int_eq(now.exists, before->exists);
	if (before->exists) {
		ck_assert_uint_eq(now.len, before->len);
		ck_assert_msg(memcmp(now.bytes, before->bytes, now.len) == 0, "%s changed", p);
		ck_assert_int_eq(now.mtime.tv_sec, before->mtime.tv_sec);
		ck_assert_int_eq(now.mtime.tv_nsec, before->mtime.tv_nsec);
	}
	free(now.bytes);
	free(before->bytes);
}

#endif
