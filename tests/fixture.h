/* fixture.h: what the store's unit tests share: a fresh database file in
 * a temporary directory of its own, with the Turkish rules and a fixed
 * today, and one-shot SQL on the file through a connection of the
 * test's own (tests may read or tamper with the file directly; product
 * code outside src/store*.c may not). */
#ifndef CASEPATH_TESTS_FIXTURE_H
#define CASEPATH_TESTS_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "casepath/store.h"

#define FIXTURE_TODAY "2026-11-23"

struct ruleset;
struct person_in;

struct fixture {
	char dir[256], path[300];
	struct store *st;
	struct ruleset *rules;
};

/* Makes /tmp/casepath-TAG.XXXXXX, then creates DIR/FILE (FILE may name a
 * sub-directory the store must make) and opens it with the rules. */
void fixture_open(struct fixture *f, const char *tag, const char *file);
/* As fixture_open, then loads the demo generator's PERSONS (SEED) and
 * the extra persons given in one transaction, and closes the store:
 * a suite builds it once and each test opens it (fixture_reopen). */
void fixture_demo(struct fixture *f, const char *tag, long persons, uint64_t seed,
                  const struct person_in *extra, size_t nextra);
/* Opens the fixture's file again (STORE_READONLY, ...) with its rules. */
void fixture_reopen(struct fixture *f, unsigned flags);
/* Closes the store (if open), frees the rules, removes the directory. */
void fixture_remove(struct fixture *f);

/* The first column of SQL's first row on a connection of the test's
 * own: an integer (-1 when no row), or text ("" when none; the text
 * lives until the next call). SQL that fails to prepare fails the
 * test, naming the SQL. */
long long fixture_int(const struct fixture *f, const char *sql);
const char *fixture_text(const struct fixture *f, const char *sql);
/* Runs SQL (several statements allowed); a failure fails the test. */
void fixture_exec(const struct fixture *f, const char *sql);
/* store_verify on the fixture's store: integrity, foreign keys and the
 * audit chain; a failure fails the test with its report. */
void fixture_verify(const struct fixture *f);

#endif
