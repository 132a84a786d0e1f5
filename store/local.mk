# store/ and the libraries under it. Arrows point down only:
#   store (SQLite) -> model -> text -> base;  import -> model -> text -> base.
# Each library has its own include path, so a header from a library above
# cannot be found; tests/test_layers.sh checks the system headers too.
include $(srcdir)/store/base/local.mk
include $(srcdir)/store/text/local.mk
include $(srcdir)/store/model/local.mk
include $(srcdir)/store/import/local.mk
include $(srcdir)/store/reading/local.mk

# store/: the SQLite data layer: open, schema and migrations, put, query,
# search, the user's own data. No curses.
noinst_LIBRARIES += libstore.a
STORE_CPPFLAGS = -I$(top_srcdir)/store $(MODEL_CPPFLAGS)
libstore_a_CPPFLAGS = $(AM_CPPFLAGS) $(STORE_CPPFLAGS)
libstore_a_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(ZLIB_CFLAGS)
libstore_a_SOURCES = \
	store/store.c store/store.h \
	store/store_file.c \
	store/store_sql.c \
	store/check.c \
	store/store_internal.h \
	store/schema.c \
	store/query.c \
	store/query_items.c \
	store/put.c \
	store/put_internal.h \
	store/put_doc.c store/put_docid.c \
	store/put_hash.c \
	store/doctext.c \
	store/doctext_format.h \
	store/doctext_read.c \
	store/search.c \
	store/search_internal.h \
	store/search_index.c \
	store/search_text.c \
	store/userdata.c \
	store/userfile.c \
	store/usercopy.c \
	store/repair.c \
	store/marks.c \
	store/reading.c \
	store/identity.c store/identity.h \
	store/export.c

# Every library below the program, in link order (users before what they use);
# zlib for the store's packed document text (store/doctext.c).
STORE_ARCHIVES = libstore.a libimport.a libreading.a libmodel.a libtext.a libbase.a
STORE_LIBS = $(STORE_ARCHIVES) $(ZLIB_LIBS)

include $(srcdir)/store/sync/local.mk
