/* u8.c: UTF-8 decoding, display width, sanitising and search folding.
 * Everything that measures or cuts text for the screen goes through
 * here, so nothing is ever cut by bytes. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "casepath/u8.h"

#define REPLACEMENT 0xFFFD

/* Decodes one code point at s (n bytes left). Returns its length, or 0
 * for a malformed sequence (overlong, surrogate, > U+10FFFF, cut). */
static size_t
decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2, c &= 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, c &= 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

static size_t
encode(uint32_t c, char *out)
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
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t n = p[i] < 0x80 ? 1 : decode(p + i, len - i, &cp);

		if (n == 0) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		i += n;
	}
	return true;
}

/* Characters that reorder or hide text: bidi embeddings, overrides and
 * isolates, and the invisible direction marks. */
static bool
is_bidi_control(uint32_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200E || c == 0x200F || c == 0x061C;
}

/* The visible form of one code point: its own UTF-8 or a mark. Returns
 * the bytes written to mark (at most 16). */
static size_t
visible(uint32_t c, char mark[16])
{
	if (c < 0x20)
		return (size_t)snprintf(mark, 16, "^%c", (char)(c + '@'));
	if (c == 0x7F)
		return (size_t)snprintf(mark, 16, "^?");
	if (c >= 0x80 && c <= 0x9F)
		return (size_t)snprintf(mark, 16, "<%02X>", (unsigned)c);
	if (is_bidi_control(c))
		return (size_t)snprintf(mark, 16, "<U+%04X>", (unsigned)c);
	return encode(c, mark);
}

/* Walks s, calling fn with the visible form of each character and its
 * display width. Stops when fn returns false. */
typedef bool (*visit_fn)(void *ctx, const char *bytes, size_t n, int width);

static void
walk(const char *s, visit_fn fn, void *ctx)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p);

	while (left > 0) {
		uint32_t c;
		size_t n = decode(p, left, &c);
		char mark[16];
		size_t m;
		int w;

		if (n == 0) {
			c = REPLACEMENT;
			n = 1;
		}
		m = visible(c, mark);
		if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || is_bidi_control(c)) {
			w = (int)m;  /* a mark is plain ASCII */
		} else {
			w = wcwidth((wchar_t)c);
			if (w < 0)
				w = 1;
		}
		if (!fn(ctx, mark, m, w))
			return;
		p += n;
		left -= n;
	}
}

struct sink {
	char *out;
	size_t cap;
	size_t len;        /* bytes the whole result needs */
	size_t written;    /* bytes written: whole characters only */
	bool full;         /* a character did not fit: write no more */
	int width, max_width;
	bool cut;
};

static bool
sink_put(void *ctx, const char *bytes, size_t n, int width)
{
	struct sink *k = ctx;

	if (k->max_width >= 0 && k->width + width > k->max_width) {
		k->cut = true;
		return false;
	}
	if (!k->full && k->written + n < k->cap) {
		memcpy(k->out + k->written, bytes, n);
		k->written += n;
	} else {
		k->full = true;
	}
	k->len += n;
	k->width += width;
	return true;
}

size_t
u8_sanitize(const char *s, char *out, size_t outlen)
{
	struct sink k = { .out = out, .cap = outlen, .max_width = -1 };

	walk(s, sink_put, &k);
	if (outlen)
		out[k.written] = '\0';
	return k.len;
}

static bool
width_put(void *ctx, const char *bytes, size_t n, int width)
{
	(void)bytes;
	(void)n;
	*(int *)ctx += width;
	return true;
}

int
u8_width(const char *s)
{
	int w = 0;

	walk(s, width_put, &w);
	return w;
}

/* Appends bytes to out if they fit with room for the NUL. */
static bool
append(char *out, size_t outlen, size_t *len, const char *bytes, size_t n)
{
	if (*len + n + 1 > outlen)
		return false;
	memcpy(out + *len, bytes, n);
	*len += n;
	out[*len] = '\0';
	return true;
}

int
u8_fit(const char *s, int cols, bool pad, char *out, size_t outlen)
{
	const char *ellipsis = "\xe2\x80\xa6";  /* … */
	struct sink k = { .out = out, .cap = outlen, .max_width = cols };
	size_t len;
	int width;

	if (outlen == 0)
		return 0;
	out[0] = '\0';
	if (cols <= 0)
		return 0;
	if (u8_width(s) > cols) {
		/* leave the last column for the ellipsis */
		k.max_width = cols - 1;
		k.cut = true;
	}
	walk(s, sink_put, &k);
	len = k.written;
	out[len] = '\0';
	width = k.full ? u8_width(out) : k.width;
	if (k.cut) {
		/* a double-width character that did not fit leaves a gap */
		while (width < cols - 1 && append(out, outlen, &len, " ", 1))
			width++;
		if (append(out, outlen, &len, ellipsis, 3))
			width++;
	}
	while (pad && width < cols && append(out, outlen, &len, " ", 1))
		width++;
	return width;
}

