/* namekey.c: name skeletons (the rules are in namekey.h). A word goes
 * through three steps: its letters to lower-case Latin (translit), the
 * Latin to a row of sounds (sounds), the sounds to the key (key_of). */
#include <stdint.h>
#include <string.h>

#include "casepath/namekey.h"
#include "casepath/u8.h"

#define LATIN_MAX 96    /* Latin letters read from one span at most */
#define CPS_MAX 96      /* code points read from one span at most */
#define SPANS_MAX 64    /* spans of one name text keyed at most */

/* --- UTF-8 ------------------------------------------------------------------ */

/* One code point at s (n > 0 bytes left); an ill-formed byte reads as
 * U+FFFD and is skipped alone. Keys are ASCII, so nothing ill-formed can
 * reach a key, and lenient reading is enough. */
static size_t
next_cp(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t bad, len = u8_decode(s, n, cp, &bad);

	if (len == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return len;
}

/* u8_fold of one code point: the folding the plain search uses, so
 * both searches agree on case and diacritics. */
static size_t
fold_cp(uint32_t c, char *out, size_t outlen)
{
	char in[5];

	in[u8_encode(c, in)] = '\0';
	return u8_fold(in, out, outlen);
}

/* --- step 1: letters to Latin ----------------------------------------------- */

struct latin {
	char s[LATIN_MAX + 1];
	size_t n;
};

/* Appends the ASCII letters of t. */
static void
lat_add(struct latin *l, const char *t)
{
	for (; *t && l->n < LATIN_MAX; t++)
		if (*t >= 'a' && *t <= 'z')
			l->s[l->n++] = *t;
	l->s[l->n] = '\0';
}

/* Appends a break, which no spelling crosses: two Arabic letters are
 * two sounds even when their Latin would make one (ز ه is z h, not zh). */
static void
lat_break(struct latin *l)
{
	if (l->n > 0 && l->n < LATIN_MAX && l->s[l->n - 1] != '.') {
		l->s[l->n++] = '.';
		l->s[l->n] = '\0';
	}
}

/* Russian а..я (U+0430..U+044F). */
static const char *const cyr_basic[32] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n",
	"o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",
	"y", "", "e", "yu", "ya",
};

/* Other lower-case Cyrillic letters: Ukrainian, Serbian, and the Uzbek,
 * Kazakh, Kyrgyz, Tajik and Tatar ones. NULL when unknown. */
static const char *
cyr_more(uint32_t c)
{
	switch (c) {
	case 0x450: case 0x451: return "e";     /* ѐ ё */
	case 0x452: return "dj";                /* ђ */
	case 0x453: case 0x491: case 0x493: case 0x495:
		return "g";                     /* ѓ ґ ғ ҕ */
	case 0x454: return "ye";                /* є */
	case 0x455: return "dz";                /* ѕ */
	case 0x456: case 0x45D: case 0x4E3:
		return "i";                     /* і ѝ ӣ */
	case 0x457: return "yi";                /* ї */
	case 0x458: case 0x4B7: return "j";     /* ј ҷ */
	case 0x459: return "l";                 /* љ */
	case 0x45A: return "n";                 /* њ */
	case 0x45B: case 0x4B9: return "ch";    /* ћ ҹ */
	case 0x45C: case 0x49B: case 0x49D:
		return "k";                     /* ќ қ ҝ */
	case 0x45E: case 0x4AF: case 0x4B1: case 0x4EF:
		return "u";                     /* ў ү ұ ӯ */
	case 0x45F: return "dzh";               /* џ */
	case 0x497: return "zh";                /* җ */
	case 0x499: return "z";                 /* ҙ */
	case 0x4A3: return "ng";                /* ң */
	case 0x4AB: return "s";                 /* ҫ */
	case 0x4B3: return "kh";                /* ҳ */
	case 0x4BB: return "h";                 /* һ */
	case 0x4CF: return "";                  /* ӏ */
	case 0x4D1: case 0x4D9: return "a";     /* ӑ ә */
	case 0x4D7: return "e";                 /* ӗ */
	case 0x4E9: return "o";                 /* ө */
	case 0x4F9: return "y";                 /* ӹ */
	default: return NULL;
	}
}

