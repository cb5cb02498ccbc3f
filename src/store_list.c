/* store_list.c: the case list's rows. Sorted by any column, filtered,
 * searched and paged by key: each page is "the next n rows after this
 * (value, case_no)", which an index ending in case_no answers with one
 * seek (schema 3 has one per order). The sort expression is written
 * exactly as in its index, and never wrapped in COLLATE, or the seek
 * turns into a scan (DESIGN.md 6). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/date.h"
#include "casepath/store_view.h"
#include "casepath/u8.h"
#include "casepath/util.h"
#include "store_internal.h"

#define STR_(x) #x
#define STR(x) STR_(x)

struct sort_spec {
	const char *expr;   /* as in the index */
	bool integer;       /* bind the key as a number */
	bool reversed;      /* ascending means the expression descending */
};

static const struct sort_spec sorts[SORT_COUNT] = {
	[SORT_CASE] = { "case_no", false, false },
	[SORT_NAME] = { "name_key", false, false },
	[SORT_NATIVE] = { "native_name", false, false },
	[SORT_SEX] = { "sex", false, false },
	[SORT_BORN] = { "coalesce(birth_lo, -1)", true, false },
	[SORT_NAT] = { "coalesce(nationality, '')", false, false },
	[SORT_STAGE] = { "coalesce(stage, '')", false, false },
	/* more days in the stage = an earlier start */
	[SORT_DAYS] = { "coalesce(stage_since, -1)", true, true },
	[SORT_DEADLINE] = { "next_due", true, false },
};

#define ROW_COLUMNS \
	"id, case_no, family_name, given_names, native_name, sex, birth_date," \
	" coalesce(birth_lo, -1), coalesce(birth_hi, -1)," \
	" coalesce(nationality, ''), coalesce(stage, '')," \
	" coalesce(stage_since, -1), next_due, next_clock"

static void
add(struct sql_buf *b, const char *text)
{
	int n = snprintf(b->s + b->len, sizeof b->s - b->len, "%s", text);

	if (n > 0 && (size_t)n < sizeof b->s - b->len)
		b->len += (size_t)n;
}

/* The day before which a birth makes an adult today: born after it,
 * a person is under 18. */
static int32_t
minor_threshold(int32_t today)
{
	int y, m, d, dim;

	day_to_ymd(today, &y, &m, &d);
	dim = days_in_month(y - 18, m);
	return day_from_ymd(y - 18, m, d > dim ? dim : d);
}

/* The filter's conditions, each with named parameters bound by
 * bind_filter(). A person whose birth date is partial counts as a minor
 * when any day it allows does: protections err on the child's side. */
static void
add_filter(struct sql_buf *b, const struct list_filter *f)
{
	add(b, " WHERE 1");
	if (f->stage[0])
		add(b, " AND coalesce(stage, '') = :stage");
	if (f->nationality[0])
		add(b, " AND coalesce(nationality, '') = :nat");
	if (f->sex[0])
		add(b, " AND sex = :sex");
	if (f->age == AGE_MINOR || (f->flags & LF_UNACCOMPANIED))
		add(b, " AND birth_hi > :minor");
	if (f->age == AGE_ADULT)
		add(b, " AND birth_hi <= :minor");
	if (f->flags & LF_UNACCOMPANIED)
		add(b, " AND NOT EXISTS (SELECT 1 FROM relation r"
		       " WHERE r.other_id = person.id AND r.kind IN ('child', 'ward'))");
	if (f->flags & LF_REMOVAL_BARRED)
		add(b, " AND (coalesce(stage, '') = 'removal_barred' OR EXISTS"
		       " (SELECT 1 FROM event e WHERE e.person_id = person.id"
		       " AND e.kind = 'non_refoulement_assessment' AND e.outcome = 'risk'))");
	/* next_due is the earliest open or overdue deadline */
	if (f->flags & LF_OVERDUE)
		add(b, " AND next_due < :today");
	if (f->within)
		add(b, " AND next_due <= :within");
	if (f->flags & LF_INTERPRETER)
		add(b, " AND interpreter_needed = 1");
}

static void
bind_named_text(sqlite3_stmt *s, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i > 0)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static void
bind_named_int(sqlite3_stmt *s, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i > 0)
		sqlite3_bind_int64(s, i, v);
}

