# tui/print/: the printed agenda: layout, checks, PDF and plain text. No
# curses: the terminal preview in tui/ draws the same pages. The PDF
# itself is written by the module kallelse-pdf.so (cairo + pango, when
# configure found them), loaded only when a PDF is written (store/base/module.h).
noinst_LIBRARIES += libprint.a
PRINT_CPPFLAGS = -I$(top_srcdir)/tui/print $(STORE_CPPFLAGS)
libprint_a_CPPFLAGS = $(AM_CPPFLAGS) $(PRINT_CPPFLAGS)
libprint_a_SOURCES = \
	tui/print/print.h tui/print/layout.c tui/print/check.c \
	tui/print/out_text.c tui/print/out_pdf.c tui/print/annot.c tui/print/print_internal.h \
	tui/print/pdf_module.h

if HAVE_PDF
# A shared object built as a program (no libtool): position-independent,
# linked -shared, with only cairo and pango.
module_PROGRAMS += kallelse-pdf.so
kallelse_pdf_so_SOURCES = tui/print/pdf_module.c tui/print/pdf_module.h
kallelse_pdf_so_CPPFLAGS = $(AM_CPPFLAGS) $(PRINT_CPPFLAGS)
kallelse_pdf_so_CFLAGS = $(AM_CFLAGS) -fPIC $(PDF_CFLAGS)
kallelse_pdf_so_LDFLAGS = $(AM_LDFLAGS) -shared
kallelse_pdf_so_LDADD = $(PDF_LIBS)
else
EXTRA_DIST += tui/print/pdf_module.c
endif
