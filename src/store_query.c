/* store_query.c: reading rows out (export, show, deadlines, the case
 * list) and copying the database (backup). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sodium.h>
#include <unistd.h>

#include "casepath/i18n.h"
#include "casepath/pseudonym.h"
#include "casepath/util.h"
#include "store_internal.h"

/* One exported column: its CSV name, its SQL, and its redacted SQL
 * (NULL: same as plain). */
struct column {
	const char *name, *sql, *redacted;
};

static const struct column person_columns[] = {
	/* redacted: the person's stable pseudonym (pseudonym.h) stands for
	 * the case number and the name; every other name is dropped */
	{ "case_no", "p.case_no", "casepath_pseudonym(p.id)" },
	{ "family_name", "p.family_name", "casepath_pseudonym(p.id)" },
	{ "given_names", "p.given_names", "''" },
	{ "native_name", "p.native_name", "''" },
	{ "aliases",
	  "coalesce((SELECT group_concat(CASE WHEN type = 'unknown' THEN name"
	  " ELSE name || ' (' || type || ')' END, ';') FROM (SELECT name, type"
	  " FROM person_alias a WHERE a.person_id = p.id ORDER BY ord)), '')", "''" },
	{ "sex", "p.sex", NULL },
	/* redacted: the year only, keeping the approximate mark */
	{ "birth_date", "p.birth_date",
	  "substr(p.birth_date, 1, CASE WHEN p.birth_date LIKE '~%' THEN 5 ELSE 4 END)" },
	{ "nationality", "coalesce(p.nationality, '')", NULL },
	{ "claimed_nationality", "coalesce(p.claimed_nationality, '')", NULL },
	{ "ethnicity", "p.ethnicity", "''" },
	{ "languages",
	  "coalesce((SELECT group_concat(tag, ';') FROM (SELECT tag FROM"
	  " person_language l WHERE l.person_id = p.id ORDER BY ord)), '')", NULL },
	{ "interpreter_needed",
	  "CASE p.interpreter_needed WHEN 1 THEN 'yes' ELSE 'no' END", NULL },
	{ "category", "p.category", NULL },
	{ "notes", "p.notes", "''" },
};

/* A partial date cut to its month at most ("~2019-10-29" gives
 * "~2019-10", "2019" stays): an exact day is what an insider matches a
 * person by, a month is what the monthly figures need. */
#define MONTH_OF(D) "substr(" D ", 1, CASE WHEN " D " LIKE '~%' THEN 8 ELSE 7 END)"

static const struct column event_columns[] = {
	{ "case_no", "p.case_no", "casepath_pseudonym(p.id)" },
	{ "date", "e.date", MONTH_OF("e.date") },
	{ "kind", "e.kind", NULL },
	{ "place", "e.place", "''" },
	{ "country", "coalesce(e.country, '')", NULL },
	{ "ref", "e.ref", "''" },
	{ "duration", "e.duration", NULL },
	{ "outcome", "e.outcome", NULL },
	{ "note", "e.note", "''" },
};

/* Symmetric links are written with the smaller case number first, so
 * the text does not depend on the order rows were stored in. */
#define REL_SWAP "(r.kind IN ('spouse','sibling','travel_companion')" \
                 " AND a.case_no > b.case_no)"
#define REL_FIRST "CASE WHEN " REL_SWAP " THEN b.case_no ELSE a.case_no END"
#define REL_SECOND "CASE WHEN " REL_SWAP " THEN a.case_no ELSE b.case_no END"
static const struct column relation_columns[] = {
	{ "case_no", REL_FIRST,
	  "casepath_pseudonym(CASE WHEN " REL_SWAP " THEN b.id ELSE a.id END)" },
	{ "relation", "r.kind", NULL },
	{ "other_case_no", REL_SECOND,
	  "casepath_pseudonym(CASE WHEN " REL_SWAP " THEN a.id ELSE b.id END)" },
	{ "verification", "r.verification", NULL },
	{ "note", "r.note", "''" },
};

/* For one person, both sides of every link, read from their side. */
static const struct column relation_one_columns[] = {
	{ "case_no", "me.case_no", "casepath_pseudonym(me.id)" },
	{ "relation", "rel", NULL },
	{ "other_case_no", "o.case_no", "casepath_pseudonym(o.id)" },
	{ "verification", "verification", NULL },
	{ "note", "note", "''" },
};

