/* test_demo.c: the demo generator. A test sink records every row in
 * memory; the tests check that the same seed gives the same rows, that
 * every field is one the loader accepts, that each person's events are
 * a sequence their pathway could really produce, and that the data
 * shows what a demo must (families, scripts, hostile names). */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/date.h"
#include "casepath/demo.h"
#include "casepath/vocab.h"

Suite *suite_demo(void);

/* Checked for every row: libcheck writes out the place of every
 * assertion it evaluates, so only a failure goes through it. */
#define CHECK(cond, ...) \
	do { \
		if (!(cond)) \
			ck_assert_msg(0, __VA_ARGS__); \
	} while (0)

/* --- the recording sink ------------------------------------------------------ */

enum { PF_CASE, PF_FAMILY, PF_GIVEN, PF_NATIVE, PF_ALIASES, PF_SEX, PF_BIRTH,
       PF_NAT, PF_CLAIMED, PF_ETHNICITY, PF_LANGS, PF_INTERP, PF_CATEGORY,
       PF_NOTES, PF_N };
enum { EF_CASE, EF_DATE, EF_KIND, EF_PLACE, EF_COUNTRY, EF_REF, EF_DURATION,
       EF_OUTCOME, EF_NOTE, EF_N };
enum { RF_CASE, RF_RELATION, RF_OTHER, RF_VERIFICATION, RF_NOTE, RF_N };
enum { DF_CASE, DF_TYPE, DF_NUMBER, DF_COUNTRY, DF_ISSUED, DF_EXPIRES,
       DF_STATUS, DF_NOTE, DF_N };

struct rows {
	size_t *off;     /* nf offsets per row */
	int *person;     /* the person a row names (events, documents) */
	int n, cap, nf;
};

struct rec {
	char *arena;     /* every field, in emission order: also the
	                  * fingerprint two runs are compared by */
	size_t len, cap;
	struct rows p, e, r, d;
	int *slots;      /* case number -> person, open addressing */
	size_t nslots;
	int unknown_case, duplicate_case;
	int stop_after, seen;   /* stop test: return 7 after this many rows */
};

static size_t
arena_add(struct rec *r, const char *s)
{
	size_t n, at;

	if (!s) {
		/* NULL and "" differ in the fingerprint */
		s = "\x02";
	}
	n = strlen(s) + 1;
	if (r->len + n > r->cap) {
		r->cap = (r->len + n) * 2;
		r->arena = realloc(r->arena, r->cap);
		ck_assert_ptr_nonnull(r->arena);
	}
	at = r->len;
	memcpy(r->arena + at, s, n);
	r->len += n;
	return at;
}

static const char *
field(const struct rec *r, const struct rows *rows, int i, int f)
{
	size_t o = rows->off[(size_t)i * (size_t)rows->nf + (size_t)f];
	const char *s = r->arena + o;

	return strcmp(s, "\x02") == 0 ? NULL : s;
}

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static int
find_case(const struct rec *r, const char *case_no)
{
	size_t i;

	if (!case_no)
		return -1;
	for (i = hash(case_no) & (r->nslots - 1); r->slots[i] >= 0;
	     i = (i + 1) & (r->nslots - 1))
		if (strcmp(field(r, &r->p, r->slots[i], PF_CASE), case_no) == 0)
			return r->slots[i];
	return -1;
}

static void
insert_case(struct rec *r, const char *case_no, int person)
{
	size_t i;

	if (find_case(r, case_no) >= 0) {
		r->duplicate_case++;
		return;
	}
	for (i = hash(case_no) & (r->nslots - 1); r->slots[i] >= 0;
	     i = (i + 1) & (r->nslots - 1))
		;
	r->slots[i] = person;
}

static int
add_row(struct rec *r, struct rows *rows, const char *const *f, int nf,
        const char *tag)
{
	if (rows->n == rows->cap) {
		rows->cap = rows->cap ? rows->cap * 2 : 1024;
		rows->off = realloc(rows->off, (size_t)rows->cap * (size_t)nf * sizeof *rows->off);
		rows->person = realloc(rows->person, (size_t)rows->cap * sizeof *rows->person);
		ck_assert_ptr_nonnull(rows->off);
		ck_assert_ptr_nonnull(rows->person);
	}
	rows->nf = nf;
	arena_add(r, tag);
	for (int i = 0; i < nf; i++)
		rows->off[(size_t)rows->n * (size_t)nf + (size_t)i] = arena_add(r, f[i]);
	rows->person[rows->n] = -1;
	return rows->n++;
}

static int
stop_check(struct rec *r)
{
	return r->stop_after && ++r->seen >= r->stop_after ? 7 : 0;
}

static int
sink_person(void *ctx, const struct person_in *p)
{
	struct rec *r = ctx;
	const char *f[PF_N] = {
		p->case_no, p->family_name, p->given_names, p->native_name,
		p->aliases, p->sex, p->birth_date, p->nationality,
		p->claimed_nationality, p->ethnicity, p->languages,
		p->interpreter_needed, p->category, p->notes,
	};
	int i = add_row(r, &r->p, f, PF_N, "P");

	insert_case(r, p->case_no ? p->case_no : "", i);
	return stop_check(r);
}

