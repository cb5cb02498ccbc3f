/* digest.h: the project's one SHA-256, for the audit chain's record
 * hashes, an import's file and rows digests and a backup's digest.
 * Backed by OpenSSL's libcrypto (EVP), which uses the CPU's SHA
 * instructions (SHA-NI, ARMv8 SHA2) when there are some and portable
 * code otherwise; the digests are plain SHA-256 (FIPS 180-4) either
 * way, so every stored digest stays valid. */
#ifndef CASEPATH_DIGEST_H
#define CASEPATH_DIGEST_H

#include <stddef.h>

#define DIGEST_BYTES 32
#define DIGEST_HEX_LEN (2 * DIGEST_BYTES)

/* A SHA-256 being computed (opaque). */
struct digest;

/* A new digest, started. Aborts on out-of-memory (like xmalloc); the
 * caller frees it with digest_free. */
struct digest *digest_new(void);

/* Feeds n bytes (n may be 0; p may then be NULL). */
void digest_update(struct digest *d, const void *p, size_t n);

/* Writes the SHA-256 of everything fed since it was started into out
 * and starts it again (the same digest can hash the next message). */
void digest_final(struct digest *d, unsigned char out[DIGEST_BYTES]);

/* Frees *d (NULL is fine) and sets it to NULL. */
void digest_free(struct digest **d);

/* The SHA-256 of n bytes at p, at once. */
void digest_sha256(const void *p, size_t n, unsigned char out[DIGEST_BYTES]);

/* Lower-case hex of a digest into out (DIGEST_HEX_LEN + 1 bytes,
 * NUL-terminated); returns out. */
char *digest_hex(const unsigned char in[DIGEST_BYTES],
                 char out[DIGEST_HEX_LEN + 1]);

#endif
