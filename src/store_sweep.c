/* store_sweep.c: deriving stored persons again in audited batches: the
 * lapse sweep and the whole pass after a rules change (store_sweep.h).
 * The derivation and the comparison with what is stored are
 * store_rules.c's; this file finds the persons, cuts the work into
 * transactions, audits each and keeps where it got to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/date.h"
#include "casepath/i18n.h"
#include "casepath/rules.h"
#include "casepath/store_sweep.h"
#include "casepath/util.h"
#include "store_internal.h"

/* meta keys: the day of the last finished lapse sweep (YYYY-MM-DD), and
 * how far a whole pass got: "RULES_DIGEST|DAY|LAST_ID" */
#define META_SWEEP_DAY "lapse_sweep_day"
#define META_ALL "rederive_all"

struct rederive {
	struct store *st;
	enum rederive_mode mode;
	int32_t today;
	char today_text[PDATE_TEXT_MAX];
	/* REDERIVE_LAPSED: the last (lapses, person_id) of the index read
	 * (the persons before it are derived, so they left the index; the
	 * key keeps a person the rules would leave there from being read
	 * again and again). REDERIVE_ALL: the last person id done. */
	int64_t after_lapses, after_id, resumed;
	bool done;
	struct rederive_counts counts;
};

static int
compare_ids(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static enum status
meta_get(struct store *st, const char *key, char *buf, size_t len)
{
	sqlite3_stmt *s = store_cached_sql(st, "SELECT value FROM meta WHERE key = ?1");
	int src;

	buf[0] = '\0';
	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if ((src = sqlite3_step(s)) == SQLITE_ROW)
		snprintf(buf, len, "%s", column_text(s, 0));
	sqlite3_reset(s);
	return src == SQLITE_ROW || src == SQLITE_DONE ? ST_OK
	       : store_fail(st, src, _("cannot read the database's settings"));
}

/* Sets (value non-NULL) or removes a meta key: bookkeeping of derived
 * data, as the duplicates' freshness is, inside the batch's transaction. */
static enum status
meta_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *s = store_cached_sql(st, value
		? "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)"
		: "DELETE FROM meta WHERE key = ?1");
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (value)
		sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	src = sqlite3_step(s);
	sqlite3_reset(s);
	return src == SQLITE_DONE ? ST_OK
	       : store_fail(st, src, _("cannot keep the database's settings"));
}

static bool
writable(const struct store *st)
{
	return !(st->flags & STORE_READONLY) && strcmp(st->role, "auditor") != 0;
}

bool
store_sweep_due(struct store *st)
{
	char day[64];
	int32_t last;

	if (!writable(st) || meta_get(st, META_SWEEP_DAY, day, sizeof day) != ST_OK)
		return false;
	return !day[0] || day_parse(day, &last) != NULL || last < day_today();
}

/* "DIGEST|DAY|" : the key a whole pass's progress is kept under, so a
 * pass carries on only under the same rules file's text, the same day */
static void
all_key(const struct rederive *r, char *buf, size_t len)
{
	snprintf(buf, len, "%s|%s|", r->st->rules ? ruleset_digest(r->st->rules) : "",
	         r->today_text);
}

struct rederive *
store_rederive_new(struct store *st, enum rederive_mode mode)
{
	struct rederive *r = xcalloc(1, sizeof *r);

	r->st = st;
	r->mode = mode;
	r->today = day_today();
	day_format(r->today, r->today_text, sizeof r->today_text);
	r->after_lapses = mode == REDERIVE_LAPSED ? INT64_MIN : 0;
	if (mode == REDERIVE_ALL) {
		char kept[512], key[400];
		size_t n;

		if (meta_get(st, META_ALL, kept, sizeof kept) != ST_OK) {
			free(r);
			return NULL;
		}
		all_key(r, key, sizeof key);
		n = strlen(key);
		if (strncmp(kept, key, n) == 0)
			r->after_id = r->resumed = strtoll(kept + n, NULL, 10);
	}
	return r;
}

void
store_rederive_free(struct rederive **r)
{
	xfree(r);
}

const struct rederive_counts *
store_rederive_counts(const struct rederive *r)
{
	return &r->counts;
}

int64_t
store_rederive_resumed(const struct rederive *r)
{
	return r->resumed;
}

/* The open clocks lapsed by date, through deadline_open_lapses. */
#define SQL_LAPSED \
	" FROM deadline INDEXED BY deadline_open_lapses" \
	" WHERE status IN ('open', 'overdue') AND lapses <= ?1"

long
store_rederive_total(struct rederive *r)
{
	sqlite3_stmt *s = store_cached_sql(r->st, r->mode == REDERIVE_ALL
		? "SELECT count(*) FROM person WHERE id > ?2"
		: "SELECT count(*)" SQL_LAPSED " AND (lapses, person_id) > (?3, ?2)");
	long n = -1;

	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, r->today);
	sqlite3_bind_int64(s, 2, r->after_id);
	sqlite3_bind_int64(s, 3, r->after_lapses);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

