/* dupscore.c: are two records one person (dupscore.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/date.h"
#include "casepath/dupscore.h"
#include "casepath/i18n.h"
#include "casepath/namekey.h"
#include "casepath/util.h"

#define KEYLEN (NAMEKEY_MAX + 1)
#define MAX_NAMES 16
/* an approximate date ("~1990") reaches this many days further out */
#define APPROX_DAYS 731

struct name_keys {
	char first[KEYLEN], last[KEYLEN];
	bool main;                       /* the record's own name */
};

bool
dup_name_pair(const char *text, char *first, char *last, size_t len)
{
	struct namekey_span spans[32];
	size_t n, got = 0;

	first[0] = last[0] = '\0';
	if (!text || !text[0])
		return false;
	n = namekey_spans(text, spans, sizeof spans / sizeof spans[0]);
	if (n > sizeof spans / sizeof spans[0])
		n = sizeof spans / sizeof spans[0];
	for (size_t i = 0; i < n; i++) {
		char k[KEYLEN];

		if (spans[i].index_only ||
		    namekey(text + spans[i].start, spans[i].len, k, sizeof k) == 0)
			continue;
		/* a kunya (Abu Yusuf, Umm Ahmad, Ebu Bekir) names a child, and
		 * thousands share it: it says nothing of who this is */
		if (got == 0 && (strcmp(k, "abu") == 0 || strcmp(k, "um") == 0))
			return (first[0] = last[0] = '\0'), false;
		if (got++ == 0)
			snprintf(first, len, "%s", k);
		snprintf(last, len, "%s", k);
	}
	return got > 0;
}

struct dup_names {
	size_t n;
	struct name_keys k[];      /* n of them: a search holds many records */
};

static size_t collect_names(const struct dup_person *p, struct name_keys *out);

struct dup_names *
dup_names_new(const struct dup_person *p)
{
	struct name_keys k[MAX_NAMES];
	size_t n = collect_names(p, k);
	struct dup_names *d = xmalloc(sizeof *d + n * sizeof *k);

	d->n = n;
	memcpy(d->k, k, n * sizeof *k);
	return d;
}

void
dup_names_free(struct dup_names *d)
{
	free(d);
}

static size_t
collect_names(const struct dup_person *p, struct name_keys *out)
{
	char text[1024];
	size_t n = 0;

	snprintf(text, sizeof text, "%s %s", p->given ? p->given : "",
	         p->family ? p->family : "");
	if (dup_name_pair(text, out[n].first, out[n].last, KEYLEN))
		out[n++].main = true;
	if (p->native && dup_name_pair(p->native, out[n].first, out[n].last, KEYLEN))
		out[n++].main = false;
	for (size_t i = 0; i < p->naliases && n < MAX_NAMES; i++)
		if (p->aliases[i] &&
		    dup_name_pair(p->aliases[i], out[n].first, out[n].last, KEYLEN))
			out[n++].main = false;
	return n;
}

/* a typo needs words of four sounds: Omar (umr) and Amir (amr), Ali
 * and Alia are names of their own */
#define TYPO_MIN 4

static bool
fuzzy_ok(const char *a, const char *b)
{
	return strlen(a) >= TYPO_MIN && strlen(b) >= TYPO_MIN &&
	       namekey_distance(a, b) <= 1;
}

/* 0: no match; 1: one word one letter off; 2: the same skeletons. In
 * either word order (family and given names are written both ways). */
static int
names_match(const struct name_keys *x, const struct name_keys *y)
{
	int best = 0;

	for (int swap = 0; swap < 2; swap++) {
		const char *yf = swap ? y->last : y->first;
		const char *yl = swap ? y->first : y->last;
		bool ef = strcmp(x->first, yf) == 0, el = strcmp(x->last, yl) == 0;

		if (ef && el)
			return 2;
		if ((ef && fuzzy_ok(x->last, yl)) || (el && fuzzy_ok(x->first, yf)))
			best = 1;
	}
	return best;
}

