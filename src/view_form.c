/* view_form.c: adding and editing a person, an event or a relation.
 * Each field is checked as the cursor leaves it (dates, codes, words
 * from the fixed vocabularies), the reason shown beside it; the store
 * checks everything again on save, through the same code as import,
 * and a refusal lands on the field it names. Typed text is never lost
 * on an error: the form stays open with it. A guardrail a supervisor
 * may pass asks for a written reason and saves with it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/app.h"
#include "casepath/date.h"
#include "casepath/i18n.h"
#include "casepath/lineedit.h"
#include "casepath/record.h"
#include "casepath/store.h"
#include "casepath/store_edit.h"
#include "casepath/store_view.h"
#include "casepath/textkey.h"
#include "casepath/util.h"
#include "casepath/views.h"
#include "casepath/vocab.h"

enum check { CK_TEXT, CK_REQUIRED, CK_DATE, CK_DATE_REQUIRED, CK_COUNTRY,
             CK_SEX, CK_KIND, CK_DURATION, CK_YESNO, CK_RELATION, CK_VERIFY };

struct field_spec {
	const char *column;     /* the CSV column: store errors name it */
	const char *label;
	enum check check;
	const char *hint;
};

/* TRANSLATORS: form field labels are cut to 15 columns on a terminal
 * under 70 columns, 21 otherwise; the hints take one line. */
static const struct field_spec person_fields[] = {
	{ "case_no", N_("Case number"), CK_REQUIRED, N_("unique, e.g. TR-2026-000123") },
	{ "family_name", N_("Family name"), CK_TEXT, NULL },
	{ "given_names", N_("Given names"), CK_TEXT, NULL },
	{ "native_name", N_("Native name"), CK_TEXT, N_("the name in its own script") },
	{ "aliases", N_("Aliases"), CK_TEXT, N_("name (type); name ... types: self, document, third_party, transliteration") },
	{ "sex", N_("Sex"), CK_SEX, N_("F, M, X or U") },
	{ "birth_date", N_("Birth date"), CK_DATE, N_("1990-05-12, 1990-05, 1990 or ~1990") },
	{ "nationality", N_("Nationality"), CK_COUNTRY, N_("ISO 3166-1 alpha-3: SYR, TUR; XXA stateless, XXX unknown") },
	{ "claimed_nationality", N_("Claimed nationality"), CK_COUNTRY, N_("as the person states it") },
	{ "ethnicity", N_("Ethnicity"), CK_TEXT, NULL },
	{ "languages", N_("Languages"), CK_TEXT, N_("ar-levantine;ru") },
	{ "interpreter_needed", N_("Interpreter needed"), CK_YESNO, N_("yes or no") },
	{ "category", N_("Category"), CK_TEXT, NULL },
	{ "notes", N_("Notes"), CK_TEXT, NULL },
};

static const struct field_spec event_fields[] = {
	{ "date", N_("Date"), CK_DATE_REQUIRED, N_("2024-03-01, 2024-03, 2024 or ~2024") },
	{ "kind", N_("Kind"), CK_KIND, N_("removal_notified, challenge_filed, ... (? lists all on error)") },
	{ "place", N_("Place"), CK_TEXT, NULL },
	{ "country", N_("Country"), CK_COUNTRY, N_("ISO 3166-1 alpha-3") },
	{ "ref", N_("Reference"), CK_TEXT, N_("file or decision number") },
	{ "duration", N_("Duration"), CK_DURATION, N_("7d, 6m, 3y6m") },
	{ "outcome", N_("Outcome"), CK_TEXT, NULL },
	{ "note", N_("Note"), CK_TEXT, NULL },
};

static const struct field_spec relation_fields[] = {
	{ "relation", N_("Relation"), CK_RELATION, N_("the relative is this person's parent, child, spouse, sibling, guardian, ward or travel_companion") },
	{ "other_case_no", N_("Relative's case"), CK_REQUIRED, N_("the relative's case number") },
	{ "verification", N_("Verification"), CK_VERIFY, N_("unverified, documents, dna_requested, dna_confirmed, dna_excluded") },
	{ "note", N_("Note"), CK_TEXT, NULL },
};

#define MAX_FIELDS 16

struct form_view {
	struct form_arg arg;
	const struct field_spec *specs;
	int nfields, cursor, top;
	struct lineedit le[MAX_FIELDS];
	char error[MAX_FIELDS][640];
	char *initial[MAX_FIELDS];   /* owned; NULL is "" (a new record) */
	char case_no[64];            /* the person's, for events and relations */
	int64_t version;
	char title[256];
};

