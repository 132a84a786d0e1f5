/*
 * Opening a document's original PDF at the page the document starts on.
 *
 * The bytes from the store go to a private file (a folder of the user's
 * own, 0700, the file 0600; the viewer may read it after we return, so
 * it stays, and files older than a day there are removed). The viewer is
 * a shell command, run as $VISUAL is for notes: the terminal handed over
 * (endwin) until it returns, then the screen redrawn:
 *
 *   $KALLELSE_PDF_VIEWER with %f (the file, quoted for the shell) and %p
 *   (the page, from 1); "%%" is a "%". Without %f the file goes last.
 *   A bare name of a viewer known to take a page (evince, okular,
 *   zathura, mupdf ...) gets that viewer's page option, and runs in the
 *   background: those are desktop programs that would hold the terminal.
 *   Unset: xdg-open FILE, which takes no page; the status line says it.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "curses_compat.h"
#include "i18n.h"
#include "sha256.h"
#include "view.h"

/* Viewers that take a page, and how: the arguments after the program's name. */
static const struct {
	const char *name;
	const char *args;
} known_viewers[] = {
	{ "evince", "--page-index=%p %f" },
	{ "atril", "--page-index=%p %f" },
	{ "xreader", "--page-index=%p %f" },
	{ "okular", "--page=%p %f" },
	{ "zathura", "--page=%p %f" },
	{ "qpdfview", "%f#%p" },
	{ "mupdf", "%f %p" },
	{ "mupdf-gl", "%f %p" },
	{ "firefox", "file://%f#page=%p" },
	{ "chromium", "file://%f#page=%p" },
};

/* A folder only this user can enter, made when missing. Caller frees; NULL with errno. */
static char *
private_dir(void)
{
	const char *rt = getenv("XDG_RUNTIME_DIR"), *tmp = getenv("TMPDIR");
	struct stat sb;
	char *dir;

	if (rt && *rt == '/')
		dir = xasprintf("%s/kallelse", rt);
	else
		dir = xasprintf("%s/kallelse-%ld", tmp && *tmp ? tmp : "/tmp", (long)getuid());
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		free(dir);
		return NULL;
	}
	/* In a shared /tmp the name may have been taken first: it must be ours, and private. */
	if (lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) || sb.st_uid != getuid() ||
	    (sb.st_mode & 077) != 0) {
		free(dir);
		errno = EACCES;
		return NULL;
	}
	return dir;
}

/* Files of earlier opens, a day old: the viewer has long read them. */
static void
remove_old(const char *dir)
{
	time_t now = time(NULL);
	struct dirent *e;
	DIR *d = opendir(dir);

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *path;
		struct stat sb;

		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_mtime < now - 24 * 3600)
			unlink(path);
		free(path);
	}
	closedir(d);
}

/*
 * Write the original to the private folder as SHA12-NAME.pdf (written
 * under a temporary name and renamed, so a viewer never sees half a
 * file). Returns the path (caller frees) or NULL with errno set.
 */
static char *
write_private(const char *sha, const char *name, const void *data, size_t len)
{
	char *dir = private_dir(), *tmp, *path;
	struct buf safe = { 0 };
	const char *p = data;
	int fd, e;

	if (dir == NULL)
		return NULL;
	remove_old(dir);
	/* The name is the packet's file name: only plain characters reach the shell. */
	for (const char *c = name ? name : ""; *c && safe.len < 60; c++)
		buf_addc(&safe, (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' ? *c : '_');
	buf_addc(&safe, '\0');
	path = xasprintf("%s/%.12s-%s%s", dir, sha ? sha : "", safe.data,
	    safe.len > 5 && strcmp(safe.data + safe.len - 5, ".pdf") == 0 ? "" : ".pdf");
	buf_free(&safe);
	tmp = xasprintf("%s/.new-XXXXXX", dir);
	free(dir);
	if ((fd = mkstemp(tmp)) < 0)
		goto fail;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			e = w < 0 ? errno : EIO;
			close(fd);
			unlink(tmp);
			errno = e;
			goto fail;
		}
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		e = errno;
		unlink(tmp);
		errno = e;
		goto fail;
	}
	free(tmp);
	return path;
fail:
	e = errno;
	free(tmp);
	free(path);
	errno = e;
	return NULL;
}

