/*
 * Opening a document's original PDF: the bytes from the store go to a
 * temporary file (the viewer reads it after we return, so it stays), and
 * the viewer runs detached from the terminal: $KALLELSE_PDF_VIEWER (a
 * program, given "--page=N" first when its name says it takes one:
 * evince, okular, zathura use that form), else xdg-open. Whether the
 * program could be started at all comes back through a close-on-exec
 * pipe, so "not installed" is a message, never a silent nothing.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "view.h"

/* Write len bytes to a fresh temporary file named after name; returns its path or NULL. */
static char *
write_temp(const void *data, size_t len)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/kallelse-XXXXXX.pdf", dir && *dir ? dir : "/tmp");
	int fd = mkstemps(path, 4);
	const char *p = data;

	if (fd < 0) {
		free(path);
		return NULL;
	}
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			unlink(path);
			free(path);
			return NULL;
		}
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) != 0) {
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* Viewers known to take --page=N. */
static bool
takes_page(const char *prog)
{
	const char *base = strrchr(prog, '/');

	base = base ? base + 1 : prog;
	return strcmp(base, "evince") == 0 || strcmp(base, "okular") == 0 ||
	    strcmp(base, "zathura") == 0;
}

/* Start prog on path, detached; 0 or the errno of the failed exec. */
static int
spawn(const char *prog, const char *path, int page)
{
	int fds[2], err = 0, status;
	pid_t pid;
	char pagearg[32];

	if (pipe(fds) != 0)
		return errno;
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	snprintf(pagearg, sizeof pagearg, "--page=%d", page);
	if ((pid = fork()) < 0) {
		err = errno;
		close(fds[0]);
		close(fds[1]);
		return err;
	}
	if (pid == 0) {
		/* A grandchild in a session of its own: no zombie, no terminal. */
		int null = open("/dev/null", O_RDWR);

		close(fds[0]);
		setsid();
		if (fork() != 0)
			_exit(0);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		if (page > 0 && takes_page(prog))
			execlp(prog, prog, pagearg, path, (char *)NULL);
		else
			execlp(prog, prog, path, (char *)NULL);
		err = errno;
		if (write(fds[1], &err, sizeof err) < 0)
			_exit(127);
		_exit(127);
	}
	close(fds[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* Nothing to read: the exec succeeded and closed the pipe. */
	if (read(fds[0], &err, sizeof err) != (ssize_t)sizeof err)
		err = 0;
	close(fds[0]);
	return err;
}

void
pager_open_original(struct ui *ui, const struct store_doc *doc, int page)
{
	const char *prog = getenv("KALLELSE_PDF_VIEWER");
	void *data = NULL;
	size_t len = 0;
	char *path;
	int err;

	if (!doc->has_original ||
	    store_doc_original(ui_store(ui), doc->id, &data, &len, NULL, NULL) != STATUS_OK) {
		ui_message(ui, "%s", _("This document has no original PDF: it was imported from text."));
		return;
	}
	path = write_temp(data, len);
	free(data);
	if (path == NULL) {
		ui_message(ui, _("Cannot write the original to a temporary file: %s"), strerror(errno));
		return;
	}
	if (prog == NULL || *prog == '\0')
		prog = "xdg-open";
	if ((err = spawn(prog, path, page)) != 0) {
		ui_message(ui, _("Cannot start the PDF viewer %s (%s): set KALLELSE_PDF_VIEWER to "
		    "a PDF viewer, or write the original out with `kallelse original`; it is in %s"),
		    prog, strerror(err), path);
	} else {
		ui_message(ui, _("Opened the original in %s (%s)"), prog, path);
	}
	free(path);
}
