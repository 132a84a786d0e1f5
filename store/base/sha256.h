/*
 * SHA-256 (FIPS 180-4): document hashes, attachment ids, the content hash
 * of a meeting and the hash of an imported file. No SQLite here, so the
 * importer uses it too.
 */
#ifndef KALLELSE_SHA256_H
#define KALLELSE_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* Tests: hash with the portable code even where sha256_x86.c could (true),
 * or choose by the processor again (false). */
void store_sha256_set_portable(bool portable);

/* sha256_x86.c, for sha256.c: whether the processor has the SHA
 * extensions, and n blocks of 64 bytes hashed with them. */
bool store_sha256_x86_usable(void);
/* The round constants (FIPS 180-4), shared by both. */
extern const uint32_t store_sha256_k[64];
void store_sha256_x86_blocks(unsigned int h[8], const unsigned char *p, size_t n);

#endif
