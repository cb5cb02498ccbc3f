/* view_detail.c: one person: identity, stage, open deadlines, active
 * measures, documents and the family panel. The screen is a list of
 * lines; Enter on a relative's line pushes that person's detail, so the
 * stack follows the family and q comes back to the same line. Opening
 * it writes the compact access record DESIGN.md section 7 asks for. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/clock_text.h"
#include "casepath/app.h"
#include "casepath/date.h"
#include "casepath/doc.h"
#include "casepath/i18n.h"
#include "casepath/store.h"
#include "casepath/store_dup.h"
#include "casepath/store_view.h"
#include "casepath/util.h"
#include "casepath/views.h"
#include "casepath/vocab.h"

struct detail_view {
	int64_t id;
	int64_t merge;              /* the merge this record took part in */
	char merged_into[64];       /* its survivor, when it was absorbed */
	struct person_detail d;
	struct doc doc;
};

static void
add(struct detail_view *dv, const char *label, enum ui_role role, int64_t link,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* One line; the cursor can stand on any line that says something. */
static void
add(struct detail_view *dv, const char *label, enum ui_role role, int64_t link,
    const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	struct doc_line proto = { .role = (int)role, .link = link, .tag = -1 };

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	proto.selectable = label[0] || text[0];
	doc_add(&dv->doc, &proto, label, "%s", text);
}

static void
heading(struct detail_view *dv, const char *title)
{
	struct doc_line proto = { .role = UI_HEADER, .heading = true, .tag = -1 };

	if (dv->doc.n)
		add(dv, "", UI_NORMAL, 0, "%s", "");
	doc_add(&dv->doc, &proto, title, "%s", "");
}

/* "1990-05-12", "1990 (year only)", "~1990 (approximate)" */
static void
birth_text(const char *birth, char *buf, size_t len)
{
	struct pdate pd;

	char shown[PDATE_TEXT_MAX];

	if (!birth[0] || pdate_parse(birth, &pd)) {
		snprintf(buf, len, "%s", birth[0] ? birth : _("unknown"));
		return;
	}
	snprintf(buf, len, "%s%s%s", pdate_display(birth, shown, sizeof shown),
	         pd.precision == DATE_YEAR ? _(" (year only)")
	         : pd.precision == DATE_MONTH ? _(" (month only)") : "",
	         pd.approx ? _(" (approximate)") : "");
}

static int
age_on(int32_t birth, int32_t today)
{
	int ty, tm, td, by, bm, bd;

	day_to_ymd(today, &ty, &tm, &td);
	day_to_ymd(birth, &by, &bm, &bd);
	return ty - by - ((tm < bm || (tm == bm && td < bd)) ? 1 : 0);
}

static bool
is_measure_clock(const char *clock)
{
	return strcmp(clock, "measure_expiry") == 0 ||
	       strcmp(clock, "judicial_control_max") == 0;
}

static void
build(struct view *v)
{
	struct detail_view *dv = v->priv;
	const struct person_detail *d = &dv->d;
	int32_t today = app_today(v->app);
	char buf[1024], day[PDATE_TEXT_MAX], arith[256];
	bool any;

	doc_clear(&dv->doc);
	if (dv->merge) {
		heading(dv, _("Merged"));
		if (dv->merged_into[0])
			add(dv, "", UI_WARN, 0, _("merged into %s (merge %lld); u undoes it"),
			    dv->merged_into, (long long)dv->merge);
		else
			add(dv, "", UI_WARN, 0, _("holds a merged record (merge %lld);"
			    " u undoes it"), (long long)dv->merge);
	}
	/* TRANSLATORS: the person detail's labels are cut to 12 columns on
	 * a terminal under 70 columns, 20 otherwise. */
	heading(dv, _("Identity"));
	add(dv, _("Name"), UI_NORMAL, 0, "%s%s%s", d->family_name,
	    d->given_names[0] ? ", " : "", d->given_names);
	if (d->native_name[0])
		add(dv, _("Native name"), UI_NORMAL, 0, "%s", d->native_name);
	for (size_t i = 0; i < d->naliases; i++)
		add(dv, i ? "" : _("Aliases"), UI_NORMAL, 0, "%s (%s)", d->aliases[i].name,
		    vocab_label(vocab_alias_types, d->aliases[i].type));
	add(dv, _("Sex"), UI_NORMAL, 0, "%s", vocab_label(vocab_sexes, d->sex));
	birth_text(d->birth_date, buf, sizeof buf);
	if (d->birth_lo >= 0) {
		int lo = age_on(d->birth_hi, today), hi = age_on(d->birth_lo, today);

		if (lo == hi)
			add(dv, _("Born"), lo < 18 ? UI_WARN : UI_NORMAL, 0, _("%s, age %d%s"), buf,
			    lo, lo < 18 ? _(" (minor)") : "");
		else
			add(dv, _("Born"), lo < 18 ? UI_WARN : UI_NORMAL, 0, _("%s, age %d to %d%s"),
			    buf, lo, hi, lo < 18 ? _(" (may be a minor)") : "");
	} else {
		add(dv, _("Born"), UI_NORMAL, 0, "%s", buf);
	}
	add(dv, _("Nationality"), UI_NORMAL, 0, "%s %s%s", d->nationality[0] ? d->nationality : "-",
	    i18n_country(d->nationality_name),
	    strcmp(d->nationality, "XXA") == 0 ? _(" (stateless)") : "");
	if (d->claimed_nationality[0]) {
		bool disputed = strcmp(d->claimed_nationality, d->nationality) != 0;

		add(dv, _("Claimed"), disputed ? UI_WARN : UI_NORMAL, 0, "%s %s%s",
		    d->claimed_nationality, i18n_country(d->claimed_nationality_name),
		    disputed ? _("  [DISPUTED]") : "");
	}
	if (d->ethnicity[0])
		add(dv, _("Ethnicity"), UI_NORMAL, 0, "%s", d->ethnicity);
	{
		size_t at = 0;

		buf[0] = '\0';
		for (size_t i = 0; i < d->nlanguages && at < sizeof buf; i++)
			at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s (%s)", i ? "; " : "",
			                       d->languages[i].tag,
			                       i18n_language_name(d->languages[i].name));
		add(dv, _("Languages"), d->interpreter_needed ? UI_WARN : UI_NORMAL, 0, "%s%s",
		    buf[0] ? buf : "-", d->interpreter_needed ? _("  [interpreter needed]") : "");
	}
	if (d->category[0])
		add(dv, _("Category"), UI_NORMAL, 0, "%s", i18n_category(d->category));

	heading(dv, _("Stage"));
	if (d->stage[0] && d->stage_since >= 0)
		add(dv, _("Stage"), UI_NORMAL, 0, P_("%s since %s (%ld day)", "%s since %s (%ld days)",
		                                        today - d->stage_since),
		    STAGE_LABEL(d->stage), day_display(d->stage_since, day, sizeof day),
		    (long)(today - d->stage_since));
	else
		add(dv, _("Stage"), UI_NORMAL, 0, "%s", d->stage[0] ? STAGE_LABEL(d->stage) : "-");

	heading(dv, _("Open deadlines"));
	any = false;
	for (size_t i = 0; i < d->ndeadlines; i++) {
		const struct person_deadline_row *c = &d->deadlines[i];
		bool overdue = c->due_latest < today;

		if ((strcmp(c->status, "open") != 0 && strcmp(c->status, "overdue") != 0) ||
		    person_deadline_lapsed(c, today) || person_deadline_stale(c, today))
			continue;
		any = true;
		add(dv, CLOCK_LABEL(c->clock), overdue ? UI_OVERDUE : UI_FUTURE, 0, "%s  %s  %s",
		    day_display(c->due, day, sizeof day),
		    overdue ? _("OVERDUE") : _("open"),
		    clock_arithmetic_display(c->arithmetic, arith, sizeof arith));
	}
	if (!any)
		add(dv, "", UI_DIM, 0, _("none"));
	/* windows that closed unused: off the action lists, kept here with
	 * their arithmetic (a missed filing is part of the record) */
	any = false;
	for (size_t i = 0; i < d->ndeadlines; i++) {
		const struct person_deadline_row *c = &d->deadlines[i];

		if (!person_deadline_lapsed(c, today))
			continue;
		if (!any)
			heading(dv, _("Lapsed deadlines"));
		any = true;
		add(dv, CLOCK_LABEL(c->clock), UI_DIM, 0, "%s  %s  %s",
		    day_display(c->due, day, sizeof day), _("lapsed"),
		    clock_arithmetic_display(c->arithmetic, arith, sizeof arith));
	}

	heading(dv, _("Active measures"));
	any = false;
	for (size_t i = 0; i < d->ndeadlines; i++) {
		const struct person_deadline_row *c = &d->deadlines[i];

		if (is_measure_clock(c->clock) && strcmp(c->status, "open") == 0) {
			any = true;
			add(dv, CLOCK_LABEL(c->clock), UI_NORMAL, 0, _("until %s  %s"),
			    day_display(c->due, day, sizeof day),
			    clock_arithmetic_display(c->arithmetic, arith, sizeof arith));
		}
	}
	if (!any)
		add(dv, "", UI_DIM, 0, _("none"));

	heading(dv, _("Documents"));
	for (size_t i = 0; i < d->ndocuments; i++) {
		const struct person_document_row *doc = &d->documents[i];

		add(dv, vocab_label(vocab_document_types, doc->doc_type), strcmp(doc->status, "forged") == 0 ? UI_WARN : UI_NORMAL,
		    0, "%s %s  %s..%s  %s%s%s", doc->number, doc->issuing_country,
		    doc->issued[0] ? doc->issued : "?", doc->expires[0] ? doc->expires : "?",
		    vocab_label(vocab_document_statuses, doc->status), doc->note[0] ? "  " : "",
		    doc->note);
	}
	if (!d->ndocuments)
		add(dv, "", UI_DIM, 0, _("none"));

	heading(dv, _("Family (Enter opens)"));
	for (size_t i = 0; i < d->nrelatives; i++) {
		const struct person_relative_row *r = &d->relatives[i];
		char born[PDATE_TEXT_MAX];

		add(dv, vocab_label(vocab_relations, r->relation), UI_NORMAL, r->person_id, "%s  %s%s%s  %s %s  %s%s%s",
		    r->case_no, r->family_name, r->given_names[0] ? ", " : "", r->given_names,
		    vocab_label(vocab_sexes, r->sex),
		    r->birth_date[0] ? pdate_display(r->birth_date, born, sizeof born) : "?",
		    vocab_label(vocab_verifications, r->verification),
		    r->stage[0] ? "  " : "", STAGE_LABEL(r->stage));
	}
	if (!d->nrelatives)
		add(dv, "", UI_DIM, 0, _("no relative linked; l links one"));
	if (d->notes[0]) {
		heading(dv, _("Notes"));
		add(dv, "", UI_NORMAL, 0, "%s", d->notes);
	}
	doc_settle(&dv->doc);
}

