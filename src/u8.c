/* u8.c: UTF-8 decoding, display width, sanitising and search folding.
 * Everything that measures or cuts text for the screen goes through
 * here, so nothing is ever cut by bytes. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700   /* wcwidth() when built without it */
#endif

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "casepath/u8.h"

#define REPLACEMENT 0xFFFD

/* Decodes one well-formed sequence at s (n > 0 bytes left), following
 * Unicode table 3-7, so overlongs, surrogates, code points past
 * U+10FFFF and cut sequences are all refused. Returns its length with
 * the code point in *cp, or 0; then *bad gets the length of the
 * maximal ill-formed prefix, which is shown as one U+FFFD (the
 * Unicode-recommended practice, so "\xe2\x82" is one mark, not two). */
size_t
u8_decode(const unsigned char *s, size_t n, uint32_t *cp, size_t *bad)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	uint32_t v;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xC2 || c > 0xF4) {
		/* a stray continuation byte, an overlong lead or past U+10FFFF */
		*bad = 1;
		return 0;
	}
	if (c < 0xE0) {
		len = 2;
		v = c & 0x1F;
	} else if (c < 0xF0) {
		len = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;           /* overlong */
		else if (c == 0xED)
			hi = 0x9F;           /* surrogates */
	} else {
		len = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;           /* overlong */
		else if (c == 0xF4)
			hi = 0x8F;           /* past U+10FFFF */
	}
	for (size_t i = 1; i < len; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*bad = i;
			return 0;
		}
		v = (v << 6) | (s[i] & 0x3Fu);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = v;
	return len;
}

size_t
u8_encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

bool
u8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, bad;
	uint32_t cp;

	while (i < len) {
		size_t n;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = u8_decode(p + i, len - i, &cp, &bad)) == 0) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		i += n;
	}
	return true;
}

/* --- sanitising ------------------------------------------------------------- */

/* Characters that reorder or hide text: bidi embeddings, overrides and
 * isolates, the invisible direction marks, and the zero-width ones
 * (space, non-joiner, joiner, word joiner, the invisible operators,
 * the byte-order mark), which make two different names look alike. */
static bool
is_bidi_control(uint32_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200E || c == 0x200F || c == 0x061C ||
	       (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) ||
	       c == 0xFEFF;
}

/* One character as it is shown: its bytes (its own UTF-8 or a plain
 * ASCII mark) and its width in columns. */
struct glyph {
	char bytes[12];
	size_t n;
	int width;
};

static const char hex[] = "0123456789ABCDEF";

/* Reads the character at p (left > 0 bytes) into g; returns the bytes
 * of s it stands for. */
static size_t
next_glyph(const unsigned char *p, size_t left, struct glyph *g)
{
	uint32_t c;
	size_t used, bad;
	int w;

	if (p[0] >= 0x20 && p[0] < 0x7F) {
		/* the common case: printable ASCII */
		g->bytes[0] = (char)p[0];
		g->n = 1;
		g->width = 1;
		return 1;
	}
	if ((used = u8_decode(p, left, &c, &bad)) == 0) {
		c = REPLACEMENT;
		used = bad;
	}
	if (c < 0x20 || c == 0x7F) {
		/* caret notation: ESC is "^[", DEL "^?", TAB "^I" */
		g->bytes[0] = '^';
		g->bytes[1] = (char)(c == 0x7F ? '?' : c + '@');
		g->n = 2;
	} else if (c >= 0x80 && c <= 0x9F) {
		/* C1 controls, CSI (U+009B) among them */
		memcpy(g->bytes, "<..>", 4);
		g->bytes[1] = hex[c >> 4];
		g->bytes[2] = hex[c & 0xF];
		g->n = 4;
	} else if (is_bidi_control(c)) {
		memcpy(g->bytes, "<U+....>", 8);
		for (int i = 0; i < 4; i++)
			g->bytes[3 + i] = hex[(c >> (12 - 4 * i)) & 0xF];
		g->n = 8;
	} else {
		g->n = u8_encode(c, g->bytes);
		w = wcwidth((wchar_t)c);
		/* unassigned or unknown to this locale: assume one column,
		 * the terminal's most likely guess */
		g->width = w < 0 ? 1 : w;
		return used;
	}
	g->width = (int)g->n;   /* a mark is plain ASCII */
	return used;
}

