/* u8.h: UTF-8 for display and validation. The one place that knows
 * about display width: never cut a string by bytes anywhere else.
 *
 * Sanitising: invalid bytes become U+FFFD (one per maximal ill-formed
 * sequence); C0 controls (TAB too), DEL and C1 controls (U+0080..U+009F,
 * written as C2 xx) become visible caret or hex marks ("^[", "^I",
 * "^?", "<9B>"); bidi embedding, override
 * and isolate controls (U+202A..U+202E, U+2066..U+2069) and other
 * invisible format characters that can reorder or hide text
 * (U+200E, U+200F, U+061C; the zero-width U+200B..U+200D,
 * U+2060..U+2064 and U+FEFF) become "<U+202E>"-style marks. Nothing a
 * record holds can reach the terminal as a control, and no invisible
 * character can make two different names look the same. */
#ifndef CASEPATH_U8_H
#define CASEPATH_U8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, surrogates
 * or code points past U+10FFFF). On false, *bad_offset (if non-NULL)
 * gets the offset of the first bad byte. */
bool u8_valid(const char *s, size_t len, size_t *bad_offset);

/* Writes a sanitised copy of s into out (outlen bytes, always
 * NUL-terminated, cut only at whole characters). Returns the number of
 * bytes the full sanitised string needs, without the NUL, like
 * snprintf. */
size_t u8_sanitize(const char *s, char *out, size_t outlen);

/* Display width in terminal columns of the sanitised form of s. */
int u8_width(const char *s);

/* Writes into out (outlen bytes) the sanitised form of s cut to at most
 * cols display columns; when cut, the last column holds an ellipsis
 * ("…" in a UTF-8 locale, "~" in a single-byte one). A double-width
 * character that would straddle the edge is replaced by a space. When
 * pad is true the result is padded with spaces to exactly cols
 * columns. cols <= 0 writes "". Returns the display width written
 * (less than asked only when outlen is too small). Requires
 * setlocale(LC_CTYPE, "") to have set a UTF-8 locale for wcwidth to be
 * right. */
/* One well-formed UTF-8 sequence at s (n > 0 bytes left): its length
 * with the code point in *cp, or 0 with the length of the ill-formed
 * prefix in *bad (overlongs, surrogates, past U+10FFFF, cut sequences
 * are all ill-formed). */
size_t u8_decode(const unsigned char *s, size_t n, uint32_t *cp, size_t *bad);
/* The UTF-8 of code point c (at most 4 bytes, no NUL) into out; returns
 * its length. */
size_t u8_encode(uint32_t c, char *out);

int u8_fit(const char *s, int cols, bool pad, char *out, size_t outlen);

/* u8_fit padded to cols columns; returns out (for a "%s" argument where
 * printf's "%-26s" would count bytes, not columns). */
const char *u8_pad(const char *s, int cols, char *out, size_t outlen);
/* s followed by blanks up to cols columns, never cut (printf's "%-10s"
 * in columns); returns out. */
const char *u8_pad_min(const char *s, int cols, char *out, size_t outlen);

/* A sort key of s in the Turkish alphabet (a b c ç d e f g ğ h ı i j k l
 * m n o ö p q r s ş t u ü v w x y z; I is the capital of ı, İ of i), as
 * bytes that strcmp() orders: "Çelik" after "Cura", "Işık" before
 * "İnce". Other Latin letters sort with their base letter (â with a,
 * é with e), Cyrillic ё with е; other letters follow z in code-point
 * order. The key is UTF-8 text and the same in every locale (it is
 * stored: person.name_key_tr, the list's name order under --lang tr).
 * Writes a NUL-terminated key (cut at a whole letter) and returns its
 * length; at most 3 bytes per byte of s. */
size_t u8_collate_tr(const char *s, char *out, size_t outlen);

/* Folds s for search: lower case with Turkish dotted/dotless i folded
 * to "i", Latin diacritics removed (é -> e, ş -> s, ğ -> g, ß -> ss),
 * combining marks U+0300..U+036F dropped, Cyrillic ё -> е, Greek
 * accents dropped. Latin, Greek, Cyrillic and Armenian fold the same in
 * every locale (the result is stored); other scripts use towlower().
 * Writes a NUL-terminated result into out (cut only at whole
 * characters; out may be NULL when outlen is 0); returns the needed
 * length without the NUL, like snprintf. */
size_t u8_fold(const char *s, char *out, size_t outlen);

#endif
