/* store_sweep.h: deriving stored persons again (src/store_sweep.c).
 *
 * A person's stage and clocks are derived when their events change. Two
 * things make them stale without any write: a day passing (a challenge
 * window whose lapse day has come is still stored open or overdue, and
 * the person's next due day may name it) and a rules file changed by its
 * administrator. A re-derivation reads the persons again, evaluates the
 * current rule set as of today and writes only the rows that changed.
 *
 * It works in batches, each one transaction of its own (BEGIN IMMEDIATE
 * ... COMMIT) with one audit record when it changed something ("derive"
 * on "deadline": why, the rule set, today, the persons read, the ids of
 * those changed and the clocks changed by status; a batch that changed
 * nothing writes nothing), so a kill between batches leaves every
 * person either derived again or as before, and running it again
 * finishes the job: the lapse sweep finds its persons through an index
 * of the open clocks by lapse day (they leave it once derived), the
 * whole pass keeps where it got to in the meta table. */
#ifndef CASEPATH_STORE_SWEEP_H
#define CASEPATH_STORE_SWEEP_H

#include <stdbool.h>
#include <stdint.h>

#include "casepath/rules.h"
#include "casepath/status.h"

struct store;

enum rederive_mode {
	REDERIVE_LAPSED,   /* persons holding an open or overdue clock whose
	                      lapse day is today or earlier */
	REDERIVE_ALL       /* every person, under the current rule set */
};

/* What a re-derivation did, added up over its batches. */
struct rederive_counts {
	long persons;      /* read and evaluated */
	long changed;      /* whose stored stage or clocks changed */
	long batches;      /* transactions committed */
	/* clocks that were stored and are again, by status: [before][after],
	 * the diagonal those whose rule, arithmetic or days changed */
	long status[CLOCK_LAPSED + 1][CLOCK_LAPSED + 1];
	long added[CLOCK_LAPSED + 1];    /* new clocks, by status */
	long removed[CLOCK_LAPSED + 1];  /* clocks gone, by their old status */
};

struct rederive;

/* A re-derivation of st's persons as of today (day_today()) under the
 * store's rule set. REDERIVE_ALL carries on where a pass of the same
 * rule set, the same day, was stopped (store_rederive_resumed). NULL
 * with store_errmsg on a database error. */
struct rederive *store_rederive_new(struct store *st, enum rederive_mode mode);
void store_rederive_free(struct rederive **r);

/* One batch of at most max persons, in a transaction of its own. *done
 * is set once nothing is left (that last transaction also keeps today
 * as the last lapse sweep's day). On a failure nothing of the batch is
 * kept and the counts do not include it; ST_ERR_BUSY when another
 * process holds the write lock (waiting for it only with wait). */
enum status store_rederive_step(struct rederive *r, long max, bool wait,
                                bool *done);

const struct rederive_counts *store_rederive_counts(const struct rederive *r);
/* How many persons the job has in all (for progress): REDERIVE_ALL the
 * persons after the resumed point (an estimate), REDERIVE_LAPSED the
 * open clocks lapsed by date. -1 on a database error. */
long store_rederive_total(struct rederive *r);
/* REDERIVE_ALL: the person id the pass carried on after, 0 when it
 * started at the beginning. */
int64_t store_rederive_resumed(const struct rederive *r);

/* Whether the lapse sweep is due: the store is writable (not read-only,
 * not an auditor's) and today is later than the last sweep's day kept
 * in the meta table. Reads only. */
bool store_sweep_due(struct store *st);

#endif
