/* fuzz.h: what every libFuzzer target in tests/fuzz/ shares. Each
 * target defines LLVMFuzzerTestOneInput; clang's -fsanitize=fuzzer
 * supplies main for `make fuzz`, and replay.c supplies one for `make
 * check`, which feeds every saved corpus file to the target under gcc's
 * ASan+UBSan (no clang needed there). */
#ifndef CASEPATH_FUZZ_H
#define CASEPATH_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Checked in every build, NDEBUG or not. */
#define REQUIRE(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

#endif
