/* view_audit.c: the audit trail as an accountability tool, for
 * supervisors and auditors only. Two lists, Tab between them: every
 * change (who, when, which record, the fields an update changed, with
 * overrides of a guardrail highlighted) and every opening of a file (who
 * looked at whose record). The lower part of the screen shows the
 * selected change's fields before and after. f filters by person, user
 * and dates ("who looked at this child's record last month"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/app.h"
#include "casepath/i18n.h"
#include "casepath/pager.h"
#include "casepath/store.h"
#include "casepath/store_history.h"
#include "casepath/store_view.h"
#include "casepath/u8.h"
#include "casepath/util.h"
#include "casepath/views.h"

struct audit_view {
	bool access;                 /* showing file openings, not changes */
	struct history_filter filter;
	struct pager changes, openings;
	struct audit_field *fields;  /* the selected change's, for the pane */
	size_t nfields;
	int64_t fields_seq;
};

static int
fetch_changes(void *ctx, const void *after, bool backward, int n, void *rows)
{
	struct view *v = ctx;
	struct audit_view *av = v->priv;
	int got = store_audit_page(app_store(v->app), &av->filter, after, backward, n, rows);

	if (got < 0)
		app_error(v->app, "%s", store_errmsg(app_store(v->app)));
	return got;
}

static int
fetch_openings(void *ctx, const void *after, bool backward, int n, void *rows)
{
	struct view *v = ctx;
	struct audit_view *av = v->priv;
	int got = store_access_page(app_store(v->app), &av->filter, after, backward, n, rows);

	if (got < 0)
		app_error(v->app, "%s", store_errmsg(app_store(v->app)));
	return got;
}

static void
clear_changes(void *rows, int n)
{
	audit_rows_clear(rows, n);
}

static void
clear_openings(void *rows, int n)
{
	access_rows_clear(rows, n);
}

static void
copy_change(void *dst, const void *src)
{
	audit_row_copy(dst, src);
}

static void
copy_opening(void *dst, const void *src)
{
	access_row_copy(dst, src);
}

static struct pager *
current_pager(struct audit_view *av)
{
	return av->access ? &av->openings : &av->changes;
}

/* The pane's height under the list of changes. */
static int
pane_lines(int lines)
{
	return lines >= 16 ? lines / 3 : 0;
}

static enum status
audit_open(struct view *v, const void *arg)
{
	struct audit_view *av = v->priv;
	const char *role = store_role(app_store(v->app));
	struct pager_source changes = {
		.row_size = sizeof(struct audit_row), .fetch = fetch_changes,
		.clear = clear_changes, .copy = copy_change, .ctx = v,
	};
	struct pager_source openings = {
		.row_size = sizeof(struct access_row), .fetch = fetch_openings,
		.clear = clear_openings, .copy = copy_opening, .ctx = v,
	};

	(void)arg;
	/* who changed and who looked is for those who answer for it */
	if (strcmp(role, "supervisor") != 0 && strcmp(role, "auditor") != 0) {
		app_error(v->app, _("the audit trail is for supervisors and auditors;"
		          " you are a %s"), role);
		return ST_ERR_PERMISSION;
	}
	pager_init(&av->changes, &changes);
	pager_init(&av->openings, &openings);
	return ST_OK;
}

static void
audit_close(struct view *v)
{
	struct audit_view *av = v->priv;

	pager_free(&av->changes);
	pager_free(&av->openings);
	audit_fields_free(&av->fields, av->nfields);
}

static void
audit_resize(struct view *v, int lines, int cols)
{
	struct audit_view *av = v->priv;

	(void)cols;
	pager_set_cap(&av->changes, lines - 1 - pane_lines(lines));
	pager_set_cap(&av->openings, lines - 1);
}

/* The column titles, each translated and padded (or cut) to its width in
 * columns, one blank between; a width of 0 takes the title as it is. */
static const char *
header_line(const char *const *titles, const int *widths, int n, char *buf,
            size_t len)
{
	size_t at = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && at + 1 < len; i++) {
		char cell[256];

		if (widths[i])
			u8_fit(_(titles[i]), widths[i], true, cell, sizeof cell);
		else
			snprintf(cell, sizeof cell, "%s", _(titles[i]));
		at += (size_t)snprintf(buf + at, len - at, "%s%s", i ? " " : "", cell);
	}
	return buf;
}

