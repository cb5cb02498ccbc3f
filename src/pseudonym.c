/* pseudonym.c: stable pseudonyms for redacted exports (pseudonym.h). */
#include <sodium.h>

#include "casepath/pseudonym.h"

void
pseudonym_make(const unsigned char key[PSEUDONYM_KEY_BYTES], int64_t id,
               char out[PSEUDONYM_LEN + 1])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned char msg[8], digest[16];
	uint64_t u = (uint64_t)id, bits = 0;

	/* the id as 8 little-endian bytes: the same on every machine */
	for (int i = 0; i < 8; i++)
		msg[i] = (unsigned char)(u >> (8 * i));
	crypto_generichash(digest, sizeof digest, msg, sizeof msg, key,
	                   PSEUDONYM_KEY_BYTES);
	for (int i = 0; i < 7; i++)
		bits = bits << 8 | digest[i];
	/* 56 bits read; the top 50 make ten base32 digits */
	bits >>= 6;
	out[0] = 'P';
	out[1] = '-';
	for (int i = PSEUDONYM_LEN - 1; i >= 2; i--) {
		out[i] = alphabet[bits & 31];
		bits >>= 5;
	}
	out[PSEUDONYM_LEN] = '\0';
	sodium_memzero(digest, sizeof digest);
}