static int
sink_event(void *ctx, const struct event_in *e)
{
	struct rec *r = ctx;
	const char *f[EF_N] = {
		e->case_no, e->date, e->kind, e->place, e->country, e->ref,
		e->duration, e->outcome, e->note,
	};
	int i = add_row(r, &r->e, f, EF_N, "E");

	r->e.person[i] = find_case(r, e->case_no);
	if (r->e.person[i] < 0)
		r->unknown_case++;
	return stop_check(r);
}

static int
sink_relation(void *ctx, const struct relation_in *rel)
{
	struct rec *r = ctx;
	const char *f[RF_N] = {
		rel->case_no, rel->relation, rel->other_case_no, rel->verification,
		rel->note,
	};

	add_row(r, &r->r, f, RF_N, "R");
	if (find_case(r, rel->case_no) < 0 || find_case(r, rel->other_case_no) < 0)
		r->unknown_case++;
	return stop_check(r);
}

static int
sink_document(void *ctx, const struct document_in *d)
{
	struct rec *r = ctx;
	const char *f[DF_N] = {
		d->case_no, d->doc_type, d->number, d->issuing_country, d->issued,
		d->expires, d->status, d->note,
	};
	int i = add_row(r, &r->d, f, DF_N, "D");

	r->d.person[i] = find_case(r, d->case_no);
	if (r->d.person[i] < 0)
		r->unknown_case++;
	return stop_check(r);
}

static struct rec *
rec_new(long persons)
{
	struct rec *r = calloc(1, sizeof *r);

	ck_assert_ptr_nonnull(r);
	r->nslots = 16;
	while (r->nslots < (size_t)persons * 2)
		r->nslots *= 2;
	r->slots = malloc(r->nslots * sizeof *r->slots);
	ck_assert_ptr_nonnull(r->slots);
	for (size_t i = 0; i < r->nslots; i++)
		r->slots[i] = -1;
	return r;
}

static void
rows_free(struct rows *rows)
{
	free(rows->off);
	free(rows->person);
}

static void
rec_free(struct rec *r)
{
	free(r->arena);
	free(r->slots);
	rows_free(&r->p);
	rows_free(&r->e);
	rows_free(&r->r);
	rows_free(&r->d);
	free(r);
}

static int32_t
test_today(void)
{
	return day_from_ymd(2026, 11, 23);
}

static struct rec *
generate(long persons, uint64_t seed, int32_t today, int *rc)
{
	struct rec *r = rec_new(persons);
	struct demo_options opt = { persons, seed, today };
	struct demo_sink sink = { r, sink_person, sink_event, sink_relation,
	                          sink_document };

	*rc = demo_generate(&opt, &sink);
	return r;
}

/* --- field checks ------------------------------------------------------------ */

static const char *const countries[] = {
	"SYR", "IRQ", "RUS", "KAZ", "KGZ", "TJK", "UZB", "CHN", "TUR", "TUN",
	"LBY", "YEM", "EGY", "SAU", "IRN", "FRA", "DEU", "NLD", "BEL", "AUT",
	"GBR", "UKR", "GEO", "AZE", "XXA", "XXX", NULL
};
static const char *const languages[] = {
	"ar", "ru", "tr", "uz", "kk", "ky", "tg", "ug", "fr", "de", "nl", "en",
	"ce", "av", "dar", "fa", "ku", "zh", NULL
};
static const char *const categories[] = {
	"foreign_national", "turkish_returnee", "central_asian_repatriate",
	"nes_camp_resident", NULL
};
static const char *const witnesses[] = {
	"witness: UNHCR", "witness: Turkish Red Crescent",
	"witness: Provincial Human Rights Council", NULL
};
static const char *const grounds[] = {
	"origin country not cooperating", "paperwork incomplete", NULL
};
static const char *const with_duration[] = {
	"sentence", "detention_extended", "police_custody", "custody_extended",
	"security_code", "electronic_monitoring", "travel_ban", "judicial_control",
	NULL
};

/* Strict UTF-8: no overlongs, surrogates or code points past U+10FFFF. */
static bool
utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned c = *p, cp;
		int n;

		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07;
		else
			return false;
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		p += n + 1;
	}
	return true;
}

/* Does s hold a code point in [lo, hi]? */
static bool
has_range(const char *s, unsigned lo, unsigned hi)
{
	const unsigned char *p = (const unsigned char *)nz(s);

	while (*p) {
		unsigned c = *p, cp = c;
		int n = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;

		if (n)
			cp = c & (0x3f >> n);
		for (int i = 1; i <= n && p[i]; i++)
			cp = (cp << 6) | (p[i] & 0x3f);
		if (cp >= lo && cp <= hi)
			return true;
		p += n + 1;
	}
	return false;
}

static size_t
u8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static bool
in_list(const char *const *list, const char *s)
{
	return s && vocab_index(list, s) >= 0;
}

static void
check_text(const char *what, const char *case_no, const char *s)
{
	if (!s)
		return;
	CHECK(utf8_ok(s), "%s: %s is not valid UTF-8", case_no, what);
	CHECK(strlen(s) <= 4000, "%s: %s is too long", case_no, what);
}

