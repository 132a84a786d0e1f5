/* PLACEHOLDER: replaced by the store work (issue 3). */
#include "config.h"
#include <stdlib.h>
#include "store.h"
#include "xmalloc.h"
enum status
store_open(const char *path, unsigned flags, struct store **out, char **err)
{
	(void)path; (void)flags;
	*out = NULL;
	if (err)
		*err = xstrdup("the store is not built yet");
	return STATUS_INTERNAL;
}
void store_close(struct store **s) { (void)s; }
const char *store_error(const struct store *s) { (void)s; return ""; }
enum status store_put_packet(struct store *s, const struct packet *p, char **id, bool *ch)
{ (void)s; (void)p; (void)id; (void)ch; return STATUS_INTERNAL; }
