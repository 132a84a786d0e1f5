/*
 * kallelse-pdf.so: the pages as an A4 PDF with cairo and pango. Each run
 * is drawn at its cell's place in DejaVu Sans (cairo embeds the glyphs it
 * uses as a font subset, so the text stays selectable and searchable and
 * å ä ö are the real characters). A run the proportional font makes wider
 * than its cells is drawn smaller, so the columns never collide.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "pdf_module.h"

/* A4 in points, and the margins: 20 mm at the sides, 15 mm top and bottom. */
#define A4_W 595.276
#define A4_H 841.890
#define MARGIN_X 56.7
#define MARGIN_Y 42.5
#define FONT "DejaVu Sans"
#define FONT_PT 8.5
#define BIG_PT 12.0

static void
draw_run(cairo_t *cr, PangoLayout *lay, const struct print_run *r, double cw, double lh)
{
	PangoFontDescription *fd = pango_font_description_from_string(FONT);
	double size = r->style == PRINT_BIG ? BIG_PT : FONT_PT, box = r->width * cw;
	int w, h;

	pango_font_description_set_weight(fd, r->style == PRINT_PLAIN ? PANGO_WEIGHT_NORMAL
	    : PANGO_WEIGHT_BOLD);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_text(lay, r->text, -1);
	pango_layout_get_size(lay, &w, &h);
	if (w > 0 && (double)w / PANGO_SCALE > box) {
		size *= box / ((double)w / PANGO_SCALE);
		pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
		pango_layout_set_font_description(lay, fd);
		pango_layout_get_size(lay, &w, &h);
	}
	pango_font_description_free(fd);
	/* Baselines on the grid: the text sits on the lower part of its line. */
	cairo_move_to(cr, MARGIN_X + r->col * cw,
	    MARGIN_Y + (r->line + 1) * lh - (double)pango_layout_get_baseline(lay) / PANGO_SCALE - lh * 0.25);
	pango_cairo_show_layout(cr, lay);
}

static enum pdf_result
write_pdf(const struct print_doc *d, const char *title, const char *creator, const char *path,
    char *err, size_t errlen)
{
	cairo_surface_t *sf;
	cairo_t *cr;
	PangoLayout *lay;
	cairo_status_t cs;
	double cw = (A4_W - 2 * MARGIN_X) / d->cols, lh = (A4_H - 2 * MARGIN_Y) / d->lines;

	errno = 0;
	sf = cairo_pdf_surface_create(path, A4_W, A4_H);
	if ((cs = cairo_surface_status(sf)) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "%s", cs == CAIRO_STATUS_WRITE_ERROR
		    ? strerror(errno ? errno : EIO) : cairo_status_to_string(cs));
		cairo_surface_destroy(sf);
		return PDF_CANNOT_CREATE;
	}
	if (title)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, creator);
	cr = cairo_create(sf);
	lay = pango_cairo_create_layout(cr);
	for (size_t i = 0; i < d->n_pages; i++) {
		const struct print_page *p = &d->pages[i];

		cairo_set_source_rgb(cr, 0, 0, 0);
		for (size_t k = 0; k < p->n_runs; k++)
			if (p->runs[k].text[0])
				draw_run(cr, lay, &p->runs[k], cw, lh);
		cairo_show_page(cr);
	}
	g_object_unref(lay);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	cs = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (cs != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "%s", cairo_status_to_string(cs));
		return PDF_CANNOT_FINISH;
	}
	return PDF_OK;
}

const struct pdf_module *
kallelse_pdf_module(void)
{
	static const struct pdf_module m = { PDF_MODULE_ABI, write_pdf };

	return &m;
}
