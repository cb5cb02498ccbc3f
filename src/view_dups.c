/* view_dups.c: possible duplicates (store_dup.h). Two screens: the
 * pairs, highest score first, each with its evidence (paged by key:
 * only the rows on the screen are held, however many pairs there
 * are); and one pair side by side, field against field, differences marked, with the evidence.
 * On either, m merges (asking which record stays), n says "not the
 * same person", u undoes a merge. Auditors see, and change nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/app.h"
#include "casepath/date.h"
#include "casepath/i18n.h"
#include "casepath/store.h"
#include "casepath/store_dup.h"
#include "casepath/store_view.h"
#include "casepath/util.h"
#include "casepath/views.h"
#include "casepath/vocab.h"

/* --- shared: the writes, asked and confirmed ---------------------------- */

struct pair_ctx {
	struct app *app;
	struct view *view;          /* reloaded after a write */
	int64_t a, b;               /* the pair, as shown */
	int64_t av, bv;             /* versions as read */
	char a_case[48], b_case[48];
	int64_t survivor, absorbed; /* chosen */
	bool done;                  /* pop the comparison after */
};

static bool
may_change(struct app *app)
{
	if (strcmp(store_role(app_store(app)), "auditor") == 0) {
		app_error(app, "%s", _("auditors can read everything and change nothing"));
		return false;
	}
	return true;
}

static void
merge_confirmed(struct app *app, void *ctx, const char *text, bool accepted)
{
	struct pair_ctx *p = ctx;
	struct load_error err;
	int64_t mid = 0;
	bool a_stays = p->survivor == p->a;

	(void)text;
	if (!accepted) {
		app_message(app, "%s", _("not merged"));
		return;
	}
	if (store_merge(app_store(app), p->survivor, a_stays ? p->av : p->bv,
	                p->absorbed, a_stays ? p->bv : p->av, &mid, &err) != ST_OK) {
		app_error(app, _("not merged: %s"), err.reason);
		return;
	}
	app_message(app, _("%s merged into %s (merge %lld); u undoes it"),
	            a_stays ? p->b_case : p->a_case, a_stays ? p->a_case : p->b_case,
	            (long long)mid);
	app_reload_below(app);
	p->done = true;
	if (p->view && p->view->ops->reload)
		p->view->ops->reload(p->view);
}

static void
survivor_chosen(struct app *app, void *ctx, const char *text, bool accepted)
{
	struct pair_ctx *p = ctx;
	char q[512];

	if (!accepted || !text)
		return;
	if (strcmp(text, "1") == 0 || strcmp(text, p->a_case) == 0) {
		p->survivor = p->a;
		p->absorbed = p->b;
	} else if (strcmp(text, "2") == 0 || strcmp(text, p->b_case) == 0) {
		p->survivor = p->b;
		p->absorbed = p->a;
	} else {
		app_error(app, _("'%s' is neither 1 nor 2: not merged"), text);
		return;
	}
	snprintf(q, sizeof q, _("Merge %s into %s, keeping all of both? (y/n)"),
	         p->survivor == p->a ? p->b_case : p->a_case,
	         p->survivor == p->a ? p->a_case : p->b_case);
	app_confirm(app, q, merge_confirmed, p);
}

static void
ask_merge(struct pair_ctx *p)
{
	char q[512];

	if (!may_change(p->app))
		return;
	snprintf(q, sizeof q, _("Which record stays? 1 %s, 2 %s: "), p->a_case, p->b_case);
	app_prompt(p->app, q, "1", NULL, survivor_chosen, p, NULL);
}

static void
dismiss_confirmed(struct app *app, void *ctx, const char *text, bool accepted)
{
	struct pair_ctx *p = ctx;
	struct load_error err;

	(void)text;
	if (!accepted)
		return;
	if (store_dup_dismiss(app_store(app), p->a, p->b, "", &err) != ST_OK) {
		app_error(app, _("not saved: %s"), err.reason);
		return;
	}
	app_message(app, _("%s and %s: two different people, not shown again"),
	            p->a_case, p->b_case);
	app_reload_below(app);
	p->done = true;
	if (p->view && p->view->ops->reload)
		p->view->ops->reload(p->view);
}

