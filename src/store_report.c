/* store_report.c: the report's figures (report.h). Each figure counts
 * the persons the case list's filter selects, with the filter's SQL
 * shared with the list (store_filter_where), so a count here is the
 * list's count. Every query walks an index (migration 5 adds the ones
 * the list did not need).
 *
 * Without a filter, the caseload sections are one aggregate query each
 * over a covering index, grouped by SQL, the buckets (months, weeks)
 * made in C from the few groups that come back. With one, a single
 * pass reads the persons it selects (one row each, where an aggregate
 * a section would read it again) and marks them in a bitmap. Clocks,
 * outcomes, blocked removals and families come from indexes that hold
 * the person's id, intersected with that bitmap and with other sets of
 * persons (awaiting removal, minors, by nationality) in C: in SQL each
 * candidate would cost a read of its person row.
 *
 * --since: a figure as it stood on an earlier day, from the events.
 * A person's stage is a pure function of their events in date order,
 * so whoever's current stage began on or before that day was in it
 * then too; only the others (stage begun later, or none) are derived
 * again by the rules from their events up to that day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/date.h"
#include "casepath/i18n.h"
#include "casepath/report.h"
#include "casepath/rules.h"
#include "casepath/store_view.h"
#include "casepath/util.h"
#include "casepath/vocab.h"
#include "store_internal.h"

/* Stages in which a removal is pending: what "blocked" is counted of. */
#define TRACK_STAGES \
	"('removal_ordered', 'challenge_pending', 'removal_barred'," \
	" 'removal_arranging', 'removal_centre', 'alternative_measure')"
/* Exactly the WHERE of the partial index event_outcome (migration 10),
 * on the event table's own name: SQLite uses it only when the query
 * repeats the term. */
#define OUTCOME_KINDS \
	"(kind = 'deported' OR kind = 'voluntary_return'" \
	" OR kind = 'third_country_removal' OR kind = 'released_to_community'" \
	" OR kind = 'absconded')"

static const struct {
	const char *kind, *label;
} outcomes[] = {
	{ "deported", N_("deported") },
	{ "voluntary_return", N_("voluntary return") },
	{ "third_country_removal", N_("third country") },
	{ "released_to_community", N_("released to community") },
	{ "absconded", N_("absconded") },
};
#define NOUTCOMES (sizeof outcomes / sizeof outcomes[0])
#define OUTCOME_MONTHS 24
#define DEADLINE_WEEKS 8
#define TOP_NATIONALITIES 15

static const char *const sexes[] = { "F", "M", "X", "U" };
static const char *const sex_words[] = { N_("female"), N_("male"), N_("sex X"), N_("sex unknown") };
#define NSEXES 4
enum { AGE_G_MINOR, AGE_G_ADULT, AGE_G_UNKNOWN, NAGES };
static const char *const age_words[NAGES] = { N_("minor"), N_("adult"), N_("age unknown") };

/* The stages whose time is drawn, each against its legal limits. */
enum { TS_CENTRE, TS_PRISON, TS_JC, NTIMED };
static const char *const timed_stage[NTIMED] = {
	"removal_centre", "prison", "judicial_control"
};
#define MAX_BUCKETS 64

/* Three capital letters as a number: a table instead of a search. */
#define NCODES (26 * 26 * 26)

/* A set of person ids as a bitmap: 125 KB a set at a million persons. */
struct idset {
	uint64_t *w;
	int64_t n;       /* ids 0..n-1 */
	long count;
};

static void
idset_init(struct idset *s, int64_t n)
{
	s->n = n;
	s->w = xcalloc((size_t)(n + 63) / 64, sizeof *s->w);
	s->count = 0;
}

static void
idset_free(struct idset *s)
{
	free(s->w);
	memset(s, 0, sizeof *s);
}

static bool
idset_has(const struct idset *s, int64_t id)
{
	return id >= 0 && id < s->n && ((s->w[id >> 6] >> (id & 63)) & 1);
}

static void
idset_add(struct idset *s, int64_t id)
{
	if (id >= 0 && id < s->n && !idset_has(s, id)) {
		s->w[id >> 6] |= (uint64_t)1 << (id & 63);
		s->count++;
	}
}

static void
idset_del(struct idset *s, int64_t id)
{
	if (idset_has(s, id)) {
		s->w[id >> 6] &= ~((uint64_t)1 << (id & 63));
		s->count--;
	}
}

/* The caseload figures of a day: today's, or those of --since. */
struct counts {
	long *stage;               /* [nstages + 1]: the last for none */
	long *nat;                 /* [NCODES + 1]: the last for none */
	long sexage[NSEXES][NAGES];
	long timed[NTIMED][MAX_BUCKETS];
};

/* What the --since pass counts: the caseload as it stood on that day.
 * Stages and times in a stage are counted whole; nationality, sex and
 * age as a difference from today's counts, since for most persons only
 * presence or age moved. */
struct then {
	long present;              /* persons with an event by then */
	long *stage;               /* [nstages + 1]: the last for none */
	long *nat_delta;           /* [NCODES + 1]: then minus now */
	long nat_delta_total;
	long sexage_delta[NSEXES][NAGES];
	long timed[NTIMED][MAX_BUCKETS];
};

struct ctx {
	struct store *st;
	struct report *r;
	struct list_filter f;      /* today = as_of */
	bool filtered;             /* f selects: sel holds whom */
	int32_t as_of, since;
	int nstages;
	int64_t n;                 /* the largest person id + 1 */
	struct idset sel;
	struct counts now;
	/* the buckets of the time-in-stage sections */
	int nbuckets[NTIMED];
	bool by_year[NTIMED];
	struct then *then;         /* NULL without --since */
};

static void
bind_int(sqlite3_stmt *s, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i > 0)
		sqlite3_bind_int64(s, i, v);
}

static void
bind_str(sqlite3_stmt *s, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i > 0)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* head + the filter + tail, prepared (cached by its text) with the
 * filter and the report's days bound: :asof, :since. */
static sqlite3_stmt *
filtered(struct ctx *x, const char *head, const char *tail)
{
	struct sql_buf b = { .len = 0 };
	sqlite3_stmt *s;

	sql_add(&b, head);
	store_filter_where(&b, &x->f);
	sql_add(&b, tail);
	if (!(s = store_cached_sql(x->st, b.s)))
		return NULL;
	store_filter_bind(s, &x->f);
	bind_int(s, ":asof", x->as_of);
	bind_int(s, ":since", x->since);
	return s;
}

/* SQL without the filter, with the report's days bound: :asof,
 * :since and :minor (born after it, a minor on as_of). */
static sqlite3_stmt *
plain(struct ctx *x, const char *sql)
{
	sqlite3_stmt *s = store_cached_sql(x->st, sql);

	if (s) {
		bind_int(s, ":asof", x->as_of);
		bind_int(s, ":since", x->since);
		bind_int(s, ":minor", store_minor_threshold(x->as_of));
	}
	return s;
}

