/* store_edit.c: single edits from the screens (store_edit.h). Each call
 * is one transaction. Values are checked by the loader's own code and
 * guardrails pass through the loader's gate, so an edit is judged as an
 * import of the same row would be. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/i18n.h"
#include "casepath/rules.h"
#include "casepath/store_edit.h"
#include "casepath/util.h"
#include "store_internal.h"

/* The lists of a person row as the loader writes them, for the audit
 * record's "before" (the same text export reads back). */
#define SQL_ALIASES \
	"coalesce((SELECT group_concat(CASE WHEN type = 'unknown' THEN name" \
	" ELSE name || ' (' || type || ')' END, ';') FROM (SELECT name, type" \
	" FROM person_alias a WHERE a.person_id = person.id ORDER BY ord)), '')"
#define SQL_LANGUAGES \
	"coalesce((SELECT group_concat(tag, ';') FROM (SELECT tag FROM" \
	" person_language l WHERE l.person_id = person.id ORDER BY ord)), '')"
#define SQL_EVENT_CASE \
	"(SELECT case_no FROM person WHERE person.id = event.person_id)"

/* The single-record writes' shared steps (store_internal.h): a
 * refusal's reason, and a transaction that commits or rolls back and
 * says why. */
void
edit_fail(struct load_error *err, const char *column, const char *fmt, ...)
{
	va_list ap;

	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->reason, sizeof err->reason, fmt, ap);
	va_end(ap);
}

enum status
edit_begin(struct store *st, struct load_error *err)
{
	enum status rc;

	memset(err, 0, sizeof *err);
	if ((rc = store_tx_begin(st)) != ST_OK)
		edit_fail(err, NULL, "%s", store_errmsg(st));
	return rc;
}

/* Commits on success, else rolls back; a failure that left err empty
 * (a database error) gets the store's own message. */
enum status
edit_finish(struct store *st, enum status rc, struct load_error *err)
{
	if (rc == ST_OK && (rc = store_tx_commit(st)) == ST_OK)
		return ST_OK;
	store_tx_rollback(st);
	if (!err->reason[0])
		edit_fail(err, NULL, "%s", store_errmsg(st));
	return rc;
}

static struct loader *
new_loader(struct store *st, const char *override, enum status *rc)
{
	struct loader *l = loader_new(st, LOADER_AUDIT_ROWS);

	*rc = l ? ST_OK : ST_ERR_DB;
	if (l) {
		loader_for_edit(l);
		if (override)
			loader_set_override(l, override);
	}
	return l;
}

/* The row as the caller read it: version unchanged, else who changed it
 * and when (the newest audit record of the row). *person_id and
 * *case_no (allocated) name the row's person. */
enum status
store_check_version(struct store *st, const char *table, int64_t id,
                    int64_t version, int64_t *person_id, char **case_no,
                    struct load_error *err)
{
	bool person = strcmp(table, "person") == 0;
	sqlite3_stmt *s = store_cached_sql(st, person
		? "SELECT version, id, case_no FROM person WHERE id = ?1"
		: "SELECT e.version, e.person_id, p.case_no FROM event e"
		  " JOIN person p ON p.id = e.person_id WHERE e.id = ?1");
	int64_t now = 0;
	char row[32];
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		now = sqlite3_column_int64(s, 0);
		*person_id = sqlite3_column_int64(s, 1);
		*case_no = xstrdup(column_text(s, 2));
	}
	sqlite3_reset(s);
	if (src == SQLITE_DONE) {
		edit_fail(err, NULL, _("no %s with id %lld: deleted since you opened it?"),
		     table, (long long)id);
		return ST_ERR_NOT_FOUND;
	}
	if (src != SQLITE_ROW)
		return store_fail(st, src, _("cannot read the %s"), table);
	if (now == version)
		return ST_OK;
	if (!(s = store_cached_sql(st, "SELECT login, at FROM audit"
	                           " WHERE tbl = ?1 AND row_id = ?2"
	                           " ORDER BY seq DESC LIMIT 1")))
		return ST_ERR_DB;
	snprintf(row, sizeof row, "%lld", (long long)id);
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, row, -1, SQLITE_TRANSIENT);
	if ((src = sqlite3_step(s)) == SQLITE_ROW)
		edit_fail(err, NULL, _("changed by %s at %s since you opened it"),
		     column_text(s, 0), column_text(s, 1));
	else
		edit_fail(err, NULL, _("changed by someone else since you opened it"));
	sqlite3_reset(s);
	return ST_ERR_STALE;
}

