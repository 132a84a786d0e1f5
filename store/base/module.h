/*
 * Modules: the parts of kallelse that need large libraries few runs use
 * (PDF output with cairo and pango, HTTP with libcurl) are shared objects
 * loaded when first needed, as git keeps libcurl out of git itself in
 * git-remote-http. Linked into the program, those libraries and the ~60
 * they pull in were mapped and relocated at every start: `kallelse
 * --version` took 10x as long as before them.
 */
#ifndef KALLELSE_MODULE_H
#define KALLELSE_MODULE_H

/*
 * The folder the running program lies in, or NULL (no /proc). The build
 * folder keeps the Swedish catalogue and the modules beside the program,
 * so it runs before it is installed. Caller frees.
 */
char *exe_dir(void);

/*
 * Symbol sym of module file (e.g. "kallelse-pdf.so"), looked for in
 * $KALLELSE_MODULEDIR, else beside the program, else PKGLIBDIR. A module
 * once loaded stays loaded. NULL with *err (caller frees) naming where it
 * looked and what failed.
 */
void *module_symbol(const char *file, const char *sym, char **err);

#endif
