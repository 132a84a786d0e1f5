/*
 * kallelse key: this user's public signing key and its fingerprint, the
 * key pair made on first use. The private half stays in the data folder
 * (mode 0600) and is never printed.
 */
#include "config.h"

#include <stdlib.h>

#include "cli.h"
#include "i18n.h"
#include "sync.h"

static int
run_key(struct cli *c, struct store *s, const struct cli_args *a)
{
	struct sync_key k;
	char hex[65], fp[20], *err = NULL, *dir;
	bool created = false;

	(void)c; (void)s; (void)a;
	if (sync_key_load(&k, true, &created, &err) != STATUS_OK) {
		cli_error("%s", err);
		free(err);
		return 1;
	}
	sync_key_hex(k.pk, hex);
	sync_fingerprint(k.pk, fp);
	if (created) {
		dir = sync_data_dir();
		text_printf(_("A new signing key was made in %s/signing.key (keep it private).\n"), dir);
		free(dir);
	}
	text_printf(_("Public key:  %s\nFingerprint: %s\n"), hex, fp);
	return 0;
}

static const struct cli_option key_options[] = { CLI_OPTION_END };

const struct cli_command cmd_key_entry = {
	.name = "key",
	.args = "",
	.max_args = 0,
	.options = key_options,
	.help = N_("show your public signing key, making it on first use"),
	.description = N_("Prints your public signing key (Ed25519) and its short fingerprint. "
	    "The first time, a key pair is made; the private key stays in "
	    "$XDG_DATA_HOME/kallelse/signing.key (mode 0600) and is never printed. "
	    "The secretary's key signs a publication; a presidium member gives the "
	    "public key to the secretary (kallelse keys add) so that the member's marks "
	    "are accepted by the other laptops."),
	.store = CLI_STORE_NONE,
	.run = run_key,
};
