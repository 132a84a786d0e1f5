/*
 * pdf_make IN.txt OUT.pdf: tests/pdf_make.h as a program, for the shell
 * tests: a real PDF from text, a page for each form feed in IN.
 * Exit 0, or 1 with a message.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pdf_make.h"

/* The whole file. Caller frees; NULL with errno set. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;
	size_t cap = 0, n = 0, r;

	if (f == NULL)
		return NULL;
	do {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			if ((b = realloc(b, cap + 1)) == NULL)
				abort();
		}
		r = fread(b + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	*len = n;
	return b;
}

int
main(int argc, char **argv)
{
	size_t len;
	char *text;
	int pages;

	if (argc != 3) {
		fprintf(stderr, "usage: pdf_make IN.txt OUT.pdf\n");
		return 1;
	}
	if ((text = slurp(argv[1], &len)) == NULL) {
		perror(argv[1]);
		return 1;
	}
	pages = pdf_make(text, len, argv[2]);
	free(text);
	if (pages < 0)
		return 1;
	fprintf(stderr, "pdf_make: %s: %d pages\n", argv[2], pages);
	return 0;
}
