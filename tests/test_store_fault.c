/* test_store_fault.c: a write the disk refuses (SQLITE_IOERR, SQLITE_FULL)
 * changes nothing, says so as ST_ERR_IO or ST_ERR_FULL, and the same
 * store saves the same edit once the disk works again, its audit chain
 * intact. The faults come from a VFS that wraps the default one and
 * fails every write while fault_rc is set (the screen tests cannot
 * make a disk return EIO). */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casepath/rules.h"
#include "casepath/store.h"
#include "casepath/store_edit.h"
#include "fixture.h"

Suite *suite_store_fault(void);

static struct fixture fx;

/* --- the failing VFS ------------------------------------------------------ */
static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;
/* the VFS has a few method tables (locking styles): each gets a copy
 * with its write swapped */
#define MAX_METHODS 4
static const sqlite3_io_methods *real_methods[MAX_METHODS];
static sqlite3_io_methods fault_methods[MAX_METHODS];
static int nmethods;
static int fault_rc;       /* while non-zero, every write returns it */
static int fault_hits;

static int
fault_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	int k = (int)(f->pMethods - fault_methods);

	if (fault_rc) {
		fault_hits++;
		return fault_rc;
	}
	return real_methods[k]->xWrite(f, buf, n, off);
}

/* The real VFS opens the file; only its write method is swapped. */
static int
fault_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags,
           int *out)
{
	int rc = real_vfs->xOpen(real_vfs, name, f, flags, out);
	int k = 0;

	(void)vfs;
	if (rc != SQLITE_OK || !f->pMethods)
		return rc;
	while (k < nmethods && real_methods[k] != f->pMethods)
		k++;
	if (k == nmethods) {
		ck_assert_int_lt(nmethods, MAX_METHODS);
		real_methods[k] = f->pMethods;
		fault_methods[k] = *f->pMethods;
		fault_methods[k].xWrite = fault_write;
		nmethods++;
	}
	f->pMethods = &fault_methods[k];
	return rc;
}

static void
setup(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	fault_vfs = *real_vfs;
	fault_vfs.zName = "casepath-fault";
	fault_vfs.pNext = NULL;
	fault_vfs.xOpen = fault_open;
	ck_assert_int_eq(sqlite3_vfs_register(&fault_vfs, 1), SQLITE_OK);
	fault_rc = fault_hits = 0;
	fixture_open(&fx, "fault", "t.db");
}

static void
teardown(void)
{
	fault_rc = 0;
	fixture_remove(&fx);
	sqlite3_vfs_unregister(&fault_vfs);
	sqlite3_vfs_register(real_vfs, 1);
}

static const struct person_in mother = {
	.case_no = "TR-1", .family_name = "Qarzelani", .given_names = "Amina",
	.sex = "F", .birth_date = "1991-04", .nationality = "TUN",
};

/* One person edit and one new event while the disk fails with code:
 * refused as want, nothing written; then both saved as they were. */
static void
fail_then_save(int code, enum status want)
{
	struct person_in p = mother;
	struct event_in e = { .case_no = "TR-1", .date = "2026-01-05",
	                      .kind = "border_crossing", .place = "Hatay" };
	struct load_error err;
	int64_t id = 0, ev = 0;
	char audit[128];

	ck_assert_int_eq(store_person_add(fx.st, &mother, &id, &err), ST_OK);
	snprintf(audit, sizeof audit, "%s",
	         fixture_text(&fx, "SELECT count(*) || ' ' || max(hash) FROM audit"));
	p.family_name = "Dümelkaya";

	fault_rc = code;
	ck_assert_int_eq(store_person_update(fx.st, id, 1, &p, &err), want);
	ck_assert_int_eq(store_event_add(fx.st, &e, NULL, &ev, &err), want);
	fault_rc = 0;
	ck_assert_int_gt(fault_hits, 0);
	ck_assert_msg(err.reason[0] != '\0', "no reason given");
	ck_assert_str_eq(fixture_text(&fx, "SELECT family_name || '|' || version FROM person"),
	                 "Qarzelani|1");
	ck_assert_str_eq(fixture_text(&fx, "SELECT count(*) FROM event"), "0");
	ck_assert_str_eq(fixture_text(&fx, "SELECT count(*) || ' ' || max(hash) FROM audit"),
	                 audit);
	fixture_verify(&fx);

	/* the disk works again: the kept edit saves, the chain goes on */
	ck_assert_msg(store_person_update(fx.st, id, 1, &p, &err) == ST_OK, "%s", err.reason);
	ck_assert_msg(store_event_add(fx.st, &e, NULL, &ev, &err) == ST_OK, "%s", err.reason);
	ck_assert_str_eq(fixture_text(&fx, "SELECT family_name || '|' || version FROM person"),
	                 "Dümelkaya|2");
	ck_assert_str_eq(fixture_text(&fx, "SELECT count(*) FROM event"), "1");
	fixture_verify(&fx);
}

START_TEST(test_io_error)
{
	fail_then_save(SQLITE_IOERR_WRITE, ST_ERR_IO);
}
END_TEST

START_TEST(test_disk_full)
{
	fail_then_save(SQLITE_FULL, ST_ERR_FULL);
}
END_TEST

/* One load in one transaction, as import does it. */
static enum status
load_one(const char *case_no, int fault)
{
	struct person_in p = mother;
	struct load_error err;
	struct loader *l;
	enum status rc;

	p.case_no = case_no;
	ck_assert_int_eq(store_tx_begin(fx.st), ST_OK);
	ck_assert_ptr_nonnull(l = loader_new(fx.st, LOADER_AUDIT_ROWS));
	ck_assert_int_eq(loader_person(l, &p, &err), ST_OK);
	ck_assert_int_eq(loader_finish(l, "import", "t.csv", NULL, &err), ST_OK);
	loader_free(&l);
	fault_rc = fault;
	rc = store_tx_commit(fx.st);
	fault_rc = 0;
	return rc;
}

/* A load refused at commit leaves nothing; the next one goes in. */
START_TEST(test_load_refused_at_commit)
{
	ck_assert_int_eq(load_one("TR-1", 0), ST_OK);
	ck_assert_int_eq(load_one("TR-2", SQLITE_IOERR_WRITE), ST_ERR_IO);
	ck_assert_ptr_nonnull(strstr(store_errmsg(fx.st), "not saved"));
	ck_assert_int_eq(load_one("TR-2", SQLITE_FULL), ST_ERR_FULL);
	ck_assert_str_eq(fixture_text(&fx, "SELECT group_concat(case_no) FROM person"), "TR-1");
	fixture_verify(&fx);
	ck_assert_int_eq(load_one("TR-3", 0), ST_OK);
	ck_assert_str_eq(fixture_text(&fx, "SELECT group_concat(case_no) FROM person"),
	                 "TR-1,TR-3");
	fixture_verify(&fx);
}
END_TEST

Suite *
suite_store_fault(void)
{
	Suite *s = suite_create("store_fault");
	TCase *tc = tcase_create("store_fault");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_io_error);
	tcase_add_test(tc, test_disk_full);
	tcase_add_test(tc, test_load_refused_at_commit);
	suite_add_tcase(s, tc);
	return s;
}
