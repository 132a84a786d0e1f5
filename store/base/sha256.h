/*
 * SHA-256 (FIPS 180-4): document hashes, attachment ids, the content hash
 * of a meeting and the hash of an imported file. No SQLite here, so the
 * importer uses it too.
 */
#ifndef KALLELSE_SHA256_H
#define KALLELSE_SHA256_H

#include <stddef.h>

struct store_sha256 {
	unsigned int h[8];
	unsigned char buf[64];
	unsigned long long len;
	size_t fill;
};
void store_sha256_init(struct store_sha256 *c);
void store_sha256_add(struct store_sha256 *c, const void *data, size_t len);
/* Finish and write the hex digest into hex[65]. */
void store_sha256_hex(struct store_sha256 *c, char hex[65]);
/* The hex digest of len bytes at data, in one call. */
void store_sha256_bytes_hex(const void *data, size_t len, char hex[65]);

#endif
