/*
 * Files written so that a reader never sees half of one: a temporary
 * name in the same folder, fsync, rename over the old name, fsync the
 * folder. Files read with a size limit: a publication is untrusted.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "sync_internal.h"
#include "xmalloc.h"

enum status
sync_mkdirs(const char *path, char **err)
{
	char *p = xstrdup(path);

	for (char *q = p + 1; ; q++) {
		if (*q == '/' || *q == '\0') {
			char c = *q;

			*q = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
				*err = xasprintf(_("cannot make the folder %s: %s"), p, strerror(errno));
				free(p);
				return STATUS_IO;
			}
			*q = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return STATUS_OK;
}

enum status
sync_write_atomic(const char *path, const void *data, size_t len, char **err)
{
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	const char *p = data;
	size_t left = len;
	int fd, e = 0;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		e = errno;
		goto fail;
	}
	while (left > 0) {
		ssize_t w = write(fd, p, left);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			break;
		}
		p += w;
		left -= (size_t)w;
	}
	if (e == 0 && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e == 0 && rename(tmp, path) != 0)
		e = errno;
	if (e != 0) {
		unlink(tmp);
		goto fail;
	}
	/* The rename itself is durable only once the folder is synced. */
	if (slash) {
		*slash = '\0';
		fd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			fsync(fd);
			close(fd);
		}
	}
	free(tmp);
	free(dir);
	return STATUS_OK;
fail:
	*err = xasprintf(_("cannot write %s: %s"), path, strerror(e));
	free(tmp);
	free(dir);
	return STATUS_IO;
}

enum status
sync_read_file(const char *path, size_t max, char **data, size_t *len, char **err)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t got = 0, cap;
	char *buf;

	*data = NULL;
	*len = 0;
	if (fd < 0) {
		if (errno == ENOENT)
			return STATUS_NOT_FOUND;
		*err = xasprintf(_("cannot read %s: %s"), path, strerror(errno));
		return STATUS_IO;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		*err = xasprintf(_("%s is not a file"), path);
		close(fd);
		return STATUS_IO;
	}
	if ((unsigned long long)sb.st_size > max) {
		*err = xasprintf(_("%s is %lld bytes, more than the %zu allowed"), path,
		    (long long)sb.st_size, max);
		close(fd);
		return STATUS_BAD_INPUT;
	}
	cap = (size_t)sb.st_size + 1;
	buf = xmalloc(cap + 1);
	/* Read to the end, also if the file grew: never more than max. */
	for (;;) {
		ssize_t r;

		if (got == cap) {
			if (cap > max) {
				*err = xasprintf(_("%s is more than the %zu bytes allowed"), path, max);
				free(buf);
				close(fd);
				return STATUS_BAD_INPUT;
			}
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		r = read(fd, buf + got, cap - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = xasprintf(_("cannot read %s: %s"), path, strerror(errno));
			free(buf);
			close(fd);
			return STATUS_IO;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got > max) {
		*err = xasprintf(_("%s is more than the %zu bytes allowed"), path, max);
		free(buf);
		return STATUS_BAD_INPUT;
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return STATUS_OK;
}
