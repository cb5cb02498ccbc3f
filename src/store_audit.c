/* store_audit.c: write transactions and the hash-chained audit trail.
 *
 * Each audit record stores the SHA-256 of the record before it, and its
 * own hash covers that plus every field of its own, so editing,
 * removing or reordering any record breaks the chain at that point
 * (store_verify names it). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/digest.h"
#include "casepath/i18n.h"
#include "casepath/util.h"
#include "store_internal.h"

static const char genesis_hash[HASH_HEX_LEN + 1] =
	"0000000000000000000000000000000000000000000000000000000000000000";

enum status
store_tx_begin(struct store *st)
{
	int rc;

	if (st->in_tx)
		return store_fail(st, SQLITE_OK, _("a transaction is already open"));
	if (st->flags & STORE_READONLY)
		return (snprintf(st->err, sizeof st->err,
		                 _("%s: opened read-only"), st->path), ST_ERR_PERMISSION);
	if (strcmp(st->role, "auditor") == 0) {
		snprintf(st->err, sizeof st->err,
		         _("%s is an auditor: auditors can read everything and change nothing"),
		         st->login);
		return ST_ERR_PERMISSION;
	}
	/* IMMEDIATE takes the write lock now, so a read-then-write
	 * transaction cannot fail half-way with SQLITE_BUSY. */
	rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, _("%s: cannot start a write"), st->path);
	st->in_tx = true;
	st->chain_known = false;
	return ST_OK;
}

/* Sets the journal mode; true when the file is in MODE afterwards (a
 * change out of WAL needs the only connection to the file, so it fails
 * while another casepath has it open, and SQLite then keeps WAL). */
static bool
set_journal_mode(struct store *st, const char *sql, const char *mode)
{
	sqlite3_stmt *s = NULL;
	bool ok = false;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		ok = strcmp(column_text(s, 0), mode) == 0;
	sqlite3_finalize(s);
	return ok;
}

