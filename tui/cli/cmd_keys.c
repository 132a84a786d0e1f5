/*
 * kallelse keys [add NAME PUBLIC-KEY]: the presidium members' public
 * keys that the secretary's publication lists, so that each laptop
 * accepts a member's marks only when signed by that member.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "sync.h"

static int
check_keys(const struct cli_args *a)
{
	if (a->argc == 0)
		return 0;
	if (strcmp(a->argv[0], "add") != 0 || a->argc != 3)
		return cli_usage_error("keys", _("use 'kallelse keys' or 'kallelse keys add NAME PUBLIC-KEY'"));
	return 0;
}

static int
run_keys(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct store_key *list = NULL;
	unsigned char pk[SYNC_PK_BYTES];
	char fp[20];
	size_t n = 0;
	enum status st;

	if (a->argc == 3) {
		char hex[65];

		if (!sync_key_parse(a->argv[2], pk)) {
			cli_error(_("'%s' is not a public key: it has 64 hex digits, as 'kallelse key' "
			    "prints it"), a->argv[2]);
			return 1;
		}
		s = cli_store(c, STORE_CREATE);
		sync_key_hex(pk, hex);
		if ((st = store_key_add(s, a->argv[1], hex)) != STATUS_OK)
			return cli_fail(s, st);
		sync_fingerprint(pk, fp);
		text_printf(_("Key of %s added (fingerprint %s); it goes out with the next publish.\n"),
		    a->argv[1], fp);
		return 0;
	}
	s = cli_store(c, STORE_READONLY);
	if ((st = store_keys(s, &list, &n)) != STATUS_OK)
		return cli_fail(s, st);
	if (n == 0)
		text_printf("%s\n", _("No presidium keys yet; add one with 'kallelse keys add NAME PUBLIC-KEY'."));
	for (size_t i = 0; i < n; i++) {
		if (sync_key_parse(list[i].key, pk))
			sync_fingerprint(pk, fp);
		else
			strcpy(fp, "?");
		text_printf("%-30s %s  %s\n", list[i].person, fp, list[i].key);
	}
	store_keys_free(list, n);
	return 0;
}

static const struct cli_option keys_options[] = { CLI_OPTION_END };

const struct cli_command cmd_keys_entry = {
	.name = "keys",
	.args = N_("[add NAME PUBLIC-KEY]"),
	.max_args = 3,
	.options = keys_options,
	.help = N_("list or add the presidium members' public keys"),
	.description = N_("Without arguments, lists the presidium members' public keys with their "
	    "fingerprints. With add, stores NAME's key (as 'kallelse key' prints it on "
	    "the member's laptop). The secretary's publication lists these keys, and a "
	    "laptop accepts a member's marks only when that member's key signed them."),
	.store = CLI_STORE_NONE,
	.check = check_keys,
	.run = run_keys,
};
