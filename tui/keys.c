/*
 * Key bindings: the compiled-in defaults and the user's key file, parsed
 * by the same code (tig compiles its tigrc in the same way).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses_compat.h"
#include "i18n.h"
#include "keys.h"
#include "text.h"
#include "xmalloc.h"

static const char default_keys[] =
	"# kallelse default keys; ~/.config/kallelse/keys uses the same syntax.\n"
	"# bind KEYMAP KEY ACTION\n"
	"bind generic <Up>        move-up\n"
	"bind generic k           move-up\n"
	"bind generic <C-p>       move-up\n"
	"bind generic <Down>      move-down\n"
	"bind generic j           move-down\n"
	"bind generic <C-n>       move-down\n"
	"bind generic <PageUp>    page-up\n"
	"bind generic b           page-up\n"
	"bind generic <C-b>       page-up\n"
	"bind generic <PageDown>  page-down\n"
	"bind generic <Space>     page-down\n"
	"bind generic f           page-down\n"
	"bind generic <C-f>       page-down\n"
	"bind generic <Home>      first\n"
	"bind generic g           first\n"
	"bind generic <End>       last\n"
	"bind generic G           last\n"
	"bind generic <Enter>     open\n"
	"bind generic l           open\n"
	"bind generic <Right>     open\n"
	"bind generic q           back\n"
	"bind generic h           back\n"
	"bind generic <Left>      back\n"
	"bind generic <Backspace> back\n"
	"bind generic Q           quit\n"
	"bind generic /           search\n"
	"bind generic s           search\n"
	"bind generic S           sync\n"
	"bind generic ?           help\n"
	"bind generic <F1>        help\n"
	"bind generic <C-l>       refresh\n"
	"bind meetings K          marks\n"
	"bind meetings A          notes\n"
	"bind agenda  m           mark\n"
	"bind agenda  M           mark-comment\n"
	"bind agenda  K           marks\n"
	"bind agenda  a           note-add\n"
	"bind agenda  A           notes\n"
	"bind agenda  <Tab>       next-unread\n"
	"bind agenda  0           jump\n"
	"bind agenda  1           jump\n"
	"bind agenda  2           jump\n"
	"bind agenda  3           jump\n"
	"bind agenda  4           jump\n"
	"bind agenda  5           jump\n"
	"bind agenda  6           jump\n"
	"bind agenda  7           jump\n"
	"bind agenda  8           jump\n"
	"bind agenda  9           jump\n"
	"bind agenda  p           print-preview\n"
	"bind preview z           zoom\n"
	"bind item    m           mark\n"
	"bind item    M           mark-comment\n"
	"bind item    a           note-add\n"
	"bind item    A           notes\n"
	"bind item    u           toggle-read\n"
	"bind item    <Tab>       next-unread\n"
	"bind pager   a           note-add\n"
	"bind pager   A           notes\n"
	"bind pager   u           toggle-read\n"
	"bind pager   c           next-change\n"
	"bind pager   '           jump-back\n"
	"bind marks   A           notes\n"
	"bind notes   e           edit\n"
	"bind notes   d           delete\n"
	"bind notes   K           marks\n"
	"bind item    J           next-item\n"
	"bind item    K           prev-item\n"
	"bind pager   /           find\n"
	"bind pager   ?           find-back\n"
	"bind pager   n           find-next\n"
	"bind pager   N           find-prev\n"
	"bind pager   <Left>      scroll-left\n"
	"bind pager   <Lt>        scroll-left\n"
	"bind pager   <Right>     scroll-right\n"
	"bind pager   >           scroll-right\n"
	"bind pager   p           goto-page\n"
	"bind pager   t           contents\n"
	"bind pager   o           open-original\n";

static const char *const keymap_names[] = {
#define KEYMAP_NAME_(id, name) name,
	KEYMAPS(KEYMAP_NAME_)
#undef KEYMAP_NAME_
};

static const struct {
	const char *name;
	const char *help;
} actions[] = {
#define ACTION_ROW_(id, name, help) { name, help },
	ACTIONS(ACTION_ROW_)
#undef ACTION_ROW_
};

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Up", KEYS_FN | KEY_UP },
	{ "Down", KEYS_FN | KEY_DOWN },
	{ "Left", KEYS_FN | KEY_LEFT },
	{ "Right", KEYS_FN | KEY_RIGHT },
	{ "PageUp", KEYS_FN | KEY_PPAGE },
	{ "PageDown", KEYS_FN | KEY_NPAGE },
	{ "Home", KEYS_FN | KEY_HOME },
	{ "End", KEYS_FN | KEY_END },
	{ "Insert", KEYS_FN | KEY_IC },
	{ "Delete", KEYS_FN | KEY_DC },
	{ "Backspace", KEYS_FN | KEY_BACKSPACE },
	{ "Enter", '\n' },
	{ "Space", ' ' },
	{ "Tab", '\t' },
	{ "Esc", 27 },
	{ "Lt", '<' },
};

struct binding {
	enum keymap map;
	int key;
	enum action action;
};

/* Bindings in the order read; a later one overrides an earlier one. */
static struct binding *bindings;
static size_t n_bindings, cap_bindings;

