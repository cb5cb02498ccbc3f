/* view_list.c: the case list, the first screen. Holds only the visible
 * rows; every move past the window's edge fetches the next rows by key
 * (store_list_page), so it costs the same at row 10 as at row 999,999.
 * A move inside the window repaints two rows, not the whole body. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/app.h"
#include "casepath/date.h"
#include "casepath/i18n.h"
#include "casepath/pager.h"
#include "casepath/saved_filters.h"
#include "casepath/store.h"
#include "casepath/store_dup.h"
#include "casepath/store_view.h"
#include "casepath/u8.h"
#include "casepath/util.h"
#include "casepath/views.h"
#include "casepath/vocab.h"

/* The columns, most important first in `prio` (0 never drops). */
enum col { C_CASE, C_NAME, C_NATIVE, C_SEX, C_AGE, C_NAT, C_STAGE, C_DAYS,
           C_DEADLINE, C_COUNT };

static const struct {
	const char *header;
	int width;      /* fixed width; 0: shares the rest */
	int min;        /* the least a flexible column takes */
	int weight;     /* its share of the rest */
	int prio;       /* bigger drops first */
	enum list_sort sort;
} columns[C_COUNT] = {
	/* TRANSLATORS: case list column titles. Case 14 columns, Name and
	 * Native name share the rest (at least 12 and 8), S (sex) 1, Age 3,
	 * Nat (nationality) 3, Stage 15, Days 4, Deadline 11; the sorted
	 * column adds an arrow. A longer title is cut. */
	[C_CASE] = { N_("Case"), 14, 0, 0, 0, SORT_CASE },
	[C_NAME] = { N_("Name"), 0, 12, 3, 0, SORT_NAME },
	[C_NATIVE] = { N_("Native name"), 0, 8, 2, 5, SORT_NATIVE },
	[C_SEX] = { N_("S"), 1, 0, 0, 4, SORT_SEX },
	[C_AGE] = { N_("Age"), 3, 0, 0, 3, SORT_BORN },
	[C_NAT] = { N_("Nat"), 3, 0, 0, 2, SORT_NAT },
	[C_STAGE] = { N_("Stage"), 15, 0, 0, 1, SORT_STAGE },
	[C_DAYS] = { N_("Days"), 4, 0, 0, 4, SORT_DAYS },
	[C_DEADLINE] = { N_("Deadline"), 11, 0, 0, 1, SORT_DEADLINE },
};

struct list_view {
	struct list_query q;
	struct pager pg;          /* the visible rows only */
	long total;               /* -1 until counted (idle work) */
	bool pos_exact;
	bool rank_pending;        /* the position after a jump, counted when idle */
	int x[C_COUNT], w[C_COUNT]; /* laid out; w 0: not shown */
	/* what the last paint showed, to repaint only what changed */
	int64_t painted_first;
	int painted_cursor;
	bool need_full;
	/* search */
	char search[256];
	struct list_row origin;   /* where the search started */
	bool has_origin;
	bool search_stale;        /* the last keystroke's search gave way */
	char **filter_names;      /* saved filters' names, for completion */
};

static void
copy_row(void *dst, const void *src)
{
	list_row_copy(dst, src);
}

static void
clear_rows(void *rows, int n)
{
	list_rows_clear(rows, n);
}

static int
fetch_rows(void *ctx, const void *after, bool backward, int n, void *rows)
{
	struct view *v = ctx;
	struct list_view *lv = v->priv;
	int got = store_list_page(app_store(v->app), &lv->q, after, backward, n, rows);

	if (got < 0)
		app_error(v->app, _("cannot read the list: %s"),
		          store_errmsg(app_store(v->app)));
	return got;
}

static struct list_row *
current(const struct list_view *lv)
{
	return pager_current(&lv->pg);
}

/* Shows `row` with its neighbours; its position is counted when idle
 * (a count up to row 900,000 is not a keystroke's work). */
