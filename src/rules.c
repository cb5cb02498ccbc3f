/* rules.c: stages, legal clocks and guardrails from one person's events.
 * Pure: events, relations, a rule set and today in; a result out. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/i18n.h"
#include "casepath/util.h"
#include "casepath/vocab.h"
#include "rules_internal.h"

static const char *
nz(const char *s)
{
	return s ? s : "";
}

/* (mechanics: the first letter decides most comparisons without a
 * call; a pass over every person makes some sixty a person and event) */
static inline bool
is(const struct rule_event *e, const char *kind)
{
	return e->kind[0] == kind[0] && strcmp(e->kind, kind) == 0;
}

static bool
is_any(const struct rule_event *e, const char *const *kinds)
{
	for (; *kinds; kinds++)
		if (is(e, *kinds))
			return true;
	return false;
}

static int32_t
lo(const struct rule_event *e)
{
	return pdate_earliest(&e->date);
}

static int32_t
hi(const struct rule_event *e)
{
	return pdate_latest(&e->date);
}

static bool
in_list(const struct word_list *w, const char *s)
{
	for (size_t i = 0; i < w->n; i++)
		if (s && strcmp(w->items[i], s) == 0)
			return true;
	return false;
}

const char *
clock_status_word(enum clock_status s)
{
	static const char *const words[] = { "open", "met", "overdue", "waived",
	                                     "lapsed" };

	return (unsigned)s < 5 ? words[s] : "open";
}

bool
clock_is_reminder(const char *name)
{
	return strcmp(name, clock_names[CK_REVIEW]) == 0 ||
	       strcmp(name, clock_names[CK_MAJORITY]) == 0;
}

void
rule_result_clear(struct rule_result *r)
{
	free(r->clocks);
	free(r->violations);
	memset(r, 0, sizeof *r);
	r->stage = -1;
}

/* --- stage --------------------------------------------------------------- */

struct state {
	bool custody, pretrial, jc, prison, centre, investigation;
};

static int
stage_index(const char *word)
{
	return vocab_index(vocab_stages, word);
}

static void
derive_stage(const struct rule_person *p, struct rule_result *out)
{
	struct state s = { 0 };
	const char *stage = NULL;

	for (size_t i = 0; i < p->nevents; i++) {
		const struct rule_event *e = &p->events[i];
		const char *next = NULL;
		bool detained;

		detained = s.pretrial || s.jc || s.prison || s.centre;
		if (is(e, "camp_admission")) {
			next = "abroad";
		} else if (is(e, "border_crossing") || is(e, "surrender_at_border") ||
		           is(e, "surrender_at_mission") || is(e, "entry_refused")) {
			next = "entry";
		} else if (is(e, "apprehension") || is(e, "police_custody") ||
		           is(e, "custody_extended") || is(e, "re_detained")) {
			s.custody = true;
			next = "custody";
		} else if (is(e, "custody_release")) {
			s.custody = false;
			next = s.investigation ? "investigation" : "released";
		} else if (is(e, "investigation_opened")) {
			s.investigation = true;
			if (!detained && !s.custody)
				next = "investigation";
		} else if (is(e, "pretrial_detention")) {
			s.custody = false, s.pretrial = true, s.jc = false;
			next = "pretrial_detention";
		} else if (is(e, "judicial_control")) {
			s.custody = false, s.pretrial = false, s.jc = true;
			next = "judicial_control";
		} else if (is(e, "judicial_control_lifted")) {
			s.jc = false;
			next = s.investigation ? "trial" : "released";
		} else if (is(e, "charge") || is(e, "hearing")) {
			s.investigation = true;
			if (!detained)
				next = "trial";
		} else if (is(e, "verdict")) {
			if (strcmp(nz(e->outcome), "acquitted") == 0) {
				s.pretrial = s.jc = s.investigation = false;
				next = "released";
			}
		} else if (is(e, "appeal_filed")) {
			if (!detained)
				next = "appeal";
		} else if (is(e, "imprisonment")) {
			s.custody = s.pretrial = s.jc = false;
			s.prison = true;
			next = "prison";
		} else if (is(e, "conditional_release") || is(e, "prison_release")) {
			s.prison = false;
			next = "released";
		} else if (is(e, "removal_decision") || is(e, "removal_notified")) {
			if (!s.prison && !s.centre)
				next = "removal_ordered";
		} else if (is(e, "challenge_filed")) {
			if (!s.prison && !s.centre)
				next = "challenge_pending";
		} else if (is(e, "challenge_decided")) {
			if (!s.prison && !s.centre)
				next = "removal_ordered";
		} else if (is(e, "removal_centre_admission") ||
		           is(e, "removal_centre_transfer") ||
		           is(e, "detention_extended")) {
			s.custody = false, s.centre = true;
			next = "removal_centre";
		} else if (is(e, "removal_centre_release") ||
		           is(e, "released_to_community") || is(e, "programme_end")) {
			s.centre = s.custody = false;
			next = "community";
		} else if (is(e, "alternative_measure")) {
			s.centre = false;
			next = "alternative_measure";
		} else if (is(e, "non_refoulement_assessment")) {
			if (strcmp(nz(e->outcome), "risk") == 0)
				next = "removal_barred";
		} else if (is(e, "consular_visit") || is(e, "travel_document") ||
		           is(e, "removal_scheduled")) {
			if (!s.centre && !s.prison)
				next = "removal_arranging";
		} else if (is(e, "deported") || is(e, "voluntary_return") ||
		           is(e, "third_country_removal") || is(e, "repatriated") ||
		           is(e, "absconded") || is(e, "deceased") ||
		           is(e, "case_closed") || is(e, "programme_start")) {
			static const char *const map[][2] = {
				{ "deported", "deported" },
				{ "voluntary_return", "voluntary_return" },
				{ "third_country_removal", "third_country" },
				{ "repatriated", "repatriated" },
				{ "absconded", "absconded" }, { "deceased", "deceased" },
				{ "case_closed", "closed" },
				{ "programme_start", "reintegration" },
			};
			for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
				if (is(e, map[k][0]))
					next = map[k][1];
			if (!is(e, "programme_start"))
				memset(&s, 0, sizeof s);
		}
		if (next && (!stage || strcmp(next, stage) != 0)) {
			stage = next;
			out->stage_since = lo(e);
		}
	}
	out->stage = stage ? stage_index(stage) : -1;
}

