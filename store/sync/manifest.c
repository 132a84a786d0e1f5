/*
 * The manifest: what a publication holds, signed by the publisher.
 *
 *   { "format": 1, "serial": 12, "published": "…Z", "valid_until": "…Z",
 *     "publisher": "<64 hex>",
 *     "bundles": [ { "meeting": id, "revision": 2, "size": 81234, "sha256": "<hex>" } ],
 *     "removed": [ id ],
 *     "keys": [ { "person": "Name", "key": "<64 hex>" } ] }
 *
 * Parsed strictly: a field of the wrong type, an id that is not a slug,
 * a hash that is not 64 hex digits, a format newer than ours: refused.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "json.h"
#include "sync_internal.h"
#include "xmalloc.h"

#define MAX_BUNDLES 100000

bool
sync_id_ok(const char *id)
{
	size_t n = 0;

	if (id == NULL || *id == '\0' || *id == '-')
		return false;
	for (; id[n]; n++)
		if (!((id[n] >= 'a' && id[n] <= 'z') || (id[n] >= '0' && id[n] <= '9') || id[n] == '-'))
			return false;
	return n <= 200;
}

void
sync_time_utc(char out[21], int days)
{
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
sync_manifest_free(struct sync_manifest *m)
{
	free(m->published);
	free(m->valid_until);
	for (size_t i = 0; i < m->n_bundles; i++)
		free(m->bundles[i].meeting);
	free(m->bundles);
	for (size_t i = 0; i < m->n_removed; i++)
		free(m->removed[i]);
	free(m->removed);
	for (size_t i = 0; i < m->n_keys; i++)
		free(m->keys[i].person);
	free(m->keys);
	memset(m, 0, sizeof *m);
}

char *
sync_manifest_write(const struct sync_manifest *m, size_t *len)
{
	char *out = NULL, hex[65];
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	struct json j;

	json_init(&j, f);
	json_begin_object(&j);
	json_kv_int(&j, "format", m->format);
	json_kv_int(&j, "serial", m->serial);
	json_kv_string(&j, "published", m->published);
	json_kv_string(&j, "valid_until", m->valid_until);
	sync_key_hex(m->publisher, hex);
	json_kv_string(&j, "publisher", hex);
	json_key(&j, "bundles");
	json_begin_array(&j);
	for (size_t i = 0; i < m->n_bundles; i++) {
		json_begin_object(&j);
		json_kv_string(&j, "meeting", m->bundles[i].meeting);
		json_kv_int(&j, "revision", m->bundles[i].revision);
		json_kv_int(&j, "size", m->bundles[i].size);
		json_kv_string(&j, "sha256", m->bundles[i].sha256);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "removed");
	json_begin_array(&j);
	for (size_t i = 0; i < m->n_removed; i++)
		json_string(&j, m->removed[i]);
	json_end_array(&j);
	json_key(&j, "keys");
	json_begin_array(&j);
	for (size_t i = 0; i < m->n_keys; i++) {
		json_begin_object(&j);
		json_kv_string(&j, "person", m->keys[i].person);
		sync_key_hex(m->keys[i].pk, hex);
		json_kv_string(&j, "key", hex);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	json_finish(&j);
	fclose(f);
	*len = n;
	return out;
}

static const char *
str_of(const struct jv *o, const char *key)
{
	const struct jv *v = jv_get(o, key);

	return v && v->type == JV_STRING ? v->s : NULL;
}

static bool
int_of(const struct jv *o, const char *key, long long lo, long long *out)
{
	const struct jv *v = jv_get(o, key);

	if (v == NULL || v->type != JV_INT || v->i < lo)
		return false;
	*out = v->i;
	return true;
}

static bool
is_time(const char *s)
{
	/* "2025-01-01T00:00:00Z": compared as strings, so the shape must be exact. */
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";

	if (s == NULL || strlen(s) != sizeof shape - 1)
		return false;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return false;
	return true;
}

