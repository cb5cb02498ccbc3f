/* store_list.c: the case list's rows. Sorted by any column, filtered,
 * searched and paged by key: each page is "the next n rows after this
 * (value, case_no)", which an index ending in case_no answers with one
 * seek (schema 3 has one per order). The sort expression is written
 * exactly as in its index, and never wrapped in COLLATE, or the seek
 * turns into a scan (DESIGN.md 6). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/date.h"
#include "casepath/i18n.h"
#include "casepath/namekey.h"
#include "casepath/store_view.h"
#include "casepath/u8.h"
#include "casepath/util.h"
#include "store_internal.h"

struct sort_spec {
	const char *expr;   /* as in the index */
	const char *index;  /* the index: (expr, case_no) */
	bool integer;       /* bind the key as a number */
	bool reversed;      /* ascending means the expression descending */
	/* the index (coalesce(nationality, ''), expr, case_no), if any:
	 * walked under a nationality filter (migration 11) */
	const char *nat_index;
};

static const struct sort_spec sorts[SORT_COUNT] = {
	/* case_no's UNIQUE constraint: the table's first */
	[SORT_CASE] = { "case_no", "sqlite_autoindex_person_1", false, false },
	[SORT_NAME] = { "name_key", "person_name", false, false, "person_nat_name" },
	[SORT_NATIVE] = { "native_name", "person_native", false, false },
	[SORT_SEX] = { "sex", "person_sex", false, false },
	[SORT_BORN] = { "coalesce(birth_lo, -1)", "person_born", true, false },
	[SORT_NAT] = { "coalesce(nationality, '')", "person_nat", false, false },
	[SORT_STAGE] = { "coalesce(stage, '')", "person_stage_key", false, false },
	/* more days in the stage = an earlier start */
	[SORT_DAYS] = { "coalesce(stage_since, -1)", "person_since", true, true },
	[SORT_DEADLINE] = { "next_due", "person_next_due", true, false },
};

/* The name order in the Turkish alphabet (store_set_name_order). */
static const struct sort_spec sort_name_tr = { "name_key_tr", "person_name_tr", false, false,
                                               "person_nat_name_tr" };

/* The order sort takes on this store: every query of one walk (page,
 * seek, rank, search) names the same expression and index. */
static const struct sort_spec *
spec_of(const struct store *st, enum list_sort sort)
{
	if (sort == SORT_NAME && st->name_order == NAME_ORDER_TR)
		return &sort_name_tr;
	return &sorts[sort];
}

void
store_set_name_order(struct store *st, enum name_order order)
{
	if (st->name_order != order)
		store_search_forget(st);
	st->name_order = order;
}

#define ROW_COLUMNS \
	"id, case_no, family_name, given_names, native_name, sex, birth_date," \
	" coalesce(birth_lo, -1), coalesce(birth_hi, -1)," \
	" coalesce(nationality, ''), coalesce(stage, '')," \
	" coalesce(stage_since, -1), next_due, next_clock, overdue_after"

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
add_conditions_of(struct sql_buf *b, const struct list_filter *f, bool live)
{
	/* a record absorbed by a merge is no longer a case: the list, its
	 * counts and the report leave it out (store_dup.h) */
	if (live)
		add(b, " AND merged_into IS NULL");
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
	/* overdue in the legal sense, the deadline view's: an open clock's
	 * last permissible day has passed (overdue_after, migration 12) and
	 * it has not lapsed since it was derived */
	if (f->flags & LF_OVERDUE)
		add(b, " AND overdue_after < :today AND EXISTS (SELECT 1 FROM deadline d"
		       " WHERE d.person_id = person.id AND d.status IN ('open', 'overdue')"
		       " AND d.due_latest < :today AND d.lapses > :today)");
	/* next_due is the earliest open or overdue deadline */
	if (f->within)
		add(b, " AND next_due <= :within");
	if (f->flags & LF_INTERPRETER)
		add(b, " AND interpreter_needed = 1");
}

static void
add_conditions(struct sql_buf *b, const struct list_filter *f)
{
	add_conditions_of(b, f, true);
}

static void
add_filter(struct sql_buf *b, const struct list_filter *f)
{
	add(b, " WHERE 1");
	add_conditions(b, f);
}

/* Counting: every row the filter selects, absorbed or not, over the
 * filter's covering index, less the absorbed ones it selects, read
 * through the small partial index of merged records (person_merged):
 * the condition merged_into IS NULL in the count itself would read the
 * row of every person counted. */
static const char *const count_parts[2] = {
	"SELECT count(*) FROM person WHERE 1",
	"SELECT count(*) FROM person INDEXED BY person_merged"
	" WHERE merged_into IS NOT NULL",
};

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

/* Whether the filter holds the sort's value to one (nat=SYR sorted by
 * nationality): then the order is case_no's within it. Said so, since
 * SQLite does not see that an expression equal to a constant orders
 * nothing, and would sort every row the filter selects. */
static bool
pinned(const struct list_query *q)
{
	return (q->sort == SORT_NAT && q->filter.nationality[0]) ||
	       (q->sort == SORT_STAGE && q->filter.stage[0]) ||
	       (q->sort == SORT_SEX && q->filter.sex[0]);
}

/* A keyed walk (rows after a key in the walking direction) reads two
 * ranges, each one seek in the order's index (value, case_no): the rows
 * tied with the key's value past its case number, then the rows past
 * the value. In one query, a row value (value, case_no) > (:k, :c) is
 * not sought on an expression index (coalesce(stage, '')), SQLite scans;
 * and a bound on the value as well (value >= :k AND the row value) seeks
 * to the value's first row, then passes over every row up to the key's:
 * half a million in the sex order at a million persons, 50 to 400 ms a
 * page. In case order (or under a filter that pins the value) the key is
 * one column, and the ties are the whole walk. */
enum key_part { KEY_NONE, KEY_TIES, KEY_PAST };

static bool
by_case(const struct list_query *q)
{
	return q->sort == SORT_CASE || pinned(q);
}

/* The parts a walk from `keyed` reads, first to last. */
static enum key_part
first_part(bool keyed)
{
	return keyed ? KEY_TIES : KEY_NONE;
}

static enum key_part
last_part(const struct list_query *q, bool keyed)
{
	return !keyed ? KEY_NONE : by_case(q) ? KEY_TIES : KEY_PAST;
}

/* Appends part's keyset condition and the order. Inclusive: the key's
 * row too. */
static void
add_order(const struct store *st, struct sql_buf *b, const struct list_query *q,
          enum key_part part, bool backward, bool inclusive)
{
	const struct sort_spec *spec = spec_of(st, q->sort);
	bool desc = q->descending ^ spec->reversed ^ backward;
	const char *cmp = desc ? (inclusive ? "<=" : "<") : (inclusive ? ">=" : ">");
	char text[512];

	if (part == KEY_TIES && by_case(q))
		snprintf(text, sizeof text, " AND case_no %s :c", cmp);
	else if (part == KEY_TIES)
		snprintf(text, sizeof text, " AND %s = :k AND case_no %s :c", spec->expr, cmp);
	else if (part == KEY_PAST)
		snprintf(text, sizeof text, " AND %s %s :k", spec->expr, desc ? "<" : ">");
	else
		text[0] = '\0';
	add(b, text);
	/* ties: the value is one, which SQLite does not see of an
	 * expression (it would sort them all), so case_no alone */
	if (by_case(q) || part == KEY_TIES)
		snprintf(text, sizeof text, " ORDER BY case_no%s", desc ? " DESC" : "");
	else
		snprintf(text, sizeof text, " ORDER BY %s%s, case_no%s", spec->expr,
		         desc ? " DESC" : "", desc ? " DESC" : "");
	add(b, text);
}