void
rules_stage(const struct rule_person *p, int *stage, int32_t *since)
{
	struct rule_result r = { .stage = -1 };

	derive_stage(p, &r);
	*stage = r.stage;
	*since = r.stage_since;
}

/* --- clocks ---------------------------------------------------------------- */

static bool
is_holiday(const struct ruleset *rs, int32_t day)
{
	int y, m, d;

	day_to_ymd(day, &y, &m, &d);
	if (rs->yearly[m][d])
		return true;
	for (size_t i = 0; i < rs->ndates; i++)
		if (rs->dates[i] == day)
			return true;
	return false;
}

static int32_t
roll(const struct ruleset *rs, int32_t day)
{
	while (day_weekday(day) >= 5 || is_holiday(rs, day))
		day++;
	return day;
}

/* Appends s to buf (len bytes) at *at, cut as snprintf cuts it (what
 * fits, then a NUL). The clocks' names and arithmetic were put together
 * with snprintf, an eighth of a whole re-derivation's instructions; the
 * same text. */
static void
put(char *buf, size_t len, size_t *at, const char *s)
{
	size_t n = strlen(s);

	if (*at + 1 >= len)
		return;
	if (n > len - 1 - *at)
		n = len - 1 - *at;
	memcpy(buf + *at, s, n);
	*at += n;
	buf[*at] = '\0';
}

static void
copy(char *buf, size_t len, const char *s)
{
	size_t at = 0;

	buf[0] = '\0';
	put(buf, len, &at, s);
}

static struct rule_clock *
add_clock(const struct ruleset *rs, struct rule_result *out, enum clock_id id,
          int64_t event_id)
{
	struct rule_clock *c;

	if (out->nclocks == out->clocks_cap) {
		out->clocks_cap = out->clocks_cap ? out->clocks_cap * 2 : 8;
		out->clocks = xrealloc(out->clocks, out->clocks_cap * sizeof *out->clocks);
	}
	c = &out->clocks[out->nclocks++];
	memset(c, 0, sizeof *c);
	copy(c->name, sizeof c->name, clock_names[id]);
	copy(c->rule, sizeof c->rule, rs->clocks[id].id);
	copy(c->source, sizeof c->source, rs->clocks[id].source);
	c->event_id = event_id;
	c->lapses = CLOCK_NEVER_LAPSES;
	return c;
}

/* A clock that runs a rule's length from an event, with the arithmetic
 * in words. */
