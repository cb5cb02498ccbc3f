/* store_person.c: one person for the screens: the detail (identity,
 * aliases, languages, documents, relatives from this person's side,
 * derived deadlines), the events of the timeline, and the compact
 * access record of who opened whose file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/i18n.h"
#include "casepath/rules.h"
#include "casepath/store_view.h"
#include "casepath/util.h"
#include "casepath/vocab.h"
#include "store_internal.h"

/* Appends one element to a growing array of structs. */
#define GROW(arr, n, cap)                                                  \
	do {                                                               \
		if ((n) == (cap)) {                                        \
			(cap) = (cap) ? 2 * (cap) : 8;                     \
			(arr) = xrealloc((arr), (cap) * sizeof *(arr));    \
		}                                                          \
		memset(&(arr)[(n)], 0, sizeof *(arr));                     \
	} while (0)

static char *
dup_col(sqlite3_stmt *s, int i)
{
	return xstrdup(column_text(s, i));
}

int64_t
store_person_id(struct store *st, const char *case_no)
{
	sqlite3_stmt *s = store_cached_sql(st, "SELECT id FROM person WHERE case_no = ?1");
	int64_t id = 0;

	if (!s)
		return 0;
	sqlite3_bind_text(s, 1, case_no, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return id;
}

void
person_detail_clear(struct person_detail *d)
{
	free(d->case_no);
	free(d->family_name);
	free(d->given_names);
	free(d->native_name);
	free(d->sex);
	free(d->birth_date);
	free(d->nationality);
	free(d->nationality_name);
	free(d->claimed_nationality);
	free(d->claimed_nationality_name);
	free(d->ethnicity);
	free(d->category);
	free(d->notes);
	free(d->stage);
	free(d->changed_by);
	free(d->changed_at);
	for (size_t i = 0; i < d->naliases; i++) {
		free(d->aliases[i].name);
		free(d->aliases[i].type);
	}
	free(d->aliases);
	for (size_t i = 0; i < d->nlanguages; i++) {
		free(d->languages[i].tag);
		free(d->languages[i].code);
		free(d->languages[i].name);
	}
	free(d->languages);
	for (size_t i = 0; i < d->ndocuments; i++) {
		struct person_document_row *r = &d->documents[i];

		free(r->doc_type);
		free(r->number);
		free(r->issuing_country);
		free(r->issued);
		free(r->expires);
		free(r->status);
		free(r->note);
	}
	free(d->documents);
	for (size_t i = 0; i < d->nrelatives; i++) {
		struct person_relative_row *r = &d->relatives[i];

		free(r->relation);
		free(r->verification);
		free(r->note);
		free(r->case_no);
		free(r->family_name);
		free(r->given_names);
		free(r->sex);
		free(r->birth_date);
		free(r->stage);
	}
	free(d->relatives);
	for (size_t i = 0; i < d->ndeadlines; i++) {
		free(d->deadlines[i].clock);
		free(d->deadlines[i].status);
		free(d->deadlines[i].rule);
		free(d->deadlines[i].arithmetic);
	}
	free(d->deadlines);
	memset(d, 0, sizeof *d);
}

static enum status
read_identity(struct store *st, int64_t id, struct person_detail *d)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT p.id, p.version, p.case_no, p.family_name, p.given_names,"
		" p.native_name, p.sex, p.birth_date, coalesce(p.birth_lo, -1),"
		" coalesce(p.birth_hi, -1), coalesce(p.nationality, ''),"
		" coalesce(n.name, ''), coalesce(p.claimed_nationality, ''),"
		" coalesce(c.name, ''), p.ethnicity, p.category, p.notes,"
		" coalesce(p.stage, ''), coalesce(p.stage_since, -1), p.interpreter_needed"
		" FROM person p LEFT JOIN country n ON n.code = p.nationality"
		" LEFT JOIN country c ON c.code = p.claimed_nationality WHERE p.id = ?1");
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		d->id = sqlite3_column_int64(s, 0);
		d->version = sqlite3_column_int64(s, 1);
		d->case_no = dup_col(s, 2);
		d->family_name = dup_col(s, 3);
		d->given_names = dup_col(s, 4);
		d->native_name = dup_col(s, 5);
		d->sex = dup_col(s, 6);
		d->birth_date = dup_col(s, 7);
		d->birth_lo = (int32_t)sqlite3_column_int(s, 8);
		d->birth_hi = (int32_t)sqlite3_column_int(s, 9);
		d->nationality = dup_col(s, 10);
		d->nationality_name = dup_col(s, 11);
		d->claimed_nationality = dup_col(s, 12);
		d->claimed_nationality_name = dup_col(s, 13);
		d->ethnicity = dup_col(s, 14);
		d->category = dup_col(s, 15);
		d->notes = dup_col(s, 16);
		d->stage = dup_col(s, 17);
		d->stage_since = (int32_t)sqlite3_column_int(s, 18);
		d->interpreter_needed = sqlite3_column_int(s, 19) != 0;
	}
	sqlite3_reset(s);
	if (src == SQLITE_DONE)
		return ST_ERR_NOT_FOUND;
	return src == SQLITE_ROW ? ST_OK : store_fail(st, src, _("cannot read person %lld"),
	                                                (long long)id);
}