/* Ends b, a walk's query, with part's keyset condition, its order and
 * a LIMIT, and gives it prepared and bound (NULL on failure). */
static sqlite3_stmt *
walk_stmt(struct store *st, struct sql_buf *b, const struct list_query *q,
          enum key_part part, const struct list_row *from, bool backward,
          bool inclusive, long limit)
{
	sqlite3_stmt *s;

	add_order(st, b, q, part, backward, inclusive);
	add(b, " LIMIT :n");
	if (!(s = store_cached_sql(st, b->s)))
		return NULL;
	bind_filter(s, &q->filter);
	if (from)
		bind_key(s, spec_of(st, q->sort), from);
	bind_named_int(s, ":n", limit);
	return s;
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
	r->overdue_after = (int32_t)sqlite3_column_int(s, 14);
	r->sort_key = xstrdup(column_text(s, 15));
}

/* The index a walk of the list takes: its order's; in case order under a
 * nationality, stage or sex filter, that filter's, which ends in case_no
 * too and holds only the rows the filter selects. */
static const char *
walk_index(const struct store *st, const struct list_query *q)
{
	/* the order within one nationality: only its rows are walked */
	if (q->filter.nationality[0] && spec_of(st, q->sort)->nat_index)
		return spec_of(st, q->sort)->nat_index;
	if (q->sort == SORT_CASE && q->filter.nationality[0])
		return sorts[SORT_NAT].index;
	if (q->sort == SORT_CASE && q->filter.stage[0])
		return sorts[SORT_STAGE].index;
	if (q->sort == SORT_CASE && q->filter.sex[0])
		return sorts[SORT_SEX].index;
	return spec_of(st, q->sort)->index;
}

/* The list's columns. A query walking the list names the order's index:
 * with a filter SQLite would otherwise pick the filter's index and sort
 * every row it selects (nat=SYR by name: 85,000 rows, seconds at a
 * million persons) where the walk reads a few hundred. */
static void
select_columns_from(const struct store *st, struct sql_buf *b,
                    const struct list_query *q, const char *extra, bool walk)
{
	add(b, "SELECT " ROW_COLUMNS ", ");
	add(b, spec_of(st, q->sort)->expr);
	add(b, " AS sk");
	add(b, extra);
	add(b, " FROM person");
	if (walk) {
		add(b, " INDEXED BY ");
		add(b, walk_index(st, q));
	}
}

static void
select_columns(const struct store *st, struct sql_buf *b, const struct list_query *q)
{
	select_columns_from(st, b, q, "", true);
}

long
store_list_count(struct store *st, const struct list_query *q)
{
	struct sql_buf b = { .len = 0 };
	sqlite3_stmt *s;
	long n = -1;

	n = 0;
	for (int part = 0; part < 2; part++) {
		long got = -1;

		b.len = 0;
		if (part == 0 && list_filter_empty(&q->filter)) {
			got = store_person_count(st);
		} else {
			add(&b, count_parts[part]);
			add_conditions_of(&b, &q->filter, false);
			if (!(s = store_cached_sql(st, b.s)))
				return -1;
			bind_filter(s, &q->filter);
			if (sqlite3_step(s) == SQLITE_ROW)
				got = (long)sqlite3_column_int64(s, 0);
			sqlite3_reset(s);
		}
		if (got < 0)
			return -1;
		n += part ? -got : got;
	}
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
		store_fail(st, src, _("cannot read the case list"));
		list_rows_clear(rows, got);
		got = -1;
	}
	sqlite3_reset(s);
	return got;
}

/* below, with the search's sets it shares */
static bool filter_bits_hold(struct store *st, const struct list_query *q);

int
store_list_page(struct store *st, const struct list_query *q,
                const struct list_row *after, bool backward, int n,
                struct list_row *rows)
{
	bool bits = filter_bits_hold(st, q);
	int got = 0;

	for (enum key_part part = first_part(after != NULL);
	     part <= last_part(q, after != NULL) && got < n; part++) {
		struct sql_buf b = { .len = 0 };
		sqlite3_stmt *s;
		int more;

		select_columns(st, &b, q);
		add(&b, bits ? " WHERE casepath_in_filter(id)" : " WHERE 1");
		add_conditions(&b, &q->filter);
		s = walk_stmt(st, &b, q, part, after, backward, false, n - got);
		more = s ? fetch_rows(s, n - got, rows + got, st) : -1;
		if (more < 0) {
			list_rows_clear(rows, got);
			return -1;
		}
		got += more;
	}
	return got;
}

enum status
store_list_row(struct store *st, const struct list_query *q, const char *case_no,
               int64_t id, struct list_row *out)
{
	struct sql_buf b = { .len = 0 };
	sqlite3_stmt *s;
	int got;

	select_columns_from(st, &b, q, "", false);
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
	bool bits;

	/* Counting the rows before this one walks the index up to it: a few
	 * milliseconds per 100,000 rows, paid only after a jump. */
	*exact = true;
	n = 1;
	/* with the filter's bits, which hold its live rows exactly for the
	 * data as it is (filter_bits_hold), they alone count: the index
	 * alone is read, and there are no absorbed rows to take off */
	bits = filter_bits_hold(st, q);
	for (int which = 0; which < (bits ? 1 : 2); which++)
	for (enum key_part part = KEY_TIES; part <= last_part(q, true); part++) {
		long got = -1;

		b.len = 0;
		if (bits) {
			add(&b, "SELECT count(*) FROM person WHERE casepath_in_filter(id)");
		} else {
			add(&b, count_parts[which]);
			add_conditions_of(&b, &q->filter, false);
		}
		/* the rows before: walking backward from the row, exclusive */
		add_order(st, &b, q, part, true, false);
		if (!(s = store_cached_sql(st, b.s)))
			return -1;
		bind_filter(s, &q->filter);
		bind_key(s, spec_of(st, q->sort), row);
		if (sqlite3_step(s) == SQLITE_ROW)
			got = (long)sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (got < 0)
			return -1;
		n += which ? -got : got;
	}
	return n;
}