/* "2026-06-15T10:20:30Z" -> "2026-06-15 10:20" */
static void
short_time(const char *at, char *buf, size_t len)
{
	snprintf(buf, len, "%.10s %.5s", at, strlen(at) > 11 ? at + 11 : "");
}

static void
draw_changes(struct view *v, WINDOW *win, int lines, int cols)
{
	struct audit_view *av = v->priv;
	int list_h = lines - pane_lines(lines);
	const struct audit_row *cur = pager_current(&av->changes);

	wattrset(win, app_attr(v->app, UI_HEADER));
	{
		static const char *const titles[] = {
			/* TRANSLATORS: audit trail column titles; each is cut to its
			 * column (#: 6, When: 16, Who: 10, Action: 7, Record: 13,
			 * Case: 14 columns); Fields takes the rest. */
			N_("#"), N_("When"), N_("Who"), N_("Action"), N_("Record"),
			N_("Case"), N_("Fields"),
		};
		static const int widths[] = { 6, 16, 10, 7, 13, 14, 0 };
		char head[512];

		ui_put(win, 0, 0, header_line(titles, widths, 7, head, sizeof head), cols, true);
	}
	wattrset(win, A_NORMAL);
	for (int i = 0; i < av->changes.nrows && i + 1 < list_h; i++) {
		const struct audit_row *r = pager_row(&av->changes, i);
		char line[1024], when[32], record[64];
		bool sel = i == av->changes.cursor;

		short_time(r->at, when, sizeof when);
		snprintf(record, sizeof record, "%s%s%s", r->tbl, r->row_id[0] ? " " : "",
		         r->row_id);
		char login[64], action[32], rec[64], case_no[64];

		/* cut in columns, never in bytes: a login or case number may be
		 * Cyrillic or Turkish, and half a character is no character */
		snprintf(line, sizeof line, "%-6lld %-16s %s %s %s %s %s%s",
		         (long long)r->seq, when, u8_pad(r->login, 10, login, sizeof login),
		         u8_pad(r->action, 7, action, sizeof action),
		         u8_pad(record, 13, rec, sizeof rec),
		         u8_pad(r->case_no, 14, case_no, sizeof case_no),
		         r->override ? _("OVERRIDE ") : "", r->fields);
		wattrset(win, sel ? app_attr(v->app, UI_CURSOR)
		              : r->override ? app_attr(v->app, UI_WARN) : A_NORMAL);
		ui_put(win, i + 1, 0, line, cols, true);
		wattrset(win, A_NORMAL);
	}
	if (!cur || list_h >= lines)
		return;
	/* the pane: the selected record, field by field */
	if (av->fields_seq != cur->seq) {
		audit_fields_free(&av->fields, av->nfields);
		av->nfields = 0;
		if (store_audit_fields(app_store(v->app), cur->seq, &av->fields, &av->nfields) != ST_OK)
			app_error(v->app, "%s", store_errmsg(app_store(v->app)));
		av->fields_seq = cur->seq;
	}
	wattrset(win, app_attr(v->app, UI_HEADER));
	{
		char title[160];

		snprintf(title, sizeof title, _("record %lld: %s %s by %s"), (long long)cur->seq,
		         cur->action, cur->tbl, cur->login);
		ui_put(win, list_h, 0, title, cols, true);
	}
	wattrset(win, A_NORMAL);
	for (size_t i = 0; i < av->nfields && list_h + 1 + (int)i < lines; i++) {
		const struct audit_field *f = &av->fields[i];
		bool changed = strcmp(f->before, f->after) != 0 && cur->before[0];
		char line[2048];

		if (cur->before[0] && cur->after[0])
			snprintf(line, sizeof line, "  %-20.20s %s%s%s", f->key, f->before,
			         changed ? "  ->  " : "", changed ? f->after : "");
		else
			snprintf(line, sizeof line, "  %-20.20s %s", f->key,
			         cur->after[0] ? f->after : f->before);
		wattrset(win, changed ? app_attr(v->app, UI_MARK) : A_NORMAL);
		ui_put(win, list_h + 1 + (int)i, 0, line, cols, false);
		wattrset(win, A_NORMAL);
	}
}

