/* view_deadlines.c: every open legal clock due within the window
 * (overdue first, then by date), the screen casepath opens on when
 * anything is overdue. Enter opens the person's timeline; r reviews the
 * persons concerned one by one. Paged by key like the case list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/app.h"
#include "casepath/date.h"
#include "casepath/i18n.h"
#include "casepath/pager.h"
#include "casepath/store.h"
#include "casepath/store_view.h"
#include "casepath/u8.h"
#include "casepath/util.h"
#include "casepath/views.h"
#include "casepath/vocab.h"

#define DEFAULT_WITHIN 30

struct deadlines_view {
	struct pager pg;
	int within;
	bool lapsed;             /* lapsed clocks shown too (L) */
	long total;
};

static void
copy_row(void *dst, const void *src)
{
	deadline_row_copy(dst, src);
}

static void
clear_rows(void *rows, int n)
{
	deadline_rows_clear(rows, n);
}

static int
fetch_rows(void *ctx, const void *after, bool backward, int n, void *rows)
{
	struct view *v = ctx;
	struct deadlines_view *dv = v->priv;
	int got = store_deadline_page(app_store(v->app), app_today(v->app), dv->within,
	                              dv->lapsed, after, backward, n, rows);

	if (got < 0)
		app_error(v->app, _("cannot read the deadlines: %s"),
		          store_errmsg(app_store(v->app)));
	return got;
}

static void
reload(struct view *v)
{
	struct deadlines_view *dv = v->priv;

	dv->total = -1;          /* counted when idle */
	pager_first(&dv->pg);
	v->dirty = true;
}

static bool
deadlines_idle(struct view *v)
{
	struct deadlines_view *dv = v->priv;

	if (dv->total >= 0)
		return false;
	dv->total = store_deadline_count(app_store(v->app), app_today(v->app), dv->within,
	                                 dv->lapsed);
	if (dv->total < 0 && store_gave_way(app_store(v->app)))
		return false;   /* a key came first: counted at the next idle moment */
	if (dv->total < 0)
		dv->total = 0;
	return true;
}

static enum status
deadlines_open(struct view *v, const void *arg)
{
	struct deadlines_view *dv = v->priv;
	struct pager_source src = {
		.row_size = sizeof(struct deadline_row), .fetch = fetch_rows,
		.clear = clear_rows, .copy = copy_row, .ctx = v,
	};

	(void)arg;
	dv->within = DEFAULT_WITHIN;
	pager_init(&dv->pg, &src);
	dv->total = -1;
	return ST_OK;
}

static void
deadlines_close(struct view *v)
{
	struct deadlines_view *dv = v->priv;

	pager_free(&dv->pg);
}

static void
deadlines_resize(struct view *v, int lines, int cols)
{
	struct deadlines_view *dv = v->priv;

	(void)cols;
	pager_set_cap(&dv->pg, lines - 1);
}

/* "overdue 12d", "today", "in 5d"; a clock from a partial date falls
 * due within a range: "within 200d" once its earliest day has come;
 * "lapsed 400d" counts from its last day */
static void
when_text(const struct deadline_row *r, int32_t today, char *buf, size_t len)
{
	if (r->lapsed)
		snprintf(buf, len, _("lapsed %ldd"), (long)(today - r->due_latest));
	else if (r->overdue)
		snprintf(buf, len, _("overdue %ldd"), (long)(today - r->due_latest));
	else if (r->due_latest == today)
		snprintf(buf, len, _("today"));
	else if (r->due <= today)
		snprintf(buf, len, _("within %ldd"), (long)(r->due_latest - today));
	else
		snprintf(buf, len, _("in %ldd"), (long)(r->due - today));
}

/* Columns: due, when, clock, rule, case, then the name takes the rest.
 * When is as wide as its widest text in the interface's language with
 * four-digit days ("overdue 1456d", "1456g gecikti"), 12 at least. */