/* After a loop of sqlite3_step: resets s and turns a failure into a
 * status. */
static enum status
finish(struct ctx *x, sqlite3_stmt *s, int src, const char *what)
{
	sqlite3_reset(s);
	if (src == SQLITE_DONE || src == SQLITE_ROW)
		return ST_OK;
	return store_fail(x->st, src, _("cannot count %s"), what);
}

static int
code_index(const char *c)
{
	if (strlen(c) != 3)
		return NCODES;
	for (int i = 0; i < 3; i++)
		if (c[i] < 'A' || c[i] > 'Z')
			return NCODES;
	return ((c[0] - 'A') * 26 + (c[1] - 'A')) * 26 + (c[2] - 'A');
}

static int
sex_index(const char *s)
{
	for (int i = 0; i < NSEXES; i++)
		if (strcmp(sexes[i], s) == 0)
			return i;
	return NSEXES - 1;
}

static void
set_change(struct report_row *row, long then)
{
	row->has_change = true;
	row->change = row->value - then;
}

/* "removal_centre" -> "removal centre" */
static void
words(const char *key, char *out, size_t len)
{
	snprintf(out, len, "%s", key);
	for (char *p = out; *p; p++)
		if (*p == '_')
			*p = ' ';
}

/* --- time in a stage: buckets ------------------------------------------ */

/* The bucket of a stay from `from` to `to`: whole months, or years. */
static int
bucket_of(const struct ctx *x, int t, int32_t from, int32_t to)
{
	int m = report_months_between(from, to);
	int b = x->by_year[t] ? m / 12 : m;

	return b < x->nbuckets[t] - 1 ? b : x->nbuckets[t] - 1;
}

static int
months_of(const struct duration *d)
{
	return d->years * 12 + d->months;
}

/* Bucket counts from the rule set's limits: a removal centre by month
 * up to its maximum, judicial control by year up to its maximum,
 * prison by year up to ten. */
static void
plan_buckets(struct ctx *x)
{
	struct duration len;
	const char *rule;
	int m;

	x->by_year[TS_CENTRE] = false;
	x->nbuckets[TS_CENTRE] = 13;
	if (ruleset_clock(x->st->rules, "admin_detention_max", &len, &rule) &&
	    (m = months_of(&len)) > 0 && m < MAX_BUCKETS - 1)
		x->nbuckets[TS_CENTRE] = m + 1;
	x->by_year[TS_PRISON] = true;
	x->nbuckets[TS_PRISON] = 11;
	x->by_year[TS_JC] = true;
	x->nbuckets[TS_JC] = 5;
	if (ruleset_clock(x->st->rules, "judicial_control_max", &len, &rule) &&
	    (m = months_of(&len) / 12) > 0 && m < MAX_BUCKETS - 1)
		x->nbuckets[TS_JC] = m + 1;
}

/* --- counting the caseload ------------------------------------------------ */

static int
age_group(bool known, int32_t birth_hi, int32_t minor)
{
	return !known ? AGE_G_UNKNOWN : birth_hi > minor ? AGE_G_MINOR : AGE_G_ADULT;
}

static void
tally_timed(struct ctx *x, long timed[NTIMED][MAX_BUCKETS], int stage,
            int32_t stage_since, int32_t day, long n)
{
	for (int k = 0; stage >= 0 && k < NTIMED; k++)
		if (strcmp(vocab_stages[stage], timed_stage[k]) == 0)
			timed[k][bucket_of(x, k, stage_since, day)] += n;
}

/* Everyone: one aggregate a figure, over a covering index each
 * (person_stage_since, person_nat, person_sex_birth). */
static enum status
count_everyone(struct ctx *x)
{
	struct counts *c = &x->now;
	enum status rc;
	sqlite3_stmt *s;
	int src;

	if (!(s = plain(x, "SELECT coalesce(stage, ''), count(*) FROM person GROUP BY 1")))
		return ST_ERR_DB;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int i = vocab_index(vocab_stages, column_text(s, 0));

		c->stage[i >= 0 ? i : x->nstages] += (long)sqlite3_column_int64(s, 1);
	}
	if ((rc = finish(x, s, src, "the stages")) != ST_OK)
		return rc;
	if (!(s = plain(x, "SELECT coalesce(nationality, ''), count(*) FROM person GROUP BY 1")))
		return ST_ERR_DB;
	while ((src = sqlite3_step(s)) == SQLITE_ROW)
		c->nat[code_index(column_text(s, 0))] += (long)sqlite3_column_int64(s, 1);
	if ((rc = finish(x, s, src, "the nationalities")) != ST_OK)
		return rc;
	/* grouped by sex in the index's order, summed over it: no sort */
	if (!(s = plain(x, "SELECT sex, count(*), sum(birth_hi > :minor),"
	                " sum(birth_hi IS NULL) FROM person GROUP BY sex")))
		return ST_ERR_DB;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int i = sex_index(column_text(s, 0));
		long all = (long)sqlite3_column_int64(s, 1),
		     minor = (long)sqlite3_column_int64(s, 2),
		     unknown = (long)sqlite3_column_int64(s, 3);

		c->sexage[i][AGE_G_MINOR] += minor;
		c->sexage[i][AGE_G_UNKNOWN] += unknown;
		c->sexage[i][AGE_G_ADULT] += all - minor - unknown;
	}
	if ((rc = finish(x, s, src, "sex and age")) != ST_OK)
		return rc;
	if (!(s = plain(x, "SELECT coalesce(stage, ''), stage_since, count(*) FROM person"
	                " WHERE coalesce(stage, '') IN ('removal_centre', 'prison',"
	                " 'judicial_control') GROUP BY 1, 2")))
		return ST_ERR_DB;
	while ((src = sqlite3_step(s)) == SQLITE_ROW)
		tally_timed(x, c->timed, vocab_index(vocab_stages, column_text(s, 0)),
		            (int32_t)sqlite3_column_int(s, 1), x->as_of,
		            (long)sqlite3_column_int64(s, 2));
	return finish(x, s, src, "the time in a stage");
}

/* --- the --since pass -------------------------------------------------------
 * Whoever's current stage began on or before since was in it then, from
 * the same day. The others (a stage begun later, or none) are derived
 * again by the rules from their events up to since; they are few
 * unless since is long ago. */

struct pending {
	int64_t *id;
	char (*nat)[4];
	char (*sex)[2];
	int32_t *birth_hi;
	bool *birth_known;
	size_t n, cap;
};

static void
pending_push(struct pending *p, int64_t id, const char *nat, const char *sex,
             bool known, int32_t birth_hi)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 1024;
		p->id = xrealloc(p->id, p->cap * sizeof *p->id);
		p->nat = xrealloc(p->nat, p->cap * sizeof *p->nat);
		p->sex = xrealloc(p->sex, p->cap * sizeof *p->sex);
		p->birth_hi = xrealloc(p->birth_hi, p->cap * sizeof *p->birth_hi);
		p->birth_known = xrealloc(p->birth_known, p->cap * sizeof *p->birth_known);
	}
	p->id[p->n] = id;
	snprintf(p->nat[p->n], sizeof p->nat[p->n], "%s", nat);
	snprintf(p->sex[p->n], sizeof p->sex[p->n], "%s", sex);
	p->birth_hi[p->n] = birth_hi;
	p->birth_known[p->n] = known;
	p->n++;
}

