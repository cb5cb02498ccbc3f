/* test_report.c: the report. Its formatters (bars at any width, UTF-8
 * or ASCII, sparklines, hostile text made harmless in text and XML)
 * without a database; then on 400 demo persons: the caseload by stage
 * is the list's count for every filter, and the stages on a past day
 * (--since) are the ones the pathway rules give person by person. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casepath/date.h"
#include "casepath/demo.h"
#include "casepath/report.h"
#include "casepath/rules.h"
#include "casepath/store.h"
#include "casepath/store_view.h"
#include "casepath/vocab.h"
#include "fixture.h"

Suite *suite_report(void);

#define PERSONS 400
#define TODAY FIXTURE_TODAY

/* --- bars and sparklines ------------------------------------------------------ */

static const struct {
	long value, max;
	int cells;
	bool unicode;
	const char *bar;
	int used;
} bars[] = {
	{ 0, 10, 10, true, "", 0 },
	{ 5, 0, 10, true, "", 0 },
	{ 5, 10, 0, true, "", 0 },
	{ 10, 10, 4, true, "████", 4 },
	{ 20, 10, 4, true, "████", 4 },               /* clamped to max */
	{ 5, 10, 10, true, "█████", 5 },
	{ 1, 8, 1, true, "▏", 1 },                    /* an eighth */
	{ 3, 8, 2, true, "▊", 1 },                    /* 6 of 16 eighths */
	{ 7, 8, 2, true, "█▊", 2 },                   /* 14 of 16: 1 and 6/8 */
	{ 1, 1000000, 40, true, "▏", 1 },             /* never invisible */
	{ 1, 3, 10, true, "███▍", 4 },                /* 26.7 eighths -> 27 */
	{ 10, 10, 4, false, "####", 4 },
	{ 5, 10, 10, false, "#####", 5 },
	{ 3, 8, 2, false, "#", 1 },                   /* 0.75 -> 1 */
	{ 1, 1000000, 40, false, "#", 1 },
	{ 1, 3, 10, false, "###", 3 },
};

START_TEST(bar_widths)
{
	char out[256];
	int used = report_bar(bars[_i].value, bars[_i].max, bars[_i].cells,
	                      bars[_i].unicode, out, sizeof out);

	ck_assert_msg(strcmp(out, bars[_i].bar) == 0, "case %d: '%s', expected '%s'",
	              _i, out, bars[_i].bar);
	ck_assert_int_eq(used, bars[_i].used);
}
END_TEST

START_TEST(bar_small_buffer)
{
	char out[8];

	/* two blocks of three bytes fit, a third does not: whole ones only */
	ck_assert_int_eq(report_bar(10, 10, 5, true, out, sizeof out), 2);
	ck_assert_str_eq(out, "██");
	ck_assert_int_eq(report_bar(10, 10, 20, false, out, sizeof out), 7);
	ck_assert_str_eq(out, "#######");
}
END_TEST

START_TEST(sparklines)
{
	long v[] = { 0, 1, 2, 4, 8 }, zero[] = { 0, 0, 0 }, neg[] = { -3, 3 };
	char out[64];

	ck_assert_int_eq(report_spark(v, 5, true, out, sizeof out), 5);
	ck_assert_str_eq(out, " ▁▂▄█");
	ck_assert_int_eq(report_spark(v, 5, false, out, sizeof out), 5);
	ck_assert_str_eq(out, " .:=#");
	report_spark(zero, 3, true, out, sizeof out);
	ck_assert_str_eq(out, "   ");
	report_spark(neg, 2, false, out, sizeof out);
	ck_assert_str_eq(out, " #");
}
END_TEST

START_TEST(unicode_only_where_it_shows)
{
	ck_assert(report_unicode_ok("UTF-8", NULL));
	ck_assert(report_unicode_ok("UTF-8", "xterm-256color"));
	ck_assert(!report_unicode_ok("UTF-8", "vt100"));
	ck_assert(!report_unicode_ok("UTF-8", "dumb"));
	ck_assert(!report_unicode_ok("ANSI_X3.4-1968", NULL));
	ck_assert(!report_unicode_ok(NULL, NULL));
}
END_TEST

/* --- calendar ------------------------------------------------------------------ */

static int32_t
day(const char *s)
{
	int32_t d = 0;

	ck_assert_msg(day_parse(s, &d) == NULL, "%s", s);
	return d;
}