static void
load_around(struct view *v, const struct list_row *row)
{
	struct list_view *lv = v->priv;

	pager_around(&lv->pg, row, 0);
	lv->pos_exact = false;
	lv->rank_pending = true;
	lv->need_full = true;
}

/* The count is idle work too: the first screen paints before it. */
static void
recount(struct view *v)
{
	struct list_view *lv = v->priv;

	lv->total = -1;
}

static bool
list_idle(struct view *v)
{
	struct list_view *lv = v->priv;
	struct store *st = app_store(v->app);

	if (lv->total < 0) {
		lv->total = store_list_count(st, &lv->q);
		if (lv->total < 0 && store_gave_way(st))
			return false;   /* a key came first: counted at the next idle moment */
		if (lv->total < 0)
			lv->total = 0;
		if (lv->pos_exact && pager_current(&lv->pg) && lv->pg.pos > lv->total)
			lv->pg.pos = lv->total;
		return true;
	}
	if (lv->rank_pending) {
		bool exact = false;
		const struct list_row *r = current(lv);

		lv->rank_pending = false;
		if (r) {
			/* the cursor may have moved since the jump: count to the
			 * window's first row and add the offset */
			long first = store_list_rank(st, &lv->q, pager_row(&lv->pg, 0), &exact);

			if (first < 0 && store_gave_way(st)) {
				lv->rank_pending = true;
				return false;
			}
			lv->pg.pos = first + lv->pg.cursor;
			lv->pos_exact = exact;
		}
		return true;
	}
	/* the filter's rows, read before the first search keystroke needs
	 * them (store_search_prime) */
	return store_search_prime(st, &lv->q) && !store_gave_way(st);
}

/* Reloads keeping the cursor's row when it is still on the list. */
static void
reload_keep(struct view *v)
{
	struct list_view *lv = v->priv;
	struct list_row at = { 0 };

	recount(v);
	if (current(lv) &&
	    store_list_row(app_store(v->app), &lv->q, NULL, current(lv)->id,
	                   &at) == ST_OK) {
		load_around(v, &at);
		list_rows_clear(&at, 1);
	} else {
		pager_first(&lv->pg);
		lv->pos_exact = true;
		lv->need_full = true;
	}
}

/* --- layout and drawing ------------------------------------------------- */
static void
layout(struct list_view *lv, int cols)
{
	bool shown[C_COUNT];
	int need, flex_total, leftover, x;

	for (int c = 0; c < C_COUNT; c++)
		shown[c] = true;
	/* drop the least important columns until the minimum widths fit */
	for (;;) {
		int worst = -1;

		need = 0;
		for (int c = 0; c < C_COUNT; c++)
			if (shown[c])
				need += (columns[c].width ? columns[c].width : columns[c].min) + 1;
		if (need - 1 <= cols)
			break;
		for (int c = 0; c < C_COUNT; c++)
			if (shown[c] && columns[c].prio > 0 &&
			    (worst < 0 || columns[c].prio > columns[worst].prio ||
			     (columns[c].prio == columns[worst].prio && c > worst)))
				worst = c;
		if (worst < 0)
			break;
		shown[worst] = false;
	}
	flex_total = 0;
	for (int c = 0; c < C_COUNT; c++)
		if (shown[c] && !columns[c].width)
			flex_total += columns[c].weight;
	leftover = cols - (need - 1);
	if (leftover < 0)
		leftover = 0;
	x = 0;
	for (int c = 0; c < C_COUNT; c++) {
		int w = 0;

		if (shown[c]) {
			w = columns[c].width;
			if (!w) {
				w = columns[c].min + (flex_total ? leftover * columns[c].weight / flex_total : 0);
			}
		}
		lv->x[c] = x;
		lv->w[c] = w;
		if (w)
			x += w + 1;
	}
	/* the rounding remainder goes to the last flexible column shown */
	if (x - 1 < cols)
		for (int c = C_COUNT - 1; c >= 0; c--)
			if (lv->w[c] && !columns[c].width) {
				int extra = cols - (x - 1);

				lv->w[c] += extra;
				for (int d = c + 1; d < C_COUNT; d++)
					lv->x[d] += extra;
				break;
			}
}

