/*
 * The identity config file: "key = value" lines, '#' comments. Unknown
 * keys are kept and ignored, so that later settings can live there too.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "identity.h"
#include "xmalloc.h"

char *
identity_config_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/kallelse/config", xdg);
	return xasprintf("%s/.config/kallelse/config", home && *home ? home : ".");
}

/* s without white space at both ends, in place. */
static char *
strip(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

void
identity_free(struct identity *id)
{
	if (id == NULL)
		return;
	free(id->name);
	free(id->role);
	memset(id, 0, sizeof *id);
}

enum status
identity_load(const char *as, struct identity *id, char **err)
{
	char *path = identity_config_path(), *line = NULL;
	size_t cap = 0, lineno = 0;
	enum status r = STATUS_OK;
	FILE *f;

	memset(id, 0, sizeof *id);
	if (err)
		*err = NULL;
	f = fopen(path, "r");
	while (f && getline(&line, &cap, f) > 0) {
		char *k = strip(line), *eq, *v;

		lineno++;
		if (*k == '\0' || *k == '#')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			if (err)
				*err = xasprintf(_("%s:%zu: expected \"key = value\", e.g."
				    " \"name = Anna Andersson\""), path, lineno);
			r = STATUS_BAD_INPUT;
			break;
		}
		*eq = '\0';
		k = strip(k);
		v = strip(eq + 1);
		if (strcmp(k, "name") == 0) {
			free(id->name);
			id->name = *v ? xstrdup(v) : NULL;
			id->asked = true;
		} else if (strcmp(k, "role") == 0) {
			free(id->role);
			id->role = *v ? xstrdup(v) : NULL;
		}
	}
	if (f)
		fclose(f);
	free(line);
	free(path);
	if (as) {
		free(id->name);
		id->name = *as ? xstrdup(as) : NULL;
		id->from_as = true;
	}
	return r;
}

/* mkdir -p of the folder of path, 0700 for what it makes. */
static bool
make_parents(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*p = '/';
			return false;
		}
		*p = '/';
	}
	return true;
}

enum status
identity_save(const char *name, char **err)
{
	char *path = identity_config_path(), *tmp, *line = NULL;
	struct buf out = { 0 };
	size_t cap = 0;
	bool done = false;
	enum status r = STATUS_OK;
	FILE *f;

	if (err)
		*err = NULL;
	/* Keep every other line as it was; replace the name line. */
	if ((f = fopen(path, "r")) != NULL) {
		while (getline(&line, &cap, f) > 0) {
			char *copy = xstrdup(line), *k = strip(copy), *eq = strchr(k, '=');

			if (eq && *k != '#') {
				*eq = '\0';
				if (strcmp(strip(k), "name") == 0) {
					if (!done)
						buf_printf(&out, "name = %s\n", name);
					done = true;
					free(copy);
					continue;
				}
			}
			free(copy);
			buf_adds(&out, line);
			if (line[strlen(line) - 1] != '\n')
				buf_addc(&out, '\n');
		}
		fclose(f);
	}
	free(line);
	if (!done)
		buf_printf(&out, "name = %s\n", name);
	tmp = xasprintf("%s.tmp", path);
	f = make_parents(path) ? fopen(tmp, "w") : NULL;
	if (f != NULL) {
		bool wrote = fwrite(out.data, 1, out.len, f) == out.len;

		if (fclose(f) != 0 || !wrote)
			f = NULL;
	}
	if (f == NULL || rename(tmp, path) != 0) {
		if (err)
			*err = xasprintf(_("cannot write %s: %s"), path, strerror(errno));
		r = STATUS_IO;
	}
	free(tmp);
	free(path);
	buf_free(&out);
	return r;
}