size_t
u8_sanitize(const char *s, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p), need = 0, written = 0;
	bool full = false;
	struct glyph g;

	while (left > 0) {
		size_t used = next_glyph(p, left, &g);

		/* once one character does not fit, write no later ones, so
		 * the result is a clean prefix */
		if (!full && written + g.n < outlen) {
			memcpy(out + written, g.bytes, g.n);
			written += g.n;
		} else {
			full = true;
		}
		need += g.n;
		p += used;
		left -= used;
	}
	if (outlen)
		out[written] = '\0';
	return need;
}

int
u8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p);
	struct glyph g;
	int w = 0;

	while (left > 0) {
		size_t used = next_glyph(p, left, &g);

		if (w <= INT_MAX - g.width)
			w += g.width;
		p += used;
		left -= used;
	}
	return w;
}

/* Appends n bytes to out when they fit with room for the NUL. */
static bool
append(char *out, size_t outlen, size_t *len, const char *bytes, size_t n)
{
	if (*len + n >= outlen)
		return false;
	memcpy(out + *len, bytes, n);
	*len += n;
	out[*len] = '\0';
	return true;
}

int
u8_fit(const char *s, int cols, bool pad, char *out, size_t outlen)
{
	/* outside a multibyte locale "…" would show as mojibake */
	const char *ellipsis = MB_CUR_MAX > 1 ? "\xe2\x80\xa6" : "~";
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p), len = 0;
	int width = 0, limit;
	bool cut;
	struct glyph g;

	if (outlen == 0)
		return 0;
	out[0] = '\0';
	if (cols <= 0)
		return 0;
	/* when the text is too wide, its last column is the ellipsis */
	cut = u8_width(s) > cols;
	limit = cut ? cols - 1 : cols;
	while (left > 0) {
		size_t used = next_glyph(p, left, &g);

		/* zero-width marks after the last character that fits stay
		 * with it; the loop ends at the first that does not */
		if (g.width > limit - width)
			break;
		if (!append(out, outlen, &len, g.bytes, g.n))
			break;
		width += g.width;
		p += used;
		left -= used;
	}
	if (cut) {
		/* a double-width character that would straddle the edge
		 * leaves a gap: fill it so the ellipsis is in the last column */
		while (width < cols - 1 && append(out, outlen, &len, " ", 1))
			width++;
		if (append(out, outlen, &len, ellipsis, strlen(ellipsis)))
			width++;
	}
	while (pad && width < cols && append(out, outlen, &len, " ", 1))
		width++;
	return width;
}

/* --- folding for search ------------------------------------------------------ */

/* Latin-1 Supplement and Latin Extended-A letters (U+00C0..U+017F)
 * without their diacritics, both cases. NULL: not a letter (× ÷). */
static const char *const latin_base[0x180 - 0xC0] = {
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	             "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", NULL,
	             "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	             "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", NULL,
	             "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c",
	             "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e",
	             "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h",
	             "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k",
	             "k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n",
	             "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r",
	             "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t",
	             "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y",
	             "y", "z", "z", "z", "z", "z", "z", "s",
};

/* The base letter of other common precomposed Latin letters: Romanian
 * comma-below, pinyin tone marks, Vietnamese. NULL when none. */
