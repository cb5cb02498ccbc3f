/* store_internal.h: what the store's files share and nobody else sees. */
#ifndef CASEPATH_STORE_INTERNAL_H
#define CASEPATH_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "casepath/date.h"
#include "casepath/store.h"
#include "casepath/store_view.h"

#define CASEPATH_APPLICATION_ID 0x43415350 /* "CASP" */
#define HASH_HEX_LEN 64
/* person.next_due when no deadline is open: sorts last */
#define NO_NEXT_DUE 2147483647

struct cached_sql {
	char *sql;
	sqlite3_stmt *stmt;
	unsigned long used;
};

struct store {
	sqlite3 *db;
	char *path;
	unsigned flags;
	bool in_tx;
	bool bulk_journal;      /* a bulk load switched the file out of WAL */
	char login[64];
	char role[16];
	char err[768];
	/* the audit chain's tail, loaded lazily inside a transaction */
	bool chain_known;
	int64_t chain_seq;
	char chain_hash[HASH_HEX_LEN + 1];
	sqlite3_stmt *audit_insert;
	const struct ruleset *rules;
	enum name_order name_order;   /* the list's name order's key */
	/* store_time_sql: the statements running now, since when, and
	 * the total so far */
	struct sql_timer {
		void *running[16];
		size_t nrunning;
		uint64_t since, total_ns;
	} sql_timer;
	bool sql_timing;              /* store_time_sql is on */
	/* statements prepared once and reused (store_cached): the rules'
	 * refresh for every person */
	sqlite3_stmt *cached[8];
	/* statements built at run time (the list's sort and filter
	 * combinations), found by their text, least recently used dropped */
	struct cached_sql by_text[24];
	unsigned long by_text_clock;
	/* store_search: from this many matches up, walk the list first
	 * (0: the defaults in store_list.c; tests set 1 to walk always) */
	long search_few;
	/* the walks' budgets in rows (0: a budget in time; tests set them) */
	long search_budget;     /* the walk testing the match set's bits */
	long search_text_walk;  /* the walk testing each row's names */
	/* store_dup_refresh: records held while scoring (0: the default
	 * in store_dup.c; tests set 2 to make it let go all the time) */
	size_t dup_cache_slots;
	/* the searches' last match sets (store_list.c): the similar one,
	 * the plain one, the list filter's rows (filtered, its "match" the
	 * filter as text) and the plain one's rows the filter selects (both) */
	struct match_set {
		char *match;            /* its FTS5 query, NULL when none */
		uint64_t *bits;         /* bit id: person id matches */
		size_t nwords;
		long count;
		int64_t version, changes;   /* the data it was read from */
		long walked;            /* rows the current walk asked about */
		long budget;            /* rows it may ask about (0: by time) */
		int64_t walk_until;     /* its budget: a monotonic time in us */
		bool over_budget, fn_ready;
	} similar, plain, filtered, both;
	bool filter_fn_ready;   /* casepath_in_filter is registered on db */
	/* the last plain search, for the next keystroke's narrower one */
	struct search_memo {
		char *folded;           /* what was typed, folded; NULL none */
		struct list_query q;
		bool has_from, backward, inclusive, wrapped;
		int got;                /* 1 found, 0 nothing anywhere */
		struct list_row from, found;
		int64_t version, changes;
	} memo;
	/* store_search's own connection: a second, read-only handle on the
	 * same file (store_search_conn), so that a search can be cancelled
	 * (sqlite3_progress_handler) without disturbing the list's
	 * statements on db. NULL until the first search; search_alone when
	 * there is none to have (an in-memory store, a failed open). */
	struct store *search;
	bool search_alone;
	/* the caller's question "is there something newer?"
	 * (store_set_search_poll), asked every POLL_US of a search's work */
	store_poll_fn poll;
	void *poll_ctx;
	int64_t poll_at;      /* when it was last asked (monotonic us) */
	bool searching;       /* the progress handler may interrupt */
	bool interrupted;     /* it did: the search gives up */
	/* store_idle_begin: the idle work's poll, on the main connection */
	store_poll_fn idle_poll;
	void *idle_ctx;
	int64_t idle_poll_at;
	bool idle_gave_way;
};

/* The connection store_search runs on: st's search connection, opened
 * on first use, or st itself when there is none (in memory, inside a
 * write transaction, or it cannot be opened). */
struct store *store_search_conn(struct store *st);

/* A statement prepared once per store and kept: slot names it. Reset
 * and with its bindings cleared on return. */
sqlite3_stmt *store_cached(struct store *st, int slot, const char *sql);
/* The same for SQL built at run time, found by its text. */
sqlite3_stmt *store_cached_sql(struct store *st, const char *sql);
/* Forgets the last plain search (store_list.c), at close. */
void store_search_forget(struct store *st);

struct rule_violation;
/* Guardrails a supervisor has passed: (event id, rule) pairs. */
struct passed_rule {
	int64_t event_id;
	char rule[48];
};

