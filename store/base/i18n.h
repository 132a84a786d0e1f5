/* gettext for every user-visible string, in store/ and tui/ alike; its set-up in i18n.c. */
#ifndef KALLELSE_I18N_H
#define KALLELSE_I18N_H

#ifdef HAVE_LIBINTL_H
#include <libintl.h>
#define _(s) gettext(s)
#define P_(s, p, n) ngettext(s, p, n)
#else
#define _(s) (s)
#define P_(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#ifndef N_
#define N_(s) s
#endif

/*
 * Set the locale from the environment and bind the catalogue: from
 * $KALLELSE_LOCALEDIR, else po/locale beside the executable (a build
 * folder), else the installed one. Call once, first thing in main.
 */
void i18n_init(void);

#endif
