/* clock_text.c: the stored arithmetic of a clock (rules.c writes it)
 * taken apart and written again in the interface's language. Pure: no
 * curses, no SQL. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "casepath/clock_text.h"
#include "casepath/date.h"
#include "casepath/i18n.h"
#include "casepath/vocab.h"

/* The verbs rules.c starts a clock's arithmetic with (a measure's clock
 * starts with its event kind instead). */
static const char *const verbs[] = {
	V_("clock verb", "admitted"), V_("clock verb", "taken into custody"),
	V_("clock verb", "placed under judicial control"), V_("clock verb", "born"),
	V_("clock verb", "notified"), V_("clock verb", "challenge filed"), NULL,
};

static const char *
verb_label(const char *verb)
{
	if (vocab_index(verbs, verb) >= 0)
		return i18n_pgettext("clock verb", verb);
	return KIND_LABEL(verb);
}

char *
duration_display(const char *stored, char *buf, size_t len)
{
	size_t at = 0;
	const char *p = stored;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	while (*p) {
		const char *digits = p, *unit;
		int n;

		while (*p >= '0' && *p <= '9')
			p++;
		if (p == digits || (*p != 'y' && *p != 'm' && *p != 'd'))
			return (void)snprintf(buf, len, "%s", stored), buf;
		/* TRANSLATORS: one-letter units of a duration: 3y6m, 7d */
		unit = *p == 'y' ? i18n_pgettext("duration unit", "y") :
		       *p == 'm' ? i18n_pgettext("duration unit", "m") :
		                   i18n_pgettext("duration unit", "d");
		n = snprintf(buf + at, len - at, "%.*s%s", (int)(p - digits), digits, unit);
		if (n < 0 || (size_t)n >= len - at)
			break;
		at += (size_t)n;
		p++;
	}
	return buf;
}

/* A word of at most cap - 1 bytes up to the next blank (or end) at *p,
 * into out; advances *p past it. False when empty or too long. */
static bool
take_word(const char **p, char *out, size_t cap)
{
	size_t n = strcspn(*p, " ");

	if (n == 0 || n >= cap)
		return false;
	memcpy(out, *p, n);
	out[n] = '\0';
	*p += n;
	return true;
}

/* Whether *p starts with lit; advances past it when it does. */
static bool
take(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return false;
	*p += n;
	return true;
}

static bool
take_int(const char **p, int *v)
{
	int n = 0;

	if (sscanf(*p, "%d%n", v, &n) != 1 || n == 0)
		return false;
	*p += n;
	return true;
}

/* The prison clocks: "imprisoned D + sentence L - N days pre-trial
 * detention = D" and "imprisoned D + A/B of L (P of T days) - N days
 * pre-trial detention = D". */
static bool
prison_display(const char *s, char *buf, size_t len)
{
	char from[32], l[32], due[32], fd[48], dd[48], ld[48];
	int num, den, part, total, credit;
	const char *p = s;

	if (!take(&p, "imprisoned ") || !take_word(&p, from, sizeof from) || !take(&p, " + "))
		return false;
	if (take(&p, "sentence ")) {
		if (!take_word(&p, l, sizeof l) || !take(&p, " - ") || !take_int(&p, &credit) ||
		    !take(&p, " days pre-trial detention = ") || !take_word(&p, due, sizeof due) || *p)
			return false;
		snprintf(buf, len, _("imprisoned %s + sentence %s - %d days pre-trial detention = %s"),
		         pdate_display(from, fd, sizeof fd), duration_display(l, ld, sizeof ld),
		         credit, pdate_display(due, dd, sizeof dd));
		return true;
	}
	if (!take_int(&p, &num) || !take(&p, "/") || !take_int(&p, &den) || !take(&p, " of ") ||
	    !take_word(&p, l, sizeof l) || !take(&p, " (") || !take_int(&p, &part) ||
	    !take(&p, " of ") || !take_int(&p, &total) || !take(&p, " days) - ") ||
	    !take_int(&p, &credit) || !take(&p, " days pre-trial detention = ") ||
	    !take_word(&p, due, sizeof due) || *p)
		return false;
	snprintf(buf, len, _("imprisoned %s + %d/%d of %s (%d of %d days) - %d days pre-trial"
	                     " detention = %s"),
	         pdate_display(from, fd, sizeof fd), num, den, duration_display(l, ld, sizeof ld),
	         part, total, credit, pdate_display(due, dd, sizeof dd));
	return true;
}

/* The clocks that run a length from an event: "VERB D + L = D", its
 * weekend or holiday form, and its partial-date form. */