static void
bind_filter(sqlite3_stmt *s, const struct list_filter *f)
{
	bind_named_text(s, ":stage", f->stage);
	bind_named_text(s, ":nat", f->nationality);
	bind_named_text(s, ":sex", f->sex);
	bind_named_int(s, ":minor", minor_threshold(f->today));
	bind_named_int(s, ":today", f->today);
	bind_named_int(s, ":within", (int64_t)f->today + f->within_days);
}

void
sql_add(struct sql_buf *b, const char *text)
{
	add(b, text);
}

int32_t
store_minor_threshold(int32_t today)
{
	return minor_threshold(today);
}

void
store_filter_where(struct sql_buf *b, const struct list_filter *f)
{
	add_filter(b, f);
}

void
store_filter_bind(sqlite3_stmt *s, const struct list_filter *f)
{
	bind_filter(s, f);
}

/* Binds the keyset key of row to :k and :c. */
static void
bind_key(sqlite3_stmt *s, const struct sort_spec *spec, const struct list_row *row)
{
	int k = sqlite3_bind_parameter_index(s, ":k");

	if (k > 0) {
		if (spec->integer)
			sqlite3_bind_int64(s, k, strtoll(row->sort_key, NULL, 10));
		else
			sqlite3_bind_text(s, k, row->sort_key, -1, SQLITE_TRANSIENT);
	}
	bind_named_text(s, ":c", row->case_no);
}

/* Appends the keyset condition and the order. after: rows after the
 * key in the walking direction (inclusive: the key's row too). */
static void
add_order(struct sql_buf *b, const struct list_query *q, bool keyed,
          bool backward, bool inclusive)
{
	const struct sort_spec *spec = &sorts[q->sort];
	bool desc = q->descending ^ spec->reversed ^ backward;
	const char *cmp = desc ? (inclusive ? "<=" : "<") : (inclusive ? ">=" : ">");
	char part[512];

	if (keyed) {
		if (q->sort == SORT_CASE)
			snprintf(part, sizeof part, " AND case_no %s :c", cmp);
		else
			/* the plain bound first: SQLite seeks an expression index
			 * on it, but scans for a row value over an expression */
			snprintf(part, sizeof part, " AND %s %s :k AND (%s, case_no) %s (:k, :c)",
			         spec->expr, desc ? "<=" : ">=", spec->expr, cmp);
		add(b, part);
	}
	if (q->sort == SORT_CASE)
		snprintf(part, sizeof part, " ORDER BY case_no%s", desc ? " DESC" : "");
	else
		snprintf(part, sizeof part, " ORDER BY %s%s, case_no%s", spec->expr,
		         desc ? " DESC" : "", desc ? " DESC" : "");
	add(b, part);
}

static void
read_row(sqlite3_stmt *s, struct list_row *r)
{
	r->id = sqlite3_column_int64(s, 0);
	r->case_no = xstrdup(column_text(s, 1));
	r->family_name = xstrdup(column_text(s, 2));
	r->given_names = xstrdup(column_text(s, 3));
	r->native_name = xstrdup(column_text(s, 4));
	r->sex = xstrdup(column_text(s, 5));
	r->birth_date = xstrdup(column_text(s, 6));
	r->birth_lo = (int32_t)sqlite3_column_int(s, 7);
	r->birth_hi = (int32_t)sqlite3_column_int(s, 8);
	r->nationality = xstrdup(column_text(s, 9));
	r->stage = xstrdup(column_text(s, 10));
	r->stage_since = (int32_t)sqlite3_column_int(s, 11);
	r->next_due = (int32_t)sqlite3_column_int(s, 12);
	if (r->next_due == NO_NEXT_DUE)
		r->next_due = -1;
	r->next_clock = xstrdup(column_text(s, 13));
	r->sort_key = xstrdup(column_text(s, 14));
}

static void
select_columns(struct sql_buf *b, const struct list_query *q)
{
	add(b, "SELECT " ROW_COLUMNS ", ");
	add(b, sorts[q->sort].expr);
	add(b, " AS sk FROM person");
}

