/* vault.c: the encrypted backup file (vault.h). */
#include <errno.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "casepath/digest.h"
#include "casepath/i18n.h"
#include "casepath/vault.h"

#define MAGIC "CPBACKUP"
#define FORMAT_VERSION 1
#define KDF_ARGON2ID 2
#define FIELDS_BYTES 76    /* the header before its checksum */
#define CIPHER_CHUNK (VAULT_CHUNK_BYTES + crypto_secretstream_xchacha20poly1305_ABYTES)

int
vault_cost_from_word(const char *word)
{
	static const char *const words[] = { "interactive", "moderate", "sensitive" };

	for (int i = 0; i < 3; i++)
		if (word && strcmp(word, words[i]) == 0)
			return i;
	return -1;
}

static void
put_u64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
get_u64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* Reads up to n bytes (fewer only at the end of the file). */
static ssize_t
read_full(int fd, unsigned char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, buf + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

static int
write_full(int fd, const unsigned char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The key from the passphrase, in guarded memory (sodium_free it). */
static unsigned char *
derive_key(const char *pass, size_t passlen, const unsigned char *salt,
           uint64_t ops, uint64_t mem)
{
	unsigned char *key = sodium_malloc(crypto_secretstream_xchacha20poly1305_KEYBYTES);

	if (!key)
		abort();
	if (crypto_pwhash(key, crypto_secretstream_xchacha20poly1305_KEYBYTES,
	                  pass, passlen, salt, ops, (size_t)mem,
	                  crypto_pwhash_ALG_ARGON2ID13) != 0) {
		sodium_free(key);
		return NULL;
	}
	return key;
}

enum status
vault_encrypt(int in_fd, int out_fd, const char *pass, size_t passlen,
              enum vault_cost cost, char *err, size_t errlen)
{
	static const uint64_t ops[] = { crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                crypto_pwhash_OPSLIMIT_MODERATE,
	                                crypto_pwhash_OPSLIMIT_SENSITIVE };
	static const uint64_t mem[] = { crypto_pwhash_MEMLIMIT_INTERACTIVE,
	                                crypto_pwhash_MEMLIMIT_MODERATE,
	                                crypto_pwhash_MEMLIMIT_SENSITIVE };
	crypto_secretstream_xchacha20poly1305_state *state;
	unsigned char header[VAULT_HEADER_BYTES];
	unsigned char *plain = NULL, *cipher = NULL, *next = NULL, *key;
	enum status rc = ST_ERR_IO;
	ssize_t have, more;
	uint64_t size, total = 0;
	struct stat sb;

	memset(header, 0, sizeof header);
	memcpy(header, MAGIC, 8);
	header[8] = FORMAT_VERSION;
	header[9] = KDF_ARGON2ID;
	put_u64(header + 12, ops[cost]);
	put_u64(header + 20, mem[cost]);
	randombytes_buf(header + 28, crypto_pwhash_SALTBYTES);
	if (fstat(in_fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, _("cannot read the database copy"));
		return ST_ERR_IO;
	}
	size = (uint64_t)sb.st_size;
	put_u64(header + 44, size);
	if (!(key = derive_key(pass, passlen, header + 28, ops[cost], mem[cost]))) {
		snprintf(err, errlen, _("not enough memory to derive the key"));
		return ST_ERR_IO;
	}
	state = sodium_malloc(sizeof *state);
	plain = sodium_malloc(VAULT_CHUNK_BYTES);
	next = sodium_malloc(VAULT_CHUNK_BYTES);
	cipher = malloc(CIPHER_CHUNK);
	if (!state || !plain || !next || !cipher)
		abort();
	crypto_secretstream_xchacha20poly1305_init_push(state, header + 52, key);
	sodium_free(key);
	crypto_generichash(header + FIELDS_BYTES, 16, header, FIELDS_BYTES, NULL, 0);
	if (write_full(out_fd, header, sizeof header) != 0)
		goto write_failed;
	/* Reading one chunk ahead tells which chunk is the last. */
	if ((have = read_full(in_fd, plain, VAULT_CHUNK_BYTES)) < 0)
		goto read_failed;
	for (;;) {
		unsigned long long clen;
		unsigned char tag;
		unsigned char *swap;

		more = have == VAULT_CHUNK_BYTES ? read_full(in_fd, next, VAULT_CHUNK_BYTES) : 0;
		if (more < 0)
			goto read_failed;
		tag = more == 0 ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
		crypto_secretstream_xchacha20poly1305_push(state, cipher, &clen, plain,
		                                           (unsigned long long)have,
		                                           header, sizeof header, tag);
		if (write_full(out_fd, cipher, (size_t)clen) != 0)
			goto write_failed;
		total += (uint64_t)have;
		if (tag)
			break;
		swap = plain;
		plain = next;
		next = swap;
		have = more;
	}
	if (total != size) {
		snprintf(err, errlen, _("the database copy changed while it was read"));
		goto out;
	}
	rc = ST_OK;
	goto out;
read_failed:
	snprintf(err, errlen, _("cannot read the database copy: %s"), strerror(errno));
	goto out;
write_failed:
	snprintf(err, errlen, _("cannot write the backup: %s"), strerror(errno));
out:
	sodium_free(state);
	sodium_free(plain);
	sodium_free(next);
	free(cipher);
	return rc;
}

enum status
vault_decrypt(int in_fd, int out_fd, const char *pass, size_t passlen,
              unsigned char *sha256, char *err, size_t errlen)
{
	crypto_secretstream_xchacha20poly1305_state *state = NULL;
	struct digest *sum = NULL;   /* of the file as read */
	unsigned char header[VAULT_HEADER_BYTES], check[16];
	unsigned char *plain = NULL, *cipher = NULL, *key;
	uint64_t ops, mem, size, chunks, expect, chunk = 0;
	enum status rc = ST_ERR_IO;
	struct stat sb;
	ssize_t got;

	got = read_full(in_fd, header, sizeof header);
	if (got < 0) {
		snprintf(err, errlen, _("cannot read the backup: %s"), strerror(errno));
		return ST_ERR_IO;
	}
	if (got < 8 || memcmp(header, MAGIC, 8) != 0) {
		snprintf(err, errlen, _("not a casepath backup (no backup header)"));
		return ST_ERR_NOT_CASEPATH;
	}
	if (header[8] != FORMAT_VERSION) {
		snprintf(err, errlen, _("a backup of format %d, made by a newer casepath"
		                        " (this one reads format %d)"),
		         header[8], FORMAT_VERSION);
		return ST_ERR_NOT_CASEPATH;
	}
	if ((size_t)got < sizeof header) {
		snprintf(err, errlen, _("truncated: the backup ends inside its header"));
		return ST_ERR_CORRUPT;
	}
	crypto_generichash(check, sizeof check, header, FIELDS_BYTES, NULL, 0);
	ops = get_u64(header + 12);
	mem = get_u64(header + 20);
	/* a damaged or hostile header never makes us spend more than the
	 * strongest cost we write */
	if (sodium_memcmp(check, header + FIELDS_BYTES, sizeof check) != 0 ||
	    header[9] != KDF_ARGON2ID || header[10] || header[11] ||
	    ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE ||
	    mem < crypto_pwhash_MEMLIMIT_MIN || mem > crypto_pwhash_MEMLIMIT_SENSITIVE) {
		snprintf(err, errlen, _("damaged: the backup's header does not check out"));
		return ST_ERR_CORRUPT;
	}
	/* the length the header promises: a cut file is named as such
	 * before any passphrase is tried */
	size = get_u64(header + 44);
	chunks = size == 0 ? 1 : (size + VAULT_CHUNK_BYTES - 1) / VAULT_CHUNK_BYTES;
	expect = VAULT_HEADER_BYTES + size +
	         chunks * crypto_secretstream_xchacha20poly1305_ABYTES;
	if (fstat(in_fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		if ((uint64_t)sb.st_size < expect) {
			snprintf(err, errlen, _("truncated: the backup has %llu bytes,"
			                        " its header promises %llu"),
			         (unsigned long long)sb.st_size,
			         (unsigned long long)expect);
			return ST_ERR_CORRUPT;
		}
		if ((uint64_t)sb.st_size > expect) {
			snprintf(err, errlen, _("damaged: %llu bytes after the backup's"
			                        " final chunk"),
			         (unsigned long long)((uint64_t)sb.st_size - expect));
			return ST_ERR_CORRUPT;
		}
	}
	if (!(key = derive_key(pass, passlen, header + 28, ops, mem))) {
		snprintf(err, errlen, _("not enough memory to derive the key"));
		return ST_ERR_IO;
	}
	sum = digest_new();
	digest_update(sum, header, sizeof header);
	state = sodium_malloc(sizeof *state);
	plain = sodium_malloc(VAULT_CHUNK_BYTES);
	cipher = malloc(CIPHER_CHUNK);
	if (!state || !plain || !cipher)
		abort();
	if (crypto_secretstream_xchacha20poly1305_init_pull(state, header + 52, key) != 0) {
		sodium_free(key);
		snprintf(err, errlen, _("damaged: the backup's header does not check out"));
		rc = ST_ERR_CORRUPT;
		goto out;
	}
	sodium_free(key);
	for (;;) {
		unsigned long long plen;
		unsigned char tag;

		got = read_full(in_fd, cipher, CIPHER_CHUNK);
		if (got < 0) {
			snprintf(err, errlen, _("cannot read the backup: %s"), strerror(errno));
			goto out;
		}
		digest_update(sum, cipher, (size_t)got);
		if (got == 0) {
			snprintf(err, errlen, _("truncated: the backup ends before its final"
			                        " chunk"));
			rc = ST_ERR_CORRUPT;
			goto out;
		}
		if (got < (ssize_t)crypto_secretstream_xchacha20poly1305_ABYTES ||
		    crypto_secretstream_xchacha20poly1305_pull(state, plain, &plen, &tag,
		        cipher, (unsigned long long)got, header, sizeof header) != 0) {
			if (chunk == 0) {
				snprintf(err, errlen, _("wrong passphrase (or the backup's first"
				                        " chunk is damaged)"));
				rc = ST_ERR_PERMISSION;
			} else {
				snprintf(err, errlen, _("damaged: chunk %llu of the backup does"
				                        " not authenticate (or the file is cut)"),
				         (unsigned long long)chunk + 1);
				rc = ST_ERR_CORRUPT;
			}
			goto out;
		}
		if (write_full(out_fd, plain, (size_t)plen) != 0) {
			snprintf(err, errlen, _("cannot write the restored copy: %s"),
			         strerror(errno));
			goto out;
		}
		chunk++;
		if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
			break;
		if (got < (ssize_t)CIPHER_CHUNK) {
			snprintf(err, errlen, _("truncated: the backup ends before its final"
			                        " chunk"));
			rc = ST_ERR_CORRUPT;
			goto out;
		}
	}
	/* nothing may follow the final chunk */
	if ((got = read_full(in_fd, cipher, 1)) != 0) {
		snprintf(err, errlen, got < 0 ? _("cannot read the backup")
		                              : _("damaged: data after the backup's final"
		                                  " chunk"));
		rc = got < 0 ? ST_ERR_IO : ST_ERR_CORRUPT;
		goto out;
	}
	if (sha256)
		digest_final(sum, sha256);
	rc = ST_OK;
out:
	digest_free(&sum);
	sodium_free(state);
	sodium_free(plain);
	free(cipher);
	return rc;
}
