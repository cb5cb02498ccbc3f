/* store_rules.c: applying the pathway rules inside a write transaction:
 * reading one person's events and relations, and storing the stage and
 * deadlines the rules derive, in the same transaction as the events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/i18n.h"
#include "casepath/rules.h"
#include "casepath/store_sweep.h"
#include "casepath/util.h"
#include "casepath/vocab.h"
#include "store_internal.h"

void
store_set_rules(struct store *st, const struct ruleset *rs)
{
	st->rules = rs;
}

/* One person's rows for the evaluation. The strings live in a chunked
 * arena and the arrays keep their capacity, so a pass over a million
 * persons reuses the same memory instead of allocating per string. */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	char data[];
};

struct person_rows {
	struct rule_person p;
	struct rule_event *events;
	size_t events_cap;
	struct rule_relation *relations;
	size_t relations_cap;
	struct arena_block *first, *current;
};

static const char *
keep_n(struct person_rows *r, const char *s, size_t n)
{
	struct arena_block *b = r->current;

	while (b && b->size - b->used < n) {
		if (!b->next)
			break;
		b = b->next;
		b->used = 0;
	}
	if (!b || b->size - b->used < n) {
		size_t size = n > 65536 ? n : 65536;
		struct arena_block *nb = xmalloc(sizeof *nb + size);

		nb->next = NULL;
		nb->used = 0;
		nb->size = size;
		if (b) {
			nb->next = b->next;
			b->next = nb;
		} else {
			r->first = nb;
		}
		b = nb;
	}
	r->current = b;
	memcpy(b->data + b->used, s, n);
	b->used += n;
	return b->data + b->used - n;
}

static const char *
keep(struct person_rows *r, const char *s)
{
	return keep_n(r, s, strlen(s) + 1);
}

/* A text column kept: most of an event's columns are empty, which need
 * no copy (asking SQLite for the length instead of strlen costs more
 * than it saves). */
static const char *
keep_column(struct person_rows *r, sqlite3_stmt *s, int c)
{
	const char *t = column_text(s, c);

	return *t ? keep_n(r, t, strlen(t) + 1) : "";
}

/* Forgets the rows but keeps the memory for the next person. */
static void
person_rows_reset(struct person_rows *r)
{
	memset(&r->p, 0, sizeof r->p);
	r->current = r->first;
	if (r->first)
		r->first->used = 0;
}

static void
person_rows_clear(struct person_rows *r)
{
	struct arena_block *b = r->first;

	while (b) {
		struct arena_block *next = b->next;

		free(b);
		b = next;
	}
	free(r->events);
	free(r->relations);
	memset(r, 0, sizeof *r);
}

static struct rule_event *
new_event(struct person_rows *r)
{
	if (r->p.nevents == r->events_cap) {
		r->events_cap = r->events_cap ? r->events_cap * 2 : 32;
		r->events = xrealloc(r->events, r->events_cap * sizeof *r->events);
	}
	r->p.events = r->events;
	return &r->events[r->p.nevents++];
}

/* Fills an event from columns (id, kind, date, country, duration,
 * outcome, note) starting at column c. */
static void
read_event(struct person_rows *r, sqlite3_stmt *s, int c)
{
	struct rule_event *e = new_event(r);

	e->id = sqlite3_column_int64(s, c);
	e->kind = keep_column(r, s, c + 1);
	if (pdate_parse(column_text(s, c + 2), &e->date) != NULL)
		e->date = pdate_from_day(0);
	e->country = keep_column(r, s, c + 3);
	e->duration = keep_column(r, s, c + 4);
	e->outcome = keep_column(r, s, c + 5);
	e->note = keep_column(r, s, c + 6);
}

/* Fills the person's own fields from columns (case_no, birth_date,
 * nationality, claimed_nationality, ethnicity) starting at column c. */
static void
read_identity(struct person_rows *r, sqlite3_stmt *s, int c)
{
	r->p.case_no = keep(r, column_text(s, c));
	if (pdate_parse(column_text(s, c + 1), &r->p.birth) != NULL)
		r->p.birth.precision = DATE_NONE;
	r->p.nationality = keep(r, column_text(s, c + 2));
	r->p.claimed_nationality = keep(r, column_text(s, c + 3));
	r->p.ethnicity = keep(r, column_text(s, c + 4));
}

/* Both sides of every link, read from this person's side. ARRANGED is
 * whether the other person's own future is recorded (guardrail G9);
 * it costs a scan of the other's events, and only a removal of this
 * person asks, so the relations are read only then (read_relations). */
#define SQL_RELATIONS(ARRANGED) \
	"SELECT rel, o.case_no, o.birth_date, " ARRANGED \
	" FROM (SELECT r.other_id AS oid, r.kind AS rel FROM relation r" \
	"       WHERE r.person_id = ?1" \
	"       UNION ALL" \
	"       SELECT r.person_id, CASE r.kind WHEN 'child' THEN 'parent'" \
	"        WHEN 'ward' THEN 'guardian' ELSE r.kind END FROM relation r" \
	"       WHERE r.other_id = ?1)" \
	" JOIN person o ON o.id = oid"
/* An OR of equalities, not kind IN (...): SQLite builds a temporary
 * table for an IN list of more than two constants each time the
 * statement runs, and this one runs once a person. */
#define SQL_ARRANGED \
	"EXISTS (SELECT 1 FROM event x WHERE x.person_id = o.id AND" \
	" (x.kind = 'deported' OR x.kind = 'voluntary_return'" \
	" OR x.kind = 'third_country_removal' OR x.kind = 'repatriated'" \
	" OR x.kind = 'released_to_community'" \
	" OR (x.kind = 'note' AND x.outcome = 'care_arranged')))"