static void
age_text(const struct list_row *r, int32_t today, char *buf, size_t len)
{
	int ty, tm, td, by, bm, bd, age;

	buf[0] = '\0';
	if (r->birth_lo < 0)
		return;
	day_to_ymd(today, &ty, &tm, &td);
	day_to_ymd(r->birth_hi, &by, &bm, &bd);
	age = ty - by - ((tm < bm || (tm == bm && td < bd)) ? 1 : 0);
	/* an uncertain birth date gives an uncertain age */
	snprintf(buf, len, "%s%d", r->birth_hi - r->birth_lo > 31 ? "~" : "", age);
}

static void
deadline_text(const struct list_row *r, int32_t today, char *buf, size_t len)
{
	char day[PDATE_TEXT_MAX];

	buf[0] = '\0';
	if (r->next_due < 0)
		return;
	/* overdue as the deadline view means it: an open clock's last
	 * permissible day has passed, not merely its earliest due day */
	if (r->overdue_after < today)
		snprintf(buf, len, "%s!", day_display(r->next_due, day, sizeof day));
	else
		snprintf(buf, len, "%s", day_display(r->next_due, day, sizeof day));
}

static void
draw_row(struct view *v, WINDOW *win, int y, const struct list_row *r, bool cursor)
{
	struct list_view *lv = v->priv;
	int32_t today = app_today(v->app);
	char name[1024], text[64];
	attr_t base = cursor ? app_attr(v->app, UI_CURSOR) : A_NORMAL;

	wattrset(win, base);
	ui_clear_to_eol(win, y, 0, v->cols);
	for (int c = 0; c < C_COUNT; c++) {
		const char *s = "";

		if (!lv->w[c])
			continue;
		switch (c) {
		case C_CASE: s = r->case_no; break;
		case C_NAME:
			snprintf(name, sizeof name, "%s%s%s", r->family_name,
			         r->given_names[0] ? ", " : "", r->given_names);
			s = name;
			break;
		case C_NATIVE: s = r->native_name; break;
		case C_SEX: s = r->sex; break;
		case C_AGE: age_text(r, today, text, sizeof text); s = text; break;
		case C_NAT: s = r->nationality; break;
		case C_STAGE: s = r->stage[0] ? STAGE_LABEL(r->stage) : "-"; break;
		case C_DAYS:
			if (r->stage_since >= 0)
				snprintf(text, sizeof text, "%4ld", (long)(today - r->stage_since));
			else
				text[0] = '\0';
			s = text;
			break;
		case C_DEADLINE:
			deadline_text(r, today, text, sizeof text);
			if (r->next_due >= 0 && r->overdue_after < today && !cursor)
				wattrset(win, app_attr(v->app, UI_OVERDUE));
			s = text;
			break;
		}
		ui_put(win, y, lv->x[c], s, lv->w[c], true);
		wattrset(win, base);
	}
	wattrset(win, A_NORMAL);
}