/* The next persons holding a clock lapsed by date, after the key
 * (after_lapses, after_id), at most max entries of the index: their ids
 * (sorted, each once) into ids, the last entry's key into *lapses,
 * *id. */
static enum status
next_lapsed(struct rederive *r, long max, struct id_list *ids, int64_t *lapses,
            int64_t *id)
{
	sqlite3_stmt *s = store_cached_sql(r->st, "SELECT lapses, person_id" SQL_LAPSED
		" AND (lapses, person_id) > (?2, ?3) ORDER BY lapses, person_id LIMIT ?4");
	size_t kept = 0;
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int(s, 1, r->today);
	sqlite3_bind_int64(s, 2, r->after_lapses);
	sqlite3_bind_int64(s, 3, r->after_id);
	sqlite3_bind_int64(s, 4, max);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		*lapses = sqlite3_column_int64(s, 0);
		*id = sqlite3_column_int64(s, 1);
		id_list_add(ids, *id);
	}
	sqlite3_reset(s);
	if (src != SQLITE_DONE)
		return store_fail(r->st, src, _("cannot find the lapsed clocks"));
	/* a person with two lapsed windows is derived once */
	if (ids->n > 1)
		qsort(ids->v, ids->n, sizeof *ids->v, compare_ids);
	for (size_t i = 0; i < ids->n; i++)
		if (!kept || ids->v[kept - 1] != ids->v[i])
			ids->v[kept++] = ids->v[i];
	ids->n = kept;
	return ST_OK;
}

/* The last person id of the next max persons after after_id, 0 when
 * there is none. */
static enum status
next_range(struct rederive *r, long max, int64_t *hi)
{
	sqlite3_stmt *s = store_cached_sql(r->st, "SELECT max(id) FROM (SELECT id"
		" FROM person WHERE id > ?1 ORDER BY id LIMIT ?2)");
	int src;

	*hi = 0;
	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, r->after_id);
	sqlite3_bind_int64(s, 2, max);
	if ((src = sqlite3_step(s)) == SQLITE_ROW)
		*hi = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return src == SQLITE_ROW ? ST_OK
	       : store_fail(r->st, src, _("cannot read the persons"));
}

/* Whether work is left after the key the batch got to. */
static enum status
more_left(struct rederive *r, int64_t lapses, int64_t id, bool *more)
{
	sqlite3_stmt *s = store_cached_sql(r->st, r->mode == REDERIVE_ALL
		? "SELECT EXISTS (SELECT 1 FROM person WHERE id > ?3)"
		: "SELECT EXISTS (SELECT 1" SQL_LAPSED " AND (lapses, person_id) > (?2, ?3))");
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int(s, 1, r->today);
	sqlite3_bind_int64(s, 2, lapses);
	sqlite3_bind_int64(s, 3, id);
	if ((src = sqlite3_step(s)) == SQLITE_ROW)
		*more = sqlite3_column_int(s, 0) != 0;
	sqlite3_reset(s);
	return src == SQLITE_ROW ? ST_OK
	       : store_fail(r->st, src, _("cannot read the persons"));
}

/* The batch's audit record: why, under which rules, as of which day,
 * how many persons read, the ids of those whose rows changed and the
 * clocks changed by status ("open>lapsed": n; "+open": added, "-met":
 * removed). The JSON is SQLite's (json_object); the two lists are
 * numbers and fixed words, put together here. */
static enum status
audit_batch(struct rederive *r, const struct rederive_counts *n,
            const struct id_list *changed)
{
	struct store *st = r->st;
	size_t len = 32 + changed->n * 21 + 1024;
	char *ids = xmalloc(len), *clocks = xmalloc(1024), *after = NULL;
	size_t at = 0, ct = 0;
	sqlite3_stmt *s;
	enum status rc = ST_OK;
	int src;

	at += (size_t)snprintf(ids + at, len - at, "[");
	for (size_t i = 0; i < changed->n; i++)
		at += (size_t)snprintf(ids + at, len - at, "%s%lld", i ? "," : "",
		                       (long long)changed->v[i]);
	snprintf(ids + at, len - at, "]");
	ct += (size_t)snprintf(clocks + ct, 1024 - ct, "{");
	for (int a = 0; a <= CLOCK_LAPSED; a++) {
		const char *wa = clock_status_word((enum clock_status)a);

		for (int b = 0; b <= CLOCK_LAPSED; b++)
			if (n->status[a][b])
				ct += (size_t)snprintf(clocks + ct, 1024 - ct, "%s\"%s>%s\":%ld",
				                       ct > 1 ? "," : "", wa,
				                       clock_status_word((enum clock_status)b),
				                       n->status[a][b]);
		if (n->added[a])
			ct += (size_t)snprintf(clocks + ct, 1024 - ct, "%s\"+%s\":%ld",
			                       ct > 1 ? "," : "", wa, n->added[a]);
		if (n->removed[a])
			ct += (size_t)snprintf(clocks + ct, 1024 - ct, "%s\"-%s\":%ld",
			                       ct > 1 ? "," : "", wa, n->removed[a]);
	}
	snprintf(clocks + ct, 1024 - ct, "}");
	s = store_cached_sql(st, "SELECT json_object('why', ?1, 'rules', ?2, 'as_of', ?3,"
		" 'persons', ?4, 'changed', ?5, 'person_ids', json(?6), 'clocks', json(?7),"
		" 'rules_digest', ?8)");
	if (!s) {
		rc = ST_ERR_DB;
		goto out;
	}
	sqlite3_bind_text(s, 1, r->mode == REDERIVE_ALL ? "all" : "lapsed", -1,
	                  SQLITE_STATIC);
	sqlite3_bind_text(s, 2, st->rules ? ruleset_name(st->rules) : "", -1,
	                  SQLITE_STATIC);
	sqlite3_bind_text(s, 3, r->today_text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, n->persons);
	sqlite3_bind_int64(s, 5, n->changed);
	sqlite3_bind_text(s, 6, ids, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, clocks, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, st->rules ? ruleset_digest(st->rules) : "", -1,
	                  SQLITE_STATIC);
	if ((src = sqlite3_step(s)) == SQLITE_ROW)
		after = xstrdup(column_text(s, 0));
	sqlite3_reset(s);
	if (!after)
		rc = store_fail(st, src, _("cannot write the audit record"));
	else
		rc = store_audit(st, "deadline", "", "derive", NULL, after);
out:
	free(ids);
	free(clocks);
	free(after);
	return rc;
}

