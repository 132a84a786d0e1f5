# store/text/: the text module: characters, decoding (iconv), NFC, the one case folding,
# Swedish collation, display width, cutting, wrapping, scrubbing. Used by every
# other library; knows neither SQLite nor curses.
noinst_LIBRARIES += libtext.a
TEXT_CPPFLAGS = -I$(top_srcdir)/store/text $(BASE_CPPFLAGS)
libtext_a_CPPFLAGS = $(AM_CPPFLAGS) $(TEXT_CPPFLAGS)
libtext_a_SOURCES = \
	store/text/text.h \
	store/text/text_private.h \
	store/text/text_char.c \
	store/text/text_decode.c \
	store/text/text_fold.c \
	store/text/text_collate.c \
	store/text/text_width.c \
	store/text/text_out.c \
	store/text/text_match.c
