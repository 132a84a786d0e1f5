# store/model/: the content as plain C data (a meeting packet: meeting,
# people, agenda items, documents), shared by the parser, the store and the
# commands, and the JSON writer that serializes it. No SQLite, no curses.
noinst_LIBRARIES += libmodel.a
MODEL_CPPFLAGS = -I$(top_srcdir)/store/model $(TEXT_CPPFLAGS)
libmodel_a_CPPFLAGS = $(AM_CPPFLAGS) $(MODEL_CPPFLAGS)
libmodel_a_SOURCES = \
	store/model/packet.c store/model/packet.h \
	store/model/json.c store/model/json.h \
	store/model/model_json.c store/model/model_json.h \
	store/model/model_json_read.c \
	store/model/json_read.c store/model/json_read.h