static void
check_pdate(const char *what, const char *case_no, const char *s, int32_t today,
            bool required)
{
	struct pdate d;
	const char *why;

	if (!s || !*s) {
		CHECK(!required, "%s: %s missing", case_no, what);
		return;
	}
	why = pdate_parse(s, &d);
	CHECK(why == NULL, "%s: %s '%s': %s", case_no, what, s, why ? why : "");
	CHECK(pdate_latest(&d) <= today, "%s: %s '%s' after today", case_no,
	              what, s);
}

static void
check_country(const char *what, const char *case_no, const char *s)
{
	if (!s || !*s)
		return;
	CHECK(in_list(countries, s), "%s: %s '%s' not allowed", case_no, what, s);
}

static void
check_person(const struct rec *r, int i, int32_t today)
{
	const char *cn = field(r, &r->p, i, PF_CASE);
	const char *langs = field(r, &r->p, i, PF_LANGS);
	const char *aliases = field(r, &r->p, i, PF_ALIASES);
	char buf[1024];

	CHECK(cn && *cn && strlen(cn) <= 40, "bad case number");
	for (const char *p = cn; *p; p++)
		CHECK((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		              strchr("-/_.", *p), "%s: bad case number", cn);
	for (int f = 0; f < PF_N; f++)
		check_text("a person field", cn, field(r, &r->p, i, f));
	CHECK(in_list(vocab_sexes, field(r, &r->p, i, PF_SEX)), "%s: sex", cn);
	check_pdate("birth_date", cn, field(r, &r->p, i, PF_BIRTH), today, false);
	CHECK(in_list(countries, field(r, &r->p, i, PF_NAT)), "%s: nationality", cn);
	check_country("claimed_nationality", cn, field(r, &r->p, i, PF_CLAIMED));
	CHECK(in_list(categories, field(r, &r->p, i, PF_CATEGORY)), "%s: category", cn);
	CHECK(strcmp(nz(field(r, &r->p, i, PF_INTERP)), "yes") == 0 ||
	              strcmp(nz(field(r, &r->p, i, PF_INTERP)), "no") == 0,
	              "%s: interpreter_needed", cn);
	CHECK(langs && *langs, "%s: no languages", cn);
	snprintf(buf, sizeof buf, "%s", langs);
	for (char *tok = strtok(buf, ";"); tok; tok = strtok(NULL, ";")) {
		char *dash = strchr(tok, '-');

		if (dash) {
			*dash = '\0';
			CHECK(dash[1], "%s: empty variety", cn);
			for (char *p = dash + 1; *p; p++)
				CHECK((*p >= 'a' && *p <= 'z') || *p == '-',
				              "%s: bad variety in '%s'", cn, langs);
		}
		CHECK(in_list(languages, tok), "%s: language '%s'", cn, tok);
	}
	if (aliases && *aliases) {
		snprintf(buf, sizeof buf, "%s", aliases);
		CHECK(strstr(aliases, ";;") == NULL && aliases[0] != ';' &&
		              aliases[strlen(aliases) - 1] != ';', "%s: empty alias", cn);
		for (char *tok = strtok(buf, ";"); tok; tok = strtok(NULL, ";")) {
			size_t n = strlen(tok);
			char *open = strrchr(tok, '(');

			CHECK(n > 0 && tok[0] != ' ', "%s: empty alias", cn);
			if (tok[n - 1] == ')') {
				CHECK(open != NULL, "%s: alias", cn);
				CHECK(open > tok && open[-1] == ' ', "%s: alias '%s'", cn, tok);
				tok[n - 1] = '\0';
				CHECK(in_list(vocab_alias_types, open + 1),
				              "%s: alias type '%s'", cn, open + 1);
			}
		}
	}
}

static void
check_event_fields(const struct rec *r, int i, int32_t today)
{
	const char *cn = field(r, &r->e, i, EF_CASE);
	const char *kind = field(r, &r->e, i, EF_KIND);
	const char *dur = field(r, &r->e, i, EF_DURATION);
	const char *out = nz(field(r, &r->e, i, EF_OUTCOME));
	const char *note = field(r, &r->e, i, EF_NOTE);
	const char *ref = field(r, &r->e, i, EF_REF);
	struct duration d;

	for (int f = 0; f < EF_N; f++)
		check_text("an event field", cn, field(r, &r->e, i, f));
	CHECK(in_list(vocab_event_kinds, kind), "%s: kind '%s'", cn, nz(kind));
	check_pdate("event date", cn, field(r, &r->e, i, EF_DATE), today, true);
	check_country("event country", cn, field(r, &r->e, i, EF_COUNTRY));
	if (dur && *dur) {
		CHECK(duration_parse(dur, &d) == NULL, "%s: duration '%s'", cn, dur);
		CHECK(!duration_is_zero(&d), "%s: zero duration", cn);
		CHECK(in_list(with_duration, kind), "%s: duration on %s", cn, kind);
	}
	if (ref) {
		CHECK(strlen(ref) == 9 && ref[4] == '/', "%s: ref '%s'", cn, ref);
		for (int k = 0; k < 9; k++)
			CHECK(k == 4 || (ref[k] >= '0' && ref[k] <= '9'), "%s: ref", cn);
	}
	if (strcmp(kind, "verdict") == 0)
		CHECK(!strcmp(out, "convicted") || !strcmp(out, "acquitted"),
		              "%s: verdict '%s'", cn, out);
	if (strcmp(kind, "challenge_decided") == 0)
		CHECK(!strcmp(out, "rejected") || !strcmp(out, "upheld"),
		              "%s: challenge '%s'", cn, out);
	if (strcmp(kind, "non_refoulement_assessment") == 0)
		CHECK(!strcmp(out, "risk") || !strcmp(out, "no_risk"), "%s: nr", cn);
	if (strcmp(kind, "appeal_decided") == 0)
		CHECK(!strcmp(out, "upheld") || !strcmp(out, "overturned"),
		              "%s: appeal '%s'", cn, out);
	if (strcmp(kind, "dna_test") == 0)
		CHECK(!strcmp(out, "confirmed") || !strcmp(out, "excluded") ||
		              !strcmp(out, "pending"), "%s: dna '%s'", cn, out);
	if (strcmp(kind, "voluntary_return_form") == 0) {
		CHECK(strcmp(out, "signed") == 0, "%s: form outcome", cn);
		CHECK(in_list(witnesses, note), "%s: witness '%s'", cn, nz(note));
	}
	if (strcmp(kind, "security_code") == 0)
		CHECK(!strcmp(out, "G87") || !strcmp(out, "G89"), "%s: code", cn);
	if (strcmp(kind, "detention_extended") == 0) {
		CHECK(dur && strcmp(dur, "6m") == 0, "%s: extension duration", cn);
		CHECK(in_list(grounds, out), "%s: extension ground '%s'", cn, out);
	}
	if (strcmp(kind, "sentence") == 0 || strcmp(kind, "police_custody") == 0)
		CHECK(dur && *dur, "%s: %s without duration", cn, kind);
}

/* --- pathway checks ------------------------------------------------------------ */

struct person_ctx {
	bool child;            /* someone's child or ward, or unaccompanied */
	bool syrian, uyghur, nr;
};

static int32_t
pd_lo(const char *s)
{
	struct pdate d;

	CHECK(pdate_parse(s, &d) == NULL, "bad date %s", s);
	return pdate_earliest(&d);
}

static int32_t
pd_hi(const char *s)
{
	struct pdate d;

	CHECK(pdate_parse(s, &d) == NULL, "bad date %s", s);
	return pdate_latest(&d);
}

static int32_t
plus(int32_t day, int y, int m, int d)
{
	struct duration du = { y, m, d };

	return day_add(day, &du);
}

static bool
is(const char *kind, const char *word)
{
	return strcmp(kind, word) == 0;
}

static bool
is_entry(const char *k)
{
	return is(k, "border_crossing") || is(k, "surrender_at_mission") ||
	       is(k, "surrender_at_border") || is(k, "entry_refused") ||
	       is(k, "camp_admission") || is(k, "repatriated");
}

static bool
is_release(const char *k)
{
	return is(k, "custody_release") || is(k, "prison_release") ||
	       is(k, "conditional_release") || is(k, "removal_centre_release") ||
	       is(k, "released_to_community");
}

static bool
is_removal(const char *k)
{
	return is(k, "deported") || is(k, "voluntary_return") ||
	       is(k, "third_country_removal");
}

static bool
is_prosecution(const char *k)
{
	return is(k, "police_custody") || is(k, "investigation_opened") ||
	       is(k, "charge") || is(k, "pretrial_detention") || is(k, "hearing") ||
	       is(k, "verdict") || is(k, "sentence") || is(k, "imprisonment") ||
	       is(k, "judicial_control");
}

/* Checks one person's events (ev[0..n), in emission order). */
static void
check_pathway(const struct rec *r, int person, const int *ev, int n,
              const struct person_ctx *pc, int32_t today)
{
	const char *cn = field(r, &r->p, person, PF_CASE);
	const char *birth = field(r, &r->p, person, PF_BIRTH);
	int32_t prev_hi = INT32_MIN, custody_day = -1, custody_len = 0;
	int32_t pre_start = -1, prison_start = -1, adm = -1, last_notified = -1;
	int32_t sentence_end = -1;
	int charges = 0, hearings_since_charge = 0, decisions = 0, notified = 0;
	int appeals_open = 0, challenges_open = 0, verdicts = 0;
	bool entered = false, convicted = false, sentenced = false, in_prison = false;
	bool in_centre = false, extended = false, released = false, dead = false;
	bool vr_form = false, assessed = false, left = false;
	const char *risk[8];
	int nrisk = 0;
	struct duration sent = { 0, 0, 0 };

	for (int k = 0; k < n; k++) {
		int i = ev[k];
		const char *kind = field(r, &r->e, i, EF_KIND);
		const char *date = field(r, &r->e, i, EF_DATE);
		const char *out = nz(field(r, &r->e, i, EF_OUTCOME));
		const char *note = field(r, &r->e, i, EF_NOTE);
		const char *country = nz(field(r, &r->e, i, EF_COUNTRY));
		const char *dur = field(r, &r->e, i, EF_DURATION);
		int32_t lo = pd_lo(date), hi = pd_hi(date);

		CHECK(!dead, "%s: %s after deceased", cn, kind);
		CHECK(k > 0 || !birth || !*birth || pd_lo(birth) <= lo,
		      "%s: an event before birth", cn);
		CHECK(hi <= today, "%s: %s %s after today", cn, kind, date);
		CHECK(prev_hi <= lo, "%s: %s %s out of order", cn, kind, date);
		prev_hi = hi;
		CHECK(!(pc->child && is_prosecution(kind)),
		              "%s: a child with %s", cn, kind);
		if (is(kind, "charge") && birth && *birth)
			CHECK(plus(pd_hi(birth), 12, 0, 0) <= lo,
			              "%s: charged under 12", cn);
		if (custody_day >= 0 && (is(kind, "custody_release") ||
		                         is(kind, "pretrial_detention"))) {
			CHECK(lo <= custody_day + custody_len && custody_len <= 12,
			              "%s: police custody too long", cn);
			custody_day = -1;
		}
		if (is_entry(kind)) {
			entered = true;
		} else if (is(kind, "police_custody")) {
			struct duration d;

			CHECK(entered, "%s: custody before entry", cn);
			CHECK(duration_parse(dur, &d) == NULL, "%s: bad duration", cn);
			CHECK(d.years == 0 && d.months == 0 && d.days >= 1 &&
			              d.days <= 4, "%s: custody '%s'", cn, dur);
			custody_day = lo;
			custody_len = d.days;
		} else if (is(kind, "custody_extended")) {
			struct duration d;

			CHECK(custody_day >= 0, "%s: extension without custody", cn);
			CHECK(duration_parse(dur, &d) == NULL, "%s: bad duration", cn);
			custody_len += d.days;
		} else if (is(kind, "pretrial_detention")) {
			if (pre_start < 0)
				pre_start = lo;
		} else if (is(kind, "judicial_control")) {
			pre_start = -1;
		} else if (is(kind, "charge")) {
			charges++;
			hearings_since_charge = 0;
		} else if (is(kind, "hearing")) {
			CHECK(charges > 0, "%s: hearing before charge", cn);
			hearings_since_charge++;
		} else if (is(kind, "verdict")) {
			CHECK(charges > 0 && hearings_since_charge > 0,
			              "%s: verdict without charge and hearing", cn);
			convicted = is(out, "convicted");
			sentenced = false;
			verdicts++;
		} else if (is(kind, "sentence")) {
			CHECK(convicted, "%s: sentence without conviction", cn);
			CHECK(duration_parse(dur, &sent) == NULL, "%s: bad sentence", cn);
			sentenced = true;
		} else if (is(kind, "appeal_filed")) {
			CHECK(verdicts > 0, "%s: appeal before verdict", cn);
			appeals_open++;
		} else if (is(kind, "appeal_decided")) {
			CHECK(appeals_open > 0, "%s: appeal decided, none filed", cn);
			appeals_open--;
		} else if (is(kind, "imprisonment")) {
			CHECK(sentenced, "%s: imprisonment without sentence", cn);
			prison_start = pre_start >= 0 ? pre_start : lo;
			sentence_end = day_add(prison_start, &sent);
			in_prison = true;
		} else if (is(kind, "prison_release") || is(kind, "conditional_release")) {
			CHECK(in_prison, "%s: %s without imprisonment", cn, kind);
			CHECK(4 * (int64_t)(lo - prison_start) >=
			              3 * (int64_t)(sentence_end - prison_start),
			              "%s: released before three quarters", cn);
			in_prison = false;
		} else if (is(kind, "removal_decision")) {
			decisions++;
		} else if (is(kind, "removal_notified")) {
			CHECK(decisions > notified, "%s: notified without decision", cn);
			notified++;
			last_notified = lo;
		} else if (is(kind, "challenge_filed")) {
			CHECK(last_notified >= 0 && lo <= last_notified + 7,
			              "%s: challenge outside the 7-day window", cn);
			challenges_open++;
		} else if (is(kind, "challenge_decided")) {
			CHECK(challenges_open > 0, "%s: decided, none filed", cn);
			challenges_open--;
		} else if (is(kind, "removal_centre_admission")) {
			CHECK(decisions > 0, "%s: admission without decision", cn);
			CHECK(!in_centre, "%s: admitted twice", cn);
			in_centre = true;
			adm = lo;
			extended = false;
		} else if (is(kind, "removal_centre_transfer")) {
			CHECK(in_centre, "%s: transfer outside a centre", cn);
		} else if (is(kind, "detention_extended")) {
			CHECK(in_centre, "%s: extension outside a centre", cn);
			CHECK(lo >= plus(adm, 0, 5, 0) && lo <= plus(adm, 0, 6, 0),
			              "%s: extension not at six months", cn);
			extended = true;
		} else if (is(kind, "non_refoulement_assessment")) {
			assessed = true;
			if (is(out, "risk") && nrisk < 8)
				risk[nrisk++] = country;
		} else if (is(kind, "voluntary_return_form")) {
			vr_form = in_list(witnesses, note);
		} else if (is(kind, "re_detained")) {
			CHECK(released, "%s: re-detained without a release", cn);
		}
		if (is_removal(kind)) {
			CHECK(!left, "%s: removed twice", cn);
			CHECK(challenges_open == 0, "%s: removed with a challenge pending", cn);
			CHECK(last_notified < 0 || lo > last_notified + 7,
			              "%s: removed inside the challenge window", cn);
			for (int j = 0; j < nrisk; j++)
				CHECK(strcmp(risk[j], country) != 0,
				              "%s: removed to %s despite a risk finding", cn, country);
			CHECK(!pc->uyghur, "%s: a Uyghur removed", cn);
			CHECK(!(pc->syrian && is(kind, "deported")), "%s: a Syrian deported", cn);
			CHECK(!(pc->syrian && is(kind, "voluntary_return") && !vr_form),
			              "%s: Syrian return without a witnessed form", cn);
			CHECK(!pc->nr || assessed || is(kind, "voluntary_return"),
			              "%s: removed without a non-refoulement assessment", cn);
			CHECK(strcmp(country, "CHN") != 0 || !pc->uyghur, "%s: to CHN", cn);
			left = true;
		}
		if (in_centre && (is(kind, "removal_centre_release") || is_removal(kind) ||
		                  is(kind, "absconded") || is(kind, "deceased"))) {
			CHECK(lo <= plus(adm, 0, 12, 0), "%s: centre stay over 12 months", cn);
			CHECK(lo <= plus(adm, 0, 6, 0) || extended,
			              "%s: over six months without extension", cn);
			in_centre = false;
		}
		if (is_release(kind))
			released = true;
		if (is(kind, "deceased"))
			dead = true;
	}
	if (in_centre) {
		CHECK(today <= plus(adm, 0, 12, 0), "%s: in a centre over 12 months", cn);
		CHECK(today <= plus(adm, 0, 6, 0) || extended,
		              "%s: in a centre over six months without extension", cn);
	}
	if (custody_day >= 0)
		CHECK(today <= custody_day + custody_len, "%s: custody never ended", cn);
}

/* --- whole-run checks ----------------------------------------------------------- */

struct tally {
	long events, mothers3, mixed, guardian, uam, child_year, dna_requested;
	long arabic, cyrillic, turkish, uyghur, cjk;
	long esc, bidi, c1, long_name;
};

static bool
arab_nat(const char *n)
{
	static const char *const arab[] = {
		"SYR", "IRQ", "TUN", "LBY", "YEM", "EGY", "SAU", NULL
	};

	return in_list(arab, n);
}

static void
check_all(const struct rec *r, long persons, int32_t today, struct tally *t)
{
	int np = r->p.n, *count, *first, *order, *nchild, *fill;
	struct person_ctx *pc;

	memset(t, 0, sizeof *t);
	ck_assert_int_eq(np, persons);
	ck_assert_int_eq(r->unknown_case, 0);
	ck_assert_int_eq(r->duplicate_case, 0);
	pc = calloc((size_t)np, sizeof *pc);
	nchild = calloc((size_t)np, sizeof *nchild);
	ck_assert_ptr_nonnull(pc);
	ck_assert_ptr_nonnull(nchild);
	for (int i = 0; i < np; i++) {
		const char *nat = field(r, &r->p, i, PF_NAT);
		const char *cl = nz(field(r, &r->p, i, PF_CLAIMED));
		const char *eth = nz(field(r, &r->p, i, PF_ETHNICITY));
		const char *native = field(r, &r->p, i, PF_NATIVE);
		const char *names[3] = {
			field(r, &r->p, i, PF_FAMILY), field(r, &r->p, i, PF_GIVEN), native,
		};

		check_person(r, i, today);
		pc[i].syrian = !strcmp(nat, "SYR") || !strcmp(cl, "SYR");
		pc[i].uyghur = strcmp(eth, "Uyghur") == 0;
		pc[i].nr = !strcmp(nat, "LBY") || !strcmp(nat, "YEM") || !strcmp(nat, "EGY") ||
		           !strcmp(nat, "RUS") || !strcmp(cl, "LBY") || !strcmp(cl, "YEM") ||
		           !strcmp(cl, "EGY") || !strcmp(cl, "RUS");
		if (strstr(nz(field(r, &r->p, i, PF_NOTES)), "unaccompanied minor"))
			pc[i].child = true;
		if (arab_nat(nat) && has_range(native, 0x600, 0x6ff))
			t->arabic++;
		if (has_range(native, 0x400, 0x4ff))
			t->cyrillic++;
		if (!strcmp(nat, "TUR") &&
		    (strpbrk(nz(names[0]), "\xc4\xc5") || strpbrk(nz(names[1]), "\xc4\xc5")))
			t->turkish++;   /* ı İ ş Ş ğ Ğ are all C4 xx or C5 xx */
		if (pc[i].uyghur && (has_range(native, 0x6c6, 0x6c8) ||
		                     has_range(native, 0x6d0, 0x6d5)))
			t->uyghur++;
		if (has_range(field(r, &r->p, i, PF_ALIASES), 0x4e00, 0x9fff) &&
		    strstr(nz(field(r, &r->p, i, PF_ALIASES)), "(document)"))
			t->cjk++;
		for (int k = 0; k < 3; k++) {
			const char *s = nz(names[k]);

			t->esc += strstr(s, "\x1b[31m") != NULL;
			t->bidi += strstr(s, "\xe2\x80\xae") != NULL;
			t->c1 += strstr(s, "\xc2\x9b") != NULL;
			t->long_name += u8_chars(s) >= 500;
		}
	}

	/* relations */
	{
		size_t nslots = 16;
		uint64_t *pairs;

		while (nslots < (size_t)r->r.n * 2 + 2)
			nslots *= 2;
		pairs = calloc(nslots, sizeof *pairs);
		ck_assert_ptr_nonnull(pairs);
		for (int i = 0; i < r->r.n; i++) {
			const char *rel = field(r, &r->r, i, RF_RELATION);
			const char *ver = field(r, &r->r, i, RF_VERIFICATION);
			int a = find_case(r, field(r, &r->r, i, RF_CASE));
			int b = find_case(r, field(r, &r->r, i, RF_OTHER));
			uint64_t key;
			size_t s;

			CHECK(a >= 0 && b >= 0 && a != b, "relation %d: bad cases", i);
			CHECK(in_list(vocab_relations, rel), "relation '%s'", nz(rel));
			CHECK(in_list(vocab_verifications, ver), "verification '%s'", nz(ver));
			check_text("a relation note", "relation", field(r, &r->r, i, RF_NOTE));
			key = ((uint64_t)(a < b ? a : b) << 32 | (uint64_t)(a < b ? b : a)) + 1;
			for (s = (key * 0x9e3779b97f4a7c15ULL) & (nslots - 1); pairs[s];
			     s = (s + 1) & (nslots - 1))
				CHECK(pairs[s] != key, "a link recorded twice");
			pairs[s] = key;
			if (is(rel, "child")) {
				pc[b].child = true;
				nchild[a]++;
				if (field(r, &r->p, b, PF_BIRTH) &&
				    strlen(field(r, &r->p, b, PF_BIRTH)) == 4)
					t->child_year++;
			} else if (is(rel, "guardian")) {
				pc[a].child = true;
				t->guardian++;
			} else if (is(rel, "ward")) {
				pc[b].child = true;
			} else if (is(rel, "spouse") &&
			           strcmp(field(r, &r->p, a, PF_NAT), field(r, &r->p, b, PF_NAT))) {
				t->mixed++;
			}
		}
		free(pairs);
		for (int i = 0; i < np; i++)
			if (nchild[i] >= 3 && !strcmp(field(r, &r->p, i, PF_SEX), "F"))
				t->mothers3++;
	}

	/* unaccompanied minors: no adult linked to them */
	for (int i = 0; i < np; i++) {
		bool linked = false;

		if (!strstr(nz(field(r, &r->p, i, PF_NOTES)), "unaccompanied minor"))
			continue;
		for (int k = 0; k < r->r.n && !linked; k++) {
			int a = find_case(r, field(r, &r->r, k, RF_CASE));
			int b = find_case(r, field(r, &r->r, k, RF_OTHER));

			if ((a == i || b == i) && !is(field(r, &r->r, k, RF_RELATION), "sibling"))
				linked = true;
		}
		CHECK(!linked, "%s: unaccompanied but linked to an adult",
		              field(r, &r->p, i, PF_CASE));
		t->uam++;
		if (t->uam > 20)
			break;
	}

	/* documents */
	for (int i = 0; i < r->d.n; i++) {
		const char *cn = field(r, &r->d, i, DF_CASE);

		for (int f = 0; f < DF_N; f++)
			check_text("a document field", cn, field(r, &r->d, i, f));
		CHECK(in_list(vocab_document_types, field(r, &r->d, i, DF_TYPE)),
		              "%s: doc type", cn);
		CHECK(in_list(vocab_document_statuses, field(r, &r->d, i, DF_STATUS)),
		              "%s: doc status", cn);
		check_country("issuing_country", cn, field(r, &r->d, i, DF_COUNTRY));
		check_pdate("issued", cn, field(r, &r->d, i, DF_ISSUED), today, false);
		check_pdate("expires", cn, field(r, &r->d, i, DF_EXPIRES), today, false);
	}

	/* events, grouped by person in emission order */
	count = calloc((size_t)np + 1, sizeof *count);
	first = calloc((size_t)np + 1, sizeof *first);
	fill = calloc((size_t)np + 1, sizeof *fill);
	order = calloc((size_t)r->e.n + 1, sizeof *order);
	ck_assert(count && first && fill && order);
	for (int i = 0; i < r->e.n; i++) {
		check_event_fields(r, i, today);
		count[r->e.person[i]]++;
	}
	for (int i = 1; i <= np; i++)
		first[i] = first[i - 1] + count[i - 1];
	for (int i = 0; i < r->e.n; i++) {
		int p = r->e.person[i];

		order[first[p] + fill[p]++] = i;
	}
	for (int p = 0; p < np; p++)
		check_pathway(r, p, order + first[p], count[p], &pc[p], today);
	/* a child whose parentage test was asked for has it pending */
	for (int i = 0; i < r->r.n; i++) {
		int b = find_case(r, field(r, &r->r, i, RF_OTHER));
		bool pending = false;

		if (!is(field(r, &r->r, i, RF_RELATION), "child") ||
		    !is(field(r, &r->r, i, RF_VERIFICATION), "dna_requested"))
			continue;
		for (int k = 0; k < count[b]; k++) {
			int e = order[first[b] + k];

			pending |= is(field(r, &r->e, e, EF_KIND), "dna_test") &&
			           is(nz(field(r, &r->e, e, EF_OUTCOME)), "pending");
		}
		t->dna_requested += pending;
	}
	t->events = r->e.n;
	free(count);
	free(first);
	free(fill);
	free(order);
	free(pc);
	free(nchild);
}

/* --- tests ------------------------------------------------------------------- */

START_TEST(test_reproducible)
{
	int rc1, rc2, rc3;
	struct rec *a = generate(2000, 42, test_today(), &rc1);
	struct rec *b = generate(2000, 42, test_today(), &rc2);
	struct rec *c = generate(2000, 43, test_today(), &rc3);

	ck_assert_int_eq(rc1, 0);
	ck_assert_int_eq(rc2, 0);
	ck_assert_int_eq(rc3, 0);
	ck_assert_int_eq(a->p.n, b->p.n);
	ck_assert_int_eq(a->e.n, b->e.n);
	ck_assert_int_eq(a->r.n, b->r.n);
	ck_assert_int_eq(a->d.n, b->d.n);
	ck_assert_uint_eq(a->len, b->len);
	ck_assert(memcmp(a->arena, b->arena, a->len) == 0);
	ck_assert(a->len != c->len || memcmp(a->arena, c->arena, a->len) != 0);
	rec_free(a);
	rec_free(b);
	rec_free(c);
}
END_TEST

START_TEST(test_exact_count)
{
	static const long counts[] = { 1, 2, 3, 4, 5, 7, 10, 999, 2345 };

	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		int rc;
		struct rec *r = generate(counts[i], (uint64_t)i, test_today(), &rc);
		struct tally t;

		ck_assert_int_eq(rc, 0);
		check_all(r, counts[i], test_today(), &t);
		rec_free(r);
	}
}
END_TEST

