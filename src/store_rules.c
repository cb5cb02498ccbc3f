/* store_rules.c: applying the pathway rules inside a write transaction:
 * reading one person's events and relations, and storing the stage and
 * deadlines the rules derive, in the same transaction as the events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/rules.h"
#include "casepath/util.h"
#include "casepath/vocab.h"
#include "store_internal.h"

void
store_set_rules(struct store *st, const struct ruleset *rs)
{
	st->rules = rs;
}

/* Strings of one person's rows, owned here for the evaluation. */
struct person_rows {
	struct rule_person p;
	struct rule_event *events;
	size_t events_cap;
	struct rule_relation *relations;
	size_t relations_cap;
	char **strings;
	size_t nstrings, strings_cap;
};

static const char *
keep(struct person_rows *r, const char *s)
{
	if (r->nstrings == r->strings_cap) {
		r->strings_cap = r->strings_cap ? r->strings_cap * 2 : 64;
		r->strings = xrealloc(r->strings, r->strings_cap * sizeof *r->strings);
	}
	return r->strings[r->nstrings++] = xstrdup(s);
}

static void
person_rows_clear(struct person_rows *r)
{
	for (size_t i = 0; i < r->nstrings; i++)
		free(r->strings[i]);
	free(r->strings);
	free(r->events);
	free(r->relations);
	memset(r, 0, sizeof *r);
}