static const char *
latin_more(uint32_t c)
{
	if (c >= 0x1CD && c <= 0x1DC) {
		/* pinyin Ǎ ǎ Ǐ ǐ Ǒ ǒ Ǔ ǔ Ǖ ǖ Ǘ ǘ Ǚ ǚ Ǜ ǜ, as "x\0" pairs */
		return &"a\0a\0i\0i\0o\0o\0u\0u\0u\0u\0u\0u\0u\0u\0u\0u"[2 * (c - 0x1CD)];
	}
	switch (c) {
	case 0x1A0: case 0x1A1: return "o";     /* Ơ ơ */
	case 0x1AF: case 0x1B0: return "u";     /* Ư ư */
	case 0x218: case 0x219: return "s";     /* Ș ș */
	case 0x21A: case 0x21B: return "t";     /* Ț ț */
	default: break;
	}
	/* Vietnamese letters with two marks, U+1EA0..U+1EF9 */
	if (c >= 0x1EA0 && c <= 0x1EB7) return "a";
	if (c >= 0x1EB8 && c <= 0x1EC7) return "e";
	if (c >= 0x1EC8 && c <= 0x1ECB) return "i";
	if (c >= 0x1ECC && c <= 0x1EE3) return "o";
	if (c >= 0x1EE4 && c <= 0x1EF1) return "u";
	if (c >= 0x1EF2 && c <= 0x1EF9) return "y";
	return NULL;
}

/* Lower case. Greek, Cyrillic and Armenian are done here rather than
 * by towlower(), which in the C locale leaves them alone: folded text
 * is stored, so an import run under LANG=C must fold the same way as
 * a search typed in a UTF-8 terminal. Other scripts use towlower(). */
static uint32_t
lower(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	if (c >= 0x410 && c <= 0x42F)                   /* А..Я */
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)                   /* Ѐ..Џ */
		return c + 0x50;
	if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) ||
	    (c >= 0x4D0 && c <= 0x52F))
		return c | 1;                               /* even upper, odd lower */
	if (c >= 0x4C1 && c <= 0x4CE)
		return c & 1 ? c + 1 : c;                   /* odd upper, even lower */
	if (c == 0x4C0)
		return 0x4CF;
	if ((c >= 0x391 && c <= 0x3AB && c != 0x3A2))   /* Α..Ϋ */
		return c + 0x20;
	if (c == 0x386)
		return 0x3AC;
	if (c >= 0x388 && c <= 0x38A)
		return c + 0x25;
	if (c == 0x38C)
		return 0x3CC;
	if (c == 0x38E || c == 0x38F)
		return c + 0x3F;
	if (c >= 0x531 && c <= 0x556)                   /* Armenian */
		return c + 0x30;
	if (c == 0x18F)
		return 0x259;                               /* Azerbaijani Ə */
	if (c < 0x100 || (c >= 0x370 && c <= 0x58F))
		return c;   /* the tables cover these blocks */
	return (uint32_t)towlower((wint_t)c);
}

/* Greek lower-case letters with tonos or dialytika, and final sigma:
 * the plain letter, so "Ελένη" finds "ελενη". 0 when none. */
static uint32_t
greek_base(uint32_t c)
{
	switch (c) {
	case 0x3AC: return 0x3B1;           /* ά */
	case 0x3AD: return 0x3B5;           /* έ */
	case 0x3AE: return 0x3B7;           /* ή */
	case 0x3AF: case 0x3CA: case 0x390:
		return 0x3B9;                   /* ί ϊ ΐ */
	case 0x3CC: return 0x3BF;           /* ό */
	case 0x3CD: case 0x3CB: case 0x3B0:
		return 0x3C5;                   /* ύ ϋ ΰ */
	case 0x3CE: return 0x3C9;           /* ώ */
	case 0x3C2: return 0x3C3;           /* ς */
	default: return 0;
	}
}

/* The folded form of one code point into buf (at least 4 bytes);
 * returns its length (0 for a dropped combining mark). */
static size_t
fold_one(uint32_t c, char *buf)
{
	const char *base = NULL;
	uint32_t g;
	size_t n;

	if (c >= 0x300 && c <= 0x36F)
		return 0;   /* combining marks carry only the accents */
	c = lower(c);
	if (c < 0x80) {
		buf[0] = (char)c;
		return 1;
	}
	if (c >= 0xC0 && c < 0x180)
		base = latin_base[c - 0xC0];
	else if (c < 0x1EFA)
		base = latin_more(c);
	if (base) {
		n = strlen(base);
		memcpy(buf, base, n);
		return n;
	}
	if ((g = greek_base(c)) != 0)
		c = g;
	else if (c == 0x451)
		c = 0x435;   /* ё -> е: Russian writes both */
	return u8_encode(c, buf);
}