START_TEST(whole_months)
{
	ck_assert_int_eq(report_months_between(day("2026-05-10"), day("2026-11-23")), 6);
	ck_assert_int_eq(report_months_between(day("2026-05-10"), day("2026-11-09")), 5);
	ck_assert_int_eq(report_months_between(day("2026-05-10"), day("2026-11-10")), 6);
	/* as day_add counts a clock: 31 Jan + 1 month is 28 Feb */
	ck_assert_int_eq(report_months_between(day("2026-01-31"), day("2026-02-27")), 0);
	ck_assert_int_eq(report_months_between(day("2026-01-31"), day("2026-02-28")), 1);
	ck_assert_int_eq(report_months_between(day("2024-02-29"), day("2025-02-28")), 12);
	ck_assert_int_eq(report_months_between(day("2026-11-23"), day("2026-11-01")), 0);
	ck_assert_int_eq(report_months_between(day("2021-10-01"), day("2026-11-23")), 61);
}
END_TEST

START_TEST(month_series)
{
	struct report r = { .since = -1 };
	struct report_section *s = report_add_section(&r, "x", "X", "events", CHART_SERIES);
	struct report_row *row;

	report_set_months(s, day("2026-02-14"), 24);
	ck_assert_str_eq(s->months[0], "2024-03");
	ck_assert_str_eq(s->months[23], "2026-02");
	ck_assert_int_eq(report_month_index(s, day("2024-03-01")), 0);
	ck_assert_int_eq(report_month_index(s, day("2024-02-29")), -1);
	ck_assert_int_eq(report_month_index(s, day("2026-02-28")), 23);
	ck_assert_int_eq(report_month_index(s, day("2026-03-01")), -1);
	row = report_add_row(s, "k", "K", NULL, 0);
	ck_assert_ptr_nonnull(row->series);
	ck_assert_int_eq(row->series[23], 0);
	ck_assert_ptr_eq(report_section(&r, "x"), s);
	ck_assert_ptr_null(report_section(&r, "y"));
	report_clear(&r);
	ck_assert_int_eq((int)r.nsections, 0);
	ck_assert_int_eq(r.since, -1);
}
END_TEST

/* --- hostile text -------------------------------------------------------------- */

START_TEST(xml_escape)
{
	char out[256];
	size_t need;

	need = report_xml_escape("a<b>&\"'", out, sizeof out);
	ck_assert_str_eq(out, "a&lt;b&gt;&amp;&quot;&#39;");
	ck_assert_uint_eq(need, strlen(out));
	/* control characters made visible first, then escaped */
	report_xml_escape("Evil\x1b[2J\x07 \xe2\x80\xaeright", out, sizeof out);
	ck_assert_str_eq(out, "Evil^[[2J^G &lt;U+202E&gt;right");
	/* invalid UTF-8 and the non-characters XML forbids */
	report_xml_escape("x\xff\xef\xbf\xbe\xef\xbf\xbfy", out, sizeof out);
	ck_assert_str_eq(out, "x\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdy");
	/* a short buffer: whole pieces only, and the full need told */
	need = report_xml_escape("&&&&", out, 12);
	ck_assert_str_eq(out, "&amp;&amp;");
	ck_assert_uint_eq(need, 20);
	ck_assert_uint_eq(report_xml_escape("<", NULL, 0), 4);
}
END_TEST

/* A report with one section whose texts are hostile. */
static void
hostile(struct report *r)
{
	struct report_section *s;
	struct report_row *row;

	memset(r, 0, sizeof *r);
	r->since = day("2026-07-01");
	r->as_of = day(TODAY);
	snprintf(r->filter, sizeof r->filter, "nat=SYR");
	r->persons = 3;
	s = report_add_section(r, "evil", "Title <b>\x1b]0;pwned\x07", "persons",
	                       CHART_HISTOGRAM);
	s->shares = true;
	s->total = 3;
	report_set_note(s, "note & \"quotes\" \xe2\x80\xae");
	row = report_add_row(s, "k1", "Evil\x1b[2J <script>", "", 2);
	row->has_change = true;
	row->change = -1;
	row = report_add_row(s, "k2", "A & B, \"C\"", "limit <x> & 'y'", 1);
	row->flags |= ROW_LIMIT | ROW_ALERT;
	s = report_add_section(r, "series", "Series", "events", CHART_SERIES);
	report_set_months(s, r->as_of, 3);
	row = report_add_row(s, "s", "</text><script>", "", 3);
	row->series[2] = 3;
}

