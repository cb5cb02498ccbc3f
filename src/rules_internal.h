/* rules_internal.h: the parsed rule set, shared by rules_file.c and
 * rules.c only. */
#ifndef CASEPATH_RULES_INTERNAL_H
#define CASEPATH_RULES_INTERNAL_H

#include "casepath/rules.h"

enum clock_id {
	CK_CHALLENGE_WINDOW, CK_CHALLENGE_DECISION, CK_ADMIN_INITIAL,
	CK_ADMIN_MAX, CK_REVIEW, CK_JC_MAX, CK_CUSTODY_MAX, CK_CUSTODY_ABS,
	CK_SENTENCE_END, CK_COND_RELEASE, CK_MEASURE, CK_MAJORITY, CLOCK_COUNT
};

enum guard_id {
	GD_CHALLENGE, GD_REFOULEMENT, GD_NEVER, GD_SYRIAN, GD_CASE_BY_CASE,
	GD_DETENTION_MAX, GD_GROUND, GD_JC_MAX, GD_CUSTODY, GD_SENTENCE,
	GD_FAMILY, GUARD_COUNT
};

extern const char *const clock_names[CLOCK_COUNT];
extern const char *const guard_names[GUARD_COUNT];

struct clock_rule {
	bool enabled, roll;
	char id[48];
	struct duration length;
	int num, den;          /* conditional_release's fraction */
	bool has_grace;        /* grace=: an unused window lapses after it */
	struct duration grace;
	char source[512];
};

struct guard_rule {
	bool enabled;
	char source[512];
};

struct word_list {
	char **items;
	size_t n, cap;
};

struct ruleset {
	char name[256], title[128];
	char digest[33];       /* of the file's text: 32 hex digits */
	struct clock_rule clocks[CLOCK_COUNT];
	struct guard_rule guards[GUARD_COUNT];
	struct word_list never_ethnicity, never_country;  /* pairs */
	struct word_list voluntary_only, case_by_case, witnesses;
	bool yearly[13][32];   /* [month][day] */
	int32_t *dates;        /* one-off holidays */
	size_t ndates, dates_cap;
};

#endif