void
list_row_copy(struct list_row *dst, const struct list_row *src)
{
	*dst = *src;
	dst->case_no = xstrdup(src->case_no);
	dst->family_name = xstrdup(src->family_name);
	dst->given_names = xstrdup(src->given_names);
	dst->native_name = xstrdup(src->native_name);
	dst->sex = xstrdup(src->sex);
	dst->birth_date = xstrdup(src->birth_date);
	dst->nationality = xstrdup(src->nationality);
	dst->stage = xstrdup(src->stage);
	dst->next_clock = xstrdup(src->next_clock);
	dst->sort_key = xstrdup(src->sort_key);
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

/* --- match sets ---------------------------------------------------------------
 * A search's matches are a bitmap of person ids (bit id: id matches),
 * read from an FTS5 index and kept while its MATCH text and the data
 * stay the same (the next keystroke, n and N read it again). The first
 * match after a row in the list's order is then found one of two ways:
 * - the walk: the list in its order, asking casepath_in_set(id) of
 *   each row. The id is in every list index, so SQLite tests the bit on
 *   the index entry before it reads the row (0.05 us a row on the case
 *   order), and reads the row, for the filter, only of the rows whose
 *   bit is set. Matches clustered far away make the walk long, so it
 *   gives up once it has cost what the fetch would;
 * - the fetch: each match's row looked up by id (about 3 us a match at
 *   a million persons), the filter tested there, and the first in the
 *   list's order kept in C: never a sort of the matches.
 * Together never worse than twice the better of the two. */
#define SET_FEW 256            /* below this many matches, fetch at once */
#define FETCH_US_PER_MATCH 3
#define WALK_MIN_US 1000

/* casepath_in_set(id) with the set as user data: whether the person is
 * in it. Fails once the walk's budget is spent (looking at the clock
 * every 1024 rows), which set_next reads as "far". */
static void
sql_in_set(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct match_set *m = sqlite3_user_data(ctx);
	sqlite3_int64 id = sqlite3_value_int64(argv[0]);

	(void)argc;
	m->walked++;
	if ((m->budget > 0 && m->walked > m->budget) ||
	    ((m->walked & 1023) == 0 && mono_us() > m->walk_until)) {
		m->over_budget = true;
		sqlite3_result_error(ctx, "search: walk budget spent", -1);
		return;
	}
	sqlite3_result_int(ctx, id >= 0 && (uint64_t)id >> 6 < m->nwords &&
	                        ((m->bits[id >> 6] >> (id & 63)) & 1));
}

static int64_t
data_version(struct store *st)
{
	sqlite3_stmt *s = store_cached_sql(st, "PRAGMA data_version");
	int64_t v = -1;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	if (s)
		sqlite3_reset(s);
	return v;
}

/* Whether m holds the matches of match on the data as it is now. */
static bool
set_holds(struct store *st, const struct match_set *m, const char *match)
{
	return m->match && strcmp(m->match, match) == 0 &&
	       m->version == data_version(st) &&
	       m->changes == sqlite3_total_changes64(st->db);
}

/* Registers fn, the walk's test of m's bits, on first use. */
static enum status
set_register(struct store *st, struct match_set *m, const char *fn)
{
	int src;

	if (m->fn_ready)
		return ST_OK;
	src = sqlite3_create_function(st->db, fn, 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
	                              m, sql_in_set, NULL, NULL);
	if (src != SQLITE_OK)
		return store_fail(st, src, "cannot register the search function");
	m->fn_ready = true;
	return ST_OK;
}

/* Makes m hold bits for at least id, the new words clear. */
static void
set_grow(struct match_set *m, size_t word)
{
	size_t n;

	if (word < m->nwords)
		return;
	n = word + 1 > m->nwords * 2 ? word + 1 : m->nwords * 2;
	m->bits = xrealloc(m->bits, n * sizeof *m->bits);
	memset(m->bits + m->nwords, 0, (n - m->nwords) * sizeof *m->bits);
	m->nwords = n;
}

/* Fills m with the ids the bound statement s returns, as the set of key. */
static enum status
set_fill(struct store *st, struct match_set *m, sqlite3_stmt *s, const char *key)
{
	int src;

	xfree(&m->match);
	if (m->nwords)
		memset(m->bits, 0, m->nwords * sizeof *m->bits);
	m->count = 0;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		size_t word = (size_t)(id >> 6);

		if (id < 0)
			continue;
		set_grow(m, word);
		m->bits[word] |= (uint64_t)1 << (id & 63);
		m->count++;
	}
	sqlite3_reset(s);
	if (src != SQLITE_DONE)
		return store_fail(st, src, "cannot read the search index");
	m->match = xstrdup(key);
	m->version = data_version(st);
	m->changes = sqlite3_total_changes64(st->db);
	return ST_OK;
}

/* Fills m with the ids `sql` (binding match as ?1) returns, unless it
 * already holds them. Registers fn, the walk's test, on first use. */
static enum status
set_load(struct store *st, struct match_set *m, const char *fn, const char *sql,
         const char *match)
{
	sqlite3_stmt *s;
	enum status rc;

	if ((rc = set_register(st, m, fn)) != ST_OK)
		return rc;
	if (set_holds(st, m, match))
		return ST_OK;
	if (!(s = store_cached_sql(st, sql)))
		return ST_ERR_DB;
	sqlite3_bind_text(s, 1, match, -1, SQLITE_TRANSIENT);
	return set_fill(st, m, s, match);
}

#define FILTER_KEY_LEN 240

/* The filter as the key of its rows' set: its text and the day it was
 * read on (the minor and overdue tests depend on it). */
static void
filter_key(const struct list_filter *f, char *key, size_t len)
{
	char text[200];

	list_filter_format(f, text, sizeof text);
	snprintf(key, len, "%s today=%ld", text, (long)f->today);
}

/* The filter's rows (st->filtered): every live person it selects, read
 * once for the filter and the data as they are (by whatever index
 * SQLite picks: nat=SYR is 85,000 index entries at a million persons,
 * about 10 ms), so that a keystroke only intersects it with its matches.
 * Sets *loaded when it read them now. */
static enum status
filter_load(struct store *st, const struct list_filter *f, bool *loaded)
{
	struct match_set *m = &st->filtered;
	struct sql_buf b = { .len = 0 };
	char key[FILTER_KEY_LEN];
	sqlite3_stmt *s;
	enum status rc;
	int src;

	*loaded = false;
	filter_key(f, key, sizeof key);
	if (set_holds(st, m, key))
		return ST_OK;
	/* every row the filter selects, over its index alone, less the
	 * absorbed ones (merged_into IS NULL in the query itself would
	 * read the row of each: a second, not 10 ms) */
	add(&b, "SELECT id FROM person WHERE 1");
	add_conditions_of(&b, f, false);
	if (!(s = store_cached_sql(st, b.s)))
		return ST_ERR_DB;
	bind_filter(s, f);
	*loaded = true;
	if ((rc = set_fill(st, m, s, key)) != ST_OK)
		return rc;
	if (!(s = store_cached_sql(st, "SELECT id FROM person INDEXED BY person_merged"
	                           " WHERE merged_into IS NOT NULL")))
		return ST_ERR_DB;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		size_t word = (size_t)(id >> 6);
		uint64_t bit = (uint64_t)1 << (id & 63);

		if (id >= 0 && word < m->nwords && (m->bits[word] & bit)) {
			m->bits[word] &= ~bit;
			m->count--;
		}
	}
	sqlite3_reset(s);
	if (src != SQLITE_DONE) {
		xfree(&m->match);
		return store_fail(st, src, "cannot read the search index");
	}
	return ST_OK;
}

/* out = a and b (a word at a time: 16,000 words at a million persons). */
static void
set_intersect(struct match_set *out, const struct match_set *a,
              const struct match_set *b)
{
	size_t n = a->nwords < b->nwords ? a->nwords : b->nwords;

	xfree(&out->match);   /* never kept: made again each time */
	if (n)
		set_grow(out, n - 1);
	out->count = 0;
	for (size_t w = 0; w < out->nwords; w++) {
		out->bits[w] = w < n ? a->bits[w] & b->bits[w] : 0;
		out->count += __builtin_popcountll(out->bits[w]);
	}
}

/* --- the filter's rows on the list's walks ---------------------------------
 * A walk in an order whose index does not hold the filter's column (the
 * sex order under nat=SYR) reads the row of each index entry it passes
 * to test the filter; where the filter's rows cluster, that is 100,000
 * rows for one page (300 ms at a million persons) and as many for the
 * rank. Once the filter's rows are held as bits (st->filtered, read as
 * idle work by store_search_prime on the search connection), the walk
 * tests the bit on the index entry first (the id is in every index,
 * 0.05 us) and reads only the rows it sets. The filter's conditions
 * stay in the query: the bits spare row reads, they never decide. */

/* casepath_in_filter(id), user data the main store: whether the id is
 * among the filter's rows (the set of its search connection). */
static void
sql_in_filter(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *st = sqlite3_user_data(ctx);
	const struct match_set *m = st->search ? &st->search->filtered : &st->filtered;
	sqlite3_int64 id = sqlite3_value_int64(argv[0]);

	(void)argc;
	sqlite3_result_int(ctx, id >= 0 && (uint64_t)id >> 6 < m->nwords &&
	                        ((m->bits[id >> 6] >> (id & 63)) & 1));
}

