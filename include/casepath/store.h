/* store.h: the data layer. The only module that talks to SQLite (its
 * files are src/store*.c, the only ones including sqlite3.h); it never
 * prints and knows nothing of curses.
 *
 * Errors: functions return an enum status; the detail of the last
 * error, one line, is store_errmsg(). Every write happens inside
 * store_tx_begin()/store_tx_commit(), and every row a write touches is
 * recorded in the hash-chained audit log by the same code that writes
 * it (src/store_audit.c). */
#ifndef CASEPATH_STORE_H
#define CASEPATH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "casepath/record.h"
#include "casepath/status.h"

struct store;

enum store_open_flag {
	STORE_CREATE = 1 << 0,        /* create the file when it is missing */
	STORE_ALLOW_SHARED = 1 << 1,  /* open a file other users can read */
	STORE_READONLY = 1 << 2       /* refuse every write (export, show) */
};

/* Opens (and with STORE_CREATE creates, mode 0600, parent directory
 * 0700 when missing) a casepath database and brings its schema up to
 * date. On failure *out is NULL and err holds one line naming the file
 * and the reason. */
enum status store_open(const char *path, unsigned flags, struct store **out,
                       char *err, size_t errlen);
void store_close(struct store **st);

/* The default database path: $CASEPATH_DB, else
 * $XDG_DATA_HOME/casepath/casepath.db, else
 * ~/.local/share/casepath/casepath.db. Written into buf. */
char *store_default_path(char *buf, size_t len);

/* For the interactive screens: bounded memory (no mmap, an 8 MiB page
 * cache) instead of the batch commands' throughput settings. */
enum status store_tune_interactive(struct store *st);
/* What the page caches of the screens' two connections (the list's, the
 * search's) hold at most, in bytes. */
size_t store_interactive_cache_bytes(void);

const char *store_errmsg(const struct store *st);
const char *store_path(const struct store *st);
/* The OS login of this process and its role from the users table
 * ("caseworker", "supervisor" or "auditor"). */
const char *store_login(const struct store *st);
const char *store_role(const struct store *st);
int store_schema_version(void);

/* The rule set writes are checked against and deadlines derived from.
 * Borrowed: it must outlive the store. Without one, loads are refused. */
struct ruleset;
void store_set_rules(struct store *st, const struct ruleset *rs);

/* The list's name order: by the folded names (name_key: diacritics
 * folded away, Russian ё with е), the default, or in the Turkish
 * alphabet (name_key_tr: ç after c, ı before i). The caller decides,
 * from the interface's language; the store never asks gettext. Set
 * before the list is read; a change forgets the last search. */
enum name_order { NAME_ORDER_FOLDED, NAME_ORDER_TR };
void store_set_name_order(struct store *st, enum name_order order);

/* SQL time for make bench: once on, every statement's running time
 * (SQLite's own profile figure) is added up, so a keystroke's time
 * can be split into the engine's part and casepath's (formatting,
 * drawing). Off by default: it costs a callback per statement. */
void store_time_sql(struct store *st, bool on);
/* the microseconds of SQL run since store_time_sql(st, true) */
double store_sql_us(const struct store *st);

/* Write transactions: BEGIN IMMEDIATE (so a second writer waits up to
 * the busy timeout instead of failing half-way), then commit or roll
 * back. An auditor's store refuses to begin one. */
enum status store_tx_begin(struct store *st);
/* A bulk load (demo, import): store_bulk_begin() before store_tx_begin
 * turns the foreign-key checks off (the loader resolves every case
 * number itself, so each row's parent exists) and, for a first load
 * (no events yet) when no other connection has the file open, trades
 * WAL for a rollback journal, which writes each page once;
 * store_bulk_end() after the commit or rollback turns both back. */
enum status store_bulk_begin(struct store *st);
void store_bulk_end(struct store *st);
enum status store_tx_commit(struct store *st);
void store_tx_rollback(struct store *st);

/* Appends one audit record inside the open transaction. Most callers
 * never need it: the row writers call it themselves. before/after are
 * JSON texts or NULL. */
enum status store_audit(struct store *st, const char *table, const char *row,
                        const char *action, const char *before_json,
                        const char *after_json);

/* --- loading rows (import and demo) -------------------------------------
 * A loader validates rows in the text shape of record.h exactly as the
 * CSV formats define them and inserts them in the open transaction. */
struct loader;

enum loader_audit {
	LOADER_AUDIT_ROWS,     /* one audit record per row, with its JSON */
	LOADER_AUDIT_SUMMARY,  /* one record for the whole load (demo data) */
	/* one record for the whole import: file, counts, id ranges and a
	 * SHA-256 over the canonical content of every row inserted; each
	 * person created is traced to it (import_row: record, line) */
	LOADER_AUDIT_IMPORT
};

struct load_error {
	const char *column;    /* the CSV column at fault, or NULL */
	char reason[512];
	unsigned long line;    /* from loader_finish: the row's tag, else 0 */
};

struct load_counts {
	long persons, events, relations, documents;
	/* loader_finish: persons whose stage and clocks were derived (-1:
	 * every person, in one pass) and the seconds it took */
	long derived;
	double derive_seconds, derive_cpu_seconds;
	/* where a bulk load's time went (CASEPATH_LOAD_TIMING): wall and
	 * CPU seconds of the rows (loader_new to loader_finish), the
	 * full-text and name-key tables filled from the names kept, the
	 * indexes built after the rows */
	double rows_seconds, rows_cpu_seconds, names_seconds, names_cpu_seconds,
	       index_seconds, index_cpu_seconds;
};