static bool
from_display(const char *s, char *buf, size_t len)
{
	const char *plus = strstr(s, " + "), *p, *sp;
	char verb[96], from[32], l[32], a[32], b[32], fd[48], ld[48], ad[48], bd[48];
	bool partial = false;
	size_t n;

	if (!plus)
		return false;
	n = (size_t)(plus - s);
	if (n > 10 && strncmp(plus - 10, " (partial)", 10) == 0) {
		partial = true;
		n -= 10;
	}
	/* the date is the last word before the plus */
	for (sp = s + n; sp > s && sp[-1] != ' '; sp--)
		;
	if (sp == s || (size_t)(s + n - sp) >= sizeof from || (size_t)(sp - 1 - s) >= sizeof verb)
		return false;
	snprintf(verb, sizeof verb, "%.*s", (int)(sp - 1 - s), s);
	snprintf(from, sizeof from, "%.*s", (int)(s + n - sp), sp);
	p = plus + 3;
	if (!take_word(&p, l, sizeof l) || !take(&p, " = "))
		return false;
	pdate_display(from, fd, sizeof fd);
	duration_display(l, ld, sizeof ld);
	if (partial) {
		bool working;

		if (!take(&p, "between ") || !take_word(&p, a, sizeof a) || !take(&p, " and ") ||
		    !take_word(&p, b, sizeof b))
			return false;
		working = take(&p, " (working days)");
		if (*p)
			return false;
		snprintf(buf, len, working ?
		         _("%s %s (partial) + %s = between %s and %s (working days)") :
		         _("%s %s (partial) + %s = between %s and %s"),
		         verb_label(verb), fd, ld, pdate_display(a, ad, sizeof ad),
		         pdate_display(b, bd, sizeof bd));
		return true;
	}
	if (!take_word(&p, a, sizeof a))
		return false;
	if (!*p) {
		snprintf(buf, len, _("%s %s + %s = %s"), verb_label(verb), fd, ld,
		         pdate_display(a, ad, sizeof ad));
		return true;
	}
	/* "D, a weekend, so the next working day D": the comma is on D */
	n = strlen(a);
	if (n < 2 || a[n - 1] != ',')
		return false;
	a[n - 1] = '\0';
	if (take(&p, " a weekend, so the next working day ")) {
		if (!take_word(&p, b, sizeof b) || *p)
			return false;
		snprintf(buf, len, _("%s %s + %s = %s, a weekend, so the next working day %s"),
		         verb_label(verb), fd, ld, pdate_display(a, ad, sizeof ad),
		         pdate_display(b, bd, sizeof bd));
		return true;
	}
	if (take(&p, " a holiday, so the next working day ")) {
		if (!take_word(&p, b, sizeof b) || *p)
			return false;
		snprintf(buf, len, _("%s %s + %s = %s, a holiday, so the next working day %s"),
		         verb_label(verb), fd, ld, pdate_display(a, ad, sizeof ad),
		         pdate_display(b, bd, sizeof bd));
		return true;
	}
	return false;
}

/* A lapsed window's tail (rules.c, window_unused): "; lapsed unused:
 * KIND D", "; lapsed unused: D + grace L = D" or "; lapsed: challenge
 * filed late D". False when it is none of them. */
static bool
lapsed_display(const char *tail, char *buf, size_t len)
{
	const char *p = tail;
	char a[32], b[32], l[32], k[64], ad[48], bd[48], ld[48];

	if (take(&p, "; lapsed: challenge filed late ")) {
		if (!take_word(&p, a, sizeof a) || *p)
			return false;
		snprintf(buf, len, _("; lapsed: challenge filed late %s"),
		         pdate_display(a, ad, sizeof ad));
		return true;
	}
	if (!take(&p, "; lapsed unused: ") || !take_word(&p, a, sizeof a) || !take(&p, " "))
		return false;
	if (take(&p, "+ grace ")) {
		if (!take_word(&p, l, sizeof l) || !take(&p, " = ") ||
		    !take_word(&p, b, sizeof b) || *p)
			return false;
		snprintf(buf, len, _("; lapsed unused: %s + grace %s = %s"),
		         pdate_display(a, ad, sizeof ad), duration_display(l, ld, sizeof ld),
		         pdate_display(b, bd, sizeof bd));
		return true;
	}
	/* a is the event kind that made the window moot */
	snprintf(k, sizeof k, "%s", a);
	if (!take_word(&p, b, sizeof b) || *p)
		return false;
	snprintf(buf, len, _("; lapsed unused: %s %s"), KIND_LABEL(k),
	         pdate_display(b, bd, sizeof bd));
	return true;
}

char *
clock_arithmetic_display(const char *stored, char *buf, size_t len)
{
	static const char waived[] = "; waived: the case reached ";
	const char *s = stored ? stored : "", *w = strstr(s, waived);
	const char *lp = strstr(s, "; lapsed");
	char head[256];
	size_t n;
	bool ok;

	if (len == 0)
		return buf;
	if (lp && !w)
		w = lp;
	n = w ? (size_t)(w - s) : strlen(s);
	if (n >= sizeof head)
		return (void)snprintf(buf, len, "%s", s), buf;
	snprintf(head, sizeof head, "%.*s", (int)n, s);
	ok = strncmp(head, "imprisoned ", 11) == 0 ? prison_display(head, buf, len)
	                                           : from_display(head, buf, len);
	if (!ok)
		return (void)snprintf(buf, len, "%s", s), buf;
	if (w && w == lp) {
		size_t at = strlen(buf);

		if (at >= len || !lapsed_display(lp, buf + at, len - at))
			return (void)snprintf(buf, len, "%s", s), buf;
	} else if (w) {
		size_t at = strlen(buf);

		snprintf(buf + at, len - at, _("; waived: the case reached %s"),
		         STAGE_LABEL(w + sizeof waived - 1));
	}
	return buf;
}