const char *
keymap_name(enum keymap m)
{
	return (unsigned)m < KEYMAP__COUNT ? keymap_names[m] : "?";
}

const char *
action_name(enum action a)
{
	return (unsigned)a < ACTION__COUNT ? actions[a].name : "?";
}

const char *
action_help(enum action a)
{
	return (unsigned)a < ACTION__COUNT ? actions[a].help : "";
}

const char *
keys_default_text(void)
{
	return default_keys;
}

void
keys_init(void)
{
	char *err = NULL;

	n_bindings = 0;
	if (keys_parse(default_keys, "defaults", &err) != 0) {
		/* The compiled-in text is ours: a bad line is a programming error. */
		fprintf(stderr, "kallelse: %s\n", err);
		abort();
	}
}

/* Parse one key spec; -1 when it is not a key. */
static int
parse_key(const char *s)
{
	size_t len = strlen(s);
	unsigned int cp;

	if (len == 0)
		return -1;
	if (s[0] == '<' && len > 2 && s[len - 1] == '>') {
		const char *in = s + 1;
		size_t n = len - 2;

		for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
			if (strlen(key_names[i].name) == n && strncasecmp(in, key_names[i].name, n) == 0)
				return key_names[i].key;
		if ((in[0] == 'F' || in[0] == 'f') && n >= 2 && n <= 3) {
			int f = atoi(in + 1);
			if (f >= 1 && f <= 12)
				return KEYS_FN | KEY_F(f);
		}
		if ((in[0] == 'C' || in[0] == 'c') && in[1] == '-' && n == 3 &&
		    ((in[2] >= 'a' && in[2] <= 'z') || (in[2] >= 'A' && in[2] <= 'Z')))
			return in[2] & 0x1f;
		return -1;
	}
	if (text_next_char(s, len, &cp) != len || cp == 0xFFFD || cp < 0x21)
		return -1;
	return (int)cp;
}

char *
keys_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key && key != '<') {
			snprintf(buf, size, "<%s>", key_names[i].name);
			return buf;
		}
	if ((key & KEYS_FN) && (key & ~KEYS_FN) >= KEY_F(1) && (key & ~KEYS_FN) <= KEY_F(12))
		snprintf(buf, size, "<F%d>", (key & ~KEYS_FN) - KEY_F0);
	else if (key & KEYS_FN)
		snprintf(buf, size, "<%#o>", key & ~KEYS_FN);
	else if (key > 0 && key < 32)
		snprintf(buf, size, "<C-%c>", key + 'a' - 1);
	else if (key < 0x80)
		snprintf(buf, size, "%c", key);
	else {
		/* UTF-8 encode a code point. */
		unsigned int c = (unsigned int)key;
		char u[5] = { 0 };
		if (c < 0x800) {
			u[0] = (char)(0xC0 | (c >> 6)); u[1] = (char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			u[0] = (char)(0xE0 | (c >> 12)); u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
			u[2] = (char)(0x80 | (c & 0x3F));
		} else {
			u[0] = (char)(0xF0 | (c >> 18)); u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
			u[2] = (char)(0x80 | ((c >> 6) & 0x3F)); u[3] = (char)(0x80 | (c & 0x3F));
		}
		snprintf(buf, size, "%s", u);
	}
	return buf;
}

int
keys_from_input(int is_fn, unsigned int code)
{
	if (is_fn) {
		if (code == KEY_ENTER)
			return '\n';
		return KEYS_FN | (int)code;
	}
	if (code == '\r')
		return '\n';
	if (code == 127 || code == 8)
		return KEYS_FN | KEY_BACKSPACE;
	return (int)code;
}

