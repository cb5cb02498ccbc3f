/* test_lineedit.c: the prompt line editor: typing, moving and deleting
 * by whole characters over Turkish, Arabic, Cyrillic and CJK text,
 * kill commands, history walks, completion and the scrolled view.
 * Runs in C.UTF-8, where glibc's wcwidth() knows CJK and combining
 * marks. Byte offsets in comments: İ ı ş are 2 bytes, 東 京 3, each
 * Arabic and Cyrillic letter 2. */
#include <check.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "casepath/lineedit.h"
#include "casepath/u8.h"

Suite *suite_lineedit(void);

static struct lineedit le;

static void
setup(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	lineedit_init(&le);
}

static void
teardown(void)
{
	lineedit_clear(&le);
}

/* Applies op n times; returns how many changed something. */
static int
keys(enum lineedit_op op, int n)
{
	int changed = 0;

	for (int i = 0; i < n; i++)
		changed += lineedit_key(&le, op);
	return changed;
}

#define TEXT_IS(s, cur)                                         \
	do {                                                    \
		ck_assert_str_eq(lineedit_text(&le), (s));      \
		ck_assert_uint_eq(lineedit_cursor(&le), (cur)); \
	} while (0)

/* --- typing ------------------------------------------------------------------ */

START_TEST(insert_text)
{
	TEXT_IS("", 0);
	ck_assert(lineedit_insert(&le, "İstanbul"));
	TEXT_IS("İstanbul", 9);
	ck_assert(lineedit_insert(&le, " ışık"));
	TEXT_IS("İstanbul ışık", 17);
	/* in the middle, at a character boundary */
	ck_assert(lineedit_key(&le, LE_HOME));
	ck_assert(lineedit_key(&le, LE_RIGHT));
	ck_assert(lineedit_insert(&le, "東京"));
	TEXT_IS("İ東京stanbul ışık", 8);
	/* refused whole: controls, invalid UTF-8, nothing */
	ck_assert(!lineedit_insert(&le, "a\tb"));
	ck_assert(!lineedit_insert(&le, "\n"));
	ck_assert(!lineedit_insert(&le, "x\x1b[31m"));
	ck_assert(!lineedit_insert(&le, "\x7f"));
	ck_assert(!lineedit_insert(&le, "\xc2\x9b"));        /* C1 CSI */
	ck_assert(!lineedit_insert(&le, "ok\xff"));
	ck_assert(!lineedit_insert(&le, "\xe6\x9d"));        /* cut 東 */
	ck_assert(!lineedit_insert(&le, "\xc0\xaf"));        /* overlong */
	ck_assert(!lineedit_insert(&le, ""));
	ck_assert(!lineedit_insert(&le, NULL));
	TEXT_IS("İ東京stanbul ışık", 8);
	/* a visible mark is not a control */
	ck_assert(lineedit_insert(&le, "\xc2\xa0"));
	TEXT_IS("İ東京\xc2\xa0stanbul ışık", 10);
}
END_TEST

START_TEST(set_text)
{
	ck_assert(lineedit_set(&le, "Петров"));
	TEXT_IS("Петров", 12);
	/* kept as given: a control from a record is shown, not dropped */
	ck_assert(lineedit_set(&le, "a\tb"));
	TEXT_IS("a\tb", 3);
	/* repaired: each bad sequence is one U+FFFD */
	ck_assert(!lineedit_set(&le, "a\xff" "b"));
	TEXT_IS("a\xef\xbf\xbd" "b", 5);
	ck_assert(!lineedit_set(&le, "\xe2\x82" "A\x80\x80"));
	TEXT_IS("\xef\xbf\xbd" "A\xef\xbf\xbd", 7);
	ck_assert(u8_valid(lineedit_text(&le), strlen(lineedit_text(&le)), NULL));
	ck_assert(lineedit_set(&le, NULL));
	TEXT_IS("", 0);
}
END_TEST

START_TEST(heap_editor)
{
	struct lineedit *p = lineedit_new();

	ck_assert(lineedit_insert(p, "東京"));
	ck_assert(lineedit_history_add(p, "東京"));
	ck_assert_str_eq(lineedit_text(p), "東京");
	lineedit_free(&p);
	ck_assert_ptr_null(p);
	lineedit_free(&p);         /* twice is fine */
	lineedit_free(NULL);
}
END_TEST

