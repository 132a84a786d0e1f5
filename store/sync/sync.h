/*
 * Sync: the secretariat publishes, every laptop pulls, marks travel back,
 * all of it signed (ARCHITECTURE.md, "Sync security"). Shaped like an apt
 * repository: a manifest signed with the publisher's Ed25519 key lists
 * content-addressed bundles (one per meeting, named by their sha256),
 * with a serial that only grows and a valid-until. A laptop pins the
 * publisher's key at its first sync; a bundle is untrusted bytes until its
 * sha256 matches the signed manifest. A whole sync is one transaction.
 *
 * A publication folder (or the same files over HTTP):
 *   manifest          one line: hex of the Ed25519 signature of "kallelse-manifest-v1\n"
 *                     + the rest; then the manifest's JSON (manifest.c). One file, so
 *                     one rename replaces both and a reader never pairs old with new.
 *   b/<sha256>        bundles: a meeting as json_packet writes it
 *   marks/<person>    each presidium member's marks, signed (marks.c)
 */
#ifndef KALLELSE_SYNC_H
#define KALLELSE_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"
#include "store.h"

/* ---- keys (keys.c) ---- */

#define SYNC_PK_BYTES 32
#define SYNC_SK_BYTES 64
#define SYNC_SIG_BYTES 64

struct sync_key {
	unsigned char pk[SYNC_PK_BYTES];
	unsigned char sk[SYNC_SK_BYTES];
};

/* The user's data folder: $XDG_DATA_HOME/kallelse, else ~/.local/share/kallelse. Caller frees. */
char *sync_data_dir(void);
/*
 * This user's key pair from <data dir>/signing.key (mode 0600), made on
 * first use when create. *created (may be NULL): it was made now.
 * STATUS_NOT_FOUND without create when there is none.
 */
enum status sync_key_load(struct sync_key *k, bool create, bool *created, char **err);
/* Public key as 64 hex digits; out has 65 bytes. */
void sync_key_hex(const unsigned char pk[SYNC_PK_BYTES], char out[65]);
/* Parse 64 hex digits; false when it is not one. */
bool sync_key_parse(const char *hex, unsigned char pk[SYNC_PK_BYTES]);
/* Short fingerprint: the sha256 of the key, 16 hex digits in groups "1a2b-3c4d-5e6f-7a8b". */
void sync_fingerprint(const unsigned char pk[SYNC_PK_BYTES], char out[20]);
/* Sign or verify data under a purpose ("manifest", "marks"), so one kind can never pass for another. */
void sync_sign(const struct sync_key *k, const char *purpose, const void *data, size_t len,
    unsigned char sig[SYNC_SIG_BYTES]);
bool sync_verify(const unsigned char pk[SYNC_PK_BYTES], const char *purpose, const void *data,
    size_t len, const unsigned char sig[SYNC_SIG_BYTES]);

/* ---- publish (publish.c) ---- */

struct sync_publish_result {
	long long serial;
	size_t meetings;	/* in the manifest */
	size_t written;		/* bundles written now (new content) */
	size_t removed;
	size_t bytes;		/* bytes written */
};

/*
 * Write the publication in dir (created when missing): the meetings
 * given (all when n_meetings is 0) as bundles, then the signed manifest.
 * Meetings an earlier manifest listed and the store no longer has are
 * listed as removed. valid_days: how long laptops accept the manifest.
 * Every file goes to a temporary name, is fsynced and renamed, the
 * manifest last: a reader sees the old publication or the new, whole.
 */
enum status sync_publish(struct store *s, const struct sync_key *k, const char *dir,
    char **meetings, size_t n_meetings, int valid_days, struct sync_publish_result *r,
    char **err);

/* ---- sync (sync.c) ---- */

struct sync_result {
	bool first;		/* the publisher's key was pinned now */
	char fingerprint[20];	/* of the publisher's key */
	bool unchanged;		/* the manifest was not modified (HTTP 304, or the same serial) */
	bool own;		/* signed with this user's key: the meetings were left as they are */
	long long serial;
	size_t added, updated, removed;
	size_t bundles;		/* fetched */
	size_t bytes;		/* read from the source */
	size_t marks_in;	/* marks of others applied */
	size_t marks_out;	/* marks of ours written to the source */
	char *marks_note;	/* why marks did not travel, or NULL (caller frees) */
};

/* Called now and then with what is done so far (the progress line). */
typedef void (*sync_progress_fn)(void *ctx, size_t meetings_done, size_t meetings_total,
    size_t bytes);

/*
 * Sync the store from source (a folder or an http(s):// URL; NULL: the
 * one remembered) and remember it. expect (may be NULL): the publisher's
 * fingerprint the user was told, checked at the first sync. me (may be
 * NULL): this user's key, to sign the user's marks; name: who the user is
 * (identity), whose marks go out. Everyone's marks come in. On any refusal or error nothing in the
 * store changes and *err says why (caller frees).
 */
enum status sync_run(struct store *s, const char *source, const char *expect,
    const struct sync_key *me, const char *name, sync_progress_fn progress, void *ctx,
    struct sync_result *r, char **err);

/* Settings sync keeps in the store. */
#define SYNC_SET_SOURCE "sync.source"
#define SYNC_SET_PUBLISHER "sync.publisher"
/* The last serial this database published (publish.c): it is a secretary's. */
#define SYNC_SET_PUBLISHED "publish.serial"
#define SYNC_SET_SERIAL "sync.serial"
#define SYNC_SET_LAST "sync.last"		/* time of the last successful sync */
#define SYNC_SET_LAST_RESULT "sync.last_result"	/* "added updated removed" of it */
#define SYNC_SET_FAILED "sync.failed"		/* time of the last attempt, when it failed */
#define SYNC_SET_FAILURE "sync.failure"		/* and why (a message) */

#endif
