/* view_timeline.c: a person's events in date order, grouped in stage
 * bands (entry, custody, prosecution, removal centre, removal, outcome)
 * with each band's duration, partial dates shown as written ("2016",
 * "~2016"), then a today line and the open deadlines below it with the
 * days left. a, e, d add, edit and delete events. */
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
#include "casepath/store_edit.h"
#include "casepath/store_view.h"
#include "casepath/u8.h"
#include "casepath/util.h"
#include "casepath/views.h"
#include "casepath/vocab.h"

enum band { B_NONE = -1, B_ENTRY, B_CUSTODY, B_PROSECUTION, B_CENTRE, B_REMOVAL,
            B_OUTCOME, B_COUNT };

static const char *const band_names[B_COUNT] = {
	N_("Entry"), N_("Custody"), N_("Prosecution"), N_("Removal centre"), N_("Removal"), N_("Outcome"),
};

/* The first kind of each band in vocab order (vocab.c groups them). */
static enum band
band_of(const char *kind)
{
	static const struct { const char *kind; enum band band; } map[] = {
		{ "border_crossing", B_ENTRY }, { "surrender_at_mission", B_ENTRY },
		{ "surrender_at_border", B_ENTRY }, { "entry_refused", B_ENTRY },
		{ "camp_admission", B_ENTRY },
		{ "apprehension", B_CUSTODY }, { "police_custody", B_CUSTODY },
		{ "custody_extended", B_CUSTODY }, { "custody_release", B_CUSTODY },
		{ "removal_centre_admission", B_CENTRE }, { "removal_centre_transfer", B_CENTRE },
		{ "detention_extended", B_CENTRE }, { "removal_centre_release", B_CENTRE },
		{ "alternative_measure", B_CENTRE },
		{ "removal_decision", B_REMOVAL }, { "removal_notified", B_REMOVAL },
		{ "challenge_filed", B_REMOVAL }, { "challenge_decided", B_REMOVAL },
		{ "non_refoulement_assessment", B_REMOVAL },
		{ "voluntary_return_form", B_REMOVAL }, { "consular_visit", B_REMOVAL },
		{ "travel_document", B_REMOVAL }, { "removal_scheduled", B_REMOVAL },
		{ "deported", B_OUTCOME }, { "voluntary_return", B_OUTCOME },
		{ "third_country_removal", B_OUTCOME }, { "repatriated", B_OUTCOME },
		{ "released_to_community", B_OUTCOME }, { "programme_start", B_OUTCOME },
		{ "programme_end", B_OUTCOME }, { "absconded", B_OUTCOME },
		{ "deceased", B_OUTCOME }, { "case_closed", B_OUTCOME },
		/* taken again after absconding or a release: the rules put the
		 * person back in custody (rules.c), not at an outcome */
		{ "re_detained", B_CUSTODY },
		/* notes, overrides, DNA tests stay in the band they happen in;
		 * so do the measures: a security code, a travel ban, a red
		 * notice or a monitoring order runs beside whatever stage the
		 * person is in (an administrative code is no prosecution) */
		{ "note", B_NONE }, { "override", B_NONE }, { "dna_test", B_NONE },
		{ "security_code", B_NONE }, { "security_code_lifted", B_NONE },
		{ "red_notice", B_NONE }, { "electronic_monitoring", B_NONE },
		{ "travel_ban", B_NONE }, { "measure_lifted", B_NONE },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].kind, kind) == 0)
			return map[i].band;
	/* the prosecution kinds */
	return B_PROSECUTION;
}

const char *
view_timeline_band(const char *kind)
{
	enum band b = band_of(kind);

	return b == B_NONE ? NULL : band_names[b];
}

struct timeline_view {
	int64_t id;
	struct person_detail d;
	struct event_row *events;
	size_t nevents;
	struct doc doc;           /* tag: the event's index */
};

