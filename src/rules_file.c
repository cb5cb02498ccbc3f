/* rules_file.c: reading a rule set (casepath-rules(5)). Line-oriented:
 * words and double-quoted texts; '#' starts a comment. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casepath/i18n.h"
#include "casepath/util.h"
#include "rules_internal.h"

const char *const clock_names[CLOCK_COUNT] = {
	[CK_CHALLENGE_WINDOW] = "challenge_window",
	[CK_CHALLENGE_DECISION] = "challenge_decision",
	[CK_ADMIN_INITIAL] = "admin_detention_initial",
	[CK_ADMIN_MAX] = "admin_detention_max",
	[CK_REVIEW] = "detention_review",
	[CK_JC_MAX] = "judicial_control_max",
	[CK_CUSTODY_MAX] = "custody_max",
	[CK_CUSTODY_ABS] = "custody_absolute",
	[CK_SENTENCE_END] = "sentence_end",
	[CK_COND_RELEASE] = "conditional_release",
	[CK_MEASURE] = "measure_expiry",
	[CK_MAJORITY] = "majority",
};

const char *const guard_names[GUARD_COUNT] = {
	[GD_CHALLENGE] = "G1", [GD_REFOULEMENT] = "G2", [GD_NEVER] = "G2-never",
	[GD_SYRIAN] = "G3", [GD_CASE_BY_CASE] = "G4", [GD_DETENTION_MAX] = "G5",
	[GD_GROUND] = "G5-ground", [GD_JC_MAX] = "G6", [GD_CUSTODY] = "G7",
	[GD_SENTENCE] = "G8", [GD_FAMILY] = "G9",
};

#define MAX_WORDS 16

struct line {
	char *words[MAX_WORDS];
	int n;
};

/* Splits one line in place. Returns NULL or a reason. */
static const char *
split(char *s, struct line *l)
{
	l->n = 0;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#')
			return NULL;
		if (l->n == MAX_WORDS)
			return _("too many words on one line");
		if (*s == '"') {
			char *end = strchr(s + 1, '"');

			if (!end)
				return _("a quoted text is not closed");
			l->words[l->n++] = s + 1;
			*end = '\0';
			s = end + 1;
			if (*s && *s != ' ' && *s != '\t' && *s != '#')
				return _("text straight after a closing quote");
			continue;
		}
		l->words[l->n++] = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		if (*s)
			*s++ = '\0';
	}
}

static bool
is_country(const char *s)
{
	return strlen(s) == 3 && isupper((unsigned char)s[0]) &&
	       isupper((unsigned char)s[1]) && isupper((unsigned char)s[2]);
}

static void
add_word(struct word_list *w, const char *s)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 8;
		w->items = xrealloc(w->items, w->cap * sizeof *w->items);
	}
	w->items[w->n++] = xstrdup(s);
}

static void
free_words(struct word_list *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->items[i]);
	free(w->items);
}

static const char *
parse_clock(struct ruleset *rs, struct line *l)
{
	struct clock_rule *c = NULL;
	int i, w = 4;

	if (l->n < 5)
		return _("expected: clock NAME RULE-ID LENGTH [roll] [grace=DURATION] SOURCE");
	for (i = 0; i < CLOCK_COUNT; i++)
		if (strcmp(clock_names[i], l->words[1]) == 0)
			c = &rs->clocks[i];
	if (!c)
		return _("unknown clock name (see casepath-rules(5) for the fixed names)");
	if (c->enabled)
		return _("this clock is defined twice");
	snprintf(c->id, sizeof c->id, "%s", l->words[2]);
	i = (int)(c - rs->clocks);
	if (i == CK_SENTENCE_END) {
		if (strcmp(l->words[3], "sentence") != 0)
			return _("sentence_end's length must be the word 'sentence'");
	} else if (i == CK_MEASURE) {
		if (strcmp(l->words[3], "measure") != 0)
			return _("measure_expiry's length must be the word 'measure'");
	} else if (i == CK_COND_RELEASE) {
		if (sscanf(l->words[3], "%d/%d", &c->num, &c->den) != 2 ||
		    c->num <= 0 || c->den <= 0 || c->num > c->den)
			return _("conditional_release's length must be a fraction like 3/4");
	} else if (duration_parse(l->words[3], &c->length) != NULL) {
		return _("bad length (a duration like 7d, 6m, 4y)");
	}
	if (strcmp(l->words[w], "roll") == 0) {
		c->roll = true;
		w++;
	}
	if (w < l->n && strncmp(l->words[w], "grace=", 6) == 0) {
		/* only a window a party may let pass lapses */
		if (i != CK_CHALLENGE_WINDOW)
			return _("grace: only challenge_window takes a grace period"
			         " (a window a party may let pass)");
		if (duration_parse(l->words[w] + 6, &c->grace) != NULL)
			return _("grace: bad duration (grace=30d, grace=2m)");
		c->has_grace = true;
		w++;
	}
	if (w != l->n - 1)
		return _("expected one quoted SOURCE at the end");
	snprintf(c->source, sizeof c->source, "%s", l->words[w]);
	c->enabled = true;
	return NULL;
}

