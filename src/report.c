/* report.c: the report model's memory and calendar arithmetic. Pure:
 * the store fills the model, the formatters and the TUI read it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/date.h"
#include "casepath/report.h"
#include "casepath/util.h"
#include "casepath/i18n.h"

struct report_section *
report_add_section(struct report *r, const char *key, const char *title,
                   const char *unit, enum report_chart chart)
{
	struct report_section *s;

	if (r->nsections == r->sections_cap) {
		r->sections_cap = r->sections_cap ? r->sections_cap * 2 : 16;
		r->sections = xrealloc(r->sections, r->sections_cap * sizeof *r->sections);
	}
	s = &r->sections[r->nsections++];
	memset(s, 0, sizeof *s);
	s->key = key;
	s->title = xstrdup(title);
	s->unit = xstrdup(unit);
	s->note = xstrdup("");
	s->total_label = xstrdup(_("total"));
	s->chart = chart;
	return s;
}

struct report_row *
report_add_row(struct report_section *s, const char *key, const char *label,
               const char *note, long value)
{
	struct report_row *row;

	if (s->nrows == s->rows_cap) {
		s->rows_cap = s->rows_cap ? s->rows_cap * 2 : 16;
		s->rows = xrealloc(s->rows, s->rows_cap * sizeof *s->rows);
	}
	row = &s->rows[s->nrows++];
	memset(row, 0, sizeof *row);
	row->key = xstrdup(key ? key : "");
	row->label = xstrdup(label ? label : "");
	row->note = xstrdup(note ? note : "");
	row->value = value;
	if (s->chart == CHART_SERIES && s->nmonths)
		row->series = xcalloc(s->nmonths, sizeof *row->series);
	return row;
}

void
report_set_note(struct report_section *s, const char *note)
{
	free(s->note);
	s->note = xstrdup(note ? note : "");
}

void
report_set_total_label(struct report_section *s, const char *label)
{
	free(s->total_label);
	s->total_label = xstrdup(label ? label : "");
}

/* A month as a count from year 0: easy to step and compare. */
static int
month_number(int32_t day)
{
	int y, m, d;

	day_to_ymd(day, &y, &m, &d);
	return y * 12 + (m - 1);
}

void
report_set_months(struct report_section *s, int32_t as_of, size_t n)
{
	int last = month_number(as_of);

	for (size_t i = 0; i < s->nmonths; i++)
		free(s->months[i]);
	free(s->months);
	s->months = xcalloc(n, sizeof *s->months);
	s->nmonths = n;
	for (size_t i = 0; i < n; i++) {
		int m = last - (int)(n - 1 - i);
		char buf[16];

		snprintf(buf, sizeof buf, "%04d-%02d", m / 12, m % 12 + 1);
		s->months[i] = xstrdup(buf);
	}
}

int
report_month_index(const struct report_section *s, int32_t day)
{
	int y, m, first;

	if (!s->nmonths)
		return -1;
	if (sscanf(s->months[0], "%d-%d", &y, &m) != 2)
		return -1;
	first = y * 12 + (m - 1);
	{
		int i = month_number(day) - first;

		return i >= 0 && (size_t)i < s->nmonths ? i : -1;
	}
}

int
report_months_between(int32_t from, int32_t to)
{
	int fy, fm, fd, ty, tm, td, n;

	if (to <= from)
		return 0;
	day_to_ymd(from, &fy, &fm, &fd);
	day_to_ymd(to, &ty, &tm, &td);
	n = (ty - fy) * 12 + (tm - fm);
	/* a month is whole when its day is reached; a start on the 31st
	 * completes at the end of a shorter month */
	if (td < fd && td < days_in_month(ty, tm))
		n--;
	return n < 0 ? 0 : n;
}

static void
section_clear(struct report_section *s)
{
	for (size_t i = 0; i < s->nrows; i++) {
		free(s->rows[i].key);
		free(s->rows[i].label);
		free(s->rows[i].note);
		free(s->rows[i].series);
	}
	free(s->rows);
	for (size_t i = 0; i < s->nmonths; i++)
		free(s->months[i]);
	free(s->months);
	free(s->title);
	free(s->unit);
	free(s->note);
	free(s->total_label);
	memset(s, 0, sizeof *s);
}

void
report_clear(struct report *r)
{
	for (size_t i = 0; i < r->nsections; i++)
		section_clear(&r->sections[i]);
	free(r->sections);
	memset(r, 0, sizeof *r);
	r->since = -1;
}

const struct report_section *
report_section(const struct report *r, const char *key)
{
	for (size_t i = 0; i < r->nsections; i++)
		if (strcmp(r->sections[i].key, key) == 0)
			return &r->sections[i];
	return NULL;
}