size_t
u8_fold(const char *s, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p), len = 0, written = 0;
	bool full = false;

	while (left > 0) {
		char buf[8];
		size_t used, bad, m;
		uint32_t c;

		if (p[0] < 0x80) {
			c = p[0];
			used = 1;
		} else if ((used = u8_decode(p, left, &c, &bad)) == 0) {
			c = REPLACEMENT;
			used = bad;
		}
		p += used;
		left -= used;
		m = fold_one(c, buf);
		if (!full && written + m < outlen) {
			memcpy(out + written, buf, m);
			written += m;
		} else {
			full = true;
		}
		len += m;
	}
	if (outlen)
		out[written] = '\0';
	return len;
}

const char *
u8_pad(const char *s, int cols, char *out, size_t outlen)
{
	u8_fit(s, cols, true, out, outlen);
	return out;
}

const char *
u8_pad_min(const char *s, int cols, char *out, size_t outlen)
{
	int w = u8_width(s);

	snprintf(out, outlen, "%s%*s", s, w < cols ? cols - w : 0, "");
	return out;
}

/* Turkish lower case of the letters lower() leaves alone (Latin-1
 * capitals, Ğ, Ş); I and İ are done by the caller. */
static uint32_t
lower_tr(uint32_t c)
{
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 0x20;
	if (c == 0x11E || c == 0x15E)
		return c + 1;
	return lower(c);
}

/* The key bytes of one lower-case code point: its letter's place in the
 * alphabet, else as it is below 'A' (blanks, digits first), else 0x7f
 * then its UTF-8 (after every letter, in code-point order). */
static size_t
collate_one(uint32_t c, char *key)
{
	/* lower case letters of the alphabet, in order */
	static const uint32_t alphabet[] = {
		'a', 'b', 'c', 0xE7, 'd', 'e', 'f', 'g', 0x11F, 'h', 0x131, 'i', 'j',
		'k', 'l', 'm', 'n', 'o', 0xF6, 'p', 'q', 'r', 's', 0x15F, 't', 'u',
		0xFC, 'v', 'w', 'x', 'y', 'z',
	};

	for (size_t i = 0; i < sizeof alphabet / sizeof alphabet[0]; i++)
		if (alphabet[i] == c) {
			key[0] = (char)(0x41 + i);   /* A.. */
			return 1;
		}
	if (c < 0x41) {
		key[0] = (char)(c < 0x20 ? 0x20 : c);
		return 1;
	}
	key[0] = 0x7f;
	return 1 + u8_encode(c, key + 1);
}

size_t
u8_collate_tr(const char *s, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p), at = 0;
	bool full = false;

	while (left > 0 && !full) {
		char key[24], base[8];
		size_t used, bad, klen = 0, blen;
		uint32_t c;

		if ((used = u8_decode(p, left, &c, &bad)) == 0) {
			c = REPLACEMENT;
			used = bad;
		}
		p += used;
		left -= used;
		/* Turkish case: I is the capital of dotless i, U+0130 of i */
		if (c == 'I')
			c = 0x131;
		else if (c == 0x130)
			c = 'i';
		else
			c = lower_tr(c);
		if ((klen = collate_one(c, key)) > 1 && c >= 0x80) {
			/* not a Turkish letter: its base letters where it has
			 * them (â with a, é with e, ё with е); a combining mark
			 * adds nothing */
			if ((blen = fold_one(c, base)) == 0) {
				klen = 0;
			} else if (!(blen == 1 && (unsigned char)base[0] == c)) {
				const unsigned char *b = (const unsigned char *)base;
				size_t bl = blen, bu;
				uint32_t bc;

				klen = 0;
				while (bl > 0 && (bu = u8_decode(b, bl, &bc, &bad)) > 0) {
					klen += collate_one(bc, key + klen);
					b += bu;
					bl -= bu;
				}
			}
		}
		if (at + klen + 1 > outlen) {
			full = true;
			break;
		}
		memcpy(out + at, key, klen);
		at += klen;
	}
	if (outlen)
		out[at] = '\0';
	return at;
}