static void
pending_free(struct pending *p)
{
	free(p->id);
	free(p->nat);
	free(p->sex);
	free(p->birth_hi);
	free(p->birth_known);
	memset(p, 0, sizeof *p);
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Derives the stage then of each pending person and counts it. */
static enum status
tally_pending(struct ctx *x, const struct pending *p)
{
	int32_t minor_now = store_minor_threshold(x->as_of),
	        minor_then = store_minor_threshold(x->since);
	struct then *t = x->then;
	bool *present = xcalloc(p->n + 1, sizeof *present);
	int *stage = xcalloc(p->n + 1, sizeof *stage);
	int32_t *since = xcalloc(p->n + 1, sizeof *since);
	enum status rc;

	rc = store_stages_as_of(x->st, p->id, p->n, x->since, present, stage, since);
	for (size_t i = 0; rc == ST_OK && i < p->n; i++) {
		int code = code_index(p->nat[i]), sx = sex_index(p->sex[i]);

		t->nat_delta[code]--;
		t->nat_delta_total--;
		t->sexage_delta[sx][age_group(p->birth_known[i], p->birth_hi[i], minor_now)]--;
		if (!present[i])
			continue;
		t->present++;
		t->stage[stage[i] >= 0 ? stage[i] : x->nstages]++;
		t->nat_delta[code]++;
		t->nat_delta_total++;
		t->sexage_delta[sx][age_group(p->birth_known[i], p->birth_hi[i], minor_then)]++;
		tally_timed(x, t->timed, stage[i], since[i], x->since, 1);
	}
	free(present);
	free(stage);
	free(since);
	return rc;
}

/* The same for everyone: the unchanged from the index of stages and
 * their first days, the changed found by person_since's two ranges. */
static enum status
since_everyone(struct ctx *x, struct pending *p)
{
	struct then *t = x->then;
	int64_t *ids;
	enum status rc;
	sqlite3_stmt *s;
	int src;

	if (!(s = plain(x, "SELECT id, coalesce(nationality, ''), sex, birth_hi FROM person"
	                " WHERE coalesce(stage_since, -1) > :since"
	                " OR coalesce(stage_since, -1) = -1")))
		return ST_ERR_DB;
	while ((src = sqlite3_step(s)) == SQLITE_ROW)
		pending_push(p, sqlite3_column_int64(s, 0), column_text(s, 1),
		             column_text(s, 2), sqlite3_column_type(s, 3) != SQLITE_NULL,
		             (int32_t)sqlite3_column_int(s, 3));
	if ((rc = finish(x, s, src, "the persons whose stage changed")) != ST_OK)
		return rc;
	/* the exact complement of the condition above */
	if (!(s = plain(x, "SELECT coalesce(stage, ''), stage_since, count(*) FROM person"
	                " WHERE stage_since IS NOT NULL AND stage_since <= :since"
	                " AND stage_since <> -1 GROUP BY 1, 2")))
		return ST_ERR_DB;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int i = vocab_index(vocab_stages, column_text(s, 0));
		long n = (long)sqlite3_column_int64(s, 2);

		t->stage[i >= 0 ? i : x->nstages] += n;
		t->present += n;
		tally_timed(x, t->timed, i, (int32_t)sqlite3_column_int(s, 1), x->since, n);
	}
	if ((rc = finish(x, s, src, "the stages as they were")) != ST_OK)
		return rc;
	/* grown up since: a minor then, an adult now (the changed are
	 * counted by tally_pending) */
	if (!(s = plain(x, "SELECT id, sex FROM person WHERE sex IN ('F', 'M', 'X', 'U')"
	                " AND birth_hi > :then_minor AND birth_hi <= :minor")))
		return ST_ERR_DB;
	bind_int(s, ":then_minor", store_minor_threshold(x->since));
	/* a sorted copy: p's arrays stay in step with each other */
	ids = xmalloc((p->n + 1) * sizeof *ids);
	if (p->n) {
		memcpy(ids, p->id, p->n * sizeof *ids);
		qsort(ids, p->n, sizeof *ids, cmp_id);
	}
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		int sx = sex_index(column_text(s, 1));

		if (p->n && bsearch(&id, ids, p->n, sizeof *ids, cmp_id))
			continue;
		t->sexage_delta[sx][AGE_G_ADULT]--;
		t->sexage_delta[sx][AGE_G_MINOR]++;
	}
	free(ids);
	return finish(x, s, src, "the persons grown up");
}

/* With a filter: one pass over the persons it selects counts today's
 * caseload, marks them in sel, and (with --since) counts the unchanged
 * as they were and lists the others in p. */
static enum status
count_selected(struct ctx *x, struct pending *p)
{
	int32_t minor_now = store_minor_threshold(x->as_of),
	        minor_then = store_minor_threshold(x->since);
	struct counts *c = &x->now;
	struct then *t = x->then;
	sqlite3_stmt *s = filtered(x,
		"SELECT id, coalesce(stage, ''), stage_since, coalesce(nationality, ''),"
		" sex, birth_hi FROM person", "");
	int src;

	if (!s)
		return ST_ERR_DB;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		int stage = vocab_index(vocab_stages, column_text(s, 1)),
		    sx = sex_index(column_text(s, 4));
		bool has_since = sqlite3_column_type(s, 2) != SQLITE_NULL,
		     known = sqlite3_column_type(s, 5) != SQLITE_NULL;
		int32_t since = (int32_t)sqlite3_column_int(s, 2),
		        birth_hi = (int32_t)sqlite3_column_int(s, 5);
		int age = age_group(known, birth_hi, minor_now);

		idset_add(&x->sel, id);
		c->stage[stage >= 0 ? stage : x->nstages]++;
		c->nat[code_index(column_text(s, 3))]++;
		c->sexage[sx][age]++;
		if (has_since)
			tally_timed(x, c->timed, stage, since, x->as_of, 1);
		if (!t)
			continue;
		/* the same split as since_everyone's */
		if (has_since && since <= x->since && since != -1) {
			int then_age = age_group(known, birth_hi, minor_then);

			t->stage[stage >= 0 ? stage : x->nstages]++;
			t->present++;
			tally_timed(x, t->timed, stage, since, x->since, 1);
			t->sexage_delta[sx][age]--;
			t->sexage_delta[sx][then_age]++;
		} else {
			pending_push(p, id, column_text(s, 3), column_text(s, 4), known,
			             birth_hi);
		}
	}
	return finish(x, s, src, "the persons selected");
}

/* --- caseload by stage --------------------------------------------------- */

