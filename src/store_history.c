/* store_history.c: the audit trail and the access log for the audit
 * view (store_history.h). Records are found by person through an index
 * on the case number their JSON names (schema 4), by user through
 * (login, seq), and paged by sequence number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/date.h"
#include "casepath/i18n.h"
#include "casepath/store_history.h"
#include "casepath/util.h"
#include "store_internal.h"

/* The case number an audit record is about, as the index has it. */
#define AUDIT_CASE \
	"coalesce(json_extract(after, '$.case_no'), json_extract(before, '$.case_no'))"
#define AUDIT_OVERRIDE \
	"(action = 'override' OR (tbl = 'event' AND json_extract(after, '$.kind') = 'override'))"

enum status
history_filter_parse(const char *text, struct history_filter *f, char *err,
                     size_t errlen)
{
	struct history_filter next = { .since = 0 };
	char buf[512];
	char *save = NULL;

	if (strlen(text) >= sizeof buf) {
		snprintf(err, errlen, _("filter too long"));
		return ST_ERR_INPUT;
	}
	snprintf(buf, sizeof buf, "%s", text);
	for (char *w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		char *eq = strchr(w, '=');
		const char *why;

		if (strcmp(w, "overrides") == 0) {
			next.overrides_only = true;
			continue;
		}
		if (!eq || eq == w || !eq[1]) {
			snprintf(err, errlen, _("'%s' is not name=value (person=, user=, since=,"
			         " until=) or 'overrides'"), w);
			return ST_ERR_INPUT;
		}
		*eq++ = '\0';
		if (strcmp(w, "person") == 0)
			snprintf(next.case_no, sizeof next.case_no, "%s", eq);
		else if (strcmp(w, "user") == 0)
			snprintf(next.login, sizeof next.login, "%s", eq);
		else if (strcmp(w, "since") == 0 || strcmp(w, "until") == 0) {
			int32_t day;

			if ((why = day_parse(eq, &day))) {
				snprintf(err, errlen, "%s: %s", w, why);
				return ST_ERR_INPUT;
			}
			*(strcmp(w, "since") == 0 ? &next.since : &next.until) = day;
		} else {
			snprintf(err, errlen, _("unknown filter '%s' (person, user, since, until,"
			         " overrides)"), w);
			return ST_ERR_INPUT;
		}
	}
	*f = next;
	return ST_OK;
}

char *
history_filter_format(const struct history_filter *f, char *buf, size_t len)
{
	char since[PDATE_TEXT_MAX] = "", until[PDATE_TEXT_MAX] = "";

	if (f->since)
		day_format(f->since, since, sizeof since);
	if (f->until)
		day_format(f->until, until, sizeof until);
	snprintf(buf, len, "%s%s%s%s%s%s%s%s%s",
	         f->case_no[0] ? "person=" : "", f->case_no, f->case_no[0] ? " " : "",
	         f->login[0] ? "user=" : "", f->login, f->login[0] ? " " : "",
	         f->since ? "since=" : "", since, f->since ? " " : "");
	if (f->until) {
		size_t n = strlen(buf);

		snprintf(buf + n, len - n, "until=%s ", until);
	}
	if (f->overrides_only) {
		size_t n = strlen(buf);

		snprintf(buf + n, len - n, "overrides ");
	}
	if (buf[0])
		buf[strlen(buf) - 1] = '\0';
	return buf;
}

/* Appends the filter's conditions; at_col and login_col name the
 * columns of the table queried. */
static void
add_conditions(char *sql, size_t len, const struct history_filter *f, bool audit)
{
	size_t n = strlen(sql);

#define ADD(text) (n += (size_t)snprintf(sql + n, n < len ? len - n : 0, "%s", (text)))
	if (f->case_no[0])
		/* an imported person's records include the import's one
		 * record, found through import_row */
		ADD(audit ? " AND seq IN (SELECT seq FROM audit WHERE " AUDIT_CASE " = :case"
		            " UNION ALL SELECT i.seq FROM import_row i"
		            " JOIN person p ON p.id = i.person_id WHERE p.case_no = :case)"
		          : " AND a.person_id = (SELECT id FROM person WHERE case_no = :case)");
	if (f->login[0])
		ADD(audit ? " AND login = :login" : " AND a.login = :login");
	if (f->since)
		ADD(audit ? " AND at >= :since" : " AND a.at >= :since");
	if (f->until)
		ADD(audit ? " AND at < :until" : " AND a.at < :until");
	if (audit && f->overrides_only)
		ADD(" AND " AUDIT_OVERRIDE);
#undef ADD
}

