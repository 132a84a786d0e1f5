/*
 * The HTTP module, kallelse-http.so (libcurl): loaded by source.c only
 * for an http(s):// source (store/base/module.h says why). Plain C types:
 * it links no library of kallelse, and messages are made and translated
 * on the program's side.
 */
#ifndef KALLELSE_HTTP_MODULE_H
#define KALLELSE_HTTP_MODULE_H

#include <stddef.h>

/* Bumped when this interface changes. */
#define HTTP_MODULE_ABI 1
#define HTTP_MODULE_SYMBOL "kallelse_http_module"

/* What one request gave. body and etag are malloc'ed: the caller frees them. */
struct http_answer {
	int reached;		/* 0: no answer (error says why) */
	long code;		/* the HTTP status */
	int too_big;		/* the body passed max: the transfer was stopped */
	char *body;		/* NUL-terminated after len bytes; NULL on failure */
	size_t len;
	char *etag;		/* the ETag header, or NULL */
	long long bytes;	/* bytes of body received */
	char error[256];
};

struct http_module {
	int abi;
	/* One handle: its connection is reused. NULL when libcurl cannot start. */
	void *(*open)(const char *user_agent);
	void (*close)(void *h);
	/* GET url, at most max bytes; conditional (If-None-Match) when etag is not NULL. */
	void (*get)(void *h, const char *url, size_t max, const char *etag, struct http_answer *a);
	/* PUT len bytes of data to url. */
	void (*put)(void *h, const char *url, const void *data, size_t len, struct http_answer *a);
};

const struct http_module *kallelse_http_module(void);

#endif
