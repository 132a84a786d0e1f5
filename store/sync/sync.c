/*
 * A laptop's sync: the signed manifest first (conditional: an unchanged
 * publication is one request answered 304), checked against the pinned
 * publisher key, the last serial (no rollback) and its valid-until (no
 * silent freeze); then only the bundles whose sha256 differs from what
 * this laptop applied. A bundle is untrusted bytes until its size and
 * sha256 match the signed manifest; only then is it parsed (strictly) and
 * written with store_put_packet. The whole content update is one
 * transaction (store_batch_*): a refusal, an error or a kill leaves the
 * database exactly as it was. Marks travel afterwards (marks.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model_json.h"
#include "sha256.h"
#include "sync_internal.h"
#include "xmalloc.h"

/*
 * What this laptop applied describes the content, and is kept with it
 * (store_state_*): when a repair replaces damaged content with an empty
 * database, these go too and the next sync fetches everything again,
 * instead of answering "up to date". The trust is the user's and kept in
 * the user file (store_setting_*): the pinned publisher key, the last
 * serial (no rollback, even across a repair) and the source.
 */
#define SET_ETAG "sync.etag"
#define SET_MANIFEST "sync.manifest"	/* the last verified manifest's JSON */
#define SET_BUNDLE "sync.b."		/* + meeting id: sha256 of the bundle applied */

static bool
is_state(const char *key)
{
	return strcmp(key, SET_ETAG) == 0 || strcmp(key, SET_MANIFEST) == 0 ||
	    strncmp(key, SET_BUNDLE, strlen(SET_BUNDLE)) == 0;
}

static char *
setting(struct store *s, const char *key)
{
	char *v = NULL;

	if ((is_state(key) ? store_state_get(s, key, &v) : store_setting_get(s, key, &v)) != STATUS_OK)
		return NULL;
	return v;
}

/* The pinned key and the last serial: the user's trust, worth a backup. */
static bool
is_trust(const char *key)
{
	return strcmp(key, SYNC_SET_PUBLISHER) == 0 || strcmp(key, SYNC_SET_SERIAL) == 0;
}

static enum status
set(struct store *s, const char *key, const char *value, char **err)
{
	enum status st;

	/* What describes the content stays with it. The trust is the user's
	 * data, written (and so backed up at close) only when it changes; the
	 * rest (source, when, the result) is bookkeeping, which calls for no
	 * backup of the user's data. */
	if (is_state(key)) {
		st = store_state_set(s, key, value);
	} else if (is_trust(key)) {
		char *was = setting(s, key);

		st = was && value && strcmp(was, value) == 0 ? STATUS_OK :
		    store_setting_set(s, key, value);
		free(was);
	} else {
		st = store_bookkeeping_set(s, key, value);
	}

	if (st != STATUS_OK && *err == NULL)
		*err = xstrdup(store_error(s));
	return st;
}

/* Verify the signed manifest file against the pinned key (or pin the claimed one). */
static enum status
verify(struct store *s, const char *file, size_t flen, const char *expect, struct sync_result *r,
    struct sync_manifest *m, char **json_out, char **err)
{
	unsigned char pinned[SYNC_PK_BYTES], claimed[SYNC_PK_BYTES];
	char *pin = setting(s, SYNC_SET_PUBLISHER), *serial = setting(s, SYNC_SET_SERIAL);
	char fp_claimed[20];
	const char *json;
	size_t jl;
	enum status st;
	bool have_claim = sync_manifest_claimed_key(file, flen, claimed);

