/* digest.c: SHA-256 through OpenSSL's EVP interface (see digest.h).
 * libcrypto picks its fastest code for the CPU at run time (the SHA
 * instructions where there are some): on the development machine it
 * hashes several times faster than libsodium's portable C, and an
 * import hashes every byte it reads and every row it writes. libsodium
 * stays for what it is for: the backups' encryption and key
 * derivation. */
#include <stdio.h>
#include <stdlib.h>

#include <openssl/evp.h>

#include "casepath/digest.h"
#include "casepath/i18n.h"

struct digest {
	EVP_MD_CTX *ctx;
};

/* libcrypto fails only when it cannot allocate or has no SHA-256 at
 * all (a broken installation): neither leaves anything to do. */
static void
fail(void)
{
	fputs(_("casepath: SHA-256 failed in libcrypto\n"), stderr);
	abort();
}

struct digest *
digest_new(void)
{
	struct digest *d = malloc(sizeof *d);

	if (!d || !(d->ctx = EVP_MD_CTX_new()) ||
	    EVP_DigestInit_ex2(d->ctx, EVP_sha256(), NULL) != 1)
		fail();
	return d;
}

void
digest_update(struct digest *d, const void *p, size_t n)
{
	if (n && EVP_DigestUpdate(d->ctx, p, n) != 1)
		fail();
}

void
digest_final(struct digest *d, unsigned char out[DIGEST_BYTES])
{
	unsigned int len = 0;

	if (EVP_DigestFinal_ex(d->ctx, out, &len) != 1 || len != DIGEST_BYTES ||
	    EVP_DigestInit_ex2(d->ctx, NULL, NULL) != 1)
		fail();
}

void
digest_free(struct digest **d)
{
	if (!*d)
		return;
	EVP_MD_CTX_free((*d)->ctx);
	free(*d);
	*d = NULL;
}

void
digest_sha256(const void *p, size_t n, unsigned char out[DIGEST_BYTES])
{
	unsigned int len = 0;

	if (EVP_Digest(n ? p : "", n, out, &len, EVP_sha256(), NULL) != 1 ||
	    len != DIGEST_BYTES)
		fail();
}

char *
digest_hex(const unsigned char in[DIGEST_BYTES], char out[DIGEST_HEX_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < DIGEST_BYTES; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 15];
	}
	out[DIGEST_HEX_LEN] = '\0';
	return out;
}
