/*
 * Marks travel: each presidium member's marks (live and removed, for the
 * last change to win everywhere) as one signed file per person,
 * marks/<person slug>, written by that person's laptop and read by all.
 *
 *   <128 hex: Ed25519 signature of "kallelse-marks-v1\n" + the rest>\n
 *   { "format": 1, "person": "Name", "marks": [ { "item": id, "kind": "diskussion",
 *     "comment": "…" or null, "removed": false, "updated": "2024-12-10T09:30:00.123Z" } ] }
 *
 * A file is accepted only when signed by the key the signed manifest lists
 * for that person, and it can change only that person's marks: the person
 * of every mark is taken from the manifest, never from the file. Notes and
 * reading state never leave the laptop.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "sha256.h"
#include "sync_internal.h"
#include "text.h"
#include "xmalloc.h"

#define MAX_MARKS 20000

static char *
slug(const char *name)
{
	return text_slug(name, strlen(name));
}

static bool
same_person(const char *a, const char *b)
{
	char *x = slug(a), *y = slug(b);
	bool same = strcmp(x, y) == 0;

	free(x);
	free(y);
	return same;
}

/* "2024-12-10T09:30:00.123Z" or without the milliseconds. */
static bool
is_stamp(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n != 20 && n != 24)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool digit = c >= '0' && c <= '9';

		if (i == 4 || i == 7 ? c != '-' : i == 10 ? c != 'T' : i == 13 || i == 16 ? c != ':' :
		    i == n - 1 ? c != 'Z' : n == 24 && i == 19 ? c != '.' : !digit)
			return false;
	}
	return true;
}

static bool
item_ok(const char *id)
{
	const char *slash = id ? strrchr(id, '/') : NULL;
	char *meeting;
	bool ok;

	if (slash == NULL || slash[1] == '\0' || strlen(id) > 300)
		return false;
	meeting = xstrndup(id, (size_t)(slash - id));
	ok = sync_id_ok(meeting);
	free(meeting);
	for (const char *p = slash + 1; ok && *p; p++)
		ok = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || *p == '-';
	return ok;
}

/* Our marks as a signed file. Caller frees. */
static char *
marks_file(struct store *s, const struct sync_key *me, const char *person, size_t *len,
    size_t *count, char **err)
{
	struct store_mark *list = NULL;
	size_t n = 0, jl = 0, o = 0;
	char *json = NULL, *file;
	unsigned char sig[SYNC_SIG_BYTES];
	struct json j;
	FILE *f;

	if (store_marks(s, NULL, true, &list, &n) != STATUS_OK) {
		*err = xstrdup(store_error(s));
		return NULL;
	}
	f = open_memstream(&json, &jl);
	json_init(&j, f);
	j.compact = true;
	json_begin_object(&j);
	json_kv_int(&j, "format", SYNC_FORMAT);
	json_kv_string(&j, "person", person);
	json_key(&j, "marks");
	json_begin_array(&j);
	for (size_t i = 0; i < n; i++) {
		if (!same_person(list[i].person, person) || !item_ok(list[i].item_id))
			continue;
		json_begin_object(&j);
		json_kv_string(&j, "item", list[i].item_id);
		json_kv_string(&j, "kind", list[i].kind);
		json_kv_string(&j, "comment", list[i].comment);
		json_key(&j, "removed");
		json_bool(&j, list[i].removed);
		json_kv_string(&j, "updated", list[i].updated);
		json_end_object(&j);
		o++;
	}
	json_end_array(&j);
	json_end_object(&j);
	json_finish(&j);
	fclose(f);
	store_marks_free(list, n);
	sync_sign(me, "marks", json, jl, sig);
	file = xmalloc(2 * SYNC_SIG_BYTES + 1 + jl + 1);
	sync_hex(sig, SYNC_SIG_BYTES, file);
	file[2 * SYNC_SIG_BYTES] = '\n';
	memcpy(file + 2 * SYNC_SIG_BYTES + 1, json, jl);
	*len = 2 * SYNC_SIG_BYTES + 1 + jl;
	file[*len] = '\0';
	free(json);
	*count = o;
	return file;
}

static const char *
str_of(const struct jv *o, const char *key)
{
	const struct jv *v = jv_get(o, key);

	return v && v->type == JV_STRING ? v->s : NULL;
}

/*
 * The JSON of one person's marks file, its signature checked: every mark
 * validated, then merged as person's (never the file's "person"). The
 * caller holds the transaction. Exposed for the fuzz target.
 */
enum status
sync_marks_merge_json(struct store *s, const char *person, const char *json, size_t jl,
    size_t *in, char **err)
{
	static const struct jv_limits lim = { SYNC_MAX_MARKS, 6, MAX_MARKS };
	const struct jv *fmt, *arr;
	struct jv root;
	enum status st;

	if ((st = jv_parse(json, jl, &lim, &root, err)) != STATUS_OK)
		return st;
	fmt = jv_get(&root, "format");
	arr = jv_get(&root, "marks");
	if (fmt == NULL || fmt->type != JV_INT || fmt->i != SYNC_FORMAT || arr == NULL ||
	    arr->type != JV_ARRAY || str_of(&root, "person") == NULL ||
	    !same_person(str_of(&root, "person"), person)) {
		*err = xasprintf(_("the marks of %s are not a valid marks file; ignored"), person);
		jv_free(&root);
		return STATUS_BAD_INPUT;
	}
	for (size_t i = 0; i < arr->n && st == STATUS_OK; i++) {
		const struct jv *o = &arr->items[i], *rm = jv_get(o, "removed");
		const char *comment = str_of(o, "comment"), *kind = str_of(o, "kind");
		struct store_mark m = { 0 };
		bool applied = false;

		if (!item_ok(str_of(o, "item")) || !is_stamp(str_of(o, "updated")) ||
		    rm == NULL || rm->type != JV_BOOL || (kind && strlen(kind) > 40) ||
		    (comment && strlen(comment) > 4000)) {
			*err = xasprintf(_("the marks of %s hold an invalid mark; ignored"), person);
			st = STATUS_BAD_INPUT;
			break;
		}
		m.item_id = (char *)str_of(o, "item");
		m.person = (char *)person;	/* from the signed manifest, never from the file */
		m.kind = (char *)(kind ? kind : "diskussion");
		m.comment = (char *)comment;
		m.removed = rm->b;
		m.updated = (char *)str_of(o, "updated");
		if ((st = store_mark_merge(s, &m, &applied)) != STATUS_OK)
			*err = xstrdup(store_error(s));
		else if (applied)
			(*in)++;
	}
	jv_free(&root);
	return st;
}

