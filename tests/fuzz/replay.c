/*
 * Replays a fuzz target's corpus without libFuzzer, so that `make check`
 * (gcc or clang, no -fsanitize=fuzzer) runs every saved input, the crashes
 * once found included. Arguments: files or folders; none: the folder
 * FUZZ_CORPUS_DIR the build names for this target.
 */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (f == NULL) {
		perror(path);
		return 1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (buf == NULL)
				abort();
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	/* An exact-size copy, so ASan sees a read past the end of the input. */
	unsigned char *exact = malloc(len ? len : 1);
	if (exact == NULL)
		abort();
	memcpy(exact, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}

static int
run_path(const char *path, int *count)
{
	struct stat sb;
	DIR *d;
	struct dirent *e;
	int bad = 0;

	if (stat(path, &sb) != 0) {
		perror(path);
		return 1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		(*count)++;
		return run_file(path);
	}
	if ((d = opendir(path)) == NULL) {
		perror(path);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		char *p;

		if (e->d_name[0] == '.')
			continue;
		p = malloc(strlen(path) + strlen(e->d_name) + 2);
		if (p == NULL)
			abort();
		sprintf(p, "%s/%s", path, e->d_name);
		bad |= run_path(p, count);
		free(p);
	}
	closedir(d);
	return bad;
}

int
main(int argc, char **argv)
{
	int bad = 0, count = 0;

	if (argc < 2)
		bad = run_path(FUZZ_CORPUS_DIR, &count);
	for (int i = 1; i < argc; i++)
		bad |= run_path(argv[i], &count);
	printf("%d inputs replayed\n", count);
	/* An empty corpus means the path is wrong: fail rather than pass on nothing. */
	return bad || count == 0 ? 1 : 0;
}