/* Arabic U+0621..U+064A by sound; "?" marks the letters read in
 * context (ه و ى ي). */
static const char *const arabic_basic[0x64B - 0x621] = {
	/* ء آ أ ؤ إ ئ ا ب */ "", "a", "a", "u", "i", "", "a", "b",
	/* ة ت ث ج ح خ د ذ */ "ah", "t", "th", "j", "h", "kh", "d", "dh",
	/* ر ز س ش ص ض ط ظ */ "r", "z", "s", "sh", "s", "dh", "t", "z",
	/* ع غ ػ ؼ ؽ ؾ ؿ ـ */ "a", "gh", "k", "k", "i", "i", "i", "",
	/* ف ق ك ل م ن ه و */ "f", "q", "k", "l", "m", "n", "?", "?",
	/* ى ي */             "?", "?",
};

/* Persian, Urdu and Uyghur letters past U+064A. NULL when unknown. */
static const char *
arabic_more(uint32_t c)
{
	switch (c) {
	case 0x671: case 0x672: case 0x675: return "a";   /* ٱ ٲ ٵ */
	case 0x673: return "i";
	case 0x679: return "t";                         /* ٹ */
	case 0x67E: return "p";                         /* پ */
	case 0x686: return "ch";                        /* چ */
	case 0x688: return "d";                         /* ڈ */
	case 0x691: return "r";                         /* ڑ */
	case 0x698: return "zh";                        /* ژ */
	case 0x6A4: return "v";                         /* ڤ */
	case 0x6A9: case 0x6AA: return "k";             /* ک ڪ */
	case 0x6AD: return "ng";                        /* ڭ */
	case 0x6AF: return "g";                         /* گ */
	case 0x6BA: return "n";                         /* ں */
	case 0x6BE: case 0x6C1: return "h";             /* ھ ہ */
	case 0x6C0: case 0x6C2: case 0x6C3: return "ah";
	case 0x6C5: case 0x6C6: return "o";             /* ۅ ۆ */
	case 0x6C7: case 0x6C8: case 0x6C9: return "u"; /* ۇ ۈ ۉ */
	case 0x6CB: return "w";                         /* ۋ */
	case 0x6D0: case 0x6D2: case 0x6D5: return "e"; /* ې ے ە */
	default: return NULL;
	}
}

/* Letters only Uyghur writes: a word with one reads و ى ي the Uyghur way. */
static bool
uyghur_letter(uint32_t c)
{
	return c == 0x6D5 || c == 0x6D0 || c == 0x6C7 || c == 0x6C6 || c == 0x6C8 ||
	       c == 0x6CB || c == 0x6AD || c == 0x6BE;
}

static bool
arabic_letter(uint32_t c)
{
	return (c >= 0x621 && c <= 0x64A && c != 0x640) || (c >= 0x671 && c <= 0x6D5);
}

/* Vowel signs, shadda, sukun, superscript alef and tatweel: no sound
 * of their own here (short vowels are mostly unwritten anyway). */
static bool
arabic_mark(uint32_t c)
{
	return (c >= 0x64B && c <= 0x65F) || c == 0x670 || c == 0x640 ||
	       (c >= 0x6D6 && c <= 0x6ED);
}

/* The Arabic letter before cps[i] in the same word, or 0. */
static uint32_t
arabic_before(const uint32_t *cps, size_t i)
{
	while (i > 0 && arabic_mark(cps[i - 1]))
		i--;
	return i > 0 && arabic_letter(cps[i - 1]) ? cps[i - 1] : 0;
}

/* The Arabic letter after cps[i] in the same word, or 0. */
static uint32_t
arabic_after(const uint32_t *cps, size_t n, size_t i)
{
	while (i + 1 < n && arabic_mark(cps[i + 1]))
		i++;
	return i + 1 < n && arabic_letter(cps[i + 1]) ? cps[i + 1] : 0;
}

