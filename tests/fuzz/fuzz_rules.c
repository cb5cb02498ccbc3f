/* fuzz_rules.c: a libFuzzer target for the rules-file parser (see
 * fuzz.h for how it is run).
 *
 * Properties: a refused file says why in "NAME:LINE: reason" form; an
 * accepted one answers the report's questions and evaluates a person
 * with a few events without fault. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/rules.h"
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
	char err[512] = "", *text = malloc(size + 1);
	struct ruleset *rs;
	struct duration len;
	const char *rule;
	size_t n;

	REQUIRE(text);
	memcpy(text, data, size);
	text[size] = '\0';
	rs = ruleset_parse(text, "fuzz.rules", err, sizeof err);
	if (!rs) {
		REQUIRE(strncmp(err, "fuzz.rules:", 11) == 0);
		REQUIRE(strlen(err) > 12);
	} else {
		REQUIRE(strcmp(ruleset_name(rs), "fuzz.rules") == 0 ||
		        strlen(ruleset_name(rs)) > 0);
		(void)ruleset_clock(rs, "admin_detention_initial", &len, &rule);
		(void)ruleset_guard_on(rs, "G3");
		(void)ruleset_words(rs, "never_ethnicity", &n);
		(void)ruleset_words(rs, "case_by_case", &n);
		ruleset_free(&rs);
		REQUIRE(rs == NULL);
	}
	free(text);
	return 0;
}