static void
list_draw(struct view *v, WINDOW *win, int lines, int cols)
{
	struct list_view *lv = v->priv;
	const struct pager *pg = &lv->pg;
	const struct list_row *rows = pager_row(pg, 0);
	int64_t first = rows ? rows[0].id : 0;

	(void)lines;
	if (v->dirty || lv->need_full || first != lv->painted_first) {
		werase(win);
		wattrset(win, app_attr(v->app, UI_HEADER));
		for (int c = 0; c < C_COUNT; c++) {
			char h[64];

			if (!lv->w[c])
				continue;
			if (columns[c].sort == lv->q.sort && lv->w[c] > 1) {
				/* a (translated) title too long for its column is
				 * cut, the sort arrow kept */
				u8_fit(_(columns[c].header), lv->w[c] - 1, false, h, sizeof h - 4);
				snprintf(h + strlen(h), sizeof h - strlen(h), "%s",
				         lv->q.descending ? "▼" : "▲");
			} else {
				snprintf(h, sizeof h, "%s%s", _(columns[c].header),
				         columns[c].sort == lv->q.sort
				         ? (lv->q.descending ? "▼" : "▲") : "");
			}
			ui_put(win, 0, lv->x[c], h, lv->w[c], true);
		}
		wattrset(win, A_NORMAL);
		for (int i = 0; i < pg->nrows; i++)
			draw_row(v, win, i + 1, &rows[i], i == pg->cursor);
		if (pg->nrows == 0)
			ui_put(win, 2, 2, list_filter_empty(&lv->q.filter)
			       ? _("No cases yet: casepath import, or a to add a person.")
			       : _("No case matches the filter; F clears it."), cols - 2, false);
	} else if (lv->painted_cursor != pg->cursor) {
		/* only the cursor moved: repaint the two rows it touched */
		if (lv->painted_cursor >= 0 && lv->painted_cursor < pg->nrows)
			draw_row(v, win, lv->painted_cursor + 1, &rows[lv->painted_cursor], false);
		if (pg->cursor < pg->nrows)
			draw_row(v, win, pg->cursor + 1, &rows[pg->cursor], true);
	}
	lv->painted_first = first;
	lv->painted_cursor = pg->cursor;
	lv->need_full = false;
}

/* --- search ----------------------------------------------------------------- */
static void
search_run(struct view *v, const char *text, bool backward, bool from_origin)
{
	struct list_view *lv = v->priv;
	struct list_row found = { 0 };
	const struct list_row *from;
	bool wrapped = false;
	enum status rc;

	if (!text[0] || !current(lv))
		return;
	if (text[0] == '~' && text[strspn(text, "~ ")] == '\0') {
		app_message(v->app, _("similar names: type a name; spellings and"
		            " one typo match"));
		return;
	}
	lv->search_stale = false;
	from = from_origin && lv->has_origin ? &lv->origin : current(lv);
	rc = store_search(app_store(v->app), &lv->q, text, from, backward,
	                  from_origin, &found, &wrapped);
	if (rc == ST_OK && text[0] == '~') {
		/* the similar search says why this person matched */
		char why[384];

		if (store_search_why(app_store(v->app), text, found.id, why,
		                     sizeof why) != ST_OK)
			snprintf(why, sizeof why, _("a similar name"));
		load_around(v, &found);
		list_rows_clear(&found, 1);
		if (!wrapped)
			app_message(v->app, "%s", why);
		else if (backward)
			app_message(v->app, _("wrapped to the bottom: %s"), why);
		else
			app_message(v->app, _("wrapped to the top: %s"), why);
	} else if (rc == ST_OK) {
		load_around(v, &found);
		list_rows_clear(&found, 1);
		if (wrapped)
			app_message(v->app, "%s", backward ? _("search wrapped: bottom")
			                                   : _("search wrapped: top"));
	} else if (rc == ST_ERR_NOT_FOUND) {
		app_error(v->app, _("not found: %s"), text);
	} else if (rc == ST_INTERRUPTED) {
		/* a newer key waits: its search runs next, from the origin,
		 * and says what it finds (Enter runs this one again) */
		lv->search_stale = true;
		return;
	} else {
		app_error(v->app, _("search failed: %s"), store_errmsg(app_store(v->app)));
	}
}

static bool
key_waiting(void *ctx)
{
	return app_key_waiting(ctx);
}

/* Search as you type: a keystroke's search gives way to the next key
 * (store_set_search_poll), so typing "muhammad" never waits for the
 * matches of "m". */