START_TEST(test_stop)
{
	struct rec *r = rec_new(1000);
	struct demo_options opt = { 1000, 5, test_today() };
	struct demo_sink sink = { r, sink_person, sink_event, sink_relation,
	                          sink_document };

	r->stop_after = 50;
	ck_assert_int_eq(demo_generate(&opt, &sink), 7);
	ck_assert_int_eq(r->p.n + r->e.n + r->r.n + r->d.n, 50);
	rec_free(r);
}
END_TEST

START_TEST(test_valid_and_realistic)
{
	int rc;
	struct rec *r = generate(10000, 1, test_today(), &rc);
	struct tally t;
	double avg;

	ck_assert_int_eq(rc, 0);
	check_all(r, 10000, test_today(), &t);
	avg = (double)t.events / 10000.0;
	ck_assert_msg(avg >= 15.0 && avg <= 25.0, "%.1f events per person", avg);
	ck_assert_msg(t.mothers3 > 0, "no mother with three children");
	ck_assert_msg(t.mixed > 0, "no mixed-nationality couple");
	ck_assert_msg(t.guardian > 0, "no orphan with a guardian");
	ck_assert_msg(t.uam > 0, "no unaccompanied minor");
	ck_assert_msg(t.child_year > 0, "no child with a year-only birth date");
	ck_assert_msg(t.dna_requested > 0, "no child with a pending DNA test");
	ck_assert_msg(t.arabic > 0, "no Arabic native name");
	ck_assert_msg(t.cyrillic > 0, "no Cyrillic native name");
	ck_assert_msg(t.turkish > 0, "no Turkish name with Turkish letters");
	ck_assert_msg(t.uyghur > 0, "no Uyghur native name");
	ck_assert_msg(t.cjk > 0, "no Chinese-character document alias");
	rec_free(r);
}
END_TEST