START_TEST(long_text_grows)
{
	char want[4096] = "";

	for (int i = 0; i < 300; i++) {
		ck_assert(lineedit_insert(&le, "ış東"));
		strcat(want, "ış東");
	}
	TEXT_IS(want, 2100);
	ck_assert_int_eq(keys(LE_LEFT, 1000), 900);
	TEXT_IS(want, 0);
}
END_TEST

/* --- moving ------------------------------------------------------------------ */

START_TEST(move_turkish)
{
	lineedit_set(&le, "İstanbul ışık");    /* 10 + 7 bytes */
	ck_assert(lineedit_key(&le, LE_LEFT));
	TEXT_IS("İstanbul ışık", 16);           /* before k */
	ck_assert(lineedit_key(&le, LE_LEFT));
	TEXT_IS("İstanbul ışık", 14);           /* before the second ı */
	ck_assert_int_eq(keys(LE_LEFT, 2), 2);
	TEXT_IS("İstanbul ışık", 10);
	ck_assert(lineedit_key(&le, LE_RIGHT));
	TEXT_IS("İstanbul ışık", 12);
	ck_assert(lineedit_key(&le, LE_HOME));
	TEXT_IS("İstanbul ışık", 0);
	ck_assert(!lineedit_key(&le, LE_LEFT));
	ck_assert(!lineedit_key(&le, LE_HOME));
	ck_assert(lineedit_key(&le, LE_RIGHT));
	TEXT_IS("İstanbul ışık", 2);            /* past İ whole */
	ck_assert(lineedit_key(&le, LE_END));
	TEXT_IS("İstanbul ışık", 17);
	ck_assert(!lineedit_key(&le, LE_RIGHT));
	ck_assert(!lineedit_key(&le, LE_END));
	/* 13 characters, 13 steps */
	ck_assert_int_eq(keys(LE_LEFT, 20), 13);
}
END_TEST

START_TEST(move_mixed_scripts)
{
	/* 東京 (6) space محمد (8) space Петров (12): 28 bytes */
	lineedit_set(&le, "東京 محمد Петров");
	lineedit_key(&le, LE_HOME);
	ck_assert(lineedit_key(&le, LE_RIGHT));
	TEXT_IS("東京 محمد Петров", 3);
	ck_assert(lineedit_key(&le, LE_RIGHT));
	TEXT_IS("東京 محمد Петров", 6);
	ck_assert_int_eq(keys(LE_RIGHT, 3), 3);
	TEXT_IS("東京 محمد Петров", 11);         /* after "مح" */
	/* words: to the end of this or the next word, and back */
	lineedit_key(&le, LE_HOME);
	ck_assert(lineedit_key(&le, LE_WORD_RIGHT));
	TEXT_IS("東京 محمد Петров", 6);
	ck_assert(lineedit_key(&le, LE_WORD_RIGHT));
	TEXT_IS("東京 محمد Петров", 15);
	ck_assert(lineedit_key(&le, LE_WORD_RIGHT));
	TEXT_IS("東京 محمد Петров", 28);
	ck_assert(!lineedit_key(&le, LE_WORD_RIGHT));
	ck_assert(lineedit_key(&le, LE_WORD_LEFT));
	TEXT_IS("東京 محمد Петров", 16);
	ck_assert(lineedit_key(&le, LE_WORD_LEFT));
	TEXT_IS("東京 محمد Петров", 7);
	ck_assert(lineedit_key(&le, LE_WORD_LEFT));
	TEXT_IS("東京 محمد Петров", 0);
	ck_assert(!lineedit_key(&le, LE_WORD_LEFT));
	/* from inside a word: its start, its end */
	lineedit_set(&le, "Петров");
	keys(LE_LEFT, 3);
	TEXT_IS("Петров", 6);
	ck_assert(lineedit_key(&le, LE_WORD_LEFT));
	TEXT_IS("Петров", 0);
	keys(LE_RIGHT, 2);
	ck_assert(lineedit_key(&le, LE_WORD_RIGHT));
	TEXT_IS("Петров", 12);
	/* punctuation separates; '-', '_' and '\'' do not */
	lineedit_set(&le, "stage=removal_centre nat=SYR O'Brien-Ali");
	ck_assert(lineedit_key(&le, LE_WORD_LEFT));
	TEXT_IS("stage=removal_centre nat=SYR O'Brien-Ali", 29);
	ck_assert(lineedit_key(&le, LE_WORD_LEFT));
	TEXT_IS("stage=removal_centre nat=SYR O'Brien-Ali", 25);
	ck_assert(lineedit_key(&le, LE_WORD_LEFT));
	TEXT_IS("stage=removal_centre nat=SYR O'Brien-Ali", 21);
	ck_assert(lineedit_key(&le, LE_WORD_LEFT));
	TEXT_IS("stage=removal_centre nat=SYR O'Brien-Ali", 6);
}
END_TEST