long
store_list_count(struct store *st, const struct list_query *q)
{
	struct sql_buf b = { .len = 0 };
	sqlite3_stmt *s;
	long n = -1;

	if (list_filter_empty(&q->filter))
		return store_person_count(st);
	add(&b, "SELECT count(*) FROM person");
	add_filter(&b, &q->filter);
	if (!(s = store_cached_sql(st, b.s)))
		return -1;
	bind_filter(s, &q->filter);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

bool
store_list_any(struct store *st, const struct list_query *q)
{
	struct sql_buf b = { .len = 0 };
	sqlite3_stmt *s;
	bool any = false;

	add(&b, "SELECT EXISTS (SELECT 1 FROM person");
	add_filter(&b, &q->filter);
	add(&b, ")");
	if (!(s = store_cached_sql(st, b.s)))
		return false;
	bind_filter(s, &q->filter);
	if (sqlite3_step(s) == SQLITE_ROW)
		any = sqlite3_column_int(s, 0) != 0;
	sqlite3_reset(s);
	return any;
}

/* Runs a row query built by the caller and reads up to n rows. */
static int
fetch_rows(sqlite3_stmt *s, int n, struct list_row *rows, struct store *st)
{
	int got = 0, src;

	while (got < n && (src = sqlite3_step(s)) == SQLITE_ROW)
		read_row(s, &rows[got++]);
	if (got < n && src != SQLITE_DONE) {
		store_fail(st, src, "cannot read the case list");
		list_rows_clear(rows, got);
		got = -1;
	}
	sqlite3_reset(s);
	return got;
}

int
store_list_page(struct store *st, const struct list_query *q,
                const struct list_row *after, bool backward, int n,
                struct list_row *rows)
{
	struct sql_buf b = { .len = 0 };
	sqlite3_stmt *s;

	if (n <= 0)
		return 0;
	select_columns(&b, q);
	add_filter(&b, &q->filter);
	add_order(&b, q, after != NULL, backward, false);
	add(&b, " LIMIT :n");
	if (!(s = store_cached_sql(st, b.s)))
		return -1;
	bind_filter(s, &q->filter);
	if (after)
		bind_key(s, &sorts[q->sort], after);
	bind_named_int(s, ":n", n);
	return fetch_rows(s, n, rows, st);
}

enum status
store_list_row(struct store *st, const struct list_query *q, const char *case_no,
               int64_t id, struct list_row *out)
{
	struct sql_buf b = { .len = 0 };
	sqlite3_stmt *s;
	int got;

	select_columns(&b, q);
	add_filter(&b, &q->filter);
	add(&b, case_no ? " AND case_no = :c" : " AND id = :id");
	if (!(s = store_cached_sql(st, b.s)))
		return ST_ERR_DB;
	bind_filter(s, &q->filter);
	if (case_no)
		bind_named_text(s, ":c", case_no);
	else
		bind_named_int(s, ":id", id);
	got = fetch_rows(s, 1, out, st);
	return got == 1 ? ST_OK : got == 0 ? ST_ERR_NOT_FOUND : ST_ERR_DB;
}

long
store_list_rank(struct store *st, const struct list_query *q,
                const struct list_row *row, bool *exact)
{
	struct sql_buf b = { .len = 0 };
	sqlite3_stmt *s;
	long n = -1;

	/* Counting the rows before this one walks the index up to it: a few
	 * milliseconds per 100,000 rows, paid only after a jump. */
	*exact = true;
	add(&b, "SELECT count(*) FROM person");
	add_filter(&b, &q->filter);
	/* the rows before: walking backward from the row, exclusive */
	add_order(&b, q, true, true, false);
	if (!(s = store_cached_sql(st, b.s)))
		return -1;
	bind_filter(s, &q->filter);
	bind_key(s, &sorts[q->sort], row);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0) + 1;
	sqlite3_reset(s);
	return n;
}

void
list_rows_clear(struct list_row *rows, int n)
{
	for (int i = 0; i < n; i++) {
		free(rows[i].case_no);
		free(rows[i].family_name);
		free(rows[i].given_names);
		free(rows[i].native_name);
		free(rows[i].sex);
		free(rows[i].birth_date);
		free(rows[i].nationality);
		free(rows[i].stage);
		free(rows[i].next_clock);
		free(rows[i].sort_key);
		memset(&rows[i], 0, sizeof rows[i]);
	}
}

