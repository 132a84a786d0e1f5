/*
 * Import: turning a packet file (text extracted from the PDF, in any
 * encoding text_decode knows, or a PDF through pdftotext) into a struct
 * packet. Pure parsing: no SQLite; store_put_packet() writes the result.
 */
#ifndef KALLELSE_IMPORT_H
#define KALLELSE_IMPORT_H

#include <stddef.h>

#include "packet.h"
#include "status.h"

/*
 * Read a file's bytes; a PDF (by its %PDF- magic) goes through pdftotext
 * -layout-less UTF-8 output. *bytes: caller frees. On error *err names the
 * file and the reason (caller frees).
 */
enum status import_read_file(const char *path, char **bytes, size_t *len, char **err);
/*
 * As import_read_file, and a PDF's bytes, read once and converted from
 * that copy, are kept in *orig (packet_original_free it; left empty for
 * text). orig may be NULL.
 */
enum status import_read_original(const char *path, char **bytes, size_t *len,
    struct packet_original *orig, char **err);
/*
 * Read the original's bytes from path again into o->data, only when they
 * still have the sha256 taken by import_read_original (o->sha256); else
 * STATUS_BAD_INPUT and *err says the file changed (caller frees).
 */
enum status import_reload_original(const char *path, struct packet_original *o, char **err);

/*
 * Parse a whole packet (kallelse, dagordning, protokollsutdrag,
 * tjänsteskrivelser, bilagor ...) from bytes. source_name is used in
 * messages and stored. On success *out is filled (packet_free it); on
 * STATUS_BAD_INPUT *err says what was wrong and where.
 */
enum status import_parse_packet(const char *bytes, size_t len, const char *source_name,
    struct packet *out, char **err);

/*
 * Make one attachment document from bytes (a slide deck, a report ...):
 * decoded, cleaned like packet text, titled from its first lines.
 * *out: packet_doc_free it.
 */
enum status import_parse_attachment(const char *bytes, size_t len, const char *source_name,
    struct packet_doc *out, char **err);

/* Hex sha256 of bytes (64 characters + NUL into hex). */
void import_sha256_hex(const void *bytes, size_t len, char hex[65]);

#endif
