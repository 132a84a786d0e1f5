/*
 * Where a publication is: a folder (a mounted share, a USB stick, a
 * synced cloud folder) or an http(s):// URL read with libcurl. Requests
 * are conditional (If-None-Match with the ETag from last time), so an
 * unchanged publication costs one small request answered 304. Every
 * answer is read up to a limit and treated as untrusted bytes.
 */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "sync_internal.h"
#include "xmalloc.h"

struct sync_source {
	char *base;		/* folder path or URL, without a trailing '/' */
	bool http;
	CURL *curl;		/* one handle: the connection is reused */
	size_t bytes;
};

bool
sync_source_is_http(const struct sync_source *src)
{
	return src->http;
}

size_t
sync_source_bytes(const struct sync_source *src)
{
	return src->bytes;
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
	src->http = strncmp(spec, "http://", 7) == 0 || strncmp(spec, "https://", 8) == 0;
	if (src->http) {
		static bool global;

		if (!global) {
			curl_global_init(CURL_GLOBAL_DEFAULT);
			global = true;
		}
		src->curl = curl_easy_init();
		if (src->curl == NULL) {
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
	if (src->curl)
		curl_easy_cleanup(src->curl);
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

struct body {
	struct buf b;
	size_t max;
	bool too_big;
};

static size_t
on_body(char *p, size_t size, size_t n, void *v)
{
	struct body *bd = v;

	if (bd->b.len + size * n > bd->max) {
		bd->too_big = true;
		return 0;	/* aborts the transfer */
	}
	buf_add(&bd->b, p, size * n);
	return size * n;
}

static size_t
on_header(char *p, size_t size, size_t n, void *v)
{
	char **etag = v;
	size_t len = size * n;

	if (len > 5 && strncasecmp(p, "etag:", 5) == 0) {
		const char *s = p + 5, *e = p + len;

		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == '\r' || e[-1] == '\n' || e[-1] == ' '))
			e--;
		free(*etag);
		*etag = xstrndup(s, (size_t)(e - s));
	}
	return len;
}

static void
http_common(struct sync_source *src, const char *url)
{
	CURL *c = src->curl;

	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
	/* A stalled server: give up after 30 s below 100 bytes/s. */
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 100L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 30L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	/* A login for marks/ from ~/.netrc when the URL does not carry one. */
	curl_easy_setopt(c, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
	curl_easy_setopt(c, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
}

static enum status
http_get(struct sync_source *src, const char *name, size_t max, const char *etag,
    bool *not_modified, char **new_etag, char **data, size_t *len, char **err)
{
	char *url = xasprintf("%s/%s", src->base, name);
	struct body bd = { { 0 }, max, false };
	struct curl_slist *hdr = NULL;
	char *tag = NULL, *h = NULL;
	long code = 0;
	CURLcode rc;
	enum status st = STATUS_OK;

	http_common(src, url);
	if (etag) {
		h = xasprintf("If-None-Match: %s", etag);
		hdr = curl_slist_append(hdr, h);
		curl_easy_setopt(src->curl, CURLOPT_HTTPHEADER, hdr);
	}
	curl_easy_setopt(src->curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(src->curl, CURLOPT_WRITEDATA, &bd);
	curl_easy_setopt(src->curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(src->curl, CURLOPT_HEADERDATA, &tag);
	rc = curl_easy_perform(src->curl);
	curl_easy_getinfo(src->curl, CURLINFO_RESPONSE_CODE, &code);
	{
		curl_off_t got = 0;

		curl_easy_getinfo(src->curl, CURLINFO_SIZE_DOWNLOAD_T, &got);
		src->bytes += (size_t)got;
	}
	if (bd.too_big) {
		*err = xasprintf(_("%s is more than the %zu bytes allowed"), url, max);
		st = STATUS_BAD_INPUT;
	} else if (rc != CURLE_OK) {
		*err = xasprintf(_("the source %s could not be reached: %s"), url,
		    curl_easy_strerror(rc));
		st = STATUS_IO;
	} else if (code == 304 && etag) {
		*not_modified = true;
	} else if (code == 404 || code == 410) {
		st = STATUS_NOT_FOUND;
	} else if (code != 200) {
		*err = xasprintf(_("%s: the server answered %ld"), url, code);
		st = STATUS_IO;
	}
	if (st == STATUS_OK && !*not_modified) {
		if (bd.b.data == NULL)
			buf_adds(&bd.b, "");
		*data = buf_detach(&bd.b, len);
	}
	buf_free(&bd.b);
	if (st == STATUS_OK && new_etag) {
		*new_etag = tag;
		tag = NULL;
	}
	free(tag);
	free(h);
	curl_slist_free_all(hdr);
	free(url);
	return st;
}

static enum status
http_put(struct sync_source *src, const char *name, const void *data, size_t len, char **err)
{
	char *url = xasprintf("%s/%s", src->base, name);
	struct body bd = { { 0 }, 65536, false };
	long code = 0;
	CURLcode rc;
	enum status st = STATUS_OK;

	http_common(src, url);
	curl_easy_setopt(src->curl, CURLOPT_CUSTOMREQUEST, "PUT");
	curl_easy_setopt(src->curl, CURLOPT_POSTFIELDS, data);
	curl_easy_setopt(src->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(src->curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(src->curl, CURLOPT_WRITEDATA, &bd);
	rc = curl_easy_perform(src->curl);
	curl_easy_getinfo(src->curl, CURLINFO_RESPONSE_CODE, &code);
	if (rc != CURLE_OK) {
		*err = xasprintf(_("the source %s could not be reached: %s"), url,
		    curl_easy_strerror(rc));
		st = STATUS_IO;
	} else if (code < 200 || code > 299) {
		*err = xasprintf(_("%s: the server refused to store the marks (%ld)"), url, code);
		st = code == 401 || code == 403 || code == 405 ? STATUS_DENIED : STATUS_IO;
	}
	buf_free(&bd.b);
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
	if (src->http)
		return http_get(src, name, max, etag, not_modified, new_etag, data, len, err);
	return folder_get(src, name, max, etag, not_modified, new_etag, data, len, err);
}

enum status
sync_source_put(struct sync_source *src, const char *name, const void *data, size_t len,
    char **err)
{
	char *path, *dir;
	enum status st;

	if (src->http)
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