/* --- checks ----------------------------------------------------------------- */
static bool
check_field(struct form_view *fv, int i)
{
	const char *v = lineedit_text(&fv->le[i]);
	char *e = fv->error[i];
	size_t n = sizeof fv->error[i];
	struct pdate pd;
	struct duration du;
	const char *why;

	e[0] = '\0';
	switch (fv->specs[i].check) {
	case CK_TEXT:
		break;
	case CK_REQUIRED:
		if (!v[0])
			snprintf(e, n, _("required"));
		break;
	case CK_DATE_REQUIRED:
		if (!v[0]) {
			snprintf(e, n, _("required"));
			break;
		}
		/* fall through */
	case CK_DATE:
		if (v[0] && (why = pdate_parse(v, &pd)))
			snprintf(e, n, "%s", why);
		break;
	case CK_COUNTRY:
		if (v[0] && !vocab_country_shaped(v))
			snprintf(e, n, _("'%s' is not a three-letter code (SYR, TUR, XXA)"), v);
		break;
	case CK_SEX:
		if (v[0] && vocab_index(vocab_sexes, v) < 0)
			snprintf(e, n, _("'%s': F, M, X or U"), v);
		break;
	case CK_KIND:
		if (vocab_index(vocab_event_kinds, v) < 0)
		{
			if (v[0])
				snprintf(e, n, _("unknown kind '%s'"), v);
			else
				snprintf(e, n, "%s", _("required"));
		}
		break;
	case CK_DURATION:
		if (v[0] && (why = duration_parse(v, &du)))
			snprintf(e, n, "%s", why);
		break;
	case CK_YESNO:
		if (v[0] && strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
			snprintf(e, n, _("yes or no"));
		break;
	case CK_RELATION:
		if (vocab_index(vocab_relations, v) < 0)
		{
			if (v[0])
				snprintf(e, n, _("unknown relation '%s'"), v);
			else
				snprintf(e, n, "%s", _("required"));
		}
		break;
	case CK_VERIFY:
		if (v[0] && vocab_index(vocab_verifications, v) < 0)
			snprintf(e, n, _("unknown verification '%s'"), v);
		break;
	}
	return e[0] == '\0';
}

/* --- filling ------------------------------------------------------------------ */
static void
set_field(struct form_view *fv, int i, const char *text)
{
	lineedit_set(&fv->le[i], text);
	/* the whole text, however long: a copy cut short would make an
	 * untouched form look changed */
	free(fv->initial[i]);
	fv->initial[i] = xstrdup(text);
}

/* The aliases as the field shows them, "name (type);..."; the caller
 * frees it. Built to its full length: a form that cut it short would
 * save the cut list back. */
static char *
join_aliases(const struct person_detail *d)
{
	size_t need = 1, at = 0;
	char *buf;

	for (size_t i = 0; i < d->naliases; i++)
		need += strlen(d->aliases[i].name) + strlen(d->aliases[i].type) + 4;
	buf = xmalloc(need);
	buf[0] = '\0';
	for (size_t i = 0; i < d->naliases; i++)
		at += (size_t)snprintf(buf + at, need - at, "%s%s (%s)", i ? ";" : "",
		                       d->aliases[i].name, d->aliases[i].type);
	return buf;
}

static char *
join_languages(const struct person_detail *d)
{
	size_t need = 1, at = 0;
	char *buf;

	for (size_t i = 0; i < d->nlanguages; i++)
		need += strlen(d->languages[i].tag) + 1;
	buf = xmalloc(need);
	buf[0] = '\0';
	for (size_t i = 0; i < d->nlanguages; i++)
		at += (size_t)snprintf(buf + at, need - at, "%s%s", i ? ";" : "",
		                       d->languages[i].tag);
	return buf;
}

static enum status
fill_person(struct view *v, struct form_view *fv)
{
	struct person_detail d = { 0 };
	char *joined;
	enum status rc = store_person_detail(app_store(v->app), fv->arg.person_id, &d);

	if (rc != ST_OK) {
		app_error(v->app, _("cannot read the person: %s"), store_errmsg(app_store(v->app)));
		return rc;
	}
	snprintf(fv->case_no, sizeof fv->case_no, "%s", d.case_no);
	fv->version = d.version;
	if (fv->arg.kind == FORM_PERSON_EDIT) {
		set_field(fv, 0, d.case_no);
		set_field(fv, 1, d.family_name);
		set_field(fv, 2, d.given_names);
		set_field(fv, 3, d.native_name);
		set_field(fv, 4, joined = join_aliases(&d));
		free(joined);
		set_field(fv, 5, d.sex);
		set_field(fv, 6, d.birth_date);
		set_field(fv, 7, d.nationality);
		set_field(fv, 8, d.claimed_nationality);
		set_field(fv, 9, d.ethnicity);
		set_field(fv, 10, joined = join_languages(&d));
		free(joined);
		set_field(fv, 11, d.interpreter_needed ? "yes" : "no");
		set_field(fv, 12, d.category);
		set_field(fv, 13, d.notes);
	}
	snprintf(fv->title, sizeof fv->title, "%s  %s%s%s",
	         fv->arg.kind == FORM_PERSON_EDIT ? _("edit person") :
	         fv->arg.kind == FORM_RELATION_ADD ? _("link a relative of") :
	         fv->arg.kind == FORM_EVENT_EDIT ? _("edit event of") : _("new event for"),
	         d.case_no, d.family_name[0] ? "  " : "", d.family_name);
	person_detail_clear(&d);
	return ST_OK;
}

static enum status
fill_event(struct view *v, struct form_view *fv)
{
	struct event_row *ev = NULL;
	size_t n = 0;
	enum status rc = store_events(app_store(v->app), fv->arg.person_id, &ev, &n);
	bool found = false;

	if (rc != ST_OK) {
		app_error(v->app, _("cannot read the events: %s"), store_errmsg(app_store(v->app)));
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		const struct event_row *e = &ev[i];

		if (e->id != fv->arg.event_id)
			continue;
		found = true;
		fv->version = e->version;
		set_field(fv, 0, e->date);
		set_field(fv, 1, e->kind);
		set_field(fv, 2, e->place);
		set_field(fv, 3, e->country);
		set_field(fv, 4, e->ref);
		set_field(fv, 5, e->duration);
		set_field(fv, 6, e->outcome);
		set_field(fv, 7, e->note);
	}
	event_rows_free(&ev, n);
	if (!found) {
		app_error(v->app, _("that event is no longer there"));
		return ST_ERR_NOT_FOUND;
	}
	return ST_OK;
}

static enum status
form_open(struct view *v, const void *arg)
{
	struct form_view *fv = v->priv;
	enum status rc = ST_OK;

	fv->arg = *(const struct form_arg *)arg;
	switch (fv->arg.kind) {
	case FORM_PERSON_ADD:
	case FORM_PERSON_EDIT:
		fv->specs = person_fields;
		fv->nfields = (int)(sizeof person_fields / sizeof person_fields[0]);
		break;
	case FORM_EVENT_ADD:
	case FORM_EVENT_EDIT:
		fv->specs = event_fields;
		fv->nfields = (int)(sizeof event_fields / sizeof event_fields[0]);
		break;
	case FORM_RELATION_ADD:
		fv->specs = relation_fields;
		fv->nfields = (int)(sizeof relation_fields / sizeof relation_fields[0]);
		break;
	}
	for (int i = 0; i < fv->nfields; i++)
		lineedit_init(&fv->le[i]);
	if (fv->arg.kind == FORM_PERSON_ADD) {
		snprintf(fv->title, sizeof fv->title, _("new person"));
		set_field(fv, 5, "U");
		set_field(fv, 11, "no");
	} else {
		rc = fill_person(v, fv);
		if (rc == ST_OK && fv->arg.kind == FORM_EVENT_EDIT) {
			rc = fill_event(v, fv);
		}
		if (rc == ST_OK && fv->arg.kind == FORM_RELATION_ADD)
			set_field(fv, 2, "unverified");
	}
	return rc;
}

static void
form_close(struct view *v)
{
	struct form_view *fv = v->priv;

	for (int i = 0; i < fv->nfields; i++) {
		lineedit_clear(&fv->le[i]);
		free(fv->initial[i]);
		fv->initial[i] = NULL;
	}
}

static bool
modified(const struct form_view *fv)
{
	for (int i = 0; i < fv->nfields; i++)
		if (strcmp(lineedit_text(&fv->le[i]), fv->initial[i] ? fv->initial[i] : "") != 0)
			return true;
	return false;
}

/* --- drawing ------------------------------------------------------------------ */
static void
form_draw(struct view *v, WINDOW *win, int lines, int cols)
{
	struct form_view *fv = v->priv;
	int label_w = cols >= 70 ? 22 : 16, y = 0, cursor_y = -1, cursor_x = 0;
	int field_w = cols - label_w - 2;

	werase(win);
	/* keep the current field (and its error line) on screen */
	if (fv->cursor < fv->top)
		fv->top = fv->cursor;
	while (fv->top < fv->cursor && (fv->cursor - fv->top) * 2 + 2 > lines - 2)
		fv->top++;
	for (int i = fv->top; i < fv->nfields && y < lines - 2; i++) {
		char text[2048];
		int col = 0;
		bool cur = i == fv->cursor;

		wattrset(win, cur ? app_attr(v->app, UI_HEADER) : A_NORMAL);
		ui_put(win, y, 0, cur ? ">" : " ", 1, false);
		ui_put(win, y, 1, _(fv->specs[i].label), label_w - 1, true);
		wattrset(win, cur ? A_UNDERLINE : A_NORMAL);
		lineedit_view(&fv->le[i], field_w, &col, text, sizeof text);
		ui_put(win, y, label_w + 1, text, field_w, true);
		wattrset(win, A_NORMAL);
		if (cur) {
			cursor_y = y;
			cursor_x = label_w + 1 + col;
		}
		y++;
		if (fv->error[i][0]) {
			wattrset(win, app_attr(v->app, UI_ERROR));
			ui_put(win, y++, label_w + 1, fv->error[i], field_w, false);
			wattrset(win, A_NORMAL);
		}
	}
	if (fv->cursor < fv->nfields && fv->specs[fv->cursor].hint) {
		wattrset(win, app_attr(v->app, UI_DIM));
		ui_put(win, lines - 2, 1, _(fv->specs[fv->cursor].hint), cols - 2, false);
		wattrset(win, A_NORMAL);
	}
	ui_put(win, lines - 1, 1, _("Tab/Enter next  Up previous  Ctrl-S or F2 save  Esc cancel"),
	       cols - 2, false);
	v->cursor_y = cursor_y;
	v->cursor_x = cursor_x;
}

/* --- saving ------------------------------------------------------------------- */
static const char *
text_of(const struct form_view *fv, int i)
{
	return lineedit_text(&fv->le[i]);
}

static int
field_of(const struct form_view *fv, const char *column)
{
	for (int i = 0; column && i < fv->nfields; i++)
		if (strcmp(fv->specs[i].column, column) == 0)
			return i;
	return -1;
}

static enum status save(struct view *v, const char *override);

static void
override_done(struct app *app, void *ctx, const char *text, bool accepted)
{
	(void)app;
	if (accepted && text[0])
		save(ctx, text);
	else
		app_message(app, _("not saved; your edit is kept"));
}

static enum status
save(struct view *v, const char *override)
{
	struct form_view *fv = v->priv;
	struct store *st = app_store(v->app);
	struct load_error err = { 0 };
	enum status rc = ST_OK;
	int64_t id = 0;

	for (int i = 0; i < fv->nfields; i++)
		if (!check_field(fv, i) && rc == ST_OK) {
			fv->cursor = i;
			rc = ST_ERR_INPUT;
		}
	if (rc != ST_OK) {
		app_error(v->app, _("not saved: %s: %s"), _(fv->specs[fv->cursor].label),
		          fv->error[fv->cursor]);
		v->dirty = true;
		return rc;
	}
	switch (fv->arg.kind) {
	case FORM_PERSON_ADD:
	case FORM_PERSON_EDIT: {
		struct person_in p = {
			.case_no = text_of(fv, 0), .family_name = text_of(fv, 1),
			.given_names = text_of(fv, 2), .native_name = text_of(fv, 3),
			.aliases = text_of(fv, 4), .sex = text_of(fv, 5),
			.birth_date = text_of(fv, 6), .nationality = text_of(fv, 7),
			.claimed_nationality = text_of(fv, 8), .ethnicity = text_of(fv, 9),
			.languages = text_of(fv, 10), .interpreter_needed = text_of(fv, 11),
			.category = text_of(fv, 12), .notes = text_of(fv, 13),
		};

		rc = fv->arg.kind == FORM_PERSON_ADD
		     ? store_person_add(st, &p, &id, &err)
		     : store_person_update(st, fv->arg.person_id, fv->version, &p, &err);
		break;
	}
	case FORM_EVENT_ADD:
	case FORM_EVENT_EDIT: {
		struct event_in e = {
			.case_no = fv->case_no, .date = text_of(fv, 0), .kind = text_of(fv, 1),
			.place = text_of(fv, 2), .country = text_of(fv, 3), .ref = text_of(fv, 4),
			.duration = text_of(fv, 5), .outcome = text_of(fv, 6), .note = text_of(fv, 7),
		};

		rc = fv->arg.kind == FORM_EVENT_ADD
		     ? store_event_add(st, &e, override, &id, &err)
		     : store_event_update(st, fv->arg.event_id, fv->version, &e, override, &err);
		break;
	}
	case FORM_RELATION_ADD: {
		struct relation_in r = {
			.case_no = fv->case_no, .relation = text_of(fv, 0),
			.other_case_no = text_of(fv, 1), .verification = text_of(fv, 2),
			.note = text_of(fv, 3),
		};

		rc = store_relation_add(st, &r, &err);
		break;
	}
	}
	if (rc == ST_OK) {
		app_message(v->app, _("saved"));
		app_reload_below(v->app);
		app_pop(v->app);
		return ST_OK;
	}
	/* nothing is lost: the form stays, the reason where it belongs */
	{
		int i = field_of(fv, err.column);
		const char *why = err.reason[0] ? err.reason : store_errmsg(st);

		if (i >= 0) {
			snprintf(fv->error[i], sizeof fv->error[i], "%s", why);
			fv->cursor = i;
		}
		if (rc == ST_ERR_FULL)
			app_error(v->app, _("disk full, not saved; your edit is kept"));
		else if (rc == ST_ERR_IO)
			app_error(v->app, _("I/O error, not saved; your edit is kept"));
		else if (rc == ST_ERR_BUSY)
			app_error(v->app, _("database is locked by another process, not saved;"
			          " your edit is kept"));
		else if (rc == ST_ERR_INPUT && i < 0 && !override &&
		         strcmp(store_role(st), "supervisor") == 0 &&
		         (fv->arg.kind == FORM_EVENT_ADD || fv->arg.kind == FORM_EVENT_EDIT)) {
			char label[640];

			snprintf(label, sizeof label, _("%s Override reason (Esc keeps the edit): "), why);
			app_prompt(v->app, label, NULL, NULL, override_done, v, NULL);
		} else
			app_error(v->app, _("not saved: %s"), why);
	}
	v->dirty = true;
	return rc;
}

/* --- input -------------------------------------------------------------------- */
static void
leave_field(struct form_view *fv, int to)
{
	check_field(fv, fv->cursor);
	if (to >= 0 && to < fv->nfields)
		fv->cursor = to;
}

static void
cancel_done(struct app *app, void *ctx, const char *text, bool accepted)
{
	(void)ctx;
	(void)text;
	if (accepted)
		app_pop(app);
}

static bool
form_key(struct view *v, int key)
{
	struct form_view *fv = v->priv;
	bool changed;

	if (!textkey_apply(&fv->le[fv->cursor], key, &changed))
		return false;     /* a form key (Tab, Ctrl-S, Esc) */
	if (changed)
		fv->error[fv->cursor][0] = '\0';
	v->dirty = true;
	return true;
}

static bool
form_handle(struct view *v, enum action a)
{
	struct form_view *fv = v->priv;

	switch (a) {
	case ACT_FIELD_NEXT:
		if (fv->cursor == fv->nfields - 1)
			check_field(fv, fv->cursor);
		else
			leave_field(fv, fv->cursor + 1);
		break;
	case ACT_FIELD_PREV:
		leave_field(fv, fv->cursor - 1);
		break;
	case ACT_SAVE:
		save(v, NULL);
		return true;
	case ACT_CANCEL:
	case ACT_BACK:
	case ACT_QUIT:
		if (modified(fv))
			app_confirm(v->app, _("discard your changes? (y/n) "), cancel_done, v);
		else
			app_pop(v->app);
		return true;
	case ACT_HELP:
		return false;
	default:
		return true;    /* nothing else applies while typing */
	}
	v->dirty = true;
	return true;
}

static void
form_title(struct view *v, char *buf, size_t len)
{
	struct form_view *fv = v->priv;

	snprintf(buf, len, "%s", fv->title);
}

static void
form_position(struct view *v, char *buf, size_t len)
{
	struct form_view *fv = v->priv;

	snprintf(buf, len, _("field %d/%d"), fv->cursor + 1, fv->nfields);
}

const struct view_ops view_form_ops = {
	.name = "form",
	.keymap = KM_FORM,
	.private_size = sizeof(struct form_view),
	.open = form_open,
	.close = form_close,
	.draw = form_draw,
	.handle = form_handle,
	.key = form_key,
	.title = form_title,
	.position = form_position,
};
