/* store.c: opening a database safely, pragmas, errors. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <time.h>
#include <sodium.h>
#include <unistd.h>

#include "casepath/i18n.h"
#include "casepath/namekey.h"
#include "casepath/u8.h"
#include "casepath/util.h"
#include "store_internal.h"

/* The page cache of each interactive connection (the list's and the
 * search's), in KiB: a screen reads a few pages a keystroke. */
#define INTERACTIVE_CACHE_KIB 8192
#define TEXT_OF_(x) #x
#define TEXT_OF(x) TEXT_OF_(x)

enum status
store_status_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return ST_OK;
	case SQLITE_FULL:
		return ST_ERR_FULL;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return ST_ERR_IO;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ST_ERR_BUSY;
	case SQLITE_NOTADB:
		return ST_ERR_NOT_CASEPATH;
	case SQLITE_CORRUPT:
		return ST_ERR_CORRUPT;
	case SQLITE_CONSTRAINT:
		return ST_ERR_INPUT;
	case SQLITE_PERM:
	case SQLITE_READONLY:
	case SQLITE_AUTH:
		return ST_ERR_PERMISSION;
	default:
		return ST_ERR_DB;
	}
}

enum status
store_fail(struct store *st, int rc, const char *fmt, ...)
{
	va_list ap;
	size_t used;

	va_start(ap, fmt);
	vsnprintf(st->err, sizeof st->err, fmt, ap);
	va_end(ap);
	used = strlen(st->err);
	if (rc != SQLITE_OK && st->db && used < sizeof st->err)
		snprintf(st->err + used, sizeof st->err - used, ": %s",
		         sqlite3_errmsg(st->db));
	return rc == SQLITE_OK ? ST_ERR_DB : store_status_of(rc);
}

enum status
store_prepare(struct store *st, const char *sql, sqlite3_stmt **out)
{
	int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	                            out, NULL);

	if (rc != SQLITE_OK) {
		*out = NULL;
		return store_fail(st, rc, _("cannot prepare a query"));
	}
	return ST_OK;
}

sqlite3_stmt *
store_cached(struct store *st, int slot, const char *sql)
{
	sqlite3_stmt **s = &st->cached[slot];

	if (!*s && store_prepare(st, sql, s) != ST_OK)
		return NULL;
	sqlite3_reset(*s);
	sqlite3_clear_bindings(*s);
	return *s;
}

sqlite3_stmt *
store_cached_sql(struct store *st, const char *sql)
{
	struct cached_sql *slot = NULL, *oldest = &st->by_text[0];
	size_t n = sizeof st->by_text / sizeof st->by_text[0];

	for (size_t i = 0; i < n; i++) {
		struct cached_sql *c = &st->by_text[i];

		if (c->sql && strcmp(c->sql, sql) == 0) {
			slot = c;
			break;
		}
		if (c->used < oldest->used)
			oldest = c;
	}
	if (!slot) {
		/* reuse the least recently used slot */
		slot = oldest;
		sqlite3_finalize(slot->stmt);
		free(slot->sql);
		slot->stmt = NULL;
		slot->sql = NULL;
		if (store_prepare(st, sql, &slot->stmt) != ST_OK)
			return NULL;
		slot->sql = xstrdup(sql);
	}
	slot->used = ++st->by_text_clock;
	sqlite3_reset(slot->stmt);
	sqlite3_clear_bindings(slot->stmt);
	return slot->stmt;
}

enum status
store_exec(struct store *st, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		enum status s = store_status_of(rc);

		snprintf(st->err, sizeof st->err, "%s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return s == ST_OK ? ST_ERR_DB : s;
	}
	return ST_OK;
}