static void
search_change(struct app *app, void *ctx, const char *text)
{
	struct view *v = ctx;
	struct list_view *lv = v->priv;
	struct store *st = app_store(app);

	if (text[0]) {
		store_set_search_poll(st, key_waiting, app);
		search_run(v, text, false, true);
		store_set_search_poll(st, NULL, NULL);
	} else if (lv->has_origin) {
		lv->search_stale = false;
		load_around(v, &lv->origin);
	}
}

static void
search_done(struct app *app, void *ctx, const char *text, bool accepted)
{
	struct view *v = ctx;
	struct list_view *lv = v->priv;

	(void)app;
	/* Enter came while the last keystroke's search gave way to it: that
	 * search runs now, to the end, so the cursor is on what was typed */
	if (accepted && text[0] && lv->search_stale)
		search_run(v, text, false, true);
	lv->search_stale = false;
	if (accepted && text[0])
		snprintf(lv->search, sizeof lv->search, "%s", text);
	else if (!accepted && lv->has_origin)
		load_around(v, &lv->origin);   /* Esc: back where it started */
	if (lv->has_origin)
		list_rows_clear(&lv->origin, 1);
	lv->has_origin = false;
	v->dirty = true;
}

/* --- filter and sort ------------------------------------------------------ */
static bool
apply_filter(struct view *v, const char *text)
{
	struct list_view *lv = v->priv;
	struct list_filter f = lv->q.filter;
	char err[256];

	if (list_filter_parse(text, &f, err, sizeof err) != ST_OK) {
		app_error(v->app, _("filter: %s"), err);
		return false;
	}
	lv->q.filter = f;
	reload_keep(v);
	v->dirty = true;
	return true;
}

static void
filter_done(struct app *app, void *ctx, const char *text, bool accepted)
{
	(void)app;
	if (accepted)
		apply_filter(ctx, text);
}

static const char *const filter_words[] = {
	"stage=", "nat=", "sex=", "age=minor", "age=adult", "flags=unaccompanied",
	"flags=barred", "flags=overdue", "flags=interpreter", "within=", NULL
};

static void
filter_save(struct view *v, const char *name)
{
	struct list_view *lv = v->priv;
	char text[512], err[1200];

	if (!name) {
		app_error(v->app, _("filter-save NAME: the name to keep the filter under"));
		return;
	}
	list_filter_format(&lv->q.filter, text, sizeof text);
	if (!saved_filter_put(name, text, err, sizeof err))
		app_error(v->app, _("filter-save: %s"), err);
	else
		app_message(v->app, _("filter saved as %s"), name);
}

static void
filter_load_done(struct app *app, void *ctx, const char *text, bool accepted)
{
	struct view *v = ctx;
	char filter[512];

	(void)app;
	if (!accepted || !text[0])
		return;
	if (!saved_filter_get(text, filter, sizeof filter))
		app_error(v->app, _("filter-load: no saved filter named '%s'"), text);
	else if (apply_filter(v, filter))
		app_message(v->app, _("filter %s: %s"), text, filter[0] ? filter : _("(none)"));
}

static void
set_sort(struct view *v, enum list_sort sort, bool descending)
{
	struct list_view *lv = v->priv;

	lv->q.sort = sort;
	lv->q.descending = descending;
	reload_keep(v);
	app_message(v->app, _("sorted by %s%s"), list_sort_word(sort),
	            descending ? _(", descending") : "");
}

static bool
sort_command(struct view *v, const char *arg)
{
	char word[64] = "", dir[16] = "";
	int s;

	if (!arg || sscanf(arg, "%63s %15s", word, dir) < 1 ||
	    (s = list_sort_from_word(word)) < 0) {
		app_error(v->app, _("sort: one of case, name, native, sex, born,"
		          " nationality, stage, days, deadline [desc]"));
		return true;
	}
	set_sort(v, (enum list_sort)s, strcmp(dir, "desc") == 0);
	return true;
}

