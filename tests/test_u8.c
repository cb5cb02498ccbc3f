/* test_u8.c: UTF-8 validation, sanitising for the terminal, display
 * width, cutting to columns and folding for search. Runs in C.UTF-8,
 * where glibc's wcwidth() knows CJK, Arabic and combining marks. */
#include <check.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/u8.h"

Suite *suite_u8(void);

static void
setup(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
}

/* --- validation ---------------------------------------------------------------- */

static bool
valid(const char *s, size_t *bad)
{
	return u8_valid(s, strlen(s), bad);
}

START_TEST(valid_text)
{
	size_t bad = 99;

	ck_assert(valid("", &bad));
	ck_assert(valid("plain ASCII", &bad));
	ck_assert(valid("İstanbul Şükrü ПЕТРОВ محمد 阿卜杜拉", &bad));
	ck_assert(valid("\xed\x9f\xbf", &bad));          /* U+D7FF */
	ck_assert(valid("\xee\x80\x80", &bad));          /* U+E000 */
	ck_assert(valid("\xef\xbf\xbd", &bad));          /* U+FFFD */
	ck_assert(valid("\xf0\x9f\x98\x80", &bad));      /* U+1F600 */
	ck_assert(valid("\xf4\x8f\xbf\xbf", &bad));      /* U+10FFFF */
	ck_assert(valid("\xc2\x80", &bad));              /* U+0080 */
	ck_assert(valid("\xe0\xa0\x80", &bad));          /* U+0800 */
	ck_assert(valid("\xf0\x90\x80\x80", &bad));      /* U+10000 */
	ck_assert_uint_eq(bad, 99);                      /* untouched */
	/* the length bounds the check: a sequence cut at len is cut */
	ck_assert(!u8_valid("\xc3\xa9", 1, NULL));
	ck_assert(u8_valid("\xc3\xa9", 2, NULL));
	/* a NUL inside the length is a valid code point */
	ck_assert(u8_valid("a\0b", 3, NULL));
}
END_TEST

static const struct {
	const char *s;
	size_t bad;
} invalid[] = {
	{ "\xc0\xaf", 0 },                 /* overlong '/' */
	{ "ab\xc1\xbf", 2 },               /* overlong */
	{ "\xe0\x80\xaf", 0 },             /* overlong, 3 bytes */
	{ "x\xe0\x9f\xbf", 1 },            /* overlong U+07FF */
	{ "\xf0\x80\x80\xaf", 0 },         /* overlong, 4 bytes */
	{ "\xf0\x8f\xbf\xbf", 0 },         /* overlong U+FFFF */
	{ "\xed\xa0\x80", 0 },             /* surrogate U+D800 */
	{ "ok\xed\xbf\xbf", 2 },           /* surrogate U+DFFF */
	{ "\xf4\x90\x80\x80", 0 },         /* U+110000 */
	{ "\xf5\x80\x80\x80", 0 },
	{ "\xf8\x88\x80\x80\x80", 0 },     /* old 5-byte form */
	{ "\xff", 0 },
	{ "abc\x80", 3 },                  /* lone continuation */
	{ "ab\xe2\x82", 2 },               /* cut at the end */
	{ "\xe2\x82" "A", 0 },             /* cut by ASCII */
	{ "\xf0\x9f\x98", 0 },             /* cut 4-byte */
	{ "\xc3", 0 },
	{ "é\xc3(", 2 },
};

START_TEST(invalid_text)
{
	size_t bad = 999;

	ck_assert_msg(!valid(invalid[_i].s, &bad), "case %d passed", _i);
	ck_assert_msg(bad == invalid[_i].bad, "case %d: bad at %zu", _i, bad);
	ck_assert(!valid(invalid[_i].s, NULL));
}
END_TEST

/* --- sanitising ---------------------------------------------------------------- */