#define N_OF(a) (sizeof (a) / sizeof (a)[0])

static const struct {
	const char *word;
	const struct column *cols;
	size_t n;
	const char *from_all, *from_one;
	/* redacted: in pseudonym order, so the rows' order does not tell
	 * the case numbers' order (registration dates) */
	const char *from_redacted;
} kinds[] = {
	[REC_PERSONS] = { "persons", person_columns, N_OF(person_columns),
		/* a record absorbed by a merge is not exported: its names are
		 * the survivor's aliases, its events and documents the
		 * survivor's, its history in the audit trail; imported again,
		 * it would be a second live record of the same person */
		" FROM person p WHERE p.merged_into IS NULL ORDER BY p.case_no",
		" FROM person p WHERE p.case_no = ?1",
		" FROM person p WHERE p.merged_into IS NULL"
		" ORDER BY casepath_pseudonym(p.id)" },
	[REC_EVENTS] = { "events", event_columns, N_OF(event_columns),
		" FROM person p JOIN event e ON e.person_id = p.id"
		" ORDER BY p.case_no, e.date_lo, e.date_hi, e.id",
		" FROM person p JOIN event e ON e.person_id = p.id"
		" WHERE p.case_no = ?1 ORDER BY e.date_lo, e.date_hi, e.id",
		" FROM person p JOIN event e ON e.person_id = p.id"
		" ORDER BY casepath_pseudonym(p.id), e.date_lo, e.date_hi, e.id" },
	[REC_RELATIONS] = { "relations", relation_columns, N_OF(relation_columns),
		" FROM relation r JOIN person a ON a.id = r.person_id"
		" JOIN person b ON b.id = r.other_id"
		" ORDER BY " REL_FIRST ", r.kind, " REL_SECOND,
		NULL,
		" FROM relation r JOIN person a ON a.id = r.person_id"
		" JOIN person b ON b.id = r.other_id ORDER BY"
		" casepath_pseudonym(CASE WHEN " REL_SWAP " THEN b.id ELSE a.id END),"
		" r.kind,"
		" casepath_pseudonym(CASE WHEN " REL_SWAP " THEN a.id ELSE b.id END)" },
};

const char *const *
store_columns(enum record_kind kind, size_t *n)
{
	static const char *names[3][16];

	/* Built from the column tables once; constant afterwards. */
	if (!names[kind][0])
		for (size_t i = 0; i < kinds[kind].n; i++)
			names[kind][i] = kinds[kind].cols[i].name;
	*n = kinds[kind].n;
	return names[kind];
}

int
store_kind_from_word(const char *word)
{
	for (size_t i = 0; i < N_OF(kinds); i++)
		if (word && strcmp(word, kinds[i].word) == 0)
			return (int)i;
	return -1;
}

/* Builds "SELECT <cols or json_object(...)> <from>" into a new string. */
static char *
build_select(const struct column *cols, size_t n, unsigned flags,
             const char *from)
{
	size_t cap = 256 + strlen(from);
	char *sql, *p;

	for (size_t i = 0; i < n; i++)
		cap += strlen(cols[i].name) + strlen(cols[i].sql) +
		       (cols[i].redacted ? strlen(cols[i].redacted) : 0) + 8;
	sql = xmalloc(cap);
	p = sql + sprintf(sql, "SELECT %s", flags & EXPORT_JSON ? "json_object(" : "");
	for (size_t i = 0; i < n; i++) {
		const char *expr = (flags & EXPORT_REDACT) && cols[i].redacted
		                   ? cols[i].redacted : cols[i].sql;

		if (flags & EXPORT_JSON)
			p += sprintf(p, "%s'%s', %s", i ? ", " : "", cols[i].name, expr);
		else
			p += sprintf(p, "%s%s", i ? ", " : "", expr);
	}
	sprintf(p, "%s%s", flags & EXPORT_JSON ? ")" : "", from);
	return sql;
}