/* --- handlers ----------------------------------------------------------------- */
static bool
list_handle(struct view *v, enum action a)
{
	struct list_view *lv = v->priv;
	const char *arg = app_action_arg(v->app);
	const struct list_row *r = current(lv);

	switch (a) {
	case ACT_MOVE_DOWN: pager_move(&lv->pg, 1); return true;
	case ACT_MOVE_UP: pager_move(&lv->pg, -1); return true;
	case ACT_PAGE_DOWN: pager_page(&lv->pg, true); return true;
	case ACT_PAGE_UP: pager_page(&lv->pg, false); return true;
	case ACT_FIRST:
		pager_first(&lv->pg);
		lv->pos_exact = true;
		lv->rank_pending = false;
		return true;
	case ACT_LAST:
		if (lv->total < 0)
			list_idle(v);    /* the last row's position is the count */
		pager_last(&lv->pg, lv->total);
		lv->pos_exact = true;
		lv->rank_pending = false;
		return true;
	case ACT_OPEN:
		if (r)
			app_push(v->app, &view_detail_ops, &r->id);
		return true;
	case ACT_TIMELINE:
		if (r)
			app_push(v->app, &view_timeline_ops, &r->id);
		return true;
	case ACT_SEARCH:
		if (!r)
			return true;
		if (lv->has_origin)
			list_rows_clear(&lv->origin, 1);
		list_row_copy(&lv->origin, r);
		lv->has_origin = true;
		if (arg) {
			search_change(v->app, v, arg);
			search_done(v->app, v, arg, true);
		} else {
			app_prompt(v->app, "/", NULL, search_change, search_done, v, NULL);
		}
		return true;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (!lv->search[0])
			app_error(v->app, _("no search yet: / searches"));
		else
			search_run(v, lv->search, a == ACT_SEARCH_PREV, false);
		return true;
	case ACT_SORT_NEXT:
		set_sort(v, (enum list_sort)((lv->q.sort + 1) % SORT_COUNT), false);
		return true;
	case ACT_SORT_REVERSE:
		set_sort(v, lv->q.sort, !lv->q.descending);
		return true;
	case ACT_SORT:
		return sort_command(v, arg);
	case ACT_FILTER:
		if (arg) {
			apply_filter(v, arg);
		} else {
			char text[512];

			list_filter_format(&lv->q.filter, text, sizeof text);
			app_prompt(v->app, _("filter: "), text, NULL, filter_done, v, filter_words);
		}
		return true;
	case ACT_FILTER_CLEAR:
		apply_filter(v, "");
		app_message(v->app, _("filter cleared"));
		return true;
	case ACT_FILTER_SAVE:
		filter_save(v, arg);
		return true;
	case ACT_FILTER_LOAD:
		if (arg)
			filter_load_done(v->app, v, arg, true);
		else {
			/* the names complete with Tab; the prompt keeps them */
			saved_filter_names_free(&lv->filter_names);
			lv->filter_names = saved_filter_names();
			app_prompt(v->app, _("saved filter: "), NULL, NULL, filter_load_done, v,
			           (const char *const *)lv->filter_names);
		}
		return true;
	case ACT_GOTO: {
		struct list_row at = { 0 };
		char into[64] = "";

		if (!arg)
			app_error(v->app, _("goto: a case number (:goto TR-2024-000123)"));
		else if (store_list_row(app_store(v->app), &lv->q, arg, 0, &at) == ST_OK) {
			load_around(v, &at);
			list_rows_clear(&at, 1);
		} else if (store_merge_target(app_store(v->app), arg, into, sizeof into) == ST_OK &&
		           store_list_row(app_store(v->app), &lv->q, into, 0, &at) == ST_OK) {
			/* an absorbed record's number lands on the record holding it */
			load_around(v, &at);
			list_rows_clear(&at, 1);
			app_message(v->app, _("goto: %s was merged into %s"), arg, into);
		} else if (into[0]) {
			app_error(v->app, _("goto: %s was merged into %s, not on this list"), arg, into);
		} else {
			app_error(v->app, _("goto: no case %s on this list"), arg);
		}
		return true;
	}
	case ACT_REPORT:
		/* the report on what the list shows */
		app_push(v->app, &view_report_ops, &lv->q.filter);
		return true;
	case ACT_REVIEW: {
		struct review_arg ra = { .query = lv->q };

		list_filter_format(&lv->q.filter, ra.session, sizeof ra.session);
		if (!ra.session[0])
			snprintf(ra.session, sizeof ra.session, "all cases");
		app_push(v->app, &view_review_ops, &ra);
		return true;
	}
	case ACT_ADD: {
		struct form_arg fa = { .kind = FORM_PERSON_ADD };

		app_push(v->app, &view_form_ops, &fa);
		return true;
	}
	case ACT_EDIT:
		if (r) {
			struct form_arg fa = { .kind = FORM_PERSON_EDIT, .person_id = r->id };

			app_push(v->app, &view_form_ops, &fa);
		}
		return true;
	default:
		return false;
	}
}