static struct rule_clock *
clock_from(const struct ruleset *rs, struct rule_result *out, enum clock_id id,
           const struct rule_event *e, const char *verb,
           const struct duration *len)
{
	const struct clock_rule *r = &rs->clocks[id];
	struct rule_clock *c = add_clock(rs, out, id, e->id);
	char from[PDATE_TEXT_MAX], l[DURATION_TEXT_MAX], a[PDATE_TEXT_MAX],
	     b[PDATE_TEXT_MAX];
	int32_t raw_lo = day_add(lo(e), len), raw_hi = day_add(hi(e), len);

	c->due = r->roll ? roll(rs, raw_lo) : raw_lo;
	c->due_latest = r->roll ? roll(rs, raw_hi) : raw_hi;
	pdate_format(&e->date, from, sizeof from);
	duration_format(len, l, sizeof l);
	if (c->due == c->due_latest && raw_lo == raw_hi && raw_lo == c->due) {
		/* "VERB FROM + LENGTH = DUE" */
		size_t at = 0;

		put(c->arithmetic, sizeof c->arithmetic, &at, verb);
		put(c->arithmetic, sizeof c->arithmetic, &at, " ");
		put(c->arithmetic, sizeof c->arithmetic, &at, from);
		put(c->arithmetic, sizeof c->arithmetic, &at, " + ");
		put(c->arithmetic, sizeof c->arithmetic, &at, l);
		put(c->arithmetic, sizeof c->arithmetic, &at, " = ");
		put(c->arithmetic, sizeof c->arithmetic, &at, day_format(c->due, a, sizeof a));
	} else if (raw_lo == raw_hi)
		snprintf(c->arithmetic, sizeof c->arithmetic, "%s %s + %s = %s, a %s,"
		         " so the next working day %s", verb, from, l,
		         day_format(raw_lo, b, sizeof b),
		         day_weekday(raw_lo) >= 5 ? "weekend" : "holiday",
		         day_format(c->due, a, sizeof a));
	else
		snprintf(c->arithmetic, sizeof c->arithmetic, "%s %s (partial) + %s ="
		         " between %s and %s%s", verb, from, l,
		         day_format(c->due, a, sizeof a),
		         day_format(c->due_latest, b, sizeof b),
		         r->roll ? " (working days)" : "");
	return c;
}

/* open / met / overdue from when (if ever) the clock's matter ended. */
static void
settle(struct rule_clock *c, const struct rule_event *end, int32_t today)
{
	if (end)
		c->status = lo(end) <= c->due_latest ? CLOCK_MET : CLOCK_OVERDUE;
	else
		c->status = today > c->due_latest ? CLOCK_OVERDUE : CLOCK_OPEN;
}

/* The first event at or after index from whose kind is in kinds. */
static const struct rule_event *
first_after(const struct rule_person *p, size_t from, const char *const *kinds)
{
	for (size_t i = from; i < p->nevents; i++)
		if (is_any(&p->events[i], kinds))
			return &p->events[i];
	return NULL;
}

static ssize_t
last_of(const struct rule_person *p, const char *kind)
{
	for (size_t i = p->nevents; i-- > 0;)
		if (is(&p->events[i], kind))
			return (ssize_t)i;
	return -1;
}

static const char *const period_ends[] = {
	"removal_centre_release", "alternative_measure", "released_to_community",
	"deported", "voluntary_return", "third_country_removal", "absconded",
	"deceased", NULL
};