static void
section_stage(struct ctx *x)
{
	struct report_section *sec = report_add_section(x->r, "stage",
		_("Caseload by stage"), _("persons"), CHART_BARS);
	const long *n = x->now.stage;

	sec->shares = true;
	report_set_note(sec, _("Every person the filter selects, by the stage the"
	                " pathway rules derive from their events, in pathway order."));
	/* pathway order, as vocab_stages lists them; none last */
	for (int i = 0; i <= x->nstages; i++) {
		long then = x->then ? x->then->stage[i] : 0;
		char label[64];
		struct report_row *row;

		if (!n[i] && !then)
			continue;
		if (i < x->nstages) {
			const char *t = STAGE_LABEL(vocab_stages[i]);

			/* English says the identifier in words */
			if (t == vocab_stages[i])
				words(vocab_stages[i], label, sizeof label);
			else
				snprintf(label, sizeof label, "%s", t);
		}
		row = report_add_row(sec, i < x->nstages ? vocab_stages[i] : "none",
		                     i < x->nstages ? label : _("(no stage yet)"), "", n[i]);
		sec->total += n[i];
		if (x->then)
			set_change(row, then);
	}
	if (x->then) {
		sec->has_change = true;
		sec->change = sec->total - x->then->present;
	}
	x->r->persons = sec->total;
}

/* --- by nationality ------------------------------------------------------- */

struct nat_count {
	int code;
	long n;
};

/* By count, largest first, then by code ("" first, as SQL sorts it). */
static int
cmp_nat(const void *a, const void *b)
{
	const struct nat_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	if (x->code == NCODES || y->code == NCODES)
		return (x->code != NCODES) - (y->code != NCODES);
	return (x->code > y->code) - (x->code < y->code);
}

static void
code_text(int code, char out[4])
{
	out[0] = (char)('A' + code / 676);
	out[1] = (char)('A' + code / 26 % 26);
	out[2] = (char)('A' + code % 26);
	out[3] = '\0';
}

static enum status
section_nationality(struct ctx *x)
{
	struct report_section *sec = report_add_section(x->r, "nationality",
		_("Caseload by nationality"), _("persons"), CHART_BARS);
	sqlite3_stmt *s = plain(x, "SELECT name FROM country WHERE code = :c");
	struct nat_count *all = NULL;
	size_t nall = 0, cap = 0;
	long rest = 0, rest_then = x->then ? x->then->nat_delta_total : 0, kinds = 0;
	enum status rc = ST_OK;

	if (!s)
		return ST_ERR_DB;
	for (int code = 0; code <= NCODES; code++) {
		if (!x->now.nat[code])
			continue;
		if (nall == cap) {
			cap = cap ? cap * 2 : 64;
			all = xrealloc(all, cap * sizeof *all);
		}
		all[nall].code = code;
		all[nall++].n = x->now.nat[code];
	}
	if (nall)
		qsort(all, nall, sizeof *all, cmp_nat);
	sec->shares = true;
	for (size_t i = 0; rc == ST_OK && i < nall; i++) {
		char code[4] = "", label[160];
		struct report_row *row;
		int src;

		sec->total += all[i].n;
		if (i >= TOP_NATIONALITIES) {
			rest += all[i].n;
			kinds++;
			continue;
		}
		if (all[i].code < NCODES) {
			code_text(all[i].code, code);
			bind_str(s, ":c", code);
			src = sqlite3_step(s);
			snprintf(label, sizeof label, "%s %s", code,
			         src == SQLITE_ROW ? i18n_country(column_text(s, 0)) : "");
			rc = finish(x, s, src, "the country names");
		} else {
			snprintf(label, sizeof label, _("(none recorded)"));
		}
		row = report_add_row(sec, *code ? code : "none", label, "", all[i].n);
		if (x->then) {
			long delta = x->then->nat_delta[all[i].code];

			set_change(row, all[i].n + delta);
			rest_then -= delta;
		}
	}
	/* rest_then held the other nationalities' difference */
	rest_then += rest;
	if (rc == ST_OK && (rest || (x->then && rest_then))) {
		char label[64];
		struct report_row *row;

		snprintf(label, sizeof label, P_("other (%ld nationality)",
		         "other (%ld nationalities)", kinds), kinds);
		row = report_add_row(sec, "other", label, "", rest);
		row->flags |= ROW_REST;
		if (x->then)
			set_change(row, rest_then);
	}
	if (x->then) {
		sec->has_change = true;
		sec->change = sec->total - x->then->present;
	}
	report_set_note(sec, _("The 15 largest nationalities and the rest together;"
	                " a disputed nationality counts as recorded, not as claimed."));
	free(all);
	return rc;
}

/* --- by sex and age group ------------------------------------------------- */

static void
section_sex_age(struct ctx *x)
{
	struct report_section *sec = report_add_section(x->r, "sex_age",
		_("Caseload by sex and age group"), _("persons"), CHART_BARS);

	sec->shares = true;
	for (int i = 0; i < NSEXES; i++)
		for (int a = 0; a < NAGES; a++) {
			long n = x->now.sexage[i][a];
			long then = x->then ? n + x->then->sexage_delta[i][a] : 0;
			char key[32], label[64];
			struct report_row *row;

			if (!n && !then)
				continue;
			snprintf(key, sizeof key, "%s_%s", sexes[i],
			         a == AGE_G_MINOR ? "minor" : a == AGE_G_ADULT ? "adult"
			         : "unknown");
			snprintf(label, sizeof label, "%s, %s", _(sex_words[i]), _(age_words[a]));
			row = report_add_row(sec, key, label, "", n);
			sec->total += n;
			if (x->then)
				set_change(row, then);
		}
	if (x->then) {
		sec->has_change = true;
		sec->change = sec->total - x->then->present;
	}
	report_set_note(sec, _("A minor is under 18 on the report's day; a partial"
	                " birth date counts as a minor when any day it allows does"
	                " (as the list's age filter)."));
}

/* --- time in the current stage -------------------------------------------- */

static void
bucket_label(const struct ctx *x, int t, int b, char *out, size_t len)
{
	bool years = x->by_year[t];

	if (b == 0)
		snprintf(out, len, "%s", years ? _("under 1 year") : _("under 1 month"));
	else if (b == x->nbuckets[t] - 1)
		snprintf(out, len, years ? P_("%d year or more", "%d years or more", b)
		         : P_("%d month or more", "%d months or more", b), b);
	else
		snprintf(out, len, years ? P_("%d year", "%d years", b)
		         : P_("%d month", "%d months", b), b);
}

/* Marks the first bucket at or past a clock's length, in the unit of
 * the section; past the last limit is an alert. */
