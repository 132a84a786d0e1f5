#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "xmalloc.h"

static void
die_nomem(size_t size)
{
	fprintf(stderr, "kallelse: out of memory (%zu bytes)\n", size);
	exit(1);
}

/*
 * Each new 4 KB page a process touches costs a page fault, and on the
 * benchmark machine (a virtual machine) one costs about 12 us: importing
 * the seed touched 2,800 fresh pages, starting the program on its agenda
 * about 120 of heap (ncurses' screens, SQLite's parser). So the heap grows
 * in one step, is not trimmed, and gets transparent huge pages (with THP in
 * "madvise" mode: one fault per 2 MB). It is made to begin at a 2 MB
 * boundary, as allocations are carved from its low end: otherwise the
 * first up to 2 MB, all a start-up uses, would stay on small pages. Without
 * glibc on Linux, or under another allocator (a sanitizer's), nothing.
 *
 * It was measured to pay on one AMD EPYC machine only (start 1.6x less
 * instead of 2.0x); on an Intel Xeon machine start-up was 2.9x less with
 * it, and a short command pays the 2 MB first touch: so it is off unless
 * ./configure --enable-huge-heap.
 */
void
xmalloc_heap_reserve(size_t size)
{
#ifdef KALLELSE_HUGE_HEAP
	xmalloc_heap_grow(size);
#else
	(void)size;
#endif
}

void
xmalloc_heap_grow(size_t size)
{
#if defined(__GLIBC__) && defined(__linux__) && defined(MADV_HUGEPAGE) && defined(M_TOP_PAD)
	static bool done;
	const uintptr_t huge = (uintptr_t)2 << 20;
	long pagesize = sysconf(_SC_PAGESIZE);
	uintptr_t page = pagesize > 0 ? (uintptr_t)pagesize : 4096, at, start, end;
	char *a, *b;

	if (done || size > INT_MAX / 2)
		return;
	done = true;
	/* Buffers up to 32 MB (glibc's limit) from the heap too. */
	if (mallopt(M_MMAP_THRESHOLD, 32 << 20) != 1 || mallopt(M_TRIM_THRESHOLD, INT_MAX) != 1 ||
	    mallopt(M_TOP_PAD, (int)size) != 1)
		return;
	a = sbrk(0);
	if (a == (char *)-1)
		return;
	/* The heap's bookkeeping is written into its first page before the
	 * advice can be given, and a 2 MB range with a small page in it never
	 * gets a huge one: the heap begins one page before the boundary. */
	at = (uintptr_t)a;
	start = (at + page + huge - 1) & ~(huge - 1);
	if (sbrk((intptr_t)(start - page - at)) == (void *)-1)
		return;
	{
		/* volatile: the compiler may drop an unused malloc/free pair. */
		void *volatile grow = malloc(size / 2);	/* the heap grows by size / 2 + size */

		free(grow);
	}
	b = sbrk(0);
	if (b == (char *)-1 || (uintptr_t)b <= start)
		return;		/* another allocator: leave it be */
	end = (uintptr_t)b & ~(huge - 1);
	if (end > start)
		madvise((void *)start, end - start, MADV_HUGEPAGE);	/* advice: failure is harmless */
#else
	(void)size;
#endif
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (p == NULL)
		die_nomem(size);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (p == NULL)
		die_nomem(nmemb * size);
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (p == NULL)
		die_nomem(size);
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size && nmemb > (size_t)-1 / size)
		die_nomem((size_t)-1);
	return xrealloc(ptr, nmemb * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrdup_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list again;
	char *p;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0) {
		va_end(again);
		return xstrdup("");
	}
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, again);
	va_end(again);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_add(struct buf *b, const char *s, size_t len)
{
	buf_grow(b, len);
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char *p = b->data ? b->data : xstrdup("");
	if (len)
		*len = b->data ? b->len : 0;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