/* Whether a walk of q on st may test the filter's bits: held for this
 * filter and for the data as it is, the walk on the order's own index
 * (a filter's index holds only its rows already), outside a write
 * transaction (whose rows the set, read elsewhere, has not seen). */
static bool
filter_bits_hold(struct store *st, const struct list_query *q)
{
	struct store *s = st->search ? st->search : st;
	char key[FILTER_KEY_LEN];

	if (list_filter_empty(&q->filter) || st->in_tx ||
	    strcmp(walk_index(st, q), spec_of(st, q->sort)->index) != 0)
		return false;
	filter_key(&q->filter, key, sizeof key);
	if (!set_holds(s, &s->filtered, key))
		return false;
	if (!st->filter_fn_ready) {
		if (sqlite3_create_function(st->db, "casepath_in_filter", 1,
		                            SQLITE_UTF8 | SQLITE_DIRECTONLY, st,
		                            sql_in_filter, NULL, NULL) != SQLITE_OK)
			return false;
		st->filter_fn_ready = true;
	}
	return true;
}

/* The walk: the first row after `from` whose bit is set (fn tests it).
 * -2 when it spent its budget. */
static int
set_walk(struct store *st, const struct list_query *q, struct match_set *m,
         const char *fn, const struct list_row *from, bool backward,
         bool inclusive, struct list_row *out)
{
	int got = 0;

	m->walked = 0;
	m->over_budget = false;
	m->budget = st->search_budget;
	m->walk_until = mono_us() + (m->count * FETCH_US_PER_MATCH > WALK_MIN_US ?
	                            m->count * FETCH_US_PER_MATCH : WALK_MIN_US);
	for (enum key_part part = first_part(from != NULL);
	     part <= last_part(q, from != NULL) && got == 0; part++) {
		struct sql_buf b = { .len = 0 };
		sqlite3_stmt *s;

		/* the bit first: tested on the index entry, before the row is read */
		select_columns(st, &b, q);
		add(&b, " WHERE ");
		add(&b, fn);
		add(&b, "(id)");
		add_conditions(&b, &q->filter);
		if (!(s = walk_stmt(st, &b, q, part, from, backward, inclusive, 1)))
			return -1;
		got = fetch_rows(s, 1, out, st);
	}
	return got < 0 && m->over_budget ? -2 : got;
}

/* Where a row's (key, case_no) is against another's in the sort's
 * ascending order, as its index orders them (BINARY text, integers). */
static int
key_cmp(const struct sort_spec *spec, sqlite3_stmt *s, const struct list_row *r)
{
	int c;

	if (spec->integer) {
		long long a = sqlite3_column_int64(s, 0), b = strtoll(r->sort_key, NULL, 10);

		c = a < b ? -1 : a > b;
	} else {
		c = strcmp(column_text(s, 0), r->sort_key);
	}
	return c ? c : strcmp(column_text(s, 1), r->case_no);
}

/* The fetch: every match's key read by id (the filter tested there),
 * the first after `from` in the walking direction kept. */
static int
set_fetch(struct store *st, const struct list_query *q, const struct match_set *m,
          const struct list_row *from, bool backward, bool inclusive,
          struct list_row *out)
{
	const struct sort_spec *spec = spec_of(st, q->sort);
	bool desc = q->descending ^ spec->reversed ^ backward;
	struct sql_buf b = { .len = 0 };
	struct list_row best = { 0 };
	int64_t best_id = -1;
	sqlite3_stmt *s;
	int src = SQLITE_DONE;

	add(&b, "SELECT ");
	add(&b, spec->expr);
	add(&b, ", case_no FROM person");
	add_filter(&b, &q->filter);
	add(&b, " AND id = :id");
	if (!(s = store_cached_sql(st, b.s)))
		return -1;
	bind_filter(s, &q->filter);
	for (size_t w = 0; w < m->nwords && src == SQLITE_DONE; w++) {
		for (uint64_t bits = m->bits[w]; bits && src == SQLITE_DONE; bits &= bits - 1) {
			int64_t id = (int64_t)(w * 64 + (size_t)__builtin_ctzll(bits));
			int c;

			bind_named_int(s, ":id", id);
			if ((src = sqlite3_step(s)) == SQLITE_ROW) {
				src = SQLITE_DONE;
				c = from ? key_cmp(spec, s, from) : 0;
				if (from && !(desc ? c < 0 : c > 0) && !(inclusive && c == 0)) {
					sqlite3_reset(s);
					continue;
				}
				c = best_id < 0 ? 0 : key_cmp(spec, s, &best);
				if (best_id < 0 || (desc ? c > 0 : c < 0)) {
					free(best.sort_key);
					free(best.case_no);
					best.sort_key = xstrdup(column_text(s, 0));
					best.case_no = xstrdup(column_text(s, 1));
					best_id = id;
				}
			}
			sqlite3_reset(s);
		}
	}
	free(best.sort_key);
	free(best.case_no);
	if (src != SQLITE_DONE)
		return store_fail(st, src, "cannot search the list"), -1;
	if (best_id < 0)
		return 0;
	switch (store_list_row(st, q, NULL, best_id, out)) {
	case ST_OK: return 1;
	case ST_ERR_NOT_FOUND: return 0;
	default: return -1;
	}
}

/* The first match after `from`: walked when the matches are many
 * (from `few` up), fetched when few or when the walk gave up. */
static int
set_next(struct store *st, const struct list_query *q, struct match_set *m,
         const char *fn, long few, const struct list_row *from, bool backward,
         bool inclusive, struct list_row *out)
{
	int got = -2;

	if (m->count == 0)
		return 0;
	if (m->count >= few)
		got = set_walk(st, q, m, fn, from, backward, inclusive, out);
	if (got == -2)
		got = set_fetch(st, q, m, from, backward, inclusive, out);
	return got;
}

/* --- plain search ---------------------------------------------------------------
 * Three steps, each only when the one before did not answer:
 * 1. a common prefix (TEXT_WALK_FROM matches or more: "m" has 170,000
 *    at a million persons, and reading them all costs 30 to 70 ms) is
 *    first looked for in the next TEXT_WALK rows of the list, each row's
 *    names tested here: the next match is usually among them;
 * 2. the match set, read from person_name_fts (every prefix up to six
 *    characters is in its prefix index), walked or fetched as above;
 *    under a list filter, step 1 is left out and the set is first
 *    intersected with the filter's rows (st->filtered, read once:
 *    store_search_prime), so only matches the filter selects are
 *    walked or fetched, and none at all when there are none;
 * 3. a keystroke that makes the text longer narrows the set: its first
 *    match cannot come before the last keystroke's, so the search starts
 *    there (and a text that matched nothing still matches nothing). */
#define TEXT_WALK 256

/* From how many matches the text walk goes first. It costs two page
 * reads a row (the row, its names), 30 us each when cold, and finds a
 * match after about persons/matches rows; the set costs about 0.08 us
 * a match to read. The walk is the cheaper below matches = sqrt(375 x
 * persons): 19,000 at a million persons (where "mo" has 18,000 and the
 * walk, its names clustered by nationality, read 256 rows for none:
 * 16 ms against 2 for the set). The largest id stands in for the
 * count, which would itself read a whole index. */
static long
text_walk_from(struct store *st)
{
	sqlite3_stmt *s = store_cached_sql(st, "SELECT max(id) FROM person");
	double persons = 0;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		persons = (double)sqlite3_column_int64(s, 0);
	if (s)
		sqlite3_reset(s);
	return persons > 10000 ? (long)sqrt(375.0 * persons) : 2000;
}

/* The list from `from`, testing each row's names (the FTS table's own
 * content, by id) against the typed words; at most `rows` rows. */