START_TEST(combining_marks)
{
	/* e + U+0301 is one character of three bytes */
	lineedit_set(&le, "e\xcc\x81x");
	lineedit_key(&le, LE_HOME);
	ck_assert(lineedit_key(&le, LE_RIGHT));
	TEXT_IS("e\xcc\x81x", 3);
	lineedit_key(&le, LE_END);
	ck_assert(lineedit_key(&le, LE_LEFT));
	TEXT_IS("e\xcc\x81x", 3);
	ck_assert(lineedit_key(&le, LE_LEFT));
	TEXT_IS("e\xcc\x81x", 0);
	/* deleted whole, either way */
	ck_assert(lineedit_key(&le, LE_DELETE));
	TEXT_IS("x", 0);
	lineedit_set(&le, "I\xcc\x87stanbul");     /* decomposed İ */
	keys(LE_LEFT, 7);
	TEXT_IS("I\xcc\x87stanbul", 3);
	ck_assert(lineedit_key(&le, LE_BACKSPACE));
	TEXT_IS("stanbul", 0);
	/* a mark with nothing before it is a character of its own */
	lineedit_set(&le, "\xcc\x81\xcc\x88" "a");
	lineedit_key(&le, LE_HOME);
	ck_assert(lineedit_key(&le, LE_RIGHT));
	TEXT_IS("\xcc\x81\xcc\x88" "a", 4);
	ck_assert(lineedit_key(&le, LE_LEFT));
	TEXT_IS("\xcc\x81\xcc\x88" "a", 0);
	/* typing a mark after a letter puts it on that letter */
	lineedit_set(&le, "e");
	ck_assert(lineedit_insert(&le, "\xcc\x81"));
	ck_assert(lineedit_key(&le, LE_LEFT));
	TEXT_IS("e\xcc\x81", 0);
}
END_TEST

/* --- deleting ---------------------------------------------------------------- */

START_TEST(backspace_delete)
{
	lineedit_set(&le, "東京");
	ck_assert(lineedit_key(&le, LE_BACKSPACE));
	TEXT_IS("東", 3);
	ck_assert(!lineedit_key(&le, LE_DELETE));
	lineedit_key(&le, LE_HOME);
	ck_assert(!lineedit_key(&le, LE_BACKSPACE));
	ck_assert(lineedit_key(&le, LE_DELETE));
	TEXT_IS("", 0);
	ck_assert(!lineedit_key(&le, LE_DELETE));
	ck_assert(!lineedit_key(&le, LE_BACKSPACE));
	lineedit_set(&le, "محمد");
	lineedit_key(&le, LE_LEFT);
	ck_assert(lineedit_key(&le, LE_BACKSPACE));
	TEXT_IS("محد", 4);
	ck_assert(lineedit_key(&le, LE_DELETE));
	TEXT_IS("مح", 4);
	lineedit_set(&le, "ışık");
	ck_assert_int_eq(keys(LE_BACKSPACE, 9), 4);
	TEXT_IS("", 0);
}
END_TEST