static void
add(struct dup_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
add(struct dup_result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->nevidence >= DUP_EVIDENCE_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(r->evidence[r->nevidence++], DUP_PHRASE_MAX, fmt, ap);
	va_end(ap);
}

static void
exclude(struct dup_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
exclude(struct dup_result *r, const char *fmt, ...)
{
	va_list ap;
	size_t i = r->nevidence < DUP_EVIDENCE_MAX ? r->nevidence++ : DUP_EVIDENCE_MAX - 1;

	r->excluded = true;
	r->score = 0;
	va_start(ap, fmt);
	vsnprintf(r->evidence[i], DUP_PHRASE_MAX, fmt, ap);
	va_end(ap);
}

static bool
birth_range(const char *text, int32_t *lo, int32_t *hi, bool *exact)
{
	struct pdate d;

	if (!text || !text[0] || pdate_parse(text, &d) || d.precision == DATE_NONE)
		return false;
	*lo = pdate_earliest(&d);
	*hi = pdate_latest(&d);
	*exact = d.precision == DATE_DAY && !d.approx;
	if (d.approx) {
		*lo -= APPROX_DAYS;
		*hi += APPROX_DAYS;
	}
	return true;
}

static bool
known(const char *code)
{
	return code && code[0] && strcmp(code, "XXX") != 0;
}

static bool
same(const char *a, const char *b)
{
	return known(a) && known(b) && strcmp(a, b) == 0;
}

int
dup_score(const struct dup_person *a, const struct dup_person *b,
          struct dup_result *r)
{
	struct name_keys ka[MAX_NAMES], kb[MAX_NAMES];
	/* a search compares each record with many: its keys made once */
	size_t ca = a->names ? a->names->n : collect_names(a, ka),
	       cb = b->names ? b->names->n : collect_names(b, kb);
	const struct name_keys *na = a->names ? a->names->k : ka,
	                       *nb = b->names ? b->names->k : kb;
	int kind = 0, points = 0;
	const struct name_keys *wx = NULL, *wy = NULL;
	int32_t alo, ahi, blo, bhi;
	char da[PDATE_TEXT_MAX + 8], db[PDATE_TEXT_MAX + 8];
	bool aex, bex, abd, bbd;

	memset(r, 0, sizeof *r);
	/* names: the best pair, the records' own names preferred */
	for (size_t i = 0; i < ca; i++)
		for (size_t j = 0; j < cb; j++) {
			int m = names_match(&na[i], &nb[j]);
			int p;

			if (!m)
				continue;
			if (na[i].main && nb[j].main)
				p = m == 2 ? 50 : 30;
			else
				p = m == 2 ? 40 : 25;
			if (p > points) {
				points = p;
				kind = m;
				wx = &na[i];
				wy = &nb[j];
			}
		}
	if (!points) {
		exclude(r, "%s", _("no name in common"));
		return 0;
	}
	if (wx->main && wy->main && kind == 2)
		add(r, _("same name skeleton (%s %s)"), wx->first, wx->last);
	else if (wx->main && wy->main)
		add(r, _("names one letter apart (%s %s, %s %s)"), wx->first, wx->last,
		    wy->first, wy->last);
	else if (kind == 2)
		add(r, _("an alias or native name matches (%s %s)"), wx->first, wx->last);
	else
		add(r, _("an alias or native name one letter apart (%s %s, %s %s)"),
		    wx->first, wx->last, wy->first, wy->last);
	r->score = points;

	/* birth dates */
	/* shown in the display format, like every date (--date-format) */
	pdate_display(a->birth_date ? a->birth_date : "", da, sizeof da);
	pdate_display(b->birth_date ? b->birth_date : "", db, sizeof db);
	abd = birth_range(a->birth_date, &alo, &ahi, &aex);
	bbd = birth_range(b->birth_date, &blo, &bhi, &bex);
	if (abd && bbd) {
		if (alo > bhi || blo > ahi) {
			exclude(r, _("birth dates cannot match (%s, %s)"), da, db);
			return 0;
		}
		if (aex && bex) {
			add(r, _("same birth date %s"), da);
			r->score += 25;
		} else {
			add(r, _("birth dates compatible (%s, %s)"), da, db);
			r->score += aex || bex ? 10 : 5;
		}
	} else {
		add(r, "%s", _("a birth date unknown"));
	}

	/* sex */
	if ((a->sex == 'F' && b->sex == 'M') || (a->sex == 'M' && b->sex == 'F')) {
		exclude(r, "%s", _("different sex"));
		return 0;
	}
	if (a->sex == b->sex && (a->sex == 'F' || a->sex == 'M')) {
		add(r, _("same sex (%c)"), a->sex);
		r->score += 5;
	}

	/* nationality, held or claimed */
	if (same(a->nationality, b->nationality)) {
		add(r, _("same nationality %s"), a->nationality);
		r->score += 10;
	} else if (same(a->nationality, b->claimed) || same(a->claimed, b->nationality)) {
		add(r, _("nationality %s held by one, claimed by the other"),
		    same(a->nationality, b->claimed) ? a->nationality : b->nationality);
		r->score += 5;
	} else if (known(a->nationality) && known(b->nationality)) {
		add(r, _("different nationalities (%s, %s)"), a->nationality,
		    b->nationality);
		r->score -= 15;
	}

	/* linked to each other: someone saw two people */
	for (size_t i = 0; i < a->nrelatives + b->nrelatives; i++)
		if (i < a->nrelatives ? a->relatives[i] == b->id
		                      : b->relatives[i - a->nrelatives] == a->id) {
			exclude(r, "%s", _("recorded as relatives of each other"));
			return 0;
		}
	/* relatives both records are linked to */
	{
		size_t i = 0, j = 0, shared = 0;

		while (i < a->nrelatives && j < b->nrelatives) {
			if (a->relatives[i] == b->relatives[j]) {
				shared++;
				i++;
				j++;
			} else if (a->relatives[i] < b->relatives[j]) {
				i++;
			} else {
				j++;
			}
		}
		if (shared) {
			add(r, P_("%zu shared relative", "%zu shared relatives", shared), shared);
			r->score += shared > 1 ? 30 : 15;
		}
	}

	/* the same document number */
	for (size_t i = 0; i < a->ndocuments; i++)
		for (size_t j = 0; j < b->ndocuments; j++)
			if (a->documents[i] && a->documents[i][0] && b->documents[j] &&
			    strcmp(a->documents[i], b->documents[j]) == 0) {
				add(r, _("same document number %s"), a->documents[i]);
				r->score += 40;
				i = a->ndocuments;
				break;
			}
	if (r->score < 0)
		r->score = 0;
	if (r->score > 100)
		r->score = 100;
	return r->score;
}

char *
dup_evidence_text(const struct dup_result *r, char *buf, size_t len)
{
	size_t used = 0;

	if (len)
		buf[0] = '\0';
	for (size_t i = 0; i < r->nevidence && used < len; i++) {
		int w = snprintf(buf + used, len - used, "%s%s", i ? "; " : "",
		                 r->evidence[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}
