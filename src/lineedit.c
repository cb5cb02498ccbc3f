/* lineedit.c: the line editor behind every prompt. The text stays
 * valid UTF-8, so stepping over a character is reading its lead byte;
 * widths and visible marks come from u8.c, so the field is measured
 * the way the rest of the screen is. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/lineedit.h"
#include "casepath/u8.h"
#include "casepath/util.h"

#define REPLACEMENT "\xef\xbf\xbd"

/* --- characters -------------------------------------------------------------- */

/* Length of the sequence whose lead byte is c (the text is valid). */
static size_t
seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c < 0xE0)
		return 2;
	if (c < 0xF0)
		return 3;
	return 4;
}

static bool
is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* The code point at s (valid UTF-8, at least one byte). */
static uint32_t
decode(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = seq_len(p[0]);
	uint32_t c = n == 1 ? p[0] : n == 2 ? p[0] & 0x1Fu :
	             n == 3 ? p[0] & 0x0Fu : p[0] & 0x07u;

	for (size_t i = 1; i < n; i++)
		c = (c << 6) | (p[i] & 0x3Fu);
	if (len)
		*len = n;
	return c;
}

/* Display width of the one code point at s, as the screen shows it
 * (a control is its mark, "^I" is two columns). */
static int
cp_width(const char *s)
{
	char one[8];
	size_t n = seq_len((unsigned char)s[0]);

	memcpy(one, s, n);
	one[n] = '\0';
	return u8_width(one);
}

/* Zero-width code points (combining marks, joiners) travel with the
 * character before them. Marks u8 shows visibly are not zero-width. */
static bool
attaches(const char *s)
{
	return (unsigned char)s[0] >= 0x80 && cp_width(s) == 0;
}

static size_t
next_cp(const struct lineedit *le, size_t i)
{
	return i < le->len ? i + seq_len((unsigned char)le->buf[i]) : i;
}

static size_t
prev_cp(const struct lineedit *le, size_t i)
{
	while (i > 0 && is_cont((unsigned char)le->buf[--i]))
		;
	return i;
}

/* Past the character at i and the marks attached to it. */
static size_t
next_char(const struct lineedit *le, size_t i)
{
	i = next_cp(le, i);
	while (i < le->len && attaches(le->buf + i))
		i = next_cp(le, i);
	return i;
}

/* The start of the character before i, marks included. */
static size_t
prev_char(const struct lineedit *le, size_t i)
{
	i = prev_cp(le, i);
	while (i > 0 && attaches(le->buf + i))
		i = prev_cp(le, i);
	return i;
}

static bool
is_sep(uint32_t c)
{
	if (c < 0x80)
		return c <= ' ' || (ispunct((int)c) && c != '_' && c != '-' && c != '\'');
	switch (c) {
	case 0x00A0:    /* no-break space */
	case 0x060C:    /* Arabic comma */
	case 0x061B:    /* Arabic semicolon */
	case 0x3000:    /* ideographic space */
	case 0x3001:    /* ideographic comma */
	case 0x3002:    /* ideographic full stop */
	case 0xFF0C:    /* fullwidth comma */
		return true;
	default:
		return (c >= 0x2000 && c <= 0x200A);   /* the typographic spaces */
	}
}

static bool
sep_at(const struct lineedit *le, size_t i)
{
	return is_sep(decode(le->buf + i, NULL));
}

/* Start of the word before i (skipping separators first). */
static size_t
word_start(const struct lineedit *le, size_t i)
{
	while (i > 0 && sep_at(le, prev_cp(le, i)))
		i = prev_cp(le, i);
	while (i > 0 && !sep_at(le, prev_cp(le, i)))
		i = prev_cp(le, i);
	return i;
}

static size_t
word_end(const struct lineedit *le, size_t i)
{
	while (i < le->len && sep_at(le, i))
		i = next_cp(le, i);
	while (i < le->len && !sep_at(le, i))
		i = next_cp(le, i);
	return i;
}

/* What may be typed: valid UTF-8 with no C0, DEL or C1 control. */
static bool
acceptable(const char *s)
{
	size_t n = strlen(s);

	if (!u8_valid(s, n, NULL))
		return false;
	for (size_t i = 0; i < n;) {
		size_t len;
		uint32_t c = decode(s + i, &len);

		if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
			return false;
		i += len;
	}
	return true;
}

