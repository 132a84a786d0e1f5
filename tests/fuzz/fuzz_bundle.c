/*
 * libFuzzer target: a publication's bundle (one meeting as JSON), read as
 * sync reads it once its size and sha256 matched the signed manifest:
 * packet_from_json, then store_put_packet into a database. So the input
 * is taken as if the hash had matched -- a publisher's bytes are trusted
 * for who wrote them, never for their shape.
 *
 * The database is one in memory, opened once; each input is written
 * inside store_batch_begin and rolled back, so every input starts from the
 * same (empty) database, as a first sync does. What store.h promises is
 * checked: a packet the reader accepts is written or refused with a
 * message, never half; writing it again changes nothing; the meeting reads
 * back (store_meeting_packet, what publish sends on) and its bundle reads
 * back again; a corrected packet (the last document dropped) is written
 * in place.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_json.h"
#include "store.h"
#include "fuzz_check.h"

/* The meeting as publish would send it on, read back by a laptop. */
static void
round_trip(struct store *s, const char *mid, const struct packet *p)
{
	struct packet back = { 0 }, again = { 0 };
	char *out = NULL, *err = NULL;
	size_t n = 0;
	struct json j;
	FILE *f;

	must(store_meeting_packet(s, mid, &back) == STATUS_OK);
	must(back.n_items == p->n_items);
	f = open_memstream(&out, &n);
	json_init(&j, f);
	json_packet(&j, &back);
	json_finish(&j);
	fclose(f);
	must(packet_from_json(out, n, &again, &err) == STATUS_OK);
	must(again.n_items == back.n_items && again.n_docs == back.n_docs);
	packet_free(&again);
	packet_free(&back);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *s = fuzz_store("fuzz_bundle");
	struct packet p = { 0 };
	char *err = NULL, *mid = NULL, *mid2 = NULL;
	bool changed = true;

	if (packet_from_json((const char *)data, size, &p, &err) != STATUS_OK) {
		must(err != NULL && *err != '\0');
		free(err);
		return 0;
	}
	must(store_batch_begin(s) == STATUS_OK);
	if (store_put_packet(s, &p, &mid, NULL) != STATUS_OK) {
		/* Refused as a whole: the store says why. */
		must(*store_error(s) != '\0');
		goto out;
	}
	must(mid != NULL);
	must(store_put_packet(s, &p, &mid2, &changed) == STATUS_OK);
	must(!changed && strcmp(mid, mid2) == 0);
	round_trip(s, mid, &p);
	if (p.n_docs > 0) {
		/* A corrected packet: one document fewer. */
		p.n_docs--;
		must(store_put_packet(s, &p, NULL, NULL) == STATUS_OK);
		p.n_docs++;
	}
out:
	store_batch_rollback(s);
	free(mid);
	free(mid2);
	packet_free(&p);
	return 0;
}