static void
add_violation(const struct ruleset *rs, struct rule_result *out,
              enum guard_id g, int64_t event_id, bool blocking,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void
add_violation(const struct ruleset *rs, struct rule_result *out,
              enum guard_id g, int64_t event_id, bool blocking,
              const char *fmt, ...)
{
	struct rule_violation *v;
	va_list ap;

	if (!rs->guards[g].enabled)
		return;
	if (out->nviolations == out->violations_cap) {
		out->violations_cap = out->violations_cap ? out->violations_cap * 2 : 4;
		out->violations = xrealloc(out->violations,
		                           out->violations_cap * sizeof *out->violations);
	}
	v = &out->violations[out->nviolations++];
	memset(v, 0, sizeof *v);
	snprintf(v->rule, sizeof v->rule, "%s", guard_names[g]);
	v->event_id = event_id;
	v->blocking = blocking;
	va_start(ap, fmt);
	vsnprintf(v->message, sizeof v->message, fmt, ap);
	va_end(ap);
}

static void
removal_centre_clocks(const struct ruleset *rs, const struct rule_person *p,
                      int32_t today, struct rule_result *out)
{
	ssize_t start = -1;
	const struct rule_event *end = NULL, *ext = NULL;
	char a[PDATE_TEXT_MAX];

	/* the current (last) detention period: its first admission */
	for (size_t i = 0; i < p->nevents; i++) {
		const struct rule_event *e = &p->events[i];

		if (is(e, "removal_centre_admission") && (start < 0 || end)) {
			start = (ssize_t)i;
			end = NULL;
			ext = NULL;
		} else if (start >= 0 && !end && is_any(e, period_ends)) {
			end = e;
		} else if (start >= 0 && !end && is(e, "detention_extended")) {
			if (!ext)
				ext = e;
			if (str_empty(e->outcome))
				add_violation(rs, out, GD_GROUND, e->id, false,
				              _("G5-ground: detention extended on %s without a"
				              " recorded ground (origin country not cooperating"
				              " or paperwork incomplete)"),
				              pdate_format(&e->date, a, sizeof a));
		}
	}
	if (start < 0)
		return;
	if (rs->clocks[CK_ADMIN_INITIAL].enabled) {
		const struct rule_event *s = &p->events[start];
		struct rule_clock *c = clock_from(rs, out, CK_ADMIN_INITIAL, s, "admitted",
		                                  &rs->clocks[CK_ADMIN_INITIAL].length);

		if (end && lo(end) <= c->due_latest)
			c->status = CLOCK_MET;
		else if (ext && lo(ext) <= c->due_latest)
			c->status = CLOCK_MET;
		else
			settle(c, end, today);
	}
	if (rs->clocks[CK_ADMIN_MAX].enabled) {
		const struct rule_event *s = &p->events[start];
		struct rule_clock *c = clock_from(rs, out, CK_ADMIN_MAX, s, "admitted",
		                                  &rs->clocks[CK_ADMIN_MAX].length);

		settle(c, end, today);
		if (!end && today > c->due_latest)
			add_violation(rs, out, GD_DETENTION_MAX, s->id, false,
			              _("G5: held in a removal centre past the 12-month"
			              " maximum (due %s); release is obligatory"),
			              day_format(c->due_latest, a, sizeof a));
	}
	if (rs->clocks[CK_REVIEW].enabled && !end) {
		const struct rule_event *s = &p->events[start];
		struct duration step = rs->clocks[CK_REVIEW].length, k = step;
		struct rule_clock *c;
		int32_t due;

		/* the next monthly anniversary on or after today */
		for (int n = 1; n < 1200; n++) {
			k.years = step.years * n, k.months = step.months * n;
			k.days = step.days * n;
			due = day_add(lo(s), &k);
			if (due >= today)
				break;
		}
		c = clock_from(rs, out, CK_REVIEW, s, "admitted", &k);
		c->status = CLOCK_OPEN;
		/* a reminder that rolls on: from the day after it the next
		 * anniversary is due, so the stored row no longer stands and
		 * the daily sweep derives it again (never "overdue": no event
		 * records a review held) */
		c->lapses = c->due + 1;
	}
}

static void
custody_clocks(const struct ruleset *rs, const struct rule_person *p,
               int32_t today, struct rule_result *out)
{
	static const char *const ends[] = {
		"custody_release", "pretrial_detention", "judicial_control",
		"imprisonment", "removal_centre_admission", "removal_decision",
		"deceased", NULL
	};
	static const char *const extended[] = { "custody_extended", NULL };
	ssize_t i = last_of(p, "police_custody");
	const struct rule_event *end, *ext;
	char a[PDATE_TEXT_MAX];

	if (i < 0)
		return;
	end = first_after(p, (size_t)i + 1, ends);
	ext = first_after(p, (size_t)i + 1, extended);
	if (rs->clocks[CK_CUSTODY_MAX].enabled) {
		struct rule_clock *c = clock_from(rs, out, CK_CUSTODY_MAX, &p->events[i],
		                                  "taken into custody",
		                                  &rs->clocks[CK_CUSTODY_MAX].length);

		if (end && lo(end) <= c->due_latest)
			c->status = CLOCK_MET;
		else if (ext && lo(ext) <= c->due_latest)
			c->status = CLOCK_WAIVED;
		else
			settle(c, end, today);
	}
	if (rs->clocks[CK_CUSTODY_ABS].enabled) {
		struct rule_clock *c = clock_from(rs, out, CK_CUSTODY_ABS, &p->events[i],
		                                  "taken into custody",
		                                  &rs->clocks[CK_CUSTODY_ABS].length);

		settle(c, end, today);
		if (!end && today > c->due_latest)
			add_violation(rs, out, GD_CUSTODY, p->events[i].id, false,
			              _("G7: held in police custody past the 12-day"
			              " maximum (due %s)"),
			              day_format(c->due_latest, a, sizeof a));
	}
}

static void
judicial_control_clock(const struct ruleset *rs, const struct rule_person *p,
                       int32_t today, struct rule_result *out)
{
	static const char *const ends[] = {
		"judicial_control_lifted", "verdict", "appeal_decided", "imprisonment",
		"deported", "voluntary_return", "third_country_removal", "deceased",
		NULL
	};
	ssize_t i = last_of(p, "judicial_control");
	const struct rule_event *end;
	struct rule_clock *c;
	char a[PDATE_TEXT_MAX];

	if (i < 0 || !rs->clocks[CK_JC_MAX].enabled)
		return;
	end = first_after(p, (size_t)i + 1, ends);
	c = clock_from(rs, out, CK_JC_MAX, &p->events[i], "placed under judicial control",
	               &rs->clocks[CK_JC_MAX].length);
	settle(c, end, today);
	if (!end && today > c->due_latest)
		add_violation(rs, out, GD_JC_MAX, p->events[i].id, false,
		              _("G6: under judicial control past the 4-year maximum"
		              " pending a final verdict (due %s)"),
		              day_format(c->due_latest, a, sizeof a));
}

static void
sentence_clocks(const struct ruleset *rs, const struct rule_person *p,
                int32_t today, struct rule_result *out)
{
	static const char *const ends[] = {
		"prison_release", "conditional_release", "deceased", NULL
	};
	ssize_t i = last_of(p, "imprisonment"), s = -1, pre = -1;
	const struct rule_event *im, *end;
	struct duration len;
	int32_t credit = 0, length_days;
	char a[PDATE_TEXT_MAX], b[PDATE_TEXT_MAX], l[DURATION_TEXT_MAX];

	if (i < 0)
		return;
	im = &p->events[i];
	/* the sentence pronounced before this imprisonment, and pre-trial
	 * detention the person came straight from */
	for (ssize_t k = 0; k < i; k++) {
		const struct rule_event *e = &p->events[k];

		if (is(e, "sentence") && !str_empty(e->duration))
			s = k;
		else if (is(e, "pretrial_detention"))
			pre = k;
		else if (is(e, "judicial_control") || is(e, "custody_release") ||
		         is(e, "prison_release") || is(e, "conditional_release"))
			pre = -1;
	}
	if (s < 0 || duration_parse(p->events[s].duration, &len) != NULL)
		return;
	if (pre >= 0)
		credit = lo(im) - lo(&p->events[pre]);
	end = first_after(p, (size_t)i + 1, ends);
	length_days = day_add(lo(im), &len) - lo(im);
	duration_format(&len, l, sizeof l);
	if (rs->clocks[CK_SENTENCE_END].enabled) {
		struct rule_clock *c = add_clock(rs, out, CK_SENTENCE_END, im->id);

		c->due = day_add(lo(im), &len) - credit;
		c->due_latest = day_add(hi(im), &len) - credit;
		snprintf(c->arithmetic, sizeof c->arithmetic,
		         "imprisoned %s + sentence %s - %d days pre-trial detention = %s",
		         pdate_format(&im->date, a, sizeof a), l, (int)credit,
		         day_format(c->due, b, sizeof b));
		settle(c, end, today);
		if (!end && today > c->due_latest)
			add_violation(rs, out, GD_SENTENCE, im->id, false,
			              _("G8: still in prison after the sentence ended (%s)"),
			              day_format(c->due_latest, a, sizeof a));
	}
	if (rs->clocks[CK_COND_RELEASE].enabled) {
		const struct clock_rule *r = &rs->clocks[CK_COND_RELEASE];
		struct rule_clock *c = add_clock(rs, out, CK_COND_RELEASE, im->id);
		/* three quarters, rounded up to a whole day */
		int32_t part = (length_days * r->num + r->den - 1) / r->den;

		c->due = lo(im) + part - credit;
		c->due_latest = hi(im) + part - credit;
		snprintf(c->arithmetic, sizeof c->arithmetic,
		         "imprisoned %s + %d/%d of %s (%d of %d days) - %d days pre-trial"
		         " detention = %s", pdate_format(&im->date, a, sizeof a), r->num,
		         r->den, l, (int)part, (int)length_days, (int)credit,
		         day_format(c->due, b, sizeof b));
		/* eligibility, not a limit: any release answers it */
		if (end)
			c->status = CLOCK_MET;
		else
			c->status = today > c->due_latest ? CLOCK_OVERDUE : CLOCK_OPEN;
	}
}

static void
measure_clocks(const struct ruleset *rs, const struct rule_person *p,
               int32_t today, struct rule_result *out)
{
	static const char *const code_ends[] = { "security_code_lifted", NULL };
	static const char *const other_ends[] = { "measure_lifted", NULL };

	if (!rs->clocks[CK_MEASURE].enabled)
		return;
	for (size_t i = 0; i < p->nevents; i++) {
		const struct rule_event *e = &p->events[i];
		struct duration len;
		struct rule_clock *c;
		const struct rule_event *end;

		if (!(is(e, "security_code") || is(e, "electronic_monitoring") ||
		      is(e, "travel_ban")) || str_empty(e->duration) ||
		    duration_parse(e->duration, &len) != NULL)
			continue;
		end = first_after(p, i + 1, is(e, "security_code") ? code_ends : other_ends);
		c = clock_from(rs, out, CK_MEASURE, e, e->kind, &len);
		settle(c, end, today);
	}
}

static void
majority_clock(const struct ruleset *rs, const struct rule_person *p,
               int32_t today, struct rule_result *out)
{
	struct rule_event birth = { .kind = "birth" };
	struct rule_clock *c;

	if (!rs->clocks[CK_MAJORITY].enabled || p->birth.precision == DATE_NONE)
		return;
	birth.date = p->birth;
	if (day_add(pdate_latest(&p->birth), &rs->clocks[CK_MAJORITY].length) <= today &&
	    day_add(pdate_earliest(&p->birth), &rs->clocks[CK_MAJORITY].length) <= today)
		return;  /* an adult by any reading of the birth date */
	c = clock_from(rs, out, CK_MAJORITY, &birth, "born",
	               &rs->clocks[CK_MAJORITY].length);
	c->status = CLOCK_OPEN;
	/* an adult from due_latest on, by any reading of the birth date:
	 * the clock is gone then, never overdue (the daily sweep removes
	 * the stored row) */
	c->lapses = c->due_latest;
}

/* What makes an unused challenge window moot: the person is gone (removed,
 * left, died), or a later removal decision replaced the one notified. */
static const char *const window_moot[] = {
	"removal_decision", "deported", "voluntary_return", "third_country_removal",
	"deceased", NULL
};

/* A challenge window that closed unused: overdue for the rule's grace
 * period after its last day (a defence office must see a missed filing,
 * and a late filing with an excuse may still be possible), then lapsed;
 * lapsed at once when the matter became moot. Without a grace period in
 * the rules file it lapses only when moot. */
static void
window_unused(const struct ruleset *rs, struct rule_clock *c,
              const struct rule_event *moot, int32_t today)
{
	const struct clock_rule *r = &rs->clocks[CK_CHALLENGE_WINDOW];
	size_t n = strlen(c->arithmetic);
	char a[PDATE_TEXT_MAX], l[DURATION_TEXT_MAX];

	if (r->has_grace)
		c->lapses = day_add(c->due_latest, &r->grace) + 1;
	if (moot) {
		c->status = CLOCK_LAPSED;
		snprintf(c->arithmetic + n, sizeof c->arithmetic - n,
		         "; lapsed unused: %s %s", moot->kind,
		         pdate_format(&moot->date, a, sizeof a));
	} else if (today >= c->lapses) {
		char b[PDATE_TEXT_MAX];

		c->status = CLOCK_LAPSED;
		snprintf(c->arithmetic + n, sizeof c->arithmetic - n,
		         "; lapsed unused: %s + grace %s = %s", day_format(c->due_latest, a,
		         sizeof a), duration_format(&r->grace, l, sizeof l),
		         day_format(c->lapses - 1, b, sizeof b));
	} else {
		c->status = today > c->due_latest ? CLOCK_OVERDUE : CLOCK_OPEN;
	}
}

static void
challenge_clocks(const struct ruleset *rs, const struct rule_person *p,
                 int32_t today, struct rule_result *out)
{
	static const char *const filed[] = { "challenge_filed", NULL };
	static const char *const decided[] = { "challenge_decided", NULL };
	ssize_t n = last_of(p, "removal_notified"), f = last_of(p, "challenge_filed");

	if (n >= 0 && rs->clocks[CK_CHALLENGE_WINDOW].enabled) {
		const struct rule_event *ch = first_after(p, (size_t)n + 1, filed);
		const struct rule_event *moot = first_after(p, (size_t)n + 1, window_moot);
		struct rule_clock *c = clock_from(rs, out, CK_CHALLENGE_WINDOW,
		                                  &p->events[n], "notified",
		                                  &rs->clocks[CK_CHALLENGE_WINDOW].length);

		/* a challenge filed after the matter became moot answers nothing */
		if (ch && moot && lo(moot) < lo(ch))
			ch = NULL;
		if (ch && lo(ch) <= c->due_latest) {
			c->status = CLOCK_MET;
		} else if (ch) {
			/* filed late: whether it is admitted is the court's
			 * matter now (the decision clock), not the window's */
			size_t k = strlen(c->arithmetic);
			char a[PDATE_TEXT_MAX];

			c->status = CLOCK_LAPSED;
			snprintf(c->arithmetic + k, sizeof c->arithmetic - k,
			         "; lapsed: challenge filed late %s",
			         pdate_format(&ch->date, a, sizeof a));
		} else {
			window_unused(rs, c, moot, today);
		}
	}
	if (f >= 0 && rs->clocks[CK_CHALLENGE_DECISION].enabled) {
		const struct rule_event *d = first_after(p, (size_t)f + 1, decided);
		struct rule_clock *c = clock_from(rs, out, CK_CHALLENGE_DECISION,
		                                  &p->events[f], "challenge filed",
		                                  &rs->clocks[CK_CHALLENGE_DECISION].length);

		/* courts are often late; once they decide, nothing is owed */
		if (d)
			c->status = CLOCK_MET;
		else
			c->status = today > c->due_latest ? CLOCK_OVERDUE : CLOCK_OPEN;
	}
}

/* --- guardrails on removals ---------------------------------------------- */

static const char *
destination(const struct rule_person *p, const struct rule_event *e)
{
	if (!str_empty(e->country))
		return e->country;
	if (is(e, "third_country_removal"))
		return "";
	return nz(p->nationality);
}

/* Nationalities whose protections apply: held and claimed. */
static bool
holds(const struct rule_person *p, const char *country)
{
	return (!str_empty(p->nationality) && strcmp(p->nationality, country) == 0) ||
	       (!str_empty(p->claimed_nationality) &&
	        strcmp(p->claimed_nationality, country) == 0);
}

static bool
assessed(const struct rule_person *p, size_t before, const char *country,
         const char *outcome)
{
	for (size_t i = 0; i < before; i++) {
		const struct rule_event *e = &p->events[i];
		const char *c = str_empty(e->country) ? nz(p->nationality) : e->country;

		if (is(e, "non_refoulement_assessment") && strcmp(c, country) == 0 &&
		    (!outcome || strcmp(nz(e->outcome), outcome) == 0))
			return true;
	}
	return false;
}

static bool
witnessed_form(const struct ruleset *rs, const struct rule_person *p, size_t before)
{
	for (size_t i = 0; i < before; i++) {
		const struct rule_event *e = &p->events[i];
		const char *w;

		if (!is(e, "voluntary_return_form") || strcmp(nz(e->outcome), "signed") != 0)
			continue;
		w = strstr(nz(e->note), "witness:");
		if (!w)
			continue;
		w += strlen("witness:");
		while (*w == ' ')
			w++;
		for (size_t k = 0; k < rs->witnesses.n; k++)
			if (strncmp(w, rs->witnesses.items[k], strlen(rs->witnesses.items[k])) == 0)
				return true;
	}
	return false;
}

static void
check_removal(const struct ruleset *rs, const struct rule_person *p, size_t i,
              struct rule_result *out)
{
	const struct rule_event *e = &p->events[i];
	const char *dest = destination(p, e);
	char a[PDATE_TEXT_MAX];
	ssize_t filed = -1, notified = -1;

	/* G1: a pending challenge, or an open window */
	for (size_t k = 0; k < i; k++) {
		if (is(&p->events[k], "challenge_filed"))
			filed = (ssize_t)k;
		else if (is(&p->events[k], "challenge_decided"))
			filed = -1;
		else if (is(&p->events[k], "removal_notified"))
			notified = (ssize_t)k;
	}
	if (filed >= 0) {
		add_violation(rs, out, GD_CHALLENGE, e->id, true,
		              _("G1: no removal while a challenge is pending (filed %s,"
		              " not yet decided)"),
		              pdate_format(&p->events[filed].date, a, sizeof a));
	} else if (notified >= 0) {
		bool challenged = false;

		for (size_t k = (size_t)notified + 1; k < i; k++)
			challenged |= is(&p->events[k], "challenge_filed");
		if (!challenged && rs->clocks[CK_CHALLENGE_WINDOW].enabled) {
			struct duration len = rs->clocks[CK_CHALLENGE_WINDOW].length;
			int32_t closes = day_add(hi(&p->events[notified]), &len);

			if (rs->clocks[CK_CHALLENGE_WINDOW].roll)
				closes = roll(rs, closes);
			if (lo(e) <= closes)
				add_violation(rs, out, GD_CHALLENGE, e->id, true,
				              _("G1: no removal while the challenge window is open"
				              " (until %s)"), day_format(closes, a, sizeof a));
		}
	}
	if (*dest) {
		/* G2: a risk found for this country */
		if (assessed(p, i, dest, "risk"))
			add_violation(rs, out, GD_REFOULEMENT, e->id, true,
			              _("G2: the non-refoulement assessment found a risk in %s;"
			              " no return there"), dest);
		/* G2-never: a never-return category */
		for (size_t k = 0; k < rs->never_ethnicity.n; k++)
			if (strcmp(nz(p->ethnicity), rs->never_ethnicity.items[k]) == 0 &&
			    strcmp(dest, rs->never_country.items[k]) == 0)
				add_violation(rs, out, GD_NEVER, e->id, true,
				              _("G2-never: %s are never returned to %s"),
				              rs->never_ethnicity.items[k], dest);
		/* G3: voluntary-only countries */
		if (in_list(&rs->voluntary_only, dest) && holds(p, dest)) {
			if (!is(e, "voluntary_return"))
				add_violation(rs, out, GD_SYRIAN, e->id, true,
				              _("G3: nationals of %s return only voluntarily,"
				              " never by %s"), dest, e->kind);
			else if (!witnessed_form(rs, p, i))
				add_violation(rs, out, GD_SYRIAN, e->id, true,
				              _("G3: a voluntary return to %s needs a signed"
				              " voluntary-return form with an accepted witness"
				              " first"), dest);
		}
		/* G4: case-by-case countries */
		if (in_list(&rs->case_by_case, dest) && holds(p, dest) &&
		    !assessed(p, i, dest, "no_risk"))
			add_violation(rs, out, GD_CASE_BY_CASE, e->id, true,
			              _("G4: a removal to %s needs a completed individual"
			              " non-refoulement assessment first"), dest);
	}
	/* G9: an adult's removal with minor children */
	{
		struct duration adult = { 18, 0, 0 };
		bool is_adult = p->birth.precision == DATE_NONE ||
		                day_add(pdate_latest(&p->birth), &adult) <= lo(e);

		for (size_t k = 0; is_adult && k < p->nrelations; k++) {
			const struct rule_relation *r = &p->relations[k];

			if (strcmp(nz(r->relation), "child") != 0 ||
			    r->other_birth.precision == DATE_NONE ||
			    day_add(pdate_latest(&r->other_birth), &adult) <= lo(e) ||
			    r->other_has_arrangement)
				continue;
			add_violation(rs, out, GD_FAMILY, e->id, true,
			              _("G9: %s is a minor child of this person; record what"
			              " happens to the child before this removal"),
			              nz(r->other_case_no));
		}
	}
}

/* Once a case has reached an outcome that ends it here, its remaining
 * clocks no longer ask anything of anyone. */
static void
waive_if_closed(struct rule_result *out)
{
	/* (repatriated is not among them: a person brought home from
	 * abroad is where the case here begins) */
	static const char *const final[] = {
		"deported", "voluntary_return", "third_country", "deceased", "closed",
		NULL
	};

	if (out->stage < 0 || vocab_index(final, vocab_stages[out->stage]) < 0)
		return;
	for (size_t i = 0; i < out->nclocks; i++) {
		struct rule_clock *c = &out->clocks[i];
		size_t n = strlen(c->arithmetic);

		if (c->status != CLOCK_OPEN && c->status != CLOCK_OVERDUE)
			continue;
		c->status = CLOCK_WAIVED;
		snprintf(c->arithmetic + n, sizeof c->arithmetic - n,
		         "; waived: the case reached %s", vocab_stages[out->stage]);
	}
}

void
rules_evaluate(const struct ruleset *rs, const struct rule_person *p,
               int32_t today, struct rule_result *out)
{
	/* keep the arrays: a pass over every person reuses them */
	out->nclocks = 0;
	out->nviolations = 0;
	out->stage = -1;
	out->stage_since = 0;
	derive_stage(p, out);
	challenge_clocks(rs, p, today, out);
	removal_centre_clocks(rs, p, today, out);
	custody_clocks(rs, p, today, out);
	judicial_control_clock(rs, p, today, out);
	sentence_clocks(rs, p, today, out);
	measure_clocks(rs, p, today, out);
	majority_clock(rs, p, today, out);
	for (size_t i = 0; i < p->nevents; i++)
		if (is(&p->events[i], "deported") || is(&p->events[i], "voluntary_return") ||
		    is(&p->events[i], "third_country_removal"))
			check_removal(rs, p, i, out);
	waive_if_closed(out);
}
