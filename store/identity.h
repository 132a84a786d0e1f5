/*
 * Who the user is: a name (and optionally a role) in the config file
 * $XDG_CONFIG_HOME/kallelse/config (else ~/.config/kallelse/config):
 *
 *     # kallelse
 *     name = Thomas Gustafsson
 *     role = sekreterare
 *
 * or --as NAME for one run. The name is matched to the membership of a
 * meeting by store_person_role. No SQLite here.
 */
#ifndef KALLELSE_IDENTITY_H
#define KALLELSE_IDENTITY_H

#include <stdbool.h>

#include "status.h"

struct identity {
	char *name;		/* NULL: nobody said */
	char *role;		/* from the config: "sekreterare" ..., or NULL */
	bool from_as;		/* given by --as */
	bool asked;		/* the config says the TUI asked already (name may be empty) */
};

/* The config file's path. Caller frees. */
char *identity_config_path(void);
/*
 * Read the identity: as (from --as) when non-NULL, else the config file.
 * A missing file is no error. A line that cannot be understood:
 * STATUS_BAD_INPUT, *err "FILE:LINE: ..." (caller frees).
 */
enum status identity_load(const char *as, struct identity *id, char **err);
void identity_free(struct identity *id);
/*
 * Write name into the config (an empty name: asked, skipped), keeping its
 * other lines; the folder is made 0700. *err on failure (caller frees).
 */
enum status identity_save(const char *name, char **err);

#endif
