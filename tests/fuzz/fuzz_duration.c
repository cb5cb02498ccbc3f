/* fuzz_duration.c: a libFuzzer target for the duration parser (see
 * fuzz.h for how it is run).
 *
 * Properties: a duration that parses has no negative part; its
 * canonical text parses back to the same value whenever its days still
 * fit the grammar (weeks folded into days can pass 9999); adding it to
 * a day never goes back in time, and adding it twice from the same day
 * gives the same day. */
#include <stdint.h>
#include <string.h>

#include "casepath/date.h"
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
	char s[64], buf[DURATION_TEXT_MAX];
	struct duration d, again;
	int32_t base;

	if (size >= sizeof s)
		size = sizeof s - 1;
	memcpy(s, data, size);
	s[size] = '\0';
	memset(&d, 0x5a, sizeof d);
	if (duration_parse(s, &d) != NULL)
		return 0;
	REQUIRE(d.years >= 0 && d.years <= 9999);
	REQUIRE(d.months >= 0 && d.months <= 9999);
	REQUIRE(d.days >= 0);
	duration_format(&d, buf, sizeof buf);
	REQUIRE(strlen(buf) > 0 && strlen(buf) < sizeof buf - 1);
	if (d.days <= 9999) {
		REQUIRE(duration_parse(buf, &again) == NULL);
		REQUIRE(memcmp(&d, &again, sizeof d) == 0);
	}
	REQUIRE(duration_is_zero(&d) == (strcmp(buf, "0d") == 0));
	/* day arithmetic stays inside years 1000..9999 for these bases */
	if (d.years + d.months / 12 + d.days / 365 < 5000) {
		base = day_from_ymd(2024, 2, 29);
		REQUIRE(day_add(base, &d) >= base);
		REQUIRE(day_add(base, &d) == day_add(base, &d));
		base = day_from_ymd(2023, 1, 31);
		REQUIRE(day_add(base, &d) >= base);
	}
	return 0;
}
