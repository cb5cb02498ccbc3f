/* view_help.c: the keys of the screen below and the global ones, made
 * from the same binding table the dispatcher uses (keymap.c), so help
 * can never disagree with what a key does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/app.h"
#include "casepath/i18n.h"
#include "casepath/u8.h"
#include "casepath/util.h"
#include "casepath/views.h"

struct help_line {
	char keys[128];
	char text[160];
	bool heading;
};

struct help_view {
	struct help_line *lines;
	int n, cap;
	int top;
};

static void
add_line(struct help_view *h, const char *keys, const char *text, bool heading)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 64;
		h->lines = xrealloc(h->lines, (size_t)h->cap * sizeof *h->lines);
	}
	snprintf(h->lines[h->n].keys, sizeof h->lines[h->n].keys, "%s", keys);
	snprintf(h->lines[h->n].text, sizeof h->lines[h->n].text, "%s", text);
	h->lines[h->n].heading = heading;
	h->n++;
}

static void
add_binding(void *ctx, const char *keys, enum action a)
{
	add_line(ctx, keys, action_help(a), false);
}

static void
add_keymap(struct help_view *h, enum keymap km)
{
	char title[96];

	snprintf(title, sizeof title, "%s (%s)", keymap_title(km), keymap_name(km));
	if (h->n)
		add_line(h, "", "", false);
	add_line(h, title, "", true);
	keymap_each(km, add_binding, h);
}

static enum status
help_open(struct view *v, const void *arg)
{
	struct help_view *h = v->priv;
	const struct view_ops *below = arg;

	if (below && below->keymap != KM_GLOBAL)
		add_keymap(h, below->keymap);
	if (!below || below->keymap != KM_FORM)
		add_keymap(h, KM_GLOBAL);
	add_line(h, "", "", false);
	add_line(h, _("Commands"), "", true);
	add_line(h, _(":NAME [ARG]"), _("Run any action by name; Tab completes, Up/Down recall"), false);
	add_line(h, _(":filter-save NAME"), _("Keep the list's filter under a name"), false);
	add_line(h, _("Keys file"), _("~/.config/casepath/keys: bind KEYMAP KEY ACTION"), false);
	return ST_OK;
}

static void
help_close(struct view *v)
{
	struct help_view *h = v->priv;

	free(h->lines);
}

static void
help_draw(struct view *v, WINDOW *win, int lines, int cols)
{
	struct help_view *h = v->priv;
	int keyw = cols >= 60 ? 24 : 16;

	werase(win);
	for (int y = 0; y < lines && h->top + y < h->n; y++) {
		const struct help_line *l = &h->lines[h->top + y];

		if (l->heading) {
			wattrset(win, app_attr(v->app, UI_HEADER));
			ui_put(win, y, 0, l->keys, cols, false);
			wattrset(win, A_NORMAL);
			continue;
		}
		ui_put(win, y, 2, l->keys, keyw - 2, true);
		ui_put(win, y, keyw + 1, l->text, cols - keyw - 1, false);
	}
}

static bool
help_handle(struct view *v, enum action a)
{
	struct help_view *h = v->priv;
	int page = v->lines > 1 ? v->lines - 1 : 1, max = h->n - v->lines;

	if (max < 0)
		max = 0;
	switch (a) {
	case ACT_MOVE_DOWN: h->top++; break;
	case ACT_MOVE_UP: h->top--; break;
	case ACT_PAGE_DOWN: h->top += page; break;
	case ACT_PAGE_UP: h->top -= page; break;
	case ACT_FIRST: h->top = 0; break;
	case ACT_LAST: h->top = max; break;
	case ACT_HELP: app_pop(v->app); return true;
	default: return false;
	}
	if (h->top > max)
		h->top = max;
	if (h->top < 0)
		h->top = 0;
	v->dirty = true;
	return true;
}

static void
help_title(struct view *v, char *buf, size_t len)
{
	(void)v;
	snprintf(buf, len, _("help"));
}

static void
help_position(struct view *v, char *buf, size_t len)
{
	struct help_view *h = v->priv;

	snprintf(buf, len, "%d/%d", h->n ? h->top + 1 : 0, h->n);
}

const struct view_ops view_help_ops = {
	.name = "help",
	.keymap = KM_HELP,
	.private_size = sizeof(struct help_view),
	.open = help_open,
	.close = help_close,
	.draw = help_draw,
	.handle = help_handle,
	.title = help_title,
	.position = help_position,
};
