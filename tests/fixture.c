/* fixture.c: the store tests' shared database fixture (fixture.h). */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/date.h"
#include "casepath/demo.h"
#include "casepath/rules.h"
#include "fixture.h"

void
fixture_open(struct fixture *f, const char *tag, const char *file)
{
	char err[512];

	memset(f, 0, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/casepath-%s.XXXXXX", tag);
	ck_assert_ptr_nonnull(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/%s", f->dir, file);
	setenv("CASEPATH_TODAY", FIXTURE_TODAY, 1);
	f->rules = ruleset_load(TESTS_DIR "/../assets/rules/tr.rules", err, sizeof err);
	ck_assert_msg(f->rules != NULL, "%s", err);
	ck_assert_int_eq(store_open(f->path, STORE_CREATE, &f->st, err, sizeof err), ST_OK);
	store_set_rules(f->st, f->rules);
}

/* the demo generator's rows, straight into a loader */
struct sink_ctx {
	struct loader *l;
	struct load_error err;
};

static int
put_person(void *ctx, const struct person_in *p)
{
	struct sink_ctx *c = ctx;

	return loader_person(c->l, p, &c->err) != ST_OK;
}

static int
put_event(void *ctx, const struct event_in *e)
{
	struct sink_ctx *c = ctx;

	return loader_event(c->l, e, &c->err) != ST_OK;
}

static int
put_relation(void *ctx, const struct relation_in *r)
{
	struct sink_ctx *c = ctx;

	return loader_relation(c->l, r, &c->err) != ST_OK;
}

static int
put_document(void *ctx, const struct document_in *d)
{
	struct sink_ctx *c = ctx;

	return loader_document(c->l, d, &c->err) != ST_OK;
}

void
fixture_demo(struct fixture *f, const char *tag, long persons, uint64_t seed,
             const struct person_in *extra, size_t nextra)
{
	struct sink_ctx c = { 0 };
	struct demo_sink sink = { &c, put_person, put_event, put_relation, put_document };
	struct demo_options opt = { .persons = persons, .seed = seed };

	fixture_open(f, tag, "t.db");
	opt.today = day_today();
	ck_assert_int_eq(store_tx_begin(f->st), ST_OK);
	c.l = loader_new(f->st, LOADER_AUDIT_SUMMARY);
	ck_assert_int_eq(demo_generate(&opt, &sink), 0);
	for (size_t i = 0; i < nextra; i++)
		ck_assert_int_eq(loader_person(c.l, &extra[i], &c.err), ST_OK);
	ck_assert_msg(loader_finish(c.l, "demo", "test", NULL, &c.err) == ST_OK, "%s",
	              c.err.reason);
	loader_free(&c.l);
	ck_assert_int_eq(store_tx_commit(f->st), ST_OK);
	store_close(&f->st);
}

void
fixture_reopen(struct fixture *f, unsigned flags)
{
	char err[512];

	ck_assert_int_eq(store_open(f->path, flags, &f->st, err, sizeof err), ST_OK);
	store_set_rules(f->st, f->rules);
}

void
fixture_remove(struct fixture *f)
{
	char cmd[400];

	store_close(&f->st);
	ruleset_free(&f->rules);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	ck_assert_int_eq(system(cmd), 0);
}

static sqlite3_stmt *
first_row(const struct fixture *f, const char *sql, sqlite3 **db)
{
	sqlite3_stmt *s = NULL;

	ck_assert_int_eq(sqlite3_open(f->path, db), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(*db, sql, -1, &s, NULL) == SQLITE_OK, "%s: %s",
	              sql, sqlite3_errmsg(*db));
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

long long
fixture_int(const struct fixture *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s = first_row(f, sql, &db);
	long long v = s ? sqlite3_column_int64(s, 0) : -1;

	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

const char *
fixture_text(const struct fixture *f, const char *sql)
{
	static char buf[4096];
	sqlite3 *db;
	sqlite3_stmt *s = first_row(f, sql, &db);

	buf[0] = '\0';
	if (s && sqlite3_column_text(s, 0))
		snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return buf;
}

void
fixture_exec(const struct fixture *f, const char *sql)
{
	sqlite3 *db;

	ck_assert_int_eq(sqlite3_open(f->path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s: %s",
	              sql, sqlite3_errmsg(db));
	sqlite3_close(db);
}

void
fixture_verify(const struct fixture *f)
{
	char report[512];

	ck_assert_msg(store_verify(f->st, report, sizeof report) == ST_OK, "%s", report);
}
