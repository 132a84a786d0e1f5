# store/reading/: the reading model: a document's stored text as the
# blocks a reader sees (paragraphs, headings, lists, tables, footnotes,
# page marks, slides) and their layout for a width. Uses the text module
# only: no SQLite, no curses.
noinst_LIBRARIES += libreading.a
READING_CPPFLAGS = -I$(top_srcdir)/store/reading $(TEXT_CPPFLAGS)
libreading_a_CPPFLAGS = $(AM_CPPFLAGS) $(READING_CPPFLAGS)
libreading_a_SOURCES = \
	store/reading/reading.h \
	store/reading/reading_internal.h \
	store/reading/reading_lines.c \
	store/reading/reading_marks.c \
	store/reading/reading_build.c \
	store/reading/reading_parse.c \
	store/reading/reading_lazy.c \
	store/reading/reading_table.c \
	store/reading/reading_deck.c \
	store/reading/reading_render.c
