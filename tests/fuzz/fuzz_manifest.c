/*
 * libFuzzer target: a publication's manifest (store/sync/manifest.c), the
 * first untrusted file a laptop reads. The input is taken as the manifest
 * file itself (signature line, then JSON): the key it claims is read and
 * the signature checked as sync does (it will not match a fuzzer's bytes;
 * the split and the hex must still be safe). Then its JSON is parsed as if
 * the signature had matched -- the JSON after the signature line when
 * there is one, else the whole input -- and what the parser accepts is
 * checked against its promises (ids are slugs, hashes 64 lower-case hex
 * digits, no meeting twice) and written and parsed back unchanged.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync_internal.h"
#include "fuzz_check.h"

static void
check(const struct sync_manifest *m)
{
	must(m->format >= 1 && m->format <= SYNC_FORMAT && m->serial >= 1);
	must(m->published && strlen(m->published) == 20);
	must(m->valid_until && strlen(m->valid_until) == 20);
	for (size_t i = 0; i < m->n_bundles; i++) {
		const struct sync_bundle *b = &m->bundles[i];

		must(sync_id_ok(b->meeting) && b->revision >= 0 && b->size >= 0);
		must(strlen(b->sha256) == 64 && strspn(b->sha256, "0123456789abcdef") == 64);
		for (size_t k = 0; k < i; k++)
			must(strcmp(m->bundles[k].meeting, b->meeting) != 0);
	}
	for (size_t i = 0; i < m->n_removed; i++)
		must(sync_id_ok(m->removed[i]));
	for (size_t i = 0; i < m->n_keys; i++)
		must(m->keys[i].person && *m->keys[i].person && strlen(m->keys[i].person) <= 200);
}

static void
same(const struct sync_manifest *a, const struct sync_manifest *b)
{
	must(a->format == b->format && a->serial == b->serial);
	must(strcmp(a->published, b->published) == 0 && strcmp(a->valid_until, b->valid_until) == 0);
	must(memcmp(a->publisher, b->publisher, SYNC_PK_BYTES) == 0);
	must(a->n_bundles == b->n_bundles && a->n_removed == b->n_removed && a->n_keys == b->n_keys);
	for (size_t i = 0; i < a->n_bundles; i++) {
		must(strcmp(a->bundles[i].meeting, b->bundles[i].meeting) == 0);
		must(a->bundles[i].revision == b->bundles[i].revision);
		must(a->bundles[i].size == b->bundles[i].size);
		must(strcmp(a->bundles[i].sha256, b->bundles[i].sha256) == 0);
	}
	for (size_t i = 0; i < a->n_removed; i++)
		must(strcmp(a->removed[i], b->removed[i]) == 0);
	for (size_t i = 0; i < a->n_keys; i++) {
		must(strcmp(a->keys[i].person, b->keys[i].person) == 0);
		must(memcmp(a->keys[i].pk, b->keys[i].pk, SYNC_PK_BYTES) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data, *json = NULL;
	unsigned char pk[SYNC_PK_BYTES] = { 0 };
	size_t jl = 0;
	char *err = NULL;
	struct sync_manifest m;

	if (sync_manifest_claimed_key(buf, size, pk))
		must(sync_manifest_open(buf, size, pk, &json, &jl, &err) != STATUS_OK || jl < size);
	free(err);
	err = NULL;
	if (size > 2 * SYNC_SIG_BYTES && buf[2 * SYNC_SIG_BYTES] == '\n') {
		json = buf + 2 * SYNC_SIG_BYTES + 1;
		jl = size - 2 * SYNC_SIG_BYTES - 1;
	} else {
		json = buf;
		jl = size;
	}
	if (sync_manifest_parse(json, jl, &m, &err) == STATUS_OK) {
		struct sync_manifest back;
		size_t wl = 0;
		char *w;

		must(err == NULL);
		check(&m);
		w = sync_manifest_write(&m, &wl);
		must(sync_manifest_parse(w, wl, &back, &err) == STATUS_OK);
		same(&m, &back);
		sync_manifest_free(&back);
		sync_manifest_free(&m);
		free(w);
	} else {
		/* A refusal always says why. */
		must(err != NULL && *err != '\0');
	}
	free(err);
	return 0;
}
