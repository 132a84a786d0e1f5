/*
 * kallelse print MEETING [-o FILE] [--format pdf|text] [--check]
 * [--preview] [--lp [PRINTER]] [--variant public|presidium|personal]:
 * the agenda as it will be printed (tui/print/): PDF or paginated text to
 * a file or standard output, to a printer through lp (CUPS), opened in
 * the preview, or only checked (exit 1 when a check fails, for scripts).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "identity.h"
#include "print.h"
#include "tui.h"
#include "xmalloc.h"

enum format { FORMAT_TEXT, FORMAT_PDF };

/* The format: --format, else the file name's ending, else text (PDF for lp when built). */
static int
pick_format(const struct cli_args *a, enum format *f)
{
	const char *o = a->output;
	size_t n = o ? strlen(o) : 0;

	if (a->format) {
		if (strcmp(a->format, "pdf") == 0)
			*f = FORMAT_PDF;
		else if (strcmp(a->format, "text") == 0)
			*f = FORMAT_TEXT;
		else
			return cli_usage_error("print", _("--format must be pdf or text, not '%s'"),
			    a->format);
	} else if (n > 4 && (strcmp(o + n - 4, ".pdf") == 0 || strcmp(o + n - 4, ".PDF") == 0)) {
		*f = FORMAT_PDF;
	} else {
		*f = a->lp && !o && print_pdf_available() ? FORMAT_PDF : FORMAT_TEXT;
	}
	return 0;
}

static int
check_args(const struct cli_args *a)
{
	enum print_variant v;
	enum format f;
	int rc;

	if (a->variant && !print_variant_parse(a->variant, &v))
		return cli_usage_error("print", _("--variant must be public, presidium or personal, "
		    "not '%s'"), a->variant);
	if (a->argc > 1 && !a->lp)
		return cli_usage_error("print", _("unexpected argument '%s'"), a->argv[1]);
	if ((rc = pick_format(a, &f)) != 0)
		return rc;
	return 0;
}

/* The checks on stdout, one line each; returns how many failed. */
static size_t
report(const struct print_agenda *ag, enum print_variant v)
{
	struct print_problem *ps;
	size_t n = print_check(ag, v, &ps);

	for (size_t i = 0; i < n; i++)
		text_printf("%s\n", ps[i].message);
	if (n == 0)
		text_printf(_("All checks passed: %zu items.\n"), ag->n_items);
	print_problems_free(ps, n);
	return n;
}

static int
write_out(const struct print_doc *d, const struct print_agenda *ag, enum format f,
    const char *path)
{
	char *err = NULL, *title;
	enum status st;
	FILE *fp;

	if (f == FORMAT_PDF) {
		title = xasprintf("Dagordning %s %s", cli_str(ag->meeting.body), cli_str(ag->meeting.date));
		st = print_write_pdf(d, title, path ? path : "/dev/stdout", &err);
		free(title);
		if (st != STATUS_OK) {
			cli_error("%s", err);
			free(err);
			return 1;
		}
		return 0;
	}
	fp = path ? fopen(path, "w") : stdout;
	if (fp == NULL) {
		cli_error(_("cannot write %s: %s"), path, strerror(errno));
		return 1;
	}
	if (!print_write_text(d, fp) || (path && fclose(fp) != 0)) {
		cli_error(_("cannot write %s: %s"), path ? path : _("standard output"), strerror(errno));
		return 1;
	}
	return 0;
}

/* Whether prog is an executable in $PATH. */
static bool
in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL;
	bool found = false;

	copy = xstrdup(path && *path ? path : "/usr/bin:/bin");
	for (dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char *f = xasprintf("%s/%s", *dir ? dir : ".", prog);
		found = access(f, X_OK) == 0;
		free(f);
	}
	free(copy);
	return found;
}

/* Write to a temporary file and hand it to lp; the file is removed after. */
static int
send_to_lp(const struct print_doc *d, const struct print_agenda *ag, enum format f,
    const char *printer)
{
	char tmpl[] = "/tmp/kallelse-print-XXXXXX";
	int fd, rc, status;
	pid_t pid;

	if (!in_path("lp")) {
		cli_error(_("lp (CUPS) is not installed, so nothing was printed; install it "
		    "(apt-get install cups-client) or write a file with -o FILE"));
		return 1;
	}
	if ((fd = mkstemp(tmpl)) < 0) {
		cli_error(_("cannot write %s: %s"), tmpl, strerror(errno));
		return 1;
	}
	close(fd);
	if ((rc = write_out(d, ag, f, tmpl)) != 0) {
		unlink(tmpl);
		return rc;
	}
	pid = fork();
	if (pid == 0) {
		if (printer)
			execlp("lp", "lp", "-d", printer, "-t", "Dagordning", tmpl, (char *)NULL);
		else
			execlp("lp", "lp", "-t", "Dagordning", tmpl, (char *)NULL);
		_exit(127);
	}
	rc = 1;
	if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0)
		rc = 0;
	else
		cli_error(_("lp could not print %s; see its message above"), tmpl);
	unlink(tmpl);
	return rc;
}