enum { W_DUE = 10, W_WHEN_MIN = 12, W_CLOCK = 22, W_RULE = 7, W_CASE = 14 };

static int
when_width(void)
{
	const struct deadline_row rows[] = {
		{ .overdue = true, .due = -9999, .due_latest = -9999 },
		{ .lapsed = true, .due = -9999, .due_latest = -9999 },
		{ .due = -1, .due_latest = 9999 },
		{ .due = 9999, .due_latest = 9999 },
	};
	int w = W_WHEN_MIN;

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char buf[64];

		when_text(&rows[i], 0, buf, sizeof buf);
		if (u8_width(buf) > w)
			w = u8_width(buf);
	}
	return w;
}

static void
deadlines_draw(struct view *v, WINDOW *win, int lines, int cols)
{
	struct deadlines_view *dv = v->priv;
	int32_t today = app_today(v->app);
	int w_when = when_width(), x_when = W_DUE + 1, x_clock = x_when + w_when + 1;
	int x_rule = x_clock + W_CLOCK + 1, x_case = x_rule + W_RULE + 1;
	int x_name = x_case + W_CASE + 1;

	(void)lines;
	werase(win);
	wattrset(win, app_attr(v->app, UI_HEADER));
	/* TRANSLATORS: deadline view column titles: Due 10 columns, When 12
	 * (or its widest value),
	 * Clock 22, Rule 7, Case 14, Name the rest; a longer title is cut. */
	ui_put(win, 0, 0, _("Due"), W_DUE, true);
	ui_put(win, 0, x_when, _("When"), w_when, true);
	ui_put(win, 0, x_clock, _("Clock"), W_CLOCK, true);
	ui_put(win, 0, x_rule, _("Rule"), W_RULE, true);
	ui_put(win, 0, x_case, _("Case"), W_CASE, true);
	ui_put(win, 0, x_name, _("Name"), cols - x_name, true);
	wattrset(win, A_NORMAL);
	for (int i = 0; i < dv->pg.nrows; i++) {
		const struct deadline_row *r = pager_row(&dv->pg, i);
		char due[PDATE_TEXT_MAX], when[32], name[512];
		bool cur = i == dv->pg.cursor;
		attr_t base = cur ? app_attr(v->app, UI_CURSOR) : A_NORMAL;

		wattrset(win, base);
		ui_clear_to_eol(win, i + 1, 0, cols);
		ui_put(win, i + 1, 0, day_display(r->due, due, sizeof due), W_DUE, true);
		when_text(r, today, when, sizeof when);
		if (!cur)
			wattrset(win, app_attr(v->app, r->lapsed ? UI_DIM :
			                       r->overdue ? UI_OVERDUE : UI_FUTURE));
		ui_put(win, i + 1, x_when, when, w_when, true);
		wattrset(win, base);
		ui_put(win, i + 1, x_clock, CLOCK_LABEL(r->clock), W_CLOCK, true);
		ui_put(win, i + 1, x_rule, r->rule, W_RULE, true);
		ui_put(win, i + 1, x_case, r->case_no, W_CASE, true);
		snprintf(name, sizeof name, "%s%s%s", r->family_name,
		         r->given_names[0] ? ", " : "", r->given_names);
		ui_put(win, i + 1, x_name, name, cols - x_name, true);
		wattrset(win, A_NORMAL);
	}
	if (dv->pg.nrows == 0)
		ui_put(win, 2, 2, _("No open deadline in the window."), cols - 2, false);
}