static const char *
parse_guard(struct ruleset *rs, struct line *l)
{
	if (l->n != 3)
		return _("expected: guard RULE-ID SOURCE");
	for (int i = 0; i < GUARD_COUNT; i++)
		if (strcmp(guard_names[i], l->words[1]) == 0) {
			rs->guards[i].enabled = true;
			snprintf(rs->guards[i].source, sizeof rs->guards[i].source, "%s",
			         l->words[2]);
			return NULL;
		}
	return _("unknown guard (G1, G2, G2-never, G3, G4, G5, G5-ground, G6, G7, G8, G9)");
}

static const char *
parse_holiday(struct ruleset *rs, struct line *l)
{
	int y, m, d;
	char tail;

	if (l->n != 3)
		return _("expected: holiday MM-DD NAME or holiday YYYY-MM-DD NAME");
	if (sscanf(l->words[1], "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
	    strlen(l->words[1]) == 10) {
		if (!ymd_valid(y, m, d))
			return _("no such day");
		if (rs->ndates == rs->dates_cap) {
			rs->dates_cap = rs->dates_cap ? rs->dates_cap * 2 : 32;
			rs->dates = xrealloc(rs->dates, rs->dates_cap * sizeof *rs->dates);
		}
		rs->dates[rs->ndates++] = day_from_ymd(y, m, d);
		return NULL;
	}
	if (sscanf(l->words[1], "%2d-%2d%c", &m, &d, &tail) == 2 &&
	    strlen(l->words[1]) == 5) {
		if (!ymd_valid(2000, m, d))
			return _("no such day");
		rs->yearly[m][d] = true;
		return NULL;
	}
	return _("expected MM-DD or YYYY-MM-DD");
}

struct ruleset *
ruleset_parse(const char *text, const char *name, char *err, size_t errlen)
{
	struct ruleset *rs = xcalloc(1, sizeof *rs);
	char *copy = xstrdup(text), *line = copy, *next;
	unsigned long lineno = 0;
	const char *why = NULL;

	snprintf(rs->name, sizeof rs->name, "%s", name);
	{
		unsigned char h[16];

		crypto_generichash(h, sizeof h, (const unsigned char *)text, strlen(text),
		                   NULL, 0);
		sodium_bin2hex(rs->digest, sizeof rs->digest, h, sizeof h);
	}
	for (; line && !why; line = next) {
		struct line l;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if ((why = split(line, &l)) != NULL || l.n == 0)
			continue;
		if (strcmp(l.words[0], "ruleset") == 0) {
			if (l.n != 3)
				why = _("expected: ruleset ID TITLE");
			else
				snprintf(rs->title, sizeof rs->title, "%s", l.words[2]);
		} else if (strcmp(l.words[0], "clock") == 0) {
			why = parse_clock(rs, &l);
		} else if (strcmp(l.words[0], "guard") == 0) {
			why = parse_guard(rs, &l);
		} else if (strcmp(l.words[0], "never_return") == 0) {
			if (l.n != 3 || !is_country(l.words[2]))
				why = _("expected: never_return ETHNICITY COUNTRY");
			else
				add_word(&rs->never_ethnicity, l.words[1]),
				add_word(&rs->never_country, l.words[2]);
		} else if (strcmp(l.words[0], "voluntary_only") == 0 ||
		           strcmp(l.words[0], "case_by_case") == 0) {
			struct word_list *w = l.words[0][0] == 'v' ? &rs->voluntary_only
			                                           : &rs->case_by_case;

			if (l.n < 2)
				why = _("expected one or more country codes");
			for (int i = 1; i < l.n && !why; i++) {
				if (!is_country(l.words[i]))
					why = _("expected ISO 3166-1 alpha-3 country codes");
				else
					add_word(w, l.words[i]);
			}
		} else if (strcmp(l.words[0], "witness") == 0) {
			if (l.n != 2)
				why = _("expected: witness KIND");
			else
				add_word(&rs->witnesses, l.words[1]);
		} else if (strcmp(l.words[0], "holiday") == 0) {
			why = parse_holiday(rs, &l);
		} else {
			why = _("unknown rule (ruleset, clock, guard, never_return,"
			      " voluntary_only, witness, case_by_case, holiday)");
		}
	}
	free(copy);
	if (why) {
		snprintf(err, errlen, "%s:%lu: %s", name, lineno, why);
		ruleset_free(&rs);
		return NULL;
	}
	return rs;
}

struct ruleset *
ruleset_load(const char *path, char *err, size_t errlen)
{
	size_t len;
	char *buf = read_whole_file(path, &len);
	struct ruleset *rs;

	if (!buf) {
		snprintf(err, errlen, _("%s: cannot read: %s"), path, strerror(errno));
		return NULL;
	}
	rs = ruleset_parse(buf, path, err, errlen);
	free(buf);
	return rs;
}

void
ruleset_free(struct ruleset **rsp)
{
	struct ruleset *rs = *rsp;

	if (!rs)
		return;
	free_words(&rs->never_ethnicity);
	free_words(&rs->never_country);
	free_words(&rs->voluntary_only);
	free_words(&rs->case_by_case);
	free_words(&rs->witnesses);
	free(rs->dates);
	free(rs);
	*rsp = NULL;
}

const char *
ruleset_name(const struct ruleset *rs)
{
	return rs->title[0] ? rs->title : rs->name;
}

const char *
ruleset_digest(const struct ruleset *rs)
{
	return rs->digest;
}

bool
ruleset_clock(const struct ruleset *rs, const char *name, struct duration *length,
              const char **rule)
{
	for (int i = 0; i < CLOCK_COUNT; i++)
		if (strcmp(clock_names[i], name) == 0 && rs->clocks[i].enabled) {
			*length = rs->clocks[i].length;
			*rule = rs->clocks[i].id;
			return true;
		}
	return false;
}

bool
ruleset_guard_on(const struct ruleset *rs, const char *rule)
{
	for (int i = 0; i < GUARD_COUNT; i++)
		if (strcmp(guard_names[i], rule) == 0)
			return rs->guards[i].enabled;
	return false;
}

const char *const *
ruleset_words(const struct ruleset *rs, const char *list, size_t *n)
{
	const struct word_list *w =
		strcmp(list, "voluntary_only") == 0 ? &rs->voluntary_only :
		strcmp(list, "case_by_case") == 0 ? &rs->case_by_case :
		strcmp(list, "never_ethnicity") == 0 ? &rs->never_ethnicity :
		strcmp(list, "never_country") == 0 ? &rs->never_country : NULL;

	*n = w ? w->n : 0;
	return w ? (const char *const *)w->items : NULL;
}

struct ruleset *
ruleset_load_default(char *err, size_t errlen)
{
	const char *env = getenv("CASEPATH_RULES");
	char exe[4096], path[4200];
	ssize_t n;

	if (env && *env)
		return ruleset_load(env, err, errlen);
	snprintf(path, sizeof path, "%s/rules/tr.rules", CASEPATH_DATADIR);
	if (access(path, R_OK) == 0)
		return ruleset_load(path, err, errlen);
	/* running from the build tree: build/casepath -> assets/rules */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		for (int up = 0; up < 3 && (slash = strrchr(exe, '/')) != NULL; up++) {
			*slash = '\0';
			snprintf(path, sizeof path, "%s/assets/rules/tr.rules", exe);
			if (access(path, R_OK) == 0)
				return ruleset_load(path, err, errlen);
		}
	}
	snprintf(err, errlen, _("cannot find the rule set tr.rules (looked in %s/rules"
	         " and beside the program); set CASEPATH_RULES"), CASEPATH_DATADIR);
	return NULL;
}
