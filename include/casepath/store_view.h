/* store_view.h: what the screens read. The store's side of the case
 * list (sorted, filtered, searched, paged by key), of a person's detail
 * and timeline, and of the access log. Rows come back in caller-owned
 * structs whose strings the struct owns (each type has its _clear());
 * views never see SQL and the store never sees curses.
 *
 * Paging is by key, never by OFFSET: a page is fetched strictly after
 * (or before) a boundary row the caller already holds, so moving costs
 * the same at row 10 as at row 999,999. */
#ifndef CASEPATH_STORE_VIEW_H
#define CASEPATH_STORE_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "casepath/status.h"

/* Asked by a long store call whether to give up (store_set_search_poll). */
typedef bool (*store_poll_fn)(void *ctx);

struct store;

/* --- the case list ------------------------------------------------------ */

/* The orders the list can be sorted by; each has an index whose last
 * column is case_no, so (value, case_no) is a unique keyset key. */
#define LIST_SORTS(X)                                          \
	X(SORT_CASE, "case", "case number")                    \
	X(SORT_NAME, "name", "name (family, given; folded)")   \
	X(SORT_NATIVE, "native", "native name")                \
	X(SORT_SEX, "sex", "sex")                              \
	X(SORT_BORN, "born", "birth date (earliest day)")      \
	X(SORT_NAT, "nationality", "nationality")              \
	X(SORT_STAGE, "stage", "stage")                        \
	X(SORT_DAYS, "days", "days in stage")                  \
	X(SORT_DEADLINE, "deadline", "next deadline")

enum list_sort {
#define LIST_SORT_ENUM(e, word, help) e,
	LIST_SORTS(LIST_SORT_ENUM)
#undef LIST_SORT_ENUM
	SORT_COUNT
};
const char *list_sort_word(enum list_sort s);
/* -1 when unknown */
int list_sort_from_word(const char *word);

enum list_flag {
	LF_UNACCOMPANIED = 1 << 0,  /* a minor with no parent or guardian linked */
	LF_REMOVAL_BARRED = 1 << 1, /* stage removal_barred, or a risk found */
	LF_OVERDUE = 1 << 2,        /* an overdue deadline */
	LF_INTERPRETER = 1 << 3     /* interpreter needed */
};

enum age_group { AGE_ANY, AGE_MINOR, AGE_ADULT };

/* Every field set narrows the list; an empty string or zero means "any". */
struct list_filter {
	char stage[32];         /* a vocab_stages word */
	char nationality[4];    /* ISO 3166-1 alpha-3 */
	char sex[2];            /* F, M, X, U */
	enum age_group age;     /* judged on the filter's today */
	unsigned flags;         /* enum list_flag, all must hold */
	bool within;            /* an open or overdue deadline due by */
	int within_days;        /* today + within_days */
	int32_t today;          /* day number: ages, overdue, within */
};

/* "stage=removal_centre nat=SYR sex=F age=minor flags=overdue,unaccompanied
 * within=7" -> filter (words in any order, each optional; "" clears).
 * On error returns ST_ERR_INPUT with the bad word named in err. today
 * is kept from *f. */
enum status list_filter_parse(const char *text, struct list_filter *f,
                              char *err, size_t errlen);
/* The same text back ("" for no filter), for the title line and for
 * saved filters. */
char *list_filter_format(const struct list_filter *f, char *buf, size_t len);
bool list_filter_empty(const struct list_filter *f);

struct list_query {
	enum list_sort sort;
	bool descending;
	struct list_filter filter;
};

struct list_row {
	int64_t id;
	char *case_no, *family_name, *given_names, *native_name;
	char *sex, *birth_date, *nationality;
	int32_t birth_lo, birth_hi;   /* day numbers, -1 when unknown */
	char *stage;                  /* derived; "" before the rules ran */
	int32_t stage_since;          /* day number, -1 when unknown */
	int32_t next_due;             /* next open or overdue deadline, -1 none */
	char *next_clock;             /* its clock name, "" none */
	int32_t overdue_after;        /* overdue once today is past this day
	                                 (the earliest last permissible day
	                                 of an open clock); INT32_MAX none */
	char *sort_key;               /* private: the keyset value of this row */
};

/* Rows matching the query (the whole table when the filter is empty:
 * kept cheap, see the implementation). */
