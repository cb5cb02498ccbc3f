/* list_filter.c: the case list's filter as text and back, and the sort
 * words. Pure: the text is what the title line shows, what `:filter`
 * takes and what a saved filter keeps, so it round-trips exactly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/i18n.h"
#include "casepath/store_view.h"
#include "casepath/util.h"
#include "casepath/vocab.h"

static const char *const sort_words[] = {
#define LIST_SORT_WORD(e, word, help) word,
	LIST_SORTS(LIST_SORT_WORD)
#undef LIST_SORT_WORD
};

const char *
list_sort_word(enum list_sort s)
{
	return s < SORT_COUNT ? sort_words[s] : "?";
}

int
list_sort_from_word(const char *word)
{
	for (int i = 0; i < SORT_COUNT; i++)
		if (strcmp(sort_words[i], word) == 0)
			return i;
	return -1;
}

static const struct {
	unsigned flag;
	const char *word;
} flag_words[] = {
	{ LF_UNACCOMPANIED, "unaccompanied" },
	{ LF_REMOVAL_BARRED, "barred" },
	{ LF_OVERDUE, "overdue" },
	{ LF_INTERPRETER, "interpreter" },
};
#define NFLAGS (sizeof flag_words / sizeof flag_words[0])

static bool
set_flags(const char *value, unsigned *flags, char *err, size_t errlen)
{
	char buf[128];
	char *save = NULL;

	snprintf(buf, sizeof buf, "%s", value);
	for (char *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < NFLAGS; i++)
			if (strcmp(flag_words[i].word, w) == 0)
				break;
		if (i == NFLAGS) {
			snprintf(err, errlen, _("unknown flag '%s' (flags are unaccompanied,"
			         " barred, overdue, interpreter)"), w);
			return false;
		}
		*flags |= flag_words[i].flag;
	}
	return true;
}

/* One "name=value" word into f. */
static bool
set_word(struct list_filter *f, const char *name, const char *value, char *err,
         size_t errlen)
{
	if (strcmp(name, "stage") == 0) {
		if (vocab_index(vocab_stages, value) < 0) {
			snprintf(err, errlen, _("unknown stage '%s'"), value);
			return false;
		}
		snprintf(f->stage, sizeof f->stage, "%s", value);
	} else if (strcmp(name, "nat") == 0 || strcmp(name, "nationality") == 0) {
		if (!vocab_country_shaped(value)) {
			snprintf(err, errlen, _("nationality '%s' is not a three-letter"
			         " ISO 3166-1 code (SYR, TUR, XXA)"), value);
			return false;
		}
		snprintf(f->nationality, sizeof f->nationality, "%s", value);
	} else if (strcmp(name, "sex") == 0) {
		if (vocab_index(vocab_sexes, value) < 0) {
			snprintf(err, errlen, _("sex '%s' is not one of F, M, X, U"), value);
			return false;
		}
		snprintf(f->sex, sizeof f->sex, "%s", value);
	} else if (strcmp(name, "age") == 0) {
		if (strcmp(value, "minor") == 0)
			f->age = AGE_MINOR;
		else if (strcmp(value, "adult") == 0)
			f->age = AGE_ADULT;
		else {
			snprintf(err, errlen, _("age '%s' is not minor or adult"), value);
			return false;
		}
	} else if (strcmp(name, "flags") == 0 || strcmp(name, "flag") == 0) {
		return set_flags(value, &f->flags, err, errlen);
	} else if (strcmp(name, "within") == 0) {
		char *end;
		long n = strtol(value, &end, 10);

		if (end == value || *end || n < 0 || n > 3660) {
			snprintf(err, errlen, _("within '%s' is not a number of days"), value);
			return false;
		}
		f->within = true;
		f->within_days = (int)n;
	} else {
		snprintf(err, errlen, _("unknown filter '%s' (stage, nat, sex, age, flags,"
		         " within)"), name);
		return false;
	}
	return true;
}

enum status
list_filter_parse(const char *text, struct list_filter *f, char *err,
                  size_t errlen)
{
	struct list_filter next = { .today = f->today };
	char buf[512];
	char *save = NULL;

	if (strlen(text) >= sizeof buf) {
		snprintf(err, errlen, _("filter too long"));
		return ST_ERR_INPUT;
	}
	snprintf(buf, sizeof buf, "%s", text);
	for (char *w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		char *eq = strchr(w, '=');

		if (!eq || eq == w || !eq[1]) {
			snprintf(err, errlen, _("'%s' is not name=value"), w);
			return ST_ERR_INPUT;
		}
		*eq = '\0';
		if (!set_word(&next, w, eq + 1, err, errlen))
			return ST_ERR_INPUT;
	}
	*f = next;
	return ST_OK;
}

static void
append(char *buf, size_t len, size_t *at, const char *name, const char *value)
{
	int n;

	if (*at >= len)
		return;
	n = snprintf(buf + *at, len - *at, "%s%s=%s", *at ? " " : "", name, value);
	if (n > 0)
		*at += (size_t)n;
}

char *
list_filter_format(const struct list_filter *f, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = '\0';
	if (f->stage[0])
		append(buf, len, &at, "stage", f->stage);
	if (f->nationality[0])
		append(buf, len, &at, "nat", f->nationality);
	if (f->sex[0])
		append(buf, len, &at, "sex", f->sex);
	if (f->age != AGE_ANY)
		append(buf, len, &at, "age", f->age == AGE_MINOR ? "minor" : "adult");
	if (f->flags) {
		char flags[96] = "";
		size_t fat = 0;

		for (size_t i = 0; i < NFLAGS; i++)
			if (f->flags & flag_words[i].flag) {
				int n = snprintf(flags + fat, sizeof flags - fat, "%s%s",
				                 fat ? "," : "", flag_words[i].word);
				if (n > 0)
					fat += (size_t)n;
			}
		append(buf, len, &at, "flags", flags);
	}
	if (f->within) {
		char n[16];

		snprintf(n, sizeof n, "%d", f->within_days);
		append(buf, len, &at, "within", n);
	}
	return buf;
}

bool
list_filter_empty(const struct list_filter *f)
{
	return !f->stage[0] && !f->nationality[0] && !f->sex[0] &&
	       f->age == AGE_ANY && !f->flags && !f->within;
}
