/* view_report.c: the report (R): what a supervisor reads on Monday, the
 * same sections and charts as `casepath report` (one model, report.h,
 * one text formatter), laid out for the terminal's width and redrawn
 * when it changes. From the case list it reports on the list's filter;
 * block characters only where the locale and the terminal have them. */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/app.h"
#include "casepath/doc.h"
#include "casepath/i18n.h"
#include "casepath/report.h"
#include "casepath/store.h"
#include "casepath/store_view.h"
#include "casepath/util.h"
#include "casepath/views.h"

struct report_view {
	struct list_filter filter;
	struct report report;
	struct doc doc;
	int width;                /* the width the text was laid out for */
};

/* Lays the report out as text lines for cols columns. */
static void
layout(struct view *v, int cols)
{
	struct report_view *rv = v->priv;
	bool unicode = report_unicode_ok(nl_langinfo(CODESET), getenv("TERM"));
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	bool blank = true;

	doc_clear(&rv->doc);
	rv->width = cols;
	if (!f)
		return;
	report_write_text(f, &rv->report, cols < 60 ? 60 : cols, unicode);
	fclose(f);
	for (char *line = text, *next; line && *line; line = next) {
		/* a section's title follows a blank line and starts at column 0 */
		struct doc_line proto = { .selectable = true, .tag = -1 };

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		proto.heading = blank && line[0] && line[0] != ' ';
		proto.role = proto.heading ? UI_HEADER : UI_NORMAL;
		doc_add(&rv->doc, &proto, "", "%s", line);
		blank = !line[0];
	}
	free(text);
	doc_settle(&rv->doc);
}

static enum status
report_open(struct view *v, const void *arg)
{
	struct report_view *rv = v->priv;
	enum status rc;

	if (arg)
		rv->filter = *(const struct list_filter *)arg;
	rc = store_report(app_store(v->app), list_filter_empty(&rv->filter) ? NULL : &rv->filter,
	                  app_today(v->app), -1, &rv->report);
	if (rc != ST_OK)
		app_error(v->app, _("cannot make the report: %s"), store_errmsg(app_store(v->app)));
	return rc;
}

static void
report_close(struct view *v)
{
	struct report_view *rv = v->priv;

	doc_free(&rv->doc);
	report_clear(&rv->report);
}

static void
report_resize(struct view *v, int lines, int cols)
{
	(void)lines;
	layout(v, cols);
}

static void
report_draw(struct view *v, WINDOW *win, int lines, int cols)
{
	struct report_view *rv = v->priv;
	struct doc *doc = &rv->doc;

	/* the cursor is the top line: the report is read, not picked from */
	doc->top = doc->cursor;
	if (doc->top > doc->n - lines)
		doc->top = doc->n - lines > 0 ? doc->n - lines : 0;
	werase(win);
	for (int y = 0; y < lines && doc->top + y < doc->n; y++) {
		const struct doc_line *l = &doc->lines[doc->top + y];

		wattrset(win, app_attr(v->app, (enum ui_role)l->role));
		ui_put(win, y, 0, l->text, cols, false);
		wattrset(win, A_NORMAL);
	}
}

/* The next (or previous) section's title line. */
static void
next_section(struct report_view *rv, int dir)
{
	for (int i = rv->doc.cursor + dir; i >= 0 && i < rv->doc.n; i += dir)
		if (rv->doc.lines[i].heading) {
			rv->doc.cursor = i;
			return;
		}
}

static bool
report_handle(struct view *v, enum action a)
{
	struct report_view *rv = v->priv;
	int page = v->lines > 1 ? v->lines - 1 : 1;
	int last = rv->doc.n - v->lines > 0 ? rv->doc.n - v->lines : 0;

	switch (a) {
	case ACT_MOVE_DOWN: rv->doc.cursor++; break;
	case ACT_MOVE_UP: rv->doc.cursor--; break;
	case ACT_PAGE_DOWN: rv->doc.cursor += page; break;
	case ACT_PAGE_UP: rv->doc.cursor -= page; break;
	case ACT_FIRST: rv->doc.cursor = 0; break;
	case ACT_LAST: rv->doc.cursor = last; break;
	case ACT_SWITCH: next_section(rv, 1); break;
	case ACT_SECTION_PREV: next_section(rv, -1); break;
	default: return false;
	}
	if (rv->doc.cursor > last)
		rv->doc.cursor = last;
	if (rv->doc.cursor < 0)
		rv->doc.cursor = 0;
	v->dirty = true;
	return true;
}

static void
report_title(struct view *v, char *buf, size_t len)
{
	struct report_view *rv = v->priv;
	char f[512];
	size_t n;

	list_filter_format(&rv->filter, f, sizeof f);
	snprintf(buf, len, "%s%s%s", _("report"), f[0] ? _("  filter: ") : "", f);
	n = strlen(buf);
	snprintf(buf + n, len - n, P_("  %ld person", "  %ld persons", rv->report.persons),
	         rv->report.persons);
}

static void
report_position(struct view *v, char *buf, size_t len)
{
	struct report_view *rv = v->priv;

	snprintf(buf, len, "%d/%d", rv->doc.n ? rv->doc.cursor + 1 : 0, rv->doc.n);
}

const struct view_ops view_report_ops = {
	.name = "report",
	.keymap = KM_REPORT,
	.private_size = sizeof(struct report_view),
	.open = report_open,
	.close = report_close,
	.draw = report_draw,
	.handle = report_handle,
	.resize = report_resize,
	.title = report_title,
	.position = report_position,
};
