/* pseudonym.h: stable pseudonyms for redacted exports.
 *
 * A pseudonym is "P-" and ten characters of Crockford's base32 (no I, L,
 * O or U, so it reads aloud without confusion): the first 50 bits of a
 * keyed BLAKE2b hash (libsodium crypto_generichash) of the person's row
 * id under the database's own secret. The same secret gives the same
 * pseudonym for a person in every export; without the secret nobody can
 * go from a pseudonym back to the person, or test a guess. A code and
 * not an invented name: an invented name can be a real person's name and
 * is easily taken for one. Pure: no I/O. */
#ifndef CASEPATH_PSEUDONYM_H
#define CASEPATH_PSEUDONYM_H

#include <stdint.h>

#define PSEUDONYM_KEY_BYTES 32
/* "P-" + 10 characters */
#define PSEUDONYM_LEN 12

/* Writes the pseudonym of id under key into out (NUL-terminated). */
void pseudonym_make(const unsigned char key[PSEUDONYM_KEY_BYTES], int64_t id,
                    char out[PSEUDONYM_LEN + 1]);

#endif
