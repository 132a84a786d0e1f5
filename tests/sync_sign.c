/*
 * A test tool: sign a manifest's JSON (stdin) with the key in
 * $XDG_DATA_HOME/kallelse/signing.key and write the signed manifest to
 * stdout, as publish does. It lets tests/test_sync.sh make publications
 * that are properly signed but wrong in another way (a bundle from a newer
 * format, a forged size), which publish itself never writes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "sync_internal.h"
#include "xmalloc.h"

int
main(void)
{
	struct sync_key k;
	struct buf b = { 0 };
	char chunk[65536], *err = NULL, *out;
	size_t n, len;

	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_add(&b, chunk, n);
	if (sync_key_load(&k, false, NULL, &err) != STATUS_OK) {
		fprintf(stderr, "sync_sign: %s\n", err ? err : "no key");
		return 1;
	}
	if (b.data == NULL)
		buf_adds(&b, "");
	out = sync_manifest_sign(&k, b.data, b.len, &len);
	fwrite(out, 1, len, stdout);
	free(out);
	buf_free(&b);
	return 0;
}