static void
add(struct timeline_view *tv, enum ui_role role, int event, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* One line; an event's line is one the cursor can stand on. */
static void
add(struct timeline_view *tv, enum ui_role role, int event, const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	struct doc_line proto = { .role = (int)role, .selectable = event >= 0,
	                          .tag = event };

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	doc_add(&tv->doc, &proto, "", "%s", text);
}

/* The day the band starting at event i ends: the next band's first
 * event, else today. */
static int32_t
band_end(const struct timeline_view *tv, size_t i, enum band b, int32_t today)
{
	for (size_t j = i + 1; j < tv->nevents; j++) {
		enum band bj = band_of(tv->events[j].kind);

		if (bj != B_NONE && bj != b)
			return tv->events[j].date_lo;
	}
	return today;
}

static void
event_line(struct timeline_view *tv, size_t i, bool future)
{
	const struct event_row *e = &tv->events[i];
	char extra[768], kind[128], when[PDATE_TEXT_MAX], date[64];
	size_t at = 0;

	extra[0] = '\0';
	if (e->place[0])
		at += (size_t)snprintf(extra + at, sizeof extra - at, "  %s", e->place);
	if (e->country[0] && at < sizeof extra)
		at += (size_t)snprintf(extra + at, sizeof extra - at, " (%s)", e->country);
	if (e->duration[0] && at < sizeof extra)
		at += (size_t)snprintf(extra + at, sizeof extra - at, "  %s", e->duration);
	if (e->outcome[0] && at < sizeof extra)
		at += (size_t)snprintf(extra + at, sizeof extra - at, "  -> %s",
		                       vocab_label(vocab_outcomes, e->outcome));
	if (e->note[0] && at < sizeof extra)
		snprintf(extra + at, sizeof extra - at, "  \"%s\"", e->note);
	add(tv, strcmp(e->kind, "override") == 0 ? UI_WARN : future ? UI_FUTURE : UI_NORMAL,
	    (int)i, "  %s  %s%s", u8_pad_min(pdate_display(e->date, when, sizeof when), 10, date,
	                                 sizeof date),
	    u8_pad(KIND_LABEL(e->kind), 26, kind, sizeof kind),
	    extra);
}

static void
build(struct view *v)
{
	struct timeline_view *tv = v->priv;
	int32_t today = app_today(v->app);
	enum band current = B_NONE;
	bool today_shown = false;
	char day[PDATE_TEXT_MAX], end[PDATE_TEXT_MAX], start[PDATE_TEXT_MAX], kind[128], arith[256];

	doc_clear(&tv->doc);
	for (size_t i = 0; i < tv->nevents; i++) {
		const struct event_row *e = &tv->events[i];
		enum band b = band_of(e->kind);

		if (!today_shown && e->date_lo > today) {
			add(tv, UI_MARK, -1, _("-- today %s --"), day_display(today, day, sizeof day));
			today_shown = true;
		}
		if (b != B_NONE && b != current) {
			int32_t until = band_end(tv, i, b, today);

			/* the start as written: a band opened by "2016" starts in
			 * 2016, not on 1 January */
			add(tv, UI_BAND, -1, P_("%s  %s .. %s  (%s%ld day)", "%s  %s .. %s  (%s%ld days)",
			       until - e->date_lo), _(band_names[b]),
			    pdate_display(e->date, start, sizeof start),
			    day_display(until, end, sizeof end),
			    e->date_hi > e->date_lo ? "~" : "", (long)(until - e->date_lo));
			current = b;
		}
		event_line(tv, i, e->date_lo > today);
	}
	if (!tv->nevents)
		add(tv, UI_DIM, -1, _("  no events yet; a adds one"));
	if (!today_shown)
		add(tv, UI_MARK, -1, _("-- today %s --"), day_display(today, day, sizeof day));
	for (size_t i = 0; i < tv->d.ndeadlines; i++) {
		const struct person_deadline_row *c = &tv->d.deadlines[i];
		bool overdue = c->due_latest < today;

		if (person_deadline_lapsed(c, today))
			add(tv, UI_DIM, -1, "  %-10s  %s  %s  %s",
			    day_display(c->due, day, sizeof day),
			    u8_pad(CLOCK_LABEL(c->clock), 26, kind, sizeof kind), _("lapsed"),
			    clock_arithmetic_display(c->arithmetic, arith, sizeof arith));
		if ((strcmp(c->status, "open") != 0 && strcmp(c->status, "overdue") != 0) ||
		    person_deadline_lapsed(c, today) || person_deadline_stale(c, today))
			continue;
		if (overdue)
			add(tv, UI_OVERDUE, -1, P_("  %-10s  %s  OVERDUE by %ld day  %s",
			                           "  %-10s  %s  OVERDUE by %ld days  %s",
			                           today - c->due_latest),
			    day_display(c->due, day, sizeof day),
			    u8_pad(CLOCK_LABEL(c->clock), 26, kind, sizeof kind),
			    (long)(today - c->due_latest),
			    clock_arithmetic_display(c->arithmetic, arith, sizeof arith));
		else
			add(tv, UI_FUTURE, -1, P_("  %-10s  %s  in %ld day  %s",
			                          "  %-10s  %s  in %ld days  %s", c->due - today),
			    day_display(c->due, day, sizeof day),
			    u8_pad(CLOCK_LABEL(c->clock), 26, kind, sizeof kind),
			    (long)(c->due - today),
			    clock_arithmetic_display(c->arithmetic, arith, sizeof arith));
	}
	doc_settle(&tv->doc);}

static enum status
load(struct view *v)
{
	struct timeline_view *tv = v->priv;
	struct store *st = app_store(v->app);
	enum status rc;

	person_detail_clear(&tv->d);
	event_rows_free(&tv->events, tv->nevents);
	tv->nevents = 0;
	rc = store_person_head(st, tv->id, &tv->d);
	if (rc == ST_OK)
		rc = store_events(st, tv->id, &tv->events, &tv->nevents);
	if (rc != ST_OK) {
		app_error(v->app, _("cannot read the timeline: %s"),
		          rc == ST_ERR_NOT_FOUND ? _("no such person") : store_errmsg(st));
		return rc;
	}
	build(v);
	return ST_OK;
}

/* The line showing event index e, or -1. */
static int
line_of_event(const struct timeline_view *tv, int e)
{
	for (int i = 0; i < tv->doc.n; i++)
		if (tv->doc.lines[i].tag == e)
			return i;
	return -1;
}

static enum status
timeline_open(struct view *v, const void *arg)
{
	struct timeline_view *tv = v->priv;
	enum status rc;

	tv->id = *(const int64_t *)arg;
	if ((rc = load(v)) != ST_OK)
		return rc;
	/* start on the latest event before today */
	for (int i = tv->doc.n - 1; i >= 0; i--)
		if (tv->doc.lines[i].tag >= 0 &&
		    tv->events[tv->doc.lines[i].tag].date_lo <= app_today(v->app)) {
			tv->doc.cursor = i;
			break;
		}
	if (store_log_access(app_store(v->app), tv->id) != ST_OK)
		app_error(v->app, _("could not record this access: %s"),
		          store_errmsg(app_store(v->app)));
	return ST_OK;
}

static void
timeline_close(struct view *v)
{
	struct timeline_view *tv = v->priv;

	doc_free(&tv->doc);
	person_detail_clear(&tv->d);
	event_rows_free(&tv->events, tv->nevents);
}

static void
timeline_draw(struct view *v, WINDOW *win, int lines, int cols)
{
	struct timeline_view *tv = v->priv;
	struct doc *doc = &tv->doc;

	doc_scroll(doc, lines);
	werase(win);
	for (int y = 0; y < lines && doc->top + y < doc->n; y++) {
		const struct doc_line *l = &doc->lines[doc->top + y];
		bool cur = doc->top + y == doc->cursor && l->selectable;

		wattrset(win, app_attr(v->app, cur ? UI_CURSOR : (enum ui_role)l->role));
		ui_put(win, y, 0, l->text, cols, cur);
		wattrset(win, A_NORMAL);
	}
}

static const struct event_row *
selected(const struct timeline_view *tv)
{
	const struct doc_line *l = doc_current(&tv->doc);

	return l && l->tag >= 0 ? &tv->events[l->tag] : NULL;
}

static void
delete_done(struct app *app, void *ctx, const char *text, bool accepted)
{
	struct view *v = ctx;
	struct timeline_view *tv = v->priv;
	const struct event_row *e = selected(tv);
	struct load_error err = { 0 };
	enum status rc;

	(void)text;
	if (!accepted || !e) {
		app_message(app, _("not deleted"));
		return;
	}
	rc = store_event_delete(app_store(app), e->id, e->version, NULL, &err);
	if (rc != ST_OK) {
		app_error(app, _("not deleted: %s"), err.reason[0] ? err.reason
		          : store_errmsg(app_store(app)));
		return;
	}
	app_message(app, _("event deleted"));
	load(v);
	app_reload_below(app);
	v->dirty = true;
}

static bool
timeline_handle(struct view *v, enum action a)
{
	struct timeline_view *tv = v->priv;
	const struct event_row *e = selected(tv);
	int page = v->lines > 2 ? v->lines - 2 : 1;

	switch (a) {
	case ACT_MOVE_DOWN: doc_step(&tv->doc, 1); break;
	case ACT_MOVE_UP: doc_step(&tv->doc, -1); break;
	case ACT_PAGE_DOWN: doc_step(&tv->doc, page); break;
	case ACT_PAGE_UP: doc_step(&tv->doc, -page); break;
	case ACT_FIRST: doc_first(&tv->doc); break;
	case ACT_LAST: doc_last(&tv->doc); break;
	case ACT_OPEN:
	case ACT_EDIT:
		if (e) {
			struct form_arg fa = { .kind = FORM_EVENT_EDIT, .person_id = tv->id,
			                       .event_id = e->id };

			app_push(v->app, &view_form_ops, &fa);
		}
		return true;
	case ACT_ADD: {
		struct form_arg fa = { .kind = FORM_EVENT_ADD, .person_id = tv->id };

		app_push(v->app, &view_form_ops, &fa);
		return true;
	}
	case ACT_DELETE:
		if (e) {
			char q[512];

			snprintf(q, sizeof q, _("delete %s of %s? (y/n) "), KIND_LABEL(e->kind), e->date);
			app_confirm(v->app, q, delete_done, v);
		}
		return true;
	default:
		return false;
	}
	v->dirty = true;
	return true;
}

static void
timeline_reload(struct view *v)
{
	struct timeline_view *tv = v->priv;
	int64_t keep = selected(tv) ? selected(tv)->id : 0;

	load(v);
	for (size_t i = 0; keep && i < tv->nevents; i++)
		if (tv->events[i].id == keep) {
			int line = line_of_event(tv, (int)i);

			if (line >= 0)
				tv->doc.cursor = line;
		}
	v->dirty = true;
}

static void
timeline_title(struct view *v, char *buf, size_t len)
{
	struct timeline_view *tv = v->priv;

	snprintf(buf, len, _("timeline  %s  %s%s%s  %s"), tv->d.case_no, tv->d.family_name,
	         tv->d.given_names[0] ? ", " : "", tv->d.given_names, STAGE_LABEL(tv->d.stage));
}

static void
timeline_position(struct view *v, char *buf, size_t len)
{
	struct timeline_view *tv = v->priv;
	const struct doc_line *l = doc_current(&tv->doc);
	int e = l ? l->tag : -1;

	snprintf(buf, len, "%d/%zu", e + 1, tv->nevents);
}

const struct view_ops view_timeline_ops = {
	.name = "timeline",
	.keymap = KM_TIMELINE,
	.private_size = sizeof(struct timeline_view),
	.open = timeline_open,
	.close = timeline_close,
	.draw = timeline_draw,
	.handle = timeline_handle,
	.title = timeline_title,
	.position = timeline_position,
	.reload = timeline_reload,
};