	if (pin && !sync_key_parse(pin, pinned)) {
		free(pin);
		pin = NULL;
	}
	if (pin) {
		if (have_claim && memcmp(claimed, pinned, SYNC_PK_BYTES) != 0) {
			char fp[20];

			sync_fingerprint(pinned, fp);
			sync_fingerprint(claimed, fp_claimed);
			*err = xasprintf(_("the publication is signed by another key (%s) than the one "
			    "this laptop trusts (%s); nothing was changed. If the secretariat really "
			    "changed its key, ask them, then sync with --expect %s"),
			    fp_claimed, fp, fp_claimed);
			st = STATUS_DENIED;
			goto out;
		}
		memcpy(claimed, pinned, SYNC_PK_BYTES);
	} else {
		if (!have_claim) {
			*err = xstrdup(_("the manifest is not a kallelse manifest"));
			st = STATUS_BAD_INPUT;
			goto out;
		}
		r->first = true;
	}
	sync_fingerprint(claimed, r->fingerprint);
	if (expect && strcmp(expect, r->fingerprint) != 0) {
		*err = xasprintf(_("the publisher's key has fingerprint %s, not %s as expected; "
		    "nothing was changed"), r->fingerprint, expect);
		st = STATUS_DENIED;
		goto out;
	}
	if ((st = sync_manifest_open(file, flen, claimed, &json, &jl, err)) != STATUS_OK)
		goto out;
	if ((st = sync_manifest_parse(json, jl, m, err)) != STATUS_OK)
		goto out;
	if (memcmp(m->publisher, claimed, SYNC_PK_BYTES) != 0) {
		*err = xstrdup(_("the manifest names another publisher than its signer"));
		st = STATUS_DENIED;
		goto out;
	}
	if (serial && m->serial < atoll(serial)) {
		*err = xasprintf(_("the publication has serial %lld, older than the %s this laptop "
		    "already has: an old copy (a rollback) is refused; nothing was changed"),
		    m->serial, serial);
		st = STATUS_DENIED;
		goto out;
	}
	*json_out = xstrndup(json, jl);
out:
	if (st != STATUS_OK)
		sync_manifest_free(m);
	free(pin);
	free(serial);
	return st;
}

static bool
stale(const struct sync_manifest *m, char **err)
{
	char now[21];

	sync_time_utc(now, 0);
	if (strcmp(now, m->valid_until) < 0)
		return false;
	*err = xasprintf(_("the publication is stale: it was valid until %s and the secretariat "
	    "has not published since; nothing was changed. Ask them to publish again"),
	    m->valid_until);
	return true;
}

/* Fetch, check and write one bundle. */
static enum status
apply_bundle(struct store *s, struct sync_source *src, const struct sync_bundle *b, bool *added,
    char **err)
{
	char *name = xasprintf("b/%s", b->sha256), *data = NULL, sha[65], *key;
	struct store_meeting old = { 0 };
	struct packet p;
	size_t len = 0;
	bool nm = false;
	enum status st;

	st = sync_source_get(src, name, (size_t)b->size, NULL, &nm, NULL, &data, &len, err);
	if (st == STATUS_NOT_FOUND)
		*err = xasprintf(_("the publication lists %s but has no such file"), name);
	if (st != STATUS_OK)
		goto out;
	store_sha256_bytes_hex(data, len, sha);
	if (len != (size_t)b->size || strcmp(sha, b->sha256) != 0) {
		*err = xasprintf(_("bundle %s of meeting %s is damaged (%zu bytes, sha256 %.12s…, "
		    "the manifest says %lld bytes); nothing was changed"), name, b->meeting, len, sha,
		    b->size);
		st = STATUS_BAD_INPUT;
		goto out;
	}
	/* From here the bytes are the publisher's; still parsed strictly. */
	if ((st = packet_from_json(data, len, &p, err)) != STATUS_OK) {
		char *e = xasprintf(_("bundle of meeting %s: %s"), b->meeting, *err);

		free(*err);
		*err = e;
		goto out;
	}
	*added = store_meeting_get(s, b->meeting, &old) == STATUS_NOT_FOUND;
	store_meeting_free(&old);
	{
		char *mid = NULL;

		st = store_put_packet(s, &p, &mid, NULL);
		if (st == STATUS_OK && strcmp(mid, b->meeting) != 0) {
			*err = xasprintf(_("bundle of meeting %s holds meeting %s"), b->meeting, mid);
			st = STATUS_BAD_INPUT;
		} else if (st != STATUS_OK) {
			*err = xasprintf(_("meeting %s: %s"), b->meeting, store_error(s));
		}
		free(mid);
	}
	packet_free(&p);
	if (st != STATUS_OK)
		goto out;
	key = xasprintf(SET_BUNDLE "%s", b->meeting);
	st = set(s, key, b->sha256, err);
	free(key);
out:
	free(data);
	free(name);
	return st;
}

/* The content part of a sync, inside one transaction. */
static enum status
apply(struct store *s, struct sync_source *src, const struct sync_manifest *m, const char *json,
    const char *etag, const char *source, sync_progress_fn progress, void *ctx,
    struct sync_result *r, char **err)
{
	struct sync_bundle **todo = NULL;
	size_t n_todo = 0;
	char buf[64], pk[65], now[21];
	enum status st;