static void
counts_add(struct rederive_counts *to, const struct rederive_counts *n)
{
	to->persons += n->persons;
	to->changed += n->changed;
	to->batches += n->batches;
	for (int a = 0; a <= CLOCK_LAPSED; a++) {
		for (int b = 0; b <= CLOCK_LAPSED; b++)
			to->status[a][b] += n->status[a][b];
		to->added[a] += n->added[a];
		to->removed[a] += n->removed[a];
	}
}

/* Begins the batch's transaction, without waiting for another
 * process's write lock unless wait. */
static enum status
begin(struct store *st, bool wait)
{
	enum status rc;

	if (!wait)
		sqlite3_busy_timeout(st->db, 0);
	rc = store_tx_begin(st);
	if (!wait)
		sqlite3_busy_timeout(st->db, 5000);
	return rc;
}

enum status
store_rederive_step(struct rederive *r, long max, bool wait, bool *done)
{
	struct store *st = r->st;
	struct rederive_counts n = { 0 };
	struct id_list ids = { 0 }, changed = { 0 };
	int64_t lapses = r->after_lapses, last = r->after_id;
	bool more = false;
	enum status rc;

	*done = r->done;
	if (r->done)
		return ST_OK;
	if (!st->rules)
		return store_fail(st, SQLITE_OK, _("no rule set loaded"));
	if (max < 1)
		max = 1;
	if ((rc = begin(st, wait)) != ST_OK)
		return rc;
	if (r->mode == REDERIVE_ALL) {
		rc = next_range(r, max, &last);
		if (rc == ST_OK && last)
			rc = store_rederive_range(st, r->after_id, last, r->today, &n, &changed);
		if (!last)
			last = r->after_id;
	} else {
		rc = next_lapsed(r, max, &ids, &lapses, &last);
		if (rc == ST_OK)
			rc = store_rederive_ids(st, ids.v, ids.n, r->today, &n, &changed);
	}
	if (rc == ST_OK)
		rc = more_left(r, lapses, last, &more);
	/* where the pass got to: kept with the batches that wrote something
	 * (a pass that changes nothing writes nothing; carrying on from an
	 * earlier point reads some persons again and writes nothing) */
	if (rc == ST_OK && r->mode == REDERIVE_ALL && (n.changed > 0 || !more)) {
		char kept[512];
		size_t k;

		all_key(r, kept, sizeof kept);
		k = strlen(kept);
		snprintf(kept + k, sizeof kept - k, "%lld", (long long)last);
		rc = meta_set(st, META_ALL, more ? kept : NULL);
	}
	/* every person derived as of today: no clock lapsed by date is
	 * left open (a whole pass lapses them too) */
	if (rc == ST_OK && !more)
		rc = meta_set(st, META_SWEEP_DAY, r->today_text);
	/* a batch that changed nothing (the sweep's daily look that found
	 * nobody, a pass over persons already current) wrote no record:
	 * no audit record */
	n.batches = 1;
	if (rc == ST_OK && n.changed > 0)
		rc = audit_batch(r, &n, &changed);
	if (rc == ST_OK)
		rc = store_tx_commit(st);
	else
		store_tx_rollback(st);
	if (rc == ST_OK) {
		counts_add(&r->counts, &n);
		r->after_lapses = lapses;
		r->after_id = last;
		r->done = *done = !more;
	}
	id_list_clear(&ids);
	id_list_clear(&changed);
	return rc;
}