static void
add_binding(enum keymap m, int key, enum action a)
{
	if (n_bindings == cap_bindings) {
		cap_bindings = cap_bindings ? cap_bindings * 2 : 64;
		bindings = xreallocarray(bindings, cap_bindings, sizeof *bindings);
	}
	bindings[n_bindings++] = (struct binding){ m, key, a };
}

static int
find_name(const char *s, const char *(*name)(int), int count)
{
	for (int i = 0; i < count; i++)
		if (strcmp(s, name(i)) == 0)
			return i;
	return -1;
}

static const char *
keymap_name_i(int i)
{
	return keymap_name((enum keymap)i);
}

static const char *
action_name_i(int i)
{
	return action_name((enum action)i);
}

int
keys_parse(const char *text, const char *source, char **err)
{
	struct buf errors = { 0 };
	int bad = 0, lineno = 0;
	const char *p = text;

	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char *line = xstrndup(p, len);
		char *words[5], *save = NULL, *w;
		int n = 0, m, k, a;

		lineno++;
		p += len + (eol != NULL);
		for (w = strtok_r(line, " \t\r", &save); w && n < 5; w = strtok_r(NULL, " \t\r", &save))
			words[n++] = w;
		if (n == 0 || words[0][0] == '#') {
			free(line);
			continue;
		}
		if (n != 4 || strcmp(words[0], "bind") != 0)
			buf_printf(&errors, _("%s:%d: expected 'bind KEYMAP KEY ACTION'\n"), source, lineno);
		else if ((m = find_name(words[1], keymap_name_i, KEYMAP__COUNT)) < 0)
			buf_printf(&errors, _("%s:%d: unknown keymap '%s'\n"), source, lineno, words[1]);
		else if ((k = parse_key(words[2])) < 0)
			buf_printf(&errors, _("%s:%d: unknown key '%s'\n"), source, lineno, words[2]);
		else if ((a = find_name(words[3], action_name_i, ACTION__COUNT)) < 0)
			buf_printf(&errors, _("%s:%d: unknown action '%s'\n"), source, lineno, words[3]);
		else {
			add_binding((enum keymap)m, k, (enum action)a);
			free(line);
			continue;
		}
		bad++;
		free(line);
	}
	if (err) {
		if (errors.len && errors.data[errors.len - 1] == '\n')
			errors.data[--errors.len] = '\0';
		*err = errors.len ? buf_detach(&errors, NULL) : NULL;
	}
	buf_free(&errors);
	return bad;
}

char *
keys_user_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/kallelse/keys", xdg);
	return xasprintf("%s/.config/kallelse/keys", home && *home ? home : ".");
}

int
keys_load_user(char **err)
{
	char *path = keys_user_path();
	FILE *f = fopen(path, "r");
	struct buf text = { 0 };
	char chunk[4096];
	size_t r;
	int bad;

	if (err)
		*err = NULL;
	if (f == NULL) {
		if (errno != ENOENT && err)
			*err = xasprintf(_("cannot read %s: %s"), path, strerror(errno));
		free(path);
		return errno != ENOENT;
	}
	while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&text, chunk, r);
	fclose(f);
	bad = keys_parse(text.data ? text.data : "", path, err);
	buf_free(&text);
	free(path);
	return bad;
}

/* The binding for key in exactly keymap m, or NULL. The latest wins. */
static const struct binding *
lookup_in(enum keymap m, int key)
{
	for (size_t i = n_bindings; i-- > 0;)
		if (bindings[i].map == m && bindings[i].key == key)
			return &bindings[i];
	return NULL;
}

enum action
keys_lookup(enum keymap m, int key)
{
	const struct binding *b = lookup_in(m, key);

	if (b == NULL && m != KEYMAP_GENERIC)
		b = lookup_in(KEYMAP_GENERIC, key);
	return b ? b->action : ACTION_NONE;
}

size_t
keys_for(enum keymap m, enum action a, int *keys, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < n_bindings && n < max; i++) {
		const struct binding *b = &bindings[i];
		size_t k;

		if (b->action != a || (b->map != m && b->map != KEYMAP_GENERIC))
			continue;
		/* Only the binding in force for this key counts. */
		if (keys_lookup(m, b->key) != a)
			continue;
		for (k = 0; k < n && keys[k] != b->key; k++)
			;
		if (k == n)
			keys[n++] = b->key;
	}
	return n;
}

int
keys_map_binds(enum keymap m, enum action a)
{
	for (size_t i = 0; i < n_bindings; i++)
		if (bindings[i].map == m && bindings[i].action == a &&
		    lookup_in(m, bindings[i].key) == &bindings[i])
			return 1;
	return 0;
}