int
bind_text(sqlite3_stmt *s, int i, const char *v, bool null_if_empty)
{
	if (!v || (null_if_empty && !*v))
		return null_if_empty ? sqlite3_bind_null(s, i)
		                     : sqlite3_bind_text(s, i, "", 0, SQLITE_STATIC);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

const char *
column_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

char *
store_default_path(char *buf, size_t len)
{
	const char *env = getenv("CASEPATH_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (!str_empty(env))
		snprintf(buf, len, "%s", env);
	else if (!str_empty(xdg))
		snprintf(buf, len, "%s/casepath/casepath.db", xdg);
	else
		snprintf(buf, len, "%s/.local/share/casepath/casepath.db",
		         str_empty(home) ? "." : home);
	return buf;
}

/* mkdir -p of path's parent directory, each new directory 0700. */
static int
make_parent_dirs(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;

	if (!slash || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST)
				rc = -1;
			*p = c;
			if (c == '\0' || rc)
				break;
		}
	}
	free(dir);
	return rc;
}


/* The SQL functions below each turn one text into another with a
 * (text, out, outlen) function; need is the output's size. */
typedef size_t (*text_fn)(const char *in, char *out, size_t outlen);

static void
text_result(sqlite3_context *ctx, const char *in, size_t need, text_fn fn)
{
	char *out = sqlite3_malloc64(need);

	if (!out) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	fn(in, out, need);
	sqlite3_result_text(ctx, out, -1, sqlite3_free);
}

/* casepath_fold(text): u8_fold as an SQL function, so the schema can
 * keep a folded sort key (person.name_key) next to the names. */
static void
sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *in = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (!in)
		sqlite3_result_null(ctx);
	else
		text_result(ctx, in, u8_fold(in, NULL, 0) + 1, u8_fold);
}

/* casepath_collate_tr(text): u8_collate_tr as an SQL function, for
 * the Turkish name order's key (person.name_key_tr); a key takes at
 * most three bytes an input byte. */
static void
sql_collate_tr(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *in = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (!in)
		sqlite3_result_null(ctx);
	else
		text_result(ctx, in, 3 * (size_t)sqlite3_value_bytes(argv[0]) + 1, u8_collate_tr);
}

/* casepath_namekey(text): the name skeletons of a name text (namekey.h,
 * namekey_text), so a migration can key the names already stored. */
static void
sql_namekey(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *in = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (!in)
		sqlite3_result_null(ctx);
	else
		text_result(ctx, in, namekey_text(in, NULL, 0) + 1, namekey_text);
}

/* casepath's SQL functions, on every connection that reads its indexes */
static enum status
register_functions(struct store *st)
{
	int src;

	if ((src = sqlite3_create_function(st->db, "casepath_fold", 1,
	                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	                                   SQLITE_INNOCUOUS, NULL, sql_fold,
	                                   NULL, NULL)) != SQLITE_OK)
		return store_fail(st, src, _("cannot register casepath_fold"));
	if ((src = sqlite3_create_function(st->db, "casepath_namekey", 1,
	                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	                                   SQLITE_INNOCUOUS, NULL, sql_namekey,
	                                   NULL, NULL)) != SQLITE_OK)
		return store_fail(st, src, _("cannot register casepath_namekey"));
	if ((src = sqlite3_create_function(st->db, "casepath_collate_tr", 1,
	                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	                                   SQLITE_INNOCUOUS, NULL, sql_collate_tr,
	                                   NULL, NULL)) != SQLITE_OK)
		return store_fail(st, src, _("cannot register casepath_collate_tr"));
	return ST_OK;
}

static enum status
apply_pragmas(struct store *st)
{
	/* WAL with NORMAL sync: durable at checkpoints, 5x faster per saved
	 * edit than FULL; secure_delete so removed data is overwritten. */
	static const char pragmas[] =
		"PRAGMA foreign_keys = ON;"
		"PRAGMA secure_delete = ON;"
		"PRAGMA temp_store = MEMORY;"
		"PRAGMA synchronous = NORMAL;"
		/* map the file for reading: one pread per page costs more */
		"PRAGMA mmap_size = 268435456;";
	sqlite3_stmt *s = NULL;
	enum status rc;
	int src;

	if ((rc = register_functions(st)) != ST_OK)
		return rc;
	if ((rc = store_exec(st, pragmas)) != ST_OK)
		return rc;
	/* journal_mode answers with a row; make sure WAL really took. */
	src = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(s);
	if ((src & 0xff) == SQLITE_BUSY) {
		/* only a first load (store_bulk_begin) holds the file outside
		 * WAL for that long */
		rc = store_fail(st, SQLITE_OK, _("%s: another casepath is loading it (a"
		                " demo, or the first import into it); open it when that"
		                " ends"), st->path);
		sqlite3_finalize(s);
		return rc;
	}
	if (src != SQLITE_ROW) {
		rc = store_fail(st, src, _("cannot switch to WAL mode"));
		sqlite3_finalize(s);
		return rc;
	}
	if (strcmp(column_text(s, 0), "wal") != 0) {
		sqlite3_finalize(s);
		return store_fail(st, SQLITE_OK, _("cannot switch to WAL mode"));
	}
	sqlite3_finalize(s);
	return ST_OK;
}