static void
ask_dismiss(struct pair_ctx *p)
{
	char q[512];

	if (!may_change(p->app))
		return;
	snprintf(q, sizeof q, _("%s and %s are two different people? (y/n)"),
	         p->a_case, p->b_case);
	app_confirm(p->app, q, dismiss_confirmed, p);
}

static void
undo_merge(struct pair_ctx *p)
{
	struct store *st = app_store(p->app);
	struct load_error err;
	int64_t merge = 0, kept = 0, id = 0;

	if (!may_change(p->app))
		return;
	/* the merge that absorbed either record, else one that kept either */
	for (int i = 0; i < 2 && !id; i++)
		if (store_merge_of(st, i ? p->b : p->a, &merge, NULL, 0, &kept) == ST_OK)
			id = merge;
	for (int i = 0; i < 2 && !id; i++)
		if (store_merge_of(st, i ? p->b : p->a, &merge, NULL, 0, &kept) == ST_OK)
			id = kept;
	if (!id) {
		app_error(p->app, "%s", _("neither record took part in a merge"));
		return;
	}
	if (store_unmerge(st, id, &err) != ST_OK) {
		app_error(p->app, _("not undone: %s"), err.reason);
		return;
	}
	app_message(p->app, _("merge %lld undone: both records as they were"), (long long)id);
	app_reload_below(p->app);
	p->done = true;
	if (p->view && p->view->ops->reload)
		p->view->ops->reload(p->view);
}

/* --- the pair list --------------------------------------------------------- */

struct dups_view {
	struct dup_pair_row *rows;   /* the window: the rows on the screen */
	int n, cap;
	int cur;                     /* index into rows */
	int per;                     /* pairs the screen holds */
	struct pair_ctx act;
};

/* Rows read by one page, in the order they came. */
struct got {
	struct dup_pair_row *rows;
	int n, cap;
};

static int
add_row(void *ctx, const struct dup_pair_row *r)
{
	struct got *g = ctx;

	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 16;
		g->rows = xrealloc(g->rows, (size_t)g->cap * sizeof *g->rows);
	}
	g->rows[g->n++] = *r;
	return 0;
}

static void
window_room(struct dups_view *d, int n)
{
	if (n > d->cap) {
		d->cap = n;
		d->rows = xrealloc(d->rows, (size_t)d->cap * sizeof *d->rows);
	}
}

/* Reads up to n pairs from `from` (NULL: from the end the direction
 * starts at); backward ones come nearest first. */
static enum status
read_pairs(struct view *v, const struct dup_pair_row *from, bool backward,
           bool inclusive, int n, struct got *g)
{
	struct store *st = app_store(v->app);
	enum status rc;

	g->n = 0;
	if (n <= 0)
		return ST_OK;
	rc = store_dup_page(st, DUP_MIN_SCORE, 0, from, backward, inclusive, n, add_row, g);
	if (rc != ST_OK)
		app_error(v->app, _("cannot read the duplicates: %s"), store_errmsg(st));
	return rc;
}

/* Fills the window from `from` (inclusive; NULL: the first pairs),
 * then from before it when the end came first. */
static void
window_fill(struct view *v, const struct dup_pair_row *from)
{
	struct dups_view *d = v->priv;
	struct dup_pair_row first;
	struct got g = { 0 };

	if (from)
		first = *from;
	d->n = 0;
	window_room(d, d->per);
	if (read_pairs(v, from ? &first : NULL, false, true, d->per, &g) == ST_OK) {
		memcpy(d->rows, g.rows, (size_t)g.n * sizeof *g.rows);
		d->n = g.n;
	}
	if (d->n < d->per && d->n > 0 &&
	    read_pairs(v, &d->rows[0], true, false, d->per - d->n, &g) == ST_OK && g.n) {
		memmove(d->rows + g.n, d->rows, (size_t)d->n * sizeof *d->rows);
		for (int i = 0; i < g.n; i++)
			d->rows[g.n - 1 - i] = g.rows[i];
		d->n += g.n;
		d->cur += g.n;
	}
	free(g.rows);
	if (d->cur >= d->n)
		d->cur = d->n ? d->n - 1 : 0;
	if (d->cur < 0)
		d->cur = 0;
}

/* Moves the cursor by delta rows, reading past either end of the
 * window what it needs and dropping what leaves the screen. */
