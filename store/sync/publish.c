/*
 * The secretary's publish: each meeting as a bundle named by its sha256
 * (b/<sha256>), then the signed manifest. Bundles whose content did not
 * change keep their name and are not written again, so a laptop fetches
 * only what changed. Old bundles stay while the previous manifest lists
 * them (a laptop may be reading it right now); older ones are removed.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "json.h"
#include "model_json.h"
#include "sha256.h"
#include "sync_internal.h"
#include "xmalloc.h"

#define SET_SERIAL SYNC_SET_PUBLISHED

/* The bundle of one meeting: compact JSON of its packet. Caller frees. */
static enum status
bundle_of(struct store *s, const char *id, char **data, size_t *len)
{
	struct packet p;
	enum status st = store_meeting_packet(s, id, &p);
	struct json j;
	FILE *f;

	if (st != STATUS_OK)
		return st;
	f = open_memstream(data, len);
	json_init(&j, f);
	j.compact = true;
	json_packet(&j, &p);
	json_finish(&j);
	fclose(f);
	packet_free(&p);
	return STATUS_OK;
}

/* The manifest now in dir, if it is ours (signed by k); else an empty one. */
static void
old_manifest(const char *dir, const struct sync_key *k, struct sync_manifest *m)
{
	char *path = xasprintf("%s/manifest", dir), *data = NULL, *err = NULL;
	const char *json;
	size_t len = 0, jl;

	memset(m, 0, sizeof *m);
	if (sync_read_file(path, SYNC_MAX_MANIFEST, &data, &len, &err) == STATUS_OK &&
	    sync_manifest_open(data, len, k->pk, &json, &jl, &err) == STATUS_OK)
		sync_manifest_parse(json, jl, m, &err);
	free(err);
	free(data);
	free(path);
}

static const struct sync_bundle *
find_bundle(const struct sync_manifest *m, const char *id)
{
	for (size_t i = 0; i < m->n_bundles; i++)
		if (strcmp(m->bundles[i].meeting, id) == 0)
			return &m->bundles[i];
	return NULL;
}

static bool
listed(char **ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

static void
add_bundle(struct sync_manifest *m, const char *id, long long rev, long long size, const char *sha)
{
	struct sync_bundle *b;

	m->bundles = xreallocarray(m->bundles, m->n_bundles + 1, sizeof *m->bundles);
	b = &m->bundles[m->n_bundles++];
	b->meeting = xstrdup(id);
	b->revision = rev;
	b->size = size;
	memcpy(b->sha256, sha, 65);
}

/* Remove b/ files neither manifest lists (and stale temporary files). */
static void
collect_garbage(const char *dir, const struct sync_manifest *now, const struct sync_manifest *before)
{
	char *bdir = xasprintf("%s/b", dir);
	DIR *d = opendir(bdir);
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL) {
		bool keep = e->d_name[0] == '.';

		for (size_t i = 0; !keep && i < now->n_bundles; i++)
			keep = strcmp(now->bundles[i].sha256, e->d_name) == 0;
		for (size_t i = 0; !keep && i < before->n_bundles; i++)
			keep = strcmp(before->bundles[i].sha256, e->d_name) == 0;
		if (!keep) {
			char *p = xasprintf("%s/%s", bdir, e->d_name);

			unlink(p);
			free(p);
		}
	}
	if (d)
		closedir(d);
	free(bdir);
}