static char *
write_with(int (*fn)(FILE *, const struct report *, int, bool), int kind,
           const struct report *r, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	ck_assert_ptr_nonnull(f);
	if (kind == 0)
		ck_assert_int_eq(fn(f, r, 80, true), 0);
	else if (kind == 1)
		ck_assert_int_eq(report_write_html(f, r), 0);
	else
		ck_assert_int_eq(report_write_csv(f, r, &r->sections[0]), 0);
	fclose(f);
	return buf;
}

START_TEST(hostile_text)
{
	struct report r;
	size_t len;
	char *out;

	hostile(&r);
	out = write_with(report_write_text, 0, &r, &len);
	ck_assert_msg(memchr(out, '\x1b', len) == NULL, "raw ESC in text");
	ck_assert_msg(memchr(out, '\x07', len) == NULL, "raw BEL in text");
	ck_assert_ptr_nonnull(strstr(out, "Evil^[[2J <script>"));
	ck_assert_ptr_nonnull(strstr(out, "<U+202E>"));
	ck_assert_ptr_nonnull(strstr(out, "limit <x> & 'y'"));
	ck_assert_ptr_nonnull(strstr(out, "! A & B"));
	ck_assert_ptr_nonnull(strstr(out, "-1"));
	free(out);

	out = write_with(NULL, 1, &r, &len);
	ck_assert_msg(memchr(out, '\x1b', len) == NULL, "raw ESC in HTML");
	ck_assert_ptr_null(strstr(out, "<script"));
	ck_assert_ptr_null(strstr(out, "</text><"));
	ck_assert_ptr_nonnull(strstr(out, "Evil^[[2J &lt;script&gt;"));
	ck_assert_ptr_nonnull(strstr(out, "A &amp; B, &quot;C&quot;"));
	ck_assert_ptr_nonnull(strstr(out, "Title &lt;b&gt;^[]0;pwned^G"));
	ck_assert_ptr_nonnull(strstr(out, "&lt;/text&gt;&lt;script&gt;"));
	ck_assert_ptr_nonnull(strstr(out, "note &amp; &quot;quotes&quot; &lt;U+202E&gt;"));
	free(out);

	out = write_with(NULL, 2, &r, &len);
	ck_assert_msg(memchr(out, '\x1b', len) == NULL, "raw ESC in CSV");
	ck_assert_str_eq(out,
		"key,label,value,share,change,flags,note\n"
		"k1,Evil^[[2J <script>,2,66.7,-1,,\n"
		"k2,\"A & B, \"\"C\"\"\",1,33.3,,alert;limit,limit <x> & 'y'\n");
	free(out);
	report_clear(&r);
}
END_TEST

START_TEST(text_ascii_bars)
{
	struct report r;
	size_t len;
	char *buf = NULL;
	FILE *f = open_memstream(&buf, &len);

	hostile(&r);
	ck_assert_int_eq(report_write_text(f, &r, 80, false), 0);
	fclose(f);
	for (size_t i = 0; i < len; i++)
		ck_assert_msg((unsigned char)buf[i] < 0x80, "non-ASCII byte at %zu", i);
	ck_assert_ptr_nonnull(strstr(buf, "-- limit <x> & 'y' --"));
	ck_assert_ptr_nonnull(strstr(buf, "###"));
	free(buf);
	report_clear(&r);
}
END_TEST

/* --- on a demo database ----------------------------------------------------------- */

static struct fixture fx;

static void
setup(void)
{
	fixture_reopen(&fx, STORE_READONLY);
}

static void
teardown(void)
{
	store_close(&fx.st);
}

static void
remove_db(void)
{
	fixture_remove(&fx);
}

static void
build_db(void)
{
	fixture_demo(&fx, "report", PERSONS, 23, NULL, 0);
}

static long
section_sum(const struct report *r, const char *key)
{
	const struct report_section *s = report_section(r, key);
	long n = 0;

	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < s->nrows; i++)
		if (!(s->rows[i].flags & ROW_TOTAL))
			n += s->rows[i].value;
	return n;
}

static const char *const filters[] = {
	"", "nat=SYR", "sex=F age=minor", "stage=removal_centre", "flags=barred",
	"flags=overdue", "flags=unaccompanied", "within=14 sex=M", "age=adult nat=RUS",
	"flags=interpreter",
};