/* One row's JSON from sql (?1 its id), allocated into *out. */
static enum status
read_json(struct store *st, const char *sql, int64_t id, char **out)
{
	sqlite3_stmt *s = store_cached_sql(st, sql);
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	if ((src = sqlite3_step(s)) == SQLITE_ROW)
		*out = xstrdup(column_text(s, 0));
	sqlite3_reset(s);
	return src == SQLITE_ROW ? ST_OK : store_fail(st, src, _("cannot read a row"));
}

/* Runs a change that RETURNs (row id, the row as JSON or NULL) and
 * audits it beside the row as it was before. */
static enum status
write_audited(struct store *st, sqlite3_stmt *s, const char *table,
              const char *action, const char *before)
{
	char *row = NULL, *after = NULL;
	enum status rc = ST_OK;
	int src = sqlite3_step(s);

	if (src == SQLITE_ROW) {
		row = xstrdup(column_text(s, 0));
		if (sqlite3_column_type(s, 1) != SQLITE_NULL)
			after = xstrdup(column_text(s, 1));
		src = sqlite3_step(s);
	} else if (src == SQLITE_DONE) {
		src = SQLITE_OK;    /* no row: checked above, so a bug */
	}
	if (src != SQLITE_DONE)
		rc = store_fail(st, src, _("cannot write to %s"), table);
	sqlite3_reset(s);
	if (rc == ST_OK)
		rc = store_audit(st, table, row, action, before, after);
	free(row);
	free(after);
	return rc;
}

static enum status
run_by_id(struct store *st, const char *sql, int64_t id, const char *what)
{
	sqlite3_stmt *s = store_cached_sql(st, sql);
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	src = sqlite3_step(s);
	sqlite3_reset(s);
	return src == SQLITE_DONE ? ST_OK : store_fail(st, src, _("cannot %s"), what);
}

/* --- guardrails --------------------------------------------------------
 * An edit rewrites history, so a guardrail may now be broken by any of
 * the person's events, not only a new one: re-derive with every event
 * counted, but first note the blocking violations already standing
 * (passed by an override before, or from an older rule set) and refuse
 * only new ones. The changed event counts as new however it stood.
 * Relatives are re-derived too: a birth date or a care arrangement
 * changes their rules (G9). */
struct gate_set {
	int64_t *ids;
	struct rule_gate *gates;
	size_t n;
};

static void
gate_set_clear(struct gate_set *gs)
{
	for (size_t i = 0; i < gs->n; i++)
		rule_gate_clear(&gs->gates[i]);
	free(gs->ids);
	free(gs->gates);
	memset(gs, 0, sizeof *gs);
}

