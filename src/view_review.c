/* view_review.c: the review session. Steps through the cases of a list
 * (a filter such as "deadline within 7 days"), one screen a case: n
 * next, p previous, m marks it reviewed with an optional one-line note
 * (audited), progress "12/40 reviewed". The marks are stored under the
 * session's name (the filter's text), so leaving and coming back
 * resumes at the first case not yet marked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/clock_text.h"
#include "casepath/app.h"
#include "casepath/date.h"
#include "casepath/i18n.h"
#include "casepath/store.h"
#include "casepath/store_edit.h"
#include "casepath/store_view.h"
#include "casepath/u8.h"
#include "casepath/util.h"
#include "casepath/views.h"
#include "casepath/vocab.h"

/* Looking for the first unmarked case stops after this many rows. */
#define RESUME_SCAN 5000

struct review_view {
	struct review_arg arg;
	struct list_row row;          /* the case on screen */
	bool have;
	long pos, total, marked;
	bool is_marked;
	struct person_detail d;
	struct event_row *events;
	size_t nevents;
};

static void
show(struct view *v)
{
	struct review_view *rv = v->priv;
	struct store *st = app_store(v->app);

	person_detail_clear(&rv->d);
	event_rows_free(&rv->events, rv->nevents);
	rv->nevents = 0;
	if (!rv->have)
		return;
	if (store_person_detail(st, rv->row.id, &rv->d) != ST_OK ||
	    store_events(st, rv->row.id, &rv->events, &rv->nevents) != ST_OK)
		app_error(v->app, _("cannot read the case: %s"), store_errmsg(st));
	else if (store_log_access(st, rv->row.id) != ST_OK)
		app_error(v->app, _("could not record this access: %s"), store_errmsg(st));
	rv->is_marked = store_review_is_marked(st, rv->arg.session, rv->row.id) == 1;
	rv->marked = store_review_count(st, rv->arg.session);
	v->dirty = true;
}

/* Steps one case forward or back; false at the end. */
static bool
step(struct view *v, bool backward)
{
	struct review_view *rv = v->priv;
	struct list_row next = { 0 };
	int got = store_list_page(app_store(v->app), &rv->arg.query,
	                          rv->have ? &rv->row : NULL, backward, 1, &next);

	if (got != 1)
		return false;
	if (rv->have)
		list_rows_clear(&rv->row, 1);
	rv->row = next;
	rv->have = true;
	rv->pos += backward ? -1 : 1;
	return true;
}

static enum status
review_open(struct view *v, const void *arg)
{
	struct review_view *rv = v->priv;
	struct store *st = app_store(v->app);
	int scanned = 0;

	rv->arg = *(const struct review_arg *)arg;
	rv->total = store_list_count(st, &rv->arg.query);
	if (rv->total <= 0 || !step(v, false)) {
		app_error(v->app, _("nothing to review on this list"));
		return ST_ERR_NOT_FOUND;
	}
	/* resume: the first case not yet marked in this session */
	while (scanned++ < RESUME_SCAN &&
	       store_review_is_marked(st, rv->arg.session, rv->row.id) == 1)
		if (!step(v, false))
			break;
	show(v);
	if (rv->marked > 0)
		app_message(v->app, _("resuming: %ld of %ld already reviewed"), rv->marked,
		            rv->total);
	return ST_OK;
}

static void
review_close(struct view *v)
{
	struct review_view *rv = v->priv;

	if (rv->have)
		list_rows_clear(&rv->row, 1);
	person_detail_clear(&rv->d);
	event_rows_free(&rv->events, rv->nevents);
}

