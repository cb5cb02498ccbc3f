/* fuzz_filter.c: a libFuzzer target for the list filter parser, which
 * takes what a caseworker types after '|' (see fuzz.h for how it is
 * run).
 *
 * Properties: a refused filter names the bad word and leaves today
 * alone; an accepted one formats to text that parses back to the same
 * filter, and formats the same again. */
#include <stdint.h>
#include <string.h>

#include "casepath/status.h"
#include "casepath/store_view.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[256], err[256] = "", text[512], text2[512];
	struct list_filter f, g;

	if (size >= sizeof s)
		size = sizeof s - 1;
	memcpy(s, data, size);
	s[size] = '\0';
	memset(&f, 0, sizeof f);
	f.today = 20000;
	if (list_filter_parse(s, &f, err, sizeof err) != ST_OK) {
		REQUIRE(err[0] != '\0');
		REQUIRE(f.today == 20000);
		return 0;
	}
	REQUIRE(f.today == 20000);
	list_filter_format(&f, text, sizeof text);
	REQUIRE(list_filter_empty(&f) == (text[0] == '\0'));
	memset(&g, 0, sizeof g);
	g.today = 20000;
	REQUIRE(list_filter_parse(text, &g, err, sizeof err) == ST_OK);
	list_filter_format(&g, text2, sizeof text2);
	REQUIRE(strcmp(text, text2) == 0);
	return 0;
}
