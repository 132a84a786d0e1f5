/*
 * The waits of the pty harness (see screen_pty.h): each reads what the
 * program writes until a condition on the screen holds or its deadline
 * passes, and gives up early when the program has closed its terminal.
 * Nothing sleeps blindly: a wait returns as soon as the screen is right.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screen_pty.h"
#include "screen_pty_internal.h"

/* The longest one read waits before the condition is looked at again. */
#define POLL_SLICE_MS 50

double
pty_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Read until holds(p, arg), or the deadline, or the terminal closed; whether it holds. */
static bool
wait_until(struct pty *p, bool (*holds)(struct pty *, const void *), const void *arg,
    int timeout_ms)
{
	double end = pty_now_ms() + timeout_ms;

	for (;;) {
		if (holds(p, arg))
			return true;
		double left = end - pty_now_ms();
		if (left <= 0 || !pty_live(p))
			return holds(p, arg);
		pty_pump(p, left < POLL_SLICE_MS ? (int)left + 1 : POLL_SLICE_MS);
	}
}

static bool
changed(struct pty *p, const void *since)
{
	return pty_generation(p) != *(const unsigned long *)since;
}

bool
pty_wait_change(struct pty *p, unsigned long since, int timeout_ms)
{
	return wait_until(p, changed, &since, timeout_ms);
}

static bool
shows(struct pty *p, const void *text)
{
	return pty_find_row(p, text) >= 0;
}

int
pty_wait_text(struct pty *p, const char *text, int timeout_ms)
{
	wait_until(p, shows, text, timeout_ms);
	return pty_find_row(p, text);
}

static bool
gone(struct pty *p, const void *text)
{
	return pty_find_row(p, text) < 0;
}

bool
pty_wait_gone(struct pty *p, const char *text, int timeout_ms)
{
	return wait_until(p, gone, text, timeout_ms);
}

struct row_text {
	int row;
	const char *text;
	char *buf;
	size_t size;
};

static bool
row_reads(struct pty *p, const void *arg)
{
	const struct row_text *rt = arg;

	return strcmp(pty_row(p, rt->row, rt->buf, rt->size), rt->text) == 0;
}

bool
pty_wait_row(struct pty *p, int row, const char *text, int timeout_ms)
{
	int rows, cols;
	struct row_text rt = { row, text, NULL, 0 };
	bool ok;

	/* Up to 6 bytes a cell: a character and its combining marks. */
	pty_size(p, &rows, &cols);
	rt.size = (size_t)cols * 6 + 8;
	rt.buf = malloc(rt.size);
	ok = wait_until(p, row_reads, &rt, timeout_ms);
	free(rt.buf);
	return ok;
}

struct cell {
	int row, col;
};

static bool
reversed(struct pty *p, const void *arg)
{
	const struct cell *c = arg;

	return pty_reverse(p, c->row, c->col);
}

bool
pty_wait_reverse(struct pty *p, int row, int col, int timeout_ms)
{
	struct cell c = { row, col };

	return wait_until(p, reversed, &c, timeout_ms);
}

bool
pty_settle(struct pty *p, int quiet_ms, int timeout_ms)
{
	double end = pty_now_ms() + timeout_ms;

	while (pty_now_ms() < end) {
		if (!pty_pump(p, quiet_ms))
			return true;
	}
	return false;
}