static void
mark_limit(const struct ctx *x, struct report_section *sec, int t,
           const char *clock, const char *what, bool alert)
{
	struct duration len;
	const char *rule;
	int at;

	if (!ruleset_clock(x->st->rules, clock, &len, &rule))
		return;
	at = x->by_year[t] ? months_of(&len) / 12 : months_of(&len);
	if (at <= 0 || (size_t)at >= sec->nrows)
		return;
	{
		struct report_row *row = &sec->rows[at];
		char note[160];

		snprintf(note, sizeof note, "%s (%s)", what, rule);
		free(row->note);
		row->note = xstrdup(note);
		row->flags |= ROW_LIMIT;
		for (size_t i = (size_t)at; alert && i < sec->nrows; i++)
			sec->rows[i].flags |= ROW_ALERT;
	}
}

static void
section_time_in_stage(struct ctx *x)
{
	static const char *const titles[NTIMED] = {
		N_("Time in the removal centre"), N_("Time in prison"),
		N_("Time under judicial control")
	};
	static const char *const keys[NTIMED] = {
		"time_removal_centre", "time_prison", "time_judicial_control"
	};

	for (int t = 0; t < NTIMED; t++) {
		struct report_section *sec = report_add_section(x->r, keys[t], _(titles[t]),
			_("persons"), CHART_HISTOGRAM);
		long then_total = 0;

		sec->shares = true;
		for (int b = 0; b < x->nbuckets[t]; b++) {
			char key[16], label[48];
			struct report_row *row;

			snprintf(key, sizeof key, "%d", b);
			bucket_label(x, t, b, label, sizeof label);
			row = report_add_row(sec, key, label, "", x->now.timed[t][b]);
			sec->total += x->now.timed[t][b];
			if (x->then) {
				set_change(row, x->then->timed[t][b]);
				then_total += x->then->timed[t][b];
			}
		}
		if (x->then) {
			sec->has_change = true;
			sec->change = sec->total - then_total;
		}
		if (t == TS_CENTRE) {
			mark_limit(x, sec, t, "admin_detention_initial",
			           _("initial limit: an extension needs a ground"), false);
			mark_limit(x, sec, t, "admin_detention_max",
			           _("maximum: release is obligatory"), true);
			report_set_note(sec, _("Whole months since admission (transfers do"
			                " not restart it), against the rule set's limits."));
		} else if (t == TS_JC) {
			mark_limit(x, sec, t, "judicial_control_max",
			           _("maximum pending a final verdict"), true);
			report_set_note(sec, _("Whole years under judicial control, against"
			                " the rule set's maximum."));
		} else {
			report_set_note(sec, _("Whole years since imprisonment; each"
			                " sentence's own end is in the deadlines."));
		}
	}
}

/* --- deadlines by week ------------------------------------------------------ */

static enum status
section_deadlines(struct ctx *x)
{
	struct report_section *sec = report_add_section(x->r, "deadlines",
		_("Deadlines in the next 8 weeks"), _("clocks"), CHART_HISTOGRAM);
	/* deadline_open_span holds due, due_latest and (in the key) the
	 * person: every open clock due by the last week, no row read */
	sqlite3_stmt *s = plain(x, "SELECT d.person_id, d.due, d.due_latest, d.lapses"
		" FROM deadline d INDEXED BY deadline_open_span"
		" WHERE d.status IN ('open', 'overdue') AND d.due <= :until");
	long n[DEADLINE_WEEKS + 1] = { 0 }, lapsed = 0;
	enum status rc;
	int src;

	if (!s)
		return ST_ERR_DB;
	bind_int(s, ":until", (int64_t)x->as_of + 7 * DEADLINE_WEEKS - 1);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int32_t due = (int32_t)sqlite3_column_int(s, 1),
		        latest = (int32_t)sqlite3_column_int(s, 2);

		if (x->filtered && !idset_has(&x->sel, sqlite3_column_int64(s, 0)))
			continue;
		/* lapsed since it was derived: its own status, not overdue */
		if (sqlite3_column_int(s, 3) <= x->as_of) {
			lapsed++;
			continue;
		}
		/* overdue when even the latest day has passed; else the week
		 * of its first day (one begun before today in the first) */
		if (latest < x->as_of)
			n[0]++;
		else
			n[1 + ((due > x->as_of ? due : x->as_of) - x->as_of) / 7]++;
	}
	rc = finish(x, s, src, "the deadlines");
	for (int w = 0; rc == ST_OK && w <= DEADLINE_WEEKS; w++) {
		char key[16], label[48], a[PDATE_TEXT_MAX], b[PDATE_TEXT_MAX];
		struct report_row *row;

		if (w == 0) {
			row = report_add_row(sec, "overdue", _("overdue"), "", n[0]);
			row->flags |= ROW_ALERT;
		} else {
			int32_t from = x->as_of + 7 * (w - 1);

			snprintf(key, sizeof key, "week%d", w);
			snprintf(label, sizeof label, "%s..%s", day_format(from, a, sizeof a),
			         day_format(from + 6, b, sizeof b));
			row = report_add_row(sec, key, label, "", n[w]);
		}
		sec->total += n[w];
	}
	/* the lapsed clocks stored as such (deadline_lapsed_due) */
	if (rc == ST_OK && (s = plain(x, "SELECT d.person_id FROM deadline d"
	                              " INDEXED BY deadline_lapsed_due"
	                              " WHERE d.status = 'lapsed'"))) {
		while ((src = sqlite3_step(s)) == SQLITE_ROW)
			if (!x->filtered || idset_has(&x->sel, sqlite3_column_int64(s, 0)))
				lapsed++;
		rc = finish(x, s, src, "the lapsed deadlines");
	} else if (rc == ST_OK) {
		rc = ST_ERR_DB;
	}
	/* its own status, beside the open ones and not in their total */
	if (rc == ST_OK)
		report_add_row(sec, "lapsed", _("lapsed"), "", lapsed);
	report_set_note(sec, _("Open legal clocks of the persons selected, by the week"
	                " they fall due, the first week starting on the report's day;"
	                " overdue when even the latest day a partial date allows has"
	                " passed; lapsed (not in the total): challenge windows that"
	                " closed unused past their grace period or became moot. No"
	                " change is computed: clocks have no history."));
	return rc;
}

/* --- sets of persons: removals blocked, families --------------------------- */

enum {
	BL_PENDING, BL_WINDOW, BL_RISK, BL_NEVER, BL_VOLUNTARY, BL_CASE, BL_CHILD,
	NBLOCKS
};

struct sets {
	int64_t n;                   /* the largest person id + 1 */
	struct idset track;          /* awaiting removal, selected by the filter */
	struct idset track_all;      /* awaiting removal, anyone */
	struct idset minor_all;      /* minors on as_of, anyone */
	struct idset minor_sel;      /* minors the filter selects (with one) */
	struct idset rule[NBLOCKS];  /* blocked by each rule */
	struct idset children;       /* minors linked to an adult awaiting removal */
	long pending;                /* parentage checks pending */
	long wait[6];                /* ... by time waiting */
};

static void
sets_free(struct sets *z)
{
	idset_free(&z->track);
	idset_free(&z->track_all);
	idset_free(&z->minor_all);
	idset_free(&z->minor_sel);
	for (int i = 0; i < NBLOCKS; i++)
		idset_free(&z->rule[i]);
	idset_free(&z->children);
}

