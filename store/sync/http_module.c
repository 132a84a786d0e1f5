/*
 * kallelse-http.so: GET and PUT with libcurl for sync (http_module.h).
 * http and https only, also after redirects; a stalled server is given
 * up after 30 s below 100 bytes/s; a login for marks/ comes from ~/.netrc
 * when the URL carries none. Every answer is read up to a limit.
 */
#include "config.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http_module.h"

struct body {
	char *data;
	size_t len, cap, max;
	int too_big, no_memory;
};

static size_t
on_body(char *p, size_t size, size_t n, void *v)
{
	struct body *bd = v;
	size_t add = size * n;

	if (bd->len + add > bd->max) {
		bd->too_big = 1;
		return 0;	/* aborts the transfer */
	}
	if (bd->len + add + 1 > bd->cap) {
		size_t cap = bd->cap ? bd->cap : 4096;
		char *d;

		while (cap < bd->len + add + 1)
			cap *= 2;
		if ((d = realloc(bd->data, cap)) == NULL) {
			bd->no_memory = 1;
			return 0;
		}
		bd->data = d;
		bd->cap = cap;
	}
	memcpy(bd->data + bd->len, p, add);
	bd->len += add;
	bd->data[bd->len] = '\0';
	return add;
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
		if ((*etag = malloc((size_t)(e - s) + 1)) != NULL) {
			memcpy(*etag, s, (size_t)(e - s));
			(*etag)[e - s] = '\0';
		}
	}
	return len;
}

static void *
http_open(const char *user_agent)
{
	static int global;
	CURL *c;

	if (!global) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		global = 1;
	}
	/* Kept as the handle's private pointer: common() sets it again after each reset. */
	if ((c = curl_easy_init()) != NULL)
		curl_easy_setopt(c, CURLOPT_PRIVATE, (void *)user_agent);
	return c;
}

static void
http_close(void *h)
{
	if (h)
		curl_easy_cleanup(h);
}

static void
common(CURL *c, const char *url)
{
	char *agent = NULL;

	/* curl_easy_reset forgets the user agent too: keep it across. */
	curl_easy_getinfo(c, CURLINFO_PRIVATE, &agent);
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_PRIVATE, agent);
	curl_easy_setopt(c, CURLOPT_USERAGENT, agent);
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
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 100L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 30L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
}

/* Perform and fill a from the transfer; the body is kept only when asked. */
static void
finish(CURL *c, struct body *bd, struct http_answer *a, int keep)
{
	CURLcode rc = curl_easy_perform(c);
	curl_off_t got = 0;

	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a->code);
	curl_easy_getinfo(c, CURLINFO_SIZE_DOWNLOAD_T, &got);
	a->bytes = (long long)got;
	a->too_big = bd->too_big;
	a->reached = rc == CURLE_OK || bd->too_big;
	if (rc != CURLE_OK && !bd->too_big)
		strncpy(a->error, bd->no_memory ? "out of memory" : curl_easy_strerror(rc),
		    sizeof a->error - 1);
	if (keep && a->reached && !a->too_big) {
		a->body = bd->data ? bd->data : calloc(1, 1);
		a->len = bd->len;
	} else {
		free(bd->data);
	}
}

static void
http_get(void *h, const char *url, size_t max, const char *etag, struct http_answer *a)
{
	CURL *c = h;
	struct body bd = { .max = max };
	struct curl_slist *hdr = NULL;
	char *line = NULL;

	memset(a, 0, sizeof *a);
	common(c, url);
	if (etag && (line = malloc(strlen(etag) + 32)) != NULL) {
		strcpy(line, "If-None-Match: ");
		strcat(line, etag);
		hdr = curl_slist_append(hdr, line);
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	}
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &bd);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &a->etag);
	finish(c, &bd, a, 1);
	curl_slist_free_all(hdr);
	free(line);
}

static void
http_put(void *h, const char *url, const void *data, size_t len, struct http_answer *a)
{
	CURL *c = h;
	struct body bd = { .max = 65536 };

	memset(a, 0, sizeof *a);
	common(c, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, data);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &bd);
	finish(c, &bd, a, 0);
}

const struct http_module *
kallelse_http_module(void)
{
	static const struct http_module m = { HTTP_MODULE_ABI, http_open, http_close, http_get,
		http_put };

	return &m;
}
