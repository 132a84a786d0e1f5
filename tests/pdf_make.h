/*
 * A real PDF from text, for the tests of imported originals (header only;
 * the test links cairo and pangocairo). Each form feed in the text starts
 * a new page; each line is drawn as it is (leading white space dropped)
 * with pango on cairo in DejaVu Sans, one under the other, so pdftotext
 * reads the lines back in order and ends each page with a form feed.
 * Pages are as tall as their lines need: where a page breaks is the
 * text's choice alone. tests/pdf_make.c is the same as a program.
 */
#ifndef KALLELSE_TESTS_PDF_MAKE_H
#define KALLELSE_TESTS_PDF_MAKE_H

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PDF_MAKE_FONT_PT = 8, PDF_MAKE_LINE_PT = 11, PDF_MAKE_MARGIN = 36, PDF_MAKE_PAGE_W = 900 };

/* Lines of the page from p to end (a form feed or the text's end). */
static inline int
pdf_make_count_lines(const char *p, const char *end)
{
	int n = 1;

	for (; p < end; p++)
		n += *p == '\n';
	return n;
}

/* Text (len bytes) to a PDF at out; its number of pages, or -1 with a message on stderr. */
static inline int
pdf_make(const char *text, size_t len, const char *out)
{
	cairo_surface_t *surf;
	PangoFontDescription *fd;
	const char *p = text, *end = text + len;
	int pages = 0;

	surf = cairo_pdf_surface_create(out, PDF_MAKE_PAGE_W, 842);
	fd = pango_font_description_from_string("DejaVu Sans");
	pango_font_description_set_size(fd, PDF_MAKE_FONT_PT * PANGO_SCALE);
	for (;;) {
		const char *ff = memchr(p, '\f', (size_t)(end - p));
		const char *page_end = ff ? ff : end;
		int lines = pdf_make_count_lines(p, page_end);
		double y = PDF_MAKE_MARGIN;
		cairo_t *cr;

		cairo_pdf_surface_set_size(surf, PDF_MAKE_PAGE_W,
		    2 * PDF_MAKE_MARGIN + PDF_MAKE_LINE_PT * lines);
		cr = cairo_create(surf);
		while (p < page_end) {
			const char *nl = memchr(p, '\n', (size_t)(page_end - p));
			const char *eol = nl ? nl : page_end;

			while (p < eol && (*p == ' ' || *p == '\t'))
				p++;
			if (p < eol) {
				PangoLayout *lay = pango_cairo_create_layout(cr);

				pango_layout_set_font_description(lay, fd);
				pango_layout_set_text(lay, p, (int)(eol - p));
				cairo_move_to(cr, PDF_MAKE_MARGIN, y);
				pango_cairo_show_layout(cr, lay);
				g_object_unref(lay);
			}
			y += PDF_MAKE_LINE_PT;
			p = eol + 1;
		}
		cairo_show_page(cr);
		cairo_destroy(cr);
		pages++;
		if (ff == NULL)
			break;
		p = ff + 1;
	}
	pango_font_description_free(fd);
	cairo_surface_finish(surf);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "pdf_make: %s: %s\n", out,
		    cairo_status_to_string(cairo_surface_status(surf)));
		pages = -1;
	}
	cairo_surface_destroy(surf);
	return pages;
}

#endif