/* Adds column 0 of every row of s to set (only members of within, when
 * given). */
static enum status
fill(struct ctx *x, sqlite3_stmt *s, struct idset *set, const struct idset *within)
{
	int src;

	if (!s)
		return ST_ERR_DB;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);

		if (!within || idset_has(within, id))
			idset_add(set, id);
	}
	return finish(x, s, src, "a set of persons");
}

/* Persons of one nationality awaiting removal, by the nationality
 * index. */
static sqlite3_stmt *
of_nationality(struct ctx *x, const char *code)
{
	sqlite3_stmt *s = plain(x, "SELECT id FROM person WHERE coalesce(nationality, '') = :c");

	if (s)
		bind_str(s, ":c", code);
	return s;
}

static enum status
blocked_sets(struct ctx *x, struct sets *z)
{
	const struct ruleset *rs = x->st->rules;
	size_t nv, nc, ne, nn;
	const char *const *vol = ruleset_words(rs, "voluntary_only", &nv);
	const char *const *cbc = ruleset_words(rs, "case_by_case", &nc);
	const char *const *eth = ruleset_words(rs, "never_ethnicity", &ne);
	const char *const *ctry = ruleset_words(rs, "never_country", &nn);
	unsigned char *natk = NULL;
	enum status rc = ST_OK;
	sqlite3_stmt *s;
	int src;

	/* awaiting removal (anyone, for the families; and those selected),
	 * and which of them have a challenge pending */
	if (!(s = plain(x, "SELECT id, coalesce(stage, '') = 'challenge_pending'"
	                " FROM person WHERE coalesce(stage, '') IN " TRACK_STAGES)))
		return ST_ERR_DB;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);

		idset_add(&z->track_all, id);
		if (x->filtered && !idset_has(&x->sel, id))
			continue;
		idset_add(&z->track, id);
		if (sqlite3_column_int(s, 1))
			idset_add(&z->rule[BL_PENDING], id);
	}
	if ((rc = finish(x, s, src, "the persons awaiting removal")) != ST_OK)
		return rc;
	/* G1: a challenge window open on as_of; its clock runs 7 days (and
	 * a partial date at most a year) from a notification before it */
	if ((s = plain(x, "SELECT d.person_id FROM deadline d INDEXED BY deadline_open_span"
	               " WHERE d.status IN ('open', 'overdue') AND d.due >= :lo"
	               " AND d.due <= :hi AND d.clock = 'challenge_window'"
	               " AND d.due_latest >= :asof"))) {
		bind_int(s, ":lo", (int64_t)x->as_of - 366);
		bind_int(s, ":hi", (int64_t)x->as_of + 31);
	}
	if ((rc = fill(x, s, &z->rule[BL_WINDOW], &z->track)) != ST_OK)
		return rc;
	/* G2: a risk found (the same test as the list's "barred" flag) */
	rc = fill(x, plain(x, "SELECT a.person_id FROM event a"
	                   " WHERE a.kind = 'non_refoulement_assessment'"
	                   " AND a.outcome = 'risk'"), &z->rule[BL_RISK], &z->track);
	/* G3: nationals of a voluntary-only country */
	for (size_t i = 0; rc == ST_OK && i < nv; i++)
		rc = fill(x, of_nationality(x, vol[i]), &z->rule[BL_VOLUNTARY], &z->track);
	/* G4: nationals of a case-by-case country without a no-risk
	 * assessment for it (natk: which of the countries, 1-based) */
	if (nc > 0 && nc < 255)
		natk = xcalloc((size_t)z->n, 1);
	for (size_t i = 0; rc == ST_OK && natk && i < nc; i++) {
		if (!(s = of_nationality(x, cbc[i])))
			return ST_ERR_DB;
		while ((src = sqlite3_step(s)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(s, 0);

			if (idset_has(&z->track, id) && id < z->n) {
				idset_add(&z->rule[BL_CASE], id);
				natk[id] = (unsigned char)(i + 1);
			}
		}
		rc = finish(x, s, src, "the case-by-case nationals");
	}
	if (rc == ST_OK && natk) {
		if (!(s = plain(x, "SELECT a.person_id, coalesce(a.country, '') FROM event a"
		                " WHERE a.kind = 'non_refoulement_assessment'"
		                " AND a.outcome = 'no_risk'"))) {
			free(natk);
			return ST_ERR_DB;
		}
		while ((src = sqlite3_step(s)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(s, 0);
			const char *c = column_text(s, 1);

			/* an assessment with no country is of the nationality */
			if (id >= 0 && id < z->n && natk[id] &&
			    (!*c || strcmp(c, cbc[natk[id] - 1]) == 0))
				idset_del(&z->rule[BL_CASE], id);
		}
		rc = finish(x, s, src, "the assessments");
	}
	free(natk);
	/* G2-never: an ethnicity never returned to the nationality; only
	 * those of that nationality awaiting removal are read for it */
	for (size_t k = 0; rc == ST_OK && k < ne && k < nn; k++) {
		struct idset cand;
		sqlite3_stmt *e;

		idset_init(&cand, z->n);
		rc = fill(x, of_nationality(x, ctry[k]), &cand, &z->track);
		e = plain(x, "SELECT ethnicity = :e FROM person WHERE id = :id");
		if (!e)
			rc = ST_ERR_DB;
		for (int64_t id = 0; rc == ST_OK && cand.count && id < cand.n; id++) {
			if (!idset_has(&cand, id))
				continue;
			bind_str(e, ":e", eth[k]);
			bind_int(e, ":id", id);
			if ((src = sqlite3_step(e)) == SQLITE_ROW && sqlite3_column_int(e, 0))
				idset_add(&z->rule[BL_NEVER], id);
			rc = finish(x, e, src, "the ethnicities");
		}
		idset_free(&cand);
	}
	return rc;
}

/* Minors, the filter's persons, and then one pass over the family
 * links: G9, the children of those awaiting removal, pending
 * parentage checks. */
static enum status
family_sets(struct ctx *x, struct sets *z)
{
	bool any = x->filtered;
	unsigned char *pend = xcalloc((size_t)z->n, 1);
	enum status rc;
	sqlite3_stmt *s;
	long dated = 0;
	int src;

	/* sex IN (...) lets person_sex_birth find the minors by range */
	rc = fill(x, plain(x, "SELECT id FROM person WHERE sex IN ('F', 'M', 'X', 'U')"
	                   " AND birth_hi > :minor"), &z->minor_all, NULL);
	for (size_t w = 0; any && w < (size_t)(z->n + 63) / 64; w++)
		z->minor_sel.w[w] = z->minor_all.w[w] & x->sel.w[w];
	if (rc != ST_OK || !(s = plain(x,
		"SELECT person_id, kind = 'child', other_id, verification = 'dna_requested'"
		" FROM relation WHERE kind IN ('child', 'ward')"))) {
		free(pend);
		return rc != ST_OK ? rc : ST_ERR_DB;
	}
	{
		const struct idset *minor_sel = any ? &z->minor_sel : &z->minor_all;
		const struct idset *track_all = &z->track_all;

		while ((src = sqlite3_step(s)) == SQLITE_ROW) {
			int64_t adult = sqlite3_column_int64(s, 0), child = sqlite3_column_int64(s, 2);
			bool is_child = sqlite3_column_int(s, 1) != 0;

			/* G9: an adult awaiting removal with a minor child; an
			 * unknown birth counts as an adult, as the rules do */
			if (is_child && idset_has(&z->track, adult) &&
			    !idset_has(&z->minor_all, adult) && idset_has(&z->minor_all, child))
				idset_add(&z->rule[BL_CHILD], adult);
			if (idset_has(minor_sel, child) && idset_has(track_all, adult))
				idset_add(&z->children, child);
			if (is_child && sqlite3_column_int(s, 3) &&
			    (!any || idset_has(&x->sel, child)) && child >= 0 && child < z->n) {
				z->pending++;
				if (pend[child] < 255)
					pend[child]++;
			}
		}
	}
	if ((rc = finish(x, s, src, "the family links")) != ST_OK) {
		free(pend);
		return rc;
	}
	/* a check waits since the child's first parentage test (the partial
	 * index event_dna_test holds them by person, in date order) */
	if (!(s = plain(x, "SELECT person_id, min(date_lo) FROM event"
	                " WHERE kind = 'dna_test' AND date_lo <= :asof GROUP BY person_id"))) {
		free(pend);
		return ST_ERR_DB;
	}
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		int mo, b;

		if (id < 0 || id >= z->n || !pend[id])
			continue;
		mo = report_months_between((int32_t)sqlite3_column_int(s, 1), x->as_of);
		b = mo < 1 ? 0 : mo < 3 ? 1 : mo < 6 ? 2 : mo < 12 ? 3 : 4;
		z->wait[b] += pend[id];
		dated += pend[id];
	}
	rc = finish(x, s, src, "the parentage tests");
	z->wait[5] = z->pending - dated;
	free(pend);
	return rc;
}

