/*
 * PDF output: the pages written by the PDF module, kallelse-pdf.so
 * (pdf_module.c: cairo and pango), loaded on the first PDF and kept.
 * Without cairo and pango at build time, or without the module at run
 * time, the messages say what to install; plain text always works.
 */
#include "config.h"

#include <stdlib.h>

#include "i18n.h"
#include "module.h"
#include "pdf_module.h"
#include "print.h"
#include "xmalloc.h"

/* The module, loaded once; NULL with *err (caller frees) when it cannot be. */
static const struct pdf_module *
pdf_module(char **err)
{
	static const struct pdf_module *m;
#ifdef HAVE_PDF
	const struct pdf_module *(*get)(void);

	*err = NULL;
	if (m == NULL && (get = (const struct pdf_module *(*)(void))module_symbol("kallelse-pdf.so",
	    PDF_MODULE_SYMBOL, err)) != NULL) {
		m = get();
		if (m->abi != PDF_MODULE_ABI) {
			*err = xasprintf(_("kallelse-pdf.so is of another version of kallelse "
			    "(interface %d, not %d): reinstall kallelse"), m->abi, PDF_MODULE_ABI);
			m = NULL;
		}
	}
#else
	*err = xstrdup(_("this kallelse was built without PDF support; install cairo and pango "
	    "(apt-get install libcairo2-dev libpango1.0-dev fonts-dejavu-core), run ./configure "
	    "and make again, or write text with --format text"));
#endif
	return m;
}

bool
print_pdf_available(void)
{
#ifdef HAVE_PDF
	return true;
#else
	return false;
#endif
}

enum status
print_write_pdf(const struct print_doc *d, const char *title, const char *path, char **err)
{
	const struct pdf_module *m = pdf_module(err);
	char why[512];

	if (m == NULL)
		return STATUS_IO;
	why[0] = '\0';
	if (m->write(d, title, "kallelse " PACKAGE_VERSION, path, why, sizeof why) == PDF_OK)
		return STATUS_OK;
	*err = xasprintf(_("cannot write %s: %s"), path, why);
	return STATUS_IO;
}