static enum status
list_open(struct view *v, const void *arg)
{
	struct list_view *lv = v->priv;

	struct pager_source src = {
		.row_size = sizeof(struct list_row), .fetch = fetch_rows,
		.clear = clear_rows, .copy = copy_row, .ctx = v,
	};

	(void)arg;
	pager_init(&lv->pg, &src);
	lv->pos_exact = true;
	lv->q.sort = SORT_CASE;
	lv->q.filter.today = app_today(v->app);
	lv->painted_cursor = -1;
	recount(v);
	return ST_OK;
}

static void
list_close(struct view *v)
{
	struct list_view *lv = v->priv;

	pager_free(&lv->pg);
	saved_filter_names_free(&lv->filter_names);
	if (lv->has_origin)
		list_rows_clear(&lv->origin, 1);
}

static void
list_resize(struct view *v, int lines, int cols)
{
	struct list_view *lv = v->priv;

	layout(lv, cols);
	pager_set_cap(&lv->pg, lines - 1);
	lv->need_full = true;
}

static void
list_reload(struct view *v)
{
	reload_keep(v);
	v->dirty = true;
}

static void
list_title(struct view *v, char *buf, size_t len)
{
	struct list_view *lv = v->priv;
	char f[512];
	size_t n;

	list_filter_format(&lv->q.filter, f, sizeof f);
	snprintf(buf, len, "%s%s%s", f[0] ? _("filter: ") : "", f, f[0] ? "  " : "");
	n = strlen(buf);
	if (lv->total < 0)
		snprintf(buf + n, len - n, "%s", _("counting..."));
	else
		snprintf(buf + n, len - n, P_("%ld case", "%ld cases", lv->total), lv->total);
}

static void
list_position(struct view *v, char *buf, size_t len)
{
	struct list_view *lv = v->priv;

	if (!pager_current(&lv->pg))
		snprintf(buf, len, "0/%ld", lv->total > 0 ? lv->total : 0);
	else if (!lv->pos_exact)
		snprintf(buf, len, "?/%s", lv->total < 0 ? "?" : "");
	else if (lv->total < 0)
		snprintf(buf, len, "%ld/?", lv->pg.pos);
	else
		snprintf(buf, len, "%ld/%ld", lv->pg.pos, lv->total);
	if (!lv->pos_exact && lv->total >= 0) {
		size_t n = strlen(buf);

		snprintf(buf + n, len - n, "%ld", lv->total);
	}
}

const struct view_ops view_list_ops = {
	.name = "list",
	.keymap = KM_LIST,
	.private_size = sizeof(struct list_view),
	.open = list_open,
	.close = list_close,
	.draw = list_draw,
	.handle = list_handle,
	.resize = list_resize,
	.title = list_title,
	.position = list_position,
	.reload = list_reload,
	.idle = list_idle,
};
