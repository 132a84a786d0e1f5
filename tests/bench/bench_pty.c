/*
 * bench_pty: time screens from outside, in a pseudo-terminal, with the
 * screen-test harness (tests/screen_pty.h): from start (or a key press) until the
 * expected text is on screen. Used by make bench for kallelse and for less
 * on the same text, so both are timed the same way.
 *
 *   bench_pty [-r ROWS] [-c COLS] [-n RUNS] [-w WARMUP] [-t TIMEOUT_MS]
 *             [-e NAME=VALUE]... STEP... -- PROGRAM [ARG]...
 *
 * PROGRAM is a path. The steps run in order, once per run; the clock's mark
 * is set just before the program is spawned:
 *   wait:TEXT    wait until TEXT is on screen (deadline -t, 10 s)
 *   gone:TEXT    wait until TEXT is no longer on screen
 *   key:NAME     press a key: Enter, Up, Down, Left, Right, Home, End,
 *                PageUp, PageDown, Escape, Backspace, Tab; or one character
 *   type:TEXT    type each character of TEXT
 *   quiet:MS     read until the program has written nothing for MS ms
 *   snap         remember the screen (text, reverse video, cursor)
 *   changed      wait until the screen differs from the remembered one
 *   mark         set the mark to now
 *   lap:NAME     record now - mark as figure NAME
 *   exit         wait for the program to exit
 *
 * Prints one line per figure, in first-seen order: "NAME median min max"
 * (milliseconds), then "maxrss_kb N", the peak resident set of the
 * program over all runs (getrusage of the reaped children). When a wait
 * misses its deadline the run fails: the screen goes to stderr, the
 * figures of that run are dropped, and the exit status is 1.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "screen_pty.h"

#define MAX_FIGURES 16
#define MAX_RUNS 200
#define MAX_ENV 16

struct figure {
	const char *name;
	double t[MAX_RUNS];
	int n;
};

static struct figure figures[MAX_FIGURES];
static int n_figures;

static struct figure *
figure(const char *name)
{
	for (int i = 0; i < n_figures; i++)
		if (strcmp(figures[i].name, name) == 0)
			return &figures[i];
	if (n_figures == MAX_FIGURES) {
		fprintf(stderr, "bench_pty: too many figures\n");
		exit(2);
	}
	figures[n_figures].name = name;
	return &figures[n_figures++];
}

static const struct {
	const char *name;
	VTermKey key;
} keys[] = {
	{ "Enter", VTERM_KEY_ENTER }, { "Up", VTERM_KEY_UP }, { "Down", VTERM_KEY_DOWN },
	{ "Left", VTERM_KEY_LEFT }, { "Right", VTERM_KEY_RIGHT }, { "Home", VTERM_KEY_HOME },
	{ "End", VTERM_KEY_END }, { "PageUp", VTERM_KEY_PAGEUP },
	{ "PageDown", VTERM_KEY_PAGEDOWN }, { "Escape", VTERM_KEY_ESCAPE },
	{ "Backspace", VTERM_KEY_BACKSPACE }, { "Tab", VTERM_KEY_TAB },
};

static void
press(struct pty *p, const char *name)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].name, name) == 0) {
			pty_key(p, keys[i].key);
			return;
		}
	pty_type(p, name);
}

/*
 * The screen as a string: its text, then one character per cell telling
 * reverse video, then the cursor. A pager that moves the current match
 * within the page changes only the highlight. Caller frees.
 */
static char *
snapshot(struct pty *p)
{
	char *text = pty_screen(p), *s;
	int rows, cols, row, col;
	size_t n;

	pty_size(p, &rows, &cols);
	pty_cursor(p, &row, &col);
	n = strlen(text);
	s = malloc(n + (size_t)rows * (size_t)cols + 32);
	if (s == NULL)
		abort();
	memcpy(s, text, n);
	free(text);
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++)
			s[n++] = pty_reverse(p, r, c) ? 'R' : '.';
	snprintf(s + n, 32, "|%d,%d", row, col);
	return s;
}

/* Wait until the screen differs from snap; false at the deadline. */
static bool
wait_changed(struct pty *p, const char *snap, int timeout_ms)
{
	double end = pty_now_ms() + timeout_ms;

	for (;;) {
		char *now = snapshot(p);
		bool differs = strcmp(now, snap) != 0;

		free(now);
		if (differs)
			return true;
		double left = end - pty_now_ms();
		if (left <= 0)
			return false;
		pty_pump(p, left < 50 ? (int)left + 1 : 50);
	}
}

