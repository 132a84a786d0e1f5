/*
 * libFuzzer target: the packet parser. Any bytes must parse or be refused
 * with a message; never crash, leak or read out of bounds. The packet is
 * also written as JSON (to /dev/null) so the writer sees what the parser
 * makes of hostile bytes.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "import.h"
#include "packet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct packet p = {0};
	struct packet_doc d = {0};
	char *err = NULL;

	if (import_parse_packet((const char *)data, size, "fuzz.txt", &p, &err) == STATUS_OK)
		packet_free(&p);
	free(err);
	err = NULL;
	if (import_parse_attachment((const char *)data, size, "fuzz-bilaga.txt", &d, &err) ==
	    STATUS_OK)
		packet_doc_free(&d);
	free(err);
	return 0;
}
