/*
 * Key bindings: a generic keymap plus one per view. The defaults are text
 * compiled into the program (keys.c) and parsed by the same code that
 * reads the user's file, $XDG_CONFIG_HOME/kallelse/keys (else
 * ~/.config/kallelse/keys). A line reads
 *	bind KEYMAP KEY ACTION
 * KEYMAP is generic or a view's name, KEY a character, <Name> (<Up>,
 * <PageDown>, <Enter>, <F1> ...) or <C-x>, ACTION a name from actions.h.
 */
#ifndef KALLELSE_KEYS_H
#define KALLELSE_KEYS_H

#include <stddef.h>

#include "actions.h"

#define KEYMAPS(_) \
	_(GENERIC,  "generic") \
	_(MEETINGS, "meetings") \
	_(AGENDA,   "agenda") \
	_(ITEM,     "item") \
	_(PAGER,    "pager") \
	_(SEARCH,   "search") \
	_(PREVIEW,  "preview") \
	_(MARKS,    "marks") \
	_(NOTES,    "notes") \
	_(HELP,     "help")

enum keymap {
#define KEYMAP_ENUM_(id, name) KEYMAP_##id,
	KEYMAPS(KEYMAP_ENUM_)
#undef KEYMAP_ENUM_
	KEYMAP__COUNT
};

/* A key: a character (its code point), or KEYS_FN | a curses KEY_ code. */
#define KEYS_FN (1 << 24)

const char *keymap_name(enum keymap m);
const char *action_name(enum action a);
/* The untranslated help text; pass it through _() to show it. */
const char *action_help(enum action a);

/* Forget all bindings and load the compiled-in defaults. */
void keys_init(void);
/*
 * Parse bindings from text; later bindings override earlier ones. Errors
 * are collected, one per line, as "SOURCE:LINE: message" in *err (caller
 * frees; NULL when none). Returns the number of bad lines.
 */
int keys_parse(const char *text, const char *source, char **err);
/* Read the user's key file if there is one (see above). Same return and *err. */
int keys_load_user(char **err);
/* The file keys_load_user reads. Caller frees. */
char *keys_user_path(void);
/* The compiled-in default key text. Static string. */
const char *keys_default_text(void);

/* The action of key in keymap m, falling back to the generic keymap. */
enum action keys_lookup(enum keymap m, int key);
/*
 * The keys that trigger action a in keymap m (its own bindings and the
 * generic ones it does not override), in binding order; at most max.
 */
size_t keys_for(enum keymap m, enum action a, int *keys, size_t max);
/* Whether m itself (not generic) binds action a. */
int keys_map_binds(enum keymap m, enum action a);
/* The name of key as written in key files ("j", "<Up>", "<C-l>"). Returns buf. */
char *keys_name(int key, char *buf, size_t size);
/* Turn curses input (get_wch result) into a key: Enter and Backspace variants unified. */
int keys_from_input(int is_fn, unsigned int code);

#endif