static enum status
load(struct view *v)
{
	struct detail_view *dv = v->priv;
	enum status rc;

	person_detail_clear(&dv->d);
	rc = store_person_detail(app_store(v->app), dv->id, &dv->d);
	if (rc != ST_OK) {
		app_error(v->app, _("cannot open the person: %s"), rc == ST_ERR_NOT_FOUND
		          ? _("no longer there") : store_errmsg(app_store(v->app)));
		return rc;
	}
	{
		int64_t absorbed = 0, kept = 0;

		dv->merged_into[0] = '\0';
		if (store_merge_of(app_store(v->app), dv->id, &absorbed, dv->merged_into,
		                   sizeof dv->merged_into, &kept) != ST_OK)
			absorbed = kept = 0;
		dv->merge = absorbed ? absorbed : kept;
	}
	build(v);
	return ST_OK;
}

static enum status
detail_open(struct view *v, const void *arg)
{
	struct detail_view *dv = v->priv;
	enum status rc;

	dv->id = *(const int64_t *)arg;
	if ((rc = load(v)) != ST_OK)
		return rc;
	/* who looked at whose file: recorded before anything is shown */
	if (store_log_access(app_store(v->app), dv->id) != ST_OK)
		app_error(v->app, _("could not record this access: %s"),
		          store_errmsg(app_store(v->app)));
	return ST_OK;
}

