/* namekey.h: name skeletons for the "similar names" search (`~` in the
 * search prompt). A skeleton is a short ASCII key that the usual
 * spellings of one name share across scripts and transliterations:
 * Mohammed, Muhammad, Mohamad, Mukhammad, Мухаммад and محمد are all
 * "mhmd"; Abdulla, Abdullah, Абдулла and عبدالله are "abdla". Pure
 * functions: no SQL, no curses, the same result in every locale (keys
 * are stored).
 *
 * The rules, in order, for one word:
 *  1. Letters become lower-case Latin. Turkish and Azerbaijani letters
 *     first (ş -> sh, ç -> ch, ə -> a, ı and İ -> i), then u8_fold
 *     (diacritics off: ö -> o, ğ -> g). Cyrillic by the usual
 *     transliteration (х -> kh, ж -> zh, ч -> ch, ш -> sh, щ -> shch,
 *     ю -> yu, я -> ya, й and ы -> y, ъ and ь dropped) with the Uzbek,
 *     Kazakh, Kyrgyz and Tajik letters (қ -> k, ғ -> g, ҳ and һ -> h,
 *     ҷ -> j, ң -> ng, ә -> a, ө -> o, ү ұ ў ӯ -> u, і ӣ -> i). Arabic
 *     and Persian letters by sound, short vowels being unwritten: ع, ا
 *     and the hamza forms are the vowel a (إ is i), ة and a final ه are
 *     "ah", و is w at a word's start or before a long a and the vowel u
 *     elsewhere, ي is y at a word's start and the vowel i elsewhere, ى
 *     is a final a, ث -> th, ذ and ض -> dh (Reza = رضا), ص -> s,
 *     ط -> t, ظ -> z, ق -> q, غ -> gh; two Arabic letters are always
 *     two sounds (ز ه is z h, not zh). A word with Uyghur letters
 *     (ە ې ۇ ۆ ۈ ۋ ڭ ھ) reads و as o and ى as i, and the hamza carrier
 *     ئ is silent. Letters of other scripts (Chinese, Greek, ...) are
 *     dropped: a word of only those has no key. Apostrophes (Sa'id,
 *     O‘tkir) are dropped.
 *  2. A doubled consonant counts once (mm -> m, ss -> s); ee is the
 *     vowel i, oo the vowel u (Kareem, Noor).
 *  3. Sounds, longest spelling first: dzh, dj, zh, j -> j; sh, sch, ch
 *     (k before r or l), th, s -> s; kh, h, x -> h (x between vowels is
 *     ks); q, k, ck, c -> k, but c before e, i or y is the Turkish j
 *     (Hacer = Hajar); gh, g -> g; ph, f -> f; dh, z -> z; w, v -> w;
 *     ou, oo, u -> the vowel u, which is w after a vowel or before one
 *     but e (Khaoula = Khawla, Ouassim = Wassim, Souad = Suad; the ue
 *     of Juergen is ü); y starting a word is j (Yusuf = Jusuf) except
 *     before e (Yelena = Elena), and elsewhere the vowel i; j after a
 *     vowel at the end is i (Nikolaj); h after a vowel at the end is
 *     dropped (Abdullah = Abdulla). Two equal sounds in a row count
 *     once.
 *  4. The key: a leading vowel as "a" (a, e, i) or "u" (o, u), so Omar
 *     (umr) and Amir (amr) stay apart while Ibrahim = Ebrahim; then
 *     every consonant class in order, vowels dropped; a final t is d
 *     and a final p is b (Ahmet = Ahmed, Zeynep = Zainab); a final
 *     vowel as "a" (a, e: Ayşe = Aisha), "i" (i, y: Dmitriy = Dmitri)
 *     or "u" (o, u), so Ali (ali) and Alia (ala) stay apart. At most
 *     NAMEKEY_MAX characters.
 *
 * Known conflations, accepted: Mahmud and Muhammad share "mhmd", Hasan
 * and Husayn "hsn"; s and sh are one class (Seyma = Şeyma = Shaima).
 * Known misses: an Arabic-script word starting with ع or أ gets "a"
 * (عمر is "amr", not Omar's "umr"); Magomed (mgmd), Ibragim (abrgm)
 * and Abdurrahman (abdrhmn) are a letter from Muhammad, Ibrahim and
 * Abdulrahman. */
#ifndef CASEPATH_NAMEKEY_H
#define CASEPATH_NAMEKEY_H

#include <stdbool.h>
#include <stddef.h>

/* A key's length at most, without the NUL. */
#define NAMEKEY_MAX 32
/* A typed key this long or longer that no name has is read as a typo
 * and matches the keys one edit away (shorter ones only themselves:
 * "sd" is one edit from too many names). Migration 5 writes this
 * number too. */
#define NAMEKEY_FUZZY_MIN 3

/* The key of the letters in s[0..len) read as one word (blanks and
 * hyphens inside are skipped, so a compound span gives one key).
 * Writes a NUL-terminated key of at most NAMEKEY_MAX characters into
 * out (cut to outlen - 1); returns its length, 0 when the text has no
 * letter of a script the rules know. */
size_t namekey(const char *s, size_t len, char *out, size_t outlen);

/* A word, or a compound, of a name text. */
struct namekey_span {
	size_t start, len;   /* bytes of the text */
	bool index_only;     /* stored, never a search word (see below) */
};

/* Splits a name text into its words. Blanks and hyphens separate words
 * softly; other punctuation (";", ",", "(", "·") hard. Arabic compound
 * names are also read whole: an article (al, el, ul, ad, ar, as, ash,
 * at, az, an, ... or ال) or an "abd" word (Abd, Abdul, Abdel, عبد)
 * joins the words softly after it up to the next other word, so
 * "Abd al-Rahman" is also one span with the key of Abdulrahman. Such a
 * compound's words, and an Arabic-script word without its attached ال,
 * are index_only: stored so a search for one word finds them, but a
 * search text made of them searches the compound. An article alone is
 * no span. Fills up to max spans; returns how many there are. */
size_t namekey_spans(const char *text, struct namekey_span *spans, size_t max);

/* Every key of a name text (each span's, index_only ones too), each
 * once, separated by single spaces: the text the index stores and the
 * SQL function casepath_namekey() returns. Writes into out (outlen
 * bytes, NUL-terminated, cut only between keys); returns the length the
 * whole text needs, like snprintf. */
size_t namekey_text(const char *text, char *out, size_t outlen);

/* 0 when the keys are equal, 1 when one edit apart (a letter inserted,
 * deleted or replaced, or two neighbours swapped), else 2. */
int namekey_distance(const char *a, const char *b);

#endif