static bool
has_removal(const struct person_rows *r)
{
	for (size_t i = 0; i < r->p.nevents; i++) {
		const char *k = r->p.events[i].kind;

		if (strcmp(k, "deported") == 0 || strcmp(k, "voluntary_return") == 0 ||
		    strcmp(k, "third_country_removal") == 0)
			return true;
	}
	return false;
}

/* The relations matter to the rules only through guardrail G9, which
 * asks about a removal: without one they are not read at all. */
static enum status
read_relations(struct store *st, int64_t id, struct person_rows *r)
{
	sqlite3_stmt *s;
	int src;

	if (!has_removal(r))
		return ST_OK;
	if (!(s = store_cached(st, 2, SQL_RELATIONS(SQL_ARRANGED))))
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		struct rule_relation *rel;

		if (r->p.nrelations == r->relations_cap) {
			r->relations_cap = r->relations_cap ? r->relations_cap * 2 : 8;
			r->relations = xrealloc(r->relations,
			                        r->relations_cap * sizeof *r->relations);
		}
		rel = &r->relations[r->p.nrelations++];
		rel->relation = keep(r, column_text(s, 0));
		rel->other_case_no = keep(r, column_text(s, 1));
		if (pdate_parse(column_text(s, 2), &rel->other_birth) != NULL)
			rel->other_birth.precision = DATE_NONE;
		rel->other_has_arrangement = sqlite3_column_int(s, 3) != 0;
	}
	sqlite3_reset(s);
	r->p.relations = r->relations;
	return src == SQLITE_DONE ? ST_OK
	       : store_fail(st, src, _("cannot read a person's relations"));
}

static enum status
read_person(struct store *st, int64_t id, struct person_rows *r)
{
	sqlite3_stmt *s;
	int src;

	person_rows_reset(r);
	if (!(s = store_cached(st, 0,
		"SELECT case_no, birth_date, coalesce(nationality, ''),"
		" coalesce(claimed_nationality, ''), ethnicity FROM person WHERE id = ?1")))
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	if ((src = sqlite3_step(s)) == SQLITE_ROW)
		read_identity(r, s, 0);
	sqlite3_reset(s);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return store_fail(st, src, _("cannot read a person"));
	if (!(s = store_cached(st, 1,
		"SELECT id, kind, date, coalesce(country, ''), duration, outcome, note"
		" FROM event WHERE person_id = ?1 ORDER BY date_lo, date_hi, id")))
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW)
		read_event(r, s, 0);
	sqlite3_reset(s);
	if (src != SQLITE_DONE)
		return store_fail(st, src, _("cannot read a person's events"));
	return read_relations(st, id, r);
}

/* The derived rows of a streaming pass over every person, written
 * DERIVE_BATCH at a time: one multi-row INSERT for the clocks and one
 * UPDATE ... FROM (VALUES ...) for the persons, instead of a statement
 * per row (each run of an INSERT into deadline also rebuilds the
 * temporary table SQLite makes for its CHECK (status IN (...))). The
 * rows are the same and go in the same order. */
#define DERIVE_BATCH 64
#define SQL_DEADLINE_INSERT \
	"INSERT OR REPLACE INTO deadline(person_id, clock, due, due_latest, status," \
	" rule, arithmetic, lapses) VALUES "
#define SQL_DEADLINE_ROW "(?, ?, ?, ?, ?, ?, ?, ?)"
#define SQL_STAGE_UPDATE \
	"UPDATE person SET stage = v.column2, stage_since = v.column3," \
	" next_due = v.column4, next_clock = v.column5, overdue_after = v.column6" \
	" FROM (VALUES "
#define SQL_STAGE_ROW "(?, ?, ?, ?, ?, ?)"

struct derive_batch {
	sqlite3_stmt *clocks_ins, *persons_upd;   /* DERIVE_BATCH rows each */
	struct batch_clock {
		int64_t person_id;
		const char *status;
		struct rule_clock c;
	} clocks[DERIVE_BATCH];
	size_t nclocks;
	struct batch_person {
		int64_t id;
		int stage;                 /* -1: none */
		int32_t since, next_due, overdue_after;
		char next_clock[sizeof ((struct rule_clock *)0)->name];
	} persons[DERIVE_BATCH];
	size_t npersons;
};

/* Prepares "HEAD ROW, ROW, ... TAIL" with n rows. */
static enum status
prepare_rows(struct store *st, const char *head, const char *row, size_t n,
             const char *tail, sqlite3_stmt **out)
{
	size_t len = strlen(head) + n * (strlen(row) + 2) + strlen(tail) + 1;
	char *sql = xmalloc(len), *p = sql;
	enum status rc;

	p += snprintf(p, len, "%s", head);
	for (size_t i = 0; i < n; i++)
		p += snprintf(p, len - (size_t)(p - sql), "%s%s", i ? ", " : "", row);
	snprintf(p, len - (size_t)(p - sql), "%s", tail);
	rc = store_prepare(st, sql, out);
	free(sql);
	return rc;
}

static struct derive_batch *
derive_batch_new(struct store *st)
{
	struct derive_batch *b = xcalloc(1, sizeof *b);

	if (prepare_rows(st, SQL_DEADLINE_INSERT, SQL_DEADLINE_ROW, DERIVE_BATCH, "",
	                 &b->clocks_ins) != ST_OK ||
	    prepare_rows(st, SQL_STAGE_UPDATE, SQL_STAGE_ROW, DERIVE_BATCH,
	                 ") AS v WHERE person.id = v.column1", &b->persons_upd) != ST_OK) {
		sqlite3_finalize(b->clocks_ins);
		sqlite3_finalize(b->persons_upd);
		free(b);
		return NULL;
	}
	return b;
}

static void
derive_batch_free(struct derive_batch **bp)
{
	if (!*bp)
		return;
	sqlite3_finalize((*bp)->clocks_ins);
	sqlite3_finalize((*bp)->persons_upd);
	free(*bp);
	*bp = NULL;
}

