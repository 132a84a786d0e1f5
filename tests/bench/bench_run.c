/*
 * bench_run: time a whole command, several runs, for make bench.
 *
 *   bench_run [-n RUNS] [-w WARMUP] [-f FILE]... [-q] -- COMMAND [ARG]...
 *
 * Each run forks COMMAND with stdin from /dev/null and stdout into a pipe
 * that this process drains (never /dev/null: GNU grep stops at its first
 * match when it sees /dev/null, a false figure), stderr passed through
 * unless -q. The time of a run is from fork to the child's exit with its
 * output read. -f FILE is removed (with FILE-wal, FILE-shm, FILE-journal)
 * before every run, warm-ups included, so an import starts from nothing.
 *
 * Prints one line: "median_ms min_ms max_ms maxrss_kb status out_bytes",
 * median and min/max over the timed runs, peak RSS the largest of the
 * children, status the last run's exit status (or 128+signal), out_bytes
 * the output of the last run. Exit status 0 even when COMMAND failed: the
 * caller reads the status column and prints "n/a".
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 1000
#define MAX_FILES 8

struct run_result {
	double ms;
	long maxrss_kb;
	int status;
	size_t out_bytes;
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
remove_fresh(char **files, int n)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char path[4096];

	for (int i = 0; i < n; i++)
		for (size_t k = 0; k < sizeof suffix / sizeof suffix[0]; k++) {
			snprintf(path, sizeof path, "%s%s", files[i], suffix[k]);
			if (unlink(path) != 0 && errno != ENOENT) {
				perror(path);
				exit(2);
			}
		}
}

static struct run_result
run_once(char **argv, int quiet)
{
	struct run_result r = { 0 };
	int fd[2];
	char buf[65536];
	double t0;
	pid_t pid;
	ssize_t got;
	int status;
	struct rusage ru;

	if (pipe(fd) != 0) {
		perror("pipe");
		exit(2);
	}
	t0 = now_ms();
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);

		if (in >= 0)
			dup2(in, 0);
		dup2(fd[1], 1);
		if (quiet) {
			int null = open("/dev/null", O_WRONLY);

			if (null >= 0)
				dup2(null, 2);
		}
		close(fd[0]);
		close(fd[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "bench_run: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fd[1]);
	while ((got = read(fd[0], buf, sizeof buf)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		r.out_bytes += (size_t)got;
	}
	close(fd[0]);
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("wait4");
			exit(2);
		}
	r.ms = now_ms() - t0;
	r.maxrss_kb = ru.ru_maxrss;
	r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	return r;
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
	fprintf(stderr, "usage: bench_run [-n RUNS] [-w WARMUP] [-f FILE]... [-q] -- COMMAND [ARG]...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	int runs = 5, warmup = 1, quiet = 0, n_files = 0, opt;
	char *files[MAX_FILES];
	double times[MAX_RUNS], median;
	struct run_result r = { 0 };
	long maxrss = 0;

	while ((opt = getopt(argc, argv, "+n:w:f:q")) != -1) {
		switch (opt) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 'w':
			warmup = atoi(optarg);
			break;
		case 'f':
			if (n_files == MAX_FILES)
				usage();
			files[n_files++] = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			usage();
		}
	}
	if (optind >= argc || runs < 1 || runs > MAX_RUNS || warmup < 0)
		usage();
	for (int i = 0; i < warmup; i++) {
		remove_fresh(files, n_files);
		run_once(argv + optind, quiet);
	}
	for (int i = 0; i < runs; i++) {
		remove_fresh(files, n_files);
		r = run_once(argv + optind, quiet);
		times[i] = r.ms;
		if (r.maxrss_kb > maxrss)
			maxrss = r.maxrss_kb;
	}
	qsort(times, (size_t)runs, sizeof times[0], cmp_double);
	median = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
	printf("%.3f %.3f %.3f %ld %d %zu\n", median, times[0], times[runs - 1], maxrss,
	    r.status, r.out_bytes);
	return 0;
}
