/* test_privacy.c: the pseudonyms of redacted exports (stable under one
 * database's secret, distinct, free of the original text, linking
 * persons to their relations), secure_delete on the store's own
 * connection, and the encrypted backup file's round trip and refusals
 * (vault.h) without a command line. */
#include <check.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casepath/pseudonym.h"
#include "casepath/rules.h"
#include "casepath/store.h"
#include "casepath/vault.h"
/* the connection itself, for its pragmas */
#include "../src/store_internal.h"
#include "fixture.h"

Suite *suite_privacy(void);

static struct fixture fx;

static void
setup(void)
{
	ck_assert_int_ge(sodium_init(), 0);
	fixture_open(&fx, "privacy", "p.db");
}

static void
teardown(void)
{
	fixture_remove(&fx);
}

/* --- the pseudonym function ------------------------------------------------ */

START_TEST(test_pseudonym_stable_and_shaped)
{
	unsigned char key[PSEUDONYM_KEY_BYTES], other[PSEUDONYM_KEY_BYTES];
	char a[PSEUDONYM_LEN + 1], b[PSEUDONYM_LEN + 1], c[PSEUDONYM_LEN + 1];

	memset(key, 7, sizeof key);
	memset(other, 8, sizeof other);
	pseudonym_make(key, 42, a);
	pseudonym_make(key, 42, b);
	pseudonym_make(other, 42, c);
	ck_assert_str_eq(a, b);
	ck_assert_str_ne(a, c);   /* another database, another pseudonym */
	ck_assert_uint_eq(strlen(a), PSEUDONYM_LEN);
	ck_assert(strncmp(a, "P-", 2) == 0);
	/* Crockford's alphabet: no I, L, O, U */
	ck_assert_uint_eq(strspn(a + 2, "0123456789ABCDEFGHJKMNPQRSTVWXYZ"),
	                  PSEUDONYM_LEN - 2);
}
END_TEST

START_TEST(test_pseudonym_distinct)
{
	enum { N = 20000 };
	unsigned char key[PSEUDONYM_KEY_BYTES];
	char (*names)[PSEUDONYM_LEN + 1] = calloc(N, sizeof *names);

	ck_assert_ptr_nonnull(names);
	randombytes_buf(key, sizeof key);
	for (int i = 0; i < N; i++)
		pseudonym_make(key, i + 1, names[i]);
	qsort(names, N, sizeof *names, (int (*)(const void *, const void *))strcmp);
	for (int i = 1; i < N; i++)
		ck_assert_str_ne(names[i - 1], names[i]);
	free(names);
}
END_TEST

/* --- redacted exports through the store ----------------------------------- */

static const struct person_in persons[] = {
	{ .case_no = "PV-1", .family_name = "Qarzelani", .given_names = "Amina",
	  .native_name = "قرزلاني أمينة", .aliases = "Umm Yusuf (self)", .sex = "F",
	  .birth_date = "1991-04-12", .nationality = "TUN", .notes = "from al-Hol" },
	{ .case_no = "PV-2", .family_name = "Qarzelani", .given_names = "Yusuf",
	  .sex = "M", .birth_date = "~2016-05", .nationality = "TUN" },
};
static const struct relation_in links[] = {
	{ .case_no = "PV-1", .relation = "child", .other_case_no = "PV-2",
	  .verification = "documents", .note = "birth record from Raqqa" },
};

static void
load(void)
{
	struct loader *l;
	struct load_error err;

	ck_assert_int_eq(store_tx_begin(fx.st), ST_OK);
	l = loader_new(fx.st, LOADER_AUDIT_ROWS);
	for (size_t i = 0; i < 2; i++)
		ck_assert_msg(loader_person(l, &persons[i], &err) == ST_OK, "%s", err.reason);
	ck_assert_msg(loader_relation(l, &links[0], &err) == ST_OK, "%s", err.reason);
	ck_assert_msg(loader_finish(l, "test", "unit", NULL, &err) == ST_OK, "%s",
	              err.reason);
	loader_free(&l);
	ck_assert_int_eq(store_tx_commit(fx.st), ST_OK);
}

struct rows {
	char text[4096];
};

