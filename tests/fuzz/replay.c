/* replay.c: a main for the fuzz targets without libFuzzer, so `make
 * check` can feed every saved corpus file to a target under gcc's
 * ASan+UBSan: replay FILE|DIR... Prints how many inputs it ran; any
 * failed property aborts (the sanitizers report their own faults). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static unsigned long runs;

static void
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!f) {
		perror(path);
		exit(1);
	}
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 4096;
			buf = realloc(buf, cap);
			REQUIRE(buf);
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	/* an exact-size copy, so ASan sees a read one past the input */
	{
		unsigned char *exact = malloc(len ? len : 1);

		REQUIRE(exact);
		memcpy(exact, buf, len);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	free(buf);
	runs++;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void
run_path(const char *path)
{
	struct stat st;
	struct dirent **names;
	int n;

	if (stat(path, &st) != 0) {
		perror(path);
		exit(1);
	}
	if (!S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	if ((n = scandir(path, &names, NULL, by_name)) < 0) {
		perror(path);
		exit(1);
	}
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			char *p = malloc(strlen(path) + strlen(names[i]->d_name) + 2);

			REQUIRE(p);
			sprintf(p, "%s/%s", path, names[i]->d_name);
			run_path(p);
			free(p);
		}
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		run_path(argv[i]);
	printf("%s: %lu inputs replayed\n", argv[0], runs);
	return 0;
}