static void
bind_conditions(sqlite3_stmt *s, const struct history_filter *f)
{
	char day[PDATE_TEXT_MAX];
	int i;

	if ((i = sqlite3_bind_parameter_index(s, ":case")) > 0)
		sqlite3_bind_text(s, i, f->case_no, -1, SQLITE_TRANSIENT);
	if ((i = sqlite3_bind_parameter_index(s, ":login")) > 0)
		sqlite3_bind_text(s, i, f->login, -1, SQLITE_TRANSIENT);
	/* audit times are "YYYY-MM-DDTHH:MM:SSZ": a day compares as a prefix */
	if ((i = sqlite3_bind_parameter_index(s, ":since")) > 0)
		sqlite3_bind_text(s, i, day_format(f->since, day, sizeof day), -1,
		                  SQLITE_TRANSIENT);
	if ((i = sqlite3_bind_parameter_index(s, ":until")) > 0)
		sqlite3_bind_text(s, i, day_format(f->until + 1, day, sizeof day), -1,
		                  SQLITE_TRANSIENT);
}

/* Runs a page query: "seq < :seq ORDER BY seq DESC" or, backward,
 * "seq > :seq ORDER BY seq". */
static sqlite3_stmt *
page_statement(struct store *st, const char *select, const char *from,
               const char *seq_col, const struct history_filter *f, bool audit,
               int64_t after_seq, bool backward, int n)
{
	char sql[2048];
	size_t len;
	sqlite3_stmt *s;
	int i;

	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE 1", select, from);
	add_conditions(sql, sizeof sql, f, audit);
	len = strlen(sql);
	snprintf(sql + len, sizeof sql - len, "%s%s%s ORDER BY %s%s LIMIT :n",
	         after_seq ? " AND " : "", after_seq ? seq_col : "",
	         after_seq ? (backward ? " > :seq" : " < :seq") : "", seq_col,
	         backward ? "" : " DESC");
	if (!(s = store_cached_sql(st, sql)))
		return NULL;
	bind_conditions(s, f);
	if ((i = sqlite3_bind_parameter_index(s, ":seq")) > 0)
		sqlite3_bind_int64(s, i, after_seq);
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, ":n"), n);
	return s;
}

void
audit_row_copy(struct audit_row *dst, const struct audit_row *src)
{
	*dst = *src;
	dst->at = xstrdup(src->at);
	dst->login = xstrdup(src->login);
	dst->tbl = xstrdup(src->tbl);
	dst->row_id = xstrdup(src->row_id);
	dst->action = xstrdup(src->action);
	dst->case_no = xstrdup(src->case_no);
	dst->fields = xstrdup(src->fields);
	dst->before = xstrdup(src->before);
	dst->after = xstrdup(src->after);
}

void
audit_rows_clear(struct audit_row *rows, int n)
{
	for (int i = 0; i < n; i++) {
		struct audit_row *r = &rows[i];

		free(r->at);
		free(r->login);
		free(r->tbl);
		free(r->row_id);
		free(r->action);
		free(r->case_no);
		free(r->fields);
		free(r->before);
		free(r->after);
		memset(r, 0, sizeof *r);
	}
}

/* The import record on a person's page says which line made them. */
static void
import_origin(struct store *st, const char *case_no, struct audit_row *r)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT i.line, coalesce(json_extract(a.after, '$.source'), '')"
		" FROM import_row i JOIN person p ON p.id = i.person_id"
		" JOIN audit a ON a.seq = i.seq WHERE p.case_no = ?1 AND i.seq = ?2");
	char text[600];

	if (!s)
		return;
	sqlite3_bind_text(s, 1, case_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, r->seq);
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(text, sizeof text, _("created by import #%lld (%s, line %lld)"),
		         (long long)r->seq, column_text(s, 1),
		         (long long)sqlite3_column_int64(s, 0));
		free(r->fields);
		r->fields = xstrdup(text);
		free(r->case_no);
		r->case_no = xstrdup(case_no);
	}
	sqlite3_reset(s);
}

int
store_audit_page(struct store *st, const struct history_filter *f,
                 const struct audit_row *after, bool backward, int n,
                 struct audit_row *rows)
{
	sqlite3_stmt *s = page_statement(st,
		"seq, at, login, tbl, row_id, action, coalesce(" AUDIT_CASE ", ''),"
		/* an update's changed fields, from the two JSON objects */
		" CASE WHEN before IS NOT NULL AND after IS NOT NULL THEN coalesce("
		"   (SELECT group_concat(j.key, ', ') FROM json_each(after) j"
		"    WHERE json_extract(before, '$.\"' || j.key || '\"') IS NOT j.value), '')"
		"  ELSE '' END,"
		" coalesce(before, ''), coalesce(after, ''), " AUDIT_OVERRIDE,
		"audit", "seq", f, true, after ? after->seq : 0, backward, n);
	int got = 0, src = SQLITE_DONE;

