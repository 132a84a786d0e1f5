/*
 * Where a publication is: a folder (a mounted share, a USB stick, a
 * synced cloud folder) or an http(s):// URL read with libcurl (in the
 * module kallelse-http.so, loaded for the first URL). Requests
 * are conditional (If-None-Match with the ETag from last time), so an
 * unchanged publication costs one small request answered 304. Every
 * answer is read up to a limit and treated as untrusted bytes.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "http_module.h"
#include "i18n.h"
#include "module.h"
#include "sync_internal.h"
#include "xmalloc.h"

struct sync_source {
	char *base;		/* folder path or URL, without a trailing '/' */
	bool is_http;
	const struct http_module *m;	/* for a URL */
	void *http;		/* one handle: the connection is reused */
	size_t bytes;
};

bool
sync_source_is_http(const struct sync_source *src)
{
	return src->is_http;
}

size_t
sync_source_bytes(const struct sync_source *src)
{
	return src->bytes;
}

/* The HTTP module, loaded once; NULL with *err (caller frees) when it cannot be. */
static const struct http_module *
http_module(char **err)
{
	static const struct http_module *m;
	const struct http_module *(*get)(void);

	if (m == NULL && (get = (const struct http_module *(*)(void))module_symbol("kallelse-http.so",
	    HTTP_MODULE_SYMBOL, err)) != NULL) {
		m = get();
		if (m->abi != HTTP_MODULE_ABI) {
			*err = xasprintf(_("kallelse-http.so is of another version of kallelse "
			    "(interface %d, not %d): reinstall kallelse"), m->abi, HTTP_MODULE_ABI);
			m = NULL;
		}
	}
	return m;
}

enum status
sync_source_open(const char *spec, struct sync_source **out, char **err)
{
	struct sync_source *src = xcalloc(1, sizeof *src);
	size_t n = strlen(spec);

	*out = NULL;
	while (n > 1 && spec[n - 1] == '/')
		n--;
	src->base = xstrndup(spec, n);
	src->is_http = strncmp(spec, "http://", 7) == 0 || strncmp(spec, "https://", 8) == 0;
	if (src->is_http) {
		if ((src->m = http_module(err)) == NULL) {
			sync_source_close(src);
			return STATUS_INTERNAL;
		}
		if ((src->http = src->m->open(PACKAGE_NAME "/" PACKAGE_VERSION)) == NULL) {
			*err = xstrdup(_("libcurl could not start"));
			sync_source_close(src);
			return STATUS_INTERNAL;
		}
	} else if (strstr(spec, "://") != NULL) {
		*err = xasprintf(_("%s: only folders and http:// or https:// addresses can be synced from"),
		    spec);
		sync_source_close(src);
		return STATUS_BAD_INPUT;
	} else {
		struct stat sb;

		if (stat(src->base, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			*err = xasprintf(_("the source %s could not be reached: %s"), spec,
			    stat(src->base, &sb) != 0 ? strerror(errno) : _("not a folder"));
			sync_source_close(src);
			return STATUS_IO;
		}
	}
	*out = src;
	return STATUS_OK;
}

void
sync_source_close(struct sync_source *src)
{
	if (src == NULL)
		return;
	if (src->http)
		src->m->close(src->http);
	free(src->base);
	free(src);
}

/* ---- a folder ---- */

static enum status
folder_get(struct sync_source *src, const char *name, size_t max, const char *etag,
    bool *not_modified, char **new_etag, char **data, size_t *len, char **err)
{
	char *path = xasprintf("%s/%s", src->base, name);
	struct stat sb;
	enum status st;
	char *tag = NULL;

	/* A folder's "ETag": size and modification time (rename gives a new inode too). */
	if (stat(path, &sb) == 0)
		tag = xasprintf("%lld-%lld.%09ld-%llu", (long long)sb.st_size,
		    (long long)sb.st_mtim.tv_sec, (long)sb.st_mtim.tv_nsec,
		    (unsigned long long)sb.st_ino);
	if (etag && tag && strcmp(etag, tag) == 0) {
		*not_modified = true;
		if (new_etag)
			*new_etag = tag;
		else
			free(tag);
		free(path);
		return STATUS_OK;
	}
	st = sync_read_file(path, max, data, len, err);
	if (st == STATUS_OK) {
		src->bytes += *len;
		if (new_etag) {
			*new_etag = tag;
			tag = NULL;
		}
	}
	free(tag);
	free(path);
	return st;
}

/* ---- HTTP ---- */

static enum status
http_get(struct sync_source *src, const char *name, size_t max, const char *etag,
    bool *not_modified, char **new_etag, char **data, size_t *len, char **err)
{
	char *url = xasprintf("%s/%s", src->base, name);
	struct http_answer a;
	enum status st = STATUS_OK;

	src->m->get(src->http, url, max, etag, &a);
	src->bytes += (size_t)a.bytes;
	if (a.too_big) {
		*err = xasprintf(_("%s is more than the %zu bytes allowed"), url, max);
		st = STATUS_BAD_INPUT;
	} else if (!a.reached) {
		*err = xasprintf(_("the source %s could not be reached: %s"), url, a.error);
		st = STATUS_IO;
	} else if (a.code == 304 && etag) {
		*not_modified = true;
	} else if (a.code == 404 || a.code == 410) {
		st = STATUS_NOT_FOUND;
	} else if (a.code != 200) {
		*err = xasprintf(_("%s: the server answered %ld"), url, a.code);
		st = STATUS_IO;
	}
	if (st == STATUS_OK && !*not_modified) {
		*data = a.body;
		*len = a.len;
		a.body = NULL;
	}
	if (st == STATUS_OK && new_etag) {
		*new_etag = a.etag;
		a.etag = NULL;
	}
	free(a.body);
	free(a.etag);
	free(url);
	return st;
}

static enum status
http_put(struct sync_source *src, const char *name, const void *data, size_t len, char **err)
{
	char *url = xasprintf("%s/%s", src->base, name);
	struct http_answer a;
	enum status st = STATUS_OK;

	src->m->put(src->http, url, data, len, &a);
	if (!a.reached) {
		*err = xasprintf(_("the source %s could not be reached: %s"), url, a.error);
		st = STATUS_IO;
	} else if (a.code < 200 || a.code > 299) {
		*err = xasprintf(_("%s: the server refused to store the marks (%ld)"), url, a.code);
		st = a.code == 401 || a.code == 403 || a.code == 405 ? STATUS_DENIED : STATUS_IO;
	}
	free(a.etag);
	free(url);
	return st;
}

enum status
sync_source_get(struct sync_source *src, const char *name, size_t max, const char *etag,
    bool *not_modified, char **new_etag, char **data, size_t *len, char **err)
{
	*not_modified = false;
	*data = NULL;
	*len = 0;
	if (new_etag)
		*new_etag = NULL;
	if (src->is_http)
		return http_get(src, name, max, etag, not_modified, new_etag, data, len, err);
	return folder_get(src, name, max, etag, not_modified, new_etag, data, len, err);
}

enum status
sync_source_put(struct sync_source *src, const char *name, const void *data, size_t len,
    char **err)
{
	char *path, *dir;
	enum status st;

	if (src->is_http)
		return http_put(src, name, data, len, err);
	path = xasprintf("%s/%s", src->base, name);
	dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	st = sync_mkdirs(dir, err);
	if (st == STATUS_OK)
		st = sync_write_atomic(path, data, len, err);
	free(dir);
	free(path);
	return st;
}