static enum status
gather_sets(struct ctx *x, struct sets *z)
{
	enum status rc;

	z->n = x->n;
	idset_init(&z->track, z->n);
	idset_init(&z->track_all, z->n);
	idset_init(&z->minor_all, z->n);
	idset_init(&z->minor_sel, z->n);
	idset_init(&z->children, z->n);
	for (int i = 0; i < NBLOCKS; i++)
		idset_init(&z->rule[i], z->n);
	rc = blocked_sets(x, z);
	if (rc == ST_OK)
		rc = family_sets(x, z);
	return rc;
}

static void
join_words(const char *const *w, size_t n, char *out, size_t len)
{
	size_t at = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && at < len; i++) {
		int k = snprintf(out + at, len - at, "%s%s", i ? " " : "", w[i]);

		if (k > 0)
			at += (size_t)k;
	}
}

static void
section_blocked(struct ctx *x, const struct sets *z)
{
	static const char *const rule_of[NBLOCKS] = {
		"G1", "G1", "G2", "G2-never", "G3", "G4", "G9"
	};
	static const char *const keys[NBLOCKS] = {
		"G1_pending", "G1_window", "G2", "G2_never", "G3", "G4", "G9"
	};
	struct report_section *sec = report_add_section(x->r, "blocked",
		_("Removals blocked, by the rule that blocks them"), _("persons"), CHART_BARS);
	const struct ruleset *rs = x->st->rules;
	size_t nv, nc;
	const char *const *vol = ruleset_words(rs, "voluntary_only", &nv);
	const char *const *cbc = ruleset_words(rs, "case_by_case", &nc);
	struct idset all;
	struct report_row *row;

	idset_init(&all, z->n);
	sec->total = z->track.count;
	sec->shares = true;
	report_set_total_label(sec, _("persons awaiting removal"));
	for (int i = 0; i < NBLOCKS; i++) {
		char label[160], list[96];

		if (!ruleset_guard_on(rs, rule_of[i]))
			continue;
		for (size_t w = 0; w < (size_t)(all.n + 63) / 64; w++)
			all.w[w] |= z->rule[i].w[w];
		switch (i) {
		case BL_PENDING:
			snprintf(label, sizeof label, _("G1 challenge pending"));
			break;
		case BL_WINDOW:
			snprintf(label, sizeof label, _("G1 challenge window open"));
			break;
		case BL_RISK:
			snprintf(label, sizeof label, _("G2 non-refoulement risk"));
			break;
		case BL_NEVER:
			snprintf(label, sizeof label, _("G2-never never-return group"));
			break;
		case BL_VOLUNTARY:
			join_words(vol, nv, list, sizeof list);
			snprintf(label, sizeof label, _("G3 voluntary only: %s"), list);
			break;
		case BL_CASE:
			join_words(cbc, nc, list, sizeof list);
			snprintf(label, sizeof label, _("G4 unassessed: %s"), list);
			break;
		default:
			snprintf(label, sizeof label, _("G9 minor child linked"));
			break;
		}
		report_add_row(sec, keys[i], label, "", z->rule[i].count);
	}
	all.count = 0;
	for (size_t w = 0; w < (size_t)(all.n + 63) / 64; w++)
		all.count += __builtin_popcountll(all.w[w]);
	row = report_add_row(sec, "any", _("blocked by any rule"), "", all.count);
	row->flags |= ROW_TOTAL;
	idset_free(&all);
	report_set_note(sec, _("Persons awaiting removal (removal ordered, challenge"
	                " pending, removal barred, arranging, in a removal centre or an"
	                " alternative measure) whom a removal to their nationality"
	                " today would be refused for; one person may be blocked by"
	                " several rules. G9 counts a minor child linked whatever"
	                " arrangement is recorded for the child. No change is"
	                " computed."));
}

/* --- outcomes per month ---------------------------------------------------- */