/* Binds one clock row at parameter p (8 parameters). */
static void
bind_clock(sqlite3_stmt *s, int p, int64_t id, const struct rule_clock *c,
           const char *status)
{
	sqlite3_bind_int64(s, p, id);
	sqlite3_bind_text(s, p + 1, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, p + 2, c->due);
	sqlite3_bind_int(s, p + 3, c->due_latest);
	sqlite3_bind_text(s, p + 4, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, p + 5, c->rule, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, p + 6, c->arithmetic, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, p + 7, c->lapses);
}

/* Binds one person's stage row at parameter p (6 parameters): id,
 * stage, since, next due, next clock, overdue after. No stage binds
 * NULL to both. */
static void
bind_stage(sqlite3_stmt *s, int p, int64_t id, int stage, int32_t since,
           int32_t next_due, const char *next_clock, int32_t overdue_after)
{
	sqlite3_bind_int64(s, p, id);
	if (stage >= 0) {
		sqlite3_bind_text(s, p + 1, vocab_stages[stage], -1, SQLITE_STATIC);
		sqlite3_bind_int(s, p + 2, since);
	} else {
		sqlite3_bind_null(s, p + 1);
		sqlite3_bind_null(s, p + 2);
	}
	sqlite3_bind_int(s, p + 3, next_due);
	sqlite3_bind_text(s, p + 4, next_clock, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, p + 5, overdue_after);
}

static sqlite3_stmt *
clock_insert(struct store *st)
{
	return store_cached(st, 4, SQL_DEADLINE_INSERT SQL_DEADLINE_ROW);
}

static sqlite3_stmt *
stage_update(struct store *st)
{
	return store_cached(st, 5, "UPDATE person SET stage = ?2, stage_since = ?3,"
	                    " next_due = ?4, next_clock = ?5, overdue_after = ?6 WHERE id = ?1");
}

/* Writes the batched rows: a full batch in one statement each, fewer
 * (the end of the pass) one row at a time. The clocks go first, as
 * write_derived writes them. */
static enum status
derive_batch_flush(struct store *st, struct derive_batch *b)
{
	sqlite3_stmt *s;
	int src = SQLITE_DONE;

	if (b->nclocks == DERIVE_BATCH) {
		s = b->clocks_ins;
		for (size_t i = 0; i < b->nclocks; i++)
			bind_clock(s, (int)i * 8 + 1, b->clocks[i].person_id, &b->clocks[i].c,
			           b->clocks[i].status);
		src = sqlite3_step(s);
		sqlite3_reset(s);
	} else if (b->nclocks) {
		if (!(s = clock_insert(st)))
			return ST_ERR_DB;
		for (size_t i = 0; i < b->nclocks && src == SQLITE_DONE; i++) {
			bind_clock(s, 1, b->clocks[i].person_id, &b->clocks[i].c,
			           b->clocks[i].status);
			src = sqlite3_step(s);
			sqlite3_reset(s);
		}
	}
	b->nclocks = 0;
	if (src != SQLITE_DONE)
		return store_fail(st, src, _("cannot store a deadline"));
	if (b->npersons == DERIVE_BATCH) {
		s = b->persons_upd;
		for (size_t i = 0; i < b->npersons; i++) {
			const struct batch_person *p = &b->persons[i];

			bind_stage(s, (int)i * 6 + 1, p->id, p->stage, p->since, p->next_due,
			           p->next_clock, p->overdue_after);
		}
		src = sqlite3_step(s);
		sqlite3_reset(s);
	} else if (b->npersons) {
		if (!(s = stage_update(st)))
			return ST_ERR_DB;
		for (size_t i = 0; i < b->npersons && src == SQLITE_DONE; i++) {
			const struct batch_person *p = &b->persons[i];

			bind_stage(s, 1, p->id, p->stage, p->since, p->next_due, p->next_clock,
			           p->overdue_after);
			src = sqlite3_step(s);
			sqlite3_reset(s);
		}
	}
	b->npersons = 0;
	return src == SQLITE_DONE ? ST_OK : store_fail(st, src, _("cannot store a stage"));
}

/* The next open or overdue deadline, shown and sorted by the list. */
static const struct rule_clock *
next_clock(const struct rule_result *res)
{
	const struct rule_clock *next = NULL;

	for (size_t i = 0; i < res->nclocks; i++) {
		const struct rule_clock *c = &res->clocks[i];

		if ((c->status == CLOCK_OPEN || c->status == CLOCK_OVERDUE) &&
		    (!next || c->due < next->due))
			next = c;
	}
	return next;
}

/* The earliest last permissible day of an open or overdue clock: the
 * person is overdue once today is past it (migration 12). */
static int32_t
overdue_after(const struct rule_result *res)
{
	int32_t day = NO_NEXT_DUE;

	for (size_t i = 0; i < res->nclocks; i++) {
		const struct rule_clock *c = &res->clocks[i];

		if ((c->status == CLOCK_OPEN || c->status == CLOCK_OVERDUE) &&
		    c->due_latest < day)
			day = c->due_latest;
	}
	return day;
}

/* Adds a person's derived rows to the batch, flushing it when full. */
static enum status
batch_derived(struct store *st, struct derive_batch *b, int64_t id,
              const struct rule_result *res)
{
	const struct rule_clock *next = next_clock(res);
	struct batch_person *p;
	enum status rc = ST_OK;

	for (size_t i = 0; i < res->nclocks && rc == ST_OK; i++) {
		struct batch_clock *bc = &b->clocks[b->nclocks++];

		bc->person_id = id;
		bc->status = clock_status_word(res->clocks[i].status);
		bc->c = res->clocks[i];
		if (b->nclocks == DERIVE_BATCH) {
			/* the persons before this one first: the order of a
			 * pass without batches (clocks, then the stage) holds
			 * per person, which is all the rows depend on */
			rc = derive_batch_flush(st, b);
		}
	}
	if (rc != ST_OK)
		return rc;
	p = &b->persons[b->npersons++];
	p->id = id;
	p->stage = res->stage;
	p->since = res->stage_since;
	p->next_due = next ? next->due : NO_NEXT_DUE;
	snprintf(p->next_clock, sizeof p->next_clock, "%s", next ? next->name : "");
	p->overdue_after = overdue_after(res);
	return b->npersons == DERIVE_BATCH ? derive_batch_flush(st, b) : ST_OK;
}

