/*
 * The one place that finds the wide-character curses header (htop's
 * ProvideCurses.h). configure's AC_CHECK_HEADERS stops at the first of
 * ncursesw/curses.h, ncurses.h, curses.h that exists. Include config.h
 * before this file (every .c does).
 */
#ifndef KALLELSE_CURSES_COMPAT_H
#define KALLELSE_CURSES_COMPAT_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#elif defined(HAVE_NCURSES_H)
#include <ncurses.h>
#elif defined(HAVE_CURSES_H)
#include <curses.h>
#else
#error "no curses header: install libncurses-dev (ncursesw)"
#endif

#endif