static void
draw_openings(struct view *v, WINDOW *win, int cols)
{
	struct audit_view *av = v->priv;

	wattrset(win, app_attr(v->app, UI_HEADER));
	{
		static const char *const titles[] = {
			N_("#"), N_("When"), N_("Who"), N_("Case"), N_("Name"),
		};
		static const int widths[] = { 6, 16, 10, 14, 0 };
		char head[512];

		ui_put(win, 0, 0, header_line(titles, widths, 5, head, sizeof head), cols, true);
	}
	wattrset(win, A_NORMAL);
	for (int i = 0; i < av->openings.nrows; i++) {
		const struct access_row *r = pager_row(&av->openings, i);
		char line[1024], when[32];

		short_time(r->at, when, sizeof when);
		snprintf(line, sizeof line, "%-6lld %-16s %-10.10s %-14.14s %s",
		         (long long)r->seq, when, r->login, r->case_no, r->name);
		wattrset(win, i == av->openings.cursor ? app_attr(v->app, UI_CURSOR) : A_NORMAL);
		ui_put(win, i + 1, 0, line, cols, true);
		wattrset(win, A_NORMAL);
	}
}

static void
audit_draw(struct view *v, WINDOW *win, int lines, int cols)
{
	struct audit_view *av = v->priv;

	werase(win);
	if (av->access)
		draw_openings(v, win, cols);
	else
		draw_changes(v, win, lines, cols);
	if (current_pager(av)->nrows == 0)
		ui_put(win, 2, 2, _("Nothing recorded that matches the filter."), cols - 2, false);
}

static void
reload(struct view *v)
{
	struct audit_view *av = v->priv;

	pager_first(&av->changes);
	pager_first(&av->openings);
	av->fields_seq = 0;
	v->dirty = true;
}

static void
filter_done(struct app *app, void *ctx, const char *text, bool accepted)
{
	struct view *v = ctx;
	struct audit_view *av = v->priv;
	char err[256];

	if (!accepted)
		return;
	if (history_filter_parse(text, &av->filter, err, sizeof err) != ST_OK) {
		app_error(app, _("filter: %s"), err);
		return;
	}
	reload(v);
}

static const char *const filter_words[] = {
	"person=", "user=", "since=", "until=", "overrides", NULL
};

static bool
audit_handle(struct view *v, enum action a)
{
	struct audit_view *av = v->priv;
	struct pager *pg = current_pager(av);
	const char *arg = app_action_arg(v->app);

	switch (a) {
	case ACT_MOVE_DOWN: pager_move(pg, 1); break;
	case ACT_MOVE_UP: pager_move(pg, -1); break;
	case ACT_PAGE_DOWN: pager_page(pg, true); break;
	case ACT_PAGE_UP: pager_page(pg, false); break;
	case ACT_FIRST: pager_first(pg); break;
	case ACT_LAST: pager_last(pg, 0); break;
	case ACT_SWITCH:
		av->access = !av->access;
		break;
	case ACT_FILTER:
		if (arg)
			filter_done(v->app, v, arg, true);
		else {
			char text[512];

			history_filter_format(&av->filter, text, sizeof text);
			app_prompt(v->app, _("audit filter: "), text, NULL, filter_done, v,
			           filter_words);
		}
		return true;
	case ACT_FILTER_CLEAR:
		memset(&av->filter, 0, sizeof av->filter);
		reload(v);
		return true;
	case ACT_OPEN:
		if (av->access) {
			const struct access_row *r = pager_current(&av->openings);
			int64_t id = r ? store_person_id(app_store(v->app), r->case_no) : 0;

			if (id)
				app_push(v->app, &view_detail_ops, &id);
		}
		return true;
	default:
		return false;
	}
	v->dirty = true;
	return true;
}

static void
audit_title(struct view *v, char *buf, size_t len)
{
	struct audit_view *av = v->priv;
	char f[512];

	history_filter_format(&av->filter, f, sizeof f);
	snprintf(buf, len, "%s%s%s", av->access ? _("file openings") : _("changes"),
	         f[0] ? _("  filter: ") : "", f);
}

static void
audit_position(struct view *v, char *buf, size_t len)
{
	struct audit_view *av = v->priv;

	/* newest first: the position counts back from the latest record */
	snprintf(buf, len, "%ld", current_pager(av)->pos);
}

const struct view_ops view_audit_ops = {
	.name = "audit",
	.keymap = KM_AUDIT,
	.private_size = sizeof(struct audit_view),
	.open = audit_open,
	.close = audit_close,
	.draw = audit_draw,
	.handle = audit_handle,
	.resize = audit_resize,
	.title = audit_title,
	.position = audit_position,
	.reload = reload,
};