START_TEST(kill_word)
{
	lineedit_set(&le, "İstanbul ışık");
	ck_assert(lineedit_key(&le, LE_KILL_WORD));
	TEXT_IS("İstanbul ", 10);
	ck_assert(lineedit_key(&le, LE_KILL_WORD));
	TEXT_IS("", 0);
	ck_assert(!lineedit_key(&le, LE_KILL_WORD));
	/* the word before the cursor only */
	lineedit_set(&le, "Ali Veli Deli");
	keys(LE_LEFT, 5);
	ck_assert(lineedit_key(&le, LE_KILL_WORD));
	TEXT_IS("Ali  Deli", 4);
	/* from inside a word: its first part */
	lineedit_set(&le, "東京都");
	lineedit_key(&le, LE_LEFT);
	ck_assert(lineedit_key(&le, LE_KILL_WORD));
	TEXT_IS("都", 0);
	/* punctuation ends a word: one option at a time */
	lineedit_set(&le, "filter stage=removal_centre");
	ck_assert(lineedit_key(&le, LE_KILL_WORD));
	TEXT_IS("filter stage=", 13);
	ck_assert(lineedit_key(&le, LE_KILL_WORD));
	TEXT_IS("filter ", 7);
	/* the Arabic comma separates too */
	lineedit_set(&le, "محمد، علي");
	ck_assert(lineedit_key(&le, LE_KILL_WORD));
	TEXT_IS("محمد، ", 11);
	ck_assert(lineedit_key(&le, LE_KILL_WORD));
	TEXT_IS("", 0);
	lineedit_set(&le, "ПЕТРОВ  Иван  ");
	ck_assert(lineedit_key(&le, LE_KILL_WORD));
	TEXT_IS("ПЕТРОВ  ", 14);
}
END_TEST

START_TEST(kill_line_end)
{
	lineedit_set(&le, "İstanbul ışık");
	keys(LE_LEFT, 4);
	ck_assert(lineedit_key(&le, LE_KILL_END));
	TEXT_IS("İstanbul ", 10);
	ck_assert(!lineedit_key(&le, LE_KILL_END));
	lineedit_set(&le, "İstanbul ışık");
	keys(LE_LEFT, 4);
	ck_assert(lineedit_key(&le, LE_KILL_LINE));
	TEXT_IS("ışık", 0);
	ck_assert(!lineedit_key(&le, LE_KILL_LINE));
	lineedit_key(&le, LE_END);
	ck_assert(lineedit_key(&le, LE_KILL_LINE));
	TEXT_IS("", 0);
}
END_TEST

/* --- history ----------------------------------------------------------------- */

START_TEST(history_walk)
{
	ck_assert(!lineedit_key(&le, LE_HISTORY_PREV));   /* none yet */
	ck_assert(lineedit_history_add(&le, "filter nat=SYR"));
	ck_assert(lineedit_history_add(&le, "İstanbul"));
	ck_assert(!lineedit_history_add(&le, "İstanbul"));    /* same as newest */
	ck_assert(!lineedit_history_add(&le, ""));
	ck_assert(!lineedit_history_add(&le, NULL));
	ck_assert(lineedit_history_add(&le, "東京"));
	ck_assert_uint_eq(le.nhist, 3);
	ck_assert(!lineedit_key(&le, LE_HISTORY_NEXT));   /* not walking */

	lineedit_insert(&le, "Пет");
	lineedit_key(&le, LE_LEFT);
	ck_assert(lineedit_key(&le, LE_HISTORY_PREV));
	TEXT_IS("東京", 6);
	ck_assert(lineedit_key(&le, LE_HISTORY_PREV));
	TEXT_IS("İstanbul", 9);
	ck_assert(lineedit_key(&le, LE_HISTORY_PREV));
	TEXT_IS("filter nat=SYR", 14);
	ck_assert(!lineedit_key(&le, LE_HISTORY_PREV));  /* the oldest */
	TEXT_IS("filter nat=SYR", 14);
	ck_assert(lineedit_key(&le, LE_HISTORY_NEXT));
	TEXT_IS("İstanbul", 9);
	ck_assert(lineedit_key(&le, LE_HISTORY_NEXT));
	TEXT_IS("東京", 6);
	/* back to the line being typed, as it was (cursor at its end) */
	ck_assert(lineedit_key(&le, LE_HISTORY_NEXT));
	TEXT_IS("Пет", 6);
	ck_assert(!lineedit_key(&le, LE_HISTORY_NEXT));
	TEXT_IS("Пет", 6);

	/* an edit to a recalled entry is dropped on walking on; the
	 * history itself is not changed */
	ck_assert(lineedit_key(&le, LE_HISTORY_PREV));
	ck_assert(lineedit_insert(&le, "都"));
	TEXT_IS("東京都", 9);
	ck_assert(lineedit_key(&le, LE_HISTORY_NEXT));
	TEXT_IS("Пет", 6);
	ck_assert(lineedit_key(&le, LE_HISTORY_PREV));
	TEXT_IS("東京", 6);
	/* setting the text ends the walk: Down has nowhere to go */
	lineedit_set(&le, "");
	ck_assert(!lineedit_key(&le, LE_HISTORY_NEXT));
	ck_assert(lineedit_key(&le, LE_HISTORY_PREV));
	TEXT_IS("東京", 6);
	/* an older duplicate is added again */
	ck_assert(lineedit_history_add(&le, "İstanbul"));
	ck_assert_uint_eq(le.nhist, 4);
	ck_assert_str_eq(le.hist[3], "İstanbul");
}
END_TEST

