# store/base/: what every library needs and nothing else: the xmalloc
# family, the status codes and their messages, gettext's macros, sha256.
# Only libc (with dlopen, for module.c) here: no SQLite, no curses, no iconv.
noinst_LIBRARIES += libbase.a
BASE_CPPFLAGS = -I$(top_srcdir)/store/base
libbase_a_CPPFLAGS = $(AM_CPPFLAGS) $(BASE_CPPFLAGS)
libbase_a_SOURCES = \
	store/base/xmalloc.c store/base/xmalloc.h \
	store/base/status.c store/base/status.h \
	store/base/i18n.c store/base/i18n.h \
	store/base/module.c store/base/module.h \
	store/base/sha256.c store/base/sha256.h \
	store/base/sha256_x86.c