static bool
isalnum_ascii(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The FTS5 query for what the user typed: each word folded exactly as
 * the index was (u8_fold), quoted, as a prefix; all must match. NULL
 * when there is no word. */
static char *
match_expression(const char *text)
{
	size_t need = u8_fold(text, NULL, 0) + 1;
	char *folded = xmalloc(need), *out, *o;
	const char *p;
	bool any = false;

	u8_fold(text, folded, need);
	out = o = xmalloc(need * 3 + 8);
	for (p = folded; *p;) {
		/* words: runs of anything but ASCII blanks and punctuation
		 * (the tokenizer splits on those too) */
		while (*p && (unsigned char)*p < 0x80 && !isalnum_ascii(*p))
			p++;
		if (!*p)
			break;
		*o++ = '"';
		while (*p && !((unsigned char)*p < 0x80 && !isalnum_ascii(*p))) {
			if (*p == '"')
				*o++ = '"';
			*o++ = *p++;
		}
		*o++ = '"';
		*o++ = '*';
		*o++ = ' ';
		any = true;
	}
	*o = '\0';
	free(folded);
	if (!any) {
		free(out);
		return NULL;
	}
	return out;
}

/* What was typed as folded words, for testing rows in C: at most
 * MAX_WORDS, pointing into one buffer; words[n] is NULL. */
#define MAX_WORDS 16

struct query_words {
	char *buf;
	const char *words[MAX_WORDS + 1];
};

static bool
is_separator(char c)
{
	return (unsigned char)c < 0x80 && !isalnum_ascii(c);
}

static void
query_words_init(struct query_words *w, const char *text)
{
	size_t need = u8_fold(text, NULL, 0) + 1, n = 0;
	char *p;

	w->buf = xmalloc(need);
	u8_fold(text, w->buf, need);
	for (p = w->buf; *p && n < MAX_WORDS;) {
		while (*p && is_separator(*p))
			p++;
		if (!*p)
			break;
		w->words[n++] = p;
		while (*p && !is_separator(*p))
			p++;
		if (*p)
			*p++ = '\0';
	}
	w->words[n] = NULL;
}

/* Whether each word starts a word of the (folded) text, as the FTS5
 * prefix query asks. */
static bool
text_matches(const char *text, const char *const *words)
{
	for (; *words; words++) {
		size_t n = strlen(*words);
		const char *p = text;
		bool found = false;

		while (*p && !found) {
			while (*p && is_separator(*p))
				p++;
			if (strncmp(p, *words, n) == 0 && *p)
				found = true;
			while (*p && !is_separator(*p))
				p++;
		}
		if (!found)
			return false;
	}
	return true;
}

/* Few matches: the matching ids first (FTS5), then the first of them
 * in the list's order. Many (a one-letter prefix over a million names):
 * first look at the next WALK rows of the list, testing each, where the
 * next match usually is; only when it is not there, fetch every match.
 * A keystroke so reads a few thousand rows, never every match, unless
 * the matches are both many and far away. */
#define WALK 1000

static bool
few_matches(struct store *st, const char *match)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT count(*) FROM (SELECT rowid FROM person_name_fts"
		" WHERE person_name_fts MATCH :m LIMIT :few)");
	long few = st->search_few > 0 ? st->search_few : 2000, n = few;

	if (!s)
		return false;
	bind_named_text(s, ":m", match);
	bind_named_int(s, ":few", few);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n < few;
}