static enum status
gates_before(struct store *st, struct gate_set *gs, int64_t person_id,
             int64_t changed_event, const char *override)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT other_id FROM relation WHERE person_id = ?1"
		" UNION SELECT person_id FROM relation WHERE other_id = ?1");
	size_t cap = 4;
	enum status rc = ST_OK;
	int src;

	if (!s)
		return ST_ERR_DB;
	gs->ids = xmalloc(cap * sizeof *gs->ids);
	gs->ids[gs->n++] = person_id;
	sqlite3_bind_int64(s, 1, person_id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (gs->n == cap) {
			cap *= 2;
			gs->ids = xrealloc(gs->ids, cap * sizeof *gs->ids);
		}
		gs->ids[gs->n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (src != SQLITE_DONE)
		return store_fail(st, src, _("cannot read a person's relations"));
	gs->gates = xcalloc(gs->n, sizeof *gs->gates);
	for (size_t i = 0; i < gs->n && rc == ST_OK; i++) {
		struct rule_gate *g = &gs->gates[i];
		bool blocked = true;
		size_t keep = 0;

		g->override = override;
		while (rc == ST_OK && blocked) {
			struct rule_violation v;

			rc = store_derive_person(st, gs->ids[i], 0, g->passed, g->npassed,
			                         &blocked, &v);
			if (rc == ST_OK && blocked)
				rule_gate_pass(g, &v);
		}
		for (size_t k = 0; k < g->npassed; k++)
			if (g->passed[k].event_id != changed_event)
				g->passed[keep++] = g->passed[k];
		g->npassed = keep;
	}
	return rc;
}

static enum status
gates_after(struct store *st, struct gate_set *gs, struct load_error *err)
{
	enum status rc = ST_OK;

	for (size_t i = 0; i < gs->n && rc == ST_OK; i++) {
		bool refused = false;
		int64_t event_id = 0;

		rc = store_gate_person(st, gs->ids[i], 0, &gs->gates[i], &refused,
		                       &event_id, err);
	}
	return rc;
}

/* --- persons ------------------------------------------------------------ */

enum status
store_person_add(struct store *st, const struct person_in *p, int64_t *id,
                 struct load_error *err)
{
	struct loader *l;
	enum status rc;

	if ((rc = edit_begin(st, err)) != ST_OK)
		return rc;
	if ((l = new_loader(st, NULL, &rc)) != NULL) {
		rc = loader_person(l, p, err);
		if (rc == ST_OK)
			rc = loader_finish(l, "edit", "tui", NULL, err);
		if (rc == ST_OK && id)
			*id = loader_last_person(l);
		loader_free(&l);
	}
	return edit_finish(st, rc, err);
}

enum status
store_person_update_tx(struct store *st, int64_t id, int64_t version,
                       const struct person_in *p, struct load_error *err)
{
	struct person_checked c = { 0 };
	struct gate_set gs = { 0 };
	struct loader *l = NULL;
	char *before = NULL, *case_no = NULL;
	int64_t pid = 0;
	sqlite3_stmt *s;
	enum status rc;

	rc = store_check_version(st, "person", id, version, &pid, &case_no, err);
	if (rc == ST_OK)
		l = new_loader(st, NULL, &rc);
	if (rc == ST_OK)
		rc = loader_check_person(l, p, &c, err);
	if (rc == ST_OK)
		rc = gates_before(st, &gs, id, 0, NULL);
	if (rc == ST_OK)
		rc = read_json(st, "SELECT " PERSON_JSON(SQL_ALIASES, SQL_LANGUAGES)
		               " FROM person WHERE id = ?1", id, &before);
	if (rc == ST_OK) {
		if (!(s = store_cached_sql(st,
			"UPDATE person SET case_no = ?1, family_name = ?2, given_names = ?3,"
			" native_name = ?4, sex = ?5, birth_date = ?6, birth_lo = ?7,"
			" birth_hi = ?8, nationality = ?9, claimed_nationality = ?10,"
			" ethnicity = ?11, interpreter_needed = ?12, category = ?13,"
			" notes = ?14, name_key = casepath_fold(?2 || ' ' || ?3),"
			" name_key_tr = casepath_collate_tr(?2 || ' ' || ?3),"
			" version = version + 1 WHERE id = ?17"
			" RETURNING id, " PERSON_JSON("?15", "?16")))) {
			rc = ST_ERR_DB;
		} else {
			loader_bind_person(s, p, &c);
			sqlite3_bind_int64(s, 17, id);
			rc = write_audited(st, s, "person", "update", before);
			if (rc == ST_ERR_INPUT)
				edit_fail(err, "case_no", _("case number '%s' is already used"),
				     p->case_no);
		}
	}
	/* the lists and the search text, rewritten whole */
	if (rc == ST_OK)
		rc = run_by_id(st, "DELETE FROM person_alias WHERE person_id = ?1", id,
		               "replace the aliases");
	if (rc == ST_OK)
		rc = run_by_id(st, "DELETE FROM person_language WHERE person_id = ?1", id,
		               "replace the languages");
	if (rc == ST_OK)
		rc = loader_person_unindex(st, id);
	if (rc == ST_OK)
		rc = loader_person_names(l, id, p, err);
	/* a birth date or nationality changes what the rules say */
	if (rc == ST_OK)
		rc = gates_after(st, &gs, err);
	gate_set_clear(&gs);
	person_checked_clear(&c);
	loader_free(&l);
	free(before);
	free(case_no);
	return rc;
}

enum status
store_person_update(struct store *st, int64_t id, int64_t version,
                    const struct person_in *p, struct load_error *err)
{
	enum status rc;

	if ((rc = edit_begin(st, err)) != ST_OK)
		return rc;
	return edit_finish(st, store_person_update_tx(st, id, version, p, err), err);
}

/* --- events ------------------------------------------------------------- */

enum status
store_event_add(struct store *st, const struct event_in *e,
                const char *override, int64_t *id, struct load_error *err)
{
	struct loader *l;
	enum status rc;

	if ((rc = edit_begin(st, err)) != ST_OK)
		return rc;
	if ((l = new_loader(st, override, &rc)) != NULL) {
		rc = loader_event(l, e, err);
		if (rc == ST_OK)
			rc = loader_finish(l, "edit", "tui", NULL, err);
		if (rc == ST_OK && id)
			*id = loader_last_event(l);
		loader_free(&l);
	}
	return edit_finish(st, rc, err);
}

enum status
store_event_update(struct store *st, int64_t id, int64_t version,
                   const struct event_in *e, const char *override,
                   struct load_error *err)
{
	struct event_in in = *e;
	struct gate_set gs = { 0 };
	struct loader *l = NULL;
	struct pdate date;
	char *before = NULL, *case_no = NULL;
	int64_t owner = 0, pid = 0;
	sqlite3_stmt *s;
	enum status rc;

	if ((rc = edit_begin(st, err)) != ST_OK)
		return rc;
	rc = store_check_version(st, "event", id, version, &owner, &case_no, err);
	/* the loader only checks here; the gates below take the override */
	if (rc == ST_OK)
		l = new_loader(st, NULL, &rc);
	if (rc == ST_OK) {
		if (str_empty(in.case_no))
			in.case_no = case_no;
		rc = loader_check_event(l, &in, &pid, &date, err);
	}
	/* moving an event would rewrite two pathways in one edit */
	if (rc == ST_OK && pid != owner) {
		edit_fail(err, "case_no", _("an event stays with its case (%s): delete it and"
		     " add it to case %s"), case_no, in.case_no);
		rc = ST_ERR_INPUT;
	}
	if (rc == ST_OK)
		rc = gates_before(st, &gs, owner, id, override);
	if (rc == ST_OK)
		rc = read_json(st, "SELECT " EVENT_JSON(SQL_EVENT_CASE)
		               " FROM event WHERE id = ?1", id, &before);
	if (rc == ST_OK) {
		if (!(s = store_cached_sql(st,
			"UPDATE event SET date = ?2, date_lo = ?3, date_hi = ?4, kind = ?5,"
			" place = ?6, country = ?7, ref = ?8, duration = ?9, outcome = ?10,"
			" note = ?11, version = version + 1"
			" WHERE id = ?13 AND person_id = ?1"
			" RETURNING id, " EVENT_JSON("?12")))) {
			rc = ST_ERR_DB;
		} else {
			loader_bind_event(s, pid, &date, &in);
			sqlite3_bind_int64(s, 13, id);
			rc = write_audited(st, s, "event", "update", before);
		}
	}
	if (rc == ST_OK)
		rc = gates_after(st, &gs, err);
	gate_set_clear(&gs);
	loader_free(&l);
	free(before);
	free(case_no);
	return edit_finish(st, rc, err);
}

enum status
store_event_delete(struct store *st, int64_t id, int64_t version,
                   const char *override, struct load_error *err)
{
	struct gate_set gs = { 0 };
	char *before = NULL, *case_no = NULL;
	int64_t owner = 0;
	sqlite3_stmt *s;
	enum status rc;

	if ((rc = edit_begin(st, err)) != ST_OK)
		return rc;
	rc = store_check_version(st, "event", id, version, &owner, &case_no, err);
	if (rc == ST_OK)
		rc = gates_before(st, &gs, owner, 0, override);
	if (rc == ST_OK)
		rc = read_json(st, "SELECT " EVENT_JSON(SQL_EVENT_CASE)
		               " FROM event WHERE id = ?1", id, &before);
	if (rc == ST_OK) {
		if (!(s = store_cached_sql(st,
			"DELETE FROM event WHERE id = ?1 RETURNING id, NULL"))) {
			rc = ST_ERR_DB;
		} else {
			sqlite3_bind_int64(s, 1, id);
			rc = write_audited(st, s, "event", "delete", before);
		}
	}
	if (rc == ST_OK)
		rc = gates_after(st, &gs, err);
	gate_set_clear(&gs);
	free(before);
	free(case_no);
	return edit_finish(st, rc, err);
}

/* --- relations ------------------------------------------------------------ */

enum status
store_relation_add(struct store *st, const struct relation_in *r,
                   struct load_error *err)
{
	struct loader *l;
	enum status rc;

	if ((rc = edit_begin(st, err)) != ST_OK)
		return rc;
	if ((l = new_loader(st, NULL, &rc)) != NULL) {
		rc = loader_relation(l, r, err);
		if (rc == ST_OK)
			rc = loader_finish(l, "edit", "tui", NULL, err);
		loader_free(&l);
	}
	return edit_finish(st, rc, err);
}

/* --- review marks ----------------------------------------------------------- */

enum status
store_review_mark(struct store *st, const char *session, int64_t person_id,
                  const char *note, struct load_error *err)
{
	sqlite3_stmt *s;
	char now[32];
	enum status rc;
	int src;

	if ((rc = edit_begin(st, err)) != ST_OK)
		return rc;
	if (str_empty(session)) {
		edit_fail(err, "session", _("a review needs a name"));
		rc = ST_ERR_INPUT;
	} else if (!loader_check_text(note, "note", err)) {
		rc = ST_ERR_INPUT;
	} else if (!(s = store_cached_sql(st, "SELECT 1 FROM person WHERE id = ?1"))) {
		rc = ST_ERR_DB;
	} else {
		sqlite3_bind_int64(s, 1, person_id);
		src = sqlite3_step(s);
		sqlite3_reset(s);
		if (src == SQLITE_DONE) {
			edit_fail(err, NULL, _("no person with id %lld: deleted since you"
			     " opened it?"), (long long)person_id);
			rc = ST_ERR_NOT_FOUND;
		} else if (src != SQLITE_ROW) {
			rc = store_fail(st, src, _("cannot read a person"));
		}
	}
	if (rc == ST_OK) {
		if (!(s = store_cached_sql(st,
			"INSERT INTO review_mark(person_id, session, login, at, note)"
			" VALUES (?1, ?2, ?3, ?4, ?5)"
			" RETURNING id, json_object('id', id, 'person_id', person_id,"
			" 'session', session, 'login', login, 'at', at, 'note', note)"))) {
			rc = ST_ERR_DB;
		} else {
			sqlite3_bind_int64(s, 1, person_id);
			sqlite3_bind_text(s, 2, session, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 3, store_login(st), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 4, utc_now(now, sizeof now), -1, SQLITE_TRANSIENT);
			bind_text(s, 5, note ? note : "", false);
			rc = store_write_row(st, s, "review_mark", "insert", true, NULL);
		}
	}
	return edit_finish(st, rc, err);
}

int
store_review_is_marked(struct store *st, const char *session, int64_t person_id)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT EXISTS (SELECT 1 FROM review_mark"
		" WHERE session = ?1 AND person_id = ?2)");
	int v = -1;

	if (!s)
		return -1;
	bind_text(s, 1, session, false);
	sqlite3_bind_int64(s, 2, person_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	else
		store_fail(st, sqlite3_errcode(st->db), _("cannot read the review marks"));
	sqlite3_reset(s);
	return v;
}

/* -1 on a database error (store_errmsg). */
long
store_review_count(struct store *st, const char *session)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT count(DISTINCT person_id) FROM review_mark WHERE session = ?1");
	long v = -1;

	if (!s)
		return -1;
	bind_text(s, 1, session, false);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(s, 0);
	else
		store_fail(st, sqlite3_errcode(st->db), _("cannot read the review marks"));
	sqlite3_reset(s);
	return v;
}