static int
text_walk(struct store *st, const struct list_query *q, const char *const *words,
          long rows, const struct list_row *from, bool backward, bool inclusive,
          struct list_row *out)
{
	long seen = 0;
	int got = 0;

	for (enum key_part part = first_part(from != NULL);
	     part <= last_part(q, from != NULL) && got == 0 && seen < rows; part++) {
		struct sql_buf b = { .len = 0 };
		sqlite3_stmt *s;
		int src;

		select_columns_from(st, &b, q, ", (SELECT c0 FROM person_name_fts_content c"
		                    " WHERE c.id = person.id)", true);
		add_filter(&b, &q->filter);
		if (!(s = walk_stmt(st, &b, q, part, from, backward, inclusive, rows - seen)))
			return -1;
		while ((src = sqlite3_step(s)) == SQLITE_ROW) {
			seen++;
			if (text_matches(column_text(s, 16), words)) {
				read_row(s, out);
				got = 1;
				break;
			}
		}
		if (!got && src != SQLITE_DONE)
			got = -1, store_fail(st, src, "cannot search the list");
		sqlite3_reset(s);
	}
	return got;
}

/* How many matches match has, counting no further than limit. */
static long
count_upto(struct store *st, const char *match, long limit)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT count(*) FROM (SELECT rowid FROM person_name_fts"
		" WHERE person_name_fts MATCH :m LIMIT :few)");
	long n = limit;

	if (!s)
		return limit;
	bind_named_text(s, ":m", match);
	bind_named_int(s, ":few", limit);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

static int
plain_next(struct store *st, const struct list_query *q, const char *match,
           const char *const *words, const struct list_row *from, bool backward,
           bool inclusive, struct list_row *out)
{
	struct match_set *m = &st->plain;
	long text_from = st->search_few > 0 ? st->search_few : text_walk_from(st);
	long set_few = st->search_few > 0 ? st->search_few : SET_FEW;
	bool cached = set_holds(st, m, match), loaded;
	bool filtered = !list_filter_empty(&q->filter);
	int got;

	/* under a filter, its rows (read once, store_search_prime), which the
	 * matches are intersected with; no text walk, whose rows, when few
	 * are the filter's, are each a page read for nothing */
	if (filtered && (filter_load(st, &q->filter, &loaded) != ST_OK ||
	                 set_register(st, &st->both, "casepath_in_both") != ST_OK))
		return -1;
	if (!filtered && (cached ? m->count : count_upto(st, match, text_from)) >= text_from) {
		got = text_walk(st, q, words,
		                st->search_text_walk > 0 ? st->search_text_walk : TEXT_WALK,
		                from, backward, inclusive, out);
		if (got)
			return got;
	}
	if (set_load(st, m, "casepath_in_set", "SELECT rowid FROM person_name_fts"
	             " WHERE person_name_fts MATCH ?1", match) != ST_OK)
		return -1;
	if (!filtered)
		return set_next(st, q, m, "casepath_in_set", set_few, from, backward,
		                inclusive, out);
	/* under a filter: the matches it selects, from its side (few
	 * Syrians among the 10,000 names starting with "п": no walk at
	 * all when there are none) */
	set_intersect(&st->both, m, &st->filtered);
	return set_next(st, q, &st->both, "casepath_in_both", set_few, from, backward,
	                inclusive, out);
}

/* Idle reads on the search connection: its own page cache, so a read of
 * thousands of pages between keys leaves the screens' pages in the main
 * connection's, and giving way to a key as the main connection's idle
 * work does. Returns the connection to read on (st itself inside a
 * transaction, or when there is no second connection). */
static struct store *
idle_read_begin(struct store *st)
{
	struct store *s = store_search_conn(st);

	if (s != st && st->idle_poll) {
		/* the search connection's handler asks the idle work's poll */
		s->poll = st->idle_poll;
		s->poll_ctx = st->idle_ctx;
		s->poll_at = 0;
		s->interrupted = false;
		s->searching = true;
	}
	return s;
}

/* Ends idle_read_begin's read; true when a key stopped it (st then
 * says it gave way). */
static bool
idle_read_end(struct store *st, struct store *s)
{
	if (s == st)
		return false;
	s->searching = false;
	if (!s->interrupted)
		return false;
	s->interrupted = false;
	st->idle_gave_way = true;
	return true;
}

bool
store_search_prime(struct store *st, const struct list_query *q)
{
	struct store *s;
	bool loaded = false;
	enum status rc;

	if (list_filter_empty(&q->filter))
		return false;
	s = idle_read_begin(st);
	rc = filter_load(s, &q->filter, &loaded);
	if (idle_read_end(st, s))
		xfree(&s->filtered.match);   /* half read: never held */
	return rc == ST_OK && loaded;
}

static bool
same_query(const struct list_query *a, const struct list_query *b)
{
	const struct list_filter *f = &a->filter, *g = &b->filter;

	return a->sort == b->sort && a->descending == b->descending &&
	       strcmp(f->stage, g->stage) == 0 && strcmp(f->nationality, g->nationality) == 0 &&
	       strcmp(f->sex, g->sex) == 0 && f->age == g->age && f->flags == g->flags &&
	       f->within == g->within && f->within_days == g->within_days &&
	       f->today == g->today;
}

static bool
same_row(const struct list_row *a, const struct list_row *b)
{
	return strcmp(a->sort_key, b->sort_key) == 0 && strcmp(a->case_no, b->case_no) == 0;
}

void
store_search_forget(struct store *st)
{
	struct search_memo *k = &st->memo;

	xfree(&k->folded);
	if (k->has_from)
		list_rows_clear(&k->from, 1);
	if (k->got == 1)
		list_rows_clear(&k->found, 1);
	memset(k, 0, sizeof *k);
}

/* The last search, when this one (folded) only makes its text longer
 * from the same start on the same list and data: NULL otherwise. */
static const struct search_memo *
memo_narrows(struct store *st, const struct list_query *q, const char *folded,
             const struct list_row *from, bool backward, bool inclusive)
{
	const struct search_memo *k = &st->memo;

	if (!k->folded || strncmp(folded, k->folded, strlen(k->folded)) != 0 ||
	    !same_query(q, &k->q) || k->backward != backward ||
	    k->inclusive != inclusive || k->has_from != (from != NULL) ||
	    (from && !same_row(from, &k->from)) || k->version != data_version(st) ||
	    k->changes != sqlite3_total_changes64(st->db))
		return NULL;
	return k;
}

static void
memo_keep(struct store *st, const struct list_query *q, const char *folded,
          const struct list_row *from, bool backward, bool inclusive, int got,
          const struct list_row *found, bool wrapped)
{
	struct search_memo *k = &st->memo;
	char *keep = xstrdup(folded);

	store_search_forget(st);
	if (got < 0) {
		free(keep);
		return;
	}
	k->folded = keep;
	k->q = *q;
	k->has_from = from != NULL;
	if (from)
		list_row_copy(&k->from, from);
	k->backward = backward;
	k->inclusive = inclusive;
	k->got = got;
	if (got == 1)
		list_row_copy(&k->found, found);
	k->wrapped = wrapped;
	k->version = data_version(st);
	k->changes = sqlite3_total_changes64(st->db);
}

static char *
folded_text(const char *text)
{
	size_t need = u8_fold(text, NULL, 0) + 1;
	char *f = xmalloc(need);

	u8_fold(text, f, need);
	return f;
}

static enum status
plain_search(struct store *st, const struct list_query *q, const char *text,
             const struct list_row *from, bool backward, bool inclusive,
             struct list_row *out, bool *wrapped)
{
	char *match = match_expression(text), *folded;
	const struct search_memo *k;
	struct query_words w;
	struct list_row start = { 0 };
	int got;