/* Runs a one-parameter query over the person's rows, calling read for
 * each; the statement is cached. */
static enum status
each_row(struct store *st, const char *sql, int64_t id,
         void (*read)(sqlite3_stmt *s, struct person_detail *d),
         struct person_detail *d)
{
	sqlite3_stmt *s = store_cached_sql(st, sql);
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW)
		read(s, d);
	sqlite3_reset(s);
	return src == SQLITE_DONE ? ST_OK : store_fail(st, src, _("cannot read a person's rows"));
}

static size_t aliases_cap, languages_cap, documents_cap, relatives_cap, deadlines_cap;

static void
read_alias(sqlite3_stmt *s, struct person_detail *d)
{
	GROW(d->aliases, d->naliases, aliases_cap);
	d->aliases[d->naliases].name = dup_col(s, 0);
	d->aliases[d->naliases++].type = dup_col(s, 1);
}

static void
read_language(sqlite3_stmt *s, struct person_detail *d)
{
	GROW(d->languages, d->nlanguages, languages_cap);
	d->languages[d->nlanguages].tag = dup_col(s, 0);
	d->languages[d->nlanguages].code = dup_col(s, 1);
	d->languages[d->nlanguages++].name = dup_col(s, 2);
}

static void
read_document(sqlite3_stmt *s, struct person_detail *d)
{
	struct person_document_row *r;

	GROW(d->documents, d->ndocuments, documents_cap);
	r = &d->documents[d->ndocuments++];
	r->id = sqlite3_column_int64(s, 0);
	r->doc_type = dup_col(s, 1);
	r->number = dup_col(s, 2);
	r->issuing_country = dup_col(s, 3);
	r->issued = dup_col(s, 4);
	r->expires = dup_col(s, 5);
	r->status = dup_col(s, 6);
	r->note = dup_col(s, 7);
}

static void
read_relative(sqlite3_stmt *s, struct person_detail *d)
{
	struct person_relative_row *r;

	GROW(d->relatives, d->nrelatives, relatives_cap);
	r = &d->relatives[d->nrelatives++];
	r->relation_id = sqlite3_column_int64(s, 0);
	r->person_id = sqlite3_column_int64(s, 1);
	r->relation = dup_col(s, 2);
	r->verification = dup_col(s, 3);
	r->note = dup_col(s, 4);
	r->case_no = dup_col(s, 5);
	r->family_name = dup_col(s, 6);
	r->given_names = dup_col(s, 7);
	r->sex = dup_col(s, 8);
	r->birth_date = dup_col(s, 9);
	r->stage = dup_col(s, 10);
}

