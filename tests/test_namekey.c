/* test_namekey.c: name skeletons for the similar-names search. Tables
 * of spellings that must share a key (transliterations across Latin,
 * Cyrillic, Arabic and Uyghur script, Turkish letters) and of names
 * that must not; then the words and compounds of a name, the stored key
 * text, and the edit distance the one-typo search uses. */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "casepath/namekey.h"

Suite *suite_namekey(void);

static const char *
key(const char *word)
{
	static char buf[NAMEKEY_MAX + 1];

	namekey(word, strlen(word), buf, sizeof buf);
	return buf;
}

/* Spellings of one name: each pair must share a key. */
static const struct {
	const char *a, *b;
} same[] = {
	/* the names */
	{ "Mohammed", "Muhammad" }, { "Mohammed", "Mohamad" },
	{ "Mohammed", "Mukhammad" }, { "Mohammed", "Мухаммад" },
	{ "Mohammed", "محمد" }, { "Mohammed", "Mohamed" },
	{ "Mehmet", "Muhammad" },                  /* Turkish, final t */
	{ "Abdulla", "Abdullah" }, { "Abdulla", "Абдулла" },
	{ "Abdulla", "عبدالله" }, { "Abdallah", "Abdullah" },
	{ "Yusuf", "Yousef" }, { "Yusuf", "Jusuf" }, { "Yusuf", "Юсуф" },
	{ "Yusuf", "يوسف" }, { "Yusuf", "Youssef" },
	{ "Aisha", "Ayesha" }, { "Aisha", "Aysha" }, { "Aisha", "Айша" },
	{ "Aisha", "عائشة" }, { "Aisha", "Ayşe" }, { "Aisha", "Aicha" },
	/* vowels, doubled letters, final h */
	{ "Hassan", "Hasan" }, { "Fatima", "Fatimah" }, { "Fatima", "Fatemeh" },
	{ "Fatima", "فاطمة" }, { "Fatima", "Fatma" }, { "Sara", "Sarah" },
	{ "Layla", "Leila" }, { "Layla", "ليلى" }, { "Saeed", "Sayid" },
	{ "Saeed", "Sa'id" }, { "Saeed", "سعيد" }, { "Nour", "Noor" },
	/* consonant classes */
	{ "Qasim", "Kassem" }, { "Qasim", "قاسم" }, { "Qurban", "Kurban" },
	{ "Khasan", "Hasan" }, { "Akhmed", "Ahmed" }, { "Ahmet", "Ahmad" },
	{ "Farrux", "Farrukh" }, { "Shahnoza", "Shakhnoza" },
	{ "Jasur", "Dzhasur" }, { "Jamshid", "Dzhamshid" },
	{ "Khadija", "Khadidja" }, { "Khadija", "خديجة" }, { "Hadice", "Khadija" },
	{ "Hacer", "Hajar" }, { "Jyldyz", "Zhyldyz" }, { "Jyldyz", "Жылдыз" },
	{ "Javad", "Jawad" }, { "Davud", "Dawood" }, { "Davud", "داود" },
	{ "Khaoula", "Khawla" }, { "Marouan", "Marwan" }, { "Souad", "Suad" },
	{ "Ouassim", "Wassim" }, { "Juergen", "Jürgen" },
	{ "Uthman", "Osman" }, { "Zeynep", "Zainab" }, { "Murat", "Murad" },
	{ "Bekzod", "Bekzot" }, { "Alexander", "Aleksandr" }, { "Maxim", "Maksim" },
	{ "Şeyma", "Shaima" }, { "Chaima", "شيماء" }, { "Reza", "رضا" },
	{ "Zahra", "زهرا" },
	/* y, i and j */
	{ "Dmitriy", "Dmitri" }, { "Dmitriy", "Дмитрий" },
	{ "Nikolay", "Nikolai" }, { "Nikolaj", "Николай" },
	{ "Sergey", "Sergei" }, { "Yevgeniy", "Evgeny" },
	{ "Yevgeniy", "Евгений" }, { "Yelena", "Elena" }, { "Yelena", "Елена" },
	{ "Yerlan", "Ерлан" }, { "Natalya", "Natalia" }, { "Yuliya", "Julia" },
	{ "Artyom", "Артём" },
	/* leading vowels: one class for a e i, one for o u */
	{ "Ibrahim", "Ebrahim" }, { "Ibrahim", "إبراهيم" }, { "Omar", "Umar" },
	{ "Omar", "Ömer" }, { "Ehmet", "Ahmet" }, { "Ehmet", "ئەھمەت" },
	{ "Erkin", "Arkin" }, { "Iman", "Eman" },
	/* case, diacritics and Turkish i */
	{ "İSMAİL", "ismail" }, { "Işık", "ISIK" }, { "Hüseyin", "Huseyin" },
	{ "Gökhan", "Gokhan" }, { "Oğuz", "Oguz" }, { "Kübra", "Kubra" },
	{ "Jürgen", "Jurgen" },
};

