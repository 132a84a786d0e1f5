/*
 * xmalloc_heap_grow (store/base/xmalloc.c; used at start-up and import with
 * ./configure --enable-huge-heap): the heap grows once, begins at a
 * 2 MB boundary and lies on transparent huge pages, so that a process's
 * first few hundred KB of small allocations cost one or two page faults
 * instead of one per 4 KB (about 12 us each on the benchmark machine).
 * The first version gave no huge page at all: malloc had written into the
 * range before the advice. A plain program, not Check: the reservation
 * must come before anything else allocates. Skips (77) where the kernel
 * gives no huge pages or another allocator (a sanitizer's) owns the heap.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "xmalloc.h"

static int failed;

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		failed = 1; \
		printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
		printf(__VA_ARGS__); \
		printf("\n"); \
	} \
} while (0)

/* "always" or "madvise" in the kernel's THP setting; NULL when unknown. */
static const char *
thp_mode(char *buf, size_t size)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	char *a, *b;

	if (f == NULL)
		return NULL;
	if (fgets(buf, (int)size, f) == NULL) {
		fclose(f);
		return NULL;
	}
	fclose(f);
	a = strchr(buf, '[');
	b = a ? strchr(a, ']') : NULL;
	if (a == NULL || b == NULL)
		return NULL;
	*b = '\0';
	return a + 1;
}

static long
anon_huge_kb(void)
{
	FILE *f = fopen("/proc/self/smaps_rollup", "r");
	char line[256];
	long kb = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "AnonHugePages:", 14) == 0)
			kb = atol(line + 14);
	fclose(f);
	return kb;
}

/* Whether the kernel gives a huge page right now to an aligned, advised
 * 2 MB of fresh memory (it may not, when memory is fragmented). */
static bool
control_gets_huge_page(void)
{
	const size_t huge = (size_t)2 << 20;
	long kb0 = anon_huge_kb(), kb1;
	char *m = mmap(NULL, 2 * huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *a;

	if (m == MAP_FAILED)
		return false;
	a = (char *)(((uintptr_t)m + huge - 1) & ~(uintptr_t)(huge - 1));
	madvise(a, huge, MADV_HUGEPAGE);
	memset(a, 1, huge);
	kb1 = anon_huge_kb();
	munmap(m, 2 * huge);
	return kb1 >= kb0 + 2048;
}

int
main(void)
{
	const uintptr_t huge = (uintptr_t)2 << 20;
	char *before = sbrk(0), *after, *again, *first, mode_buf[128];
	const char *mode;
	struct rusage r0, r1;
	long faults;

	xmalloc_heap_grow(32 << 20);	/* first, before stdio allocates */
	after = sbrk(0);
	mode = thp_mode(mode_buf, sizeof mode_buf);
	if ((uintptr_t)after <= (uintptr_t)before + huge) {
		printf("SKIP: the heap did not grow (another allocator owns it)\n");
		return 77;
	}
	if (mode == NULL || strcmp(mode, "never") == 0) {
		printf("SKIP: no transparent huge pages here (%s)\n", mode ? mode : "unknown");
		return 77;
	}
	xmalloc_heap_grow(64 << 20);
	again = sbrk(0);
	CHECK(again == after, "a second call grew the heap again: %p -> %p", (void *)after,
	    (void *)again);

	/* What a start-up allocates: a few hundred KB in small blocks. */
	getrusage(RUSAGE_SELF, &r0);
	first = xmalloc(100);
	memset(first, 1, 100);
	for (int i = 0; i < 5000; i++) {
		char *p = xmalloc(100);

		memset(p, 1, 100);
		CHECK((uintptr_t)p >= (uintptr_t)before && (uintptr_t)p < (uintptr_t)again,
		    "block %d at %p is outside the reserved heap", i, (void *)p);
		if (failed)
			break;
	}
	getrusage(RUSAGE_SELF, &r1);
	faults = r1.ru_minflt - r0.ru_minflt;
	if (!failed && anon_huge_kb() < 2048 && !control_gets_huge_page()) {
		printf("SKIP: the kernel gives no huge page at the moment, not even to a plain mapping\n");
		return 77;
	}
	/* On small pages 500 KB is about 125 faults; on a huge page 1 or 2. */
	CHECK(faults < 40, "%ld page faults for 500 KB of small blocks", faults);
	CHECK(((uintptr_t)first & (huge - 1)) < 4096 || ((uintptr_t)first & (huge - 1)) > huge - 4096,
	    "the heap's first block %p is not next to a 2 MB boundary", (void *)first);
	CHECK(anon_huge_kb() >= 2048, "AnonHugePages %ld kB, want >= 2048", anon_huge_kb());
	printf("%s: heap %p..%p, %ld faults for 500 KB, AnonHugePages %ld kB (THP %s)\n",
	    failed ? "FAIL" : "PASS", (void *)before, (void *)again, faults, anon_huge_kb(), mode);
	return failed;
}