/* --- the buffer -------------------------------------------------------------- */

static void
reserve(struct lineedit *le, size_t need)
{
	size_t cap = le->cap ? le->cap : 64;

	if (need + 1 <= le->cap)
		return;
	while (cap < need + 1)
		cap *= 2;
	le->buf = xrealloc(le->buf, cap);
	if (le->cap == 0)
		le->buf[0] = '\0';
	le->cap = cap;
}

static void
comp_end(struct lineedit *le)
{
	le->comp.active = false;
	free(le->comp.prefix);
	le->comp.prefix = NULL;
}

/* Every change to the text goes through here: bytes [a, b) become
 * s[0..n), the cursor lands after them. Completion state ends, and the
 * scroll is pulled back so it never points into rewritten bytes. */
static void
replace(struct lineedit *le, size_t a, size_t b, const char *s, size_t n)
{
	reserve(le, le->len - (b - a) + n);
	memmove(le->buf + a + n, le->buf + b, le->len - b + 1);
	memcpy(le->buf + a, s, n);
	le->len = le->len - (b - a) + n;
	le->buf[le->len] = '\0';
	le->cursor = a + n;
	if (le->scroll > a)
		le->scroll = a;
	comp_end(le);
}

/* Sets the text from s, repairing bad bytes; history walks use it too. */
static bool
load(struct lineedit *le, const char *s)
{
	size_t n = strlen(s ? s : ""), at = 0, bad;
	bool clean = true;

	le->len = 0;
	reserve(le, n);
	le->buf[0] = '\0';
	s = s ? s : "";
	while (!u8_valid(s + at, n - at, &bad)) {
		size_t skip = 1;

		/* the bad byte and the continuation bytes that hang off it,
		 * which cannot start a character anyway */
		while (at + bad + skip < n && is_cont((unsigned char)s[at + bad + skip]))
			skip++;
		replace(le, le->len, le->len, s + at, bad);
		replace(le, le->len, le->len, REPLACEMENT, 3);
		at += bad + skip;
		clean = false;
	}
	replace(le, le->len, le->len, s + at, n - at);
	le->scroll = 0;
	return clean;
}

static void
walk_end(struct lineedit *le)
{
	le->hist_at = le->nhist;
	free(le->typed);
	le->typed = NULL;
}

/* --- life cycle -------------------------------------------------------------- */

void
lineedit_init(struct lineedit *le)
{
	memset(le, 0, sizeof *le);
}

void
lineedit_clear(struct lineedit *le)
{
	for (size_t i = 0; i < le->nhist; i++)
		free(le->hist[i]);
	free(le->hist);
	free(le->typed);
	free(le->comp.prefix);
	free(le->buf);
	lineedit_init(le);
}

struct lineedit *
lineedit_new(void)
{
	struct lineedit *le = xmalloc(sizeof *le);

	lineedit_init(le);
	return le;
}

void
lineedit_free(struct lineedit **lep)
{
	if (!lep || !*lep)
		return;
	lineedit_clear(*lep);
	free(*lep);
	*lep = NULL;
}

bool
lineedit_set(struct lineedit *le, const char *text)
{
	walk_end(le);
	return load(le, text);
}

const char *
lineedit_text(const struct lineedit *le)
{
	return le->buf ? le->buf : "";
}

size_t
lineedit_cursor(const struct lineedit *le)
{
	return le->cursor;
}

bool
lineedit_insert(struct lineedit *le, const char *utf8)
{
	if (!utf8 || !*utf8 || !acceptable(utf8))
		return false;
	replace(le, le->cursor, le->cursor, utf8, strlen(utf8));
	return true;
}

/* --- keys -------------------------------------------------------------------- */

static bool
move_to(struct lineedit *le, size_t to)
{
	if (to == le->cursor)
		return false;
	le->cursor = to;
	comp_end(le);
	return true;
}

static bool
erase(struct lineedit *le, size_t a, size_t b)
{
	if (a == b)
		return false;
	replace(le, a, b, "", 0);
	return true;
}