START_TEST(history_cap)
{
	char entry[32];

	for (int i = 0; i < 205; i++) {
		snprintf(entry, sizeof entry, "arama %d ışık", i);
		ck_assert(lineedit_history_add(&le, entry));
	}
	ck_assert_uint_eq(le.nhist, LINEEDIT_HISTORY_MAX);
	ck_assert_str_eq(le.hist[0], "arama 5 ışık");
	ck_assert_str_eq(le.hist[199], "arama 204 ışık");
	ck_assert_int_eq(keys(LE_HISTORY_PREV, 250), 200);
	TEXT_IS("arama 5 ışık", 15);
	ck_assert_int_eq(keys(LE_HISTORY_NEXT, 250), 200);
	TEXT_IS("", 0);
}
END_TEST

/* --- completion -------------------------------------------------------------- */

static const char *const actions[] = {
	"filter", "filter-clear", "find", "first", "sort", "show", "quit",
	"filter",               /* a duplicate counts once */
	NULL,                   /* skipped */
	"bad\tword",            /* skipped: could not be typed */
};
#define NACTIONS (sizeof actions / sizeof actions[0])

START_TEST(complete_unique)
{
	static const char *const words[] = { "filter", "sort", "quit" };

	lineedit_set(&le, "fil");
	ck_assert_uint_eq(lineedit_complete(&le, words, 3), 1);
	TEXT_IS("filter ", 7);
	/* the next word: nothing starts with "x" */
	lineedit_insert(&le, "x");
	ck_assert_uint_eq(lineedit_complete(&le, words, 3), 0);
	TEXT_IS("filter x", 8);
	/* a word typed in full gets its space */
	lineedit_set(&le, "sort");
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 1);
	TEXT_IS("sort ", 5);
	/* in the middle: a space already there is stepped over */
	lineedit_set(&le, "sort q name");
	keys(LE_LEFT, 5);
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 1);
	TEXT_IS("sort quit name", 10);
	/* the word after '=' */
	lineedit_set(&le, "filter nat=SY");
	{
		static const char *const nats[] = { "SYR", "IRQ", "RUS" };

		ck_assert_uint_eq(lineedit_complete(&le, nats, 3), 1);
		TEXT_IS("filter nat=SYR ", 15);
	}
	/* Turkish */
	{
		static const char *const cities[] = { "İstanbul", "İzmir", "Ankara", "Iğdır" };

		lineedit_set(&le, "İs");
		ck_assert_uint_eq(lineedit_complete(&le, cities, 4), 1);
		TEXT_IS("İstanbul ", 10);
		lineedit_set(&le, "I");
		ck_assert_uint_eq(lineedit_complete(&le, cities, 4), 1);
		TEXT_IS("Iğdır ", 8);
	}
	ck_assert_uint_eq(lineedit_complete(&le, NULL, 0), 0);
}
END_TEST

