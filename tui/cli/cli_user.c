/*
 * What the commands about the user's own data share (mark, marks, note,
 * notes): who the user is (--as or the config) and which agenda item
 * "MEETING/ITEM" names.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "identity.h"
#include "xmalloc.h"

int
cli_identity(const struct cli *c, char **name)
{
	struct identity id = { 0 };
	char *err = NULL;

	*name = NULL;
	if (identity_load(c->as, &id, &err) != STATUS_OK) {
		cli_error("%s", err ? err : _("cannot read the config file"));
		free(err);
		return 1;
	}
	if (id.name == NULL || *id.name == '\0') {
		char *path = identity_config_path();

		cli_error(_("who are you? Give --as \"YOUR NAME\" (as the membership lists it), "
		    "or write the line 'name = YOUR NAME' in %s"), path);
		free(path);
		identity_free(&id);
		return 1;
	}
	*name = xstrdup(id.name);
	identity_free(&id);
	return 0;
}

int
cli_item_resolve(struct store *s, const char *command, const char *spec, char **mid,
    struct agenda_item *it, char **rest)
{
	char *copy = xstrdup(spec), *slash = strchr(copy, '/'), *more;
	enum status st;

	*mid = NULL;
	if (rest)
		*rest = NULL;
	if (slash == NULL || slash[1] == '\0') {
		free(copy);
		return cli_usage_error(command, _("'%s' names no agenda item; write MEETING/ITEM, "
		    "e.g. 2024-12-10/15"), spec);
	}
	*slash = '\0';
	/* ITEM/DOC: the number of a document within the item. */
	if ((more = strchr(slash + 1, '/')) != NULL) {
		*more = '\0';
		if (rest == NULL) {
			free(copy);
			return cli_usage_error(command, _("'%s' names no agenda item; write MEETING/ITEM, "
			    "e.g. 2024-12-10/15"), spec);
		}
		*rest = xstrdup(more + 1);
	}
	if ((st = store_meeting_resolve(s, copy, mid)) != STATUS_OK ||
	    (st = store_item_find(s, *mid, slash + 1, it)) != STATUS_OK) {
		free(copy);
		free(*mid);
		*mid = NULL;
		if (rest) {
			free(*rest);
			*rest = NULL;
		}
		return cli_fail(s, st);
	}
	free(copy);
	return 0;
}