static enum status
read_person(struct store *st, int64_t id, struct person_rows *r)
{
	static const char *const sql[] = {
		"SELECT case_no, birth_date, coalesce(nationality, ''),"
		" coalesce(claimed_nationality, ''), ethnicity FROM person WHERE id = ?1",
		"SELECT id, kind, date, coalesce(country, ''), duration, outcome, note"
		" FROM event WHERE person_id = ?1 ORDER BY date_lo, date_hi, id",
		/* both sides of every link, read from this person's side, with
		 * whether the other person's own future is recorded */
		"SELECT rel, o.case_no, o.birth_date, EXISTS (SELECT 1 FROM event x"
		"  WHERE x.person_id = o.id AND (x.kind IN ('deported', 'voluntary_return',"
		"  'third_country_removal', 'repatriated', 'released_to_community')"
		"  OR (x.kind = 'note' AND x.outcome = 'care_arranged')))"
		" FROM (SELECT r.other_id AS oid, r.kind AS rel FROM relation r"
		"       WHERE r.person_id = ?1"
		"       UNION ALL"
		"       SELECT r.person_id, CASE r.kind WHEN 'child' THEN 'parent'"
		"        WHEN 'ward' THEN 'guardian' ELSE r.kind END FROM relation r"
		"       WHERE r.other_id = ?1)"
		" JOIN person o ON o.id = oid",
	};
	sqlite3_stmt *s = NULL;
	enum status rc = ST_OK;
	int src;

	memset(r, 0, sizeof *r);
	for (int q = 0; q < 3 && rc == ST_OK; q++) {
		if (!(s = store_cached(st, q, sql[q]))) {
			rc = ST_ERR_DB;
			break;
		}
		sqlite3_bind_int64(s, 1, id);
		while ((src = sqlite3_step(s)) == SQLITE_ROW) {
			if (q == 0) {
				r->p.case_no = keep(r, column_text(s, 0));
				if (pdate_parse(column_text(s, 1), &r->p.birth) != NULL)
					r->p.birth.precision = DATE_NONE;
				r->p.nationality = keep(r, column_text(s, 2));
				r->p.claimed_nationality = keep(r, column_text(s, 3));
				r->p.ethnicity = keep(r, column_text(s, 4));
			} else if (q == 1) {
				struct rule_event *e;

				if (r->p.nevents == r->events_cap) {
					r->events_cap = r->events_cap ? r->events_cap * 2 : 32;
					r->events = xrealloc(r->events,
					                     r->events_cap * sizeof *r->events);
				}
				e = &r->events[r->p.nevents++];
				e->id = sqlite3_column_int64(s, 0);
				e->kind = keep(r, column_text(s, 1));
				if (pdate_parse(column_text(s, 2), &e->date) != NULL)
					e->date = pdate_from_day(0);
				e->country = keep(r, column_text(s, 3));
				e->duration = keep(r, column_text(s, 4));
				e->outcome = keep(r, column_text(s, 5));
				e->note = keep(r, column_text(s, 6));
			} else {
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
		}
		if (src != SQLITE_DONE)
			rc = store_fail(st, src, "cannot read a person's pathway");
		sqlite3_reset(s);
	}
	r->p.events = r->events;
	r->p.relations = r->relations;
	return rc;
}

static enum status
write_derived(struct store *st, int64_t id, const struct rule_result *res)
{
	sqlite3_stmt *s;
	enum status rc = ST_OK;
	int src;

	if (!(s = store_cached(st, 3, "DELETE FROM deadline WHERE person_id = ?1")))
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	src = sqlite3_step(s);
	sqlite3_reset(s);
	if (src != SQLITE_DONE)
		return store_fail(st, src, "cannot refresh deadlines");
	if (!(s = store_cached(st, 4,
		"INSERT OR REPLACE INTO deadline(person_id, clock, due, due_latest, status,"
		" rule, arithmetic) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")))
		return ST_ERR_DB;
	for (size_t i = 0; rc == ST_OK && i < res->nclocks; i++) {
		const struct rule_clock *c = &res->clocks[i];

		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, c->name, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, c->due);
		sqlite3_bind_int(s, 4, c->due_latest);
		sqlite3_bind_text(s, 5, clock_status_word(c->status), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, c->rule, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, c->arithmetic, -1, SQLITE_STATIC);
		src = sqlite3_step(s);
		sqlite3_reset(s);
		if (src != SQLITE_DONE)
			rc = store_fail(st, src, "cannot store a deadline");
	}
	if (rc != ST_OK)
		return rc;
	if (!(s = store_cached(st, 5, "UPDATE person SET stage = ?2, stage_since = ?3"
	                       " WHERE id = ?1")))
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	if (res->stage >= 0) {
		sqlite3_bind_text(s, 2, vocab_stages[res->stage], -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, res->stage_since);
	}
	src = sqlite3_step(s);
	sqlite3_reset(s);
	return src == SQLITE_DONE ? ST_OK : store_fail(st, src, "cannot store a stage");
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

enum status
store_derive_person(struct store *st, int64_t person_id, int64_t first_new,
                    const struct passed_rule *passed, size_t npassed,
                    bool *blocked, struct rule_violation *block)
{
	struct person_rows rows;
	struct rule_result res = { .stage = -1 };
	enum status rc;

	*blocked = false;
	if (!st->rules)
		return store_fail(st, SQLITE_OK, "no rule set loaded");
	if ((rc = read_person(st, person_id, &rows)) != ST_OK) {
		person_rows_clear(&rows);
		return rc;
	}
	rules_evaluate(st->rules, &rows.p, day_today(), &res);
	for (size_t i = 0; i < res.nviolations; i++)
		if (res.violations[i].blocking && res.violations[i].event_id >= first_new &&
		    !was_passed(&res.violations[i], passed, npassed)) {
			*block = res.violations[i];
			*blocked = true;
			break;
		}
	if (!*blocked)
		rc = write_derived(st, person_id, &res);
	rule_result_clear(&res);
	person_rows_clear(&rows);
	return rc;
}

enum status
store_pathway(struct store *st, const char *case_no, int32_t as_of,
              struct rule_result *out)
{
	struct person_rows rows;
	sqlite3_stmt *s;
	int64_t id = 0;
	enum status rc;

	if (!st->rules)
		return store_fail(st, SQLITE_OK, "no rule set loaded");
	if (!(s = store_cached(st, 6, "SELECT id FROM person WHERE case_no = ?1")))
		return ST_ERR_DB;
	sqlite3_bind_text(s, 1, case_no, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (!id) {
		snprintf(st->err, sizeof st->err, "no person with case number '%s'", case_no);
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
