/* vault.h: the encrypted backup file (casepath backup / restore).
 *
 * Layout, every integer little-endian:
 *
 *   0   8  magic "CPBACKUP"
 *   8   1  format version (1)
 *   9   1  KDF algorithm (2: Argon2id v1.3, crypto_pwhash_ALG_ARGON2ID13)
 *   10  2  zero
 *   12  8  KDF opslimit
 *   20  8  KDF memlimit (bytes)
 *   28  16 salt (random)
 *   44  8  plaintext length, so a cut file is named as such at once
 *   52  24 secretstream header (crypto_secretstream_xchacha20poly1305)
 *   76  16 BLAKE2b-128 of bytes 0..75, so a damaged header is told
 *          apart from a wrong passphrase
 *   92  chunks: each 64 KiB of plaintext (the last one less) plus 17
 *       bytes; the 92 header bytes are every chunk's additional data;
 *       the last chunk carries the FINAL tag, so a cut file is refused
 *       even when the length field was rewritten.
 *
 * The key comes from the passphrase through Argon2id with the costs in
 * the header, so a restore follows whatever cost the backup chose. No
 * SQL, no curses: file descriptors in, file descriptors out. */
#ifndef CASEPATH_VAULT_H
#define CASEPATH_VAULT_H

#include <stddef.h>

#include "casepath/status.h"

#define VAULT_HEADER_BYTES 92
#define VAULT_CHUNK_BYTES 65536
/* a backup's passphrase has at least this many characters */
#define VAULT_MIN_PASSPHRASE 12

enum vault_cost {
	VAULT_COST_INTERACTIVE,   /* Argon2id 2 passes, 64 MiB */
	VAULT_COST_MODERATE,      /* 3 passes, 256 MiB: the default */
	VAULT_COST_SENSITIVE      /* 4 passes, 1 GiB */
};

/* The cost for its word ("interactive", "moderate", "sensitive"); -1
 * when unknown. */
int vault_cost_from_word(const char *word);

/* Encrypts everything read from in_fd (up to its end) into out_fd under
 * a key derived from pass. ST_OK, or ST_ERR_IO with err one line. */
enum status vault_encrypt(int in_fd, int out_fd, const char *pass,
                          size_t passlen, enum vault_cost cost, char *err,
                          size_t errlen);

/* Decrypts in_fd into out_fd, checking every chunk and the final tag.
 * sha256 (32 bytes, may be NULL) gets the digest of the encrypted file
 * as read. ST_OK; ST_ERR_NOT_CASEPATH (not a backup, or a newer
 * format); ST_ERR_PERMISSION (wrong passphrase); ST_ERR_CORRUPT (a
 * damaged header or chunk, a cut file); ST_ERR_IO. err gets one line.
 * On failure out_fd holds a part of the plaintext: the caller removes
 * it. */
enum status vault_decrypt(int in_fd, int out_fd, const char *pass,
                          size_t passlen, unsigned char *sha256, char *err,
                          size_t errlen);

#endif