/* The letters read in context: ه و ى ي (and Persian ی). */
static const char *
arabic_context(const uint32_t *cps, size_t n, size_t i, bool uyghur)
{
	uint32_t c = cps[i], next = arabic_after(cps, n, i);
	bool start = arabic_before(cps, i) == 0;

	switch (c) {
	case 0x647:     /* ه: a final one ends a vowel (فاطمه, الله) */
		return next ? "h" : "ah";
	case 0x648:     /* و */
		if (uyghur)
			return "o";
		return start || next == 0x627 || next == 0x622 || next == 0x649 ||
		       next == 0x629 ? "w" : "u";
	case 0x649:     /* ى: Arabic's final a, Uyghur's i */
		return uyghur ? "i" : "a";
	default:        /* ي ی */
		return uyghur || start ? "y" : "i";
	}
}

/* One code point that is not Arabic into Latin letters. */
static void
latin_of(uint32_t c, struct latin *l)
{
	char buf[16];

	switch (c) {
	case 0x15E: case 0x15F:         /* Ş ş */
		lat_add(l, "sh");
		return;
	case 0xC7: case 0xE7:           /* Ç ç */
		lat_add(l, "ch");
		return;
	case 0x18F: case 0x259:         /* Ə ə */
		lat_add(l, "a");
		return;
	default:
		break;
	}
	if (c < 0x80) {
		buf[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		buf[1] = '\0';
		lat_add(l, buf);
		return;
	}
	fold_cp(c, buf, sizeof buf);
	if (c >= 0x400 && c <= 0x52F) {
		uint32_t low;
		const char *t;

		/* folded to lower case (and ё to е) first */
		next_cp((const unsigned char *)buf, strlen(buf), &low);
		if (low >= 0x430 && low <= 0x44F)
			lat_add(l, cyr_basic[low - 0x430]);
		else if ((t = cyr_more(low)) != NULL)
			lat_add(l, t);
		return;
	}
	/* Latin with diacritics folds to ASCII; other scripts add nothing */
	lat_add(l, buf);
}

/* The Latin letters of s[0..len), doubled consonants counted once
 * (breaks between Arabic letters kept: see lat_break). */
static void
translit(const char *s, size_t len, struct latin *l)
{
	uint32_t cps[CPS_MAX];
	size_t n = 0, at = 0, w = 0;
	bool uyghur = false;

	l->n = 0;
	l->s[0] = '\0';
	while (at < len && n < CPS_MAX) {
		at += next_cp((const unsigned char *)s + at, len - at, &cps[n]);
		uyghur |= uyghur_letter(cps[n]);
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cps[i];
		const char *t;

		if (c >= 0x621 && c <= 0x6FF)
			lat_break(l);
		if (c >= 0x621 && c <= 0x64A) {
			t = arabic_basic[c - 0x621];
			lat_add(l, t[0] == '?' ? arabic_context(cps, n, i, uyghur) : t);
		} else if (c == 0x6CC) {
			lat_add(l, arabic_context(cps, n, i, uyghur));
		} else if (c >= 0x600 && c <= 0x6FF) {
			if ((t = arabic_more(c)) != NULL)
				lat_add(l, t);
		} else {
			latin_of(c, l);
		}
	}
	/* mm -> m, but vowels stay doubled: "ee" and "oo" are sounds */
	for (size_t i = 0; i < l->n; i++)
		if (w == 0 || l->s[i] != l->s[w - 1] || strchr("aeiou", l->s[i]))
			l->s[w++] = l->s[i];
	l->n = w;
	l->s[w] = '\0';
}

/* --- step 2: Latin to sounds ------------------------------------------------ */

struct sound {
	char c;         /* a consonant class, or the vowel a e i o u */
	bool vowel;
};

static bool
is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static void
push(struct sound *out, size_t *k, size_t max, char c, bool vowel)
{
	/* two equal consonant sounds in a row are one (shch, ck, dj after d) */
	if (*k >= max || (!vowel && *k > 0 && !out[*k - 1].vowel && out[*k - 1].c == c))
		return;
	out[*k].c = c;
	out[*k].vowel = vowel;
	(*k)++;
}

/* The sounds of lower-case Latin w (see namekey.h, rule 3). */
static size_t
sounds(const char *w, size_t n, struct sound *out, size_t max)
{
	size_t k = 0;

	for (size_t i = 0; i < n;) {
		char c = w[i], d = i + 1 < n ? w[i + 1] : '\0';
		char e = i + 2 < n ? w[i + 2] : '\0';
		bool after_vowel = k > 0 && out[k - 1].vowel;
		char cls = 0, vow = 0;
		size_t used = 1;

		if (c == 'd' && d == 'z' && e == 'h') {
			cls = 'j', used = 3;
		} else if ((c == 'd' && d == 'j') || (c == 'z' && d == 'h')) {
			cls = 'j', used = 2;
		} else if (c == 's' && d == 'c' && e == 'h') {
			cls = 's', used = 3;
		} else if (c == 's' && d == 'h') {
			cls = 's', used = 2;
		} else if (c == 'c' && d == 'h') {
			/* Christina, Chloé: k; Chaima, Aicha, Чолпон: sh */
			cls = e == 'r' || e == 'l' ? 'k' : 's', used = 2;
		} else if (c == 'k' && d == 'h') {
			cls = 'h', used = 2;
		} else if (c == 'g' && d == 'h') {
			cls = 'g', used = 2;
		} else if (c == 'p' && d == 'h') {
			cls = 'f', used = 2;
		} else if (c == 't' && d == 'h') {
			/* ث: Uthman = Osman */
			cls = 's', used = 2;
		} else if (c == 'd' && d == 'h') {
			cls = 'z', used = 2;
		} else if (c == 'c' && d == 'k') {
			cls = 'k', used = 2;
		} else if (c == 'u' || (c == 'o' && (d == 'u' || d == 'o'))) {
			char next;

			used = c == 'u' ? 1 : 2;
			next = i + used < n ? w[i + used] : '\0';
			/* a glide: Khaoula, Daoud, Ouassim, Marouane (not the
			 * German ue of Juergen) */
			if (after_vowel || (is_vowel(next) && next != 'e'))
				cls = 'w';
			else
				vow = 'u';
		} else if (c == 'e' && d == 'e') {
			vow = 'i', used = 2;
		} else if (c == 'c') {
			/* Turkish c: Hacer, Hatice, Cemal */
			cls = d == 'e' || d == 'i' || d == 'y' ? 'j' : 'k';
		} else if (c == 'q' || c == 'k') {
			cls = 'k';
		} else if (c == 'x') {
			if (after_vowel && is_vowel(d)) {
				/* Maxim, Alexander: ks */
				push(out, &k, max, 'k', false);
				cls = 's';
			} else {
				/* Uzbek and Uyghur x: Farrux */
				cls = 'h';
			}
		} else if (c == 'w' || c == 'v') {
			cls = 'w';
		} else if (c == 'y') {
			if (i > 0)
				vow = 'i';
			else if (d != 'e')
				cls = 'j';
			/* else Yelena: the e alone */
		} else if (c == 'j') {
			if (after_vowel && d == '\0')
				vow = 'i';
			else
				cls = 'j';
		} else if (c == 'h') {
			if (!(after_vowel && d == '\0'))
				cls = 'h';
		} else if (is_vowel(c)) {
			vow = c;
		} else if (c == '.') {
			/* a break between two Arabic letters: no sound */
		} else {
			cls = c;
		}
		if (cls)
			push(out, &k, max, cls, false);
		else if (vow)
			push(out, &k, max, vow, true);
		i += used;
	}
	return k;
}

/* --- step 3: sounds to the key ---------------------------------------------- */

static char
vowel_class(char v, bool final)
{
	if (v == 'o' || v == 'u')
		return 'u';
	return final && v == 'i' ? 'i' : 'a';
}

static size_t
key_of(const struct sound *s, size_t n, char *key)
{
	size_t k = 0, first = 0, last = n;

	if (n > 0 && s[0].vowel) {
		key[k++] = vowel_class(s[0].c, false);
		while (first < n && s[first].vowel)
			first++;
	}
	while (last > first && s[last - 1].vowel)
		last--;
	for (size_t i = first; i < last && k < NAMEKEY_MAX; i++) {
		char c = s[i].c;

		if (s[i].vowel)
			continue;
		/* final devoicing: Ahmet = Ahmed, Zeynep = Zainab */
		if (i == n - 1)
			c = c == 't' ? 'd' : c == 'p' ? 'b' : c;
		key[k++] = c;
	}
	if (last > first && last < n && k < NAMEKEY_MAX)
		key[k++] = vowel_class(s[n - 1].c, true);
	key[k] = '\0';
	return k;
}

size_t
namekey(const char *s, size_t len, char *out, size_t outlen)
{
	struct latin l;
	struct sound snd[LATIN_MAX + 1];
	char key[NAMEKEY_MAX + 1];
	size_t n, k;

	translit(s, len, &l);
	n = sounds(l.s, l.n, snd, sizeof snd / sizeof snd[0]);
	k = key_of(snd, n, key);
	if (outlen) {
		size_t m = k < outlen - 1 ? k : outlen - 1;

		memcpy(out, key, m);
		out[m] = '\0';
	}
	return k;
}

/* --- words and compounds ---------------------------------------------------- */

enum cp_kind { CP_LETTER, CP_SOFT, CP_HARD };

static enum cp_kind
kind_of(uint32_t c)
{
	if (c == ' ' || c == '\t' || c == '-' || c == '_' || c == 0xA0 ||
	    (c >= 0x2000 && c <= 0x200B) || (c >= 0x2010 && c <= 0x2015) ||
	    c == 0x202F || c == 0x205F || c == 0x3000)
		return CP_SOFT;
	/* apostrophes belong to the word they are in: Sa'id, O‘tkir */
	if (c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x201B ||
	    c == 0x2032 || (c >= 0x2BB && c <= 0x2BF))
		return CP_LETTER;
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? CP_LETTER : CP_HARD;
	if (c < 0xA0 || c == 0xAB || c == 0xBB || c == 0xB7 || c == 0xD7 || c == 0xF7 ||
	    c == 0x60C || c == 0x61B || c == 0x61F || (c >= 0x66A && c <= 0x66D) ||
	    c == 0x6D4 || (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9) ||
	    (c >= 0x2016 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
	    (c >= 0x3001 && c <= 0x303F) || c == 0x30FB ||
	    (c >= 0xFF01 && c <= 0xFF0F) || c == 0xFFFD)
		return CP_HARD;
	return CP_LETTER;
}

/* Arabic articles as transliterated (al-, and the forms a sun letter
 * takes: ar-Rahman, ash-Shami, ad-Din). */
static bool
is_article(const char *lat)
{
	static const char *const articles[] = {
		"al", "el", "ul", "il", "ad", "ed", "ud", "ar", "er", "ur", "as", "es",
		"us", "ash", "esh", "ush", "at", "et", "ut", "az", "ez", "uz", "an",
		"en", "un",
	};

	for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++)
		if (strcmp(lat, articles[i]) == 0)
			return true;
	return false;
}

/* Abd, Abdu, Abdul, Abdel, Abdal, Abdol, Abdur, Abdus, عبد, Абдул */
static bool
is_abd(const char *lat)
{
	return strncmp(lat, "abd", 3) == 0 && strlen(lat) <= 5;
}

struct word {
	size_t start, end;
	bool soft_before;       /* only blanks and hyphens since the last word */
	bool article, abd;
	size_t al_prefix;       /* bytes of an attached Arabic ال, else 0 */
};

static void
add_span(struct namekey_span *spans, size_t max, size_t *n, size_t start,
         size_t end, bool index_only)
{
	if (*n < max) {
		spans[*n].start = start;
		spans[*n].len = end - start;
		spans[*n].index_only = index_only;
	}
	(*n)++;
}

/* A word as a span, and without its ال as an index-only one. */
static void
add_word(struct namekey_span *spans, size_t max, size_t *n,
         const struct word *w, bool index_only)
{
	add_span(spans, max, n, w->start, w->end, index_only);
	if (w->al_prefix)
		add_span(spans, max, n, w->start + w->al_prefix, w->end, true);
}

/* Whether the word is an article or an abd word, and whether it starts
 * with an attached Arabic article (الرشيد is also رشيد). */
static void
classify(const char *text, struct word *w)
{
	const unsigned char *p = (const unsigned char *)text;
	struct latin l;
	uint32_t a = 0, b = 0, more = 0;
	size_t o = w->start, k = 0;

	translit(text + w->start, w->end - w->start, &l);
	for (size_t i = 0; i < l.n; i++)
		if (l.s[i] != '.')
			l.s[k++] = l.s[i];
	l.s[k] = '\0';
	w->article = is_article(l.s);
	w->abd = !w->article && is_abd(l.s);
	o += next_cp(p + o, w->end - o, &a);
	if (o < w->end)
		o += next_cp(p + o, w->end - o, &b);
	if (o < w->end)
		next_cp(p + o, w->end - o, &more);
	w->al_prefix = a == 0x627 && b == 0x644 && arabic_letter(more) &&
	               w->end - o >= 4 ? 4 : 0;
}

/* Reads the words of text into w (up to max); returns how many. */
static size_t
read_words(const char *text, struct word *w, size_t max)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t len = strlen(text), at = 0, n = 0;
	bool soft = true;

	while (at < len && n < max) {
		uint32_t c;
		size_t used = next_cp(p + at, len - at, &c);
		enum cp_kind k = kind_of(c);

		if (k != CP_LETTER) {
			soft = soft && k == CP_SOFT;
			at += used;
			continue;
		}
		w[n].start = at;
		w[n].soft_before = n > 0 && soft;
		while (at < len) {
			used = next_cp(p + at, len - at, &c);
			if (kind_of(c) != CP_LETTER)
				break;
			at += used;
		}
		w[n].end = at;
		classify(text, &w[n]);
		soft = true;
		n++;
	}
	return n;
}

