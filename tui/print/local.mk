# tui/print/: the printed agenda: layout, checks, PDF (cairo + pango when
# configure found them) and plain text. No curses: the terminal preview in
# tui/ draws the same pages.
noinst_LIBRARIES += libprint.a
PRINT_CPPFLAGS = -I$(top_srcdir)/tui/print $(STORE_CPPFLAGS)
libprint_a_CPPFLAGS = $(AM_CPPFLAGS) $(PRINT_CPPFLAGS)
libprint_a_CFLAGS = $(AM_CFLAGS) $(PDF_CFLAGS)
libprint_a_SOURCES = \
	tui/print/print.h tui/print/layout.c tui/print/check.c \
	tui/print/out_text.c tui/print/out_pdf.c