enum status
sync_manifest_parse(const char *buf, size_t len, struct sync_manifest *m, char **err)
{
	static const struct jv_limits lim = { SYNC_MAX_MANIFEST, 8, MAX_BUNDLES };
	const struct jv *a;
	struct jv root;
	const char *why = NULL;
	enum status st;

	memset(m, 0, sizeof *m);
	if ((st = jv_parse(buf, len, &lim, &root, err)) != STATUS_OK)
		return st;
	if (root.type != JV_OBJECT || !int_of(&root, "format", 1, &m->format)) {
		why = _("no format");
		goto bad;
	}
	if (m->format > SYNC_FORMAT) {
		*err = xasprintf(_("the publication has format %lld, newer than the %d this kallelse "
		    "reads; install a newer kallelse"), m->format, SYNC_FORMAT);
		jv_free(&root);
		return STATUS_TOO_NEW;
	}
	if (!int_of(&root, "serial", 1, &m->serial)) {
		why = _("no serial");
		goto bad;
	}
	if (!is_time(str_of(&root, "published")) || !is_time(str_of(&root, "valid_until"))) {
		why = _("no valid time");
		goto bad;
	}
	m->published = xstrdup(str_of(&root, "published"));
	m->valid_until = xstrdup(str_of(&root, "valid_until"));
	if (!sync_key_parse(str_of(&root, "publisher"), m->publisher)) {
		why = _("no publisher key");
		goto bad;
	}
	a = jv_get(&root, "bundles");
	if (a == NULL || a->type != JV_ARRAY) {
		why = _("no list of bundles");
		goto bad;
	}
	m->bundles = xcalloc(a->n + 1, sizeof *m->bundles);
	for (size_t i = 0; i < a->n; i++) {
		const struct jv *o = &a->items[i];
		struct sync_bundle *b = &m->bundles[i];
		const char *sha = str_of(o, "sha256");
		unsigned char raw[32];

		if (!sync_id_ok(str_of(o, "meeting")) || !int_of(o, "revision", 0, &b->revision) ||
		    !int_of(o, "size", 0, &b->size) || !sync_unhex(sha, raw, 32)) {
			why = _("a bundle entry is not valid");
			goto bad;
		}
		for (size_t k = 0; k < m->n_bundles; k++)
			if (strcmp(m->bundles[k].meeting, str_of(o, "meeting")) == 0) {
				why = _("a meeting is listed twice");
				goto bad;
			}
		b->meeting = xstrdup(str_of(o, "meeting"));
		sync_hex(raw, 32, b->sha256);	/* lower case, whatever was written */
		m->n_bundles++;
	}
	a = jv_get(&root, "removed");
	if (a == NULL || a->type != JV_ARRAY) {
		why = _("no list of removed meetings");
		goto bad;
	}
	m->removed = xcalloc(a->n + 1, sizeof *m->removed);
	for (size_t i = 0; i < a->n; i++) {
		if (a->items[i].type != JV_STRING || !sync_id_ok(a->items[i].s)) {
			why = _("a removed meeting is not valid");
			goto bad;
		}
		m->removed[m->n_removed++] = xstrdup(a->items[i].s);
	}
	a = jv_get(&root, "keys");
	if (a == NULL || a->type != JV_ARRAY) {
		why = _("no list of keys");
		goto bad;
	}
	m->keys = xcalloc(a->n + 1, sizeof *m->keys);
	for (size_t i = 0; i < a->n; i++) {
		const char *person = str_of(&a->items[i], "person");

		if (person == NULL || *person == '\0' || strlen(person) > 200 ||
		    !sync_key_parse(str_of(&a->items[i], "key"), m->keys[i].pk)) {
			why = _("a presidium key is not valid");
			goto bad;
		}
		m->keys[i].person = xstrdup(person);
		m->n_keys++;
	}
	jv_free(&root);
	return STATUS_OK;
bad:
	*err = xasprintf(_("not a valid manifest: %s"), why);
	jv_free(&root);
	sync_manifest_free(m);
	return STATUS_BAD_INPUT;
}

char *
sync_manifest_sign(const struct sync_key *k, const char *json, size_t len, size_t *out_len)
{
	unsigned char sig[SYNC_SIG_BYTES];
	char *out = xmalloc(2 * SYNC_SIG_BYTES + 1 + len + 1);

	sync_sign(k, "manifest", json, len, sig);
	sync_hex(sig, SYNC_SIG_BYTES, out);
	out[2 * SYNC_SIG_BYTES] = '\n';
	memcpy(out + 2 * SYNC_SIG_BYTES + 1, json, len);
	*out_len = 2 * SYNC_SIG_BYTES + 1 + len;
	out[*out_len] = '\0';
	return out;
}

enum status
sync_manifest_open(const char *buf, size_t len, const unsigned char pk[SYNC_PK_BYTES],
    const char **json, size_t *json_len, char **err)
{
	unsigned char sig[SYNC_SIG_BYTES];
	char hex[2 * SYNC_SIG_BYTES + 1];

	if (len < 2 * SYNC_SIG_BYTES + 1 || buf[2 * SYNC_SIG_BYTES] != '\n') {
		*err = xstrdup(_("the manifest is not signed (no signature line)"));
		return STATUS_BAD_INPUT;
	}
	memcpy(hex, buf, 2 * SYNC_SIG_BYTES);
	hex[2 * SYNC_SIG_BYTES] = '\0';
	if (!sync_unhex(hex, sig, SYNC_SIG_BYTES)) {
		*err = xstrdup(_("the manifest's signature line is not a signature"));
		return STATUS_BAD_INPUT;
	}
	*json = buf + 2 * SYNC_SIG_BYTES + 1;
	*json_len = len - 2 * SYNC_SIG_BYTES - 1;
	if (!sync_verify(pk, "manifest", *json, *json_len, sig)) {
		*err = xstrdup(_("the manifest's signature does not match the publisher's key: "
		    "it was changed after signing, or signed by someone else"));
		return STATUS_DENIED;
	}
	return STATUS_OK;
}

bool
sync_manifest_claimed_key(const char *buf, size_t len, unsigned char pk[SYNC_PK_BYTES])
{
	static const struct jv_limits lim = { SYNC_MAX_MANIFEST, 8, MAX_BUNDLES };
	struct jv root;
	char *err = NULL;
	bool ok;

	if (len < 2 * SYNC_SIG_BYTES + 1)
		return false;
	buf += 2 * SYNC_SIG_BYTES + 1;
	len -= 2 * SYNC_SIG_BYTES + 1;
	if (jv_parse(buf, len, &lim, &root, &err) != STATUS_OK) {
		free(err);
		return false;
	}
	ok = sync_key_parse(str_of(&root, "publisher"), pk);
	jv_free(&root);
	return ok;
}