	if (!s)
		return -1;
	while (got < n && (src = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_row *r = &rows[got++];

		r->seq = sqlite3_column_int64(s, 0);
		r->at = xstrdup(column_text(s, 1));
		r->login = xstrdup(column_text(s, 2));
		r->tbl = xstrdup(column_text(s, 3));
		r->row_id = xstrdup(column_text(s, 4));
		r->action = xstrdup(column_text(s, 5));
		r->case_no = xstrdup(column_text(s, 6));
		r->fields = xstrdup(column_text(s, 7));
		r->before = xstrdup(column_text(s, 8));
		r->after = xstrdup(column_text(s, 9));
		r->override = sqlite3_column_int(s, 10) != 0;
		if (f->case_no[0] && strcmp(r->tbl, "load") == 0)
			import_origin(st, f->case_no, r);
	}
	if (got < n && src != SQLITE_DONE) {
		store_fail(st, src, _("cannot read the audit trail"));
		audit_rows_clear(rows, got);
		got = -1;
	}
	sqlite3_reset(s);
	return got;
}

void
access_row_copy(struct access_row *dst, const struct access_row *src)
{
	*dst = *src;
	dst->at = xstrdup(src->at);
	dst->login = xstrdup(src->login);
	dst->case_no = xstrdup(src->case_no);
	dst->name = xstrdup(src->name);
}

void
access_rows_clear(struct access_row *rows, int n)
{
	for (int i = 0; i < n; i++) {
		free(rows[i].at);
		free(rows[i].login);
		free(rows[i].case_no);
		free(rows[i].name);
		memset(&rows[i], 0, sizeof rows[i]);
	}
}

int
store_access_page(struct store *st, const struct history_filter *f,
                  const struct access_row *after, bool backward, int n,
                  struct access_row *rows)
{
	sqlite3_stmt *s = page_statement(st,
		"a.seq, a.at, a.login, coalesce(p.case_no, ''),"
		" coalesce(p.family_name || ', ' || p.given_names, '')",
		"access_log a LEFT JOIN person p ON p.id = a.person_id", "a.seq", f, false,
		after ? after->seq : 0, backward, n);
	int got = 0, src = SQLITE_DONE;

	if (!s)
		return -1;
	while (got < n && (src = sqlite3_step(s)) == SQLITE_ROW) {
		struct access_row *r = &rows[got++];

		r->seq = sqlite3_column_int64(s, 0);
		r->at = xstrdup(column_text(s, 1));
		r->login = xstrdup(column_text(s, 2));
		r->case_no = xstrdup(column_text(s, 3));
		r->name = xstrdup(column_text(s, 4));
	}
	if (got < n && src != SQLITE_DONE) {
		store_fail(st, src, _("cannot read the access log"));
		access_rows_clear(rows, got);
		got = -1;
	}
	sqlite3_reset(s);
	return got;
}

void
audit_fields_free(struct audit_field **fields, size_t n)
{
	for (size_t i = 0; *fields && i < n; i++) {
		free((*fields)[i].key);
		free((*fields)[i].before);
		free((*fields)[i].after);
	}
	free(*fields);
	*fields = NULL;
}

enum status
store_audit_fields(struct store *st, int64_t seq, struct audit_field **out, size_t *n)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"WITH r AS (SELECT before, after FROM audit WHERE seq = ?1),"
		" k AS (SELECT j.key FROM r, json_each(r.after) j"
		"       UNION SELECT j.key FROM r, json_each(r.before) j)"
		" SELECT k.key, coalesce(json_extract(r.before, '$.\"' || k.key || '\"'), '') AS b,"
		"  coalesce(json_extract(r.after, '$.\"' || k.key || '\"'), '') AS a"
		" FROM r, k ORDER BY r.before IS NOT NULL AND r.after IS NOT NULL AND b IS NOT a DESC,"
		"  k.key");
	size_t cap = 0;
	int src;

	*out = NULL;
	*n = 0;
	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, seq);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		(*out)[*n].key = xstrdup(column_text(s, 0));
		(*out)[*n].before = xstrdup(column_text(s, 1));
		(*out)[*n].after = xstrdup(column_text(s, 2));
		(*n)++;
	}
	sqlite3_reset(s);
	if (src != SQLITE_DONE) {
		audit_fields_free(out, *n);
		*n = 0;
		return store_fail(st, src, _("cannot read audit record %lld"), (long long)seq);
	}
	return ST_OK;
}