static enum status
section_outcomes(struct ctx *x)
{
	struct report_section *sec = report_add_section(x->r, "outcomes",
		_("Outcomes per month"), _("events"), CHART_SERIES);
	/* event_outcome holds (kind, date_lo, person_id): no event row read */
	sqlite3_stmt *s = plain(x, "SELECT e.person_id, e.kind, e.date_lo FROM event e"
		" WHERE " OUTCOME_KINDS " AND e.date_lo >= :from"
		" AND e.date_lo <= :asof");
	struct report_row *all;
	int32_t from;
	enum status rc;
	int y = 0, m = 1, src;

	if (!s)
		return ST_ERR_DB;
	report_set_months(sec, x->as_of, OUTCOME_MONTHS);
	for (size_t k = 0; k < NOUTCOMES; k++)
		report_add_row(sec, outcomes[k].kind, _(outcomes[k].label), "", 0);
	all = report_add_row(sec, "all", _("all outcomes"), "", 0);
	all->flags |= ROW_TOTAL;
	/* the "all outcomes" row is the total */
	report_set_total_label(sec, "");
	sscanf(sec->months[0], "%d-%d", &y, &m);
	from = day_from_ymd(y, m, 1);
	/* one walk for the months shown and the events since */
	if (x->since >= 0 && x->since + 1 < from)
		from = x->since + 1;
	bind_int(s, ":from", from);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *kind = column_text(s, 1);
		int32_t day = (int32_t)sqlite3_column_int(s, 2);
		int i = report_month_index(sec, day);
		bool since = x->since >= 0 && day > x->since;

		if (x->filtered && !idset_has(&x->sel, sqlite3_column_int64(s, 0)))
			continue;
		for (size_t k = 0; k < NOUTCOMES; k++) {
			if (strcmp(kind, outcomes[k].kind) != 0)
				continue;
			if (i >= 0) {
				sec->rows[k].series[i]++;
				sec->rows[k].value++;
				all->series[i]++;
				all->value++;
			}
			if (since) {
				sec->rows[k].change++;
				all->change++;
			}
		}
	}
	if ((rc = finish(x, s, src, "the outcomes")) != ST_OK)
		return rc;
	sec->total = all->value;
	if (x->since >= 0) {
		for (size_t k = 0; k <= NOUTCOMES; k++)
			sec->rows[k].has_change = true;
		sec->has_change = true;
		sec->change = all->change;
	}
	report_set_note(sec, _("Outcome events of the persons selected, by the month of"
	                " their date (a date known only to the year counts in its"
	                " January); the change is the number since the comparison"
	                " day."));
	return ST_OK;
}

/* --- families ------------------------------------------------------------------ */

static void
section_families(struct ctx *x, const struct sets *z)
{
	static const char *const wait_label[6] = {
		N_("under 1 month"), N_("1 to 3 months"), N_("3 to 6 months"),
		N_("6 to 12 months"), N_("12 months or more"), N_("no test date recorded")
	};
	static const char *const wait_key[6] = {
		"0", "1", "3", "6", "12", "unknown"
	};
	struct report_section *sec = report_add_section(x->r, "families",
		_("Families"), _("persons"), CHART_BARS);
	struct report_section *ws;

	report_set_total_label(sec, "");   /* different things: no sum */
	report_add_row(sec, "children_of_removal", _("minors of adults in removal"), "",
	               z->children.count);
	report_add_row(sec, "parentage_pending", _("parentage checks pending"), "",
	               z->pending);
	report_set_note(sec, _("Minors the filter selects with a parent or guardian"
	                " awaiting removal; parent and child links whose verification"
	                " is dna_requested, the child selected by the filter. No"
	                " change is computed: verification has no dated history."));
	ws = report_add_section(x->r, "parentage_wait",
		_("Parentage checks pending, by time waiting"), _("checks"), CHART_HISTOGRAM);
	ws->shares = true;
	for (int b = 0; b < 6; b++) {
		struct report_row *row = report_add_row(ws, wait_key[b], _(wait_label[b]),
		                                        "", z->wait[b]);

		if (b == 4)
			row->flags |= ROW_ALERT;
		ws->total += z->wait[b];
	}
	report_set_note(ws, _("Time since the child's first parentage test (dna_test"
	                " event) up to the report's day."));
}

enum status
store_report(struct store *st, const struct list_filter *f, int32_t as_of,
             int32_t since, struct report *out)
{
	struct ctx x = { .st = st, .r = out, .as_of = as_of, .since = since };
	struct then then = { 0 };
	struct pending p = { 0 };
	struct sets z = { 0 };
	enum status rc = ST_OK;
	sqlite3_stmt *s;
	int src;

	report_clear(out);
	out->as_of = as_of;
	out->since = since;
	if (!st->rules)
		return store_fail(st, SQLITE_OK, _("no rule set loaded"));
	if (f)
		x.f = *f;
	x.f.today = as_of;
	x.filtered = !list_filter_empty(&x.f);
	list_filter_format(&x.f, out->filter, sizeof out->filter);
	/* records absorbed by a merge are no cases: the everyone path's
	 * aggregates would count them, so with any merged record the report
	 * takes the filter's path, whose WHERE leaves them out (one read of
	 * every person; without merges, the aggregates as before) */
	if (!x.filtered) {
		sqlite3_stmt *m = plain(&x, "SELECT EXISTS (SELECT 1 FROM person"
		                        " INDEXED BY person_merged WHERE merged_into IS NOT NULL)");

		if (!m)
			return ST_ERR_DB;
		if (sqlite3_step(m) == SQLITE_ROW)
			x.filtered = sqlite3_column_int(m, 0) != 0;
		sqlite3_reset(m);
	}
	while (vocab_stages[x.nstages])
		x.nstages++;
	plan_buckets(&x);
	/* one read transaction: every section sees the same data */
	if (!st->in_tx && (rc = store_exec(st, "BEGIN")) != ST_OK)
		return rc;
	x.now.stage = xcalloc((size_t)x.nstages + 1, sizeof *x.now.stage);
	x.now.nat = xcalloc(NCODES + 1, sizeof *x.now.nat);
	if (since >= 0) {
		then.stage = xcalloc((size_t)x.nstages + 1, sizeof *then.stage);
		then.nat_delta = xcalloc(NCODES + 1, sizeof *then.nat_delta);
		x.then = &then;
	}
	/* the sets of persons are bitmaps indexed by id */
	if (!(s = plain(&x, "SELECT coalesce(max(id), 0) + 1 FROM person"))) {
		rc = ST_ERR_DB;
	} else {
		if ((src = sqlite3_step(s)) == SQLITE_ROW)
			x.n = sqlite3_column_int64(s, 0);
		rc = finish(&x, s, src, "the persons");
	}
	idset_init(&x.sel, x.filtered ? x.n : 0);
	if (rc == ST_OK && x.filtered)
		rc = count_selected(&x, &p);
	else if (rc == ST_OK)
		rc = count_everyone(&x);
	if (rc == ST_OK && x.then && !x.filtered)
		rc = since_everyone(&x, &p);
	if (rc == ST_OK && x.then)
		rc = tally_pending(&x, &p);
	if (rc == ST_OK) {
		section_stage(&x);
		rc = section_nationality(&x);
	}
	if (rc == ST_OK) {
		section_sex_age(&x);
		section_time_in_stage(&x);
		rc = section_deadlines(&x);
	}
	if (rc == ST_OK)
		rc = gather_sets(&x, &z);
	if (rc == ST_OK) {
		section_blocked(&x, &z);
		rc = section_outcomes(&x);
	}
	if (rc == ST_OK)
		section_families(&x, &z);
	/* a read transaction: ending it cannot lose anything */
	if (!st->in_tx)
		store_exec(st, "COMMIT");
	free(x.now.stage);
	free(x.now.nat);
	free(then.stage);
	free(then.nat_delta);
	idset_free(&x.sel);
	pending_free(&p);
	sets_free(&z);
	if (rc != ST_OK)
		report_clear(out);
	return rc;
}