long store_list_count(struct store *st, const struct list_query *q);
/* Whether any row matches (cheap: stops at the first). */
bool store_list_any(struct store *st, const struct list_query *q);
/* Fills up to n rows in the query's order strictly after `after` (or,
 * with backward, strictly before it, nearest first); after NULL means
 * from the start (backward: from the end). Returns the number of rows,
 * or -1 on a database error (store_errmsg). */
int store_list_page(struct store *st, const struct list_query *q,
                    const struct list_row *after, bool backward, int n,
                    struct list_row *rows);
/* One row by case number, or by id when case_no is NULL; ST_ERR_NOT_FOUND
 * when it is not there or does not match the query's filter. */
enum status store_list_row(struct store *st, const struct list_query *q,
                           const char *case_no, int64_t id,
                           struct list_row *out);
/* 1-based position of a row in the query's order (for "123/100000");
 * may be approximate on a large unfiltered list (then *exact false). */
long store_list_rank(struct store *st, const struct list_query *q,
                     const struct list_row *row, bool *exact);
void list_rows_clear(struct list_row *rows, int n);
/* A deep copy of src into dst (which owns it then). */
void list_row_copy(struct list_row *dst, const struct list_row *src);
/* The query plan of a keyed page ("SEARCH person USING INDEX ..."), for
 * the tests that keep every order a seek. */
char *store_list_explain(struct store *st, const struct list_query *q, char *buf,
                         size_t len);

/* Search: the next row in the query's order after `from` (backward:
 * before it; inclusive: `from` itself counts) whose family, given,
 * native or alias names have a word starting with each word of text,
 * folded (case, diacritics, Turkish dotted and dotless i). Wraps round
 * the list once; *wrapped says so. ST_ERR_NOT_FOUND when nothing
 * matches. */
enum status store_search(struct store *st, const struct list_query *q,
                         const char *text, const struct list_row *from,
                         bool backward, bool inclusive, struct list_row *out,
                         bool *wrapped);
/* Cancelling a stale search. Until called again with NULL, store_search
 * asks poll(ctx) when it starts and then about every half millisecond
 * of its work, and gives up with ST_INTERRUPTED (out untouched, nothing
 * kept for the next keystroke) the first time poll answers true: the
 * next key is waiting, its search will replace this one. The search
 * runs on a second, read-only connection to the same file, each in its
 * own read transaction (it sees every committed edit), so stopping it
 * leaves the list's own statements alone. poll must not touch the
 * store. */
void store_set_search_poll(struct store *st, store_poll_fn poll, void *ctx);
/* Idle work that gives way. Between store_idle_begin and store_idle_end
 * the caller's idle work (the list's count and rank, the deadline
 * view's count, a filter's rows for the search) asks poll(ctx) about
 * every half millisecond and stops, failing, the first time it answers
 * true: a key waits, and a count may take a second at a million
 * persons. store_gave_way, asked before store_idle_end, then says the
 * failure was that, not an error: the work is to be done again at the
 * next idle moment. */
void store_idle_begin(struct store *st, store_poll_fn poll, void *ctx);
void store_idle_end(struct store *st);
bool store_gave_way(const struct store *st);
/* Idle work for the search under q's filter: reads which persons the
 * filter selects (once for a filter and the data as they are), so that
 * a search keystroke under it only intersects its matches with them.
 * True when it read them now (work was done), false when they were
 * already read, there is no filter, or it failed (the search reads
 * them itself then). */
bool store_search_prime(struct store *st, const struct list_query *q);
/* Similar names: when text starts with '~', store_search reads the rest
 * as names and matches by skeleton (namekey.h): each word's key must be
 * one of the person's name keys (family, given, native, aliases), or
 * one edit from one when it has NAMEKEY_FUZZY_MIN letters or more. Same
 * order, filter, paging and wrapping as the plain search. */
/* Why person_id matched the similar search text (with or without its
 * '~'), one clause a word, "; " between: "Muhammad ~ mohammed (same
 * skeleton mhmd)", "Karim ~ karin (one letter off: krm, krn)",
 * "Yusuf (as typed)". Writes into buf (len bytes, NUL-terminated, cut
 * at a whole character). ST_ERR_NOT_FOUND when the person is gone or
 * no word explains the match. */
enum status store_search_why(struct store *st, const char *text,
                             int64_t person_id, char *buf, size_t len);

