/*
 * Small helpers shared by the test programs: where the seed packet and the
 * gold files are, a scratch folder, and running the real kallelse binary.
 * Header-only (static functions) so each test program stays one file.
 * Every Check program runs its suite through tu_run_suite.
 */
#ifndef KALLELSE_TESTUTIL_H
#define KALLELSE_TESTUTIL_H

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Exit status automake's harness reads as "skipped". */
#define TU_SKIP 77

/*
 * Path of a file in the seeds folder ($KALLELSE_SEEDS, else ../shared/seeds).
 * When it is missing: under CI (CI=true) that is a failure, elsewhere a skip;
 * either way the process exits here. Returns a static buffer.
 */
static inline const char *
tu_seed(const char *name)
{
	static char path[4096];
	const char *dir = getenv("KALLELSE_SEEDS");
	const char *ci = getenv("CI");

	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "../shared/seeds", name);
	if (access(path, R_OK) == 0)
		return path;
	if (ci && strcmp(ci, "true") == 0) {
		fprintf(stderr, "FAIL: seed %s is missing (CI=true): put ../shared beside the checkout or set KALLELSE_SEEDS\n", path);
		exit(1);
	}
	fprintf(stderr, "SKIP: seed %s is missing; set KALLELSE_SEEDS\n", path);
	exit(TU_SKIP);
}

/* Same for a file in the gold folder ($KALLELSE_GOLD, else ../shared/gold). Static buffer. */
static inline const char *
tu_gold(const char *name)
{
	static char path[4096];
	const char *dir = getenv("KALLELSE_GOLD");
	const char *ci = getenv("CI");

	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "../shared/gold", name);
	if (access(path, R_OK) == 0)
		return path;
	if (ci && strcmp(ci, "true") == 0) {
		fprintf(stderr, "FAIL: gold %s is missing (CI=true)\n", path);
		exit(1);
	}
	fprintf(stderr, "SKIP: gold %s is missing; set KALLELSE_GOLD\n", path);
	exit(TU_SKIP);
}

/* A fresh scratch folder under $TMPDIR (or /tmp). Caller frees; rm -r it when done. */
static inline char *
tu_tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	char *p = malloc(4096);

	snprintf(p, 4096, "%s/kallelse-test-XXXXXX", t && *t ? t : "/tmp");
	if (mkdtemp(p) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	return p;
}

static inline void
tu_rmrf(const char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "warning: could not remove %s\n", dir);
}

/* Read a whole file; NUL-terminated; caller frees. NULL on error. */
static inline char *
tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, r;

	if (f == NULL)
		return NULL;
	do {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 131072;
			buf = realloc(buf, cap + 1);
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* The kallelse binary under test ($KALLELSE_BIN, else ./kallelse). */
static inline const char *
tu_bin(void)
{
	const char *b = getenv("KALLELSE_BIN");
	return b && *b ? b : "./kallelse";
}

/*
 * Run the kallelse binary with args (NULL-terminated, without argv[0]),
 * stdin from /dev/null; capture stdout and stderr (NUL-terminated, caller
 * frees; either pointer may be NULL). Returns the exit status, or -1.
 */
static inline int
tu_run(const char *const *args, char **out, char **err)
{
	char outp[] = "/tmp/kallelse-out-XXXXXX", errp[] = "/tmp/kallelse-err-XXXXXX";
	int fo = mkstemp(outp), fe = mkstemp(errp), status = -1;
	const char *argv[64];
	size_t n = 0;
	pid_t pid;

	argv[n++] = tu_bin();
	while (args && *args && n < 63)
		argv[n++] = *args++;
	argv[n] = NULL;
	pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);
		dup2(devnull, 0);
		dup2(fo, 1);
		dup2(fe, 2);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (pid > 0 && waitpid(pid, &status, 0) == pid)
		status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	close(fo);
	close(fe);
	if (out)
		*out = tu_read_file(outp, NULL);
	if (err)
		*err = tu_read_file(errp, NULL);
	unlink(outp);
	unlink(errp);
	return status;
}

/*
 * The first byte offset in s of something that drives a terminal when
 * printed raw: a C0 control other than \n and \t, DEL, a C1 control
 * (U+0080..U+009F in UTF-8) or a bidi control (U+061C, U+200E/F,
 * U+202A..U+202E, U+2066..U+2069); -1 when there is none.
 */
static inline long
tu_raw_control(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (long i = 0; p[i]; i++) {
		if ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\t') || p[i] == 0x7f)
			return i;
		if (p[i] == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			return i;
		if (p[i] == 0xd8 && p[i + 1] == 0x9c)
			return i;
		if (p[i] == 0xe2 && p[i + 1] == 0x80 && ((p[i + 2] >= 0xaa && p[i + 2] <= 0xae) ||
		    p[i + 2] == 0x8e || p[i + 2] == 0x8f))
			return i;
		if (p[i] == 0xe2 && p[i + 1] == 0x81 && p[i + 2] >= 0xa6 && p[i + 2] <= 0xa9)
			return i;
	}
	return -1;
}

/*
 * Run a Check suite and free it; the process's exit status. A run of no
 * test at all (a suite left empty, a CK_RUN_CASE that names nothing) is
 * a failure: Check itself reports it as 100% passed.
 */
static inline int
tu_run_suite(Suite *s, enum print_output mode)
{
	SRunner *sr = srunner_create(s);
	int failed, ran;

	srunner_run_all(sr, mode);
	failed = srunner_ntests_failed(sr);
	ran = srunner_ntests_run(sr);
	srunner_free(sr);
	if (ran == 0) {
		fprintf(stderr, "FAIL: no test ran\n");
		return 1;
	}
	return failed ? 1 : 0;
}

#endif