/* One run of the steps; true when every wait was met. Laps go to figures only on success. */
static bool
run(int rows, int cols, char **steps, int n_steps, const char *const *argv,
    const char *const *env, int timeout_ms, bool keep)
{
	double mark, laps[MAX_FIGURES];
	const char *lap_names[MAX_FIGURES];
	int n_laps = 0;
	char *snap = NULL;
	bool ok = true;
	struct pty *p;

	mark = pty_now_ms();
	p = pty_spawn(rows, cols, argv, env);
	if (p == NULL)
		return false;
	for (int i = 0; i < n_steps && ok; i++) {
		const char *s = steps[i];

		if (strncmp(s, "wait:", 5) == 0)
			ok = pty_wait_text(p, s + 5, timeout_ms) >= 0;
		else if (strncmp(s, "gone:", 5) == 0)
			ok = pty_wait_gone(p, s + 5, timeout_ms);
		else if (strncmp(s, "key:", 4) == 0)
			press(p, s + 4);
		else if (strncmp(s, "type:", 5) == 0)
			pty_type(p, s + 5);
		else if (strncmp(s, "quiet:", 6) == 0) {
			/* Let a redraw finish: read until nothing comes for that long. */
			int quiet = atoi(s + 6);
			double end = pty_now_ms() + timeout_ms;

			while (pty_pump(p, quiet) && pty_now_ms() < end)
				;
		} else if (strcmp(s, "snap") == 0) {
			free(snap);
			snap = snapshot(p);
		} else if (strcmp(s, "changed") == 0)
			ok = snap && wait_changed(p, snap, timeout_ms);
		else if (strcmp(s, "mark") == 0)
			mark = pty_now_ms();
		else if (strncmp(s, "lap:", 4) == 0 && n_laps < MAX_FIGURES) {
			lap_names[n_laps] = s + 4;
			laps[n_laps++] = pty_now_ms() - mark;
		} else if (strcmp(s, "exit") == 0)
			ok = pty_wait_exit(p, timeout_ms) >= 0;
		else {
			fprintf(stderr, "bench_pty: unknown step %s\n", s);
			exit(2);
		}
		if (!ok) {
			char *screen = pty_screen(p);

			fprintf(stderr, "bench_pty: step %d (%s) missed its deadline; the screen:\n%s",
			    i + 1, s, screen);
			free(screen);
		}
	}
	free(snap);
	pty_free(p);
	if (ok && keep)
		for (int i = 0; i < n_laps; i++) {
			struct figure *f = figure(lap_names[i]);

			if (f->n < MAX_RUNS)
				f->t[f->n++] = laps[i];
		}
	return ok;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_pty [-r ROWS] [-c COLS] [-n RUNS] [-w WARMUP] [-t MS] "
	    "[-e NAME=VALUE]... STEP... -- PROGRAM [ARG]...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	int rows = 30, cols = 100, runs = 5, warmup = 1, timeout_ms = 10000, opt;
	const char *env[MAX_ENV + 1] = { 0 };
	int n_env = 0, first_step, n_steps, failed = 0;
	struct rusage ru;

	while ((opt = getopt(argc, argv, "+r:c:n:w:t:e:")) != -1) {
		switch (opt) {
		case 'r': rows = atoi(optarg); break;
		case 'c': cols = atoi(optarg); break;
		case 'n': runs = atoi(optarg); break;
		case 'w': warmup = atoi(optarg); break;
		case 't': timeout_ms = atoi(optarg); break;
		case 'e':
			if (n_env == MAX_ENV)
				usage();
			env[n_env++] = optarg;
			break;
		default: usage();
		}
	}
	first_step = optind;
	while (optind < argc && strcmp(argv[optind], "--") != 0)
		optind++;
	if (optind + 1 >= argc || runs < 1 || runs > MAX_RUNS || rows < 2 || cols < 2)
		usage();
	n_steps = optind - first_step;
	/* Name the figures in step order, so a failed run still lists them. */
	for (int i = first_step; i < optind; i++)
		if (strncmp(argv[i], "lap:", 4) == 0)
			figure(argv[i] + 4);
	for (int i = 0; i < warmup + runs; i++)
		if (!run(rows, cols, argv + first_step, n_steps, (const char *const *)argv + optind + 1,
		    env, timeout_ms, i >= warmup))
			failed++;
	for (int i = 0; i < n_figures; i++) {
		struct figure *f = &figures[i];

		if (f->n == 0) {
			printf("%s n/a n/a n/a\n", f->name);
			continue;
		}
		qsort(f->t, (size_t)f->n, sizeof f->t[0], cmp_double);
		printf("%s %.3f %.3f %.3f\n", f->name,
		    f->n % 2 ? f->t[f->n / 2] : (f->t[f->n / 2 - 1] + f->t[f->n / 2]) / 2,
		    f->t[0], f->t[f->n - 1]);
	}
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("maxrss_kb %ld\n", ru.ru_maxrss);
	return failed ? 1 : 0;
}
