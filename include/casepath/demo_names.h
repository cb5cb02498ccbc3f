/* demo_names.h: fictional names for the demo generator.
 *
 * Given names come from realistic per-culture lists; family names are
 * invented from syllables, so no combination names a real person. The
 * native-script form (Arabic, Persian, Cyrillic, Uyghur Arabic script)
 * is derived from the same syllables through small tables, so the Latin
 * and native forms always agree. Also holds the generator's PRNG
 * (xoshiro256**), which both files share. Nothing here allocates. */
#ifndef CASEPATH_DEMO_NAMES_H
#define CASEPATH_DEMO_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct demo_rng {
	uint64_t s[4];
};

/* Seeds the four words from seed through splitmix64. */
void demo_rng_seed(struct demo_rng *r, uint64_t seed);

static inline uint64_t
demo_rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t
demo_rng_next(struct demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = demo_rng_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = demo_rng_rotl(s[3], 45);
	return out;
}

/* A uniform number in [0, n); 0 when n is 0. */
static inline uint32_t
demo_rng_below(struct demo_rng *r, uint32_t n)
{
	return (uint32_t)(((demo_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

enum demo_culture {
	DC_ARAB,        /* Levant, Iraq, Gulf, Egypt, Libya, Yemen */
	DC_MAGHREB,     /* Tunisia: French-style Latin spelling */
	DC_PERSIAN,
	DC_RUSSIAN,
	DC_CAUCASUS,    /* Chechen, Dagestani */
	DC_UZBEK,
	DC_KAZAKH,
	DC_KYRGYZ,
	DC_TAJIK,
	DC_UYGHUR,
	DC_TURKISH,
	DC_FRENCH,
	DC_GERMAN,
	DC_DUTCH,
	DC_ENGLISH,
	DC_COUNT
};

/* An invented family name: indexes into the culture's syllable tables,
 * rendered for either sex (Slavic and Central Asian forms change). */
struct demo_surname {
	uint8_t culture;
	uint8_t prefix, a, b, c;
};

struct demo_given {
	uint8_t culture;
	uint8_t female;
	uint8_t idx;
};

void demo_surname_pick(struct demo_rng *r, enum demo_culture c,
                       struct demo_surname *s);
void demo_given_pick(struct demo_rng *r, enum demo_culture c, bool female,
                     struct demo_given *g);

/* Each writes a NUL-terminated string into buf (len bytes, cut at a
 * whole character when too small) and returns its length. A culture
 * with no native script (Western Europe) writes "". */
size_t demo_surname_latin(const struct demo_surname *s, bool female,
                          char *buf, size_t len);
size_t demo_surname_native(const struct demo_surname *s, bool female,
                           char *buf, size_t len);
/* A spelling another transliteration system would give; style picks
 * one of a few systems. Returns 0 (and "") when it equals the Latin. */
size_t demo_surname_variant(const struct demo_surname *s, bool female,
                            int style, char *buf, size_t len);
/* Chinese-character form (Uyghurs only; "" otherwise). */
size_t demo_surname_cjk(const struct demo_surname *s, char *buf, size_t len);

const char *demo_given_latin(const struct demo_given *g);
size_t demo_given_native(const struct demo_given *g, char *buf, size_t len);
/* Another common spelling of the given name ("Muhammad" for
 * "Mohammed"), or NULL. variant picks among several. */
const char *demo_given_variant(const struct demo_given *g, unsigned variant);
/* Chinese-character form (Uyghurs only), or NULL. */
const char *demo_given_cjk(const struct demo_given *g);

/* A kunya ("Abu Hamza", "Umm Yusuf") into buf. */
size_t demo_kunya(struct demo_rng *r, bool female, const char *child_name,
                  char *buf, size_t len);

#endif