static enum status
write_derived(struct store *st, int64_t id, const struct rule_result *res,
              bool fresh)
{
	sqlite3_stmt *s;
	enum status rc = ST_OK;
	int src;

	/* fresh: nothing derived yet, so nothing to delete */
	if (!fresh) {
		if (!(s = store_cached(st, 3, "DELETE FROM deadline WHERE person_id = ?1")))
			return ST_ERR_DB;
		sqlite3_bind_int64(s, 1, id);
		src = sqlite3_step(s);
		sqlite3_reset(s);
		if (src != SQLITE_DONE)
			return store_fail(st, src, _("cannot refresh deadlines"));
	}
	if (!(s = clock_insert(st)))
		return ST_ERR_DB;
	for (size_t i = 0; rc == ST_OK && i < res->nclocks; i++) {
		const struct rule_clock *c = &res->clocks[i];

		bind_clock(s, 1, id, c, clock_status_word(c->status));
		src = sqlite3_step(s);
		sqlite3_reset(s);
		if (src != SQLITE_DONE)
			rc = store_fail(st, src, _("cannot store a deadline"));
	}
	if (rc != ST_OK)
		return rc;
	if (!(s = stage_update(st)))
		return ST_ERR_DB;
	{
		const struct rule_clock *next = next_clock(res);

		bind_stage(s, 1, id, res->stage, res->stage_since,
		           next ? next->due : NO_NEXT_DUE, next ? next->name : "",
		           overdue_after(res));
	}
	src = sqlite3_step(s);
	sqlite3_reset(s);
	return src == SQLITE_DONE ? ST_OK : store_fail(st, src, _("cannot store a stage"));
}

static bool
was_passed(const struct rule_violation *v, const struct passed_rule *passed,
           size_t npassed)
{
	for (size_t i = 0; i < npassed; i++)
		if (passed[i].event_id == v->event_id && strcmp(passed[i].rule, v->rule) == 0)
			return true;
	return false;
}

/* Evaluates filled rows and stores the result, unless a guardrail
 * blocks a new event. */
static enum status
derive_rows(struct store *st, int64_t person_id, struct person_rows *rows,
            int64_t first_new, const struct passed_rule *passed, size_t npassed,
            bool fresh, int32_t today, bool *blocked, struct rule_violation *block,
            struct rule_result *res, struct derive_batch *batch)
{
	enum status rc = ST_OK;

	*blocked = false;
	rules_evaluate(st->rules, &rows->p, today, res);
	for (size_t i = 0; i < res->nviolations; i++)
		if (res->violations[i].blocking && res->violations[i].event_id >= first_new &&
		    !was_passed(&res->violations[i], passed, npassed)) {
			*block = res->violations[i];
			*blocked = true;
			break;
		}
	if (!*blocked)
		rc = batch ? batch_derived(st, batch, person_id, res)
		     : write_derived(st, person_id, res, fresh);
	return rc;
}

enum status
store_derive_person(struct store *st, int64_t person_id, int64_t first_new,
                    const struct passed_rule *passed, size_t npassed,
                    bool *blocked, struct rule_violation *block)
{
	struct person_rows rows = { 0 };
	struct rule_result res = { .stage = -1 };
	enum status rc;

	*blocked = false;
	if (!st->rules)
		return store_fail(st, SQLITE_OK, _("no rule set loaded"));
	rc = read_person(st, person_id, &rows);
	if (rc == ST_OK)
		rc = derive_rows(st, person_id, &rows, first_new, passed, npassed, false,
		                 day_today(), blocked, block, &res, NULL);
	rule_result_clear(&res);
	person_rows_clear(&rows);
	return rc;
}

enum status
store_derive_all(struct store *st, int64_t first_new, bool fresh, bool *blocked,
                 struct rule_violation *block, int64_t *blocked_person)
{
	/* One pass over every person and, beside it, their events in date
	 * order (the index on event(person_id, date_lo, date_hi, id) gives
	 * the order, so nothing is sorted), merged here by person id: one
	 * join decoded every person column again for each event. */
	static const char persons_sql[] =
		"SELECT id, case_no, birth_date, coalesce(nationality, ''),"
		" coalesce(claimed_nationality, ''), ethnicity FROM person ORDER BY id";
	static const char events_sql[] =
		"SELECT person_id, id, kind, date, coalesce(country, ''), duration, outcome,"
		" note FROM event ORDER BY person_id, date_lo, date_hi, id";
	struct person_rows rows = { 0 };
	struct rule_result res = { .stage = -1 };
	struct derive_batch *batch = NULL;
	sqlite3_stmt *s = NULL, *e = NULL;
	int32_t today = day_today();   /* once: it reads the environment */
	enum status rc;
	int src, erc;