static void
review_draw(struct view *v, WINDOW *win, int lines, int cols)
{
	struct review_view *rv = v->priv;
	const struct person_detail *d = &rv->d;
	int32_t today = app_today(v->app);
	char line[1024], day[PDATE_TEXT_MAX], pad[128], arith[256];
	int y = 0;

	werase(win);
	if (!rv->have)
		return;
	wattrset(win, app_attr(v->app, rv->is_marked ? UI_MARK : UI_HEADER));
	snprintf(line, sizeof line, _("Case %ld of %ld   %s"), rv->pos, rv->total,
	         rv->is_marked ? _("[reviewed]") : _("[not reviewed yet]"));
	ui_put(win, y++, 0, line, cols, false);
	wattrset(win, A_NORMAL);
	snprintf(line, sizeof line, "%s  %s%s%s  %s  %s  %s", d->case_no, d->family_name,
	         d->given_names[0] ? ", " : "", d->given_names, vocab_label(vocab_sexes, d->sex),
	         d->birth_date[0] ? d->birth_date : _("born ?"),
	         d->nationality[0] ? d->nationality : "-");
	ui_put(win, y++, 0, line, cols, false);
	if (d->stage[0] && d->stage_since >= 0)
		snprintf(line, sizeof line, P_("Stage: %s since %s (%ld day)",
		                               "Stage: %s since %s (%ld days)",
		                               today - d->stage_since), STAGE_LABEL(d->stage),
		         day_display(d->stage_since, day, sizeof day),
		         (long)(today - d->stage_since));
	else
		snprintf(line, sizeof line, _("Stage: %s"), d->stage[0] ? STAGE_LABEL(d->stage) : "-");
	ui_put(win, y++, 0, line, cols, false);
	y++;
	wattrset(win, app_attr(v->app, UI_HEADER));
	ui_put(win, y++, 0, _("Open deadlines"), cols, false);
	wattrset(win, A_NORMAL);
	for (size_t i = 0; i < d->ndeadlines && y < lines; i++) {
		const struct person_deadline_row *c = &d->deadlines[i];
		bool overdue = c->due_latest < today;

		if (strcmp(c->status, "open") != 0 && strcmp(c->status, "overdue") != 0)
			continue;
		wattrset(win, app_attr(v->app, overdue ? UI_OVERDUE : UI_FUTURE));
		snprintf(line, sizeof line, "  %s  %s %s", day_display(c->due, day, sizeof day),
		         u8_pad(CLOCK_LABEL(c->clock), 24, pad, sizeof pad),
		         clock_arithmetic_display(c->arithmetic, arith, sizeof arith));
		ui_put(win, y++, 0, line, cols, false);
		wattrset(win, A_NORMAL);
	}
	y++;
	if (y < lines) {
		wattrset(win, app_attr(v->app, UI_HEADER));
		ui_put(win, y++, 0, _("Latest events"), cols, false);
		wattrset(win, A_NORMAL);
	}
	/* the newest that fit, oldest of them first */
	{
		size_t room = lines > y ? (size_t)(lines - y) : 0;
		size_t from = rv->nevents > room ? rv->nevents - room : 0;

		for (size_t i = from; i < rv->nevents && y < lines; i++) {
			const struct event_row *e = &rv->events[i];

			char when[PDATE_TEXT_MAX], date[64];

			snprintf(line, sizeof line, "  %s  %s %s",
			         u8_pad_min(pdate_display(e->date, when, sizeof when), 10, date, sizeof date),
			         u8_pad(KIND_LABEL(e->kind), 26, pad, sizeof pad), e->note);
			ui_put(win, y++, 0, line, cols, false);
		}
	}
}

static void
mark_done(struct app *app, void *ctx, const char *text, bool accepted)
{
	struct view *v = ctx;
	struct review_view *rv = v->priv;
	struct load_error err = { 0 };

	if (!accepted) {
		app_message(app, _("not marked"));
		return;
	}
	if (store_review_mark(app_store(app), rv->arg.session, rv->row.id, text, &err) != ST_OK) {
		app_error(app, _("not marked: %s"), err.reason[0] ? err.reason
		          : store_errmsg(app_store(app)));
		return;
	}
	rv->marked = store_review_count(app_store(app), rv->arg.session);
	app_message(app, _("%s reviewed (%ld/%ld)"), rv->row.case_no, rv->marked, rv->total);
	/* on to the next case, as a caseworker working down a list expects */
	if (step(v, false))
		show(v);
	else {
		rv->is_marked = true;
		app_message(app, _("last case reviewed: %ld/%ld"), rv->marked, rv->total);
	}
	v->dirty = true;
}

static bool
review_handle(struct view *v, enum action a)
{
	struct review_view *rv = v->priv;

	switch (a) {
	case ACT_REVIEW_NEXT:
	case ACT_MOVE_DOWN:
		if (step(v, false))
			show(v);
		else
			app_message(v->app, _("this is the last case"));
		return true;
	case ACT_REVIEW_PREV:
	case ACT_MOVE_UP:
		if (step(v, true))
			show(v);
		else
			app_message(v->app, _("this is the first case"));
		return true;
	case ACT_REVIEW_MARK: {
		const char *arg = app_action_arg(v->app);

		if (arg)
			mark_done(v->app, v, arg, true);
		else
			app_prompt(v->app, _("note (Enter for none): "), NULL, NULL, mark_done, v,
			           NULL);
		return true;
	}
	case ACT_OPEN:
		app_push(v->app, &view_detail_ops, &rv->row.id);
		return true;
	case ACT_TIMELINE:
		app_push(v->app, &view_timeline_ops, &rv->row.id);
		return true;
	default:
		return false;
	}
}

static void
review_reload(struct view *v)
{
	show(v);
}

static void
review_title(struct view *v, char *buf, size_t len)
{
	struct review_view *rv = v->priv;

	/* the whole list's session is stored as "all cases"; a filtered
	 * one by its filter text, which is the user's own words */
	snprintf(buf, len, _("review: %s"), strcmp(rv->arg.session, "all cases") == 0
	         ? _("all cases") : rv->arg.session);
}

static void
review_position(struct view *v, char *buf, size_t len)
{
	struct review_view *rv = v->priv;

	snprintf(buf, len, _("%ld/%ld reviewed"), rv->marked, rv->total);
}

const struct view_ops view_review_ops = {
	.name = "review",
	.keymap = KM_REVIEW,
	.private_size = sizeof(struct review_view),
	.open = review_open,
	.close = review_close,
	.draw = review_draw,
	.handle = review_handle,
	.title = review_title,
	.position = review_position,
	.reload = review_reload,
};