	for (size_t i = 0; i < m->n_bundles; i++) {
		char *key = xasprintf(SET_BUNDLE "%s", m->bundles[i].meeting), *have = setting(s, key);
		struct store_meeting cur = { 0 };
		bool present = store_meeting_get(s, m->bundles[i].meeting, &cur) == STATUS_OK;

		store_meeting_free(&cur);
		if (!present || have == NULL || strcmp(have, m->bundles[i].sha256) != 0) {
			todo = xreallocarray(todo, n_todo + 1, sizeof *todo);
			todo[n_todo++] = &m->bundles[i];
		}
		free(have);
		free(key);
	}
	if ((st = store_batch_begin(s)) != STATUS_OK) {
		*err = xstrdup(store_error(s));
		free(todo);
		return st;
	}
	store_bulk_begin(s, n_todo);
	for (size_t i = 0; i < n_todo && st == STATUS_OK; i++) {
		bool added = false;

		if (progress)
			progress(ctx, i, n_todo, sync_source_bytes(src));
		st = apply_bundle(s, src, todo[i], &added, err);
		if (st == STATUS_OK) {
			r->bundles++;
			if (added)
				r->added++;
			else
				r->updated++;
		}
	}
	if (progress && st == STATUS_OK)
		progress(ctx, n_todo, n_todo, sync_source_bytes(src));
	for (size_t i = 0; i < m->n_removed && st == STATUS_OK; i++) {
		struct store_meeting cur = { 0 };
		char *key;

		if (store_meeting_get(s, m->removed[i], &cur) != STATUS_OK)
			continue;
		store_meeting_free(&cur);
		if ((st = store_meeting_delete(s, m->removed[i])) != STATUS_OK) {
			*err = xstrdup(store_error(s));
			break;
		}
		key = xasprintf(SET_BUNDLE "%s", m->removed[i]);
		st = set(s, key, "", err);
		free(key);
		r->removed++;
	}
	if (st == STATUS_OK) {
		bool merged;

		sync_key_hex(m->publisher, pk);
		snprintf(buf, sizeof buf, "%lld", m->serial);
		sync_time_utc(now, 0);
		if ((st = set(s, SYNC_SET_PUBLISHER, pk, err)) == STATUS_OK &&
		    (st = set(s, SYNC_SET_SERIAL, buf, err)) == STATUS_OK &&
		    (st = set(s, SYNC_SET_SOURCE, source, err)) == STATUS_OK &&
		    (st = set(s, SET_MANIFEST, json, err)) == STATUS_OK &&
		    (st = set(s, SET_ETAG, etag ? etag : "", err)) == STATUS_OK &&
		    (st = set(s, SYNC_SET_LAST, now, err)) == STATUS_OK) {
			snprintf(buf, sizeof buf, "%zu %zu %zu", r->added, r->updated, r->removed);
			st = set(s, SYNC_SET_LAST_RESULT, buf, err);
		}
		if (st == STATUS_OK && (st = store_bulk_end(s, &merged)) != STATUS_OK)
			*err = xstrdup(store_error(s));
	} else {
		bool merged;

		store_bulk_end(s, &merged);
	}
	free(todo);
	if (st != STATUS_OK) {
		store_batch_rollback(s);
		return st;
	}
	if ((st = store_batch_commit(s)) != STATUS_OK)
		*err = xstrdup(store_error(s));
	return st;
}

/*
 * What the meetings view shows of the last attempt: a success clears the
 * failure, a failure keeps the last success and adds when and why. Best
 * effort (a read-only or busy database cannot take it, and the caller
 * says what happened anyway); bookkeeping, so no backup of user data.
 */
static void
record(struct store *s, enum status st, const char *err)
{
	char now[21];

	if (store_readonly(s))
		return;
	if (st == STATUS_OK) {
		char *failed = setting(s, SYNC_SET_FAILED);

		/* Only when there is one: a write is a transaction, and this is every sync. */
		if (failed) {
			store_bookkeeping_set(s, SYNC_SET_FAILED, NULL);
			store_bookkeeping_set(s, SYNC_SET_FAILURE, NULL);
		}
		free(failed);
		return;
	}
	sync_time_utc(now, 0);
	store_bookkeeping_set(s, SYNC_SET_FAILED, now);
	store_bookkeeping_set(s, SYNC_SET_FAILURE, err ? err : _(status_message(st)));
}

/* Did this database publish m? Signed with this user's key, and it has
 * published: another database of the same user (a laptop's) is a reader. */
static bool
own_publication(struct store *s, const struct sync_key *me, const struct sync_manifest *m)
{
	char *published;
	bool own;

	if (me == NULL || memcmp(me->pk, m->publisher, SYNC_PK_BYTES) != 0)
		return false;
	published = setting(s, SYNC_SET_PUBLISHED);
	own = published && *published;
	free(published);
	return own;
}