struct loader *loader_new(struct store *st, enum loader_audit audit);
/* Tags the rows that follow (a CSV line number), so a guardrail found
 * at loader_finish can name the row it blocks. */
void loader_set_tag(struct loader *l, unsigned long tag);
/* A supervisor's written reason to pass the guardrails this load would
 * otherwise break; each pass is recorded as an "override" event. A
 * caseworker's override is refused. */
void loader_set_override(struct loader *l, const char *reason);
void loader_free(struct loader **l);
/* An import's command ("import persons FILE"), named in its record. */
void loader_set_command(struct loader *l, const char *command);
/* Each returns ST_OK, ST_ERR_INPUT (err filled: column and reason) or a
 * database error (store_errmsg). A failed row leaves nothing behind,
 * but the caller must roll back the transaction to undo earlier rows. */
enum status loader_person(struct loader *l, const struct person_in *p,
                          struct load_error *err);
enum status loader_event(struct loader *l, const struct event_in *e,
                         struct load_error *err);
enum status loader_relation(struct loader *l, const struct relation_in *r,
                            struct load_error *err);
enum status loader_document(struct loader *l, const struct document_in *d,
                            struct load_error *err);
/* Applies the pathway rules to every person the load touched: a
 * guardrail a new event breaks refuses the load (ST_ERR_INPUT, err
 * naming the rule, the row's tag in err->line) unless overridden; then
 * refreshes their derived stage and deadlines. Then writes one audit
 * record describing the whole load: its origin ("import", "demo"), its
 * source (a file name, "seed 7"), a digest of the source (SHA-256 of
 * the file, or NULL) and the row counts. Call before committing. */
enum status loader_finish(struct loader *l, const char *origin,
                          const char *source, const char *digest,
                          struct load_error *err);
struct load_counts loader_counts(const struct loader *l);

/* --- reading rows (export, show) ---------------------------------------- */
enum record_kind { REC_PERSONS, REC_EVENTS, REC_RELATIONS };

/* Receives one row: n text fields (never NULL, "" when empty). Return
 * 0 to go on, non-zero to stop. */
typedef int (*store_row_fn)(void *ctx, const char *const *fields, size_t n);

/* The CSV header of a kind, in export order. */
const char *const *store_columns(enum record_kind kind, size_t *n);
/* Finds a kind by its command-line word ("persons"). -1 when unknown. */
int store_kind_from_word(const char *word);

enum store_export_flag {
	EXPORT_JSON = 1 << 0,    /* one field per row: a JSON object */
	EXPORT_REDACT = 1 << 1   /* pseudonyms for persons (creating the
	                            database's secret on first use: open
	                            the store writable), no names, notes,
	                            places or references, birth year, event
	                            month */,
	DEADLINES_LAPSED = 1 << 2 /* store_deadlines: lapsed clocks too */
};

/* Every row of a kind in a stable order (persons by case number; events
 * by case number, date, entry order; relations by case numbers). With
 * case_no non-NULL, only that person's rows (relations: both sides, the
 * relation word read from this person's side). */
enum status store_export(struct store *st, enum record_kind kind,
                         unsigned flags, const char *case_no,
                         store_row_fn fn, void *ctx);

/* One person's pathway as the rules read it on as_of (events after it
 * left out): stage, clocks and violations, into out (see rules.h;
 * rule_result_clear frees it). ST_ERR_NOT_FOUND for an unknown case. */
struct rule_result;
enum status store_pathway(struct store *st, const char *case_no, int32_t as_of,
                          struct rule_result *out);

/* Identity documents of one person: doc_type, number, issuing_country,
 * issued, expires, status, note. */
enum status store_documents(struct store *st, const char *case_no,
                            store_row_fn fn, void *ctx);

/* Derived deadlines due on or before as_of + within_days (within_days
 * < 0: all), overdue included: case_no, clock, due, due_latest,
 * status, rule; ordered by due, then case number. The status is as of
 * as_of: an open clock past its last day is overdue, one past its
 * lapse day lapsed. Lapsed clocks only with DEADLINES_LAPSED.
 * EXPORT_JSON gives one JSON object per row instead. */
enum status store_deadlines(struct store *st, int32_t as_of, int within_days,
                            unsigned flags, store_row_fn fn, void *ctx);

/* Integrity check, foreign keys and the audit chain. ST_OK, or
 * ST_ERR_CORRUPT with report naming the first bad thing. */
enum status store_verify(struct store *st, char *report, size_t len);

/* A consistent online copy to dest (which must not exist), mode 0600:
 * the plaintext snapshot an encrypted backup is made from (cli_backup.c
 * puts it in a private directory and removes it). */
enum status store_snapshot(struct store *st, const char *dest);

/* Takes an exclusive lock on the database file at path, so no other
 * process has it open while it is replaced (restore). ST_ERR_BUSY when
 * another process has it open, ST_ERR_NOT_CASEPATH when it is not an
 * SQLite file. Its write-ahead log is folded into the file first, so
 * the file alone is the whole database. *out is released (and the lock
 * dropped) by store_guard_release. */
struct store_guard;
enum status store_guard_take(const char *path, struct store_guard **out,
                             char *err, size_t errlen);
void store_guard_release(struct store_guard **g);

/* Every person, unfiltered (the list's own counts: store_view.h). */
long store_person_count(struct store *st);

#endif