static int
run_print(struct cli *c, struct store *s, const struct cli_args *a)
{
	enum print_variant v = PRINT_PUBLIC;
	struct print_agenda ag;
	struct print_doc d;
	enum status st;
	enum format f;
	char *mid = NULL;
	int rc = 0;

	if ((rc = check_args(a)) != 0)
		return rc;
	if (a->variant)
		print_variant_parse(a->variant, &v);
	pick_format(a, &f);
	if ((st = store_meeting_resolve(s, a->argc ? a->argv[0] : NULL, &mid)) != STATUS_OK)
		return cli_fail(s, st);
	if (a->preview) {
		tui_set_sync(&cli_tui_sync);
		rc = tui_preview(s, mid, v);
		free(mid);
		(void)c;
		return rc;
	}
	if ((st = print_agenda_load(s, mid, &ag)) != STATUS_OK) {
		free(mid);
		return cli_fail(s, st);
	}
	free(mid);
	if (v == PRINT_PERSONAL) {
		/* Whose copy: the marks of that person; without a name, the notes alone. */
		struct identity id = { 0 };
		char *err = NULL;

		if (identity_load(c->as, &id, &err) == STATUS_OK)
			print_agenda_person(s, &ag, id.name);
		free(err);
		identity_free(&id);
	}
	if (a->check && report(&ag, v) > 0)
		rc = 1;
	if (!a->check || a->output || a->lp) {
		int out;

		print_layout(&ag, v, &d);
		if (a->lp)
			out = send_to_lp(&d, &ag, f, a->printer ? a->printer : a->argc > 1 ? a->argv[1] : NULL);
		else if (f == FORMAT_PDF && !a->output && isatty(STDOUT_FILENO)) {
			cli_error(_("PDF is not for the terminal: give -o FILE, or pipe it"));
			out = 1;
		} else
			out = write_out(&d, &ag, f, a->output);
		print_doc_free(&d);
		if (out)
			rc = out;
	}
	print_agenda_free(&ag);
	return rc;
}

static const struct cli_option print_options[] = {
	CLI_OPTION("output", required_argument, OPT_OUTPUT, N_("FILE"),
	    N_("write to FILE (PDF when it ends in .pdf, else text) instead of standard output")),
	CLI_OPTION("format", required_argument, OPT_FORMAT, N_("FORMAT"),
	    N_("pdf or text (pages apart by form feeds), whatever the file is called")),
	CLI_OPTION("check", no_argument, OPT_CHECK, NULL,
	    N_("check numbering, times, secrecy, proposals, presenters and case numbers; exit 1 when one fails")),
	CLI_OPTION("preview", no_argument, OPT_PREVIEW, NULL,
	    N_("show the pages in the terminal, as they will print")),
	CLI_OPTION("lp", optional_argument, OPT_LP, N_("PRINTER"),
	    N_("send it to the printer with lp (CUPS), the default printer or PRINTER")),
	CLI_OPTION("variant", required_argument, OPT_VARIANT, N_("VARIANT"),
	    N_("public (the default: confidential items show only \"Sekretess\"), presidium or personal")),
	CLI_OPTION_END,
};

const struct cli_command cmd_print_entry = {
	.name = "print",
	.args = N_("[MEETING] [PRINTER]"),
	.max_args = 2,
	.options = print_options,
	.help = N_("print the agenda: PDF, paginated text, a printer, a preview or checks"),
	.description = N_("Lay out the agenda (DAGORDNING) of a meeting as it will be printed, in\n"
	    "A4 pages with \"DAGORDNING n(m)\", and write it as PDF or as plain text\n"
	    "with a form feed between pages, send it to a printer with lp, show it\n"
	    "in the terminal (--preview), or check it before it goes out (--check).\n"
	    "An item is never split across pages. PRINTER may follow MEETING after --lp."),
	.store = CLI_STORE_READ,
	.check = check_args,
	.run = run_print,
};