/* Steps a prepared query and hands each row to fn as text fields. */
static enum status
run_rows(struct store *st, sqlite3_stmt *s, store_row_fn fn, void *ctx)
{
	int n = sqlite3_column_count(s), rc;
	const char **fields = xcalloc((size_t)n, sizeof *fields);
	enum status out = ST_OK;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			fields[i] = column_text(s, i);
		if (fn(ctx, fields, (size_t)n) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		out = store_fail(st, rc, _("%s: cannot read"), st->path);
	free(fields);
	return out;
}

static enum status
query_rows(struct store *st, const char *sql, const char *param,
           store_row_fn fn, void *ctx)
{
	sqlite3_stmt *s = NULL;
	enum status rc;

	if ((rc = store_prepare(st, sql, &s)) != ST_OK)
		return rc;
	if (param)
		sqlite3_bind_text(s, 1, param, -1, SQLITE_STATIC);
	rc = run_rows(st, s, fn, ctx);
	sqlite3_finalize(s);
	return rc;
}

/* casepath_pseudonym(id): the person's pseudonym under the key the
 * function was registered with. */
static void
sql_pseudonym(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char out[PSEUDONYM_LEN + 1];

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	pseudonym_make(sqlite3_user_data(ctx), sqlite3_value_int64(argv[0]), out);
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

static void
free_key(void *key)
{
	sodium_free(key);
}

/* Reads the database's pseudonym secret (meta 'pseudonym_key', hex)
 * into key; 1 when found, 0 when there is none yet, -1 on an error. */
static int
read_pseudonym_key(struct store *st, unsigned char *key)
{
	sqlite3_stmt *s = NULL;
	size_t got = 0;
	int rc = sqlite3_prepare_v2(st->db,
		"SELECT value FROM meta WHERE key = 'pseudonym_key'", -1, &s, NULL);
	int found = -1;

	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *hex = column_text(s, 0);

		found = sodium_hex2bin(key, PSEUDONYM_KEY_BYTES, hex, strlen(hex),
		                       NULL, &got, NULL) == 0 &&
		        got == PSEUDONYM_KEY_BYTES ? 1 : -1;
		if (found < 0)
			store_fail(st, SQLITE_OK, _("%s: the pseudonym secret is damaged"),
			           st->path);
	} else if (rc == SQLITE_DONE) {
		found = 0;
	} else {
		store_fail(st, rc, _("%s: cannot read the pseudonym secret"), st->path);
	}
	sqlite3_finalize(s);
	return found;
}

/* Creates the secret on first use, in one audited transaction; the
 * audit record says that it was made, never what it is. */
static enum status
create_pseudonym_key(struct store *st, unsigned char *key)
{
	char hex[2 * PSEUDONYM_KEY_BYTES + 1];
	sqlite3_stmt *s = NULL;
	enum status rc;
	int src;

	if ((rc = store_tx_begin(st)) != ST_OK)
		return rc;
	randombytes_buf(key, PSEUDONYM_KEY_BYTES);
	sodium_bin2hex(hex, sizeof hex, key, PSEUDONYM_KEY_BYTES);
	rc = store_prepare(st, "INSERT INTO meta(key, value)"
	                   " VALUES ('pseudonym_key', ?1)", &s);
	if (rc == ST_OK) {
		sqlite3_bind_text(s, 1, hex, -1, SQLITE_STATIC);
		if ((src = sqlite3_step(s)) != SQLITE_DONE)
			rc = store_fail(st, src, _("%s: cannot store the pseudonym secret"),
			                st->path);
	}
	sqlite3_finalize(s);
	sodium_memzero(hex, sizeof hex);
	if (rc == ST_OK)
		rc = store_audit(st, "meta", "pseudonym_key", "create", NULL,
		                 "{\"note\":\"the secret behind redacted exports'"
		                 " pseudonyms was created (its value is never"
		                 " recorded)\"}");
	if (rc == ST_OK)
		return store_tx_commit(st);
	store_tx_rollback(st);
	return rc;
}

/* Registers casepath_pseudonym() with the database's secret. */
static enum status
prepare_pseudonyms(struct store *st)
{
	unsigned char *key = sodium_malloc(PSEUDONYM_KEY_BYTES);
	enum status rc = ST_OK;
	int found, src;

	if (!key)
		abort();
	found = read_pseudonym_key(st, key);
	if (found == 0) {
		if (st->flags & STORE_READONLY) {
			snprintf(st->err, sizeof st->err,
			         _("%s: no pseudonym secret yet; the first redacted"
			           " export creates it"), st->path);
			rc = ST_ERR_PERMISSION;
		} else {
			rc = create_pseudonym_key(st, key);
		}
	} else if (found < 0) {
		rc = ST_ERR_CORRUPT;
	}
	if (rc != ST_OK) {
		sodium_free(key);
		return rc;
	}
	/* SQLite owns the key from here and frees it with the function */
	src = sqlite3_create_function_v2(st->db, "casepath_pseudonym", 1,
	                                 SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	                                 SQLITE_DIRECTONLY, key, sql_pseudonym,
	                                 NULL, NULL, free_key);
	if (src != SQLITE_OK)
		return store_fail(st, src, _("cannot register casepath_pseudonym"));
	return ST_OK;
}

enum status
store_export(struct store *st, enum record_kind kind, unsigned flags,
             const char *case_no, store_row_fn fn, void *ctx)
{
	const struct column *cols = kinds[kind].cols;
	const char *from = case_no ? kinds[kind].from_one
	                   : (flags & EXPORT_REDACT) ? kinds[kind].from_redacted
	                   : kinds[kind].from_all;
	enum status rc;
	char *sql;

	if ((flags & EXPORT_REDACT) && (rc = prepare_pseudonyms(st)) != ST_OK)
		return rc;
	if (kind == REC_RELATIONS && case_no) {
		cols = relation_one_columns;
		/* the filter inside each branch, so both use an index */
		from = " FROM ("
		       "  SELECT r.person_id AS me_id, r.other_id AS o_id, r.kind AS rel,"
		       "   r.verification, r.note FROM relation r"
		       "   JOIN person m ON m.id = r.person_id WHERE m.case_no = ?1"
		       "  UNION ALL"
		       "  SELECT r.other_id, r.person_id, CASE r.kind WHEN 'child' THEN"
		       "   'parent' WHEN 'ward' THEN 'guardian' ELSE r.kind END,"
		       "   r.verification, r.note FROM relation r"
		       "   JOIN person m ON m.id = r.other_id WHERE m.case_no = ?1"
		       " ) JOIN person me ON me.id = me_id JOIN person o ON o.id = o_id"
		       " ORDER BY rel, o.case_no";
	}
	sql = build_select(cols, kinds[kind].n, flags, from);
	rc = query_rows(st, sql, case_no, fn, ctx);
	free(sql);
	return rc;
}

enum status
store_documents(struct store *st, const char *case_no, store_row_fn fn,
                void *ctx)
{
	return query_rows(st,
		"SELECT d.doc_type, d.number, coalesce(d.issuing_country, ''),"
		" d.issued, d.expires, d.status, d.note"
		" FROM identity_document d JOIN person p ON p.id = d.person_id"
		" WHERE p.case_no = ?1 ORDER BY d.id", case_no, fn, ctx);
}

enum status
store_deadlines(struct store *st, int32_t as_of, int within_days,
                unsigned flags, store_row_fn fn, void *ctx)
{
	static const struct column cols[] = {
		{ "case_no", "p.case_no", NULL },
		{ "clock", "d.clock", NULL },
		{ "due", "date(d.due * 86400, 'unixepoch')", NULL },
		{ "due_latest", "date(d.due_latest * 86400, 'unixepoch')", NULL },
		/* as of ?1: an unanswered clock past its lapse day is lapsed,
		 * an open one past its latest day overdue */
		{ "status", "CASE WHEN d.status IN ('open', 'overdue') AND d.lapses <= ?1"
		            " THEN 'lapsed' WHEN d.status = 'open' AND d.due_latest < ?1"
		            " THEN 'overdue' ELSE d.status END", NULL },
		{ "rule", "d.rule", NULL },
	};
	/* Two shapes, so an index serves a range: an OR on a parameter
	 * would make SQLite read every open clock. The open clocks come
	 * from deadline_open_due alone (migration 15: it holds every
	 * column read here; the table has no rowid, and another index
	 * read each clock's row by key as well, half of 2.5 s for a
	 * week's 105,819 clocks at a million persons). */
	static const char *const from[2][2] = {
		{ " FROM deadline d INDEXED BY deadline_open_due"
		  " JOIN person p ON p.id = d.person_id"
		  " WHERE d.status IN ('open', 'overdue') AND d.lapses > ?1"
		  " AND p.merged_into IS NULL"
		  " ORDER BY d.due, p.case_no, d.clock",
		  " FROM deadline d INDEXED BY deadline_open_due"
		  " JOIN person p ON p.id = d.person_id"
		  " WHERE d.status IN ('open', 'overdue') AND d.lapses > ?1"
		  " AND d.due <= ?2 AND p.merged_into IS NULL"
		  " ORDER BY d.due, p.case_no, d.clock" },
		/* with the lapsed ones: the two partial indexes' clocks
		 * together (an index of every clock, met ones included, cost
		 * 16 s of a million-person load; migration 17) */
		{ " FROM (SELECT * FROM deadline INDEXED BY deadline_open_due"
		  "       WHERE status IN ('open', 'overdue')"
		  "       UNION ALL SELECT * FROM deadline INDEXED BY deadline_lapsed_due"
		  "       WHERE status = 'lapsed') d"
		  " JOIN person p ON p.id = d.person_id WHERE p.merged_into IS NULL"
		  " ORDER BY d.due, p.case_no, d.clock",
		  " FROM (SELECT * FROM deadline INDEXED BY deadline_open_due"
		  "       WHERE status IN ('open', 'overdue') AND due <= ?2"
		  "       UNION ALL SELECT * FROM deadline INDEXED BY deadline_lapsed_due"
		  "       WHERE status = 'lapsed' AND due <= ?2) d"
		  " JOIN person p ON p.id = d.person_id WHERE p.merged_into IS NULL"
		  " ORDER BY d.due, p.case_no, d.clock" },
	};
	sqlite3_stmt *s = NULL;
	enum status rc;
	char *sql = build_select(cols, N_OF(cols), flags & EXPORT_JSON,
		from[(flags & DEADLINES_LAPSED) != 0][within_days >= 0]);

	rc = store_prepare(st, sql, &s);
	free(sql);
	if (rc != ST_OK)
		return rc;
	sqlite3_bind_int64(s, 1, as_of);
	sqlite3_bind_int64(s, 2, (int64_t)as_of + within_days);
	rc = run_rows(st, s, fn, ctx);
	sqlite3_finalize(s);
	return rc;
}

enum status
store_snapshot(struct store *st, const char *dest)
{
	sqlite3 *copy = NULL;
	sqlite3_backup *b;
	struct stat sb;
	mode_t old_mask;
	int rc;

	if (stat(dest, &sb) == 0 || errno != ENOENT) {
		snprintf(st->err, sizeof st->err, _("%s: already exists; choose a new name"),
		         dest);
		return ST_ERR_EXISTS;
	}
	old_mask = umask(077);
	rc = sqlite3_open_v2(dest, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                     SQLITE_OPEN_NOFOLLOW, NULL);
	umask(old_mask);
	if (rc != SQLITE_OK) {
		snprintf(st->err, sizeof st->err, _("%s: cannot create: %s"), dest,
		         copy ? sqlite3_errmsg(copy) : sqlite3_errstr(rc));
		sqlite3_close(copy);
		return store_status_of(rc);
	}
	/* The backup API copies a consistent snapshot page by page while
	 * others may go on writing. */
	b = sqlite3_backup_init(copy, "main", st->db, "main");
	if (!b) {
		snprintf(st->err, sizeof st->err, "%s: %s", dest, sqlite3_errmsg(copy));
		sqlite3_close(copy);
		unlink(dest);
		return ST_ERR_DB;
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(st->err, sizeof st->err, _("%s: backup failed: %s"), dest,
		         sqlite3_errstr(rc));
		sqlite3_close(copy);
		unlink(dest);
		return store_status_of(rc);
	}
	sqlite3_close(copy);
	return ST_OK;
}

long
store_person_count(struct store *st)
{
	sqlite3_stmt *s = NULL;
	long n = -1;

	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM person", -1, &s,
	                       NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}