static bool
deadlines_handle(struct view *v, enum action a)
{
	struct deadlines_view *dv = v->priv;
	const struct deadline_row *r = pager_current(&dv->pg);
	const char *arg = app_action_arg(v->app);

	switch (a) {
	case ACT_MOVE_DOWN: pager_move(&dv->pg, 1); break;
	case ACT_MOVE_UP: pager_move(&dv->pg, -1); break;
	case ACT_PAGE_DOWN: pager_page(&dv->pg, true); break;
	case ACT_PAGE_UP: pager_page(&dv->pg, false); break;
	case ACT_FIRST: pager_first(&dv->pg); break;
	case ACT_LAST:
		deadlines_idle(v);      /* the last row's position is the count */
		pager_last(&dv->pg, dv->total);
		break;
	case ACT_OPEN:
	case ACT_TIMELINE:
		if (r)
			app_push(v->app, &view_timeline_ops, &r->person_id);
		return true;
	case ACT_FILTER: {
		/* ":filter within=7" narrows the window */
		char *end;
		long n = arg && strncmp(arg, "within=", 7) == 0 ? strtol(arg + 7, &end, 10) : -1;

		if (n < 0 || n > 3660 || *end) {
			app_error(v->app, _("filter: within=DAYS (the deadline view shows"
			          " deadlines due within that many days)"));
			return true;
		}
		dv->within = (int)n;
		reload(v);
		return true;
	}
	case ACT_LAPSED:
		dv->lapsed = !dv->lapsed;
		app_message(v->app, "%s", dv->lapsed ? _("lapsed clocks shown (L hides them)")
		            : _("lapsed clocks hidden (L shows them)"));
		reload(v);
		return true;
	case ACT_REVIEW: {
		struct review_arg ra = { .query = { .sort = SORT_DEADLINE } };

		ra.query.filter.today = app_today(v->app);
		ra.query.filter.within = true;
		ra.query.filter.within_days = dv->within;
		list_filter_format(&ra.query.filter, ra.session, sizeof ra.session);
		app_push(v->app, &view_review_ops, &ra);
		return true;
	}
	default:
		return false;
	}
	v->dirty = true;
	return true;
}

static void
deadlines_title(struct view *v, char *buf, size_t len)
{
	struct deadlines_view *dv = v->priv;

	/* with L, the lapsed clocks instead of "overdue", which is always in */
	if (dv->total < 0 && dv->lapsed)
		snprintf(buf, len, P_("deadlines due within %d day, lapsed included  counting...",
		                      "deadlines due within %d days, lapsed included  counting...",
		                      dv->within), dv->within);
	else if (dv->total < 0)
		snprintf(buf, len, P_("deadlines due within %d day, overdue included  counting...",
		                      "deadlines due within %d days, overdue included  counting...",
		                      dv->within), dv->within);
	else {
		size_t n;

		if (dv->lapsed)
			snprintf(buf, len, P_("deadlines due within %d day, lapsed included",
			                      "deadlines due within %d days, lapsed included",
			                      dv->within), dv->within);
		else
			snprintf(buf, len, P_("deadlines due within %d day, overdue included",
			                      "deadlines due within %d days, overdue included",
			                      dv->within), dv->within);
		n = strlen(buf);
		/* with L the count holds the lapsed clocks too: not all open */
		if (dv->lapsed)
			snprintf(buf + n, len - n, P_("  %ld clock", "  %ld clocks", dv->total),
			         dv->total);
		else
			snprintf(buf + n, len - n, P_("  %ld open", "  %ld open", dv->total),
			         dv->total);
	}
}

static void
deadlines_position(struct view *v, char *buf, size_t len)
{
	struct deadlines_view *dv = v->priv;

	if (dv->total < 0)
		snprintf(buf, len, "%ld/?", dv->pg.pos);
	else
		snprintf(buf, len, "%ld/%ld", dv->pg.pos, dv->total);
}

const struct view_ops view_deadlines_ops = {
	.name = "deadlines",
	.keymap = KM_DEADLINES,
	.private_size = sizeof(struct deadlines_view),
	.open = deadlines_open,
	.close = deadlines_close,
	.draw = deadlines_draw,
	.handle = deadlines_handle,
	.resize = deadlines_resize,
	.title = deadlines_title,
	.position = deadlines_position,
	.reload = reload,
	.idle = deadlines_idle,
};
