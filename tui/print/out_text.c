/*
 * The pages as plain text: each page's lines with the runs at their
 * columns (counted in display columns, so å ä ö take one), trailing
 * blank lines of a page left out, a form feed between pages, as lpr and
 * pr expect. Lines never pass PRINT_COLS columns.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "text.h"
#include "xmalloc.h"

static int
by_col(const void *a, const void *b)
{
	const struct print_run *x = *(const struct print_run *const *)a;
	const struct print_run *y = *(const struct print_run *const *)b;

	return (x->col > y->col) - (x->col < y->col);
}

static void
write_page(const struct print_page *p, int lines, FILE *f)
{
	const struct print_run **row = xcalloc(p->n_runs + 1, sizeof *row);
	int last = -1;

	for (size_t i = 0; i < p->n_runs; i++)
		if (p->runs[i].line > last && p->runs[i].line < lines)
			last = p->runs[i].line;
	for (int y = 0; y <= last; y++) {
		size_t n = 0;
		int x = 0;

		for (size_t i = 0; i < p->n_runs; i++)
			if (p->runs[i].line == y)
				row[n++] = &p->runs[i];
		qsort(row, n, sizeof *row, by_col);
		for (size_t i = 0; i < n; i++) {
			const struct print_run *r = row[i];
			size_t len = strlen(r->text);
			int used;

			for (; x < r->col; x++)
				fputc(' ', f);
			len = text_fit(r->text, len, r->width, &used);
			fwrite(r->text, 1, len, f);
			x += used;
		}
		fputc('\n', f);
	}
	free(row);
}

bool
print_write_text(const struct print_doc *d, FILE *f)
{
	for (size_t i = 0; i < d->n_pages; i++) {
		if (i > 0)
			fputc('\f', f);
		write_page(&d->pages[i], d->lines, f);
	}
	return fflush(f) == 0 && !ferror(f);
}
