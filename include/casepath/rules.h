/* rules.h: the pathway rules. A pure function of one person's events and
 * relations, a rule set and today's date: the current stage, every legal
 * clock with the arithmetic that produced it, and every guardrail
 * violation. No I/O beyond ruleset_load(); no SQL; no curses. */
#ifndef CASEPATH_RULES_H
#define CASEPATH_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "casepath/date.h"

struct rule_event {
	int64_t id;            /* the store's id; 0 for a proposed event */
	const char *kind;
	struct pdate date;
	const char *country;   /* "" when not given */
	const char *duration;
	const char *outcome;
	const char *note;
};

/* A relation read from this person's side: "child" means the other
 * person is this person's child. */
struct rule_relation {
	const char *relation;
	const char *other_case_no;
	struct pdate other_birth;        /* precision DATE_NONE when unknown */
	bool other_has_arrangement;      /* an own outcome or care arrangement
	                                    recorded for the other person */
};

struct rule_person {
	const char *case_no;
	struct pdate birth;
	const char *nationality, *claimed_nationality, *ethnicity;
	const struct rule_event *events;     /* in date order */
	size_t nevents;
	const struct rule_relation *relations;
	size_t nrelations;
};

/* lapsed: a window a party could use closed unused and no longer asks
 * anything (its grace period after the last day ran out, or the matter
 * became moot); kept with its arithmetic, off the action lists. */
enum clock_status { CLOCK_OPEN, CLOCK_MET, CLOCK_OVERDUE, CLOCK_WAIVED, CLOCK_LAPSED };

/* rule_clock.lapses when a clock never lapses by time */
#define CLOCK_NEVER_LAPSES INT32_MAX

struct rule_clock {
	char name[32];         /* fixed names: challenge_window, ... */
	int32_t due, due_latest;
	enum clock_status status;
	char rule[48];         /* the rule id in the rules file */
	char source[160];      /* where the rule comes from */
	char arithmetic[192];  /* "notified 2023-03-01 + 7d = 2023-03-08" */
	int64_t event_id;      /* the event that started it */
	int32_t lapses;        /* the stored clock no longer stands from
	                          this day on: an unanswered window lapsed
	                          (its last day + the rule's grace + 1), a
	                          rolling reminder passed (the monthly
	                          review: its day + 1; majority: the day of
	                          eighteen); or CLOCK_NEVER_LAPSES. The
	                          action lists leave it out from then, and
	                          the daily sweep derives the person again */
};

struct rule_violation {
	char rule[48];
	char message[320];     /* one sentence naming the rule */
	int64_t event_id;      /* the event at fault (0: the proposed one) */
	bool blocking;         /* a guardrail: refuses the write */
};

struct rule_result {
	int stage;             /* index into vocab_stages, -1 when none */
	int32_t stage_since;
	struct rule_clock *clocks;
	size_t nclocks, clocks_cap;
	struct rule_violation *violations;
	size_t nviolations, violations_cap;
};

struct ruleset;

/* Parses a rules file (see casepath-rules(5)). On error returns NULL and
 * writes "FILE:LINE: reason" into err. */
struct ruleset *ruleset_load(const char *path, char *err, size_t errlen);
struct ruleset *ruleset_parse(const char *text, const char *name, char *err,
                              size_t errlen);
void ruleset_free(struct ruleset **rs);
/* The default rule set: $CASEPATH_RULES, else the installed
 * rules/tr.rules, else assets/rules/tr.rules beside the build tree. */
struct ruleset *ruleset_load_default(char *err, size_t errlen);
const char *ruleset_name(const struct ruleset *rs);
/* A fingerprint of the rules file's text (BLAKE2b, 32 hex digits): two
 * rule sets with the same one were read from the same text. */
const char *ruleset_digest(const struct ruleset *rs);

/* Derives stage, clocks and violations. out is emptied first but keeps
 * its arrays, so a pass over many persons reuses one result; it must
 * start zeroed ({ .stage = -1 }) and its arrays are owned by it
 * (rule_result_clear frees them). */
void rules_evaluate(const struct ruleset *rs, const struct rule_person *p,
                    int32_t today, struct rule_result *out);
void rule_result_clear(struct rule_result *r);

const char *clock_status_word(enum clock_status s);
/* Whether the clock named so is a rolling reminder (the monthly
 * detention review, majority): derived again once its day has passed,
 * never met, never lapsed. */
bool clock_is_reminder(const char *name);

/* Only the stage and the day it began (rules_evaluate's first step,
 * without clocks or violations): for counting stages as of a past
 * date over many persons. *stage is an index into vocab_stages or -1. */
void rules_stage(const struct rule_person *p, int *stage, int32_t *since);

/* --- what a report reads of a rule set ---------------------------------- */
/* The length and rule id of a clock with a fixed length, by its name
 * ("admin_detention_initial"); false when the rule set has it off. */
bool ruleset_clock(const struct ruleset *rs, const char *name,
                   struct duration *length, const char **rule);
/* Whether a guardrail ("G3") is on. */
bool ruleset_guard_on(const struct ruleset *rs, const char *rule);
/* A word list of the rule set, borrowed: "voluntary_only" (G3),
 * "case_by_case" (G4), and "never_ethnicity" with "never_country",
 * whose items pair up by index (G2-never). NULL for another name. */
const char *const *ruleset_words(const struct ruleset *rs, const char *list,
                                 size_t *n);

#endif