/* Latin letters with diacritics, folded to their base letters. */
static const struct {
	uint32_t from;
	const char *to;
} folds[] = {
	{ 0xC0, "a" }, { 0xC1, "a" }, { 0xC2, "a" }, { 0xC3, "a" }, { 0xC4, "a" },
	{ 0xC5, "a" }, { 0xC6, "ae" }, { 0xC7, "c" }, { 0xC8, "e" }, { 0xC9, "e" },
	{ 0xCA, "e" }, { 0xCB, "e" }, { 0xCC, "i" }, { 0xCD, "i" }, { 0xCE, "i" },
	{ 0xCF, "i" }, { 0xD0, "d" }, { 0xD1, "n" }, { 0xD2, "o" }, { 0xD3, "o" },
	{ 0xD4, "o" }, { 0xD5, "o" }, { 0xD6, "o" }, { 0xD8, "o" }, { 0xD9, "u" },
	{ 0xDA, "u" }, { 0xDB, "u" }, { 0xDC, "u" }, { 0xDD, "y" }, { 0xDF, "ss" },
	{ 0xE0, "a" }, { 0xE1, "a" }, { 0xE2, "a" }, { 0xE3, "a" }, { 0xE4, "a" },
	{ 0xE5, "a" }, { 0xE6, "ae" }, { 0xE7, "c" }, { 0xE8, "e" }, { 0xE9, "e" },
	{ 0xEA, "e" }, { 0xEB, "e" }, { 0xEC, "i" }, { 0xED, "i" }, { 0xEE, "i" },
	{ 0xEF, "i" }, { 0xF0, "d" }, { 0xF1, "n" }, { 0xF2, "o" }, { 0xF3, "o" },
	{ 0xF4, "o" }, { 0xF5, "o" }, { 0xF6, "o" }, { 0xF8, "o" }, { 0xF9, "u" },
	{ 0xFA, "u" }, { 0xFB, "u" }, { 0xFC, "u" }, { 0xFD, "y" }, { 0xFF, "y" },
	{ 0x100, "a" }, { 0x101, "a" }, { 0x102, "a" }, { 0x103, "a" }, { 0x104, "a" },
	{ 0x105, "a" }, { 0x106, "c" }, { 0x107, "c" }, { 0x10C, "c" }, { 0x10D, "c" },
	{ 0x10E, "d" }, { 0x10F, "d" }, { 0x110, "d" }, { 0x111, "d" }, { 0x112, "e" },
	{ 0x113, "e" }, { 0x116, "e" }, { 0x117, "e" }, { 0x118, "e" }, { 0x119, "e" },
	{ 0x11A, "e" }, { 0x11B, "e" }, { 0x11E, "g" }, { 0x11F, "g" }, { 0x12A, "i" },
	{ 0x12B, "i" }, { 0x130, "i" }, { 0x131, "i" }, { 0x141, "l" }, { 0x142, "l" },
	{ 0x143, "n" }, { 0x144, "n" }, { 0x147, "n" }, { 0x148, "n" }, { 0x150, "o" },
	{ 0x151, "o" }, { 0x152, "oe" }, { 0x153, "oe" }, { 0x158, "r" }, { 0x159, "r" },
	{ 0x15A, "s" }, { 0x15B, "s" }, { 0x15E, "s" }, { 0x15F, "s" }, { 0x160, "s" },
	{ 0x161, "s" }, { 0x162, "t" }, { 0x163, "t" }, { 0x164, "t" }, { 0x165, "t" },
	{ 0x16A, "u" }, { 0x16B, "u" }, { 0x16E, "u" }, { 0x16F, "u" }, { 0x170, "u" },
	{ 0x171, "u" }, { 0x178, "y" }, { 0x179, "z" }, { 0x17A, "z" }, { 0x17B, "z" },
	{ 0x17C, "z" }, { 0x17D, "z" }, { 0x17E, "z" }, { 0x218, "s" }, { 0x219, "s" },
	{ 0x21A, "t" }, { 0x21B, "t" },
	{ 0x401, "\xd0\xb5" }, { 0x451, "\xd0\xb5" },  /* Ё ё -> е */
};

static const char *
fold_latin(uint32_t c)
{
	size_t lo = 0, hi = sizeof folds / sizeof folds[0];

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (folds[mid].from == c)
			return folds[mid].to;
		if (folds[mid].from < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t
u8_fold(const char *s, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p), len = 0;

	if (outlen)
		out[0] = '\0';
	while (left > 0) {
		uint32_t c;
		size_t n = decode(p, left, &c);
		const char *to;
		char buf[8];
		size_t m;

		if (n == 0) {
			c = REPLACEMENT;
			n = 1;
		}
		p += n;
		left -= n;
		if (c >= 0x300 && c <= 0x36F)
			continue;  /* combining marks carry only the accents */
		if ((to = fold_latin(c)) != NULL) {
			m = strlen(to);
			memcpy(buf, to, m);
		} else {
			if (c < 0x80)
				c = (uint32_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			else
				c = (uint32_t)towlower((wint_t)c);
			m = encode(c, buf);
		}
		if (len + m < outlen) {
			memcpy(out + len, buf, m);
			out[len + m] = '\0';
		}
		len += m;
	}
	return len;
}
