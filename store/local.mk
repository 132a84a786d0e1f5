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
	store/text_match.c \
	store/store.c store/store.h \
	store/import.h
libstore_a_SOURCES += \
	store/store_internal.h \
	store/schema.c \
	store/sha256.c store/sha256.h \
	store/query.c \
	store/query_items.c \
	store/put.c \
	store/put_internal.h \
	store/put_doc.c \
	store/put_hash.c \
	store/search.c \
	store/search_internal.h \
	store/search_index.c \
	store/search_text.c \
	store/userdata.c
libstore_a_SOURCES += \
	store/import_internal.h \
	store/import.c \
	store/import_lines.c \
	store/import_front.c \
	store/import_agenda.c \
	store/import_protocol.c \
	store/import_split.c \
	store/import_docs.c
