/* Allocation that never returns NULL: on failure it prints and exits(1). */
#ifndef KALLELSE_XMALLOC_H
#define KALLELSE_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* reallocarray that dies on overflow or exhaustion. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* Copy of s, or NULL when s is NULL. Caller frees. */
char *xstrdup_null(const char *s);
char *xstrndup(const char *s, size_t n);
/*
 * Grow the heap once by about 1.5 * size and keep what is freed, on huge
 * pages where the kernel gives them (see xmalloc.c); once per process, the
 * first call's size counts. Only address space is reserved: memory is
 * used as pages are touched.
 */
void xmalloc_heap_grow(size_t size);
/*
 * xmalloc_heap_grow when built with ./configure --enable-huge-heap, else
 * nothing: the program and the import call this one.
 */
void xmalloc_heap_reserve(size_t size);
/* printf into a fresh string ("" when the format fails). Caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* A growable byte buffer, always NUL-terminated once anything was added. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};
void buf_add(struct buf *b, const char *s, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the data over: the caller frees the returned string; b is reset. */
char *buf_detach(struct buf *b, size_t *len);
void buf_free(struct buf *b);

#endif