/* Check and merge one person's marks file, all of it or nothing. */
static enum status
merge_file(struct store *s, const struct sync_person_key *pk, const char *file, size_t len,
    size_t *in, char **err)
{
	unsigned char sig[SYNC_SIG_BYTES];
	char hex[2 * SYNC_SIG_BYTES + 1];
	const char *json = file + 2 * SYNC_SIG_BYTES + 1;
	size_t jl, n = 0;
	enum status st;

	if (len < 2 * SYNC_SIG_BYTES + 1 || file[2 * SYNC_SIG_BYTES] != '\n') {
		*err = xasprintf(_("the marks of %s are not signed; ignored"), pk->person);
		return STATUS_BAD_INPUT;
	}
	memcpy(hex, file, 2 * SYNC_SIG_BYTES);
	hex[2 * SYNC_SIG_BYTES] = '\0';
	jl = len - 2 * SYNC_SIG_BYTES - 1;
	if (!sync_unhex(hex, sig, SYNC_SIG_BYTES) || !sync_verify(pk->pk, "marks", json, jl, sig)) {
		*err = xasprintf(_("the marks of %s are not signed by their key; ignored"), pk->person);
		return STATUS_DENIED;
	}
	if ((st = store_batch_begin(s)) != STATUS_OK) {
		*err = xstrdup(store_error(s));
		return st;
	}
	if ((st = sync_marks_merge_json(s, pk->person, json, jl, &n, err)) != STATUS_OK) {
		store_batch_rollback(s);
		return st;
	}
	if ((st = store_batch_commit(s)) != STATUS_OK)
		*err = xstrdup(store_error(s));
	else
		*in += n;
	return st;
}

enum status
sync_marks_exchange(struct store *s, struct sync_source *src, const struct sync_manifest *m,
    const struct sync_key *me, const char *name, size_t *in, size_t *out, char **note,
    char **err)
{
	const struct sync_person_key *mine = NULL;
	struct buf notes = { 0 };
	enum status st = STATUS_OK;

	*in = *out = 0;
	*note = NULL;
	for (size_t i = 0; me && name && i < m->n_keys; i++)
		if (same_person(m->keys[i].person, name) &&
		    memcmp(m->keys[i].pk, me->pk, SYNC_PK_BYTES) == 0)
			mine = &m->keys[i];
	if (mine) {
		size_t len = 0, count = 0;
		char *file = marks_file(s, me, mine->person, &len, &count, err), sha[65];
		char *sent = NULL, *who = slug(mine->person), *path = xasprintf("marks/%s", who);

		if (file == NULL) {
			st = STATUS_INTERNAL;
		} else {
			/* Written only when it changed since the last time it went out. */
			store_sha256_bytes_hex(file + 2 * SYNC_SIG_BYTES, len - 2 * SYNC_SIG_BYTES, sha);
			store_setting_get(s, "sync.marks_sent", &sent);
			if (sent == NULL || strcmp(sent, sha) != 0) {
				char *e = NULL;

				if (sync_source_put(src, path, file, len, &e) == STATUS_OK) {
					store_bookkeeping_set(s, "sync.marks_sent", sha);
					*out = count;
				} else {
					buf_printf(&notes, "%s\n", e);
				}
				free(e);
			}
		}
		free(sent);
		free(file);
		free(path);
		free(who);
		if (st != STATUS_OK)
			return st;
	}
	for (size_t i = 0; i < m->n_keys; i++) {
		const struct sync_person_key *pk = &m->keys[i];
		char *who = slug(pk->person), *path = xasprintf("marks/%s", who);
		char *key = xasprintf("sync.marks_etag.%s", who), *etag = NULL, *new_etag = NULL;
		char *data = NULL, *e = NULL;
		size_t len = 0;
		bool nm = false;
		enum status g;

		if (pk == mine)
			goto next;
		store_setting_get(s, key, &etag);
		g = sync_source_get(src, path, SYNC_MAX_MARKS, etag, &nm, &new_etag, &data, &len, &e);
		if (g == STATUS_OK && !nm) {
			if (merge_file(s, pk, data, len, in, &e) == STATUS_OK && new_etag)
				store_bookkeeping_set(s, key, new_etag);
		}
		if (e)
			buf_printf(&notes, "%s\n", e);
next:
		free(e);
		free(data);
		free(etag);
		free(new_etag);
		free(key);
		free(path);
		free(who);
	}
	if (notes.data)
		*note = buf_detach(&notes, NULL);
	return STATUS_OK;
}
