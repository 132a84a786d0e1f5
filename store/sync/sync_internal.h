/* What the files of store/sync/ share. */
#ifndef KALLELSE_SYNC_INTERNAL_H
#define KALLELSE_SYNC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "json_read.h"
#include "sync.h"

/* Size limits for untrusted files. */
#define SYNC_MAX_MANIFEST (8u << 20)
#define SYNC_MAX_SIG 1024
#define SYNC_MAX_MARKS (1u << 20)
#define SYNC_FORMAT 1		/* of the manifest and of marks files */

/* fileio.c: write to a temporary name in the same folder, fsync, rename, fsync the folder. */
enum status sync_write_atomic(const char *path, const void *data, size_t len, char **err);
/* Read a whole file, refusing one larger than max. STATUS_NOT_FOUND when missing. */
enum status sync_read_file(const char *path, size_t max, char **data, size_t *len, char **err);
/* mkdir -p with mode 0755 (a publication is meant to be read). */
enum status sync_mkdirs(const char *path, char **err);
/* Hex of bytes (2n + 1 chars in out) and back; false on anything but 2n hex digits. */
void sync_hex(const unsigned char *b, size_t n, char *out);
bool sync_unhex(const char *s, unsigned char *b, size_t n);

/* source.c: a folder or an HTTP(S) URL. */
struct sync_source;
enum status sync_source_open(const char *spec, struct sync_source **out, char **err);
void sync_source_close(struct sync_source *src);
bool sync_source_is_http(const struct sync_source *src);
/*
 * Fetch name (relative: "manifest", "b/<sha>") up to max bytes. With
 * etag non-NULL the request is conditional (HTTP If-None-Match; a folder
 * compares size and time): *not_modified, nothing read. *new_etag (may be
 * NULL): what to send next time (caller frees). STATUS_NOT_FOUND when the
 * source has no such file; STATUS_IO when it cannot be reached.
 */
enum status sync_source_get(struct sync_source *src, const char *name, size_t max,
    const char *etag, bool *not_modified, char **new_etag, char **data, size_t *len,
    char **err);
/* Write name (a folder: atomically; HTTP: PUT). */
enum status sync_source_put(struct sync_source *src, const char *name, const void *data,
    size_t len, char **err);
/* The total bytes read so far. */
size_t sync_source_bytes(const struct sync_source *src);

/* manifest.c */
struct sync_bundle {
	char *meeting;
	long long revision;
	long long size;
	char sha256[65];
};
struct sync_person_key {
	char *person;
	unsigned char pk[SYNC_PK_BYTES];
};
struct sync_manifest {
	long long format, serial;
	char *published, *valid_until;	/* "2025-01-01T00:00:00Z" */
	unsigned char publisher[SYNC_PK_BYTES];
	struct sync_bundle *bundles;
	size_t n_bundles;
	char **removed;
	size_t n_removed;
	struct sync_person_key *keys;
	size_t n_keys;
};
void sync_manifest_free(struct sync_manifest *m);
/* The manifest's JSON (caller frees). */
char *sync_manifest_write(const struct sync_manifest *m, size_t *len);
/* Parse untrusted bytes (after the signature was checked, or to read our own back). */
enum status sync_manifest_parse(const char *buf, size_t len, struct sync_manifest *m, char **err);
/* The signed file: signature line + JSON (caller frees). */
char *sync_manifest_sign(const struct sync_key *k, const char *json, size_t len, size_t *out_len);
/*
 * Split a signed manifest file into signature and JSON and check the
 * signature with pk. STATUS_BAD_INPUT: not a signed manifest; STATUS_DENIED:
 * the signature does not match. *json points into buf.
 */
enum status sync_manifest_open(const char *buf, size_t len, const unsigned char pk[SYNC_PK_BYTES],
    const char **json, size_t *json_len, char **err);
/* The publisher key a manifest claims, before checking anything (to pin it). */
bool sync_manifest_claimed_key(const char *json, size_t len, unsigned char pk[SYNC_PK_BYTES]);
/* A meeting id as it may appear in a file name or manifest: [a-z0-9-], 1..200. */
bool sync_id_ok(const char *id);
/* UTC now as "2025-01-01T00:00:00Z", plus days. */
void sync_time_utc(char out[21], int days);

/* marks.c: exchange of presidium marks through the publication. */
enum status sync_marks_exchange(struct store *s, struct sync_source *src,
    const struct sync_manifest *m, const struct sync_key *me, const char *name,
    size_t *in, size_t *out, char **note, char **err);
/*
 * The JSON of a marks file whose signature was checked, merged as person's
 * marks; *in counts those applied. Inside the caller's transaction (roll
 * back on an error). For merge_file and the fuzz target.
 */
enum status sync_marks_merge_json(struct store *s, const char *person, const char *json,
    size_t jl, size_t *in, char **err);

#endif