enum status
sync_run(struct store *s, const char *source, const char *expect, const struct sync_key *me,
    const char *name, sync_progress_fn progress, void *ctx, struct sync_result *r, char **err)
{
	char *remembered = setting(s, SYNC_SET_SOURCE), *etag = NULL, *new_etag = NULL;
	char *file = NULL, *json = NULL;
	struct sync_source *src = NULL;
	struct sync_manifest m = { 0 };
	size_t flen = 0;
	bool nm = false;
	enum status st;

	memset(r, 0, sizeof *r);
	*err = NULL;
	if (remembered && *remembered == '\0') {
		free(remembered);
		remembered = NULL;
	}
	if (source == NULL)
		source = remembered;
	if (source == NULL) {
		*err = xstrdup(_("no source to sync from: give a folder or an http(s):// address "
		    "the first time (kallelse sync SOURCE)"));
		st = STATUS_NOT_FOUND;
		goto out;
	}
	if ((st = sync_source_open(source, &src, err)) != STATUS_OK)
		goto out;
	/* Conditional only against the same source and a manifest we still have. */
	if (remembered && strcmp(remembered, source) == 0 && expect == NULL) {
		char *have = setting(s, SET_MANIFEST);

		if (have && *have)
			etag = setting(s, SET_ETAG);
		free(have);
		if (etag && *etag == '\0') {
			free(etag);
			etag = NULL;
		}
	}
	st = sync_source_get(src, "manifest", SYNC_MAX_MANIFEST, etag, &nm, &new_etag, &file,
	    &flen, err);
	if (st == STATUS_NOT_FOUND) {
		*err = xasprintf(_("the source %s has no manifest: it is not a kallelse publication "
		    "(the secretary makes one with kallelse publish)"), source);
		goto out;
	}
	if (st != STATUS_OK)
		goto out;
	if (nm) {
		/* Unchanged: the manifest this laptop verified last time still holds. */
		char *have = setting(s, SET_MANIFEST);

		r->unchanged = true;
		st = sync_manifest_parse(have, strlen(have), &m, err);
		free(have);
		if (st != STATUS_OK)
			goto out;
		sync_fingerprint(m.publisher, r->fingerprint);
		r->serial = m.serial;
		if (stale(&m, err)) {
			st = STATUS_DENIED;
			goto out;
		}
		{
			char now[21];

			/* One transaction for both: an unchanged sync is meant to be cheap. */
			sync_time_utc(now, 0);
			if (store_batch_begin(s) == STATUS_OK) {
				if (store_bookkeeping_set(s, SYNC_SET_LAST, now) == STATUS_OK &&
				    store_bookkeeping_set(s, SYNC_SET_LAST_RESULT, "0 0 0") == STATUS_OK)
					store_batch_commit(s);
				else
					store_batch_rollback(s);
			}
		}
	} else {
		if ((st = verify(s, file, flen, expect, r, &m, &json, err)) != STATUS_OK)
			goto out;
		r->serial = m.serial;
		if (stale(&m, err)) {
			st = STATUS_DENIED;
			goto out;
		}
		if (own_publication(s, me, &m)) {
			/*
			 * The secretary's own publication: this database is where its
			 * meetings come from. Applying the bundles would put back what
			 * was published over a packet imported since (a correction not
			 * yet published); only the marks travel.
			 */
			r->own = true;
			st = set(s, SYNC_SET_SOURCE, source, err);
			goto marks;
		}
		st = apply(s, src, &m, json, new_etag, source, progress, ctx, r, err);
		if (st != STATUS_OK)
			goto out;
		r->unchanged = r->bundles == 0 && r->removed == 0;
	}
marks:
	if (st != STATUS_OK)
		goto out;
	r->bytes = sync_source_bytes(src);
	{
		char *e = NULL;

		/* Marks are best effort: content is in; a failure is told, not fatal. */
		if (sync_marks_exchange(s, src, &m, me, name, &r->marks_in, &r->marks_out,
		    &r->marks_note, &e) != STATUS_OK) {
			free(r->marks_note);
			r->marks_note = e;
		} else {
			free(e);
		}
		r->bytes = sync_source_bytes(src);
	}
out:
	if (source)
		record(s, st, *err);
	sync_manifest_free(&m);
	sync_source_close(src);
	free(remembered);
	free(etag);
	free(new_etag);
	free(file);
	free(json);
	return st;
}