static bool
history_prev(struct lineedit *le)
{
	if (le->hist_at == 0)
		return false;
	if (le->hist_at == le->nhist) {
		free(le->typed);
		le->typed = xstrdup(lineedit_text(le));
	}
	le->hist_at--;
	load(le, le->hist[le->hist_at]);
	return true;
}

static bool
history_next(struct lineedit *le)
{
	if (le->hist_at >= le->nhist)
		return false;
	le->hist_at++;
	if (le->hist_at == le->nhist) {
		load(le, le->typed);
		free(le->typed);
		le->typed = NULL;
	} else {
		load(le, le->hist[le->hist_at]);
	}
	return true;
}

bool
lineedit_key(struct lineedit *le, enum lineedit_op op)
{
	size_t c = le->cursor;

	switch (op) {
	case LE_LEFT:
		return move_to(le, prev_char(le, c));
	case LE_RIGHT:
		return move_to(le, next_char(le, c));
	case LE_HOME:
		return move_to(le, 0);
	case LE_END:
		return move_to(le, le->len);
	case LE_BACKSPACE:
		return erase(le, prev_char(le, c), c);
	case LE_DELETE:
		return erase(le, c, next_char(le, c));
	case LE_KILL_LINE:
		return erase(le, 0, c);
	case LE_KILL_END:
		return erase(le, c, le->len);
	case LE_KILL_WORD:
		return erase(le, word_start(le, c), c);
	case LE_WORD_LEFT:
		return move_to(le, word_start(le, c));
	case LE_WORD_RIGHT:
		return move_to(le, word_end(le, c));
	case LE_HISTORY_PREV:
		return history_prev(le);
	case LE_HISTORY_NEXT:
		return history_next(le);
	}
	return false;
}

bool
lineedit_history_add(struct lineedit *le, const char *text)
{
	walk_end(le);
	if (!text || !*text ||
	    (le->nhist > 0 && strcmp(le->hist[le->nhist - 1], text) == 0))
		return false;
	if (le->nhist == LINEEDIT_HISTORY_MAX) {
		free(le->hist[0]);
		memmove(le->hist, le->hist + 1, (le->nhist - 1) * sizeof *le->hist);
		le->nhist--;
	}
	le->hist = xrealloc(le->hist, (le->nhist + 1) * sizeof *le->hist);
	le->hist[le->nhist++] = xstrdup(text);
	le->hist_at = le->nhist;
	return true;
}

/* --- completion -------------------------------------------------------------- */

/* A candidate that could be typed and starts with prefix. */
static bool
candidate(const char *word, const char *prefix, size_t plen)
{
	return word && *word && strncmp(word, prefix, plen) == 0 && acceptable(word);
}

/* The k-th distinct candidate (k from 0), or NULL; *count (if
 * non-NULL) gets how many there are. */
static const char *
match(const char *const *words, size_t nwords, const char *prefix, size_t k,
      size_t *count)
{
	size_t plen = strlen(prefix), seen = 0;
	const char *found = NULL;

	for (size_t i = 0; i < nwords; i++) {
		bool dup = false;

		if (!candidate(words[i], prefix, plen))
			continue;
		for (size_t j = 0; j < i && !dup; j++)
			dup = words[j] && strcmp(words[j], words[i]) == 0;
		if (dup)
			continue;
		if (seen == k)
			found = words[i];
		seen++;
	}
	if (count)
		*count = seen;
	return found;
}