static int
pragma_int(struct store *st, const char *sql, int *out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = sqlite3_column_int(s, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

static void
load_role(struct store *st)
{
	sqlite3_stmt *s = NULL;

	snprintf(st->role, sizeof st->role, "caseworker");
	if (sqlite3_prepare_v2(st->db, "SELECT role FROM app_user WHERE login = ?1",
	                       -1, &s, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(s, 1, st->login, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(st->role, sizeof st->role, "%s", column_text(s, 0));
	sqlite3_finalize(s);
}

/* Decides whether the file is a casepath database, a fresh file, or
 * something else, and brings the schema up to date. */
static enum status
check_and_migrate(struct store *st)
{
	int app_id = 0, version = 0, objects = 0, rc;

	rc = pragma_int(st, "PRAGMA application_id", &app_id);
	if (rc == SQLITE_OK)
		rc = pragma_int(st, "PRAGMA user_version", &version);
	if (rc == SQLITE_OK)
		rc = pragma_int(st, "SELECT count(*) FROM sqlite_schema", &objects);
	if (rc == SQLITE_NOTADB)
		return store_fail(st, SQLITE_OK,
		                  _("%s: not a casepath database (not an SQLite file)"),
		                  st->path);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, _("%s: cannot read"), st->path);
	if (app_id == 0 && version == 0 && objects == 0) {
		enum status prc = apply_pragmas(st);

		return prc != ST_OK ? prc : store_migrate(st, true);
	}
	if (app_id != CASEPATH_APPLICATION_ID) {
		snprintf(st->err, sizeof st->err,
		         "%s: not a casepath database (an SQLite file of another program)",
		         st->path);
		return ST_ERR_NOT_CASEPATH;
	}
	if (version > store_migration_count()) {
		snprintf(st->err, sizeof st->err,
		         "%s: made by a newer casepath (schema %d, this one knows %d)",
		         st->path, version, store_migration_count());
		return ST_ERR_TOO_NEW;
	}
	{
		enum status prc = apply_pragmas(st);

		if (prc != ST_OK)
			return prc;
	}
	if (version < store_migration_count())
		return store_migrate(st, false);
	return ST_OK;
}

/* $CASEPATH_MAX_PAGES caps the file's size in pages, so tests can make
 * a database that is full (SQLITE_FULL) without filling a disk. It is
 * applied after the schema is up to date: opening still works. */
static enum status
apply_max_pages(struct store *st)
{
	const char *env = getenv("CASEPATH_MAX_PAGES");
	char sql[64], *end = NULL;
	long long n;

	if (str_empty(env))
		return ST_OK;
	errno = 0;
	n = strtoll(env, &end, 10);
	if (errno || *end || n <= 0) {
		snprintf(st->err, sizeof st->err,
		         "CASEPATH_MAX_PAGES: '%s' is not a positive number of pages", env);
		return ST_ERR_USAGE;
	}
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", n);
	return store_exec(st, sql);
}

enum status
store_open(const char *path, unsigned flags, struct store **out, char *err,
           size_t errlen)
{
	struct store *st = xcalloc(1, sizeof *st);
	struct stat sb;
	enum status rc = ST_OK;
	/* one connection per thread: no need for SQLite's own mutexes */
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX;
	mode_t old_mask;

	*out = NULL;
	if (sodium_init() < 0) {
		snprintf(err, errlen, _("cannot initialise libsodium"));
		free(st);
		return ST_ERR_DB;
	}
	st->path = xstrdup(path);
	/* read-only is for the user's commands: an older file is still
	 * migrated when it is opened */
	st->flags = flags & ~(unsigned)STORE_READONLY;
	os_login(st->login, sizeof st->login);

	if (stat(path, &sb) == 0) {
		if (!S_ISREG(sb.st_mode)) {
			snprintf(st->err, sizeof st->err, _("%s: not a regular file"), path);
			rc = ST_ERR_NOT_CASEPATH;
			goto out;
		}
		if ((sb.st_mode & 077) && !(flags & STORE_ALLOW_SHARED)) {
			snprintf(st->err, sizeof st->err,
			         "%s: other users can read this file (mode %04o); "
			         "run 'chmod 600 %s' or give --allow-shared-file",
			         path, (unsigned)(sb.st_mode & 0777), path);
			rc = ST_ERR_PERMISSION;
			goto out;
		}
	} else if (errno == ENOENT && (flags & STORE_CREATE)) {
		oflags |= SQLITE_OPEN_CREATE;
		if (make_parent_dirs(path) != 0) {
			snprintf(st->err, sizeof st->err, _("%s: cannot create its directory: %s"),
			         path, strerror(errno));
			rc = ST_ERR_IO;
			goto out;
		}
	} else {
		snprintf(st->err, sizeof st->err, "%s: %s", path,
		         errno == ENOENT ? _("no such database") : strerror(errno));
		rc = errno == ENOENT ? ST_ERR_NOT_FOUND : ST_ERR_IO;
		goto out;
	}

	/* The database, its WAL and its shared-memory file are ours alone. */
	old_mask = umask(077);
	{
		int src = sqlite3_open_v2(path, &st->db, oflags, NULL);

		if (src != SQLITE_OK) {
			rc = store_fail(st, src, _("%s: cannot open"), path);
			umask(old_mask);
			goto out;
		}
	}
	sqlite3_extended_result_codes(st->db, 1);
	/* before the first read: another process may be recovering a
	 * crashed writer's log or checkpointing as it closes, and a read
	 * then waits a moment instead of failing "database is locked" */
	sqlite3_busy_timeout(st->db, 5000);
	rc = check_and_migrate(st);
	umask(old_mask);
	if (rc != ST_OK)
		goto out;
	load_role(st);
	st->flags = flags;
	rc = apply_max_pages(st);
	if (rc == ST_OK && (flags & STORE_READONLY))
		rc = store_exec(st, "PRAGMA query_only = ON");
out:
	if (rc != ST_OK) {
		snprintf(err, errlen, "%s", st->err);
		store_close(&st);
		return rc;
	}
	*out = st;
	return ST_OK;
}

enum status
store_tune_interactive(struct store *st)
{
	/* Mapped pages count as the process's memory; a screen reads a few
	 * pages a keystroke, so a small page cache serves it as well. */
	return store_exec(st, "PRAGMA mmap_size = 0; PRAGMA cache_size = -"
	                      TEXT_OF(INTERACTIVE_CACHE_KIB) ";");
}

size_t
store_interactive_cache_bytes(void)
{
	return 2 * (size_t)INTERACTIVE_CACHE_KIB * 1024;
}

/* SQLite's own profile figure counts whole milliseconds (its VFS clock),
 * too coarse for a keystroke: instead the time during which at least
 * one statement runs is measured here, from a statement's first step
 * (SQLITE_TRACE_STMT, which may fire again for its triggers) to its end
 * or reset (SQLITE_TRACE_PROFILE). Statements run inside others (FTS5's
 * own) fall within the outer one's span and are not counted twice. */
static int
add_sql_time(unsigned type, void *ctx, void *stmt, void *unused)
{
	struct store *st = ctx;
	struct sql_timer *t = &st->sql_timer;
	size_t i;

	(void)unused;
	for (i = 0; i < t->nrunning && t->running[i] != stmt; i++)
		;
	if (type == SQLITE_TRACE_STMT && i == t->nrunning &&
	    t->nrunning < sizeof t->running / sizeof t->running[0]) {
		if (t->nrunning == 0)
			t->since = mono_ns();
		t->running[t->nrunning++] = stmt;
	} else if (type == SQLITE_TRACE_PROFILE && i < t->nrunning) {
		t->running[i] = t->running[--t->nrunning];
		if (t->nrunning == 0)
			t->total_ns += mono_ns() - t->since;
	}
	return 0;
}

void
store_time_sql(struct store *st, bool on)
{
	memset(&st->sql_timer, 0, sizeof st->sql_timer);
	st->sql_timing = on;
	if (st->search)      /* the search's own connection counts too */
		store_time_sql(st->search, on);
	sqlite3_trace_v2(st->db, on ? SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE : 0,
	                 on ? add_sql_time : NULL, st);
}

double
store_sql_us(const struct store *st)
{
	const struct sql_timer *t = &st->sql_timer;
	uint64_t ns = t->total_ns;

	if (t->nrunning > 0)  /* a statement still running counts so far */
		ns += mono_ns() - t->since;
	return (double)ns / 1000.0 + (st->search ? store_sql_us(st->search) : 0);
}

void
store_close(struct store **stp)
{
	struct store *st = *stp;

	if (!st)
		return;
	if (st->in_tx)
		store_tx_rollback(st);
	store_close(&st->search);
	sqlite3_finalize(st->audit_insert);
	for (size_t i = 0; i < sizeof st->cached / sizeof st->cached[0]; i++)
		sqlite3_finalize(st->cached[i]);
	for (size_t i = 0; i < sizeof st->by_text / sizeof st->by_text[0]; i++) {
		sqlite3_finalize(st->by_text[i].stmt);
		free(st->by_text[i].sql);
	}
	/* Every module finalizes what it prepared; close_v2 waits for any
	 * straggler instead of failing. (Never finalize statements found
	 * with sqlite3_next_stmt: FTS5 owns some of them.) */
	if (st->db)
		sqlite3_close_v2(st->db);
	free(st->similar.match);
	free(st->similar.bits);
	free(st->plain.match);
	free(st->plain.bits);
	free(st->filtered.match);
	free(st->filtered.bits);
	free(st->both.match);
	free(st->both.bits);
	store_search_forget(st);
	free(st->path);
	free(st);
	*stp = NULL;
}

/* --- the search's connection ---------------------------------------------- */

#define POLL_US 500         /* ask the caller this often while searching */
#define POLL_OPS 200        /* the progress handler's period, in VM steps */

/* Asks poll(ctx) at most every POLL_US; once it said yes, the answer is
 * yes until *yes is reset. Non-zero stops the running statement with
 * SQLITE_INTERRUPT. */
static int
poll_ask(store_poll_fn poll, void *ctx, int64_t *at, bool *yes)
{
	int64_t now;

	if (!poll)
		return 0;
	if (*yes)
		return 1;
	now = mono_us();
	if (now - *at < POLL_US)
		return 0;
	*at = now;
	*yes = poll(ctx);
	return *yes;
}

/* The search connection's progress handler: non-zero stops the running
 * statement with SQLITE_INTERRUPT (the search's statements only: this
 * connection runs nothing else). */
static int
search_progress(void *ctx)
{
	struct store *s = ctx;

	return s->searching ? poll_ask(s->poll, s->poll_ctx, &s->poll_at, &s->interrupted) : 0;
}

struct store *
store_search_conn(struct store *st)
{
	struct store *s;
	int src;

	if (st->in_tx)
		return st;     /* the search must see the transaction's rows */
	if (st->search || st->search_alone)
		return st->search ? st->search : st;
	st->search_alone = true;
	if (!st->path || !st->path[0] || strcmp(st->path, ":memory:") == 0 ||
	    strncmp(st->path, "file:", 5) == 0)
		return st;
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(st->path);
	s->flags = STORE_READONLY;
	s->search_alone = true;    /* it has no search connection of its own */
	src = sqlite3_open_v2(st->path, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW |
	                      SQLITE_OPEN_NOMUTEX, NULL);
	if (src == SQLITE_OK) {
		sqlite3_extended_result_codes(s->db, 1);
		sqlite3_busy_timeout(s->db, 5000);
	}
	/* a keystroke reads a few pages: a small cache, nothing mapped */
	if (src != SQLITE_OK || register_functions(s) != ST_OK ||
	    store_exec(s, "PRAGMA query_only = ON; PRAGMA temp_store = MEMORY;"
	                  " PRAGMA cache_size = -" TEXT_OF(INTERACTIVE_CACHE_KIB) ";")
	    != ST_OK) {
		store_close(&s);
		return st;
	}
	sqlite3_progress_handler(s->db, POLL_OPS, search_progress, s);
	if (st->sql_timing)
		store_time_sql(s, true);
	st->search = s;
	st->search_alone = false;
	return s;
}

/* The main connection's progress handler while idle work runs. */
static int
idle_progress(void *ctx)
{
	struct store *st = ctx;

	return poll_ask(st->idle_poll, st->idle_ctx, &st->idle_poll_at, &st->idle_gave_way);
}

void
store_idle_begin(struct store *st, store_poll_fn poll, void *ctx)
{
	st->idle_poll = poll;
	st->idle_ctx = ctx;
	st->idle_poll_at = 0;
	st->idle_gave_way = false;
	sqlite3_progress_handler(st->db, POLL_OPS, idle_progress, st);
}

void
store_idle_end(struct store *st)
{
	sqlite3_progress_handler(st->db, 0, NULL, NULL);
	st->idle_poll = NULL;
	st->idle_ctx = NULL;
}

bool
store_gave_way(const struct store *st)
{
	return st->idle_poll && st->idle_gave_way;
}

void
store_set_search_poll(struct store *st, store_poll_fn poll, void *ctx)
{
	st->poll = poll;
	st->poll_ctx = ctx;
}

const char *
store_errmsg(const struct store *st)
{
	return st->err;
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

const char *
store_login(const struct store *st)
{
	return st->login;
}

const char *
store_role(const struct store *st)
{
	return st->role;
}

int
store_schema_version(void)
{
	return store_migration_count();
}

struct store_guard {
	sqlite3 *db;
};

enum status
store_guard_take(const char *path, struct store_guard **out, char *err,
                 size_t errlen)
{
	struct store_guard *g = xcalloc(1, sizeof *g);
	int rc;

	*out = NULL;
	rc = sqlite3_open_v2(path, &g->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
	                     NULL);
	/* Exclusive locking mode on a WAL file: the first read takes an
	 * exclusive lock on the file itself, which fails at once while
	 * any other connection (a running casepath) holds its shared
	 * lock. Then the log is folded in and removed. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(g->db, "PRAGMA locking_mode = EXCLUSIVE;"
		                  "SELECT count(*) FROM sqlite_schema;"
		                  "BEGIN EXCLUSIVE; COMMIT;"
		                  "PRAGMA wal_checkpoint(TRUNCATE);"
		                  "PRAGMA journal_mode = DELETE;", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		int code = rc & 0xff;

		if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
			snprintf(err, errlen, _("%s: another casepath has it open;"
			                        " close it first"), path);
		else if (code == SQLITE_NOTADB)
			snprintf(err, errlen, _("%s: not a casepath database; not replacing"
			                        " it"), path);
		else
			snprintf(err, errlen, "%s: %s", path,
			         g->db ? sqlite3_errmsg(g->db) : sqlite3_errstr(rc));
		sqlite3_close(g->db);
		free(g);
		return code == SQLITE_BUSY || code == SQLITE_LOCKED ? ST_ERR_BUSY
		       : code == SQLITE_NOTADB ? ST_ERR_NOT_CASEPATH : ST_ERR_DB;
	}
	*out = g;
	return ST_OK;
}

void
store_guard_release(struct store_guard **g)
{
	if (!*g)
		return;
	sqlite3_close((*g)->db);
	free(*g);
	*g = NULL;
}