	*blocked = false;
	if (!st->rules)
		return store_fail(st, SQLITE_OK, _("no rule set loaded"));
	/* Filling empty tables: build the secondary indexes once at the
	 * end instead of inserting into them in random order (the same
	 * definitions as migrations 1, 2, 3, 5, 12, 14 and 15, less the two
	 * migration 17 dropped). */
	/* (a bulk load that dropped the person indexes has not built
	 * these four again: they are built here once, after the pass) */
	if (fresh && (rc = store_exec(st,
		"DROP INDEX IF EXISTS deadline_due; DROP INDEX IF EXISTS deadline_status_due;"
		" DROP INDEX IF EXISTS person_stage_key; DROP INDEX IF EXISTS person_since;"
		" DROP INDEX IF EXISTS person_next_due; DROP INDEX IF EXISTS deadline_open_due;"
		" DROP INDEX IF EXISTS person_stage_since;"
		" DROP INDEX IF EXISTS deadline_open_span; DROP INDEX IF EXISTS deadline_lapsed_due;"
		" DROP INDEX IF EXISTS deadline_open_lapses;")) != ST_OK)
		return rc;
	/* every row is new in empty tables: batch them */
	if (fresh && !(batch = derive_batch_new(st)))
		return ST_ERR_DB;
	if ((rc = store_prepare(st, persons_sql, &s)) != ST_OK ||
	    (rc = store_prepare(st, events_sql, &e)) != ST_OK) {
		sqlite3_finalize(s);
		derive_batch_free(&batch);
		return rc;
	}
	erc = sqlite3_step(e);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);

		person_rows_reset(&rows);
		read_identity(&rows, s, 1);
		/* events of persons before this one (none: an event belongs
		 * to a person) are passed over */
		while (erc == SQLITE_ROW && sqlite3_column_int64(e, 0) < id)
			erc = sqlite3_step(e);
		while (erc == SQLITE_ROW && sqlite3_column_int64(e, 0) == id) {
			read_event(&rows, e, 1);
			erc = sqlite3_step(e);
		}
		if (erc != SQLITE_ROW && erc != SQLITE_DONE) {
			rc = store_fail(st, erc, _("cannot read the pathways"));
			break;
		}
		rc = read_relations(st, id, &rows);
		if (rc == ST_OK)
			rc = derive_rows(st, id, &rows, first_new, NULL, 0, fresh, today, blocked,
			                 block, &res, batch);
		if (rc != ST_OK || *blocked) {
			*blocked_person = id;
			break;
		}
	}
	if (rc == ST_OK && !*blocked && src != SQLITE_DONE)
		rc = store_fail(st, src, _("cannot read the pathways"));
	sqlite3_finalize(e);
	sqlite3_finalize(s);
	if (rc == ST_OK && !*blocked && batch)
		rc = derive_batch_flush(st, batch);
	derive_batch_free(&batch);
	rule_result_clear(&res);
	person_rows_clear(&rows);
	if (fresh && rc == ST_OK)
		rc = store_exec(st,
			"CREATE INDEX person_stage_key ON person(coalesce(stage, ''), case_no);"
			"CREATE INDEX person_since ON person(coalesce(stage_since, -1), case_no);"
			"CREATE INDEX person_next_due ON person(next_due, case_no);"
			"CREATE INDEX deadline_open_due ON deadline(due, person_id, clock, lapses,"
			"  status, due_latest, rule) WHERE status IN ('open', 'overdue');"
			"CREATE INDEX deadline_lapsed_due ON deadline(due, person_id, clock)"
			"  WHERE status = 'lapsed';"
			"CREATE INDEX person_stage_since ON person(coalesce(stage, ''), stage_since);"
			"CREATE INDEX deadline_open_span ON deadline(due, due_latest, status, lapses)"
			"  WHERE status IN ('open', 'overdue');"
			"CREATE INDEX deadline_open_lapses ON deadline(lapses, person_id, status)"
			"  WHERE status IN ('open', 'overdue');");
	return rc;
}

enum status
store_pathway(struct store *st, const char *case_no, int32_t as_of,
              struct rule_result *out)
{
	struct person_rows rows = { 0 };
	sqlite3_stmt *s;
	int64_t id = 0;
	enum status rc;

	if (!st->rules)
		return store_fail(st, SQLITE_OK, _("no rule set loaded"));
	if (!(s = store_cached(st, 6, "SELECT id FROM person WHERE case_no = ?1")))
		return ST_ERR_DB;
	sqlite3_bind_text(s, 1, case_no, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (!id) {
		snprintf(st->err, sizeof st->err, _("no person with case number '%s'"), case_no);
		return ST_ERR_NOT_FOUND;
	}
	if ((rc = read_person(st, id, &rows)) == ST_OK) {
		/* as the file stood on as_of: later events had not happened */
		while (rows.p.nevents > 0 &&
		       pdate_earliest(&rows.events[rows.p.nevents - 1].date) > as_of)
			rows.p.nevents--;
		rules_evaluate(st->rules, &rows.p, as_of, out);
	}
	person_rows_clear(&rows);
	return rc;
}

enum status
store_stages_as_of(struct store *st, const int64_t *ids, size_t n, int32_t as_of,
                   bool *present, int *stage, int32_t *since)
{
	struct person_rows rows = { 0 };
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT id, kind, date, coalesce(country, ''), duration, outcome, note"
		" FROM event WHERE person_id = ?1 AND date_lo <= ?2"
		" ORDER BY date_lo, date_hi, id");
	enum status rc = ST_OK;

	if (!s)
		return ST_ERR_DB;
	/* one arena for every person: reset, never freed between them */
	for (size_t i = 0; i < n && rc == ST_OK; i++) {
		int src;

		person_rows_reset(&rows);
		sqlite3_bind_int64(s, 1, ids[i]);
		sqlite3_bind_int(s, 2, as_of);
		while ((src = sqlite3_step(s)) == SQLITE_ROW)
			read_event(&rows, s, 0);
		sqlite3_reset(s);
		if (src != SQLITE_DONE) {
			rc = store_fail(st, src, _("cannot read a person's events"));
			break;
		}
		present[i] = rows.p.nevents > 0;
		rules_stage(&rows.p, &stage[i], &since[i]);
	}
	person_rows_clear(&rows);
	return rc;
}

/* --- deriving stored persons again (store_sweep.c) ------------------------
 * The person's rows as stored, compared with a fresh evaluation, so a
 * re-derivation that changes nothing writes nothing. */