static void
window_move(struct view *v, long delta)
{
	struct dups_view *d = v->priv;
	long target = d->cur + delta;
	struct got g = { 0 };

	if (!d->n)
		return;
	if (target >= d->n) {
		long need = target - (d->n - 1);

		if (need > d->per)
			need = d->per;
		if (read_pairs(v, &d->rows[d->n - 1], false, false, (int)need, &g) == ST_OK &&
		    g.n) {
			int keep = d->n + g.n > d->per ? d->per - g.n : d->n;
			int drop = d->n - keep;

			memmove(d->rows, d->rows + drop, (size_t)keep * sizeof *d->rows);
			window_room(d, keep + g.n);
			memcpy(d->rows + keep, g.rows, (size_t)g.n * sizeof *g.rows);
			d->n = keep + g.n;
			target -= drop;
		}
		d->cur = (int)(target < d->n ? target : d->n - 1);
	} else if (target < 0) {
		long need = -target;

		if (need > d->per)
			need = d->per;
		if (read_pairs(v, &d->rows[0], true, false, (int)need, &g) == ST_OK && g.n) {
			int keep = d->n + g.n > d->per ? d->per - g.n : d->n;

			window_room(d, keep + g.n);
			memmove(d->rows + g.n, d->rows, (size_t)keep * sizeof *d->rows);
			for (int i = 0; i < g.n; i++)
				d->rows[g.n - 1 - i] = g.rows[i];
			d->n = keep + g.n;
			target += g.n;
		}
		d->cur = (int)(target > 0 ? target : 0);
	} else {
		d->cur = (int)target;
	}
	free(g.rows);
}

/* The last pairs: read backward from the end. */
static void
window_last(struct view *v)
{
	struct dups_view *d = v->priv;
	struct got g = { 0 };

	d->n = 0;
	window_room(d, d->per);
	if (read_pairs(v, NULL, true, false, d->per, &g) == ST_OK) {
		for (int i = 0; i < g.n; i++)
			d->rows[g.n - 1 - i] = g.rows[i];
		d->n = g.n;
	}
	free(g.rows);
	d->cur = d->n ? d->n - 1 : 0;
}

static int
screen_pairs(int lines)
{
	return lines > 2 ? (lines - 1) / 2 : 1;
}

/* Reads the window again from its first row (after a merge or a
 * dismissal the pairs under it have changed). */
static enum status
dups_load(struct view *v)
{
	struct dups_view *d = v->priv;
	struct store *st = app_store(v->app);
	struct dup_pair_row first;
	bool keyed = d->n > 0;
	enum status rc;

	if (keyed)
		first = d->rows[0];
	if (d->per <= 0)
		d->per = screen_pairs(v->lines > 0 ? v->lines : 24);
	rc = store_dup_refresh(st, false, NULL, NULL);
	if (rc != ST_OK) {
		app_error(v->app, _("cannot read the duplicates: %s"), store_errmsg(st));
		d->n = 0;
	} else {
		window_fill(v, keyed ? &first : NULL);
	}
	v->dirty = true;
	return rc;
}

static enum status
dups_open(struct view *v, const void *arg)
{
	(void)arg;
	return dups_load(v);
}

static void
dups_close(struct view *v)
{
	struct dups_view *d = v->priv;

	free(d->rows);
}

static void
dups_reload(struct view *v)
{
	dups_load(v);
}

static void
dups_draw(struct view *v, WINDOW *win, int lines, int cols)
{
	struct dups_view *d = v->priv;
	int per = screen_pairs(lines);
	int half = (cols - 6) / 2;

	/* the screen changed size: the window holds what it shows */
	if (per != d->per) {
		struct dup_pair_row keep;
		bool any = d->n > 0;
		int at = d->cur;

		if (any)
			keep = d->rows[d->cur > per - 1 ? d->cur - (per - 1) : 0];
		d->per = per;
		d->cur = any ? (at > per - 1 ? per - 1 : at) : 0;
		window_fill(v, any ? &keep : NULL);
	}
	werase(win);
	wattrset(win, app_attr(v->app, UI_HEADER));
	ui_put(win, 0, 0, _("score  record                              probably the same as"),
	       cols, true);
	wattrset(win, A_NORMAL);
	if (!d->n) {
		ui_put(win, 2, 2, _("no possible duplicates"), cols - 2, false);
		return;
	}
	for (int i = 0; i < per && i < d->n; i++) {
		const struct dup_pair_row *r = &d->rows[i];
		bool cur = i == d->cur;
		int y = 1 + 2 * i;
		char left[256], right[256], score[8];

		snprintf(score, sizeof score, "%3d", r->score);
		snprintf(left, sizeof left, "%s  %s", r->a_case, r->a_name);
		snprintf(right, sizeof right, "%s  %s", r->b_case, r->b_name);
		wattrset(win, cur ? app_attr(v->app, UI_CURSOR) : A_NORMAL);
		ui_put(win, y, 0, score, 5, true);
		ui_put(win, y, 5, " ", 2, true);
		ui_put(win, y, 7, left, half, true);
		ui_put(win, y, 7 + half, right, cols - 7 - half, true);
		wattrset(win, cur ? app_attr(v->app, UI_CURSOR) : app_attr(v->app, UI_DIM));
		ui_put(win, y + 1, 0, "", 7, true);
		ui_put(win, y + 1, 7, r->evidence, cols - 7, true);
		wattrset(win, A_NORMAL);
	}
}