START_TEST(caseload_is_the_list_count)
{
	struct list_query q = { .sort = SORT_CASE };
	struct report r = { .since = -1 };
	char err[256];

	q.filter.today = day(TODAY);
	ck_assert_int_eq(list_filter_parse(filters[_i], &q.filter, err, sizeof err), ST_OK);
	ck_assert_int_eq(store_report(fx.st, &q.filter, day(TODAY), -1, &r), ST_OK);
	ck_assert_int_eq(r.persons, store_list_count(fx.st, &q));
	ck_assert_int_eq(section_sum(&r, "stage"), r.persons);
	ck_assert_int_eq(section_sum(&r, "nationality"), r.persons);
	ck_assert_int_eq(section_sum(&r, "sex_age"), r.persons);
	ck_assert_int_eq((int)r.nsections, 11);
	report_clear(&r);
}
END_TEST

/* The stage counts on a past day are what store_pathway says of each
 * person on that day, for the persons with an event by then; with a
 * filter (counted in one pass of its own), for those it selects. */
START_TEST(since_follows_the_rules)
{
	static const char *const days[] = { "2026-10-01", "2025-06-30", "2020-01-01" };
	bool by_nat = _i >= 3;
	int32_t since = day(days[_i % 3]);
	struct list_filter f = { .today = 0 };
	struct report r = { .since = -1 };
	char err[128];
	int nstages = 0;
	long *want, present = 0;
	sqlite3 *db;
	sqlite3_stmt *s;
	const struct report_section *sec;

	while (vocab_stages[nstages])
		nstages++;
	want = calloc((size_t)nstages + 1, sizeof *want);
	ck_assert_int_eq(sqlite3_open_v2(fx.path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db,
		"SELECT case_no, EXISTS (SELECT 1 FROM event e WHERE e.person_id = p.id"
		" AND e.date_lo <= ?1) FROM person p"
		" WHERE ?2 = 0 OR coalesce(nationality, '') = 'RUS'", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int(s, 1, since);
	sqlite3_bind_int(s, 2, by_nat);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct rule_result res = { .stage = -1 };

		if (!sqlite3_column_int(s, 1))
			continue;
		present++;
		ck_assert_int_eq(store_pathway(fx.st, (const char *)sqlite3_column_text(s, 0),
		                               since, &res), ST_OK);
		want[res.stage >= 0 ? res.stage : nstages]++;
		rule_result_clear(&res);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);

	ck_assert_int_eq(list_filter_parse(by_nat ? "nat=RUS" : "", &f, err, sizeof err),
	                 ST_OK);
	ck_assert_int_eq(store_report(fx.st, &f, day(TODAY), since, &r), ST_OK);
	sec = report_section(&r, "stage");
	ck_assert_int_eq(sec->total - sec->change, present);
	for (int i = 0; i <= nstages; i++) {
		const char *key = i < nstages ? vocab_stages[i] : "none";
		long then = 0;

		for (size_t k = 0; k < sec->nrows; k++)
			if (strcmp(sec->rows[k].key, key) == 0)
				then = sec->rows[k].value - sec->rows[k].change;
		ck_assert_msg(then == want[i], "%s on %s%s: %ld, the rules say %ld", key,
		              days[_i % 3], by_nat ? " (RUS)" : "", then, want[i]);
	}
	/* every person-level section agrees on who was there */
	ck_assert_int_eq(report_section(&r, "nationality")->total -
	                 report_section(&r, "nationality")->change, present);
	ck_assert_int_eq(report_section(&r, "sex_age")->total -
	                 report_section(&r, "sex_age")->change, present);
	free(want);
	report_clear(&r);
}
END_TEST

Suite *
suite_report(void)
{
	Suite *s = suite_create("report");
	TCase *fmt = tcase_create("format");
	TCase *db = tcase_create("store");

	tcase_add_loop_test(fmt, bar_widths, 0, (int)(sizeof bars / sizeof bars[0]));
	tcase_add_test(fmt, bar_small_buffer);
	tcase_add_test(fmt, sparklines);
	tcase_add_test(fmt, unicode_only_where_it_shows);
	tcase_add_test(fmt, whole_months);
	tcase_add_test(fmt, month_series);
	tcase_add_test(fmt, xml_escape);
	tcase_add_test(fmt, hostile_text);
	tcase_add_test(fmt, text_ascii_bars);
	suite_add_tcase(s, fmt);

	tcase_add_unchecked_fixture(db, build_db, remove_db);
	tcase_add_checked_fixture(db, setup, teardown);
	tcase_set_timeout(db, 120);
	tcase_add_loop_test(db, caseload_is_the_list_count, 0,
	                    (int)(sizeof filters / sizeof filters[0]));
	tcase_add_loop_test(db, since_follows_the_rules, 0, 6);
	suite_add_tcase(s, db);
	return s;
}
