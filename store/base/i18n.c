/*
 * The one gettext set-up (i18n.h): the locale from the environment, a
 * UTF-8 character type when the locale is C, and the catalogue folder.
 * The program (tui/cli/main.c) and the man-page generator (help/gen-keys)
 * both call it, so they find the same catalogue the same way.
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "module.h"
#include "xmalloc.h"

/*
 * The catalogue folder when kallelse runs from its build folder: the
 * build puts the Swedish catalogue in po/locale beside the executable
 * (po/local.mk), and the README's first command runs ./kallelse from
 * there, before anything is installed. NULL for an installed program, or
 * where /proc is missing. Caller frees.
 */
static char *
build_tree_localedir(void)
{
	char *exe = exe_dir(), *dir, *mo;

	if (exe == NULL)
		return NULL;
	dir = xasprintf("%s/po/locale", exe);
	free(exe);
	mo = xasprintf("%s/sv/LC_MESSAGES/%s.mo", dir, PACKAGE);
	if (access(mo, R_OK) != 0) {
		free(dir);
		dir = NULL;
	}
	free(mo);
	return dir;
}

void
i18n_init(void)
{
	const char *dir = getenv("KALLELSE_LOCALEDIR");
	char *beside = NULL;

	/*
	 * Only what kallelse uses from the locale: characters (LC_CTYPE) and
	 * the language of messages (LC_MESSAGES). Dates are formatted by hand,
	 * Swedish order is our own collation and numbers stay in the C form
	 * that files and JSON need; each other category was a locale file
	 * opened and mapped at every start (setlocale(LC_ALL) took 0.63 ms
	 * against 0.41 ms for these two, in a program doing nothing else).
	 */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	/*
	 * Without LANG (over ssh, from cron, in a minimal container) the
	 * locale is C, in which curses draws nothing but ASCII: every å ä ö of
	 * the packets would come out as garbage and columns would slip. Text
	 * here is Swedish, so characters are then taken as UTF-8, what
	 * terminals speak; messages stay in the user's language (English in C).
	 * A locale with a charset of its own (ISO 8859-1, say) is left alone:
	 * curses converts to it.
	 */
	if (strcmp(nl_langinfo(CODESET), "ANSI_X3.4-1968") == 0) {
		static const char *const utf8[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8", "sv_SE.UTF-8" };

		for (size_t k = 0; k < sizeof utf8 / sizeof utf8[0]; k++)
			if (setlocale(LC_CTYPE, utf8[k]) != NULL)
				break;
	}
#ifdef HAVE_LIBINTL_H
	/* $KALLELSE_LOCALEDIR (the tests, the build of the man pages), else the build folder's, else the installed one. */
	if (dir == NULL || *dir == '\0')
		dir = beside = build_tree_localedir();
	bindtextdomain(PACKAGE, dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	free(beside);
#else
	(void)dir;
	(void)beside;
	(void)build_tree_localedir;
#endif
}