START_TEST(test_hostile_names)
{
	int rc;
	struct rec *r = generate(5000, 9, test_today(), &rc);
	struct tally t;

	ck_assert_int_eq(rc, 0);
	check_all(r, 5000, test_today(), &t);
	ck_assert_int_ge(t.esc, 1);
	ck_assert_int_ge(t.bidi, 1);
	ck_assert_int_ge(t.c1, 1);
	ck_assert_int_ge(t.long_name, 1);
	rec_free(r);
	/* at least one already at a thousand */
	r = generate(1000, 9, test_today(), &rc);
	check_all(r, 1000, test_today(), &t);
	ck_assert_int_ge(t.esc + t.bidi + t.c1 + t.long_name, 1);
	rec_free(r);
}
END_TEST

START_TEST(test_other_today)
{
	/* an earlier today: everything still before it, still valid */
	int32_t today = day_from_ymd(2021, 6, 15);
	int rc;
	struct rec *r = generate(3000, 77, today, &rc);
	struct tally t;

	ck_assert_int_eq(rc, 0);
	check_all(r, 3000, today, &t);
	rec_free(r);
}
END_TEST

Suite *
suite_demo(void)
{
	Suite *s = suite_create("demo");
	TCase *tc = tcase_create("demo");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_reproducible);
	tcase_add_test(tc, test_exact_count);
	tcase_add_test(tc, test_stop);
	tcase_add_test(tc, test_valid_and_realistic);
	tcase_add_test(tc, test_hostile_names);
	tcase_add_test(tc, test_other_today);
	suite_add_tcase(s, tc);
	return s;
}