	if (!match)
		return ST_ERR_NOT_FOUND;
	query_words_init(&w, text);
	folded = folded_text(text);
	k = memo_narrows(st, q, folded, from, backward, inclusive);
	if (k && k->got == 1)
		list_row_copy(&start, &k->found);
	if (k && k->got == 0) {
		got = 0;   /* nothing anywhere before: nothing now */
	} else if (k && k->wrapped) {
		/* nothing from `from` to the end before, nor now: the wrap */
		*wrapped = true;
		got = plain_next(st, q, match, w.words, &start, backward, true, out);
	} else {
		got = plain_next(st, q, match, w.words, k ? &start : from, backward,
		                 k ? true : inclusive, out);
		if (got == 0 && from) {
			*wrapped = true;
			got = plain_next(st, q, match, w.words, NULL, backward, false, out);
		}
	}
	memo_keep(st, q, folded, from, backward, inclusive, got, out, *wrapped);
	list_rows_clear(&start, 1);
	free(folded);
	free(match);
	free(w.buf);
	return got == 1 ? ST_OK : got == 0 ? ST_ERR_NOT_FOUND : ST_ERR_DB;
}

/* --- similar names (~) ------------------------------------------------------- */

#define SIMILAR_WORDS 16    /* typed words read at most */
#define SIMILAR_KEYS 48     /* keys a typo stands for at most (the first found) */

/* The words a similar search reads from text (its compounds whole; see
 * namekey_spans), each with its key; words without a key are left out.
 * Returns how many. */
static size_t
typed_words(const char *text, struct namekey_span *spans,
            char keys[][NAMEKEY_MAX + 1], size_t max)
{
	struct namekey_span all[SIMILAR_WORDS * 2];
	size_t n = namekey_spans(text, all, sizeof all / sizeof all[0]), got = 0;

	if (n > sizeof all / sizeof all[0])
		n = sizeof all / sizeof all[0];
	for (size_t i = 0; i < n && got < max; i++) {
		if (all[i].index_only ||
		    namekey(text + all[i].start, all[i].len, keys[got], NAMEKEY_MAX + 1) == 0)
			continue;
		spans[got++] = all[i];
	}
	return got;
}

/* 0 when a stored key is the typed one; 1 when it is one edit away
 * with the same first letter and the typed key is long enough
 * (NAMEKEY_FUZZY_MIN) to be read as a typo; else 2. */
static int
key_match(const char *typed, const char *stored)
{
	int d = namekey_distance(typed, stored);

	if (d == 1 && (strlen(typed) < NAMEKEY_FUZZY_MIN || typed[0] != stored[0]))
		return 2;
	return d;
}

/* Adds to near[] (holding *n) the stored keys that answer key: those
 * namekey_near lists under dkey, filtered exactly. */
static int
near_keys(struct store *st, const char *key, const char *dkey,
          char near[][NAMEKEY_MAX + 1], size_t *n)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT key FROM namekey_near WHERE dkey = ?1");
	int src;

	if (!s)
		return SQLITE_ERROR;
	sqlite3_bind_text(s, 1, dkey, -1, SQLITE_TRANSIENT);
	while ((src = sqlite3_step(s)) == SQLITE_ROW && *n < SIMILAR_KEYS) {
		const char *k = column_text(s, 0);
		bool seen = false;

		if (strlen(k) > NAMEKEY_MAX || key_match(key, k) > 1)
			continue;
		for (size_t i = 0; i < *n && !seen; i++)
			seen = strcmp(near[i], k) == 0;
		if (!seen)
			memcpy(near[(*n)++], k, strlen(k) + 1);
	}
	sqlite3_reset(s);
	return src == SQLITE_ROW ? SQLITE_DONE : src;
}

/* SQLITE_ROW when some person has key, SQLITE_DONE when none. Asked
 * of the persons' keys, not of namekey_near, which keeps the keys of
 * names since edited away. */
static int
key_known(struct store *st, const char *key)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT 1 FROM person_namekey_fts WHERE person_namekey_fts MATCH ?1 LIMIT 1");
	char quoted[NAMEKEY_MAX + 3];
	int src;

	if (!s)
		return SQLITE_ERROR;
	/* keys are [a-z]: quoting is all FTS5 needs */
	snprintf(quoted, sizeof quoted, "\"%.*s\"", NAMEKEY_MAX, key);
	sqlite3_bind_text(s, 1, quoted, -1, SQLITE_TRANSIENT);
	src = sqlite3_step(s);
	sqlite3_reset(s);
	return src;
}

/* The FTS5 query of a similar search, every word to match. A word whose
 * key some person has stands for that key alone: one edit from a short
 * key reaches too many other names (Omar's "umr" is one letter from
 * Amir, Omid, Umm). A key nobody has is taken as a typo: it stands for
 * the stored keys one edit away with the same first letter, found in
 * namekey_near (keys one letter longer filed under the typed key, and
 * those filed under each of its deletions: one letter shorter, one
 * replaced or two swapped; key_match drops the rest). *match is NULL
 * when a word can match nothing. */
static enum status
similar_expression(struct store *st, const char *text, char **match)
{
	struct namekey_span spans[SIMILAR_WORDS];
	char keys[SIMILAR_WORDS][NAMEKEY_MAX + 1];
	size_t nw = typed_words(text, spans, keys, SIMILAR_WORDS);
	struct text_buf m = { 0 };
	enum status rc = ST_OK;

	*match = NULL;
	for (size_t w = 0; w < nw && rc == ST_OK; w++) {
		char near[SIMILAR_KEYS][NAMEKEY_MAX + 1], del[NAMEKEY_MAX + 1];
		size_t n = 0, len = strlen(keys[w]);
		int src = SQLITE_DONE;

		if (len < NAMEKEY_FUZZY_MIN || (src = key_known(st, keys[w])) == SQLITE_ROW) {
			/* short, or someone has this name: no typo */
			memcpy(near[n++], keys[w], len + 1);
			src = SQLITE_DONE;
		} else if (src == SQLITE_DONE) {
			src = near_keys(st, keys[w], keys[w], near, &n);
			for (size_t i = 0; i < len && src == SQLITE_DONE; i++) {
				memcpy(del, keys[w], i);
				memcpy(del + i, keys[w] + i + 1, len - i);
				src = near_keys(st, keys[w], del, near, &n);
			}
		}
		if (src != SQLITE_DONE) {
			rc = store_fail(st, src, _("cannot read the name keys"));
		} else if (n == 0) {
			rc = ST_ERR_NOT_FOUND;   /* no stored key is near this word */
		} else {
			text_add(&m, w ? " AND (" : "(");
			for (size_t i = 0; i < n; i++) {
				/* keys are [a-z]: quoting is all FTS5 needs */
				text_add(&m, i ? " OR \"" : "\"");
				text_add(&m, near[i]);
				text_add(&m, "\"");
			}
			text_add(&m, ")");
		}
	}
	if (rc == ST_OK && nw > 0)
		*match = m.s;
	else
		free(m.s);
	return rc == ST_ERR_NOT_FOUND ? ST_OK : rc;
}

static enum status
similar_search(struct store *st, const struct list_query *q, const char *text,
               const struct list_row *from, bool backward, bool inclusive,
               struct list_row *out, bool *wrapped)
{
	char *match = NULL;
	enum status rc = similar_expression(st, text, &match);
	long few = st->search_few > 0 ? st->search_few : SET_FEW;
	int got;

