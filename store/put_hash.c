/*
 * What a packet is before it is written: its content hash (which decides
 * whether a re-import changes anything) and the checks that keep a packet
 * no meeting can be made of out of the database.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "i18n.h"
#include "put_internal.h"
#include "sha256.h"
#include "store_internal.h"

/* ---- the content hash: every field, length-prefixed, NULL apart from "" ---- */

static void
hash_str(struct store_sha256 *h, const char *str)
{
	uint32_t n = str ? (uint32_t)strlen(str) : UINT32_MAX;

	store_sha256_add(h, &n, sizeof n);
	if (str)
		store_sha256_add(h, str, n);
}

static void
hash_int(struct store_sha256 *h, long long v)
{
	store_sha256_add(h, &v, sizeof v);
}

void
store_packet_hash(const struct packet *p, const struct norm_doc *nd, char hex[65])
{
	struct store_sha256 h;

	store_sha256_init(&h);
	hash_str(&h, "kallelse packet v1");
	hash_str(&h, p->body);
	hash_str(&h, p->date);
	hash_str(&h, p->time);
	hash_str(&h, p->time_end);
	hash_str(&h, p->place);
	hash_str(&h, p->presidium_date);
	hash_int(&h, (long long)p->n_people);
	for (size_t i = 0; i < p->n_people; i++) {
		hash_int(&h, p->people[i].group);
		hash_str(&h, p->people[i].name);
		hash_str(&h, p->people[i].party);
		hash_str(&h, p->people[i].role);
		hash_str(&h, p->people[i].title);
	}
	hash_int(&h, (long long)p->n_items);
	for (size_t i = 0; i < p->n_items; i++) {
		const struct agenda_item *it = &p->items[i];

		hash_str(&h, it->number);
		hash_int(&h, it->first);
		hash_int(&h, it->last);
		hash_str(&h, it->title);
		hash_str(&h, it->section);
		hash_str(&h, it->time_start);
		hash_str(&h, it->time_end);
		hash_int(&h, (long long)it->n_presenters);
		for (size_t k = 0; k < it->n_presenters; k++) {
			hash_str(&h, it->presenters[k].name);
			hash_str(&h, it->presenters[k].title);
			hash_str(&h, it->presenters[k].raw);
		}
		hash_str(&h, it->case_number);
		hash_str(&h, it->case_number_printed);
		hash_int(&h, it->presidium_paragraph);
		hash_str(&h, it->presidium_decision);
		hash_int(&h, (long long)it->n_proposal);
		for (size_t k = 0; k < it->n_proposal; k++)
			hash_str(&h, it->proposal[k]);
		hash_str(&h, it->proposal_source);
		hash_int(&h, it->confidential);
	}
	/* Only when there are breaks, so packets without any keep their hash. */
	if (p->n_breaks) {
		hash_str(&h, "breaks");
		hash_int(&h, (long long)p->n_breaks);
		for (size_t i = 0; i < p->n_breaks; i++) {
			hash_int(&h, (long long)p->breaks[i].before);
			hash_str(&h, p->breaks[i].label);
			hash_str(&h, p->breaks[i].time_start);
			hash_str(&h, p->breaks[i].time_end);
		}
	}
	hash_int(&h, (long long)p->n_docs);
	for (size_t i = 0; i < p->n_docs; i++) {
		const struct packet_doc *d = &p->docs[i];

		hash_int(&h, d->item);
		hash_str(&h, d->kind);
		hash_str(&h, d->title);
		hash_str(&h, d->date);
		hash_str(&h, d->case_number);
		/* The importer's text is NFC already, so this equals the hash of
		 * d->text that earlier versions stored: unchanged packets stay unchanged. */
		hash_str(&h, nd[i].sha);
		/* Never set in a packet (a packet's original is its own, below);
		 * hashed as before, so stored hashes stay valid. */
		hash_str(&h, d->original.data ? d->original.sha256 : NULL);
		hash_str(&h, d->original.name);
	}
	/*
	 * Only with an original, so packets imported from text keep their
	 * hash; the same text from its PDF is a change (the original and
	 * the pages come with it), the same PDF again is none, under
	 * whatever file name.
	 */
	if (p->original.data) {
		hash_str(&h, "original");
		hash_str(&h, p->original.sha256);
		for (size_t i = 0; i < p->n_docs; i++)
			hash_int(&h, p->docs[i].page);
	}
	store_sha256_hex(&h, hex);
}

static bool
valid_date(const char *d)
{
	if (d == NULL || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return false;
	return true;
}

enum status
store_packet_validate(struct store *s, const struct packet *p)
{
	if (p->body == NULL || *p->body == '\0')
		return store_fail(s, STATUS_BAD_INPUT, _("the packet names no body (nämnd)"));
	if (!valid_date(p->date))
		return store_fail(s, STATUS_BAD_INPUT, _("the packet's date '%s' is not YYYY-MM-DD"),
		    p->date ? p->date : "");
	for (size_t i = 0; i < p->n_items; i++) {
		if (p->items[i].number == NULL || *p->items[i].number == '\0' ||
		    p->items[i].title == NULL)
			return store_fail(s, STATUS_BAD_INPUT,
			    _("agenda item %zu has no number or no title"), i + 1);
		for (size_t k = 0; k < i; k++)
			if (strcmp(p->items[k].number, p->items[i].number) == 0)
				return store_fail(s, STATUS_BAD_INPUT,
				    _("agenda item %s appears twice"), p->items[i].number);
	}
	for (size_t i = 0; i < p->n_breaks; i++)
		if (p->breaks[i].before > p->n_items || p->breaks[i].label == NULL ||
		    (i > 0 && p->breaks[i].before < p->breaks[i - 1].before))
			return store_fail(s, STATUS_BAD_INPUT,
			    _("break %zu in the timetable is out of place"), i + 1);
	for (size_t i = 0; i < p->n_docs; i++)
		if (p->docs[i].item < -1 || p->docs[i].item >= (int)p->n_items)
			return store_fail(s, STATUS_BAD_INPUT,
			    _("document %zu belongs to an agenda item that does not exist"), i + 1);
	for (size_t i = 0; i < p->n_people; i++)
		if (p->people[i].name == NULL || *p->people[i].name == '\0')
			return store_fail(s, STATUS_BAD_INPUT, _("person %zu has no name"), i + 1);
	return STATUS_OK;
}