static void
detail_close(struct view *v)
{
	struct detail_view *dv = v->priv;

	doc_free(&dv->doc);
	person_detail_clear(&dv->d);
}

static void
detail_draw(struct view *v, WINDOW *win, int lines, int cols)
{
	struct detail_view *dv = v->priv;
	struct doc *doc = &dv->doc;
	int label_w = cols >= 70 ? 22 : 14;

	doc_scroll(doc, lines);
	werase(win);
	for (int y = 0; y < lines && doc->top + y < doc->n; y++) {
		const struct doc_line *l = &doc->lines[doc->top + y];
		bool cur = doc->top + y == doc->cursor;

		if (l->heading) {
			wattrset(win, app_attr(v->app, UI_HEADER));
			ui_put(win, y, 0, l->label, cols, false);
			wattrset(win, A_NORMAL);
			continue;
		}
		wattrset(win, cur ? app_attr(v->app, UI_CURSOR) : A_NORMAL);
		if (cur)
			ui_clear_to_eol(win, y, 0, cols);
		ui_put(win, y, 0, l->link ? "> " : "  ", 2, false);
		ui_put(win, y, 2, l->label, label_w - 2, true);
		if (!cur)
			wattrset(win, app_attr(v->app, (enum ui_role)l->role));
		ui_put(win, y, label_w + 1, l->text, cols - label_w - 1, false);
		wattrset(win, A_NORMAL);
	}
}

