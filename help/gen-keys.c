/*
 * gen-keys: write the man page with its key list generated from the
 * action table and the compiled-in default keys (tui/actions.h,
 * tui/keys.c), so the page cannot drift from the program. Copies the
 * template to stdout, replacing a line "@KEYS@" with the list and
 * "@VERSION@" anywhere with the version.
 *
 *	gen-keys [-l sv] TEMPLATE > PAGE
 *
 * With -l sv the headings are Swedish, and the action texts come from the
 * message catalogue when the environment selects Swedish (the build runs
 * it with LANGUAGE=sv and KALLELSE_LOCALEDIR pointing at po/locale).
 */
#include "config.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"

/* Escape text for roff: backslashes, and a leading dot or quote. */
static void
roff(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
	}
}

static const char *const map_titles[] = {
	"All views", "Meetings (Sammanträden)", "Agenda (Dagordning)", "Item (Ärende)",
	"Document (Dokument)", "Search (Sök)", "Help (Hjälp)",
};

static const char *const map_titles_sv[] = {
	"Alla vyer", "Sammanträden", "Dagordning", "Ärende", "Dokument", "Sök", "Hjälp",
};

static bool swedish;

static void
keys_section(FILE *out)
{
	for (int m = 0; m < KEYMAP__COUNT; m++) {
		int printed = 0;

		for (int a = 1; a < ACTION__COUNT; a++) {
			int keys[8];
			size_t n;

			/* Generic keys under "All views"; a view lists only what it binds itself. */
			if (m != KEYMAP_GENERIC && !keys_map_binds((enum keymap)m, (enum action)a))
				continue;
			n = keys_for((enum keymap)m, (enum action)a, keys, 8);
			if (n == 0)
				continue;
			if (!printed++) {
				fputs(".SS ", out);
				roff(out, swedish ? map_titles_sv[m] : map_titles[m]);
				fprintf(out, swedish ? " (tangentkarta \\fB%s\\fR)\n" : " (keymap \\fB%s\\fR)\n",
				    keymap_name((enum keymap)m));
			}
			fputs(".TP\n", out);
			for (size_t k = 0; k < n; k++) {
				char name[32];
				fputs(k ? ", " : "", out);
				fputs("\\fB", out);
				roff(out, keys_name(keys[k], name, sizeof name));
				fputs("\\fR", out);
			}
			fputs("\n", out);
			roff(out, _(action_help((enum action)a)));
			fprintf(out, swedish ? ".\nÅtgärd: \\fI" : ".\nAction name: \\fI");
			roff(out, action_name((enum action)a));
			fputs("\\fR.\n", out);
		}
	}
}

int
main(int argc, char **argv)
{
	FILE *in;
	char line[4096];
	const char *template;

	if (argc == 4 && strcmp(argv[1], "-l") == 0 && strcmp(argv[2], "sv") == 0) {
		const char *dir = getenv("KALLELSE_LOCALEDIR");

		swedish = true;
		setlocale(LC_ALL, "");
#ifdef HAVE_LIBINTL_H
		bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
		bind_textdomain_codeset(PACKAGE, "UTF-8");
		textdomain(PACKAGE);
#else
		(void)dir;
#endif
		template = argv[3];
	} else if (argc == 2) {
		template = argv[1];
	} else {
		fprintf(stderr, "usage: gen-keys [-l sv] TEMPLATE > PAGE\n");
		return 2;
	}
	in = fopen(template, "r");
	if (in == NULL) {
		perror(template);
		return 1;
	}
	keys_init();
	while (fgets(line, sizeof line, in)) {
		char *at;

		if (strcmp(line, "@KEYS@\n") == 0) {
			keys_section(stdout);
			continue;
		}
		while ((at = strstr(line, "@VERSION@")) != NULL) {
			fwrite(line, 1, (size_t)(at - line), stdout);
			fputs(PACKAGE_VERSION, stdout);
			memmove(line, at + 9, strlen(at + 9) + 1);
		}
		fputs(line, stdout);
	}
	fclose(in);
	return ferror(stdout) ? 1 : 0;
}