static bool
first_load(struct store *st)
{
	sqlite3_stmt *s = NULL;
	bool empty = false;

	if (sqlite3_prepare_v2(st->db, "SELECT NOT EXISTS (SELECT 1 FROM event)", -1, &s,
	                       NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		empty = sqlite3_column_int(s, 0) != 0;
	sqlite3_finalize(s);
	return empty;
}

enum status
store_bulk_begin(struct store *st)
{
	if (st->in_tx)
		return store_fail(st, SQLITE_OK, "a transaction is already open");
	/* A first load (the file holds no events yet: a demo, the first
	 * import into a new file) runs under a rollback journal. Under WAL
	 * it wrote every page twice, into the log and then, at the
	 * checkpoint, into the file, and each page read looked the page up
	 * in a log of gigabytes first: a 100,000-person demo took 19.9 s
	 * under WAL, 11.1 s under the journal. The journal keeps the pages
	 * the load changes that held data before (few in a new file), so a
	 * kill -9 still leaves the file as it was: the next open rolls the
	 * journal back and returns to WAL. A later load keeps WAL, so the
	 * screens can open the file while it runs (under the journal they
	 * cannot: store_open says so). */
	if (first_load(st))
		st->bulk_journal = set_journal_mode(st, "PRAGMA journal_mode = DELETE",
		                                    "delete");
	return store_exec(st, "PRAGMA foreign_keys = OFF");
}

void
store_bulk_end(struct store *st)
{
	if (st->in_tx)
		return;
	store_exec(st, "PRAGMA foreign_keys = ON");
	/* back to WAL; should that fail (a reader came in), the next open
	 * of the file switches it */
	if (st->bulk_journal)
		set_journal_mode(st, "PRAGMA journal_mode = WAL", "wal");
	st->bulk_journal = false;
}

enum status
store_tx_commit(struct store *st)
{
	int rc;

	if (!st->in_tx)
		return store_fail(st, SQLITE_OK, _("no transaction is open"));
	rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		enum status s = store_fail(st, rc, _("%s: not saved"), st->path);

		store_tx_rollback(st);
		return s;
	}
	st->in_tx = false;
	st->chain_known = false;
	return ST_OK;
}

void
store_tx_rollback(struct store *st)
{
	if (!st->in_tx)
		return;
	/* Failing statements may have rolled back already; that is fine. */
	if (sqlite3_get_autocommit(st->db) == 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = false;
	st->chain_known = false;
}

/* Feeds "len:bytes," (or "-," for NULL) so no two field lists hash the
 * same text. */
static void
hash_field(struct digest *h, const char *v)
{
	char len[32];

	if (!v) {
		digest_update(h, "-,", 2);
		return;
	}
	snprintf(len, sizeof len, "%zu:", strlen(v));
	digest_update(h, len, strlen(len));
	digest_update(h, v, strlen(v));
	digest_update(h, ",", 1);
}

void
audit_hash(const char *prev_hash, int64_t seq, const char *at,
           const char *login, const char *table, const char *row,
           const char *action, const char *before, const char *after,
           char out[HASH_HEX_LEN + 1])
{
	struct digest *h = digest_new();
	unsigned char sum[DIGEST_BYTES];
	char seqtext[32];

	snprintf(seqtext, sizeof seqtext, "%" PRId64, seq);
	hash_field(h, prev_hash);
	hash_field(h, seqtext);
	hash_field(h, at);
	hash_field(h, login);
	hash_field(h, table);
	hash_field(h, row);
	hash_field(h, action);
	hash_field(h, before);
	hash_field(h, after);
	digest_final(h, sum);
	digest_free(&h);
	digest_hex(sum, out);
}

static enum status
load_chain_tail(struct store *st)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (st->chain_known)
		return ST_OK;
	rc = sqlite3_prepare_v2(st->db,
		"SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, _("cannot read the audit log"));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		st->chain_seq = sqlite3_column_int64(s, 0);
		snprintf(st->chain_hash, sizeof st->chain_hash, "%s", column_text(s, 1));
	} else if (rc == SQLITE_DONE) {
		st->chain_seq = 0;
		memcpy(st->chain_hash, genesis_hash, sizeof st->chain_hash);
	} else {
		sqlite3_finalize(s);
		return store_fail(st, rc, _("cannot read the audit log"));
	}
	sqlite3_finalize(s);
	st->chain_known = true;
	return ST_OK;
}

enum status
store_audit(struct store *st, const char *table, const char *row,
            const char *action, const char *before_json, const char *after_json)
{
	char at[32], hash[HASH_HEX_LEN + 1];
	sqlite3_stmt *s;
	enum status rc;
	int64_t seq;
	int src;

	if (!st->in_tx)
		return store_fail(st, SQLITE_OK, _("an audit record outside a transaction"));
	if ((rc = load_chain_tail(st)) != ST_OK)
		return rc;
	if (!st->audit_insert &&
	    (rc = store_prepare(st,
		"INSERT INTO audit(seq, at, login, tbl, row_id, action, before, after,"
		" prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
		&st->audit_insert)) != ST_OK)
		return rc;
	s = st->audit_insert;
	seq = st->chain_seq + 1;
	utc_now(at, sizeof at);
	audit_hash(st->chain_hash, seq, at, st->login, table, row ? row : "",
	           action, before_json, after_json, hash);
	sqlite3_bind_int64(s, 1, seq);
	sqlite3_bind_text(s, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, st->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, row ? row : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, action, -1, SQLITE_STATIC);
	bind_text(s, 7, before_json, true);
	bind_text(s, 8, after_json, true);
	sqlite3_bind_text(s, 9, st->chain_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, hash, -1, SQLITE_STATIC);
	src = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (src != SQLITE_DONE)
		return store_fail(st, src, _("cannot write the audit record"));
	st->chain_seq = seq;
	memcpy(st->chain_hash, hash, sizeof hash);
	return ST_OK;
}

enum status
store_write_row(struct store *st, sqlite3_stmt *stmt, const char *table,
                const char *action, bool audit, int64_t *row_id)
{
	char *after = NULL, *row = NULL;
	enum status rc = ST_OK;
	int src;

	if (!st->in_tx) {
		sqlite3_reset(stmt);
		return store_fail(st, SQLITE_OK, _("a write outside a transaction"));
	}
	src = sqlite3_step(stmt);
	if (src == SQLITE_DONE && sqlite3_column_count(stmt) == 0) {
		/* a bulk insert without RETURNING: nothing to audit per row */
		if (row_id)
			*row_id = sqlite3_last_insert_rowid(st->db);
		audit = false;
	} else if (src == SQLITE_ROW) {
		if (row_id)
			*row_id = sqlite3_column_int64(stmt, 0);
		if (audit) {
			row = xstrdup(column_text(stmt, 0));
			after = sqlite3_column_type(stmt, 1) == SQLITE_NULL
			        ? NULL : xstrdup(column_text(stmt, 1));
		}
		while ((src = sqlite3_step(stmt)) == SQLITE_ROW)
			;
	}
	if (src != SQLITE_DONE)
		rc = store_fail(st, src, _("cannot write to %s"), table);
	sqlite3_reset(stmt);
	if (rc == ST_OK && audit)
		rc = store_audit(st, table, row, action, NULL, after);
	free(row);
	free(after);
	return rc;
}

/* Walks the chain from the first record and names the first break. */
static enum status
verify_chain(struct store *st, char *report, size_t len, int64_t *count)
{
	sqlite3_stmt *s = NULL;
	char prev[HASH_HEX_LEN + 1], want[HASH_HEX_LEN + 1];
	int64_t expect_seq = 1;
	enum status rc = ST_OK;
	int src;

	memcpy(prev, genesis_hash, sizeof prev);
	src = sqlite3_prepare_v2(st->db,
		"SELECT seq, at, login, tbl, row_id, action, before, after,"
		" prev_hash, hash FROM audit ORDER BY seq", -1, &s, NULL);
	if (src != SQLITE_OK)
		return store_fail(st, src, _("cannot read the audit log"));
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t seq = sqlite3_column_int64(s, 0);
		const char *before = sqlite3_column_type(s, 6) == SQLITE_NULL
		                     ? NULL : column_text(s, 6);
		const char *after = sqlite3_column_type(s, 7) == SQLITE_NULL
		                    ? NULL : column_text(s, 7);

		if (seq != expect_seq) {
			snprintf(report, len,
			         _("audit record %" PRId64 ": expected record %" PRId64
			         " here (records removed or renumbered)"), seq, expect_seq);
			rc = ST_ERR_CORRUPT;
			break;
		}
		if (strcmp(column_text(s, 8), prev) != 0) {
			snprintf(report, len,
			         _("audit record %" PRId64 ": does not follow record %" PRId64
			         " (records removed, reordered or edited)"), seq, seq - 1);
			rc = ST_ERR_CORRUPT;
			break;
		}
		audit_hash(prev, seq, column_text(s, 1), column_text(s, 2),
		           column_text(s, 3), column_text(s, 4), column_text(s, 5),
		           before, after, want);
		if (strcmp(want, column_text(s, 9)) != 0) {
			snprintf(report, len,
			         _("audit record %" PRId64 ": its contents do not match its hash"
			         " (edited after it was written)"), seq);
			rc = ST_ERR_CORRUPT;
			break;
		}
		memcpy(prev, want, sizeof prev);
		expect_seq++;
	}
	if (rc == ST_OK && src != SQLITE_DONE)
		rc = store_fail(st, src, _("cannot read the audit log"));
	sqlite3_finalize(s);
	*count = expect_seq - 1;
	return rc;
}