struct stored_clock {
	char clock[32];
	int32_t due, due_latest, lapses;
	int status;                /* enum clock_status; -1: another word */
	char rule[64];
	char arithmetic[256];
};

struct stored_rows {
	bool has_stage;
	char stage[32];
	int32_t since, next_due, overdue_after;
	char next_clock[32];
	struct stored_clock *clocks;
	size_t nclocks, cap;
};

/* A stored text into a field; one too long for it can equal no derived
 * value (the rule_clock fields are shorter), so it becomes "\x01". */
static void
copy_field(char *dst, size_t len, const char *src)
{
	if (strlen(src) >= len)
		src = "\x01";
	memcpy(dst, src, strlen(src) + 1);
}

static int
status_of_word(const char *w)
{
	for (int s = CLOCK_OPEN; s <= CLOCK_LAPSED; s++)
		if (strcmp(w, clock_status_word((enum clock_status)s)) == 0)
			return s;
	return -1;
}

/* The person's stored columns (stage, stage_since, next_due,
 * next_clock, overdue_after) from column c. */
static void
read_stored_person(struct stored_rows *sr, sqlite3_stmt *s, int c)
{
	sr->nclocks = 0;
	sr->has_stage = sqlite3_column_type(s, c) != SQLITE_NULL;
	copy_field(sr->stage, sizeof sr->stage, column_text(s, c));
	sr->since = sqlite3_column_int(s, c + 1);
	sr->next_due = sqlite3_column_int(s, c + 2);
	copy_field(sr->next_clock, sizeof sr->next_clock, column_text(s, c + 3));
	sr->overdue_after = sqlite3_column_int(s, c + 4);
}

/* One stored clock from columns (clock, due, due_latest, status, rule,
 * arithmetic, lapses) from column c. */
static void
read_stored_clock(struct stored_rows *sr, sqlite3_stmt *s, int c)
{
	struct stored_clock *k;

	if (sr->nclocks == sr->cap) {
		sr->cap = sr->cap ? sr->cap * 2 : 16;
		sr->clocks = xrealloc(sr->clocks, sr->cap * sizeof *sr->clocks);
	}
	k = &sr->clocks[sr->nclocks++];
	copy_field(k->clock, sizeof k->clock, column_text(s, c));
	k->due = sqlite3_column_int(s, c + 1);
	k->due_latest = sqlite3_column_int(s, c + 2);
	k->status = status_of_word(column_text(s, c + 3));
	copy_field(k->rule, sizeof k->rule, column_text(s, c + 4));
	copy_field(k->arithmetic, sizeof k->arithmetic, column_text(s, c + 5));
	k->lapses = sqlite3_column_int(s, c + 6);
}

static bool
same_clock(const struct stored_clock *k, const struct rule_clock *c)
{
	return k->due_latest == c->due_latest && k->lapses == c->lapses &&
	       k->status == (int)c->status && strcmp(k->rule, c->rule) == 0 &&
	       strcmp(k->arithmetic, c->arithmetic) == 0;
}

/* Whether the evaluation differs from the stored rows; the clocks'
 * changes are counted into n. A clock is the same one when its name and
 * due day are (the table's key). */
static bool
derived_differs(const struct stored_rows *sr, const struct rule_result *res,
                struct rederive_counts *n)
{
	const struct rule_clock *next = next_clock(res);
	bool differs = false;
	uint64_t matched = 0;   /* stored clocks matched, by index (first 64) */

	if (res->stage < 0 ? sr->has_stage
	    : !sr->has_stage || strcmp(sr->stage, vocab_stages[res->stage]) != 0 ||
	      sr->since != res->stage_since)
		differs = true;
	if (sr->next_due != (next ? next->due : NO_NEXT_DUE) ||
	    strcmp(sr->next_clock, next ? next->name : "") != 0 ||
	    sr->overdue_after != overdue_after(res))
		differs = true;
	if (sr->nclocks != res->nclocks || sr->nclocks > 64)
		differs = true;
	for (size_t i = 0; i < res->nclocks; i++) {
		const struct rule_clock *c = &res->clocks[i];
		size_t j;

		for (j = 0; j < sr->nclocks && j < 64; j++)
			if (!(matched >> j & 1) && sr->clocks[j].due == c->due &&
			    strcmp(sr->clocks[j].clock, c->name) == 0)
				break;
		if (j == sr->nclocks || j == 64) {
			n->added[c->status]++;
			differs = true;
			continue;
		}
		matched |= (uint64_t)1 << j;
		if (!same_clock(&sr->clocks[j], c)) {
			differs = true;
			if (sr->clocks[j].status >= 0)
				n->status[sr->clocks[j].status][c->status]++;
			else
				n->added[c->status]++;
		}
	}
	for (size_t j = 0; j < sr->nclocks && j < 64; j++)
		if (!(matched >> j & 1) && sr->clocks[j].status >= 0)
			n->removed[sr->clocks[j].status]++;
	return differs;
}

void
id_list_add(struct id_list *l, int64_t id)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = id;
}

void
id_list_clear(struct id_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Runs a cached statement on one clock's key (?1 person, ?2 clock, ?3
 * due) with what bind adds. */
static enum status
run_clock(struct store *st, const char *sql, int64_t id, const char *clock,
          int32_t due, const struct rule_clock *c)
{
	sqlite3_stmt *s = store_cached_sql(st, sql);
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, clock, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, due);
	if (c) {
		/* ?4.. as the statement has them: rule, arithmetic, then
		 * due_latest, status, lapses */
		sqlite3_bind_text(s, 4, c->rule, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, c->arithmetic, -1, SQLITE_STATIC);
		if (sqlite3_bind_parameter_count(s) > 5) {
			sqlite3_bind_int(s, 6, c->due_latest);
			sqlite3_bind_text(s, 7, clock_status_word(c->status), -1, SQLITE_STATIC);
			sqlite3_bind_int(s, 8, c->lapses);
		}
	}
	src = sqlite3_step(s);
	sqlite3_reset(s);
	return src == SQLITE_DONE ? ST_OK : store_fail(st, src, _("cannot store a deadline"));
}

