/*
 * Loading a module (module.h) with dlopen: the folder is chosen once per
 * file, in the order a user can reason about: the environment (tests),
 * the program's own folder (the build tree), the installed one.
 */
#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "module.h"
#include "xmalloc.h"

char *
exe_dir(void)
{
	char exe[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0 || (size_t)n >= sizeof exe - 1)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(exe);
}

/* The path to load file from: the first folder that has it, else the installed one. Caller frees. */
static char *
module_path(const char *file)
{
	const char *env = getenv("KALLELSE_MODULEDIR");
	char *dir, *path;

	if (env && *env)
		return xasprintf("%s/%s", env, file);
	if ((dir = exe_dir()) != NULL) {
		path = xasprintf("%s/%s", dir, file);
		free(dir);
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	return xasprintf("%s/%s", PKGLIBDIR, file);
}

void *
module_symbol(const char *file, const char *sym, char **err)
{
	char *path = module_path(file);
	void *h, *p = NULL;

	*err = NULL;
	/* RTLD_NOW: a module that cannot resolve fails here, with a message, not later. */
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		const char *why = dlerror();

		/* dlerror names the file. */
		*err = xasprintf(_("cannot load a part of kallelse: %s (reinstall kallelse, or set "
		    "KALLELSE_MODULEDIR to the folder that has %s)"), why ? why : path, file);
	} else if ((p = dlsym(h, sym)) == NULL) {
		*err = xasprintf(_("cannot load %s: it has no %s (a module of another version)"),
		    path, sym);
	}
	free(path);
	return p;
}