static void
read_deadline(sqlite3_stmt *s, struct person_detail *d)
{
	struct person_deadline_row *r;

	GROW(d->deadlines, d->ndeadlines, deadlines_cap);
	r = &d->deadlines[d->ndeadlines++];
	r->clock = dup_col(s, 0);
	r->status = dup_col(s, 1);
	r->rule = dup_col(s, 2);
	r->arithmetic = dup_col(s, 3);
	r->due = (int32_t)sqlite3_column_int(s, 4);
	r->due_latest = (int32_t)sqlite3_column_int(s, 5);
	r->lapses = (int32_t)sqlite3_column_int(s, 6);
}

static bool
past_lapse_day(const struct person_deadline_row *c, int32_t today)
{
	return (strcmp(c->status, "open") == 0 || strcmp(c->status, "overdue") == 0) &&
	       c->lapses <= today;
}

bool
person_deadline_lapsed(const struct person_deadline_row *c, int32_t today)
{
	if (strcmp(c->status, "lapsed") == 0)
		return true;
	return past_lapse_day(c, today) && !clock_is_reminder(c->clock);
}

bool
person_deadline_stale(const struct person_deadline_row *c, int32_t today)
{
	return past_lapse_day(c, today) && clock_is_reminder(c->clock);
}

static enum status
read_deadlines(struct store *st, int64_t id, struct person_detail *out)
{
	return each_row(st, "SELECT clock, status, rule, arithmetic, due, due_latest, lapses"
	                " FROM deadline WHERE person_id = ?1"
	                " ORDER BY status NOT IN ('open', 'overdue'), due, clock",
	                id, read_deadline, out);
}

/* whole: everything the detail shows; else the identity and the clocks
 * (the timeline's heading), without the four reads it never shows */
static enum status
read_person(struct store *st, int64_t id, bool whole, struct person_detail *out)
{
	enum status rc;

	person_detail_clear(out);
	/* the arrays start empty, so their capacities start at zero */
	aliases_cap = languages_cap = documents_cap = relatives_cap = deadlines_cap = 0;
	rc = read_identity(st, id, out);
	if (rc == ST_OK && !whole) {
		rc = read_deadlines(st, id, out);
		if (rc == ST_OK) {
			out->changed_by = xstrdup("");
			out->changed_at = xstrdup("");
		} else {
			person_detail_clear(out);
		}
		return rc;
	}
	if (rc == ST_OK)
		rc = each_row(st, "SELECT name, type FROM person_alias WHERE person_id = ?1"
		              " ORDER BY ord", id, read_alias, out);
	if (rc == ST_OK)
		rc = each_row(st, "SELECT l.tag, l.code, coalesce(g.name, l.code)"
		              " FROM person_language l LEFT JOIN language g ON g.code = l.code"
		              " WHERE l.person_id = ?1 ORDER BY l.ord", id, read_language, out);
	if (rc == ST_OK)
		rc = each_row(st, "SELECT id, doc_type, number, coalesce(issuing_country, ''),"
		              " issued, expires, status, note FROM identity_document"
		              " WHERE person_id = ?1 ORDER BY id", id, read_document, out);
	/* Relations are stored once ("other is person's kind"): read from
	 * the other side, a child's relative is a parent, a ward's a
	 * guardian. Parents first, then spouses, children, siblings. */
	if (rc == ST_OK)
		rc = each_row(st,
			"SELECT r.id, o.id, r.rel, r.verification, r.note, o.case_no,"
			" o.family_name, o.given_names, o.sex, o.birth_date, coalesce(o.stage, '')"
			" FROM (SELECT id, other_id AS who, kind AS rel, verification, note"
			"         FROM relation WHERE person_id = ?1"
			"       UNION ALL"
			"       SELECT id, person_id, CASE kind WHEN 'child' THEN 'parent'"
			"         WHEN 'ward' THEN 'guardian' ELSE kind END, verification, note"
			"         FROM relation WHERE other_id = ?1) r"
			" JOIN person o ON o.id = r.who"
			" ORDER BY CASE r.rel WHEN 'parent' THEN 0 WHEN 'guardian' THEN 1"
			"   WHEN 'spouse' THEN 2 WHEN 'child' THEN 3 WHEN 'ward' THEN 4"
			"   WHEN 'sibling' THEN 5 ELSE 6 END, coalesce(o.birth_lo, 0), o.case_no",
			id, read_relative, out);
	if (rc == ST_OK)
		rc = read_deadlines(st, id, out);
	if (rc == ST_OK) {
		sqlite3_stmt *s = store_cached_sql(st,
			"SELECT login, at FROM audit WHERE tbl = 'person' AND row_id = ?1"
			" ORDER BY seq DESC LIMIT 1");
		char row[32];

		if (!s)
			rc = ST_ERR_DB;
		else {
			snprintf(row, sizeof row, "%lld", (long long)id);
			sqlite3_bind_text(s, 1, row, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(s) == SQLITE_ROW) {
				out->changed_by = dup_col(s, 0);
				out->changed_at = dup_col(s, 1);
			} else {
				out->changed_by = xstrdup("");
				out->changed_at = xstrdup("");
			}
			sqlite3_reset(s);
		}
	}
	if (rc != ST_OK)
		person_detail_clear(out);
	return rc;
}

