/* fuzz_date.c: a libFuzzer target for the partial-date parser and the
 * exact-date parser (see fuzz.h for how it is run).
 *
 * Properties beyond "no crash": a date that parses formats back to the
 * very text it came from (the grammar has one spelling per date), that
 * text parses to the same value, its span is not empty, and the day
 * numbers of its ends go back to the same calendar dates. */
#include <stdint.h>
#include <string.h>

#include "casepath/date.h"
#include "fuzz.h"

static void
check_pdate(const char *s)
{
	struct pdate d, again;
	char buf[PDATE_TEXT_MAX], buf2[PDATE_TEXT_MAX];
	int y, m, dd;

	memset(&d, 0x5a, sizeof d);
	if (pdate_parse(s, &d) != NULL)
		return;
	REQUIRE(d.precision != DATE_NONE);
	REQUIRE(d.year >= 1000 && d.year <= 9999);
	pdate_format(&d, buf, sizeof buf);
	REQUIRE(strcmp(buf, s) == 0);
	REQUIRE(pdate_parse(buf, &again) == NULL);
	REQUIRE(memcmp(&d, &again, sizeof d) == 0);
	REQUIRE(pdate_compare(&d, &again) == 0);
	REQUIRE(pdate_earliest(&d) <= pdate_latest(&d));
	day_to_ymd(pdate_earliest(&d), &y, &m, &dd);
	REQUIRE(y == d.year && ymd_valid(y, m, dd));
	REQUIRE(day_from_ymd(y, m, dd) == pdate_earliest(&d));
	if (d.precision == DATE_DAY) {
		int32_t day;

		REQUIRE(pdate_earliest(&d) == pdate_latest(&d));
		REQUIRE(m == d.month && dd == d.day);
		day_format(pdate_earliest(&d), buf2, sizeof buf2);
		REQUIRE(day_parse(buf2, &day) == NULL);
		REQUIRE(day == pdate_earliest(&d));
		if (!d.approx)
			REQUIRE(strcmp(buf2, s) == 0);
		REQUIRE(day_weekday(day) >= 0 && day_weekday(day) <= 6);
	}
}

static void
check_day(const char *s)
{
	int32_t day = -12345;
	char buf[PDATE_TEXT_MAX];
	struct pdate d;

	if (day_parse(s, &day) != NULL) {
		REQUIRE(day == -12345);
		return;
	}
	day_format(day, buf, sizeof buf);
	REQUIRE(strcmp(buf, s) == 0);
	/* every exact date is a partial date too */
	REQUIRE(pdate_parse(s, &d) == NULL && d.precision == DATE_DAY);
	d = pdate_from_day(day);
	REQUIRE(pdate_earliest(&d) == day);
}

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
	char s[64];

	/* dates are short: longer inputs add nothing but time */
	if (size >= sizeof s)
		size = sizeof s - 1;
	memcpy(s, data, size);
	s[size] = '\0';
	check_pdate(s);
	check_day(s);
	return 0;
}
