/*
 * What the writers of content share (put.c, put_doc.c, put_hash.c).
 * Internal to store/.
 */
#ifndef KALLELSE_PUT_INTERNAL_H
#define KALLELSE_PUT_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "packet.h"
#include "status.h"

struct store;

/* A packet document's text in NFC and its sha256, made once per put: the
 * content hash and the document row both use them. Made without the
 * database (store_doc_norm), so an import makes them on its parsing
 * threads (store_packet_prepare). */
struct norm_doc {
	char *text;		/* NFC, owned; NULL when packed (the row needs only that) */
	size_t len;		/* of the NFC text */
	char sha[65];
	long long chars, lines;	/* of the NFC text, for the row */
	unsigned char *packed;	/* the text as stored when deflated (doctext.c), owned, or NULL */
	size_t packed_len;
	/* The text as the search index takes it (white space squeezed, as
	 * kl_squeeze makes it), made here so the writer neither inflates nor
	 * squeezes it again; owned; freed once indexed. */
	char *indexed;
	size_t indexed_len;
};

/* The put's work that needs no database: one norm_doc per document. */
struct store_prep {
	struct norm_doc *nd;	/* n_docs of them */
	size_t n_docs;
};

/* put_hash.c: the packet's content hash over every field (hex, 64 + NUL). */
void store_packet_hash(const struct packet *p, const struct norm_doc *nd, char hex[65]);
/* Reject a packet no meeting can be made of, with a message. */
enum status store_packet_validate(struct store *s, const struct packet *p);

/* put.c: NFC copy of a string, NULL stays NULL. Caller frees. */
char *store_nfc(const char *str);
/* The meeting's item and document counts, kept for the meetings list. */
enum status store_update_counts(struct store *s, const char *mid);

/*
 * put_docid.c: the id of each of p's documents (ids[i], caller frees),
 * the stored document's where it is the same one (item, kind, title;
 * or kind, title, text), so a corrected packet keeps notes and reading
 * state on the right one. Called before the old content is deleted.
 */
enum status store_doc_ids(struct store *s, const struct packet *p, const struct norm_doc *nd,
    const char *mid, char **item_ids, char **ids);

/* put_doc.c: insert or update one document row (text NFC, packed when long). */
enum status store_put_doc(struct store *s, const char *doc_id, const char *mid,
    const char *item_id, int ord, bool attached, const struct packet_doc *d,
    const struct norm_doc *nd);
/*
 * put_doc.c: the original's bytes, once per sha256, after checking that
 * they still have the sha256 taken when they were read.
 */
enum status store_put_original(struct store *s, const struct packet_original *o);
/* The page doc_id starts on in original o, and where its later pages begin
 * (d's page and page_starts); o NULL or empty: the document has none. */
enum status store_put_page(struct store *s, const char *doc_id, const struct packet_original *o,
    const struct packet_doc *d);
/* Delete the originals no document names any more. */
enum status store_originals_gc(struct store *s);
/* A packet document's norm_doc (NFC, sha256, counts, packed). store_norm_doc_free frees it. */
void store_doc_norm(const struct packet_doc *d, struct norm_doc *nd);
void store_norm_doc_free(struct norm_doc *nd);

#endif