static int
search_from(struct store *st, const struct list_query *q, const char *match,
            const char *const *words, bool walk, const struct list_row *from,
            bool backward, bool inclusive, struct list_row *out)
{
	struct sql_buf b = { .len = 0 };
	sqlite3_stmt *s;

	if (walk) {
		bool desc = q->descending ^ sorts[q->sort].reversed ^ backward;
		char order[96];

		/* the next WALK rows with their indexed text (the FTS table's
		 * own content), tested here: cheaper than a MATCH a row */
		add(&b, "SELECT w.*, c.c0 FROM (");
		select_columns(&b, q);
		add_filter(&b, &q->filter);
		add_order(&b, q, from != NULL, backward, inclusive);
		add(&b, " LIMIT " STR(WALK) ") AS w JOIN person_name_fts_content c ON c.id = w.id");
		snprintf(order, sizeof order, " ORDER BY sk%s, case_no%s",
		         desc ? " DESC" : "", desc ? " DESC" : "");
		add(&b, order);
	} else {
		select_columns(&b, q);
		add_filter(&b, &q->filter);
		add(&b, " AND id IN (SELECT rowid FROM person_name_fts"
		        " WHERE person_name_fts MATCH :m)");
		add_order(&b, q, from != NULL, backward, inclusive);
		add(&b, " LIMIT 1");
	}
	if (!(s = store_cached_sql(st, b.s)))
		return -1;
	bind_filter(s, &q->filter);
	if (from)
		bind_key(s, &sorts[q->sort], from);
	if (!walk) {
		bind_named_text(s, ":m", match);
		return fetch_rows(s, 1, out, st);
	}
	{
		int src, got = 0;

		while ((src = sqlite3_step(s)) == SQLITE_ROW)
			if (text_matches(column_text(s, 15), words)) {
				read_row(s, out);
				got = 1;
				break;
			}
		if (!got && src != SQLITE_DONE)
			got = -1, store_fail(st, src, "cannot search the list");
		sqlite3_reset(s);
		return got;
	}
}

/* The next match from `from`: the walk when matches are many, then (or
 * else) the fetch of every match. */
static int
search_next(struct store *st, const struct list_query *q, const char *match,
            const char *const *words, bool few, const struct list_row *from,
            bool backward, bool inclusive, struct list_row *out)
{
	int got = few ? 0 : search_from(st, q, match, words, true, from, backward,
	                                inclusive, out);

	return got ? got : search_from(st, q, match, words, false, from, backward,
	                               inclusive, out);
}

enum status
store_search(struct store *st, const struct list_query *q, const char *text,
             const struct list_row *from, bool backward, bool inclusive,
             struct list_row *out, bool *wrapped)
{
	char *match = match_expression(text);
	struct query_words w;
	bool few;
	int got;

	*wrapped = false;
	if (!match)
		return ST_ERR_NOT_FOUND;
	query_words_init(&w, text);
	few = few_matches(st, match);
	got = search_next(st, q, match, w.words, few, from, backward, inclusive, out);
	if (got == 0 && from) {
		*wrapped = true;
		got = search_next(st, q, match, w.words, few, NULL, backward, false, out);
	}
	free(w.buf);
	free(match);
	return got == 1 ? ST_OK : got == 0 ? ST_ERR_NOT_FOUND : ST_ERR_DB;
}

/* --- the deadline view ------------------------------------------------------ */
void
deadline_rows_clear(struct deadline_row *rows, int n)
{
	for (int i = 0; i < n; i++) {
		free(rows[i].case_no);
		free(rows[i].family_name);
		free(rows[i].given_names);
		free(rows[i].stage);
		free(rows[i].clock);
		free(rows[i].rule);
		free(rows[i].arithmetic);
		memset(&rows[i], 0, sizeof rows[i]);
	}
}

long
store_deadline_count(struct store *st, int32_t today, int within_days)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT count(*) FROM deadline INDEXED BY deadline_open_due"
		" WHERE status IN ('open', 'overdue') AND due <= :until");
	long n = -1;

	if (!s)
		return -1;
	bind_named_int(s, ":until", (int64_t)today + within_days);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