	if (rc == ST_OK && !match)
		rc = ST_ERR_NOT_FOUND;
	if (rc == ST_OK)
		rc = set_load(st, &st->similar, "casepath_similar", "SELECT rowid FROM"
		              " person_namekey_fts WHERE person_namekey_fts MATCH ?1", match);
	free(match);
	if (rc != ST_OK)
		return rc;
	got = set_next(st, q, &st->similar, "casepath_similar", few, from, backward,
	               inclusive, out);
	if (got == 0 && from) {
		*wrapped = true;
		got = set_next(st, q, &st->similar, "casepath_similar", few, NULL, backward,
		               false, out);
	}
	return got == 1 ? ST_OK : got == 0 ? ST_ERR_NOT_FOUND : ST_ERR_DB;
}

enum status
store_search(struct store *st, const struct list_query *q, const char *text,
             const struct list_row *from, bool backward, bool inclusive,
             struct list_row *out, bool *wrapped)
{
	struct store *s;
	enum status rc;

	*wrapped = false;
	if (st->poll && st->poll(st->poll_ctx))
		return ST_INTERRUPTED;     /* a newer key is waiting already */
	s = store_search_conn(st);
	if (s != st) {
		/* the caller's settings, on the search's connection */
		s->search_few = st->search_few;
		s->search_budget = st->search_budget;
		s->search_text_walk = st->search_text_walk;
		s->rules = st->rules;
		store_set_name_order(s, st->name_order);
		s->poll = st->poll;
		s->poll_ctx = st->poll_ctx;
		s->poll_at = 0;
		s->interrupted = false;
		/* one read transaction a search: the file as the last commit
		 * left it, the same for each of its statements */
		if ((rc = store_exec(s, "BEGIN")) != ST_OK) {
			snprintf(st->err, sizeof st->err, "%s", s->err);
			return rc;
		}
		s->searching = true;
	}
	if (text[0] == '~')
		rc = similar_search(s, q, text + 1, from, backward, inclusive, out, wrapped);
	else
		rc = plain_search(s, q, text, from, backward, inclusive, out, wrapped);
	if (s != st) {
		s->searching = false;
		if (store_exec(s, "COMMIT") != ST_OK)
			store_exec(s, "ROLLBACK");
		if (s->interrupted) {
			/* nothing half-read is kept (a statement too short for the
			 * progress handler may have ended well after one that was
			 * stopped): the next search starts clean */
			if (rc == ST_OK)
				list_rows_clear(out, 1);
			store_search_forget(s);
			s->interrupted = false;
			*wrapped = false;
			return ST_INTERRUPTED;
		}
		if (rc != ST_OK && rc != ST_ERR_NOT_FOUND)
			snprintf(st->err, sizeof st->err, "%s", s->err);
	}
	return rc;
}

/* Appends to buf (at *at of len) without overflowing. */
static void
why_add(char *buf, size_t len, size_t *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
why_add(char *buf, size_t len, size_t *at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*at >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *at, len - *at, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (*at + (size_t)n < len) {
		*at += (size_t)n;
		return;
	}
	/* cut: end at a whole character, never inside one */
	{
		size_t end = len - 1, lead = end, need;
		unsigned char c;

		while (lead > 0 && ((unsigned char)buf[lead - 1] & 0xC0) == 0x80)
			lead--;
		if (lead > 0) {
			c = (unsigned char)buf[--lead];
			need = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
			if (lead + need <= end)
				lead = end;
		}
		*at = lead;
		buf[lead] = '\0';
	}
}

/* Whether two spans read the same once folded (Muhammad, MUHAMMAD). */
static bool
same_spelling(const char *a, size_t alen, const char *b, size_t blen)
{
	char *x = xmalloc(alen + 1), *y = xmalloc(blen + 1);
	char fa[256], fb[256];
	bool same;

	memcpy(x, a, alen);
	x[alen] = '\0';
	memcpy(y, b, blen);
	y[blen] = '\0';
	u8_fold(x, fa, sizeof fa);
	u8_fold(y, fb, sizeof fb);
	same = strcmp(fa, fb) == 0;
	free(x);
	free(y);
	return same;
}

enum status
store_search_why(struct store *st, const char *text, int64_t person_id,
                 char *buf, size_t len)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT family_name || ';' || given_names || ';' || native_name || ';' ||"
		" coalesce((SELECT group_concat(name, ';') FROM person_alias a"
		" WHERE a.person_id = person.id), '') FROM person WHERE id = ?1");
	struct namekey_span typed[SIMILAR_WORDS], spans[64];
	char tkeys[SIMILAR_WORDS][NAMEKEY_MAX + 1], pkey[NAMEKEY_MAX + 1];
	size_t nt, np, at = 0;
	char *names;
	int src;

	if (len)
		buf[0] = '\0';
	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, person_id);
	if ((src = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return src == SQLITE_DONE ? ST_ERR_NOT_FOUND
		       : store_fail(st, src, _("cannot read a person's names"));
	}
	names = xstrdup(column_text(s, 0));
	sqlite3_reset(s);
	if (text[0] == '~')
		text++;
	nt = typed_words(text, typed, tkeys, SIMILAR_WORDS);
	np = namekey_spans(names, spans, sizeof spans / sizeof spans[0]);
	if (np > sizeof spans / sizeof spans[0])
		np = sizeof spans / sizeof spans[0];
	for (size_t t = 0; t < nt; t++) {
		const char *tw = text + typed[t].start;
		size_t best = np;
		int best_d = 3;

		/* the person's closest word: one spelled as typed, else one
		 * with the same key, else one a letter off; words as written
		 * before the parts of a compound */
		for (size_t i = 0; i < np && best_d > -1; i++) {
			int d;

			namekey(names + spans[i].start, spans[i].len, pkey, sizeof pkey);
			if ((d = key_match(tkeys[t], pkey)) > 1)
				continue;
			if (d == 0 && same_spelling(names + spans[i].start, spans[i].len, tw,
			                            typed[t].len))
				d = -1;
			if (d < best_d || (d == best_d && spans[best].index_only &&
			                   !spans[i].index_only)) {
				best = i;
				best_d = d;
			}
		}
		if (best == np)
			continue;
		why_add(buf, len, &at, "%s", at ? "; " : "");
		namekey(names + spans[best].start, spans[best].len, pkey, sizeof pkey);
		if (best_d < 0)
			why_add(buf, len, &at, _("%.*s (as typed)"), (int)spans[best].len,
			        names + spans[best].start);
		else if (best_d == 0)
			why_add(buf, len, &at, _("%.*s ~ %.*s (same skeleton %s)"),
			        (int)spans[best].len, names + spans[best].start,
			        (int)typed[t].len, tw, pkey);
		else
			why_add(buf, len, &at, _("%.*s ~ %.*s (one letter off: %s, %s)"),
			        (int)spans[best].len, names + spans[best].start,
			        (int)typed[t].len, tw, pkey, tkeys[t]);
	}
	free(names);
	return at ? ST_OK : ST_ERR_NOT_FOUND;
}

/* --- the deadline view ------------------------------------------------------ */
void
deadline_row_copy(struct deadline_row *dst, const struct deadline_row *src)
{
	*dst = *src;
	dst->case_no = xstrdup(src->case_no);
	dst->family_name = xstrdup(src->family_name);
	dst->given_names = xstrdup(src->given_names);
	dst->stage = xstrdup(src->stage);
	dst->clock = xstrdup(src->clock);
	dst->rule = xstrdup(src->rule);
	dst->arithmetic = xstrdup(src->arithmetic);
}

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

/* The deadline view's rows: the open clocks (deadline_open_due, which
 * holds the lapse day and the status, so an unanswered clock lapsed since
 * it was derived is passed over in the index) and, when asked, the
 * lapsed ones (deadline_lapsed_due), both walked in the view's order and
 * merged. A page's clocks' keys come from the index alone (a subquery
 * of DL_PAGE_HEAD), and only then each clock's row by its key:
 * deadline has no rowid, so a
 * query naming a column the index lacks read the row of every entry it
 * passed over, lapsed ones included (40 ms at a million persons with
 * 52,000 windows lapsed since their last derivation; 0.4 ms for keys). */