static int
collect(void *ctx, const char *const *f, size_t n)
{
	struct rows *r = ctx;
	size_t len = strlen(r->text);

	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(r->text + len, sizeof r->text - len, "%s%s",
		                        f[i], i + 1 < n ? "," : "\n");
	return 0;
}

static int
audit_count(const char *tbl)
{
	sqlite3_stmt *s;
	int n = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(fx.st->db,
		"SELECT count(*) FROM audit WHERE tbl = ?1", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, tbl, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

START_TEST(test_redacted_export)
{
	static const char *const originals[] = {
		"PV-", "Qarzelani", "Amina", "Yusuf", "قرزلاني", "Umm", "al-Hol",
		"Raqqa", "04-12", "2016-05",
	};
	struct rows p1 = { "" }, p2 = { "" }, rel = { "" };
	char first[PSEUDONYM_LEN + 1], second[PSEUDONYM_LEN + 1];

	load();
	ck_assert_int_eq(store_export(fx.st, REC_PERSONS, EXPORT_REDACT, NULL, collect,
	                              &p1), ST_OK);
	ck_assert_int_eq(store_export(fx.st, REC_PERSONS, EXPORT_REDACT, NULL, collect,
	                              &p2), ST_OK);
	ck_assert_int_eq(store_export(fx.st, REC_RELATIONS, EXPORT_REDACT, NULL,
	                              collect, &rel), ST_OK);
	ck_assert_str_eq(p1.text, p2.text);
	/* the secret was made once, and audited once */
	ck_assert_int_eq(audit_count("meta"), 1);
	for (size_t i = 0; i < sizeof originals / sizeof originals[0]; i++) {
		ck_assert_msg(!strstr(p1.text, originals[i]), "'%s' in %s", originals[i],
		              p1.text);
		ck_assert_msg(!strstr(rel.text, originals[i]), "'%s' in %s", originals[i],
		              rel.text);
	}
	/* birth year kept, approximate mark too */
	ck_assert_ptr_nonnull(strstr(p1.text, ",1991,"));
	ck_assert_ptr_nonnull(strstr(p1.text, ",~2016,"));
	/* the relation links the two pseudonyms the persons file has */
	snprintf(first, sizeof first, "%.*s", PSEUDONYM_LEN, p1.text);
	snprintf(second, sizeof second, "%.*s", PSEUDONYM_LEN,
	         strchr(p1.text, '\n') + 1);
	ck_assert_str_ne(first, second);
	ck_assert_ptr_nonnull(strstr(rel.text, first));
	ck_assert_ptr_nonnull(strstr(rel.text, second));
}
END_TEST

START_TEST(test_redacted_needs_a_secret_readonly)
{
	char err[512];
	struct rows r = { "" };

	load();
	store_close(&fx.st);
	ck_assert_int_eq(store_open(fx.path, STORE_READONLY, &fx.st, err, sizeof err), ST_OK);
	ck_assert_int_eq(store_export(fx.st, REC_PERSONS, EXPORT_REDACT, NULL, collect,
	                              &r), ST_ERR_PERMISSION);
}
END_TEST

START_TEST(test_secure_delete_is_on)
{
	sqlite3_stmt *s;

	ck_assert_int_eq(sqlite3_prepare_v2(fx.st->db, "PRAGMA secure_delete", -1, &s,
	                                    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(s, 0), 1);
	sqlite3_finalize(s);
}
END_TEST

/* --- the backup file ----------------------------------------------------------- */

static FILE *
file_of(size_t n)
{
	FILE *f = tmpfile();

	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < n; i++)
		fputc((int)(i * 7 % 251), f);
	fflush(f);
	rewind(f);
	return f;
}

static const char pass[] = "a long enough passphrase";

/* n bytes sealed once (each key derivation costs a tenth of a second) */
static FILE *
seal(size_t n)
{
	FILE *in = file_of(n), *enc = tmpfile();
	char err[256];

	ck_assert_int_eq(vault_encrypt(fileno(in), fileno(enc), pass, strlen(pass),
	                               VAULT_COST_INTERACTIVE, err, sizeof err), ST_OK);
	fclose(in);
	return enc;
}

/* Opens the sealed file, a copy with one byte flipped and cut at cut
 * (each -1: no), with pass2 (NULL: the right one). */
static enum status
open_sealed(FILE *sealed, size_t n, long flip, long cut, const char *pass2)
{
	FILE *enc = tmpfile(), *dec = tmpfile(), *in;
	char err[256];
	enum status rc;
	int ch;

	fflush(sealed);
	rewind(sealed);
	while ((ch = fgetc(sealed)) != EOF)
		fputc(ch, enc);
	if (flip >= 0) {
		fseek(enc, flip, SEEK_SET);
		ch = fgetc(enc);
		fseek(enc, flip, SEEK_SET);
		fputc(ch ^ 1, enc);
	}
	fflush(enc);
	if (cut >= 0)
		ck_assert_int_eq(ftruncate(fileno(enc), cut), 0);
	lseek(fileno(enc), 0, SEEK_SET);
	rc = vault_decrypt(fileno(enc), fileno(dec), pass2 ? pass2 : pass,
	                   strlen(pass2 ? pass2 : pass), NULL, err, sizeof err);
	if (rc == ST_OK) {
		/* byte for byte what went in */
		in = file_of(n);
		lseek(fileno(dec), 0, SEEK_SET);
		for (size_t i = 0; i < n; i++)
			ck_assert_int_eq(fgetc(in), fgetc(dec));
		ck_assert_int_eq(fgetc(dec), EOF);
		fclose(in);
	}
	fclose(enc);
	fclose(dec);
	return rc;
}

START_TEST(test_vault_round_trip)
{
	static const size_t sizes[] = { 0, VAULT_CHUNK_BYTES, 3 * VAULT_CHUNK_BYTES + 5 };

	for (size_t i = 0; i < 3; i++) {
		FILE *f = seal(sizes[i]);

		ck_assert_int_eq(open_sealed(f, sizes[i], -1, -1, NULL), ST_OK);
		fclose(f);
	}
}
END_TEST

START_TEST(test_vault_refusals)
{
	long chunk = VAULT_CHUNK_BYTES + 17, n = 200000;
	FILE *f = seal((size_t)n);

	ck_assert_int_eq(open_sealed(f, (size_t)n, -1, -1, "another passphrase!"),
	                 ST_ERR_PERMISSION);
	/* the magic, the KDF cost, the stream header, two chunks */
	ck_assert_int_eq(open_sealed(f, (size_t)n, 0, -1, NULL), ST_ERR_NOT_CASEPATH);
	ck_assert_int_eq(open_sealed(f, (size_t)n, 13, -1, NULL), ST_ERR_CORRUPT);
	ck_assert_int_eq(open_sealed(f, (size_t)n, 60, -1, NULL), ST_ERR_CORRUPT);
	ck_assert_int_eq(open_sealed(f, (size_t)n, VAULT_HEADER_BYTES + chunk + 9, -1,
	                             NULL), ST_ERR_CORRUPT);
	ck_assert_int_eq(open_sealed(f, (size_t)n, VAULT_HEADER_BYTES + 3 * chunk + 2,
	                             -1, NULL), ST_ERR_CORRUPT);
	/* cut at a chunk's end, in a chunk, inside the header */
	ck_assert_int_eq(open_sealed(f, (size_t)n, -1, VAULT_HEADER_BYTES + chunk,
	                             NULL), ST_ERR_CORRUPT);
	ck_assert_int_eq(open_sealed(f, (size_t)n, -1, 100000, NULL), ST_ERR_CORRUPT);
	ck_assert_int_eq(open_sealed(f, (size_t)n, -1, 40, NULL), ST_ERR_CORRUPT);
	fclose(f);
}
END_TEST

Suite *
suite_privacy(void)
{
	Suite *s = suite_create("privacy");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	/* key derivations take a tenth of a second each on an idle machine */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_pseudonym_stable_and_shaped);
	tcase_add_test(tc, test_pseudonym_distinct);
	tcase_add_test(tc, test_redacted_export);
	tcase_add_test(tc, test_redacted_needs_a_secret_readonly);
	tcase_add_test(tc, test_secure_delete_is_on);
	tcase_add_test(tc, test_vault_round_trip);
	tcase_add_test(tc, test_vault_refusals);
	suite_add_tcase(s, tc);
	return s;
}
