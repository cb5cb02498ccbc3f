/* store_internal.h: what the store's files share and nobody else sees. */
#ifndef CASEPATH_STORE_INTERNAL_H
#define CASEPATH_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "casepath/store.h"

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
	char login[64];
	char role[16];
	char err[768];
	/* the audit chain's tail, loaded lazily inside a transaction */
	bool chain_known;
	int64_t chain_seq;
	char chain_hash[HASH_HEX_LEN + 1];
	sqlite3_stmt *audit_insert;
	const struct ruleset *rules;
	/* statements prepared once and reused (store_cached): the rules'
	 * refresh for every person */
	sqlite3_stmt *cached[8];
	/* statements built at run time (the list's sort and filter
	 * combinations), found by their text, least recently used dropped */
	struct cached_sql by_text[24];
	unsigned long by_text_clock;
};

/* A statement prepared once per store and kept: slot names it. Reset
 * and with its bindings cleared on return. */
sqlite3_stmt *store_cached(struct store *st, int slot, const char *sql);
/* The same for SQL built at run time, found by its text. */
sqlite3_stmt *store_cached_sql(struct store *st, const char *sql);

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

#endif