#define DL_KEYS "SELECT d.person_id, d.clock, d.due"
#define DL_OPEN " FROM deadline d INDEXED BY deadline_open_due" \
	" WHERE d.status IN ('open', 'overdue')"
#define DL_LIVE " AND d.lapses > :today"
#define DL_LAPSED " FROM deadline d INDEXED BY deadline_lapsed_due" \
	" WHERE d.status = 'lapsed'"
#define DL_UNTIL " AND d.due <= :until"
/* From a clock: the row value alone, which SQLite seeks to (the columns
 * are plain); a bound on due as well made it seek to the day's first
 * clock and pass over the day's others (17,524 on one day at a million
 * persons). Walking back from a clock, :until is implied and left out,
 * or SQLite would seek on it instead. */
#define DL_AFTER DL_UNTIL " AND (d.due, d.person_id, d.clock) > (:due, :pid, :clock)"
#define DL_BEFORE " AND (d.due, d.person_id, d.clock) < (:due, :pid, :clock)"
#define DL_ASC " ORDER BY d.due, d.person_id, d.clock LIMIT :n"
#define DL_DESC " ORDER BY d.due DESC, d.person_id DESC, d.clock DESC LIMIT :n"
/* a compound's order names its columns by number: due, person, clock */
#define DL_ASC_U " ORDER BY 3, 1, 2 LIMIT :n"
#define DL_DESC_U " ORDER BY 3 DESC, 1 DESC, 2 DESC LIMIT :n"
/* The page: its keys walked in a subquery (from the index alone,
 * LIMIT inside), then each key's row and person joined, in one
 * statement. 40 lookups, one statement each, spent 0.2 ms beside the
 * shell's 0.1 for the same page. The join's order is SQLite's to
 * choose and the order by the keys would sort them in a temporary
 * B-tree, so the rows are put back in the keys' order here. */
#define DL_PAGE_HEAD "SELECT d.person_id, p.case_no, p.family_name, p.given_names," \
	" coalesce(p.stage, ''), d.clock, d.rule, d.arithmetic, d.due, d.due_latest," \
	" (d.status = 'lapsed' OR d.lapses <= :today) FROM ("
#define DL_PAGE_TAIL ") k JOIN deadline d ON d.person_id = k.person_id" \
	" AND d.clock = k.clock AND d.due = k.due JOIN person p ON p.id = k.person_id"

long
store_deadline_count(struct store *st, int32_t today, int within_days, bool lapsed)
{
	/* Read on the search connection: the count reads every open clock
	 * in the window (283,778 at a million persons, 1,400 pages), which
	 * in the main connection's cache pushed out the view's own pages,
	 * and the next D read them from the file again (0.76 ms of SQL
	 * for a page the shell reads in 0.18). */
	struct store *r = idle_read_begin(st);
	/* deadline_open_span holds all the count reads: with the page's
	 * index (deadline_open_due) it read the row of every open clock to
	 * test its status, 3.4 s at a million persons */
	sqlite3_stmt *s = store_cached_sql(r, lapsed ?
		"SELECT (SELECT count(*) FROM deadline INDEXED BY deadline_open_span"
		" WHERE status IN ('open', 'overdue') AND due <= :until)"
		" + (SELECT count(*) FROM deadline INDEXED BY deadline_lapsed_due"
		" WHERE status = 'lapsed' AND due <= :until)" :
		"SELECT count(*) FROM deadline INDEXED BY deadline_open_span"
		" WHERE status IN ('open', 'overdue') AND due <= :until"
		" AND lapses > :today");
	long n = -1;

	if (s) {
		bind_named_int(s, ":until", (int64_t)today + within_days);
		if (!lapsed)
			bind_named_int(s, ":today", today);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = (long)sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	idle_read_end(st, r);
	return n;
}

static int
deadline_row_cmp(const void *a, const void *b)
{
	const struct deadline_row *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if (x->person_id != y->person_id)
		return x->person_id < y->person_id ? -1 : 1;
	return strcmp(x->clock, y->clock);
}

static int
deadline_row_cmp_desc(const void *a, const void *b)
{
	return deadline_row_cmp(b, a);
}

int
store_deadline_page(struct store *st, int32_t today, int within_days, bool lapsed,
                    const struct deadline_row *after, bool backward, int n,
                    struct deadline_row *rows)
{
	/* deadline_open_due holds the open clocks in this order, so a page
	 * is a seek and never a sort of every open clock */
#define DL_PAGE(KEYS) DL_PAGE_HEAD KEYS DL_PAGE_TAIL
	static const char *const sql[2][2][2] = {
		{ { DL_PAGE(DL_KEYS DL_OPEN DL_UNTIL DL_LIVE DL_ASC),
		    DL_PAGE(DL_KEYS DL_OPEN DL_LIVE DL_AFTER DL_ASC) },
		  { DL_PAGE(DL_KEYS DL_OPEN DL_UNTIL DL_LIVE DL_DESC),
		    DL_PAGE(DL_KEYS DL_OPEN DL_LIVE DL_BEFORE DL_DESC) } },
		{ { DL_PAGE(DL_KEYS DL_OPEN DL_UNTIL " UNION ALL " DL_KEYS DL_LAPSED DL_UNTIL
		            DL_ASC_U),
		    DL_PAGE(DL_KEYS DL_OPEN DL_AFTER " UNION ALL " DL_KEYS DL_LAPSED DL_AFTER
		            DL_ASC_U) },
		  { DL_PAGE(DL_KEYS DL_OPEN DL_UNTIL " UNION ALL " DL_KEYS DL_LAPSED DL_UNTIL
		            DL_DESC_U),
		    DL_PAGE(DL_KEYS DL_OPEN DL_BEFORE " UNION ALL " DL_KEYS DL_LAPSED DL_BEFORE
		            DL_DESC_U) } },
	};
#undef DL_PAGE
	sqlite3_stmt *s = store_cached_sql(st, sql[lapsed][backward][after != NULL]);
	int got = 0, src = SQLITE_DONE;

	if (!s)
		return -1;
	bind_named_int(s, ":until", (int64_t)today + within_days);
	bind_named_int(s, ":today", today);
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
		r->lapsed = sqlite3_column_int(s, 10) != 0;
		r->overdue = !r->lapsed && r->due_latest < today;
	}
	sqlite3_reset(s);
	if (got < n && src != SQLITE_DONE) {
		store_fail(st, src, _("cannot read the deadlines"));
		deadline_rows_clear(rows, got);
		return -1;
	}
	qsort(rows, (size_t)got, sizeof *rows,
	      backward ? deadline_row_cmp_desc : deadline_row_cmp);
	return got;
}

char *
store_list_explain(struct store *st, const struct list_query *q, char *buf, size_t len)
{
	struct sql_buf b = { .len = 0 };
	sqlite3_stmt *s = NULL;
	size_t at = 0;

	buf[0] = '\0';
	for (enum key_part part = KEY_TIES; part <= last_part(q, true); part++) {
		b.len = 0;
		add(&b, "EXPLAIN QUERY PLAN ");
		select_columns(st, &b, q);
		add_filter(&b, &q->filter);
		add_order(st, &b, q, part, false, false);
		add(&b, " LIMIT :n");
		if (store_prepare(st, b.s, &s) != ST_OK)
			return buf;
		while (sqlite3_step(s) == SQLITE_ROW && at < len) {
			int n = snprintf(buf + at, len - at, "%s%s", at ? "; " : "",
			                 column_text(s, 3));

			if (n > 0)
				at += (size_t)n;
		}
		sqlite3_finalize(s);
		s = NULL;
	}
	return buf;
}