static void
dups_select(struct view *v, struct dups_view *d, struct app *app)
{
	const struct dup_pair_row *r = &d->rows[d->cur];
	struct person_detail pa, pb;

	memset(&d->act, 0, sizeof d->act);
	memset(&pa, 0, sizeof pa);
	memset(&pb, 0, sizeof pb);
	d->act.app = app;
	d->act.view = v;
	d->act.a = r->a;
	d->act.b = r->b;
	snprintf(d->act.a_case, sizeof d->act.a_case, "%s", r->a_case);
	snprintf(d->act.b_case, sizeof d->act.b_case, "%s", r->b_case);
	if (store_person_detail(app_store(app), r->a, &pa) == ST_OK)
		d->act.av = pa.version;
	if (store_person_detail(app_store(app), r->b, &pb) == ST_OK)
		d->act.bv = pb.version;
	person_detail_clear(&pa);
	person_detail_clear(&pb);
}

static bool
dups_handle(struct view *v, enum action a)
{
	struct dups_view *d = v->priv;
	int per = d->per > 0 ? d->per : 1;

	switch (a) {
	case ACT_MOVE_DOWN: window_move(v, 1); break;
	case ACT_MOVE_UP: window_move(v, -1); break;
	case ACT_PAGE_DOWN: window_move(v, per); break;
	case ACT_PAGE_UP: window_move(v, -per); break;
	case ACT_FIRST: d->cur = 0; window_fill(v, NULL); break;
	case ACT_LAST: window_last(v); break;
	case ACT_OPEN:
		if (d->n) {
			struct dup_pair_arg arg = { d->rows[d->cur].a, d->rows[d->cur].b };

			app_push(v->app, &view_dup_pair_ops, &arg);
		}
		return true;
	case ACT_MERGE:
		if (d->n) {
			dups_select(v, d, v->app);
			ask_merge(&d->act);
		}
		return true;
	case ACT_NOT_SAME:
		if (d->n) {
			dups_select(v, d, v->app);
			ask_dismiss(&d->act);
		}
		return true;
	case ACT_UNMERGE:
		app_message(v->app, "%s", _("u undoes a merge from the pair's comparison"
		                            " (Enter) or with 'casepath unmerge'"));
		return true;
	default:
		return false;
	}
	if (d->cur >= d->n)
		d->cur = d->n - 1;
	if (d->cur < 0)
		d->cur = 0;
	v->dirty = true;
	return true;
}

static void
dups_title(struct view *v, char *buf, size_t len)
{
	(void)v;
	snprintf(buf, len, "%s", _("possible duplicates"));
}

static void
dups_position(struct view *v, char *buf, size_t len)
{
	struct dups_view *d = v->priv;

	snprintf(buf, len, "%d/%d", d->n ? d->cur + 1 : 0, d->n);
}

const struct view_ops view_dups_ops = {
	.name = "duplicates",
	.keymap = KM_DUPS,
	.private_size = sizeof(struct dups_view),
	.open = dups_open,
	.close = dups_close,
	.draw = dups_draw,
	.handle = dups_handle,
	.title = dups_title,
	.position = dups_position,
	.reload = dups_reload,
};

/* --- one pair side by side ------------------------------------------------------ */