/* Different names: each pair must not share a key. */
static const struct {
	const char *a, *b;
} apart[] = {
	{ "Omar", "Amir" }, { "Ali", "Alia" }, { "Ali", "Ala" },
	{ "Amina", "Amin" }, { "Sami", "Samia" }, { "Karim", "Karima" },
	{ "Yusuf", "Yasin" }, { "Hamza", "Hamid" }, { "Khalid", "Walid" },
	{ "Fatima", "Fatih" }, { "Ahmad", "Mohammed" }, { "Ivan", "Iman" },
	{ "Omar", "Umm" }, { "Zainab", "Zaid" }, { "Bilal", "Hilal" },
	{ "Said", "Zaid" }, { "Nadia", "Nadir" }, { "Salma", "Suleiman" },
	{ "Ruslan", "Rustam" }, { "Maryam", "Marwan" },
};

START_TEST(test_same_key)
{
	char a[NAMEKEY_MAX + 1];

	snprintf(a, sizeof a, "%s", key(same[_i].a));
	ck_assert_msg(a[0] != '\0', "%s has no key", same[_i].a);
	ck_assert_msg(strcmp(a, key(same[_i].b)) == 0, "%s (%s) and %s (%s) differ",
	              same[_i].a, a, same[_i].b, key(same[_i].b));
}
END_TEST

START_TEST(test_apart)
{
	char a[NAMEKEY_MAX + 1];

	snprintf(a, sizeof a, "%s", key(apart[_i].a));
	ck_assert_msg(strcmp(a, key(apart[_i].b)) != 0, "%s and %s share %s",
	              apart[_i].a, apart[_i].b, a);
}
END_TEST

START_TEST(test_key_shapes)
{
	char small[4];

	/* the documented keys */
	ck_assert_str_eq(key("Mohammed"), "mhmd");
	ck_assert_str_eq(key("Abdullah"), "abdla");
	ck_assert_str_eq(key("Omar"), "umr");
	ck_assert_str_eq(key("Amir"), "amr");
	ck_assert_str_eq(key("Ali"), "ali");
	ck_assert_str_eq(key("Alia"), "ala");
	/* Arabic: ع and alef start with a; a word in Uyghur letters reads
	 * و as a vowel */
	ck_assert_str_eq(key("عمر"), "amr");
	/* scripts the rules do not know give no key; vowels alone give one */
	ck_assert_str_eq(key("王小明"), "");
	ck_assert_str_eq(key("--"), "");
	ck_assert_str_eq(key("Aya"), "a");
	ck_assert_str_eq(key("Ouyang"), "ung");
	/* blanks and hyphens inside a span are skipped */
	ck_assert_str_eq(key("Abd al-Rahman"), key("Abdulrahman"));
	/* bad UTF-8 is skipped, never read past */
	ck_assert_str_eq(key("Mo\xc3hammed\xff"), "mhmd");
	ck_assert_uint_eq(namekey("Mohammed", 3, small, sizeof small), 2);
	ck_assert_str_eq(small, "mu");
	/* a long word: the key is cut, the length said */
	{
		const char *w = "Bakhtiyorbekmuhammadalisherbekjonovichzoda"
		                "Bakhtiyorbekmuhammadalisherbekjonovichzoda";

		ck_assert_uint_eq(namekey(w, strlen(w), small, sizeof small), NAMEKEY_MAX);
		ck_assert_str_eq(small, "bht");
	}
}
END_TEST

/* The spans of text as "word|word*" (* marks index-only ones). */
static const char *
spans_of(const char *text)
{
	static char out[512];
	struct namekey_span sp[16];
	size_t n = namekey_spans(text, sp, 16), at = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && i < 16; i++)
		at += (size_t)snprintf(out + at, sizeof out - at, "%s%.*s%s", i ? "|" : "",
		                       (int)sp[i].len, text + sp[i].start,
		                       sp[i].index_only ? "*" : "");
	return out;
}