int
store_deadline_page(struct store *st, int32_t today, int within_days,
                    const struct deadline_row *after, bool backward, int n,
                    struct deadline_row *rows)
{
	/* deadline_open_due holds the open clocks in this order, so a page
	 * is a seek and never a sort of every open clock; the plain bound on
	 * due lets SQLite seek before comparing the row value */
	static const char *const sql[2][2] = {
		{ "SELECT d.person_id, p.case_no, p.family_name, p.given_names,"
		  " coalesce(p.stage, ''), d.clock, d.rule, d.arithmetic, d.due, d.due_latest"
		  " FROM deadline d INDEXED BY deadline_open_due JOIN person p ON p.id = d.person_id"
		  " WHERE d.status IN ('open', 'overdue') AND d.due <= :until"
		  " ORDER BY d.due, d.person_id, d.clock LIMIT :n",
		  "SELECT d.person_id, p.case_no, p.family_name, p.given_names,"
		  " coalesce(p.stage, ''), d.clock, d.rule, d.arithmetic, d.due, d.due_latest"
		  " FROM deadline d INDEXED BY deadline_open_due JOIN person p ON p.id = d.person_id"
		  " WHERE d.status IN ('open', 'overdue') AND d.due <= :until"
		  " AND d.due >= :due AND (d.due, d.person_id, d.clock) > (:due, :pid, :clock)"
		  " ORDER BY d.due, d.person_id, d.clock LIMIT :n" },
		{ "SELECT d.person_id, p.case_no, p.family_name, p.given_names,"
		  " coalesce(p.stage, ''), d.clock, d.rule, d.arithmetic, d.due, d.due_latest"
		  " FROM deadline d INDEXED BY deadline_open_due JOIN person p ON p.id = d.person_id"
		  " WHERE d.status IN ('open', 'overdue') AND d.due <= :until"
		  " ORDER BY d.due DESC, d.person_id DESC, d.clock DESC LIMIT :n",
		  "SELECT d.person_id, p.case_no, p.family_name, p.given_names,"
		  " coalesce(p.stage, ''), d.clock, d.rule, d.arithmetic, d.due, d.due_latest"
		  " FROM deadline d INDEXED BY deadline_open_due JOIN person p ON p.id = d.person_id"
		  " WHERE d.status IN ('open', 'overdue') AND d.due <= :until"
		  " AND d.due <= :due AND (d.due, d.person_id, d.clock) < (:due, :pid, :clock)"
		  " ORDER BY d.due DESC, d.person_id DESC, d.clock DESC LIMIT :n" },
	};
	sqlite3_stmt *s = store_cached_sql(st, sql[backward][after != NULL]);
	int got = 0, src = SQLITE_DONE;

	if (!s)
		return -1;
	bind_named_int(s, ":until", (int64_t)today + within_days);
	bind_named_int(s, ":n", n);
	if (after) {
		bind_named_int(s, ":due", after->due);
		bind_named_int(s, ":pid", after->person_id);
		bind_named_text(s, ":clock", after->clock);
	}
	while (got < n && (src = sqlite3_step(s)) == SQLITE_ROW) {
		struct deadline_row *r = &rows[got++];

		r->person_id = sqlite3_column_int64(s, 0);
		r->case_no = xstrdup(column_text(s, 1));
		r->family_name = xstrdup(column_text(s, 2));
		r->given_names = xstrdup(column_text(s, 3));
		r->stage = xstrdup(column_text(s, 4));
		r->clock = xstrdup(column_text(s, 5));
		r->rule = xstrdup(column_text(s, 6));
		r->arithmetic = xstrdup(column_text(s, 7));
		r->due = (int32_t)sqlite3_column_int(s, 8);
		r->due_latest = (int32_t)sqlite3_column_int(s, 9);
		r->overdue = r->due_latest < today;
	}
	if (got < n && src != SQLITE_DONE) {
		store_fail(st, src, "cannot read the deadlines");
		deadline_rows_clear(rows, got);
		got = -1;
	}
	sqlite3_reset(s);
	return got;
}

char *
store_list_explain(struct store *st, const struct list_query *q, char *buf, size_t len)
{
	struct sql_buf b = { .len = 0 };
	sqlite3_stmt *s = NULL;
	size_t at = 0;

	buf[0] = '\0';
	add(&b, "EXPLAIN QUERY PLAN ");
	select_columns(&b, q);
	add_filter(&b, &q->filter);
	add_order(&b, q, true, false, false);
	add(&b, " LIMIT :n");
	if (store_prepare(st, b.s, &s) != ST_OK)
		return buf;
	while (sqlite3_step(s) == SQLITE_ROW && at < len) {
		int n = snprintf(buf + at, len - at, "%s%s", at ? "; " : "", column_text(s, 3));

		if (n > 0)
			at += (size_t)n;
	}
	sqlite3_finalize(s);
	return buf;
}