struct pair_view {
	struct dup_pair_arg arg;
	struct person_detail p[2];
	size_t events[2];
	char merged[2][64];
	struct dup_result score;
	struct pair_ctx act;
	int top;
};

static enum status
pair_load(struct view *v)
{
	struct pair_view *pv = v->priv;
	struct store *st = app_store(v->app);
	enum status rc = ST_OK;
	int64_t ids[2] = { pv->arg.a, pv->arg.b };

	for (int i = 0; i < 2 && rc == ST_OK; i++) {
		struct event_row *ev = NULL;
		size_t n = 0;
		int64_t merge = 0;

		person_detail_clear(&pv->p[i]);
		memset(&pv->p[i], 0, sizeof pv->p[i]);
		rc = store_person_detail(st, ids[i], &pv->p[i]);
		if (rc == ST_OK)
			rc = store_events(st, ids[i], &ev, &n);
		event_rows_free(&ev, n);
		pv->events[i] = n;
		pv->merged[i][0] = '\0';
		if (rc == ST_OK)
			rc = store_merge_of(st, ids[i], &merge, pv->merged[i],
			                    sizeof pv->merged[i], NULL);
	}
	if (rc == ST_OK)
		rc = store_dup_score(st, ids[0], ids[1], &pv->score);
	if (rc != ST_OK) {
		app_error(v->app, _("cannot read the pair: %s"), store_errmsg(st));
		return rc;
	}
	memset(&pv->act, 0, sizeof pv->act);
	pv->act.app = v->app;
	pv->act.view = v;
	pv->act.a = ids[0];
	pv->act.b = ids[1];
	pv->act.av = pv->p[0].version;
	pv->act.bv = pv->p[1].version;
	snprintf(pv->act.a_case, sizeof pv->act.a_case, "%s", pv->p[0].case_no);
	snprintf(pv->act.b_case, sizeof pv->act.b_case, "%s", pv->p[1].case_no);
	v->dirty = true;
	return ST_OK;
}

static enum status
pair_open(struct view *v, const void *arg)
{
	struct pair_view *pv = v->priv;
	struct store *st = app_store(v->app);
	enum status rc;

	pv->arg = *(const struct dup_pair_arg *)arg;
	rc = pair_load(v);
	/* a comparison shows both files: both are looked at */
	if (rc == ST_OK)
		rc = store_log_access(st, pv->arg.a);
	if (rc == ST_OK)
		rc = store_log_access(st, pv->arg.b);
	return rc;
}

static void
pair_close(struct view *v)
{
	struct pair_view *pv = v->priv;

	person_detail_clear(&pv->p[0]);
	person_detail_clear(&pv->p[1]);
}

static void
pair_reload(struct view *v)
{
	pair_load(v);
}

