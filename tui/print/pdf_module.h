/*
 * The PDF module, kallelse-pdf.so (cairo and pango): loaded by out_pdf.c
 * only when a PDF is written (module.h says why). It links no library of
 * kallelse: it reads the laid-out pages (print.h, plain data) and writes
 * the file; messages are made and translated on the program's side.
 */
#ifndef KALLELSE_PDF_MODULE_H
#define KALLELSE_PDF_MODULE_H

#include <stddef.h>

#include "print.h"

/* Bumped when struct print_doc or this interface changes. */
#define PDF_MODULE_ABI 1
#define PDF_MODULE_SYMBOL "kallelse_pdf_module"

enum pdf_result {
	PDF_OK,
	PDF_CANNOT_CREATE,	/* the file could not be made: why in err */
	PDF_CANNOT_FINISH	/* writing failed on the way: why in err */
};

struct pdf_module {
	int abi;
	enum pdf_result (*write)(const struct print_doc *d, const char *title, const char *creator,
	    const char *path, char *err, size_t errlen);
};

const struct pdf_module *kallelse_pdf_module(void);

#endif
