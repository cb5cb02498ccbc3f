/* store_load.c: validating and inserting rows in the CSV text shape.
 * Import and demo generation both come through here, so a row is
 * judged the same way whoever wrote it. */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casepath/date.h"
#include "casepath/digest.h"
#include "casepath/i18n.h"
#include "casepath/namekey.h"
#include "casepath/rules.h"
#include "casepath/u8.h"
#include "casepath/util.h"
#include "casepath/vocab.h"
#include "store_internal.h"

#define MAX_CASE_NO 40
#define MAX_TEXT 32768   /* a field: 10,000 CJK characters are 30,000 bytes */

/* A sorted list of codes loaded from a reference table. */
struct code_set {
	char **codes;
	size_t n;
};

struct loader {
	struct store *st;
	enum loader_audit audit;
	struct code_set countries, languages, kinds;
	sqlite3_stmt *person_ins, *alias_ins, *lang_ins, *fts_ins, *keys_ins, *near_ins;
	sqlite3_stmt *event_ins, *relation_ins, *document_ins, *find_case;
	/* events arrive grouped by person: remember the last lookup */
	char last_case[MAX_CASE_NO + 1];
	int64_t last_id;
	struct load_counts counts;
	/* the pathway rules, applied at loader_finish */
	int64_t first_event_id;   /* events from here on are this load's */
	int64_t *touched;         /* persons whose derived data may change */
	size_t ntouched, touched_cap;
	/* each event's tag (its CSV line) as runs of consecutive ids with
	 * consecutive tags: a file of one-line records is one run, where a
	 * pair an event held 512 MiB at twenty million events */
	struct tag_run { int64_t event_id; unsigned long tag; size_t n; } *tags;
	size_t ntags, tags_cap;
	unsigned long tag;
	char *override;
	char *command;            /* an import's command line, for its record */
	int64_t last_event_id;    /* the id of the last event inserted */
	/* guardrail refusals: how to override ("--override ..."), and the
	 * column they name; NULL for the single edits (store_edit.h) */
	const char *gate_hint, *gate_column;
	bool fresh_db;            /* the database held no person before */
	bool events_fresh;        /* no event nor deadline before */
	bool events_empty;        /* no event before (deadlines maybe) */
	/* a bulk load into empty tables drops their secondary indexes and
	 * builds each once at loader_finish (sorting once instead of a
	 * B-tree seek per row and index); in the same transaction, so a
	 * failed load leaves them as they were */
	char **dropped;
	size_t ndropped;
	/* name keys already in namekey_near: a bulk load asks SQLite once
	 * a key, not once a person (an open-addressing set) */
	char (*known)[NAMEKEY_MAX + 1];
	size_t known_n, known_cap;
	/* a bulk load (demo, import) keeps the names for the full-text
	 * indexes in temp.load_names and adds them with one statement each
	 * at loader_finish: a row at a time, every later statement of the
	 * transaction would flush FTS5's pending terms to disk */
	bool bulk;
	sqlite3_stmt *names_ins;
	/* an import: the SHA-256 over the canonical content of the rows
	 * inserted, the id range of each table, and where each person came
	 * from (person id, CSV line) for import_row */
	struct digest *rows_hash;
	int64_t first_ids[4], last_ids[4];
	struct { int64_t person_id; unsigned long line; } *imported;
	size_t nimported, imported_cap;
	/* scratch buffers reused for every row */
	char *buf_a, *buf_b, *buf_fold, *buf_keys, *buf_digest;
	size_t cap_a, cap_b, cap_fold, cap_keys, cap_digest;
	size_t digest_len;        /* rows in buf_digest not hashed yet */
	struct timespec t_new, c_new;   /* when loader_new began: wall, CPU */
	int32_t today;            /* day_today() once: it reads the environment */
};

/* Seconds from *w0 and *c0 (wall and CPU) to now, which they become. */
static void
lap(struct timespec *w0, struct timespec *c0, double *wall, double *cpu)
{
	struct timespec w1, c1;

	clock_gettime(CLOCK_MONOTONIC, &w1);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	*wall = (double)(w1.tv_sec - w0->tv_sec) + (double)(w1.tv_nsec - w0->tv_nsec) / 1e9;
	*cpu = (double)(c1.tv_sec - c0->tv_sec) + (double)(c1.tv_nsec - c0->tv_nsec) / 1e9;
	*w0 = w1;
	*c0 = c1;
}

static void
fail(struct load_error *err, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
fail(struct load_error *err, const char *column, const char *fmt, ...)
{
	va_list ap;

	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->reason, sizeof err->reason, fmt, ap);
	va_end(ap);
}

static int
cmp_code(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum status
load_codes(struct store *st, const char *sql, struct code_set *set)
{
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);

	if (rc != SQLITE_OK)
		return store_fail(st, rc, _("cannot read reference codes"));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (set->n == cap) {
			cap = cap ? cap * 2 : 256;
			set->codes = xrealloc(set->codes, cap * sizeof *set->codes);
		}
		set->codes[set->n++] = xstrdup(column_text(s, 0));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, _("cannot read reference codes"));
	qsort(set->codes, set->n, sizeof *set->codes, cmp_code);
	return ST_OK;
}

static bool
code_known(const struct code_set *set, const char *code)
{
	return bsearch(&code, set->codes, set->n, sizeof *set->codes, cmp_code) != NULL;
}

static void
code_set_free(struct code_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->codes[i]);
	free(set->codes);
	set->codes = NULL;
	set->n = 0;
}

/* Drops the secondary indexes of each loaded table that is empty,
 * remembering their definitions for build_indexes. */