size_t
lineedit_complete(struct lineedit *le, const char *const *words, size_t nwords)
{
	size_t start, n, lcp;
	const char *m;
	char *prefix;

	if (le->comp.active) {
		/* a further call: the next match in the word's place */
		size_t at = le->comp.start, k;

		prefix = le->comp.prefix;
		match(words, nwords, prefix, 0, &n);
		if (n == 0) {
			comp_end(le);
			return 0;
		}
		k = le->comp.next % n;
		m = match(words, nwords, prefix, k, NULL);
		le->comp.prefix = NULL;          /* kept across replace() */
		replace(le, at, le->cursor, m, strlen(m));
		le->comp.prefix = prefix;
		le->comp.active = true;
		le->comp.start = at;
		le->comp.next = k + 1;
		return n;
	}
	start = le->cursor;
	while (start > 0 && !sep_at(le, prev_cp(le, start)))
		start = prev_cp(le, start);
	prefix = xmalloc(le->cursor - start + 1);
	memcpy(prefix, le->buf ? le->buf + start : "", le->cursor - start);
	prefix[le->cursor - start] = '\0';
	m = match(words, nwords, prefix, 0, &n);
	if (n == 0) {
		free(prefix);
		return 0;
	}
	if (n == 1) {
		free(prefix);
		replace(le, start, le->cursor, m, strlen(m));
		if (le->cursor < le->len && le->buf[le->cursor] == ' ')
			le->cursor++;
		else
			replace(le, le->cursor, le->cursor, " ", 1);
		return 1;
	}
	/* the longest common prefix, not ending inside a sequence */
	lcp = strlen(m);
	for (size_t i = 0; i < nwords; i++) {
		size_t j = 0;

		if (!candidate(words[i], prefix, strlen(prefix)))
			continue;
		while (j < lcp && words[i][j] == m[j])
			j++;
		lcp = j;
	}
	while (lcp > 0 && is_cont((unsigned char)m[lcp]))
		lcp--;
	if (lcp > strlen(prefix))
		replace(le, start, le->cursor, m, lcp);
	comp_end(le);
	le->comp.active = true;
	le->comp.start = start;
	le->comp.prefix = prefix;
	le->comp.next = 0;
	return n;
}

/* --- the view ---------------------------------------------------------------- */

static int
span_width(const struct lineedit *le, size_t a, size_t b)
{
	int w = 0;

	for (size_t i = a; i < b; i = next_cp(le, i))
		w += cp_width(le->buf + i);
	return w;
}

int
lineedit_view(struct lineedit *le, int width, int *cursor_col, char *out,
              size_t outlen)
{
	size_t len = 0, i;
	int cw, w, col = 0;
	bool full = false;

	if (cursor_col)
		*cursor_col = 0;
	if (outlen)
		out[0] = '\0';
	if (width <= 0 || outlen == 0)
		return 0;
	if (le->scroll > le->cursor)
		le->scroll = le->cursor;
	/* the cursor's cell: the character under it, one column at the end */
	cw = le->cursor < le->len ? span_width(le, le->cursor, next_char(le, le->cursor)) : 1;
	if (cw < 1)
		cw = 1;
	/* scroll right until the cursor and its character fit */
	w = span_width(le, le->scroll, le->cursor);
	while (w + cw > width && le->scroll < le->cursor) {
		size_t to = next_char(le, le->scroll);

		if (to > le->cursor)
			to = next_cp(le, le->scroll);
		w -= span_width(le, le->scroll, to);
		le->scroll = to;
	}
	/* and back left while all the rest still fits */
	{
		int tail = span_width(le, le->scroll, le->len) + (le->cursor == le->len);

		while (le->scroll > 0) {
			size_t from = prev_char(le, le->scroll);
			int pw = span_width(le, from, le->scroll);

			if (tail + pw > width)
				break;
			tail += pw;
			w += pw;
			le->scroll = from;
		}
	}
	if (cursor_col)
		*cursor_col = w;
	/* whole characters, as their sanitised marks, while they fit */
	for (i = le->scroll; i < le->len;) {
		size_t j = next_char(le, i), n;
		int gw = span_width(le, i, j);
		char piece[64], *big = NULL;
		const char *src;

		if (col + gw > width)
			break;
		/* a character with a long tail of marks: copy it whole */
		if (j - i < sizeof piece) {
			memcpy(piece, le->buf + i, j - i);
			piece[j - i] = '\0';
			src = piece;
		} else {
			big = xmalloc(j - i + 1);
			memcpy(big, le->buf + i, j - i);
			big[j - i] = '\0';
			src = big;
		}
		n = u8_sanitize(src, NULL, 0);
		if (len + n >= outlen) {
			/* out of room: no padding either, the cut shows */
			free(big);
			full = true;
			break;
		}
		u8_sanitize(src, out + len, outlen - len);
		free(big);
		len += n;
		col += gw;
		i = j;
	}
	while (!full && col < width && len + 1 < outlen) {
		out[len++] = ' ';
		col++;
	}
	out[len] = '\0';
	return col;
}