/* Writes what differs between the stored rows and the evaluation, and
 * only that: a clock whose text alone changed is rewritten in the table
 * (no index holds its rule or arithmetic); one whose days or status
 * changed is updated in place, so the indexes that hold neither (the
 * due-day index) are left alone; new clocks are inserted and gone ones
 * deleted; the person's stage and its next-due columns are set apart,
 * each only when it changed (an UPDATE rewrites every index on the
 * columns it sets, changed or not). A whole pass after a rules change
 * writes a fraction of the pages a delete and insert of every row did. */
static enum status
write_changes(struct store *st, int64_t id, const struct stored_rows *sr,
              const struct rule_result *res)
{
	const struct rule_clock *next = next_clock(res);
	bool *matched = sr->nclocks ? xcalloc(sr->nclocks, sizeof *matched) : NULL;
	enum status rc = ST_OK;
	sqlite3_stmt *s;
	int src;

	for (size_t i = 0; i < res->nclocks && rc == ST_OK; i++) {
		const struct rule_clock *c = &res->clocks[i];
		const struct stored_clock *k = NULL;

		for (size_t j = 0; j < sr->nclocks; j++)
			if (!matched[j] && sr->clocks[j].due == c->due &&
			    strcmp(sr->clocks[j].clock, c->name) == 0) {
				matched[j] = true;
				k = &sr->clocks[j];
				break;
			}
		if (!k) {
			if (!(s = clock_insert(st))) {
				rc = ST_ERR_DB;
				break;
			}
			bind_clock(s, 1, id, c, clock_status_word(c->status));
			src = sqlite3_step(s);
			sqlite3_reset(s);
			if (src != SQLITE_DONE)
				rc = store_fail(st, src, _("cannot store a deadline"));
		} else if (same_clock(k, c)) {
			continue;
		} else if (k->due_latest == c->due_latest && k->lapses == c->lapses &&
		           k->status == (int)c->status) {
			rc = run_clock(st, "UPDATE deadline SET rule = ?4, arithmetic = ?5"
			               " WHERE person_id = ?1 AND clock = ?2 AND due = ?3",
			               id, c->name, c->due, c);
		} else {
			rc = run_clock(st, "UPDATE deadline SET rule = ?4, arithmetic = ?5,"
			               " due_latest = ?6, status = ?7, lapses = ?8"
			               " WHERE person_id = ?1 AND clock = ?2 AND due = ?3",
			               id, c->name, c->due, c);
		}
	}
	for (size_t j = 0; j < sr->nclocks && rc == ST_OK; j++)
		if (!matched[j])
			rc = run_clock(st, "DELETE FROM deadline WHERE person_id = ?1"
			               " AND clock = ?2 AND due = ?3", id, sr->clocks[j].clock,
			               sr->clocks[j].due, NULL);
	free(matched);
	if (rc != ST_OK)
		return rc;
	if (res->stage < 0 ? sr->has_stage
	    : !sr->has_stage || strcmp(sr->stage, vocab_stages[res->stage]) != 0 ||
	      sr->since != res->stage_since) {
		if (!(s = store_cached_sql(st, "UPDATE person SET stage = ?2,"
		                           " stage_since = ?3 WHERE id = ?1")))
			return ST_ERR_DB;
		sqlite3_bind_int64(s, 1, id);
		if (res->stage >= 0) {
			sqlite3_bind_text(s, 2, vocab_stages[res->stage], -1, SQLITE_STATIC);
			sqlite3_bind_int(s, 3, res->stage_since);
		}
		src = sqlite3_step(s);
		sqlite3_reset(s);
		if (src != SQLITE_DONE)
			return store_fail(st, src, _("cannot store a stage"));
	}
	if (sr->next_due != (next ? next->due : NO_NEXT_DUE) ||
	    strcmp(sr->next_clock, next ? next->name : "") != 0 ||
	    sr->overdue_after != overdue_after(res)) {
		if (!(s = store_cached_sql(st, "UPDATE person SET next_due = ?2,"
		                           " next_clock = ?3, overdue_after = ?4 WHERE id = ?1")))
			return ST_ERR_DB;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int(s, 2, next ? next->due : NO_NEXT_DUE);
		sqlite3_bind_text(s, 3, next ? next->name : "", -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 4, overdue_after(res));
		src = sqlite3_step(s);
		sqlite3_reset(s);
		if (src != SQLITE_DONE)
			return store_fail(st, src, _("cannot store a stage"));
	}
	return ST_OK;
}

/* Evaluates one person read into rows and, when it differs from sr,
 * writes what changed (no guardrail blocks: nothing new is written,
 * only what the rules make of what is there). */
static enum status
rederive_one(struct store *st, int64_t id, struct person_rows *rows,
             const struct stored_rows *sr, int32_t today, struct rule_result *res,
             struct rederive_counts *n, struct id_list *changed)
{
	enum status rc = read_relations(st, id, rows);

	if (rc != ST_OK)
		return rc;
	rules_evaluate(st->rules, &rows->p, today, res);
	n->persons++;
	if (!derived_differs(sr, res, n))
		return ST_OK;
	n->changed++;
	id_list_add(changed, id);
	return write_changes(st, id, sr, res);
}

#define SQL_STORED_CLOCKS \
	"clock, due, due_latest, status, rule, arithmetic, lapses"
#define SQL_STORED_PERSON \
	"stage, stage_since, next_due, next_clock, overdue_after"

