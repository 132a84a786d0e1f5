/*
 * The packed form of a document's text (format 2, schema 11), shared by
 * doctext.c (packing, unpacking whole, the SQL functions) and
 * doctext_read.c (reading by offsets, one piece at a time). The format is
 * described at the top of doctext.c. Internal to store/.
 */
#ifndef KALLELSE_DOCTEXT_FORMAT_H
#define KALLELSE_DOCTEXT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "store_internal.h"
#include "text.h"

enum {
	HEAD_V1 = 8,		/* "KLz" 0x01, u32 length */
	HEAD_V2 = 12,		/* "KLz" 0x02, u32 length, u32 pieces */
	ENTRY = 16,		/* one piece's start in the table */
};
#define SPACE_BIT 0x80000000u	/* in an entry's line count: white space before */

static inline size_t
doctext_u32(const unsigned char *p)
{
	return (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
}

/* Where piece k starts: in the text, in the zlib stream, and the counts there. */
struct piece_start {
	size_t text_off, comp_off, lines;
	struct text_squeeze_count count;
};

/* A packed blob's header: format 1 or 2. */
struct packed_head {
	size_t len;		/* bytes of text */
	size_t pieces;
	size_t data;		/* where the zlib stream starts; the table of starts is before it */
};

/* The header of a blob of n bytes, of which the first have are at blob
 * (at least its first 12, or all of it); false when it is not one of ours. */
bool store_packed_head(const unsigned char *blob, size_t have, size_t n, struct packed_head *h);
/* STATUS_CORRUPT with the message for a stored text that does not unpack. */
enum status store_doctext_damaged(struct store *s);

#endif