START_TEST(complete_prefix_cycle)
{
	lineedit_set(&le, "f");
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 4);
	TEXT_IS("fi", 2);
	/* again, nothing changed: each match in turn, round and round */
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 4);
	TEXT_IS("filter", 6);
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 4);
	TEXT_IS("filter-clear", 12);
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 4);
	TEXT_IS("find", 4);
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 4);
	TEXT_IS("first", 5);
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 4);
	TEXT_IS("filter", 6);
	/* an edit ends the cycle: now "filter" is a prefix of two */
	lineedit_key(&le, LE_LEFT);
	lineedit_key(&le, LE_RIGHT);
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 2);
	TEXT_IS("filter", 6);                     /* nothing to add */
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 2);
	TEXT_IS("filter", 6);                     /* the first match */
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 2);
	TEXT_IS("filter-clear", 12);
	/* an empty word matches every distinct usable word */
	lineedit_set(&le, "sort ");
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 7);
	TEXT_IS("sort ", 5);
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 7);
	TEXT_IS("sort filter", 11);
	/* text after the cursor stays */
	lineedit_set(&le, "s name");
	keys(LE_LEFT, 5);
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 2);
	TEXT_IS("s name", 1);
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 2);
	TEXT_IS("sort name", 4);
	ck_assert_uint_eq(lineedit_complete(&le, actions, NACTIONS), 2);
	TEXT_IS("show name", 4);
}
END_TEST

START_TEST(complete_utf8)
{
	static const char *const tokyo[] = { "東京", "東北", "大阪" };
	static const char *const names[] = { "Şükrü", "şule" };   /* C5 9E, C5 9F */
	static const char *const cyr[] = { "Петров", "Петренко" };

	/* the common prefix of 東京 and 東北 is 東: nothing to add */
	lineedit_set(&le, "東");
	ck_assert_uint_eq(lineedit_complete(&le, tokyo, 3), 2);
	TEXT_IS("東", 3);
	ck_assert_uint_eq(lineedit_complete(&le, tokyo, 3), 2);
	TEXT_IS("東京", 6);
	ck_assert_uint_eq(lineedit_complete(&le, tokyo, 3), 2);
	TEXT_IS("東北", 6);
	/* Ş and ş share their first byte: the prefix is cut before it */
	lineedit_set(&le, "");
	ck_assert_uint_eq(lineedit_complete(&le, names, 2), 2);
	TEXT_IS("", 0);
	ck_assert_uint_eq(lineedit_complete(&le, names, 2), 2);
	TEXT_IS("Şükrü", 8);
	lineedit_set(&le, "П");
	ck_assert_uint_eq(lineedit_complete(&le, cyr, 2), 2);
	TEXT_IS("Петр", 8);
	ck_assert(u8_valid(lineedit_text(&le), strlen(lineedit_text(&le)), NULL));
}
END_TEST

/* --- the view ---------------------------------------------------------------- */

static char shown[256];
static int col;

static int
view(int width)
{
	col = -1;
	return lineedit_view(&le, width, &col, shown, sizeof shown);
}

START_TEST(view_scrolls)
{
	lineedit_set(&le, "abcdefghij");
	/* the cursor at the end needs a cell of its own */
	ck_assert_int_eq(view(5), 5);
	ck_assert_str_eq(shown, "ghij ");
	ck_assert_int_eq(col, 4);
	lineedit_key(&le, LE_HOME);
	ck_assert_int_eq(view(5), 5);
	ck_assert_str_eq(shown, "abcde");
	ck_assert_int_eq(col, 0);
	/* moving inside the window does not scroll it */
	keys(LE_RIGHT, 4);
	view(5);
	ck_assert_str_eq(shown, "abcde");
	ck_assert_int_eq(col, 4);
	/* one past its edge scrolls one */
	lineedit_key(&le, LE_RIGHT);
	view(5);
	ck_assert_str_eq(shown, "bcdef");
	ck_assert_int_eq(col, 4);
	lineedit_key(&le, LE_LEFT);
	view(5);
	ck_assert_str_eq(shown, "bcdef");
	ck_assert_int_eq(col, 3);
	/* shorter text scrolls back to fill the field */
	lineedit_key(&le, LE_END);
	view(5);
	ck_assert_str_eq(shown, "ghij ");
	keys(LE_BACKSPACE, 3);
	view(5);
	ck_assert_str_eq(shown, "defg ");
	ck_assert_int_eq(col, 4);
	/* all of it fits */
	ck_assert_int_eq(view(12), 12);
	ck_assert_str_eq(shown, "abcdefg     ");
	ck_assert_int_eq(col, 7);
	/* nothing */
	lineedit_set(&le, "");
	ck_assert_int_eq(view(3), 3);
	ck_assert_str_eq(shown, "   ");
	ck_assert_int_eq(col, 0);
	ck_assert_int_eq(view(0), 0);
	ck_assert_str_eq(shown, "");
	ck_assert_int_eq(view(-4), 0);
	ck_assert_int_eq(col, 0);
}
END_TEST

