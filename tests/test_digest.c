/* test_digest.c: the one SHA-256 (digest.c) against the FIPS 180-4
 * examples and the NIST long-message vector, fed whole and in odd-sized
 * pieces; against libsodium's SHA-256 (which made every digest stored
 * before) on messages of every length around the block size; and the
 * audit chain's record hash against a value computed apart. */
#include <check.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/digest.h"
#include "../src/store_internal.h"

Suite *suite_digest(void);

static const struct {
	const char *msg, *hex;
} vectors[] = {
	{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	  "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
};

static char *
hex_of(const unsigned char sum[DIGEST_BYTES])
{
	static char out[DIGEST_HEX_LEN + 1];

	return digest_hex(sum, out);
}

START_TEST(test_vectors)
{
	const char *m = vectors[_i].msg;
	unsigned char sum[DIGEST_BYTES];
	struct digest *d = digest_new();

	digest_sha256(m, strlen(m), sum);
	ck_assert_str_eq(hex_of(sum), vectors[_i].hex);
	/* a byte at a time, then again on the same (restarted) digest */
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; m[i]; i++)
			digest_update(d, m + i, 1);
		digest_update(d, NULL, 0);
		digest_final(d, sum);
		ck_assert_str_eq(hex_of(sum), vectors[_i].hex);
	}
	digest_free(&d);
	ck_assert_ptr_null(d);
	digest_free(&d);
}
END_TEST

/* A million 'a's (FIPS 180-2's third example), in pieces of odd sizes
 * that cross the 64-byte blocks everywhere. */
START_TEST(test_million_a)
{
	static const size_t pieces[] = { 1, 3, 7, 63, 65, 127, 1000, 4097, 33 };
	char *a = malloc(1000000);
	unsigned char sum[DIGEST_BYTES];
	struct digest *d = digest_new();
	size_t done = 0;

	memset(a, 'a', 1000000);
	for (size_t k = 0; done < 1000000; k++) {
		size_t n = pieces[k % (sizeof pieces / sizeof pieces[0])];

		if (n > 1000000 - done)
			n = 1000000 - done;
		digest_update(d, a + done, n);
		done += n;
	}
	digest_final(d, sum);
	ck_assert_str_eq(hex_of(sum),
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	digest_sha256(a, 1000000, sum);
	ck_assert_str_eq(hex_of(sum),
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	digest_free(&d);
	free(a);
}
END_TEST

/* Every digest stored before this module (audit chains, imports' file
 * and rows digests, backups) came from libsodium: the same bytes give
 * the same digest, for every length from 0 to 300 and split anywhere. */
START_TEST(test_same_as_libsodium)
{
	unsigned char msg[300], ours[DIGEST_BYTES], theirs[DIGEST_BYTES];
	struct digest *d = digest_new();
	uint32_t x = 12345;

	ck_assert_int_ge(sodium_init(), 0);
	for (size_t i = 0; i < sizeof msg; i++) {
		x = x * 1103515245u + 12345u;
		msg[i] = (unsigned char)(x >> 16);
	}
	for (size_t n = 0; n <= sizeof msg; n++) {
		size_t cut = n * 7 % (n + 1);

		crypto_hash_sha256(theirs, msg, n);
		digest_update(d, msg, cut);
		digest_update(d, msg + cut, n - cut);
		digest_final(d, ours);
		ck_assert_mem_eq(ours, theirs, DIGEST_BYTES);
	}
	digest_free(&d);
}
END_TEST

/* The audit record hash: "len:bytes," per field, "-," for NULL (the
 * value computed with Python's hashlib over the same text). */
START_TEST(test_audit_record_hash)
{
	char out[HASH_HEX_LEN + 1];

	audit_hash("0000000000000000000000000000000000000000000000000000000000000000",
	           7, "2026-11-23T08:00:00Z", "caseworker", "person", "42",
	           "update", "{\"sex\":\"U\"}", NULL, out);
	ck_assert_str_eq(out,
	    "aa87067fc64e6b2385f87bf83aabcac6ba9163639e3422cbea29da59bf5565b5");
}
END_TEST

Suite *
suite_digest(void)
{
	Suite *s = suite_create("digest");
	TCase *tc = tcase_create("sha256");

	tcase_add_loop_test(tc, test_vectors, 0, (int)(sizeof vectors / sizeof vectors[0]));
	tcase_add_test(tc, test_million_a);
	tcase_add_test(tc, test_same_as_libsodium);
	tcase_add_test(tc, test_audit_record_hash);
	suite_add_tcase(s, tc);
	return s;
}