static enum status
drop_indexes(struct loader *l)
{
	static const char *const tables[] = { "person", "event", "relation",
	                                      "identity_document", "person_alias",
	                                      "person_language" };
	sqlite3_stmt *s = NULL;
	enum status rc = store_prepare(l->st,
		"SELECT name, sql FROM sqlite_master WHERE type = 'index'"
		" AND tbl_name = ?1 AND sql IS NOT NULL"
		" ORDER BY name", &s);
	size_t cap = 0;

	for (size_t t = 0; t < sizeof tables / sizeof tables[0] && rc == ST_OK; t++) {
		char sql[160];
		sqlite3_stmt *e = NULL;
		bool empty = false;

		snprintf(sql, sizeof sql, "SELECT NOT EXISTS (SELECT 1 FROM %s)", tables[t]);
		if ((rc = store_prepare(l->st, sql, &e)) != ST_OK)
			break;
		empty = sqlite3_step(e) == SQLITE_ROW && sqlite3_column_int(e, 0);
		sqlite3_finalize(e);
		if (!empty)
			continue;
		sqlite3_bind_text(s, 1, tables[t], -1, SQLITE_STATIC);
		while (sqlite3_step(s) == SQLITE_ROW) {
			if (l->ndropped + 2 > cap) {
				cap = cap ? cap * 2 : 32;
				l->dropped = xrealloc(l->dropped, cap * sizeof *l->dropped);
			}
			/* the name, then its definition */
			l->dropped[l->ndropped++] = xstrdup(column_text(s, 0));
			l->dropped[l->ndropped++] = xstrdup(column_text(s, 1));
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	s = NULL;
	for (size_t i = 0; i < l->ndropped && rc == ST_OK; i += 2) {
		char sql[160];

		snprintf(sql, sizeof sql, "DROP INDEX \"%s\"", l->dropped[i]);
		rc = store_exec(l->st, sql);
	}
	sqlite3_finalize(s);
	return rc;
}

/* Whether the rules run as one streaming pass over every person
 * (apply_rules): a first load into an empty database, or the first
 * events after the persons. */
static bool
one_pass(const struct loader *l)
{
	return (l->fresh_db || (l->bulk && l->events_empty)) && !l->override;
}

/* Person indexes on the derived columns: the streaming pass
 * (store_derive_all) builds them after it has filled the columns. */
static bool
derived_index(const char *name)
{
	static const char *const names[] = { "person_stage_key", "person_since",
	                                     "person_next_due", "person_stage_since" };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* Builds the indexes drop_indexes dropped, but for those the
 * streaming pass will build. */
static enum status
build_indexes(struct loader *l)
{
	enum status rc = ST_OK;

	for (size_t i = 1; i < l->ndropped && rc == ST_OK; i += 2)
		if (!one_pass(l) || !derived_index(l->dropped[i - 1]))
			rc = store_exec(l->st, l->dropped[i]);
	for (size_t i = 0; i < l->ndropped; i++)
		free(l->dropped[i]);
	free(l->dropped);
	l->dropped = NULL;
	l->ndropped = 0;
	return rc;
}

struct loader *
loader_new(struct store *st, enum loader_audit audit)
{
	struct loader *l = xcalloc(1, sizeof *l);
	/* With row audit the insert RETURNs the row as JSON for the audit
	 * record; without, it returns nothing (RETURNING costs a third of a
	 * bulk load) and the id comes from sqlite3_last_insert_rowid. */
	bool rows = audit == LOADER_AUDIT_ROWS;
	enum status rc;

	clock_gettime(CLOCK_MONOTONIC, &l->t_new);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &l->c_new);
	l->st = st;
	l->audit = audit;
	l->bulk = !rows;
	l->today = day_today();
	l->rows_hash = digest_new();
	l->last_id = -1;
	l->gate_hint = "--override \"reason\"";
	l->gate_column = "kind";
	/* A big load touches far more pages than the default 2 MB cache
	 * holds; spilling them costs more than the memory (restored in
	 * loader_free). */
	rc = store_exec(st, "PRAGMA cache_size = -65536");
	if (rc == ST_OK)
		rc = load_codes(st, "SELECT code FROM country", &l->countries);
	if (rc == ST_OK)
		rc = load_codes(st, "SELECT code FROM language", &l->languages);
	if (rc == ST_OK)
		rc = load_codes(st, "SELECT name FROM event_kind", &l->kinds);
	if (rc == ST_OK)
		rc = store_prepare(st, rows ?
			"INSERT INTO person(case_no, family_name, given_names, native_name,"
			" sex, birth_date, birth_lo, birth_hi, nationality, claimed_nationality,"
			" ethnicity, interpreter_needed, category, notes, name_key, name_key_tr)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
			" casepath_fold(?2 || ' ' || ?3), casepath_collate_tr(?2 || ' ' || ?3))"
			" RETURNING id, " PERSON_JSON("?15", "?16")
			:
			"INSERT INTO person(case_no, family_name, given_names, native_name,"
			" sex, birth_date, birth_lo, birth_hi, nationality, claimed_nationality,"
			" ethnicity, interpreter_needed, category, notes, name_key, name_key_tr)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
			" casepath_fold(?2 || ' ' || ?3), casepath_collate_tr(?2 || ' ' || ?3))",
			&l->person_ins);
	if (rc == ST_OK)
		rc = store_prepare(st,
			"INSERT INTO person_alias(person_id, ord, name, type)"
			" VALUES (?1, ?2, ?3, ?4)", &l->alias_ins);
	if (rc == ST_OK)
		rc = store_prepare(st,
			"INSERT INTO person_language(person_id, ord, tag, code)"
			" VALUES (?1, ?2, ?3, ?4)", &l->lang_ins);
	if (rc == ST_OK)
		rc = store_prepare(st,
			"INSERT INTO person_name_fts(rowid, names) VALUES (?1, ?2)",
			&l->fts_ins);
	if (rc == ST_OK)
		rc = store_prepare(st,
			"INSERT INTO person_namekey_fts(rowid, keys) VALUES (?1, ?2)",
			&l->keys_ins);
	if (rc == ST_OK)
		rc = store_prepare(st,
			"INSERT OR IGNORE INTO namekey_near(dkey, key) VALUES (?1, ?2)",
			&l->near_ins);
	if (rc == ST_OK)
		rc = store_prepare(st, rows ?
			"INSERT INTO event(person_id, date, date_lo, date_hi, kind, place,"
			" country, ref, duration, outcome, note)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
			" RETURNING id, " EVENT_JSON("?12")
			:
			"INSERT INTO event(person_id, date, date_lo, date_hi, kind, place,"
			" country, ref, duration, outcome, note)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
			&l->event_ins);
	if (rc == ST_OK)
		rc = store_prepare(st, rows ?
			"INSERT INTO relation(person_id, kind, other_id, verification, note)"
			" VALUES (?1, ?2, ?3, ?4, ?5)"
			" RETURNING id, json_object('id', id, 'case_no', ?6, 'relation', kind,"
			" 'other_case_no', ?7, 'verification', verification, 'note', note)"
			:
			"INSERT INTO relation(person_id, kind, other_id, verification, note)"
			" VALUES (?1, ?2, ?3, ?4, ?5)",
			&l->relation_ins);
	if (rc == ST_OK)
		rc = store_prepare(st, !rows ?
			"INSERT INTO identity_document(person_id, doc_type, number,"
			" issuing_country, issued, expires, status, note)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
			:
			"INSERT INTO identity_document(person_id, doc_type, number,"
			" issuing_country, issued, expires, status, note)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
			" RETURNING id, json_object('id', id, 'case_no', ?9,"
			" 'doc_type', doc_type, 'number', number,"
			" 'issuing_country', issuing_country, 'issued', issued,"
			" 'expires', expires, 'status', status, 'note', note)",
			&l->document_ins);
	if (rc == ST_OK)
		rc = store_prepare(st, "SELECT id FROM person WHERE case_no = ?1",
		                   &l->find_case);
	if (rc == ST_OK && l->bulk)
		rc = store_exec(st, "CREATE TEMP TABLE IF NOT EXISTS load_names("
		                "id INTEGER PRIMARY KEY, names TEXT, keys TEXT);"
		                "DELETE FROM temp.load_names");
	if (rc == ST_OK && l->bulk)
		rc = store_prepare(st, "INSERT INTO temp.load_names(id, names, keys)"
		                   " VALUES (?1, ?2, ?3)", &l->names_ins);
	if (rc == ST_OK) {
		sqlite3_stmt *s = NULL;

		rc = store_prepare(st, "SELECT coalesce(max(id), 0) + 1,"
		                   " NOT EXISTS (SELECT 1 FROM person),"
		                   " NOT EXISTS (SELECT 1 FROM event)"
		                   " AND NOT EXISTS (SELECT 1 FROM deadline),"
		                   " NOT EXISTS (SELECT 1 FROM event) FROM event", &s);
		if (rc == ST_OK && sqlite3_step(s) == SQLITE_ROW) {
			l->first_event_id = sqlite3_column_int64(s, 0);
			l->fresh_db = sqlite3_column_int(s, 1) != 0;
			l->events_fresh = sqlite3_column_int(s, 2) != 0;
			l->events_empty = sqlite3_column_int(s, 3) != 0;
		}
		sqlite3_finalize(s);
	}
	if (rc == ST_OK && l->bulk)
		rc = drop_indexes(l);
	if (rc != ST_OK)
		loader_free(&l);
	return l;
}

void
loader_free(struct loader **lp)
{
	struct loader *l = *lp;

	if (!l)
		return;
	store_exec(l->st, "PRAGMA cache_size = -2000");
	sqlite3_finalize(l->person_ins);
	sqlite3_finalize(l->alias_ins);
	sqlite3_finalize(l->lang_ins);
	sqlite3_finalize(l->fts_ins);
	sqlite3_finalize(l->keys_ins);
	sqlite3_finalize(l->near_ins);
	sqlite3_finalize(l->event_ins);
	sqlite3_finalize(l->relation_ins);
	sqlite3_finalize(l->document_ins);
	sqlite3_finalize(l->find_case);
	sqlite3_finalize(l->names_ins);
	code_set_free(&l->countries);
	code_set_free(&l->languages);
	code_set_free(&l->kinds);
	free(l->buf_a);
	free(l->buf_b);
	free(l->buf_fold);
	free(l->buf_keys);
	free(l->buf_digest);
	digest_free(&l->rows_hash);
	free(l->known);
	free(l->touched);
	free(l->tags);
	free(l->imported);
	for (size_t i = 0; i < l->ndropped; i++)
		free(l->dropped[i]);
	free(l->dropped);
	free(l->command);
	free(l->override);
	free(l);
	*lp = NULL;
}

void
loader_set_tag(struct loader *l, unsigned long tag)
{
	l->tag = tag;
}

void
loader_set_override(struct loader *l, const char *reason)
{
	free(l->override);
	l->override = str_empty(reason) ? NULL : xstrdup(reason);
}

/* Remembers a person whose derived stage and deadlines must be redone. */
static void
touch(struct loader *l, int64_t id)
{
	if (l->ntouched && l->touched[l->ntouched - 1] == id)
		return;
	if (l->ntouched == l->touched_cap) {
		l->touched_cap = l->touched_cap ? l->touched_cap * 2 : 256;
		l->touched = xrealloc(l->touched, l->touched_cap * sizeof *l->touched);
	}
	l->touched[l->ntouched++] = id;
}

static void
remember_tag(struct loader *l, int64_t event_id)
{
	if (!l->tag)
		return;
	if (l->ntags) {
		struct tag_run *r = &l->tags[l->ntags - 1];

		if (event_id == r->event_id + (int64_t)r->n && l->tag == r->tag + r->n) {
			r->n++;
			return;
		}
	}
	if (l->ntags == l->tags_cap) {
		l->tags_cap = l->tags_cap ? l->tags_cap * 2 : 64;
		l->tags = xrealloc(l->tags, l->tags_cap * sizeof *l->tags);
	}
	l->tags[l->ntags].event_id = event_id;
	l->tags[l->ntags].tag = l->tag;
	l->tags[l->ntags].n = 1;
	l->ntags++;
}

struct load_counts
loader_counts(const struct loader *l)
{
	return l->counts;
}

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static void
ensure(char **buf, size_t *cap, size_t need)
{
	if (need > *cap) {
		*cap = need * 2;
		*buf = xrealloc(*buf, *cap);
	}
}

/* An import's digest over what it inserted: per row the table, the new
 * id and each stored value as "len:bytes," ("-," for NULL), in the
 * column order of the CSV format, so an auditor can recompute it from
 * the database (or from the file) and prove what the import brought. */
enum { T_PERSON, T_EVENT, T_RELATION, T_DOCUMENT };

#define DIGEST_CHUNK 65536

/* Hashes the rows digest_row has gathered. */
static void
digest_flush(struct loader *l)
{
	digest_update(l->rows_hash, l->buf_digest, l->digest_len);
	l->digest_len = 0;
}

static void
digest_row(struct loader *l, int table, int64_t id, const char *const *v,
           size_t n)
{
	static const char *const names[] = { "person", "event", "relation",
	                                     "identity_document" };
	char *out;
	size_t need, len;

	if (!l->first_ids[table])
		l->first_ids[table] = id;
	l->last_ids[table] = id;
	if (l->audit != LOADER_AUDIT_IMPORT)
		return;
	/* the rows' text in one buffer, hashed DIGEST_CHUNK at a time
	 * (snprintf and an update call a field cost more than the hash) */
	len = strlen(names[table]);
	need = len + 24 + 2;
	for (size_t i = 0; i < n; i++)
		need += (v[i] ? strlen(v[i]) : 0) + 24;
	ensure(&l->buf_digest, &l->cap_digest, l->digest_len + need);
	out = l->buf_digest + l->digest_len;
	/* "table:id," (ids are positive) */
	memcpy(out, names[table], len);
	out += len;
	*out++ = ':';
	{
		char digits[24], *d = digits + sizeof digits;
		uint64_t u = (uint64_t)id;

		do
			*--d = (char)('0' + u % 10);
		while ((u /= 10) != 0);
		memcpy(out, d, (size_t)(digits + sizeof digits - d));
		out += digits + sizeof digits - d;
	}
	*out++ = ',';
	for (size_t i = 0; i < n; i++) {
		char digits[24], *d = digits + sizeof digits;
		size_t vn;

		if (!v[i]) {
			*out++ = '-', *out++ = ',';
			continue;
		}
		vn = strlen(v[i]);
		do
			*--d = (char)('0' + vn % 10);
		while ((vn /= 10) != 0);
		memcpy(out, d, (size_t)(digits + sizeof digits - d));
		out += digits + sizeof digits - d;
		*out++ = ':';
		vn = strlen(v[i]);
		memcpy(out, v[i], vn);
		out += vn;
		*out++ = ',';
	}
	*out++ = '\n';
	l->digest_len = (size_t)(out - l->buf_digest);
	if (l->digest_len >= DIGEST_CHUNK)
		digest_flush(l);
}

/* bind_text without the copy: the loader's statements run before the
 * row's strings change, and loader_person and loader_event clear the
 * bindings straight after (store_edit steps at once too); copying every
 * field of every row was a tenth of an import's instructions. */
static void
bind_str(sqlite3_stmt *s, int i, const char *v, bool null_if_empty)
{
	if (!v || (null_if_empty && !*v)) {
		if (null_if_empty)
			sqlite3_bind_null(s, i);
		else
			sqlite3_bind_text(s, i, "", 0, SQLITE_STATIC);
		return;
	}
	sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

/* "" stored as NULL (bind_text's null_if_empty) */
static const char *
nul(const char *v)
{
	return str_empty(v) ? NULL : v;
}

/* --- field checks: each returns true or fills err ----------------------- */

static bool
check_case_no(const char *v, const char *column, bool required,
              struct load_error *err)
{
	size_t n = strlen(nz(v));

	if (n == 0) {
		if (required)
			fail(err, column, _("a case number is required"));
		return !required;
	}
	if (n > MAX_CASE_NO) {
		fail(err, column, _("case number longer than %d characters"), MAX_CASE_NO);
		return false;
	}
	for (const char *p = v; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("-/_.", *p)) {
			fail(err, column, _("case number '%s' may hold only letters, digits"
			     " and - / _ ."), v);
			return false;
		}
	return true;
}

static bool
check_text(const char *v, const char *column, struct load_error *err)
{
	if (strlen(nz(v)) > MAX_TEXT) {
		fail(err, column, _("longer than %d bytes"), MAX_TEXT);
		return false;
	}
	return true;
}

bool
loader_check_text(const char *v, const char *column, struct load_error *err)
{
	return check_text(v, column, err);
}

static bool
check_word(const char *v, const char *const *list, const char *column,
           const char *what, struct load_error *err)
{
	char words[1024];

	if (vocab_index(list, v) >= 0)
		return true;
	fail(err, column, _("unknown %s '%s' (one of: %s)"), what, nz(v),
	     vocab_join(list, words, sizeof words));
	return false;
}

static bool
check_country(const struct loader *l, const char *v, const char *column,
              struct load_error *err)
{
	if (str_empty(v) || code_known(&l->countries, v))
		return true;
	fail(err, column, _("unknown country code '%s' (ISO 3166-1 alpha-3, XXA"
	     " stateless, XXX unknown)"), v);
	return false;
}

static bool
check_pdate(const char *v, const char *column, bool required,
            struct pdate *out, struct load_error *err)
{
	const char *why;

	if (str_empty(v)) {
		out->precision = DATE_NONE;
		if (required)
			fail(err, column, _("a date is required"));
		return !required;
	}
	if ((why = pdate_parse(v, out)) != NULL) {
		fail(err, column, _("bad date '%s': %s"), v, why);
		return false;
	}
	return true;
}

static bool
check_duration(const char *v, const char *column, struct load_error *err)
{
	struct duration d;
	const char *why;

	if (str_empty(v))
		return true;
	if ((why = duration_parse(v, &d)) != NULL) {
		fail(err, column, _("bad duration '%s': %s"), v, why);
		return false;
	}
	return true;
}

/* ';'-separated items with surrounding spaces trimmed; calls fn for
 * each with a NUL-terminated copy. Empty items are an error. */
typedef bool (*item_fn)(struct loader *l, char *item, int ord, void *ctx,
                        struct load_error *err);

static bool
each_item(struct loader *l, const char *list, const char *column, item_fn fn,
          void *ctx, struct load_error *err)
{
	size_t n = strlen(nz(list));
	char *copy, *p;
	int ord = 0;
	bool ok = true;

	if (n == 0)
		return true;
	ensure(&l->buf_b, &l->cap_b, n + 1);
	copy = l->buf_b;
	memcpy(copy, list, n + 1);
	for (p = copy; ok; ) {
		char *end = strchr(p, ';');
		char *item = p, *tail;

		if (end)
			*end = '\0';
		while (*item == ' ')
			item++;
		tail = item + strlen(item);
		while (tail > item && tail[-1] == ' ')
			*--tail = '\0';
		if (!*item) {
			fail(err, column, _("empty item in a ';'-separated list"));
			return false;
		}
		ok = fn(l, item, ord++, ctx, err);
		if (!end)
			break;
		p = end + 1;
	}
	return ok;
}

/* An alias is "name" or "name (type)" with a known type. */
static void
split_alias(char *item, const char **name, const char **type)
{
	size_t n = strlen(item);

	*name = item;
	*type = "unknown";
	if (n > 3 && item[n - 1] == ')') {
		char *open = strrchr(item, '(');

		if (open && open > item && open[-1] == ' ') {
			item[n - 1] = '\0';
			if (vocab_index(vocab_alias_types, open + 1) >= 0) {
				*type = open + 1;
				open[-1] = '\0';
				return;
			}
			item[n - 1] = ')';
		}
	}
}

struct list_pass {
	int64_t person_id;      /* 0: validate only */
	struct strbuf_lite {
		char *s;
		size_t len, cap;
	} canon;                /* the normalised list text */
	struct strbuf_lite names;   /* the alias names alone, ';'-separated */
};

static void
canon_append(struct list_pass *lp, const char *a, const char *b)
{
	size_t need = lp->canon.len + strlen(a) + (b ? strlen(b) + 3 : 0) + 2;

	ensure(&lp->canon.s, &lp->canon.cap, need);
	lp->canon.len += (size_t)snprintf(lp->canon.s + lp->canon.len,
	                                  lp->canon.cap - lp->canon.len,
	                                  "%s%s%s%s%s", lp->canon.len ? ";" : "",
	                                  a, b ? " (" : "", b ? b : "", b ? ")" : "");
}

static bool
alias_item(struct loader *l, char *item, int ord, void *ctx,
           struct load_error *err)
{
	struct list_pass *lp = ctx;
	const char *name, *type;
	int rc;

	split_alias(item, &name, &type);
	if (!check_text(name, "aliases", err))
		return false;
	canon_append(lp, name, strcmp(type, "unknown") ? type : NULL);
	if (!lp->person_id)
		return true;
	ensure(&lp->names.s, &lp->names.cap, lp->names.len + strlen(name) + 2);
	lp->names.len += (size_t)snprintf(lp->names.s + lp->names.len,
	                                  lp->names.cap - lp->names.len, "%s%s",
	                                  lp->names.len ? ";" : "", name);
	sqlite3_bind_int64(l->alias_ins, 1, lp->person_id);
	sqlite3_bind_int(l->alias_ins, 2, ord);
	sqlite3_bind_text(l->alias_ins, 3, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(l->alias_ins, 4, type, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(l->alias_ins);
	sqlite3_reset(l->alias_ins);
	if (rc != SQLITE_DONE) {
		store_fail(l->st, rc, _("cannot store an alias"));
		fail(err, "aliases", "%s", l->st->err);
		return false;
	}
	return true;
}

/* A language tag: an ISO 639 code, optionally "-variety" in lower-case
 * letters, digits and '-' ("ar-levantine"). */
static bool
lang_item(struct loader *l, char *item, int ord, void *ctx,
          struct load_error *err)
{
	struct list_pass *lp = ctx;
	char code[16];
	const char *dash = strchr(item, '-');
	size_t n = dash ? (size_t)(dash - item) : strlen(item);
	int rc;

	if (n == 0 || n >= sizeof code) {
		fail(err, "languages", _("bad language tag '%s'"), item);
		return false;
	}
	memcpy(code, item, n);
	code[n] = '\0';
	if (!code_known(&l->languages, code)) {
		fail(err, "languages", _("unknown language code '%s' in '%s'"
		     " (ISO 639, e.g. ar, ru, tr, ug)"), code, item);
		return false;
	}
	if (dash) {
		if (!dash[1]) {
			fail(err, "languages", _("empty variety in '%s'"), item);
			return false;
		}
		for (const char *p = dash + 1; *p; p++)
			if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) &&
			    *p != '-') {
				fail(err, "languages", _("variety in '%s' may hold only"
				     " lower-case letters, digits and '-'"), item);
				return false;
			}
	}
	canon_append(lp, item, NULL);
	if (!lp->person_id)
		return true;
	sqlite3_bind_int64(l->lang_ins, 1, lp->person_id);
	sqlite3_bind_int(l->lang_ins, 2, ord);
	sqlite3_bind_text(l->lang_ins, 3, item, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(l->lang_ins, 4, code, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(l->lang_ins);
	sqlite3_reset(l->lang_ins);
	if (rc != SQLITE_DONE) {
		store_fail(l->st, rc, _("cannot store a language"));
		fail(err, "languages", "%s", l->st->err);
		return false;
	}
	return true;
}

static bool
check_yes_no(const char *v, const char *column, int *out, struct load_error *err)
{
	if (str_empty(v) || strcmp(v, "no") == 0) {
		*out = 0;
		return true;
	}
	if (strcmp(v, "yes") == 0) {
		*out = 1;
		return true;
	}
	fail(err, column, _("expected 'yes' or 'no', not '%s'"), v);
	return false;
}

/* Looks a case number up, remembering the last one. */
static enum status
find_case(struct loader *l, const char *case_no, int64_t *id)
{
	int rc;

	if (l->last_id > 0 && strcmp(l->last_case, case_no) == 0) {
		*id = l->last_id;
		return ST_OK;
	}
	sqlite3_bind_text(l->find_case, 1, case_no, -1, SQLITE_STATIC);
	rc = sqlite3_step(l->find_case);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(l->find_case, 0) : 0;
	sqlite3_reset(l->find_case);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(l->st, rc, _("cannot look up a case"));
	if (rc == SQLITE_DONE)
		return ST_ERR_NOT_FOUND;
	snprintf(l->last_case, sizeof l->last_case, "%s", case_no);
	l->last_id = *id;
	return ST_OK;
}

static enum status
need_case(struct loader *l, const char *case_no, const char *column,
          int64_t *id, struct load_error *err)
{
	enum status rc;

	if (!check_case_no(case_no, column, true, err))
		return ST_ERR_INPUT;
	rc = find_case(l, case_no, id);
	if (rc == ST_ERR_NOT_FOUND) {
		fail(err, column, _("no person with case number '%s'"), case_no);
		return ST_ERR_INPUT;
	}
	return rc;
}

/* A failed insert: a constraint is the row's fault, anything else the
 * database's. */
static enum status
insert_failed(struct loader *l, enum status rc, const char *column,
              const char *what, struct load_error *err)
{
	if (rc == ST_ERR_INPUT)
		fail(err, column, "%s", what);
	else
		fail(err, NULL, "%s", l->st->err);
	return rc;
}

void
person_checked_clear(struct person_checked *c)
{
	free(c->aliases);
	free(c->languages);
	memset(c, 0, sizeof *c);
}

enum status
loader_check_person(struct loader *l, const struct person_in *p,
                    struct person_checked *c, struct load_error *err)
{
	struct list_pass aliases = { 0 }, langs = { 0 };
	enum status rc = ST_OK;

	memset(c, 0, sizeof *c);
	memset(err, 0, sizeof *err);
	if (!check_case_no(p->case_no, "case_no", true, err) ||
	    !check_text(p->family_name, "family_name", err) ||
	    !check_text(p->given_names, "given_names", err) ||
	    !check_text(p->native_name, "native_name", err) ||
	    (!str_empty(p->sex) && !check_word(p->sex, vocab_sexes, "sex", "sex", err)) ||
	    !check_pdate(p->birth_date, "birth_date", false, &c->birth, err) ||
	    !check_country(l, p->nationality, "nationality", err) ||
	    !check_country(l, p->claimed_nationality, "claimed_nationality", err) ||
	    !check_text(p->ethnicity, "ethnicity", err) ||
	    !check_yes_no(p->interpreter_needed, "interpreter_needed", &c->interpreter,
	                  err) ||
	    !check_text(p->category, "category", err) ||
	    !check_text(p->notes, "notes", err) ||
	    !each_item(l, p->aliases, "aliases", alias_item, &aliases, err) ||
	    !each_item(l, p->languages, "languages", lang_item, &langs, err)) {
		rc = ST_ERR_INPUT;
	} else if (c->birth.precision != DATE_NONE &&
	           pdate_earliest(&c->birth) > l->today) {
		fail(err, "birth_date", _("birth date '%s' is in the future"), p->birth_date);
		rc = ST_ERR_INPUT;
	}
	c->aliases = aliases.canon.s;
	c->languages = langs.canon.s;
	if (rc != ST_OK)
		person_checked_clear(c);
	return rc;
}

void
loader_bind_person(sqlite3_stmt *s, const struct person_in *p,
                   const struct person_checked *c)
{
	bind_str(s, 1, p->case_no, false);
	bind_str(s, 2, p->family_name, false);
	bind_str(s, 3, p->given_names, false);
	bind_str(s, 4, p->native_name, false);
	bind_str(s, 5, str_empty(p->sex) ? "U" : p->sex, false);
	if (c->birth.precision != DATE_NONE) {
		char text[PDATE_TEXT_MAX];

		sqlite3_bind_text(s, 6, pdate_format(&c->birth, text, sizeof text), -1,
		                  SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 7, pdate_earliest(&c->birth));
		sqlite3_bind_int64(s, 8, pdate_latest(&c->birth));
	} else {
		sqlite3_bind_text(s, 6, "", 0, SQLITE_STATIC);
		sqlite3_bind_null(s, 7);
		sqlite3_bind_null(s, 8);
	}
	bind_str(s, 9, p->nationality, true);
	bind_str(s, 10, p->claimed_nationality, true);
	bind_str(s, 11, p->ethnicity, false);
	sqlite3_bind_int(s, 12, c->interpreter);
	bind_str(s, 13, p->category, false);
	bind_str(s, 14, p->notes, false);
	/* the lists, for the audit record's JSON */
	if (sqlite3_bind_parameter_count(s) >= 16) {
		bind_str(s, 15, c->aliases ? c->aliases : "", false);
		bind_str(s, 16, c->languages ? c->languages : "", false);
	}
}

/* Whether this loader has already stored key; with add, remembers it. */
static bool
known_key(struct loader *l, const char *key, bool add)
{
	uint32_t h = 2166136261u;
	size_t i;

	if (add && (l->known_n + 1) * 2 > l->known_cap) {
		char (*old)[NAMEKEY_MAX + 1] = l->known;
		size_t cap = l->known_cap;

		l->known_cap = cap ? cap * 2 : 1024;
		l->known = xcalloc(l->known_cap, sizeof *l->known);
		l->known_n = 0;
		for (i = 0; i < cap; i++)
			if (old[i][0])
				known_key(l, old[i], true);
		free(old);
	}
	if (!l->known_cap)
		return false;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (i = h & (l->known_cap - 1); l->known[i][0]; i = (i + 1) & (l->known_cap - 1))
		if (strcmp(l->known[i], key) == 0)
			return true;
	if (add) {
		snprintf(l->known[i], sizeof l->known[i], "%s", key);
		l->known_n++;
	}
	return false;
}

/* Adds to namekey_near each key of keys (space-separated) it does not
 * hold yet, with the keys one letter shorter when the key is long
 * enough to be matched one edit away. */
static int
learn_keys(struct loader *l, const char *keys)
{
	sqlite3_stmt *s = l->near_ins;
	int src = SQLITE_DONE;

	while (*keys && src == SQLITE_DONE) {
		char key[NAMEKEY_MAX + 1], del[NAMEKEY_MAX + 1];
		size_t whole = strcspn(keys, " "), n = whole;

		if (n > NAMEKEY_MAX)
			n = NAMEKEY_MAX;
		memcpy(key, keys, n);
		key[n] = '\0';
		keys += whole;
		keys += strspn(keys, " ");
		if (n == 0 || known_key(l, key, true))
			continue;
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
		src = sqlite3_step(s);
		sqlite3_reset(s);
		/* a key already there came with its deletions */
		if (src != SQLITE_DONE || sqlite3_changes(l->st->db) == 0 ||
		    n < NAMEKEY_FUZZY_MIN)
			continue;
		for (size_t i = 0; i < n && src == SQLITE_DONE; i++) {
			memcpy(del, key, i);
			memcpy(del + i, key + i + 1, n - i);
			sqlite3_bind_text(s, 1, del, -1, SQLITE_STATIC);
			src = sqlite3_step(s);
			sqlite3_reset(s);
		}
	}
	sqlite3_clear_bindings(s);
	return src;
}

/* Writes fn(text) (an snprintf-like text function) into *buf, growing
 * it only when the text does not fit: one call a row, not two (the
 * name keys and the folding were a sixth of a persons import). */
static void
fill_text(size_t (*fn)(const char *, char *, size_t), const char *text,
          char **buf, size_t *cap)
{
	size_t need;

	ensure(buf, cap, 256);
	need = fn(text, *buf, *cap);
	if (need + 1 > *cap) {
		ensure(buf, cap, need + 1);
		fn(text, *buf, *cap);
	}
}

/* Stores the name keys of person id from names (the names joined by
 * ';', as migration 5 joins them). */
static enum status
index_keys(struct loader *l, int64_t id, const char *names, struct load_error *err)
{
	enum status rc = ST_OK;
	int src;

	fill_text(namekey_text, names, &l->buf_keys, &l->cap_keys);
	if (l->bulk) {
		/* both texts to temp.load_names, for loader_finish */
		sqlite3_bind_int64(l->names_ins, 1, id);
		sqlite3_bind_text(l->names_ins, 2, l->buf_fold, -1, SQLITE_STATIC);
		sqlite3_bind_text(l->names_ins, 3, l->buf_keys, -1, SQLITE_STATIC);
		src = sqlite3_step(l->names_ins);
		sqlite3_reset(l->names_ins);
	} else {
		sqlite3_bind_int64(l->keys_ins, 1, id);
		sqlite3_bind_text(l->keys_ins, 2, l->buf_keys, -1, SQLITE_STATIC);
		src = sqlite3_step(l->keys_ins);
		sqlite3_reset(l->keys_ins);
	}
	if (src == SQLITE_DONE)
		src = learn_keys(l, l->buf_keys);
	if (src != SQLITE_DONE) {
		rc = store_fail(l->st, src, _("cannot index name keys"));
		fail(err, NULL, "%s", l->st->err);
	}
	return rc;
}

enum status
loader_person_unindex(struct store *st, int64_t id)
{
	static const char *const sql[] = {
		"DELETE FROM person_name_fts WHERE rowid = ?1",
		"DELETE FROM person_namekey_fts WHERE rowid = ?1",
	};

	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		sqlite3_stmt *s = store_cached_sql(st, sql[i]);
		int src;

		if (!s)
			return ST_ERR_DB;
		sqlite3_bind_int64(s, 1, id);
		src = sqlite3_step(s);
		sqlite3_reset(s);
		if (src != SQLITE_DONE)
			return store_fail(st, src, _("cannot re-index the names"));
	}
	return ST_OK;
}

enum status
loader_person_names(struct loader *l, int64_t id, const struct person_in *p,
                    struct load_error *err)
{
	struct list_pass aliases = { .person_id = id }, langs = { .person_id = id };
	enum status rc = ST_OK;
	size_t need;
	int src;

	if (!each_item(l, p->aliases, "aliases", alias_item, &aliases, err) ||
	    !each_item(l, p->languages, "languages", lang_item, &langs, err)) {
		rc = ST_ERR_DB;
		goto out;
	}
	/* the search text: every name, folded */
	need = strlen(nz(p->family_name)) + strlen(nz(p->given_names)) +
	       strlen(nz(p->native_name)) + aliases.canon.len + 8;
	ensure(&l->buf_a, &l->cap_a, need);
	snprintf(l->buf_a, l->cap_a, "%s %s %s %s", nz(p->family_name),
	         nz(p->given_names), nz(p->native_name),
	         aliases.canon.s ? aliases.canon.s : "");
	fill_text(u8_fold, l->buf_a, &l->buf_fold, &l->cap_fold);
	src = SQLITE_DONE;
	if (!l->bulk) {
		sqlite3_bind_int64(l->fts_ins, 1, id);
		sqlite3_bind_text(l->fts_ins, 2, l->buf_fold, -1, SQLITE_STATIC);
		src = sqlite3_step(l->fts_ins);
		sqlite3_reset(l->fts_ins);
	}
	if (src != SQLITE_DONE) {
		rc = store_fail(l->st, src, _("cannot index names"));
		fail(err, NULL, "%s", l->st->err);
		goto out;
	}
	/* the similar-names keys: each name apart, aliases without types */
	snprintf(l->buf_a, l->cap_a, "%s;%s;%s;%s", nz(p->family_name),
	         nz(p->given_names), nz(p->native_name),
	         aliases.names.s ? aliases.names.s : "");
	rc = index_keys(l, id, l->buf_a, err);
out:
	free(aliases.canon.s);
	free(aliases.names.s);
	free(langs.canon.s);
	return rc;
}

enum status
loader_person(struct loader *l, const struct person_in *p, struct load_error *err)
{
	struct person_checked c;
	int64_t id = 0;
	enum status rc;
	sqlite3_stmt *s = l->person_ins;

	if ((rc = loader_check_person(l, p, &c, err)) != ST_OK)
		return rc;
	loader_bind_person(s, p, &c);
	rc = store_write_row(l->st, s, "person", "insert",
	                     l->audit == LOADER_AUDIT_ROWS, &id);
	sqlite3_clear_bindings(s);
	if (rc != ST_OK) {
		char why[128];

		snprintf(why, sizeof why, _("case number '%s' is already used"), p->case_no);
		insert_failed(l, rc, "case_no", why, err);
		goto out;
	}
	/* second pass: the same lists, now stored under the new id */
	if ((rc = loader_person_names(l, id, p, err)) != ST_OK)
		goto out;
	if (l->bulk) {
		char birth[PDATE_TEXT_MAX] = "";
		const char *v[14];

		if (c.birth.precision != DATE_NONE)
			pdate_format(&c.birth, birth, sizeof birth);
		v[0] = p->case_no, v[1] = nz(p->family_name), v[2] = nz(p->given_names);
		v[3] = nz(p->native_name), v[4] = str_empty(p->sex) ? "U" : p->sex;
		v[5] = birth, v[6] = nul(p->nationality);
		v[7] = nul(p->claimed_nationality), v[8] = nz(p->ethnicity);
		v[9] = c.interpreter ? "1" : "0", v[10] = nz(p->category);
		v[11] = nz(p->notes), v[12] = nz(c.aliases), v[13] = nz(c.languages);
		digest_row(l, T_PERSON, id, v, 14);
		if (l->audit == LOADER_AUDIT_IMPORT) {
			if (l->nimported == l->imported_cap) {
				l->imported_cap = l->imported_cap ? l->imported_cap * 2 : 1024;
				l->imported = xrealloc(l->imported,
				                       l->imported_cap * sizeof *l->imported);
			}
			l->imported[l->nimported].person_id = id;
			l->imported[l->nimported].line = l->tag;
			l->nimported++;
		}
	}
	snprintf(l->last_case, sizeof l->last_case, "%s", p->case_no);
	l->last_id = id;
	touch(l, id);
	l->counts.persons++;
out:
	person_checked_clear(&c);
	return rc;
}

enum status
loader_check_event(struct loader *l, const struct event_in *e, int64_t *pid,
                   struct pdate *date, struct load_error *err)
{
	enum status rc;

	memset(err, 0, sizeof *err);
	if ((rc = need_case(l, e->case_no, "case_no", pid, err)) != ST_OK)
		return rc;
	if (!check_pdate(e->date, "date", true, date, err))
		return ST_ERR_INPUT;
	if (str_empty(e->kind) || !code_known(&l->kinds, e->kind)) {
		fail(err, "kind", str_empty(e->kind) ? _("an event kind is required")
		     : _("unknown event kind '%s' (see casepath(1), EVENT KINDS)"),
		     nz(e->kind));
		return ST_ERR_INPUT;
	}
	if (!check_text(e->place, "place", err) ||
	    !check_country(l, e->country, "country", err) ||
	    !check_text(e->ref, "ref", err) ||
	    !check_duration(e->duration, "duration", err) ||
	    !check_text(e->outcome, "outcome", err) ||
	    !check_text(e->note, "note", err))
		return ST_ERR_INPUT;
	if (pdate_earliest(date) > l->today) {
		fail(err, "date", _("date '%s' is in the future (record plans as"
		     " removal_scheduled with today's date and a note)"), e->date);
		return ST_ERR_INPUT;
	}
	return ST_OK;
}

/* Binds an event's row, its date already formatted as text (bound
 * without a copy: text must stay until the statement has run). */
static void
bind_event(sqlite3_stmt *s, int64_t person_id, const struct pdate *date,
           const char *text, const struct event_in *e)
{
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, pdate_earliest(date));
	sqlite3_bind_int64(s, 4, pdate_latest(date));
	bind_str(s, 5, e->kind, false);
	bind_str(s, 6, e->place, false);
	bind_str(s, 7, e->country, true);
	bind_str(s, 8, e->ref, false);
	bind_str(s, 9, e->duration, false);
	bind_str(s, 10, e->outcome, false);
	bind_str(s, 11, e->note, false);
	/* the case number, for the audit record's JSON */
	if (sqlite3_bind_parameter_count(s) >= 12)
		bind_str(s, 12, e->case_no, false);
}

void
loader_bind_event(sqlite3_stmt *s, int64_t person_id, const struct pdate *date,
                  const struct event_in *e)
{
	char text[PDATE_TEXT_MAX];

	bind_event(s, person_id, date, pdate_format(date, text, sizeof text), e);
	/* text goes out of scope before the statement runs */
	sqlite3_bind_text(s, 2, text, -1, SQLITE_TRANSIENT);
}

enum status
loader_event(struct loader *l, const struct event_in *e, struct load_error *err)
{
	struct pdate date;
	int64_t pid = 0, event_id = 0;
	enum status rc;
	sqlite3_stmt *s = l->event_ins;
	char text[PDATE_TEXT_MAX];

	if ((rc = loader_check_event(l, e, &pid, &date, err)) != ST_OK)
		return rc;
	/* the date's text once, for the row and its digest */
	bind_event(s, pid, &date, pdate_format(&date, text, sizeof text), e);
	rc = store_write_row(l->st, s, "event", "insert",
	                     l->audit == LOADER_AUDIT_ROWS, &event_id);
	sqlite3_clear_bindings(s);
	if (rc != ST_OK)
		return insert_failed(l, rc, NULL, "the event breaks a constraint", err);
	if (l->bulk) {
		const char *v[9] = { e->case_no, text,
		                     e->kind, nz(e->place), nul(e->country), nz(e->ref),
		                     nz(e->duration), nz(e->outcome), nz(e->note) };

		digest_row(l, T_EVENT, event_id, v, 9);
	}
	l->last_event_id = event_id;
	remember_tag(l, event_id);
	touch(l, pid);
	l->counts.events++;
	return ST_OK;
}

int64_t
loader_last_person(const struct loader *l)
{
	return l->last_id;
}

int64_t
loader_last_event(const struct loader *l)
{
	return l->last_event_id;
}

enum status
loader_relation(struct loader *l, const struct relation_in *r,
                struct load_error *err)
{
	int64_t a = 0, b = 0, tmp, rid = 0;
	enum status rc;
	const char *kind;
	sqlite3_stmt *s = l->relation_ins;

	memset(err, 0, sizeof *err);
	if ((rc = need_case(l, r->case_no, "case_no", &a, err)) != ST_OK)
		return rc;
	if (str_empty(r->relation)) {
		fail(err, "relation", _("a relation is required"));
		return ST_ERR_INPUT;
	}
	if (!check_word(r->relation, vocab_relations, "relation", "relation", err))
		return ST_ERR_INPUT;
	if ((rc = need_case(l, r->other_case_no, "other_case_no", &b, err)) != ST_OK)
		return rc;
	if (a == b) {
		fail(err, "other_case_no", _("a person cannot be related to themselves"));
		return ST_ERR_INPUT;
	}
	if (!str_empty(r->verification) &&
	    !check_word(r->verification, vocab_verifications, "verification",
	                "verification", err))
		return ST_ERR_INPUT;
	if (!check_text(r->note, "note", err))
		return ST_ERR_INPUT;
	/* Store "b is a's kind" in its one canonical direction. */
	kind = r->relation;
	if (strcmp(kind, "parent") == 0 || strcmp(kind, "guardian") == 0) {
		kind = vocab_relation_inverse(kind);
		tmp = a, a = b, b = tmp;
	} else if (strcmp(kind, "child") != 0 && strcmp(kind, "ward") != 0 && a > b) {
		tmp = a, a = b, b = tmp;
	}
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, b);
	bind_text(s, 4, str_empty(r->verification) ? "unverified" : r->verification,
	          false);
	bind_text(s, 5, r->note, false);
	/* the case numbers, for the audit record's JSON */
	if (sqlite3_bind_parameter_count(s) >= 7) {
		bind_text(s, 6, r->case_no, false);
		bind_text(s, 7, r->other_case_no, false);
	}
	rc = store_write_row(l->st, s, "relation", "insert",
	                     l->audit == LOADER_AUDIT_ROWS, &rid);
	sqlite3_clear_bindings(s);
	if (rc != ST_OK)
		return insert_failed(l, rc, "other_case_no",
		                     "this link between the two persons is already recorded",
		                     err);
	if (l->bulk) {
		char ida[24], idb[24];
		const char *v[5] = { ida, kind, idb,
		                     str_empty(r->verification) ? "unverified"
		                                                : r->verification,
		                     nz(r->note) };

		snprintf(ida, sizeof ida, "%" PRId64, a);
		snprintf(idb, sizeof idb, "%" PRId64, b);
		digest_row(l, T_RELATION, rid, v, 5);
	}
	touch(l, a);
	touch(l, b);
	l->counts.relations++;
	return ST_OK;
}

enum status
loader_document(struct loader *l, const struct document_in *d,
                struct load_error *err)
{
	struct pdate issued, expires;
	int64_t pid = 0, did = 0;
	enum status rc;
	sqlite3_stmt *s = l->document_ins;
	char t1[PDATE_TEXT_MAX], t2[PDATE_TEXT_MAX];

	memset(err, 0, sizeof *err);
	if ((rc = need_case(l, d->case_no, "case_no", &pid, err)) != ST_OK)
		return rc;
	if (!check_word(d->doc_type, vocab_document_types, "doc_type",
	                "document type", err) ||
	    !check_text(d->number, "number", err) ||
	    !check_country(l, d->issuing_country, "issuing_country", err) ||
	    !check_pdate(d->issued, "issued", false, &issued, err) ||
	    !check_pdate(d->expires, "expires", false, &expires, err) ||
	    (!str_empty(d->status) && !check_word(d->status, vocab_document_statuses,
	                                          "status", "document status", err)) ||
	    !check_text(d->note, "note", err))
		return ST_ERR_INPUT;
	sqlite3_bind_int64(s, 1, pid);
	bind_text(s, 2, d->doc_type, false);
	bind_text(s, 3, d->number, false);
	bind_text(s, 4, d->issuing_country, true);
	bind_text(s, 5, issued.precision ? pdate_format(&issued, t1, sizeof t1) : "", false);
	bind_text(s, 6, expires.precision ? pdate_format(&expires, t2, sizeof t2) : "", false);
	bind_text(s, 7, str_empty(d->status) ? "unverified" : d->status, false);
	bind_text(s, 8, d->note, false);
	if (sqlite3_bind_parameter_count(s) >= 9)
		bind_text(s, 9, d->case_no, false);
	rc = store_write_row(l->st, s, "identity_document", "insert",
	                     l->audit == LOADER_AUDIT_ROWS, &did);
	sqlite3_clear_bindings(s);
	if (rc != ST_OK)
		return insert_failed(l, rc, NULL, "the document breaks a constraint", err);
	if (l->bulk) {
		const char *v[8] = { d->case_no, d->doc_type, nz(d->number),
		                     nul(d->issuing_country), issued.precision ? t1 : "",
		                     expires.precision ? t2 : "",
		                     str_empty(d->status) ? "unverified" : d->status,
		                     nz(d->note) };

		digest_row(l, T_DOCUMENT, did, v, 8);
	}
	l->counts.documents++;
	return ST_OK;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static unsigned long
tag_of(const struct loader *l, int64_t event_id)
{
	for (size_t i = 0; i < l->ntags; i++) {
		const struct tag_run *r = &l->tags[i];

		if (event_id >= r->event_id && event_id < r->event_id + (int64_t)r->n)
			return r->tag + (unsigned long)(event_id - r->event_id);
	}
	return 0;
}

/* Writes the override event that records a supervisor's decision to
 * pass rule v on one of this person's events. */
static enum status
write_override(struct store *st, const struct rule_violation *v,
               const char *reason)
{
	sqlite3_stmt *s = NULL;
	enum status rc;
	char ref[64];

	rc = store_prepare(st,
		"INSERT INTO event(person_id, date, date_lo, date_hi, kind, ref, outcome,"
		" note) SELECT person_id, date, date_lo, date_hi, 'override', ?2, ?3, ?4"
		" FROM event WHERE id = ?1"
		" RETURNING id, json_object('id', id, 'kind', kind, 'date', date,"
		" 'ref', ref, 'outcome', outcome, 'note', note, 'overrides', ?5)", &s);
	if (rc != ST_OK)
		return rc;
	snprintf(ref, sizeof ref, "event %lld", (long long)v->event_id);
	sqlite3_bind_int64(s, 1, v->event_id);
	sqlite3_bind_text(s, 2, ref, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, v->rule, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, v->message, -1, SQLITE_TRANSIENT);
	rc = store_write_row(st, s, "event", "override", true, NULL);
	sqlite3_finalize(s);
	return rc;
}

/* The sentence a refused guardrail gives: with a hint, import's
 * "refused by rule ...; a supervisor can pass it with HINT"; without,
 * the rule's own sentence. */
static void
refusal(struct load_error *err, const char *hint, const struct rule_violation *v)
{
	if (hint)
		snprintf(err->reason, sizeof err->reason, _("refused by rule %s;"
		         " a supervisor can pass it with %s"), v->message, hint);
	else
		snprintf(err->reason, sizeof err->reason, "%s", v->message);
}

void
rule_gate_pass(struct rule_gate *g, const struct rule_violation *v)
{
	if (g->npassed == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 8;
		g->passed = xrealloc(g->passed, g->cap * sizeof *g->passed);
	}
	g->passed[g->npassed].event_id = v->event_id;
	snprintf(g->passed[g->npassed].rule, sizeof g->passed[g->npassed].rule, "%s",
	         v->rule);
	g->npassed++;
}

void
rule_gate_clear(struct rule_gate *g)
{
	free(g->passed);
	g->passed = NULL;
	g->npassed = g->cap = 0;
}

enum status
store_gate_person(struct store *st, int64_t person_id, int64_t first_new,
                  struct rule_gate *g, bool *refused, int64_t *event_id,
                  struct load_error *err)
{
	enum status rc = ST_OK;
	bool blocked = true;

	*refused = false;
	while (rc == ST_OK && blocked) {
		struct rule_violation v;

		rc = store_derive_person(st, person_id, first_new, g->passed, g->npassed,
		                         &blocked, &v);
		if (rc != ST_OK || !blocked)
			break;
		*event_id = v.event_id;
		if (!g->override) {
			refusal(err, g->hint, &v);
			rc = ST_ERR_INPUT;
		} else if (strcmp(store_role(st), "supervisor") != 0) {
			snprintf(err->reason, sizeof err->reason, g->hint
			         ? _("refused by rule %s; only a supervisor can override it (%s is a %s)")
			         : _("%s; only a supervisor can override it (%s is a %s)"), v.message,
			         store_login(st), store_role(st));
			rc = ST_ERR_PERMISSION;
		} else {
			rule_gate_pass(g, &v);
			rc = write_override(st, &v, g->override);
			continue;
		}
		*refused = true;
	}
	return rc;
}

/* The rules over every touched person: refuse what a guardrail blocks
 * (unless a supervisor passed it), store the derived rest. */
static enum status
apply_rules(struct loader *l, struct load_error *err)
{
	struct rule_gate gate = { .override = l->override, .hint = l->gate_hint };
	enum status rc = ST_OK;

	l->counts.derived = -1;

	/* A first load into an empty database (demo data, a migration)
	 * touches everyone: one streaming pass is far cheaper. So is the
	 * first load of events after the persons (import persons, then
	 * events): every event is this load's, and the deadlines the
	 * persons alone gave (a minor's majority) are derived again with
	 * everyone else's, so they are cleared first. */
	if (one_pass(l)) {
		struct rule_violation v;
		bool blocked = false;
		int64_t who = 0;

		if (!l->fresh_db && !l->events_fresh &&
		    (rc = store_exec(l->st, "DELETE FROM deadline")) != ST_OK)
			return rc;
		rc = store_derive_all(l->st, l->first_event_id, true, &blocked, &v, &who);
		if (rc == ST_OK && blocked) {
			err->column = l->gate_column;
			err->line = tag_of(l, v.event_id);
			refusal(err, l->gate_hint, &v);
			rc = ST_ERR_INPUT;
		}
		return rc;
	}
	qsort(l->touched, l->ntouched, sizeof *l->touched, cmp_id);
	l->counts.derived = 0;
	for (size_t i = 0; i < l->ntouched && rc == ST_OK; i++) {
		bool refused = false;
		int64_t event_id = 0;

		if (i && l->touched[i] == l->touched[i - 1])
			continue;
		l->counts.derived++;
		rc = store_gate_person(l->st, l->touched[i], l->first_event_id, &gate,
		                       &refused, &event_id, err);
		if (refused) {
			err->column = l->gate_column;
			err->line = tag_of(l, event_id);
		}
	}
	rule_gate_clear(&gate);
	return rc;
}

/* Each person this import created, traced to the audit record just
 * written and the CSV line it came from (the audit view by case). */
static enum status
record_origins(struct loader *l)
{
	sqlite3_stmt *s = NULL;
	enum status rc = store_prepare(l->st,
		"INSERT INTO import_row(person_id, seq, line) VALUES (?1, ?2, ?3)", &s);
	int src = SQLITE_DONE;

	if (rc != ST_OK)
		return rc;
	sqlite3_bind_int64(s, 2, l->st->chain_seq);
	for (size_t i = 0; i < l->nimported && src == SQLITE_DONE; i++) {
		sqlite3_bind_int64(s, 1, l->imported[i].person_id);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)l->imported[i].line);
		src = sqlite3_step(s);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if (src != SQLITE_DONE)
		return store_fail(l->st, src, "cannot record where the persons came from");
	return ST_OK;
}

void
loader_set_command(struct loader *l, const char *command)
{
	free(l->command);
	l->command = command ? xstrdup(command) : NULL;
}

void
loader_for_edit(struct loader *l)
{
	l->gate_hint = NULL;
	l->gate_column = NULL;
}

enum status
loader_finish(struct loader *l, const char *origin, const char *source,
              const char *digest, struct load_error *err)
{
	sqlite3_stmt *s = NULL;
	char row[64], rows_digest[DIGEST_HEX_LEN + 1] = "";
	struct timespec w = l->t_new, c = l->c_new;
	struct load_counts *n = &l->counts;
	enum status rc;
	int src;

	memset(err, 0, sizeof *err);
	if (!l->st->rules)
		return store_fail(l->st, SQLITE_OK, _("no rule set loaded: refusing to"
		                  " write events without their guardrails"));
	lap(&w, &c, &n->rows_seconds, &n->rows_cpu_seconds);
	if (l->bulk && l->counts.persons &&
	    (rc = store_exec(l->st,
		"INSERT INTO person_name_fts(rowid, names)"
		" SELECT id, names FROM temp.load_names;"
		"INSERT INTO person_namekey_fts(rowid, keys)"
		" SELECT id, keys FROM temp.load_names;"
		"DELETE FROM temp.load_names")) != ST_OK)
		return rc;
	lap(&w, &c, &n->names_seconds, &n->names_cpu_seconds);
	if ((rc = build_indexes(l)) != ST_OK)
		return rc;
	lap(&w, &c, &n->index_seconds, &n->index_cpu_seconds);
	rc = apply_rules(l, err);
	lap(&w, &c, &n->derive_seconds, &n->derive_cpu_seconds);
	if (rc != ST_OK)
		return rc;
	/* One record for the whole load: where it came from and how many
	 * rows of each kind it wrote. Demo data is reproducible from its
	 * seed, so for it this record is the whole story. An import adds
	 * the id ranges it created and the digest of their content. */
	if (l->audit == LOADER_AUDIT_IMPORT) {
		unsigned char hash[DIGEST_BYTES];

		digest_flush(l);
		digest_final(l->rows_hash, hash);
		digest_hex(hash, rows_digest);
	}
	rc = store_prepare(l->st, l->audit == LOADER_AUDIT_IMPORT ?
		"SELECT json_object('origin', ?1, 'source', ?2, 'sha256', ?3,"
		" 'persons', ?4, 'events', ?5, 'relations', ?6, 'documents', ?7,"
		" 'override', ?8, 'command', ?9,"
		" 'files', json_array(json_object('name', ?2, 'sha256', ?3)),"
		" 'ids', json_object("
		"   'person', CASE WHEN ?4 THEN json_array(?10, ?11) END,"
		"   'event', CASE WHEN ?5 THEN json_array(?12, ?13) END,"
		"   'relation', CASE WHEN ?6 THEN json_array(?14, ?15) END,"
		"   'identity_document', CASE WHEN ?7 THEN json_array(?16, ?17) END),"
		" 'rows_sha256', ?18)"
		:
		"SELECT json_object('origin', ?1, 'source', ?2, 'sha256', ?3,"
		" 'persons', ?4, 'events', ?5, 'relations', ?6, 'documents', ?7,"
		" 'override', ?8)", &s);
	if (rc != ST_OK)
		return rc;
	if (l->audit == LOADER_AUDIT_IMPORT) {
		bind_text(s, 9, l->command ? l->command : origin, false);
		for (int t = 0; t < 4; t++) {
			sqlite3_bind_int64(s, 10 + 2 * t, l->first_ids[t]);
			sqlite3_bind_int64(s, 11 + 2 * t, l->last_ids[t]);
		}
		bind_text(s, 18, rows_digest, false);
	}
	bind_text(s, 1, origin, false);
	bind_text(s, 2, source, false);
	bind_text(s, 3, digest, true);
	sqlite3_bind_int64(s, 4, l->counts.persons);
	sqlite3_bind_int64(s, 5, l->counts.events);
	sqlite3_bind_int64(s, 6, l->counts.relations);
	sqlite3_bind_int64(s, 7, l->counts.documents);
	bind_text(s, 8, l->override, true);
	src = sqlite3_step(s);
	if (src != SQLITE_ROW) {
		rc = store_fail(l->st, src, _("cannot describe the load"));
	} else {
		snprintf(row, sizeof row, "%s", origin);
		rc = store_audit(l->st, "load", row,
		                 l->audit == LOADER_AUDIT_SUMMARY ? "bulk_insert" : "import",
		                 NULL, column_text(s, 0));
	}
	sqlite3_finalize(s);
	if (rc == ST_OK && l->nimported)
		rc = record_origins(l);
	return rc;
}