START_TEST(test_spans)
{
	struct namekey_span sp[2];

	ck_assert_str_eq(spans_of("Muhammad Yusuf"), "Muhammad|Yusuf");
	ck_assert_str_eq(spans_of("  Umm Omar;Abu-Yahya "), "Umm|Omar|Abu|Yahya");
	/* compounds: the whole, then its words for the index */
	ck_assert_str_eq(spans_of("Abd al-Rahman Haddad"),
	                 "Abd al-Rahman|Abd*|Rahman*|Haddad");
	ck_assert_str_eq(spans_of("Nur ad-Din"), "Nur|ad-Din|Din*");
	ck_assert_str_eq(spans_of("عبد الرحمن"), "عبد الرحمن|عبد*|الرحمن*|رحمن*");
	ck_assert_str_eq(spans_of("الرشيد"), "الرشيد|رشيد*");
	/* never across hard punctuation; an article alone is dropped */
	ck_assert_str_eq(spans_of("Abd;Rahman"), "Abd|Rahman");
	ck_assert_str_eq(spans_of("Rashid al"), "Rashid");
	ck_assert_str_eq(spans_of("库尔班·阿布热克别克"), "库尔班|阿布热克别克");
	ck_assert_str_eq(spans_of(""), "");
	ck_assert_str_eq(spans_of(NULL), "");
	/* apostrophes stay in the word */
	ck_assert_str_eq(spans_of("Sa'id O‘tkir"), "Sa'id|O‘tkir");
	/* more spans than room: the count says so */
	ck_assert_uint_eq(namekey_spans("a b c d", sp, 2), 4);
}
END_TEST

START_TEST(test_key_text)
{
	char out[64];

	/* each key once; keys only, no alias types (the caller leaves them out) */
	ck_assert_uint_eq(namekey_text("Haddad;Mohammed;محمد حداد;Muhammad", out,
	                               sizeof out), strlen("hdd mhmd"));
	ck_assert_str_eq(out, "hdd mhmd");
	ck_assert_uint_eq(namekey_text("Abd al-Rahman", out, sizeof out),
	                  strlen("abdlrhmn abd rhmn"));
	ck_assert_str_eq(out, "abdlrhmn abd rhmn");
	ck_assert_uint_eq(namekey_text("王小明", out, sizeof out), 0);
	ck_assert_str_eq(out, "");
	/* cut between keys, never inside one; the need is still told */
	ck_assert_uint_eq(namekey_text("Mohammed Yusuf", out, 7), 8);
	ck_assert_str_eq(out, "mhmd");
	ck_assert_uint_eq(namekey_text("Mohammed", NULL, 0), 4);
}
END_TEST

START_TEST(test_distance)
{
	ck_assert_int_eq(namekey_distance("mhmd", "mhmd"), 0);
	ck_assert_int_eq(namekey_distance("mhmd", "mgmd"), 1);     /* replaced */
	ck_assert_int_eq(namekey_distance("mhmd", "mmd"), 1);      /* deleted */
	ck_assert_int_eq(namekey_distance("mmd", "mhmd"), 1);      /* inserted */
	ck_assert_int_eq(namekey_distance("mhmd", "mhdm"), 1);     /* swapped */
	ck_assert_int_eq(namekey_distance("mhmd", "hmmd"), 1);
	ck_assert_int_eq(namekey_distance("mhmd", "mhmda"), 1);
	ck_assert_int_eq(namekey_distance("mhmd", "ahmd"), 1);
	ck_assert_int_eq(namekey_distance("mhmd", "mdhm"), 2);
	ck_assert_int_eq(namekey_distance("mhmd", "mh"), 2);
	ck_assert_int_eq(namekey_distance("abc", "bcd"), 2);       /* a shift */
	ck_assert_int_eq(namekey_distance("", "a"), 1);
	ck_assert_int_eq(namekey_distance("", ""), 0);
}
END_TEST

Suite *
suite_namekey(void)
{
	Suite *s = suite_create("namekey");
	TCase *tc = tcase_create("keys");

	tcase_add_loop_test(tc, test_same_key, 0, (int)(sizeof same / sizeof same[0]));
	tcase_add_loop_test(tc, test_apart, 0, (int)(sizeof apart / sizeof apart[0]));
	tcase_add_test(tc, test_key_shapes);
	tcase_add_test(tc, test_spans);
	tcase_add_test(tc, test_key_text);
	tcase_add_test(tc, test_distance);
	suite_add_tcase(s, tc);
	return s;
}
