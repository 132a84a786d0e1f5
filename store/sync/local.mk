# store/sync/: publish and sync, signed (Ed25519 with libsodium), over a
# folder or HTTP (libcurl). Uses store and the libraries below it.
noinst_LIBRARIES += libsync.a
SYNC_CPPFLAGS = -I$(top_srcdir)/store/sync $(STORE_CPPFLAGS)
libsync_a_CPPFLAGS = $(AM_CPPFLAGS) $(SYNC_CPPFLAGS)
libsync_a_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
libsync_a_SOURCES = \
	store/sync/sync.h store/sync/sync_internal.h \
	store/sync/keys.c store/sync/fileio.c store/sync/source.c \
	store/sync/manifest.c store/sync/publish.c store/sync/sync.c \
	store/sync/marks.c store/sync/http_module.h

# HTTP is the module kallelse-http.so (libcurl), loaded for the first URL
# synced from (store/base/module.h): the program itself never maps libcurl.
module_PROGRAMS += kallelse-http.so
kallelse_http_so_SOURCES = store/sync/http_module.c store/sync/http_module.h
kallelse_http_so_CPPFLAGS = $(AM_CPPFLAGS) $(SYNC_CPPFLAGS)
kallelse_http_so_CFLAGS = $(AM_CFLAGS) -fPIC $(CURL_CFLAGS)
kallelse_http_so_LDFLAGS = $(AM_LDFLAGS) -shared
kallelse_http_so_LDADD = $(CURL_LIBS)
