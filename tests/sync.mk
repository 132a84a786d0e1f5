# Sync: publish and sync against a real nginx on 127.0.0.1 and a folder,
# the faults, SIGKILL at many points, 200 laptops at once.
check_PROGRAMS += tests/sync_sign
tests_sync_sign_SOURCES = tests/sync_sign.c
tests_sync_sign_CPPFLAGS = $(AM_CPPFLAGS) $(SYNC_CPPFLAGS)
tests_sync_sign_LDADD = libsync.a $(STORE_LIBS) $(SQLITE_LIBS) $(UNISTRING_LIBS) $(SODIUM_LIBS) $(LIBS)
TESTS += tests/test_sync.sh tests/test_kill_sync.sh tests/test_sync_load.sh
EXTRA_DIST += tests/test_sync.sh tests/test_kill_sync.sh tests/test_sync_load.sh tests/nginx.sh