size_t
namekey_spans(const char *text, struct namekey_span *spans, size_t max)
{
	struct word w[SPANS_MAX];
	size_t nw = read_words(text ? text : "", w, SPANS_MAX), n = 0;

	for (size_t i = 0; i < nw;) {
		size_t j = i;

		if (!w[i].article && !w[i].abd) {
			add_word(spans, max, &n, &w[i], false);
			i++;
			continue;
		}
		/* a run of articles and abd words, softly joined */
		while (j < nw && (w[j].article || w[j].abd) && (j == i || w[j].soft_before))
			j++;
		if (j < nw && j > i && w[j].soft_before) {
			/* Abd al-Rahman: the whole, and its words for the index */
			add_span(spans, max, &n, w[i].start, w[j].end, false);
			for (size_t m = i; m < j; m++)
				if (w[m].abd)
					add_word(spans, max, &n, &w[m], true);
			add_word(spans, max, &n, &w[j], true);
			i = j + 1;
			continue;
		}
		/* nothing to join: an abd word stands alone, an article is dropped */
		for (size_t m = i; m < j; m++)
			if (w[m].abd)
				add_word(spans, max, &n, &w[m], false);
		i = j;
	}
	return n;
}

size_t
namekey_text(const char *text, char *out, size_t outlen)
{
	struct namekey_span spans[SPANS_MAX];
	char keys[SPANS_MAX][NAMEKEY_MAX + 1];
	size_t n = namekey_spans(text, spans, SPANS_MAX), nk = 0, need = 0, written = 0;

	if (n > SPANS_MAX)
		n = SPANS_MAX;
	if (outlen)
		out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t k = namekey(text + spans[i].start, spans[i].len, keys[nk],
		                   sizeof keys[nk]), sep = need ? 1 : 0;
		bool seen = false;

		if (k == 0)
			continue;
		for (size_t j = 0; j < nk && !seen; j++)
			seen = strcmp(keys[j], keys[nk]) == 0;
		if (seen)
			continue;
		/* whole keys only: a cut key would be a different name */
		if (written == need && need + sep + k < outlen) {
			if (sep)
				out[written++] = ' ';
			memcpy(out + written, keys[nk], k + 1);
			written += k;
		}
		need += sep + k;
		nk++;
	}
	return need;
}

int
namekey_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i = 0;

	if (la < lb) {
		const char *t = a;

		a = b, b = t;
		la = strlen(a), lb = strlen(b);
	}
	if (la - lb > 1)
		return 2;
	while (i < lb && a[i] == b[i])
		i++;
	if (la == lb) {
		if (i == la)
			return 0;
		/* one replaced, or two neighbours swapped */
		if (strcmp(a + i + 1, b + i + 1) == 0)
			return 1;
		return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		       strcmp(a + i + 2, b + i + 2) == 0 ? 1 : 2;
	}
	/* a is one longer: its letter at i is the one inserted */
	return strcmp(a + i + 1, b + i) == 0 ? 1 : 2;
}