START_TEST(view_cjk_edge)
{
	lineedit_set(&le, "ab東京");          /* 6 columns */
	lineedit_key(&le, LE_HOME);
	/* 京 would straddle the edge: left out, a blank in its place */
	ck_assert_int_eq(view(5), 5);
	ck_assert_str_eq(shown, "ab東 ");
	ck_assert_int_eq(col, 0);
	ck_assert_int_eq(view(6), 6);
	ck_assert_str_eq(shown, "ab東京");
	lineedit_key(&le, LE_END);
	view(5);
	ck_assert_str_eq(shown, "東京 ");
	ck_assert_int_eq(col, 4);
	/* on 京, which needs two columns: all but 'a' fits */
	lineedit_key(&le, LE_LEFT);
	view(5);
	ck_assert_str_eq(shown, "b東京");
	ck_assert_int_eq(col, 3);
	/* a double-width character under the cursor is kept whole in view */
	lineedit_set(&le, "abcd東");
	lineedit_key(&le, LE_LEFT);
	lineedit_key(&le, LE_HOME);
	view(5);
	ck_assert_str_eq(shown, "abcd ");
	keys(LE_RIGHT, 4);
	view(5);
	ck_assert_str_eq(shown, "bcd東");
	ck_assert_int_eq(col, 3);
	/* odd widths over a run of CJK */
	lineedit_set(&le, "東京都大阪府");       /* 12 columns */
	view(7);
	ck_assert_str_eq(shown, "大阪府 ");
	ck_assert_int_eq(col, 6);
	lineedit_key(&le, LE_HOME);
	view(7);
	ck_assert_str_eq(shown, "東京都 ");
	ck_assert_int_eq(col, 0);
	keys(LE_RIGHT, 3);
	view(7);
	ck_assert_str_eq(shown, "京都大 ");
	ck_assert_int_eq(col, 4);
	/* too narrow for the character itself: the cursor still has column 0 */
	lineedit_key(&le, LE_HOME);
	view(1);
	ck_assert_str_eq(shown, " ");
	ck_assert_int_eq(col, 0);
}
END_TEST