enum status
store_person_detail(struct store *st, int64_t id, struct person_detail *out)
{
	return read_person(st, id, true, out);
}

enum status
store_person_head(struct store *st, int64_t id, struct person_detail *out)
{
	return read_person(st, id, false, out);
}

void
event_rows_free(struct event_row **rows, size_t n)
{
	struct event_row *r = *rows;

	for (size_t i = 0; r && i < n; i++) {
		free(r[i].date);
		free(r[i].kind);
		free(r[i].place);
		free(r[i].country);
		free(r[i].ref);
		free(r[i].duration);
		free(r[i].outcome);
		free(r[i].note);
	}
	free(r);
	*rows = NULL;
}

enum status
store_events(struct store *st, int64_t person_id, struct event_row **rows, size_t *n)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT id, version, date, date_lo, date_hi, kind, place,"
		" coalesce(country, ''), ref, duration, outcome, note FROM event"
		" WHERE person_id = ?1 ORDER BY date_lo, date_hi, id");
	size_t cap = 0;
	int src;

	*rows = NULL;
	*n = 0;
	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, person_id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		struct event_row *r;

		GROW(*rows, *n, cap);
		r = &(*rows)[(*n)++];
		r->id = sqlite3_column_int64(s, 0);
		r->version = sqlite3_column_int64(s, 1);
		r->date = dup_col(s, 2);
		r->date_lo = (int32_t)sqlite3_column_int(s, 3);
		r->date_hi = (int32_t)sqlite3_column_int(s, 4);
		r->kind = dup_col(s, 5);
		r->place = dup_col(s, 6);
		r->country = dup_col(s, 7);
		r->ref = dup_col(s, 8);
		r->duration = dup_col(s, 9);
		r->outcome = dup_col(s, 10);
		r->note = dup_col(s, 11);
	}
	sqlite3_reset(s);
	if (src != SQLITE_DONE) {
		event_rows_free(rows, *n);
		*n = 0;
		return store_fail(st, src, _("cannot read the events"));
	}
	return ST_OK;
}

enum status
store_log_access(struct store *st, int64_t person_id)
{
	sqlite3_stmt *s;
	bool readonly = (st->flags & STORE_READONLY) != 0;
	char now[32];
	enum status rc = ST_OK;
	int src;

	/* a read-only command still leaves its trace: who looked matters */
	if (readonly && (rc = store_exec(st, "PRAGMA query_only = OFF")) != ST_OK)
		return rc;
	s = store_cached_sql(st,
		"INSERT INTO access_log(at, login, person_id) VALUES (?1, ?2, ?3)");
	if (!s)
		rc = ST_ERR_DB;
	else {
		sqlite3_bind_text(s, 1, utc_now(now, sizeof now), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, st->login, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, person_id);
		src = sqlite3_step(s);
		sqlite3_reset(s);
		if (src != SQLITE_DONE)
			rc = store_fail(st, src, _("cannot record the access"));
	}
	if (readonly)
		store_exec(st, "PRAGMA query_only = ON");
	return rc;
}
