# store/: SQLite data layer, import and the shared text module. No curses.
noinst_LIBRARIES += libstore.a
libstore_a_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
libstore_a_SOURCES = \
	store/xmalloc.c store/xmalloc.h \
	store/status.c store/status.h \
	store/i18n.h \
	store/packet.c store/packet.h \
	store/demo.c store/demo.h \
	store/text.h \
	store/text_private.h \
	store/text_decode.c \
	store/text_collate.c \
	store/text_width.c \
	store/store.c store/store.h \
	store/import.h