START_TEST(view_scripts_and_marks)
{
	lineedit_set(&le, "İstanbul ışık");
	ck_assert_int_eq(view(20), 20);
	ck_assert_str_eq(shown, "İstanbul ışık       ");
	ck_assert_int_eq(col, 13);
	ck_assert_int_eq(u8_width(shown), 20);
	view(8);
	ck_assert_str_eq(shown, "ul ışık ");
	ck_assert_int_eq(col, 7);
	lineedit_set(&le, "محمد Петров");
	view(8);
	ck_assert_str_eq(shown, " Петров ");
	ck_assert_int_eq(col, 7);
	lineedit_key(&le, LE_HOME);
	view(8);
	ck_assert_str_eq(shown, "محمد Пет");
	/* combining marks take no column and stay with their letter */
	lineedit_set(&le, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81");
	view(3);
	ck_assert_str_eq(shown, "e\xcc\x81" "e\xcc\x81 ");
	ck_assert_int_eq(col, 2);
	/* controls and bidi overrides from a record are shown as marks */
	lineedit_set(&le, "a\tb");
	view(6);
	ck_assert_str_eq(shown, "a^Ib  ");
	ck_assert_int_eq(col, 4);
	keys(LE_LEFT, 2);
	view(6);
	ck_assert_int_eq(col, 1);
	lineedit_set(&le, "x\xe2\x80\xae" "y");
	view(12);
	ck_assert_str_eq(shown, "x<U+202E>y  ");
	ck_assert_int_eq(col, 10);
	lineedit_set(&le, "a\xff");
	view(3);
	ck_assert_str_eq(shown, "a\xef\xbf\xbd ");
}
END_TEST

START_TEST(view_small_buffer)
{
	char out[5];
	int c = -1;

	lineedit_set(&le, "abcdef");
	/* "cdef " would need 6 bytes: cut at whole characters */
	ck_assert_int_eq(lineedit_view(&le, 5, &c, out, sizeof out), 4);
	ck_assert_str_eq(out, "cdef");
	ck_assert_int_eq(c, 4);
	lineedit_set(&le, "東京都");
	lineedit_key(&le, LE_HOME);
	ck_assert_int_eq(lineedit_view(&le, 6, &c, out, sizeof out), 2);
	ck_assert_str_eq(out, "東");
	ck_assert_int_eq(lineedit_view(&le, 6, NULL, out, 1), 0);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(lineedit_view(&le, 6, &c, NULL, 0), 0);
	ck_assert_int_eq(c, 0);
}
END_TEST

/* Every view, after every key, over text of every width: exactly the
 * width asked, whole characters, the cursor inside. */
START_TEST(view_invariants)
{
	static const char *const texts[] = {
		"İstanbul ışık 東京 محمد Петров e\xcc\x81 x\tz",
		"東京都大阪府京都府北海道",
		"abc",
	};
	static const enum lineedit_op ops[] = {
		LE_RIGHT, LE_RIGHT, LE_RIGHT, LE_LEFT, LE_END, LE_HOME,
		LE_WORD_RIGHT, LE_WORD_RIGHT, LE_DELETE, LE_WORD_LEFT, LE_RIGHT,
		LE_BACKSPACE, LE_END, LE_LEFT, LE_LEFT, LE_KILL_WORD,
	};

	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
		for (int width = 1; width <= 30; width++) {
			lineedit_set(&le, texts[t]);
			for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
				int w = view(width);

				lineedit_key(&le, ops[k]);
				ck_assert_int_eq(w, width);
				ck_assert_int_eq(u8_width(shown), width);
				ck_assert(u8_valid(shown, strlen(shown), NULL));
				ck_assert_int_ge(col, 0);
				ck_assert_int_lt(col, width);
				ck_assert(u8_valid(lineedit_text(&le), strlen(lineedit_text(&le)), NULL));
			}
		}
}
END_TEST

Suite *
suite_lineedit(void)
{
	Suite *s = suite_create("lineedit");
	TCase *e = tcase_create("edit");
	TCase *h = tcase_create("history");
	TCase *c = tcase_create("complete");
	TCase *v = tcase_create("view");

	tcase_add_checked_fixture(e, setup, teardown);
	tcase_add_test(e, insert_text);
	tcase_add_test(e, set_text);
	tcase_add_test(e, heap_editor);
	tcase_add_test(e, long_text_grows);
	tcase_add_test(e, move_turkish);
	tcase_add_test(e, move_mixed_scripts);
	tcase_add_test(e, combining_marks);
	tcase_add_test(e, backspace_delete);
	tcase_add_test(e, kill_word);
	tcase_add_test(e, kill_line_end);
	suite_add_tcase(s, e);

	tcase_add_checked_fixture(h, setup, teardown);
	tcase_add_test(h, history_walk);
	tcase_add_test(h, history_cap);
	suite_add_tcase(s, h);

	tcase_add_checked_fixture(c, setup, teardown);
	tcase_add_test(c, complete_unique);
	tcase_add_test(c, complete_prefix_cycle);
	tcase_add_test(c, complete_utf8);
	suite_add_tcase(s, c);

	tcase_add_checked_fixture(v, setup, teardown);
	tcase_add_test(v, view_scrolls);
	tcase_add_test(v, view_cjk_edge);
	tcase_add_test(v, view_scripts_and_marks);
	tcase_add_test(v, view_small_buffer);
	tcase_add_test(v, view_invariants);
	suite_add_tcase(s, v);
	return s;
}