/* Runs a check pragma; every row but a single "ok" is a finding. */
static enum status
verify_pragma(struct store *st, const char *sql, const char *what,
              bool ok_row, char *report, size_t len)
{
	sqlite3_stmt *s = NULL;
	enum status rc = ST_OK;
	int src = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);

	if (src != SQLITE_OK)
		return store_fail(st, src, _("cannot run %s"), what);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (ok_row && strcmp(column_text(s, 0), "ok") == 0)
			continue;
		snprintf(report, len, "%s: %s%s%s", what, column_text(s, 0),
		         sqlite3_column_count(s) > 1 ? " " : "",
		         sqlite3_column_count(s) > 1 ? column_text(s, 1) : "");
		rc = ST_ERR_CORRUPT;
		break;
	}
	if (rc == ST_OK && src != SQLITE_DONE)
		rc = store_fail(st, src, _("cannot run %s"), what);
	sqlite3_finalize(s);
	return rc;
}

enum status
store_verify(struct store *st, char *report, size_t len)
{
	enum status rc;
	int64_t records = 0;

	rc = verify_pragma(st, "PRAGMA integrity_check", "integrity check", true,
	                   report, len);
	if (rc == ST_OK)
		rc = verify_pragma(st, "PRAGMA foreign_key_check", "foreign key check",
		                   false, report, len);
	if (rc == ST_OK)
		rc = verify_chain(st, report, len, &records);
	if (rc == ST_OK)
		snprintf(report, len, _("ok: integrity, foreign keys and %" PRId64
		         " audit records verified"), records);
	else if (rc != ST_ERR_CORRUPT)
		snprintf(report, len, "%s", st->err);
	return rc;
}