enum status
store_rederive_ids(struct store *st, const int64_t *ids, size_t nids, int32_t today,
                   struct rederive_counts *n, struct id_list *changed)
{
	struct person_rows rows = { 0 };
	struct stored_rows sr = { 0 };
	struct rule_result res = { .stage = -1 };
	enum status rc = ST_OK;

	if (!st->rules)
		return store_fail(st, SQLITE_OK, _("no rule set loaded"));
	for (size_t i = 0; i < nids && rc == ST_OK; i++) {
		sqlite3_stmt *s = store_cached_sql(st, "SELECT " SQL_STORED_PERSON
		                                   " FROM person WHERE id = ?1");
		int src;

		if (!s) {
			rc = ST_ERR_DB;
			break;
		}
		sqlite3_bind_int64(s, 1, ids[i]);
		src = sqlite3_step(s);
		if (src == SQLITE_ROW)
			read_stored_person(&sr, s, 0);
		sqlite3_reset(s);
		if (src == SQLITE_DONE)
			continue;    /* gone since its id was read */
		if (src != SQLITE_ROW) {
			rc = store_fail(st, src, _("cannot read a person"));
			break;
		}
		if (!(s = store_cached_sql(st, "SELECT " SQL_STORED_CLOCKS
		                           " FROM deadline WHERE person_id = ?1"))) {
			rc = ST_ERR_DB;
			break;
		}
		sqlite3_bind_int64(s, 1, ids[i]);
		while ((src = sqlite3_step(s)) == SQLITE_ROW)
			read_stored_clock(&sr, s, 0);
		sqlite3_reset(s);
		if (src != SQLITE_DONE) {
			rc = store_fail(st, src, _("cannot read a person's deadlines"));
			break;
		}
		rc = read_person(st, ids[i], &rows);
		if (rc == ST_OK)
			rc = rederive_one(st, ids[i], &rows, &sr, today, &res, n, changed);
	}
	free(sr.clocks);
	rule_result_clear(&res);
	person_rows_clear(&rows);
	return rc;
}

enum status
store_rederive_range(struct store *st, int64_t lo, int64_t hi, int32_t today,
                     struct rederive_counts *n, struct id_list *changed)
{
	/* Three walks of the range side by side, merged here by person id:
	 * the persons (rowid order), their events in date order (the index
	 * on event(person_id, date_lo, date_hi, id): nothing sorted) and
	 * their stored clocks in key order. One join would decode every
	 * person column again for each of their events. */
	static const char persons_sql[] =
		"SELECT id, case_no, birth_date, coalesce(nationality, ''),"
		" coalesce(claimed_nationality, ''), ethnicity, " SQL_STORED_PERSON
		" FROM person WHERE id > ?1 AND id <= ?2 ORDER BY id";
	static const char events_sql[] =
		"SELECT person_id, id, kind, date, coalesce(country, ''), duration, outcome,"
		" note FROM event WHERE person_id > ?1 AND person_id <= ?2"
		" ORDER BY person_id, date_lo, date_hi, id";
	static const char clocks_sql[] =
		"SELECT person_id, " SQL_STORED_CLOCKS " FROM deadline"
		" WHERE person_id > ?1 AND person_id <= ?2 ORDER BY person_id, clock, due";
	struct person_rows rows = { 0 };
	struct stored_rows sr = { 0 };
	struct rule_result res = { .stage = -1 };
	sqlite3_stmt *p, *e, *k;
	enum status rc = ST_OK;
	int prc, erc, krc;

	if (!st->rules)
		return store_fail(st, SQLITE_OK, _("no rule set loaded"));
	if (!(p = store_cached_sql(st, persons_sql)) || !(e = store_cached_sql(st, events_sql)) ||
	    !(k = store_cached_sql(st, clocks_sql)))
		return ST_ERR_DB;
	sqlite3_bind_int64(p, 1, lo);
	sqlite3_bind_int64(p, 2, hi);
	sqlite3_bind_int64(e, 1, lo);
	sqlite3_bind_int64(e, 2, hi);
	sqlite3_bind_int64(k, 1, lo);
	sqlite3_bind_int64(k, 2, hi);
	erc = sqlite3_step(e);
	krc = sqlite3_step(k);
	while ((prc = sqlite3_step(p)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(p, 0);

		person_rows_reset(&rows);
		read_identity(&rows, p, 1);
		read_stored_person(&sr, p, 6);
		/* rows of persons before this one (none: each row belongs to
		 * a person) are passed over */
		while (erc == SQLITE_ROW && sqlite3_column_int64(e, 0) < id)
			erc = sqlite3_step(e);
		while (erc == SQLITE_ROW && sqlite3_column_int64(e, 0) == id) {
			read_event(&rows, e, 1);
			erc = sqlite3_step(e);
		}
		while (krc == SQLITE_ROW && sqlite3_column_int64(k, 0) < id)
			krc = sqlite3_step(k);
		while (krc == SQLITE_ROW && sqlite3_column_int64(k, 0) == id) {
			read_stored_clock(&sr, k, 1);
			krc = sqlite3_step(k);
		}
		if (erc != SQLITE_ROW && erc != SQLITE_DONE) {
			rc = store_fail(st, erc, _("cannot read the pathways"));
			break;
		}
		if (krc != SQLITE_ROW && krc != SQLITE_DONE) {
			rc = store_fail(st, krc, _("cannot read a person's deadlines"));
			break;
		}
		if ((rc = rederive_one(st, id, &rows, &sr, today, &res, n, changed)) != ST_OK)
			break;
	}
	if (rc == ST_OK && prc != SQLITE_DONE)
		rc = store_fail(st, prc, _("cannot read the persons"));
	sqlite3_reset(p);
	sqlite3_reset(e);
	sqlite3_reset(k);
	free(sr.clocks);
	rule_result_clear(&res);
	person_rows_clear(&rows);
	return rc;
}
