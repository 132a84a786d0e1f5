# store/import/: the packet parser: bytes of a packet (text, or a PDF
# through pdftotext) -> struct packet. No SQLite: the store writes what it
# returns.
noinst_LIBRARIES += libimport.a
IMPORT_CPPFLAGS = -I$(top_srcdir)/store/import $(MODEL_CPPFLAGS)
libimport_a_CPPFLAGS = $(AM_CPPFLAGS) $(IMPORT_CPPFLAGS)
libimport_a_SOURCES = \
	store/import/import.h \
	store/import/import_internal.h \
	store/import/import.c \
	store/import/import_lines.c \
	store/import/import_front.c \
	store/import/import_agenda.c \
	store/import/import_protocol.c \
	store/import/import_split.h \
	store/import/import_split.c \
	store/import/import_markers.c \
	store/import/import_docs.c
