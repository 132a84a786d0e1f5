/*
 * libFuzzer target: a presidium member's marks file (store/sync/marks.c),
 * read by every laptop that syncs. The input is taken as the file
 * (signature line, then JSON) or as the JSON alone; its JSON is merged as
 * if the signature had matched the key the manifest lists for one person,
 * into a database in memory, inside a transaction rolled back after each
 * input. What marks.c and store.h promise is checked: every merged mark
 * is that person's whatever the file says; a refusal says why; merging
 * the same file again applies nothing (last change wins, so every laptop
 * ends with the same rows).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync_internal.h"
#include "fuzz_check.h"

#define PERSON "Thomas Gustafsson"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *s = fuzz_store("fuzz_marks");
	const char *buf = (const char *)data, *json = buf;
	size_t jl = size, in = 0, again = 0, n = 0;
	struct store_mark *list = NULL;
	char *err = NULL;

	if (size > 2 * SYNC_SIG_BYTES && buf[2 * SYNC_SIG_BYTES] == '\n') {
		json = buf + 2 * SYNC_SIG_BYTES + 1;
		jl = size - 2 * SYNC_SIG_BYTES - 1;
	}
	must(store_batch_begin(s) == STATUS_OK);
	if (sync_marks_merge_json(s, PERSON, json, jl, &in, &err) != STATUS_OK) {
		must(err != NULL && *err != '\0');
		goto out;
	}
	must(err == NULL);
	must(store_marks(s, NULL, true, &list, &n) == STATUS_OK);
	must(n >= (in ? 1 : 0) && n <= in);
	for (size_t i = 0; i < n; i++)
		must(strcmp(list[i].person, PERSON) == 0);
	store_marks_free(list, n);
	must(sync_marks_merge_json(s, PERSON, json, jl, &again, &err) == STATUS_OK);
	must(again == 0);
out:
	store_batch_rollback(s);
	free(err);
	return 0;
}