/* Derives one person's stage and deadlines and stores them. A blocking
 * guardrail broken by an event with id >= first_new, and not in
 * passed, is copied to *block (and *blocked set); nothing is stored
 * then. */
enum status store_derive_person(struct store *st, int64_t person_id,
                                int64_t first_new,
                                const struct passed_rule *passed, size_t npassed,
                                bool *blocked, struct rule_violation *block);
/* The same for every person in one pass (demo data, a fresh load):
 * fresh means no deadline is stored yet. On a block, *blocked_person
 * names whose event it is. */
enum status store_derive_all(struct store *st, int64_t first_new, bool fresh,
                             bool *blocked, struct rule_violation *block,
                             int64_t *blocked_person);

/* Deriving stored persons again (store_sweep.c), inside the caller's
 * transaction, as of today: each person is evaluated and compared with
 * the rows stored, and only a person whose rows differ is written (and
 * its id added to changed); counts go into n. No guardrail blocks: no
 * event is new. The persons with ids in (lo, hi], or those listed. */
struct rederive_counts;
struct id_list {
	int64_t *v;
	size_t n, cap;
};
void id_list_add(struct id_list *l, int64_t id);
void id_list_clear(struct id_list *l);
enum status store_rederive_range(struct store *st, int64_t lo, int64_t hi,
                                 int32_t today, struct rederive_counts *n,
                                 struct id_list *changed);
enum status store_rederive_ids(struct store *st, const int64_t *ids, size_t nids,
                               int32_t today, struct rederive_counts *n,
                               struct id_list *changed);

/* Records a failure: formats the message (with SQLite's own message when
 * rc is an SQLite code other than SQLITE_OK) and maps rc to a status. */