static bool
detail_handle(struct view *v, enum action a)
{
	struct detail_view *dv = v->priv;
	const struct doc_line *l = doc_current(&dv->doc);
	int page = v->lines > 2 ? v->lines - 2 : 1;

	switch (a) {
	case ACT_MOVE_DOWN: doc_step(&dv->doc, 1); break;
	case ACT_MOVE_UP: doc_step(&dv->doc, -1); break;
	case ACT_PAGE_DOWN: doc_step(&dv->doc, page); break;
	case ACT_PAGE_UP: doc_step(&dv->doc, -page); break;
	case ACT_FIRST: doc_first(&dv->doc); break;
	case ACT_LAST: doc_last(&dv->doc); break;
	case ACT_OPEN:
		if (l && l->link)
			app_push(v->app, &view_detail_ops, &l->link);
		else
			app_message(v->app, _("Enter opens a relative: move to the family panel"));
		return true;
	case ACT_TIMELINE:
		app_push(v->app, &view_timeline_ops, &dv->id);
		return true;
	case ACT_EDIT: {
		struct form_arg fa = { .kind = FORM_PERSON_EDIT, .person_id = dv->id };

		app_push(v->app, &view_form_ops, &fa);
		return true;
	}
	case ACT_LINK: {
		struct form_arg fa = { .kind = FORM_RELATION_ADD, .person_id = dv->id };

		app_push(v->app, &view_form_ops, &fa);
		return true;
	}
	case ACT_UNMERGE: {
		struct load_error err;

		if (!dv->merge) {
			app_error(v->app, "%s", _("this record took part in no merge"));
		} else if (store_unmerge(app_store(v->app), dv->merge, &err) != ST_OK) {
			app_error(v->app, _("not undone: %s"), err.reason);
		} else {
			app_message(v->app, _("merge %lld undone: both records as they were"),
			            (long long)dv->merge);
			app_reload_below(v->app);
			load(v);
		}
		return true;
	}
	default:
		return false;
	}
	v->dirty = true;
	return true;
}

static void
detail_reload(struct view *v)
{
	load(v);
	v->dirty = true;
}

static void
detail_title(struct view *v, char *buf, size_t len)
{
	struct detail_view *dv = v->priv;

	snprintf(buf, len, "%s  %s%s%s", dv->d.case_no, dv->d.family_name,
	         dv->d.given_names[0] ? ", " : "", dv->d.given_names);
}

static void
detail_position(struct view *v, char *buf, size_t len)
{
	snprintf(buf, len, _("depth %d"), app_depth(v->app));
}

const struct view_ops view_detail_ops = {
	.name = "detail",
	.keymap = KM_DETAIL,
	.private_size = sizeof(struct detail_view),
	.open = detail_open,
	.close = detail_close,
	.draw = detail_draw,
	.handle = detail_handle,
	.title = detail_title,
	.position = detail_position,
	.reload = detail_reload,
};