static const char *
clean(const char *s)
{
	static char out[512];
	size_t need = u8_sanitize(s, out, sizeof out);

	ck_assert_uint_eq(need, strlen(out));
	return out;
}

START_TEST(sanitize_marks)
{
	ck_assert_str_eq(clean("plain Şükrü 阿卜杜拉"), "plain Şükrü 阿卜杜拉");
	ck_assert_str_eq(clean("A\x1b[31mB"), "A^[[31mB");
	ck_assert_str_eq(clean("\xc2\x9b"), "<9B>");             /* C1 CSI */
	ck_assert_str_eq(clean("\xc2\x80\xc2\x9f"), "<80><9F>");
	ck_assert_str_eq(clean("\xc2\xa0"), "\xc2\xa0");          /* NBSP stays */
	ck_assert_str_eq(clean("\xe2\x80\xae" "gpj.exe"), "<U+202E>gpj.exe");
	ck_assert_str_eq(clean("\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9"),
	                 "<U+202A><U+2066><U+2069>");
	ck_assert_str_eq(clean("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c"),
	                 "<U+200E><U+200F><U+061C>");
	ck_assert_str_eq(clean("a\xff" "b"), "a\xef\xbf\xbd" "b");
	/* a cut sequence is one U+FFFD, a run of stray bytes one each */
	ck_assert_str_eq(clean("\xe2\x82" "A"), "\xef\xbf\xbd" "A");
	ck_assert_str_eq(clean("\x80\x80"), "\xef\xbf\xbd\xef\xbf\xbd");
	ck_assert_str_eq(clean("\xed\xa0\x80"),
	                 "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	ck_assert_str_eq(clean("\x01\t\n\r\x1f\x7f"), "^A^I^J^M^_^?");
	ck_assert_str_eq(clean(""), "");
	ck_assert_str_eq(clean(NULL), "");
}
END_TEST

/* Zero-width and invisible characters hide text as well as bidi
 * controls do ("Haddad" and "Haddad<ZWSP>" look the same): they are
 * marked the same way, and their marks are counted in the width. */
START_TEST(sanitize_invisible)
{
	ck_assert_str_eq(clean("Zw\xe2\x80\x8b" "sp"), "Zw<U+200B>sp");
	ck_assert_str_eq(clean("\xe2\x80\x8c\xe2\x80\x8d"), "<U+200C><U+200D>");
	ck_assert_str_eq(clean("\xef\xbb\xbf" "Bom"), "<U+FEFF>Bom");
	ck_assert_str_eq(clean("\xe2\x81\xa0\xe2\x81\xa4"), "<U+2060><U+2064>");
	ck_assert_int_eq(u8_width("Haddad\xe2\x80\x8b"), 6 + 8);
	/* the neighbours stay: an en quad and the bidi marks' own range */
	ck_assert_str_eq(clean("\xe2\x80\x80"), "\xe2\x80\x80");
	ck_assert_str_eq(clean("\xe2\x81\xa5"), "\xe2\x81\xa5");
}
END_TEST

START_TEST(sanitize_small_buffer)
{
	char out[8];

	/* like snprintf: the full length back, whole characters written */
	ck_assert_uint_eq(u8_sanitize("ab\x1b[1m", out, sizeof out), 7);
	ck_assert_str_eq(out, "ab^[[1m");
	ck_assert_uint_eq(u8_sanitize("abcdef\x1b", out, sizeof out), 8);
	ck_assert_str_eq(out, "abcdef");          /* "^[" did not fit whole */
	ck_assert_uint_eq(u8_sanitize("abcde阿", out, sizeof out), 8);
	ck_assert_str_eq(out, "abcde");
	ck_assert_uint_eq(u8_sanitize("\xe2\x80\xae", out, sizeof out), 8);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(u8_sanitize("x", out, 1), 1);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(u8_sanitize("xyz", NULL, 0), 3);
}
END_TEST

/* --- width --------------------------------------------------------------------- */

START_TEST(widths)
{
	ck_assert_int_eq(u8_width("İstanbul"), 8);
	ck_assert_int_eq(u8_width("阿卜杜拉"), 8);
	ck_assert_int_eq(u8_width("محمد"), 4);
	ck_assert_int_eq(u8_width("e\xcc\x81"), 1);          /* e + U+0301 */
	ck_assert_int_eq(u8_width("ПЕТРОВ"), 6);
	ck_assert_int_eq(u8_width(""), 0);
	ck_assert_int_eq(u8_width(NULL), 0);
	/* the sanitised form is measured: marks are their ASCII */
	ck_assert_int_eq(u8_width("A\x1b"), 3);
	ck_assert_int_eq(u8_width("\xc2\x9b"), 4);
	ck_assert_int_eq(u8_width("\xe2\x80\xae"), 8);
	ck_assert_int_eq(u8_width("\xff"), 1);
	/* unassigned code points count one column */
	ck_assert_int_eq(u8_width("\xf3\xb0\x80\x80"), 1);   /* U+F0000 */
}
END_TEST

/* --- fitting ------------------------------------------------------------------- */

static char fitted[1024];

static int
fit(const char *s, int cols, bool pad)
{
	int w = u8_fit(s, cols, pad, fitted, sizeof fitted);

	/* what it says it wrote is what is there */
	ck_assert_int_eq(w, u8_width(fitted));
	return w;
}

START_TEST(fit_cjk)
{
	ck_assert_int_eq(fit("阿卜杜拉", 8, false), 8);
	ck_assert_str_eq(fitted, "阿卜杜拉");                 /* exact: no ellipsis */
	ck_assert_int_eq(fit("阿卜杜拉", 7, false), 7);
	ck_assert_str_eq(fitted, "阿卜杜…");
	/* 阿卜 fills 4 of 5; the ellipsis is the fifth */
	ck_assert_int_eq(fit("阿卜杜拉", 5, false), 5);
	ck_assert_str_eq(fitted, "阿卜…");
	/* 卜 would straddle column 3..4: a space stands in */
	ck_assert_int_eq(fit("阿卜杜拉", 4, false), 4);
	ck_assert_str_eq(fitted, "阿 …");
	ck_assert_int_eq(fit("阿卜杜拉", 3, true), 3);
	ck_assert_str_eq(fitted, "阿…");
	ck_assert_int_eq(fit("阿卜杜拉", 2, true), 2);
	ck_assert_str_eq(fitted, " …");
	ck_assert_int_eq(fit("阿卜杜拉", 1, true), 1);
	ck_assert_str_eq(fitted, "…");
	ck_assert_int_eq(fit("阿卜杜拉", 11, true), 11);
	ck_assert_str_eq(fitted, "阿卜杜拉   ");
	ck_assert_int_eq(fit("a阿卜", 4, true), 4);
	ck_assert_str_eq(fitted, "a阿…");
}
END_TEST

START_TEST(fit_edges)
{
	ck_assert_int_eq(fit("Smith", 5, false), 5);
	ck_assert_str_eq(fitted, "Smith");
	ck_assert_int_eq(fit("Smith", 5, true), 5);
	ck_assert_str_eq(fitted, "Smith");
	ck_assert_int_eq(fit("Smith", 4, false), 4);
	ck_assert_str_eq(fitted, "Smi…");
	ck_assert_int_eq(fit("ab", 5, false), 2);
	ck_assert_str_eq(fitted, "ab");
	ck_assert_int_eq(fit("ab", 5, true), 5);
	ck_assert_str_eq(fitted, "ab   ");
	ck_assert_int_eq(fit("", 3, true), 3);
	ck_assert_str_eq(fitted, "   ");
	ck_assert_int_eq(fit(NULL, 2, true), 2);
	ck_assert_str_eq(fitted, "  ");
	strcpy(fitted, "junk");
	ck_assert_int_eq(fit("abc", 0, true), 0);
	ck_assert_str_eq(fitted, "");
	ck_assert_int_eq(fit("abc", -5, true), 0);
	ck_assert_str_eq(fitted, "");
	/* a combining mark stays with its letter */
	ck_assert_int_eq(fit("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, false), 2);
	ck_assert_str_eq(fitted, "e\xcc\x81…");
	ck_assert_int_eq(fit("e\xcc\x81" "e\xcc\x81", 2, false), 2);
	ck_assert_str_eq(fitted, "e\xcc\x81" "e\xcc\x81");
	/* controls are cut as their marks, never split */
	ck_assert_int_eq(fit("a\x1b" "b", 3, false), 3);
	ck_assert_str_eq(fitted, "a …");
	ck_assert_int_eq(fit("a\x1b" "b", 4, false), 4);
	ck_assert_str_eq(fitted, "a^[b");
	ck_assert_int_eq(fit("x\xe2\x80\xae" "y", 6, false), 6);
	ck_assert_str_eq(fitted, "x    …");
	ck_assert_int_eq(fit("محمد علي", 6, true), 6);
	ck_assert_str_eq(fitted, "محمد …");
}
END_TEST

START_TEST(fit_long_name)
{
	char name[4000], *p = name;

	/* 500 characters of mixed scripts and widths */
	for (int i = 0; i < 100; i++) {
		memcpy(p, "Şü阿ПA", strlen("Şü阿ПA"));
		p += strlen("Şü阿ПA");
	}
	*p = '\0';
	ck_assert_int_eq(u8_width(name), 600);
	ck_assert_int_eq(fit(name, 20, true), 20);
	ck_assert_str_eq(fitted, "Şü阿ПAŞü阿ПAŞü阿ПAŞ…");
	ck_assert_int_eq(fit(name, 21, true), 21);
	ck_assert_str_eq(fitted, "Şü阿ПAŞü阿ПAŞü阿ПAŞü…");
	ck_assert_int_eq(fit(name, 22, true), 22);
	ck_assert_str_eq(fitted, "Şü阿ПAŞü阿ПAŞü阿ПAŞü …");
	ck_assert_int_eq(fit(name, 600, false), 600);
	ck_assert_str_eq(fitted, name);
	ck_assert_int_eq(fit(name, 599, false), 599);
	ck_assert_int_eq(fit(name, 610, true), 610);
	ck_assert_uint_eq(strlen(fitted), 1010);
}
END_TEST

START_TEST(fit_small_buffer)
{
	static const char *const texts[] = { "阿卜杜拉", "abcdefgh", "Şükrü",
	                                     "a\x1b[31mb", ("e\xcc\x81" "e\xcc\x81") };
	char out[6];

	/* never past outlen, always terminated, whole characters only,
	 * and the width returned is the width written */
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		for (int cols = 0; cols < 12; cols++)
			for (size_t len = 1; len <= sizeof out; len++) {
				int w = u8_fit(texts[i], cols, cols % 2 == 0, out, len);

				ck_assert_uint_lt(strlen(out), len);
				ck_assert(u8_valid(out, strlen(out), NULL));
				ck_assert_int_eq(w, u8_width(out));
				ck_assert_int_le(w, cols < 0 ? 0 : cols);
			}
	ck_assert_int_eq(u8_fit("abc", 3, true, out, 0), 0);
	ck_assert_int_eq(u8_fit("abc", 3, true, NULL, 0), 0);
}
END_TEST

/* --- folding ------------------------------------------------------------------- */

static const char *
folded(const char *s)
{
	static char out[256];
	size_t need = u8_fold(s, out, sizeof out);

	ck_assert_uint_eq(need, strlen(out));
	ck_assert_uint_eq(u8_fold(s, NULL, 0), need);
	return out;
}

START_TEST(fold_turkish)
{
	ck_assert_str_eq(folded("İSTANBUL"), "istanbul");
	ck_assert_str_eq(folded("istanbul"), "istanbul");
	ck_assert_str_eq(folded("Istanbul"), "istanbul");
	ck_assert_str_eq(folded("ıstanbul"), "istanbul");
	ck_assert_str_eq(folded("ISTANBUL"), "istanbul");
	/* decomposed İ: I + combining dot above */
	ck_assert_str_eq(folded("I\xcc\x87stanbul"), "istanbul");
	ck_assert_str_eq(folded("Şükrü"), "sukru");
	ck_assert_str_eq(folded("ŞÜKRÜ"), "sukru");
	ck_assert_str_eq(folded("Ağaoğlu Çağrı Öztürk"), "agaoglu cagri ozturk");
}
END_TEST

START_TEST(fold_latin)
{
	ck_assert_str_eq(folded("àáâãäåāăą"), "aaaaaaaaa");
	ck_assert_str_eq(folded("ÀÁÂÃÄÅĀĂĄ"), "aaaaaaaaa");
	ck_assert_str_eq(folded("çćčÇĆČ"), "cccccc");
	ck_assert_str_eq(folded("şśšșţțŞŚŠȘŢȚ"), "sssstt" "sssstt");
	ck_assert_str_eq(folded("öøőÖØŐ"), "oooooo");
	ck_assert_str_eq(folded("üűūůÜŰŪŮ"), "uuuuuuuu");
	ck_assert_str_eq(folded("éèêëěęēÉÈÊËĚĘĒ"), "eeeeeeeeeeeeee");
	ck_assert_str_eq(folded("ñńňÑŃŇ"), "nnnnnn");
	ck_assert_str_eq(folded("žźżŽŹŻ"), "zzzzzz");
	ck_assert_str_eq(folded("ýÿÝŸ"), "yyyy");
	ck_assert_str_eq(folded("ďĎłŁřŘğĞ"), "ddllrrgg");
	ck_assert_str_eq(folded("Straße"), "strasse");
	ck_assert_str_eq(folded("Æsir Œuvre"), "aesir oeuvre");
	ck_assert_str_eq(folded("Łódź"), "lodz");
	ck_assert_str_eq(folded("Nguyễn Thị Hương"), "nguyen thi huong");
	ck_assert_str_eq(folded("Lǚ"), "lu");
	ck_assert_str_eq(folded("e\xcc\x81" "cole"), "ecole");   /* decomposed */
	ck_assert_str_eq(folded("3×4÷2"), "3×4÷2");               /* not letters */
}
END_TEST

START_TEST(fold_other_scripts)
{
	ck_assert_str_eq(folded("ПЕТРОВ"), "петров");
	ck_assert_str_eq(folded("Ёлкин"), "елкин");
	ck_assert_str_eq(folded("ёлкин"), "елкин");
	ck_assert_str_eq(folded("ЄВГЕН ЇЖАК Ґ"), "євген їжак ґ");
	ck_assert_str_eq(folded("Ελένη ΠΑΠΑΔΟΠΟΥΛΟΣ"), "ελενη παπαδοπουλοσ");
	ck_assert_str_eq(folded("محمد"), "محمد");
	ck_assert_str_eq(folded("阿卜杜拉"), "阿卜杜拉");
	ck_assert_str_eq(folded("a\xff" "b"), "a\xef\xbf\xbd" "b");
	ck_assert_str_eq(folded(""), "");
	ck_assert_str_eq(folded(NULL), "");
}
END_TEST

START_TEST(fold_any_locale)
{
	/* folded text is stored: an import under LANG=C folds the same */
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
	ck_assert_str_eq(folded("ПЕТРОВ Ёлкин"), "петров елкин");
	ck_assert_str_eq(folded("İSTANBUL Şükrü"), "istanbul sukru");
	ck_assert_str_eq(folded("ΑΘΗΝΑ"), "αθηνα");
	ck_assert_str_eq(folded("ƏLİYEV"), "əliyev");
}
END_TEST

START_TEST(fold_small_buffer)
{
	char out[5];

	ck_assert_uint_eq(u8_fold("ŞÜKRÜ", out, sizeof out), 5);
	ck_assert_str_eq(out, "sukr");
	ck_assert_uint_eq(u8_fold("ßß", out, sizeof out), 4);
	ck_assert_str_eq(out, "ssss");
	ck_assert_uint_eq(u8_fold("aßß", out, sizeof out), 5);
	ck_assert_str_eq(out, "ass");      /* no half of "ss" */
	ck_assert_uint_eq(u8_fold("ab阿", out, sizeof out), 5);
	ck_assert_str_eq(out, "ab");
	ck_assert_uint_eq(u8_fold("x", out, 1), 1);
	ck_assert_str_eq(out, "");
}
END_TEST

/* The Turkish alphabet: ç after c, ğ after g, ı before i, ö after o,
 * ş after s, ü after u; I and İ are the capitals of ı and i. */
static int
cmp_tr(const void *a, const void *b)
{
	char ka[128], kb[128];

	u8_collate_tr(*(const char *const *)a, ka, sizeof ka);
	u8_collate_tr(*(const char *const *)b, kb, sizeof kb);
	return strcmp(ka, kb);
}

/* The list's name order outside Turkish is the folded name (name_key):
 * Russian ё folds to е, so Ёлкин sorts among the Е names as Russian
 * dictionaries order them, not after Я as its code point would. */
static int
cmp_fold(const void *a, const void *b)
{
	char ka[128], kb[128];

	u8_fold(*(const char *const *)a, ka, sizeof ka);
	u8_fold(*(const char *const *)b, kb, sizeof kb);
	return strcmp(ka, kb);
}

START_TEST(collate_russian_yo)
{
	const char *names[] = {
		"\u042f\u043a\u043e\u0432\u043b\u0435\u0432",          /* Яковлев */
		"\u0401\u043b\u043a\u0438\u043d",                        /* Ёлкин */
		"\u0415\u043c\u0435\u043b\u044c\u044f\u043d\u043e\u0432", /* Емельянов */
		"\u0415\u043b\u0438\u0437\u0430\u0440\u043e\u0432",   /* Елизаров */
		"\u0436\u0443\u043a\u043e\u0432",                        /* жуков */
		"\u0451\u0436\u0438\u043a\u043e\u0432",                 /* ёжиков */
	};
	const char *want[] = {
		"\u0451\u0436\u0438\u043a\u043e\u0432",
		"\u0415\u043b\u0438\u0437\u0430\u0440\u043e\u0432",
		"\u0401\u043b\u043a\u0438\u043d",
		"\u0415\u043c\u0435\u043b\u044c\u044f\u043d\u043e\u0432",
		"\u0436\u0443\u043a\u043e\u0432",
		"\u042f\u043a\u043e\u0432\u043b\u0435\u0432",
	};
	size_t n = sizeof names / sizeof names[0];

	qsort(names, n, sizeof names[0], cmp_fold);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(names[i], want[i]);
}
END_TEST

START_TEST(collate_turkish)
{
	const char *names[] = {
		"\u00dcnal", "Uysal", "\u015eahin", "Sorgun", "\u00d6zt\u00fcrk", "Oral",
		"\u0130nce", "I\u015f\u0131k", "Ilgaz", "\u00c7elik", "Cura", "A\u011fa",
		"Aha", "Aga", "Zeki", "Mukhammad",
	};
	const char *want[] = {
		"Aga", "A\u011fa", "Aha", "Cura", "\u00c7elik", "Ilgaz", "I\u015f\u0131k",
		"\u0130nce", "Mukhammad", "Oral", "\u00d6zt\u00fcrk", "Sorgun", "\u015eahin",
		"Uysal", "\u00dcnal", "Zeki",
	};
	size_t n = sizeof names / sizeof names[0];
	char key[8];

	qsort(names, n, sizeof names[0], cmp_tr);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(names[i], want[i]);
	/* the list's own cases: c ç, ı i, â with a, I and İ as capitals,
	 * ASCII and upper case the same as lower */
	{
		const char *more[] = {
			"\u00c7INAR Deniz", "Cem Ali", "\u00e7elik Ayten", "\u0130lhan Ece",
			"I\u015f\u0131k Can", "Ilgaz Efe", "\u00c2dem Umut", "Aydin Ulku",
			"Uysal \u0130rem", "\u00dcnal U\u011fur", "G\u00fcl Oya", "Gule Oya",
		};
		const char *order[] = {
			"\u00c2dem Umut", "Aydin Ulku", "Cem Ali", "\u00e7elik Ayten",
			"\u00c7INAR Deniz", "Gule Oya", "G\u00fcl Oya", "Ilgaz Efe",
			"I\u015f\u0131k Can", "\u0130lhan Ece", "Uysal \u0130rem",
			"\u00dcnal U\u011fur",
		};
		size_t m = sizeof more / sizeof more[0];
		char k1[64], k2[64];

		qsort(more, m, sizeof more[0], cmp_tr);
		for (size_t i = 0; i < m; i++)
			ck_assert_str_eq(more[i], order[i]);
		/* the key is text: valid UTF-8, the same for either case */
		u8_collate_tr("\u00c7EL\u0130K \u00d6Z\u015eEN", k1, sizeof k1);
		u8_collate_tr("\u00e7elik \u00f6z\u015fen", k2, sizeof k2);
		ck_assert_str_eq(k1, k2);
		ck_assert(u8_valid(k1, strlen(k1), NULL));
		/* outside the alphabet, after z; Cyrillic ё with е */
		u8_collate_tr("\u0401\u043b\u043a\u0438\u043d", k1, sizeof k1);
		u8_collate_tr("\u0415\u043b\u043a\u0438\u043d", k2, sizeof k2);
		ck_assert_str_eq(k1, k2);
		ck_assert_int_gt(cmp_tr(&(const char *){ "\u0415" }, &(const char *){ "zz" }), 0);
	}
	/* dotless and dotted i differ; a key is cut at a whole letter */
	ck_assert_int_ne(cmp_tr(&(const char *){ "Is" }, &(const char *){ "\u0130s" }), 0);
	ck_assert_uint_eq(u8_collate_tr("abcdefghij", key, sizeof key), 7);
}
END_TEST

Suite *
suite_u8(void)
{
	Suite *s = suite_create("u8");
	TCase *v = tcase_create("valid");
	TCase *d = tcase_create("display");
	TCase *f = tcase_create("fold");

	tcase_add_checked_fixture(v, setup, NULL);
	tcase_add_test(v, valid_text);
	tcase_add_loop_test(v, invalid_text, 0,
	                    (int)(sizeof invalid / sizeof invalid[0]));
	suite_add_tcase(s, v);

	tcase_add_checked_fixture(d, setup, NULL);
	tcase_add_test(d, sanitize_marks);
	tcase_add_test(d, sanitize_invisible);
	tcase_add_test(d, sanitize_small_buffer);
	tcase_add_test(d, widths);
	tcase_add_test(d, fit_cjk);
	tcase_add_test(d, fit_edges);
	tcase_add_test(d, fit_long_name);
	tcase_add_test(d, fit_small_buffer);
	suite_add_tcase(s, d);

	tcase_add_checked_fixture(f, setup, NULL);
	tcase_add_test(f, fold_turkish);
	tcase_add_test(f, fold_latin);
	tcase_add_test(f, fold_other_scripts);
	tcase_add_test(f, fold_any_locale);
	tcase_add_test(f, fold_small_buffer);
	tcase_add_test(f, collate_turkish);
	tcase_add_test(f, collate_russian_yo);
	suite_add_tcase(s, f);
	return s;
}