enum status store_fail(struct store *st, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
enum status store_status_of(int rc);

/* Prepares sql or records the failure. */
enum status store_prepare(struct store *st, const char *sql, sqlite3_stmt **out);
/* Runs SQL text with no parameters (schema, pragmas). */
enum status store_exec(struct store *st, const char *sql);

/* Binds text, or NULL for an empty or NULL string when null_if_empty. */
int bind_text(sqlite3_stmt *s, int i, const char *v, bool null_if_empty);
/* A column as text, "" for NULL. */
const char *column_text(sqlite3_stmt *s, int i);

/* A growing SQL text; a query is a few hundred bytes. */
struct sql_buf {
	char s[2048];
	size_t len;
};
/* Appends text (dropped when it does not fit: the statement then
 * fails to prepare, it is never run cut). */
void sql_add(struct sql_buf *b, const char *text);

/* The case list's filter as SQL (store_list.c), for every query that
 * must select the same persons as the list: appends " WHERE 1 AND ..."
 * over the person table's columns, unqualified, so the query names the
 * person table `person`, unaliased, and may join others whose columns
 * do not clash (event, deadline, relation do not). Then
 * store_filter_bind binds :stage, :nat, :sex, :minor (the birth day
 * after which a person is a minor on f->today), :today and :within
 * wherever the statement has them; a caller may use :minor and :today
 * in its own SQL with those meanings. */
struct list_filter;
void store_filter_where(struct sql_buf *b, const struct list_filter *f);
void store_filter_bind(sqlite3_stmt *s, const struct list_filter *f);
/* :minor's value for a day: born after it, a person is under 18. */
int32_t store_minor_threshold(int32_t today);

/* Persons' stages as the rules derive them from the events dated up
 * to as_of (their earliest day), as store_pathway does, for n persons
 * by id: present[i] is false when none of their events is that old;
 * stage[i] is an index into vocab_stages or -1, since[i] its first
 * day. */
enum status store_stages_as_of(struct store *st, const int64_t *ids, size_t n,
                               int32_t as_of, bool *present, int *stage,
                               int32_t *since);

/* Schema: brings a fresh or older database up to date. */
enum status store_migrate(struct store *st, bool fresh);
int store_migration_count(void);

/* The audit chain: the hash of one record from its fields. */
void audit_hash(const char *prev_hash, int64_t seq, const char *at,
                const char *login, const char *table, const char *row,
                const char *action, const char *before, const char *after,
                char out[HASH_HEX_LEN + 1]);
/* Runs a prepared statement that writes one row and RETURNs
 * (row_id, after_json); appends the audit record. *row_id gets the
 * row's id when non-NULL. The statement is reset afterwards. */
enum status store_write_row(struct store *st, sqlite3_stmt *stmt,
                            const char *table, const char *action,
                            bool audit, int64_t *row_id);

/* --- the loader's parts the single edits share (store_edit.c) ------------ */

/* The audit record's JSON of a person row and of an event row. The
 * lists (and the event's case number) are SQL expressions: a bound
 * parameter on insert, a subquery for an edit's "before". */
#define PERSON_JSON(ALIASES, LANGUAGES) \
	"json_object('id', id, 'case_no', case_no," \
	" 'family_name', family_name, 'given_names', given_names," \
	" 'native_name', native_name, 'aliases', " ALIASES ", 'sex', sex," \
	" 'birth_date', birth_date, 'nationality', nationality," \
	" 'claimed_nationality', claimed_nationality, 'ethnicity', ethnicity," \
	" 'languages', " LANGUAGES ", 'interpreter_needed', interpreter_needed," \
	" 'category', category, 'notes', notes)"
#define EVENT_JSON(CASE_NO) \
	"json_object('id', id, 'case_no', " CASE_NO ", 'date', date," \
	" 'kind', kind, 'place', place, 'country', country, 'ref', ref," \
	" 'duration', duration, 'outcome', outcome, 'note', note)"

/* A person's fields as checked, in their stored form. */
struct person_checked {
	struct pdate birth;     /* precision DATE_NONE when not given */
	int interpreter;        /* 0 or 1 */
	char *aliases;          /* the lists as stored, "a (type);b" (or NULL) */
	char *languages;
};
/* Every check of a person row (ST_ERR_INPUT with err filled). */
enum status loader_check_person(struct loader *l, const struct person_in *p,
                                struct person_checked *c,
                                struct load_error *err);
void person_checked_clear(struct person_checked *c);
/* Binds the person's columns in insert order as ?1..?14 (and the lists
 * as ?15, ?16 when the statement has them). */
void loader_bind_person(sqlite3_stmt *s, const struct person_in *p,
                        const struct person_checked *c);
/* Stores the alias and language rows, the folded search text and the
 * name keys (namekey.h) of person id (none may be there yet). */
enum status loader_person_names(struct loader *l, int64_t id,
                                const struct person_in *p,
                                struct load_error *err);
/* Removes person id's folded search text and name keys, what
 * loader_person_names writes, before an edit writes them again. */
enum status loader_person_unindex(struct store *st, int64_t id);
/* A free text field: at most the loader's length. */
bool loader_check_text(const char *v, const char *column,
                       struct load_error *err);
/* Every check of an event row; *person_id and *date come back. */
enum status loader_check_event(struct loader *l, const struct event_in *e,
                               int64_t *person_id, struct pdate *date,
                               struct load_error *err);
/* Binds ?1 person_id, ?2..?4 the date, ?5..?11 the other columns in
 * insert order (and ?12 the case number when the statement has it). */
void loader_bind_event(sqlite3_stmt *s, int64_t person_id,
                       const struct pdate *date, const struct event_in *e);
/* The ids of the person and the event last inserted. */
int64_t loader_last_person(const struct loader *l);
int64_t loader_last_event(const struct loader *l);
/* Guardrail refusals as store_edit.h words them: the rule's sentence,
 * no column, no command-line option. */
void loader_for_edit(struct loader *l);

/* store_edit.c's parts a merge shares (store_dup.c). The row as the
 * caller read it: version unchanged, else ST_ERR_STALE with err saying
 * who changed it and when; *person_id and *case_no (allocated) name the
 * row's person. table: "person" or "event". */
enum status store_check_version(struct store *st, const char *table, int64_t id,
                                int64_t version, int64_t *person_id,
                                char **case_no, struct load_error *err);
/* store_person_update inside the caller's transaction. */
enum status store_person_update_tx(struct store *st, int64_t id, int64_t version,
                                   const struct person_in *p,
                                   struct load_error *err);

/* Guardrails over a rewritten pathway: what loader_finish and the
 * single edits pass through. */
struct rule_gate {
	const char *override;          /* a supervisor's reason, or NULL */
	const char *hint;              /* how to override, for the refusal;
	                                  NULL: the rule's own sentence */
	struct passed_rule *passed;    /* passed so far, or standing before */
	size_t npassed, cap;
};
void rule_gate_pass(struct rule_gate *g, const struct rule_violation *v);
void rule_gate_clear(struct rule_gate *g);
/* Derives one person (store_derive_person). A blocking guardrail
 * broken by an event >= first_new and not in g->passed: with an
 * override by a supervisor it is passed and recorded as an "override"
 * event; else *refused is set, *event_id names the event and the
 * status is ST_ERR_INPUT (no override) or ST_ERR_PERMISSION, with
 * err->reason the sentence. */
enum status store_gate_person(struct store *st, int64_t person_id,
                              int64_t first_new, struct rule_gate *g,
                              bool *refused, int64_t *event_id,
                              struct load_error *err);

/* store_edit.c: the steps every single-record write shares (store_edit,
 * merge and unmerge): a refusal's reason in err; a transaction begun,
 * then committed on success or rolled back, a database failure that
 * left err empty given the store's own message. */
struct load_error;
void edit_fail(struct load_error *err, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
enum status edit_begin(struct store *st, struct load_error *err);
enum status edit_finish(struct store *st, enum status rc, struct load_error *err);

#endif