/* s in single quotes for sh: ' becomes '\''. */
static void
add_quoted(struct buf *b, const char *s)
{
	buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_adds(b, "'\\''");
		else
			buf_addc(b, *s);
	}
	buf_addc(b, '\'');
}

/* tpl with %f, %p and %% replaced; used_f and used_p say which were there. */
static void
expand(struct buf *b, const char *tpl, const char *path, int page, bool *used_f, bool *used_p)
{
	for (const char *c = tpl; *c; c++) {
		if (c[0] == '%' && c[1] == 'f') {
			add_quoted(b, path);
			*used_f = true;
			c++;
		} else if (c[0] == '%' && c[1] == 'p') {
			buf_printf(b, "%d", page > 0 ? page : 1);
			*used_p = true;
			c++;
		} else if (c[0] == '%' && c[1] == '%') {
			buf_addc(b, '%');
			c++;
		} else {
			buf_addc(b, *c);
		}
	}
}

/*
 * The shell command that opens path at page. *takes_page: whether the
 * command was given the page. Caller frees.
 */
char *
pager_viewer_command(const char *viewer, const char *path, int page, bool *takes_page)
{
	struct buf b = { 0 };
	bool used_f = false;

	*takes_page = false;
	if (viewer == NULL || *viewer == '\0') {
		buf_adds(&b, "xdg-open ");
		add_quoted(&b, path);
		return buf_detach(&b, NULL);
	}
	if (strpbrk(viewer, " \t%") == NULL) {
		const char *base = strrchr(viewer, '/');

		base = base ? base + 1 : viewer;
		for (size_t i = 0; i < sizeof known_viewers / sizeof known_viewers[0]; i++) {
			if (strcmp(base, known_viewers[i].name) != 0)
				continue;
			add_quoted(&b, viewer);
			buf_addc(&b, ' ');
			expand(&b, known_viewers[i].args, path, page, &used_f, takes_page);
			/* A desktop program: it must not hold the terminal, nor write on the screen. */
			buf_adds(&b, " </dev/null >/dev/null 2>&1 &");
			return buf_detach(&b, NULL);
		}
	}
	expand(&b, viewer, path, page, &used_f, takes_page);
	if (!used_f) {
		buf_addc(&b, ' ');
		add_quoted(&b, path);
	}
	return buf_detach(&b, NULL);
}

void
pager_open_original(struct ui *ui, const struct store_doc *doc, size_t line)
{
	const char *viewer = getenv("KALLELSE_PDF_VIEWER");
	char *name = NULL, *path, *cmd, sha[65];
	void *data = NULL;
	size_t len = 0;
	bool takes_page;
	int page = 0, rc;

	if (!doc->has_original ||
	    store_doc_original(ui_store(ui), doc->id, line, &data, &len, &name, &page) != STATUS_OK) {
		ui_message(ui, "%s", _("This document has no original PDF: it was imported from text, or came "
		    "by sync."));
		return;
	}
	store_sha256_bytes_hex(data, len, sha);
	path = write_private(sha, name, data, len);
	free(data);
	free(name);
	if (path == NULL) {
		ui_message(ui, _("Cannot write the original to a private file: %s"), strerror(errno));
		return;
	}
	cmd = pager_viewer_command(viewer, path, page, &takes_page);
	/* Hand the terminal over, as for $VISUAL: the viewer may be a terminal program. */
	def_prog_mode();
	endwin();
	rc = system(cmd);
	reset_prog_mode();
	refresh();
	if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) == 127 || WEXITSTATUS(rc) == 126) {
		ui_message(ui, _("Cannot start the PDF viewer (%s): set KALLELSE_PDF_VIEWER to a PDF "
		    "viewer, e.g. \"evince\", or write the original out with `kallelse original`; "
		    "it is in %s"), viewer && *viewer ? viewer : "xdg-open", path);
	} else if (WEXITSTATUS(rc) != 0) {
		ui_message(ui, _("The PDF viewer (%s) ended with status %d; the original is in %s, "
		    "page %d"), viewer && *viewer ? viewer : "xdg-open", WEXITSTATUS(rc), path, page);
	} else if (takes_page) {
		ui_message(ui, _("Opened the original at page %d (%s)"), page, path);
	} else {
		ui_message(ui, _("Opened the original (%s); the text on screen is on page %d"), path,
		    page);
	}
	free(cmd);
	free(path);
}