enum status
sync_publish(struct store *s, const struct sync_key *k, const char *dir, char **meetings,
    size_t n_meetings, int valid_days, struct sync_publish_result *r, char **err)
{
	struct sync_manifest old, m = { 0 };
	struct store_meeting *list = NULL;
	struct store_key *keys = NULL;
	size_t n_list = 0, n_keys = 0, mlen, flen;
	char *bdir = xasprintf("%s/b", dir), *serial = NULL, *mjson = NULL, *file = NULL;
	char *mpath = xasprintf("%s/manifest", dir), buf[32];
	enum status st;

	memset(r, 0, sizeof *r);
	*err = NULL;
	old_manifest(dir, k, &old);
	if ((st = sync_mkdirs(bdir, err)) != STATUS_OK)
		goto out;
	if ((st = store_meetings(s, &list, &n_list)) != STATUS_OK ||
	    (st = store_keys(s, &keys, &n_keys)) != STATUS_OK) {
		*err = xstrdup(store_error(s));
		goto out;
	}
	for (size_t i = 0; i < n_meetings; i++) {
		size_t k2;

		for (k2 = 0; k2 < n_list && strcmp(list[k2].id, meetings[i]) != 0; k2++)
			;
		if (k2 == n_list) {
			*err = xasprintf(_("no meeting %s in the database; 'kallelse meetings' lists them"),
			    meetings[i]);
			st = STATUS_NOT_FOUND;
			goto out;
		}
	}
	for (size_t i = 0; i < n_list; i++) {
		const char *id = list[i].id;
		const struct sync_bundle *ob = find_bundle(&old, id);
		char *data = NULL, sha[65], *path;
		size_t len = 0;
		struct stat sb;

		if (!sync_id_ok(id))
			continue;	/* cannot be a file name; no store id looks like this */
		if (n_meetings > 0 && !listed(meetings, n_meetings, id)) {
			if (ob != NULL)
				add_bundle(&m, id, ob->revision, ob->size, ob->sha256);
			continue;
		}
		if ((st = bundle_of(s, id, &data, &len)) != STATUS_OK) {
			*err = xasprintf(_("cannot read meeting %s: %s"), id, store_error(s));
			goto out;
		}
		store_sha256_bytes_hex(data, len, sha);
		path = xasprintf("%s/%s", bdir, sha);
		/* Content-addressed: a file with this name and size is this bundle. */
		if (stat(path, &sb) != 0 || (size_t)sb.st_size != len) {
			st = sync_write_atomic(path, data, len, err);
			r->written++;
			r->bytes += len;
		}
		free(path);
		free(data);
		if (st != STATUS_OK)
			goto out;
		add_bundle(&m, id, list[i].revision, (long long)len, sha);
	}
	/* Removed: listed before (as a bundle or removed) and not in the store now. */
	for (size_t i = 0; i < old.n_bundles + old.n_removed; i++) {
		const char *id = i < old.n_bundles ? old.bundles[i].meeting : old.removed[i - old.n_bundles];

		if (find_bundle(&m, id) != NULL || listed(m.removed, m.n_removed, id))
			continue;
		m.removed = xreallocarray(m.removed, m.n_removed + 1, sizeof *m.removed);
		m.removed[m.n_removed++] = xstrdup(id);
		if (i < old.n_bundles)
			r->removed++;
	}
	m.keys = xcalloc(n_keys + 1, sizeof *m.keys);
	for (size_t i = 0; i < n_keys; i++) {
		if (!sync_key_parse(keys[i].key, m.keys[m.n_keys].pk))
			continue;
		m.keys[m.n_keys++].person = xstrdup(keys[i].person);
	}
	m.format = SYNC_FORMAT;
	store_setting_get(s, SET_SERIAL, &serial);
	m.serial = (serial ? atoll(serial) : 0);
	if (old.serial > m.serial)
		m.serial = old.serial;
	m.serial++;
	m.published = xmalloc(21);
	m.valid_until = xmalloc(21);
	sync_time_utc(m.published, 0);
	sync_time_utc(m.valid_until, valid_days);
	memcpy(m.publisher, k->pk, SYNC_PK_BYTES);
	mjson = sync_manifest_write(&m, &mlen);
	file = sync_manifest_sign(k, mjson, mlen, &flen);
	/* The serial first: a publish killed after it only skips a number. */
	snprintf(buf, sizeof buf, "%lld", m.serial);
	if ((st = store_setting_set(s, SET_SERIAL, buf)) != STATUS_OK) {
		*err = xstrdup(store_error(s));
		goto out;
	}
	if ((st = sync_write_atomic(mpath, file, flen, err)) != STATUS_OK)
		goto out;
	r->bytes += flen;
	r->serial = m.serial;
	r->meetings = m.n_bundles;
	collect_garbage(dir, &m, &old);
out:
	sync_manifest_free(&old);
	sync_manifest_free(&m);
	store_meetings_free(list, n_list);
	store_keys_free(keys, n_keys);
	free(serial);
	free(mjson);
	free(file);
	free(bdir);
	free(mpath);
	return st;
}