/* --- one person --------------------------------------------------------- */
struct person_alias_row { char *name, *type; };
struct person_language_row { char *tag, *code, *name; };
struct person_document_row {
	int64_t id;
	char *doc_type, *number, *issuing_country, *issued, *expires,
	     *status, *note;
};
/* A relative, read from this person's side: relation "child" means the
 * relative is this person's child. */
struct person_relative_row {
	int64_t relation_id, person_id;
	char *relation, *verification, *note;
	char *case_no, *family_name, *given_names, *sex, *birth_date, *stage;
};
struct person_deadline_row {
	char *clock, *status, *rule, *arithmetic;
	int32_t due, due_latest;
	int32_t lapses;        /* unanswered, lapsed from this day (INT32_MAX never) */
};

/* Whether a person's clock is lapsed today: stored so, or unanswered
 * past its lapse day since it was derived. */
bool person_deadline_lapsed(const struct person_deadline_row *c, int32_t today);
/* Whether it is a rolling reminder past its day, not derived again yet
 * (the daily sweep does it): shown nowhere, neither open nor lapsed. */
bool person_deadline_stale(const struct person_deadline_row *c, int32_t today);

struct person_detail {
	int64_t id, version;
	char *case_no, *family_name, *given_names, *native_name, *sex;
	char *birth_date;                    /* as written: "1990", "~1990-05" */
	int32_t birth_lo, birth_hi;          /* -1 when unknown */
	char *nationality, *nationality_name;            /* "" when none */
	char *claimed_nationality, *claimed_nationality_name;
	char *ethnicity, *category, *notes, *stage;
	int32_t stage_since;
	bool interpreter_needed;
	struct person_alias_row *aliases;        size_t naliases;
	struct person_language_row *languages;   size_t nlanguages;
	struct person_document_row *documents;   size_t ndocuments;
	struct person_relative_row *relatives;   size_t nrelatives;
	/* derived deadlines, open and overdue first, by due date */
	struct person_deadline_row *deadlines;   size_t ndeadlines;
	/* who last changed the person row, for "changed by" messages */
	char *changed_by, *changed_at;
};

/* ST_ERR_NOT_FOUND for an unknown id. out is cleared first. */
enum status store_person_detail(struct store *st, int64_t id,
                                struct person_detail *out);
/* The identity and the clocks alone (aliases, languages, documents,
 * relatives empty; changed_by ""): a timeline's heading. */
enum status store_person_head(struct store *st, int64_t id, struct person_detail *out);
void person_detail_clear(struct person_detail *d);
/* A person's id from the case number, or 0 when none. */
int64_t store_person_id(struct store *st, const char *case_no);

/* --- timeline ----------------------------------------------------------- */
struct event_row {
	int64_t id, version;
	char *date;              /* as written, partial allowed */
	int32_t date_lo, date_hi;
	char *kind, *place, *country, *ref, *duration, *outcome, *note;
};
/* A person's events by date (earliest day, then latest day, then
 * entry order); *rows is allocated (free with event_rows_free). */
enum status store_events(struct store *st, int64_t person_id,
                         struct event_row **rows, size_t *n);
void event_rows_free(struct event_row **rows, size_t n);

/* --- the deadline view -------------------------------------------------- */
struct deadline_row {
	int64_t person_id;
	char *case_no, *family_name, *given_names, *stage;
	char *clock, *rule, *arithmetic;
	int32_t due, due_latest;
	bool overdue;            /* its latest day is before the query's today */
	bool lapsed;             /* closed unused past its grace, or moot */
};

/* Open deadlines (overdue included) due on or before today + within_days,
 * by due date, then person, then clock; keyset paging as the list. A
 * clock lapsed as of today is left out, unless lapsed is true: then
 * the lapsed clocks are in the same order among the open ones. */
int store_deadline_page(struct store *st, int32_t today, int within_days, bool lapsed,
                        const struct deadline_row *after, bool backward, int n,
                        struct deadline_row *rows);
long store_deadline_count(struct store *st, int32_t today, int within_days, bool lapsed);
void deadline_rows_clear(struct deadline_row *rows, int n);
void deadline_row_copy(struct deadline_row *dst, const struct deadline_row *src);

/* --- access log (DESIGN.md 7: who looked at whose file) ----------------- */
/* Records that this login opened this person's record now. Compact (one
 * small row, not an audit record), written even for an auditor. */
enum status store_log_access(struct store *st, int64_t person_id);

#endif