static void
join_aliases(const struct person_detail *d, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < d->naliases && used < len; i++) {
		int w = snprintf(buf + used, len - used, "%s%s", i ? "; " : "",
		                 d->aliases[i].name);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static void
join_languages(const struct person_detail *d, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < d->nlanguages && used < len; i++) {
		int w = snprintf(buf + used, len - used, "%s%s", i ? ";" : "",
		                 d->languages[i].tag);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static void
pair_draw(struct view *v, WINDOW *win, int lines, int cols)
{
	struct pair_view *pv = v->priv;
	const struct person_detail *a = &pv->p[0], *b = &pv->p[1];
	int labelw = 14, colw = (cols - labelw - 2) / 2, y = 0;
	char va[2][512], num[2][32];
	struct {
		const char *label;
		const char *v[2];
	} rows[20];
	int nrows = 0;

#define ROW(L, A, B) (rows[nrows].label = (L), rows[nrows].v[0] = (A), \
                      rows[nrows].v[1] = (B), nrows++)
	werase(win);
	join_aliases(a, va[0], sizeof va[0]);
	join_aliases(b, va[1], sizeof va[1]);
	ROW(_("case"), a->case_no, b->case_no);
	ROW(_("family name"), a->family_name, b->family_name);
	ROW(_("given names"), a->given_names, b->given_names);
	ROW(_("native name"), a->native_name, b->native_name);
	ROW(_("aliases"), va[0], va[1]);
	ROW(_("sex"), vocab_label(vocab_sexes, a->sex), vocab_label(vocab_sexes, b->sex));
	{
		static char bd[2][PDATE_TEXT_MAX + 8];

		ROW(_("birth date"), pdate_display(a->birth_date, bd[0], sizeof bd[0]),
		    pdate_display(b->birth_date, bd[1], sizeof bd[1]));
	}
	ROW(_("nationality"), a->nationality, b->nationality);
	ROW(_("claimed"), a->claimed_nationality, b->claimed_nationality);
	ROW(_("ethnicity"), a->ethnicity, b->ethnicity);
	{
		static char la[2][256];

		join_languages(a, la[0], sizeof la[0]);
		join_languages(b, la[1], sizeof la[1]);
		ROW(_("languages"), la[0], la[1]);
	}
	ROW(_("category"), i18n_category(a->category), i18n_category(b->category));
	ROW(_("stage"), STAGE_LABEL(a->stage), STAGE_LABEL(b->stage));
	for (int i = 0; i < 2; i++)
		snprintf(num[i], sizeof num[i], "%zu", pv->events[i]);
	ROW(_("events"), num[0], num[1]);
	{
		static char nr[2][16], nd[2][16];

		for (int i = 0; i < 2; i++) {
			snprintf(nr[i], sizeof nr[i], "%zu", pv->p[i].nrelatives);
			snprintf(nd[i], sizeof nd[i], "%zu", pv->p[i].ndocuments);
		}
		ROW(_("relatives"), nr[0], nr[1]);
		ROW(_("documents"), nd[0], nd[1]);
	}
	ROW(_("merged into"), pv->merged[0], pv->merged[1]);
#undef ROW
	wattrset(win, app_attr(v->app, UI_HEADER));
	{
		char head[64];

		snprintf(head, sizeof head, _("score %d"), pv->score.score);
		ui_put(win, y, 0, head, labelw, true);
		ui_put(win, y, labelw, " 1", colw + 1, true);
		ui_put(win, y, labelw + colw + 1, " 2", cols - labelw - colw - 1, true);
	}
	wattrset(win, A_NORMAL);
	y++;
	for (int i = 0; i < nrows && y < lines; i++, y++) {
		bool differ = strcmp(rows[i].v[0] ? rows[i].v[0] : "",
		                     rows[i].v[1] ? rows[i].v[1] : "") != 0;

		ui_put(win, y, 0, rows[i].label, labelw, true);
		wattrset(win, differ && i > 0 ? app_attr(v->app, UI_WARN) : A_NORMAL);
		ui_put(win, y, labelw, differ && i > 0 ? "*" : " ", 1, true);
		ui_put(win, y, labelw + 1, rows[i].v[0] ? rows[i].v[0] : "", colw, true);
		ui_put(win, y, labelw + 1 + colw, " ", 1, true);
		ui_put(win, y, labelw + 2 + colw, rows[i].v[1] ? rows[i].v[1] : "",
		       cols - labelw - 2 - colw, true);
		wattrset(win, A_NORMAL);
	}
	if (y + 1 < lines) {
		wattrset(win, app_attr(v->app, UI_HEADER));
		ui_put(win, ++y, 0, _("evidence"), cols, true);
		wattrset(win, A_NORMAL);
		y++;
	}
	for (size_t i = 0; i < pv->score.nevidence && y < lines; i++, y++) {
		ui_put(win, y, 0, "  -", 4, true);
		ui_put(win, y, 4, pv->score.evidence[i], cols - 4, false);
	}
}

static bool
pair_handle(struct view *v, enum action a)
{
	struct pair_view *pv = v->priv;

	switch (a) {
	case ACT_MERGE:
		ask_merge(&pv->act);
		return true;
	case ACT_NOT_SAME:
		ask_dismiss(&pv->act);
		return true;
	case ACT_UNMERGE:
		undo_merge(&pv->act);
		return true;
	default:
		return false;
	}
}

static void
pair_title(struct view *v, char *buf, size_t len)
{
	struct pair_view *pv = v->priv;

	snprintf(buf, len, _("%s or %s?"), pv->act.a_case, pv->act.b_case);
}

const struct view_ops view_dup_pair_ops = {
	.name = "duplicate-pair",
	.keymap = KM_DUPS,
	.private_size = sizeof(struct pair_view),
	.open = pair_open,
	.close = pair_close,
	.draw = pair_draw,
	.handle = pair_handle,
	.title = pair_title,
	.reload = pair_reload,
};
