/* app.c: the frame (see app.h): the screen stack, the loop, the title
 * and status lines, the prompt, the command line and script mode.
 *
 * Script mode (STYLE.md item 11): with $CASEPATH_SCRIPT set, input comes
 * from that file instead of the keyboard and curses draws to /dev/null.
 * Each line is either key names separated by blanks ("j j <Enter>"; a
 * word that is not a key name is typed character by character), or a
 * command as typed after ':' ("filter stage=prison"), plus the script's
 * own commands: ":save-screen FILE" writes the screen's text,
 * ":resize COLS LINES" resizes the virtual terminal, ":sleep MS" waits
 * (so a test can act in between), ":typeahead KEYS" gives the keys as
 * if typed before the program read the first of them (each waits while
 * the ones before it run: app_key_waiting). '#' starts a comment line.
 * The program quits at the end of the script; every other line's keys
 * arrive one at a time, each after the one before it is done.
 *
 * $CASEPATH_TIMING=FILE appends, for every key, its name, the
 * microseconds from reading it to doupdate() returning, and the part of
 * them SQLite spent running statements (make bench). */
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "casepath/app.h"
#include "casepath/date.h"
#include "casepath/i18n.h"
#include "casepath/lineedit.h"
#include "casepath/store.h"
#include "casepath/store_sweep.h"
#include "casepath/store_view.h"
#include "casepath/textkey.h"
#include "casepath/u8.h"
#include "casepath/util.h"
#include "casepath/views.h"

#define MIN_COLS 40
#define MIN_LINES 10
#define MAX_DEPTH 32

struct prompt {
	bool active, confirm;
	char label[512];
	struct lineedit le;
	prompt_change_fn on_change;
	prompt_fn on_done;
	void *ctx;
	const char *const *completions;
};

struct app {
	struct store *st;
	const char *db_path;
	int32_t today;
	struct view *stack[MAX_DEPTH];
	int depth;
	bool quit, title_dirty, status_dirty, too_small;
	bool hidden;                  /* the privacy screen is up */
	/* the day's lapse sweep (store_sweep.h), idle work after the
	 * screen's own: asked once, then a batch a piece */
	bool sweep_asked;
	struct rederive *sweep;
	int idle_ms;                  /* hide after this long without a key; 0 never */
	WINDOW *title, *body, *status;
	char message[512];
	bool message_error;
	const char *action_arg;
	struct prompt prompt;
	struct lineedit history;      /* keeps the command line's history */
	bool history_ready;
	attr_t attrs[UI_ROLE_COUNT];
	/* script mode */
	FILE *script;
	unsigned long script_line;
	int pending[512];
	int npending, pending_at;
	bool ahead;                   /* these keys were typed ahead */
	char script_command[1024];
	bool have_command;
	FILE *timing;
};

static void relayout(struct app *app);

/* --- small things ----------------------------------------------------- */
struct store *
app_store(struct app *app)
{
	return app->st;
}

int32_t
app_today(const struct app *app)
{
	return app->today;
}

const char *
app_db_name(const struct app *app)
{
	const char *slash = strrchr(app->db_path, '/');

	return slash ? slash + 1 : app->db_path;
}

int
app_depth(const struct app *app)
{
	return app->depth;
}

const char *
app_top_name(const struct app *app)
{
	return app->depth ? app->stack[app->depth - 1]->ops->name : "";
}

const char *
app_action_arg(const struct app *app)
{
	return app->action_arg;
}

void
app_message(struct app *app, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_error = false;
	app->status_dirty = true;
}

void
app_error(struct app *app, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_error = true;
	app->status_dirty = true;
}

void
app_dirty_all(struct app *app)
{
	for (int i = 0; i < app->depth; i++)
		app->stack[i]->dirty = true;
	app->title_dirty = app->status_dirty = true;
}

void
app_reload_below(struct app *app)
{
	for (int i = 0; i < app->depth - 1; i++)
		if (app->stack[i]->ops->reload)
			app->stack[i]->ops->reload(app->stack[i]);
}

attr_t
app_attr(const struct app *app, enum ui_role role)
{
	return app->attrs[role];
}

void
ui_put(WINDOW *win, int y, int x, const char *s, int cols, bool pad)
{
	char buf[2048];

	if (cols <= 0)
		return;
	u8_fit(s, cols, pad, buf, sizeof buf);
	mvwaddstr(win, y, x, buf);
}

void
ui_clear_to_eol(WINDOW *win, int y, int x, int cols)
{
	for (int i = x; i < cols; i++)
		mvwaddch(win, y, i, ' ');
}

/* Colours from the terminal's own palette (default background kept);
 * attributes only on a monochrome terminal or with NO_COLOR. */
static void
setup_attrs(struct app *app)
{
	const char *no_color = getenv("NO_COLOR");
	bool color = has_colors() && (!no_color || !*no_color);

	app->attrs[UI_NORMAL] = A_NORMAL;
	app->attrs[UI_TITLE] = A_REVERSE;
	app->attrs[UI_HEADER] = A_BOLD;
	app->attrs[UI_CURSOR] = A_REVERSE;
	app->attrs[UI_ERROR] = A_BOLD;
	app->attrs[UI_OVERDUE] = A_BOLD;
	app->attrs[UI_FUTURE] = A_UNDERLINE;
	app->attrs[UI_WARN] = A_BOLD;
	app->attrs[UI_DIM] = A_DIM;
	app->attrs[UI_BAND] = A_BOLD | A_UNDERLINE;
	app->attrs[UI_MARK] = A_BOLD;
	if (!color || start_color() == ERR)
		return;
	use_default_colors();
	init_pair(1, COLOR_RED, -1);
	init_pair(2, COLOR_CYAN, -1);
	init_pair(3, COLOR_YELLOW, -1);
	init_pair(4, COLOR_GREEN, -1);
	app->attrs[UI_ERROR] = (attr_t)COLOR_PAIR(1) | A_BOLD;
	app->attrs[UI_OVERDUE] = (attr_t)COLOR_PAIR(1) | A_BOLD;
	app->attrs[UI_FUTURE] = (attr_t)COLOR_PAIR(2);
	app->attrs[UI_WARN] = (attr_t)COLOR_PAIR(3) | A_BOLD;
	app->attrs[UI_MARK] = (attr_t)COLOR_PAIR(4) | A_BOLD;
}

/* --- the stack ---------------------------------------------------------- */
bool
app_push(struct app *app, const struct view_ops *ops, const void *arg)
{
	struct view *v;

	if (app->depth == MAX_DEPTH) {
		app_error(app, _("too many screens open; q closes one"));
		return false;
	}
	v = xcalloc(1, sizeof *v);
	v->ops = ops;
	v->app = app;
	v->priv = ops->private_size ? xcalloc(1, ops->private_size) : NULL;
	v->lines = app->body ? getmaxy(app->body) : 1;
	v->cols = app->body ? getmaxx(app->body) : 1;
	if (ops->open(v, arg) != ST_OK) {
		if (ops->close)
			ops->close(v);
		free(v->priv);
		free(v);
		app->status_dirty = true;
		return false;
	}
	app->stack[app->depth++] = v;
	if (ops->resize)
		ops->resize(v, v->lines, v->cols);
	app_dirty_all(app);
	return true;
}

void
app_pop(struct app *app)
{
	struct view *v;

	if (app->depth == 0)
		return;
	v = app->stack[--app->depth];
	if (v->ops->close)
		v->ops->close(v);
	free(v->priv);
	free(v);
	if (app->depth == 0)
		app->quit = true;
	else {
		struct view *top = app->stack[app->depth - 1];

		/* the body may have changed size while it was covered */
		if (top->lines != getmaxy(app->body) || top->cols != getmaxx(app->body)) {
			top->lines = getmaxy(app->body);
			top->cols = getmaxx(app->body);
			if (top->ops->resize)
				top->ops->resize(top, top->lines, top->cols);
		}
	}
	app_dirty_all(app);
}

static struct view *
top(struct app *app)
{
	return app->depth ? app->stack[app->depth - 1] : NULL;
}

/* --- the prompt ------------------------------------------------------------- */
static void
prompt_reset(struct app *app)
{
	lineedit_clear(&app->prompt.le);
	memset(&app->prompt, 0, sizeof app->prompt);
	app->status_dirty = true;
}

/* Copies src into dst (of size n), cut at a character boundary: a
 * translated label must never end in half a UTF-8 sequence. */
static void
copy_whole_chars(char *dst, size_t n, const char *src)
{
	size_t len = strlen(src);

	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

void
app_prompt(struct app *app, const char *label, const char *initial,
           prompt_change_fn on_change, prompt_fn on_done, void *ctx,
           const char *const *completions)
{
	prompt_reset(app);
	lineedit_init(&app->prompt.le);
	if (initial)
		lineedit_set(&app->prompt.le, initial);
	copy_whole_chars(app->prompt.label, sizeof app->prompt.label, label);
	app->prompt.active = true;
	app->prompt.on_change = on_change;
	app->prompt.on_done = on_done;
	app->prompt.ctx = ctx;
	app->prompt.completions = completions;
	lineedit_set(&app->history, "");   /* a new prompt starts no walk */
	app->message[0] = '\0';
	app->status_dirty = true;
}

void
app_confirm(struct app *app, const char *question, prompt_fn on_done, void *ctx)
{
	app_prompt(app, question, NULL, NULL, on_done, ctx, NULL);
	app->prompt.confirm = true;
}

static void
prompt_finish(struct app *app, bool accepted)
{
	prompt_fn done = app->prompt.on_done;
	void *ctx = app->prompt.ctx;
	char *text = xstrdup(lineedit_text(&app->prompt.le));

	prompt_reset(app);
	if (done)
		done(app, ctx, text, accepted);
	free(text);
}

static size_t
count_words(const char *const *w)
{
	size_t n = 0;

	while (w && w[n])
		n++;
	return n;
}

static void
prompt_key(struct app *app, int key)
{
	struct lineedit *le = &app->prompt.le;
	bool changed = false;

	if (app->prompt.confirm) {
		prompt_finish(app, key == 'y' || key == 'Y');
		return;
	}
	switch (key) {
	case KEY_NAMED_ENTER:
		if (app->prompt.label[0] == ':')
			lineedit_history_add(&app->history, lineedit_text(le));
		prompt_finish(app, true);
		return;
	case KEY_NAMED_ESC:
	case KEY_CTRL_('g'):
		prompt_finish(app, false);
		return;
	case KEY_NAMED_TAB:
		if (app->prompt.completions) {
			lineedit_complete(le, app->prompt.completions,
			                  count_words(app->prompt.completions));
			changed = true;
		}
		break;
	case KEY_NAMED_UP:
	case KEY_NAMED_DOWN:
		/* the command line's history lives in app->history */
		if (app->prompt.label[0] == ':') {
			lineedit_key(&app->history, key == KEY_NAMED_UP
			             ? LE_HISTORY_PREV : LE_HISTORY_NEXT);
			lineedit_set(le, lineedit_text(&app->history));
			changed = true;
		}
		break;
	default:
		textkey_apply(le, key, &changed);
		break;
	}
	app->status_dirty = true;
	if (changed && app->prompt.on_change)
		app->prompt.on_change(app, app->prompt.ctx, lineedit_text(le));
}

/* --- painting ------------------------------------------------------------- */
static void
paint_title(struct app *app)
{
	struct view *v = top(app);
	char mid[512] = "", line[1024];
	int cols = getmaxx(app->title);

	if (v && v->ops->title)
		v->ops->title(v, mid, sizeof mid);
	/* the database's file name only: never record data in a title */
	snprintf(line, sizeof line, " casepath  %s%s%s", app_db_name(app),
	         mid[0] ? "  " : "", mid);
	wattrset(app->title, app->attrs[UI_TITLE]);
	ui_put(app->title, 0, 0, line, cols, true);
	wattrset(app->title, A_NORMAL);
	wnoutrefresh(app->title);
}

static void
paint_status(struct app *app)
{
	struct view *v = top(app);
	int cols = getmaxx(app->status);
	char pos[64] = "";
	int poscols;

	werase(app->status);
	if (app->prompt.active) {
		char text[1024];
		int label_w = u8_width(app->prompt.label), cursor = 0;

		/* a long (translated) label leaves half the line to type in;
		 * a question (y/n) has nothing to type and gets the whole line */
		if (label_w > (app->prompt.confirm ? cols - 1 : cols / 2))
			label_w = app->prompt.confirm ? cols - 1 : cols / 2;
		ui_put(app->status, 0, 0, app->prompt.label, label_w, false);
		lineedit_view(&app->prompt.le, cols - label_w - 1, &cursor, text,
		              sizeof text);
		ui_put(app->status, 0, label_w, text, cols - label_w, false);
		wmove(app->status, 0, label_w + cursor);
		curs_set(1);
		wnoutrefresh(app->status);
		return;
	}
	curs_set(0);
	if (v && v->ops->position)
		v->ops->position(v, pos, sizeof pos);
	poscols = pos[0] ? u8_width(pos) + 1 : 0;
	/* a refusal must be read whole; the position comes back next key */
	if (app->message[0] && u8_width(app->message) > cols - poscols)
		poscols = 0;
	if (app->message[0]) {
		wattrset(app->status, app->message_error ? app->attrs[UI_ERROR] : A_NORMAL);
		ui_put(app->status, 0, 0, app->message, cols - poscols, false);
		wattrset(app->status, A_NORMAL);
	} else {
		wattrset(app->status, app->attrs[UI_DIM]);
		ui_put(app->status, 0, 0, _("? help  q back  : command"), cols - poscols, false);
		wattrset(app->status, A_NORMAL);
	}
	if (poscols)
		ui_put(app->status, 0, cols - poscols + 1, pos, poscols - 1, false);
	wnoutrefresh(app->status);
}

static void
paint_too_small(void)
{
	char need[64];

	erase();
	snprintf(need, sizeof need, _("need %dx%d, have %dx%d"), MIN_COLS, MIN_LINES,
	         COLS, LINES);
	mvaddstr(0, 0, _("terminal too small"));
	mvaddstr(1, 0, need);
	wnoutrefresh(stdscr);
}

static void
paint(struct app *app)
{
	struct view *v = top(app);

	if (app->too_small) {
		paint_too_small();
		doupdate();
		return;
	}
	if (app->hidden) {
		/* nothing of a record stays on a screen left alone */
		erase();
		mvaddstr(LINES / 2, COLS > 44 ? (COLS - 44) / 2 : 0,
		         _("casepath: screen hidden; press a key to resume"));
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	if (v && v->dirty)
		werase(app->body);
	if (v) {
		/* a view repaints what changed; dirty means all of it */
		v->cursor_y = -1;
		v->ops->draw(v, app->body, getmaxy(app->body), getmaxx(app->body));
		v->dirty = false;
		wnoutrefresh(app->body);
	}
	paint_title(app);
	paint_status(app);
	/* the terminal's cursor goes where the last refreshed window's is */
	if (v && v->cursor_y >= 0 && !app->prompt.active) {
		wmove(app->body, v->cursor_y, v->cursor_x);
		curs_set(1);
		wnoutrefresh(app->body);
	}
	app->title_dirty = app->status_dirty = false;
	doupdate();
}

/* --- layout ------------------------------------------------------------- */
static void
relayout(struct app *app)
{
	app->too_small = COLS < MIN_COLS || LINES < MIN_LINES;
	if (app->title) {
		delwin(app->title);
		delwin(app->body);
		delwin(app->status);
		app->title = app->body = app->status = NULL;
	}
	clearok(curscr, TRUE);
	if (app->too_small)
		return;
	app->title = newwin(1, COLS, 0, 0);
	app->body = newwin(LINES - 2, COLS, 1, 0);
	app->status = newwin(1, COLS, LINES - 1, 0);
	keypad(app->body, TRUE);
	for (int i = 0; i < app->depth; i++) {
		struct view *v = app->stack[i];

		v->lines = LINES - 2;
		v->cols = COLS;
		/* the covered screens re-lay out when they come back on top */
		if (i == app->depth - 1 && v->ops->resize)
			v->ops->resize(v, v->lines, v->cols);
	}
	app_dirty_all(app);
}

/* --- screen dump (script mode) -------------------------------------------- */
static enum status
save_screen(struct app *app, const char *path)
{
	FILE *f = fopen(path, "w");

	(void)app;
	if (!f)
		return ST_ERR_IO;
	for (int y = 0; y < LINES; y++) {
		wchar_t w[1024];
		char line[4096];
		size_t at = 0;
		int n = mvwinnwstr(curscr, y, 0, w, COLS < 1023 ? COLS : 1023);

		for (int i = 0; i < n && at + MB_CUR_MAX + 1 < sizeof line; i++) {
			mbstate_t ps = { 0 };
			size_t k = wcrtomb(line + at, w[i], &ps);

			if (k != (size_t)-1)
				at += k;
		}
		while (at > 0 && line[at - 1] == ' ')
			at--;
		line[at] = '\0';
		fprintf(f, "%s\n", line);
	}
	return fclose(f) == 0 ? ST_OK : ST_ERR_IO;
}

/* --- commands ------------------------------------------------------------- */
static void dispatch_action(struct app *app, enum action a);

static const char *const *
command_words(void)
{
	static const char *words[ACT_COUNT + 1];

	if (!words[0]) {
		int n = 0;

		for (int a = 1; a < ACT_COUNT; a++)
			words[n++] = action_name((enum action)a);
		words[n] = NULL;
	}
	return words;
}

static void
run_command(struct app *app, const char *line)
{
	char buf[1024], *name, *arg;
	enum action a;

	while (*line == ' ' || *line == ':')
		line++;
	snprintf(buf, sizeof buf, "%s", line);
	name = buf;
	arg = strchr(buf, ' ');
	if (arg) {
		*arg++ = '\0';
		while (*arg == ' ')
			arg++;
	}
	if (!*name)
		return;
	if (app->script && strcmp(name, "save-screen") == 0 && arg) {
		if (save_screen(app, arg) != ST_OK)
			app_error(app, _("%s: cannot write the screen: %s"), arg, strerror(errno));
		return;
	}
	if (app->script && strcmp(name, "resize") == 0 && arg) {
		int c = 0, l = 0;

		if (sscanf(arg, "%d %d", &c, &l) == 2 && c > 0 && l > 0) {
			resizeterm(l, c);
			relayout(app);
		}
		return;
	}
	/* lets a test act between two steps (another process saves) */
	if (app->script && strcmp(name, "sleep") == 0 && arg) {
		long ms = strtol(arg, NULL, 10);
		struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

		while (ms > 0 && nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
		return;
	}
	if ((a = action_from_name(name)) == ACT_NONE) {
		app_error(app, _("unknown command '%s'; Tab completes, ? lists the keys"), name);
		return;
	}
	app->action_arg = arg && *arg ? arg : NULL;
	dispatch_action(app, a);
	app->action_arg = NULL;
}

static void
command_done(struct app *app, void *ctx, const char *text, bool accepted)
{
	(void)ctx;
	if (accepted)
		run_command(app, text);
}

/* --- dispatch ------------------------------------------------------------- */
static void
dispatch_action(struct app *app, enum action a)
{
	struct view *v = top(app);

	if (v && v->ops->handle(v, a))
		return;
	switch (a) {
	case ACT_QUIT:
		app_pop(app);
		break;
	case ACT_BACK:
		if (app->depth > 1)
			app_pop(app);
		else
			app_message(app, _("this is the first screen; q quits"));
		break;
	case ACT_QUIT_ALL:
		app->quit = true;
		break;
	case ACT_HELP:
		if (v && v->ops != &view_help_ops)
			app_push(app, &view_help_ops, v->ops);
		break;
	case ACT_COMMAND:
		app_prompt(app, ":", NULL, NULL, command_done, NULL, command_words());
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		app_dirty_all(app);
		break;
	case ACT_PRIVACY:
		app->hidden = true;
		break;
	case ACT_DEADLINES:
		if (v && v->ops != &view_deadlines_ops)
			app_push(app, &view_deadlines_ops, NULL);
		break;
	case ACT_REPORT:
		if (v && v->ops != &view_report_ops)
			app_push(app, &view_report_ops, NULL);
		break;
	case ACT_AUDIT:
		if (v && v->ops != &view_audit_ops)
			app_push(app, &view_audit_ops, NULL);
		break;
	case ACT_DUPLICATES:
		if (v && v->ops != &view_dups_ops)
			app_push(app, &view_dups_ops, NULL);
		break;
	default:
		app_message(app, _("%s: not on this screen; ? lists the keys"),
		            action_name(a));
		break;
	}
}

static void
dispatch_key(struct app *app, int key)
{
	struct view *v = top(app);
	enum action a;
	char name[32];

	if (key == KEY_NAMED_RESIZE) {
		relayout(app);
		return;
	}
	if (app->hidden) {
		/* the key that wakes the screen does nothing else */
		app->hidden = false;
		clearok(curscr, TRUE);
		app_dirty_all(app);
		return;
	}
	if (app->prompt.active) {
		prompt_key(app, key);
		return;
	}
	if (app->too_small) {
		if (key == 'q' || key == 'Q')
			app->quit = true;
		return;
	}
	if (app->message[0]) {
		app->message[0] = '\0';
		app->status_dirty = true;
	}
	if (v && v->ops->key && v->ops->key(v, key))
		return;
	a = keymap_lookup(v ? v->ops->keymap : KM_GLOBAL, key);
	if (a == ACT_NONE) {
		app_message(app, _("%s: unknown key, ? for help"), key_to_name(key, name, sizeof name));
		return;
	}
	dispatch_action(app, a);
}

/* --- input ---------------------------------------------------------------- */
static int
translate_key(int rc, wint_t wch)
{
	if (rc == KEY_CODE_YES) {
		switch (wch) {
		case KEY_UP: return KEY_NAMED_UP;
		case KEY_DOWN: return KEY_NAMED_DOWN;
		case KEY_LEFT: return KEY_NAMED_LEFT;
		case KEY_RIGHT: return KEY_NAMED_RIGHT;
		case KEY_PPAGE: return KEY_NAMED_PGUP;
		case KEY_NPAGE: return KEY_NAMED_PGDN;
		case KEY_HOME: return KEY_NAMED_HOME;
		case KEY_END: return KEY_NAMED_END;
		case KEY_ENTER: return KEY_NAMED_ENTER;
		case KEY_BACKSPACE: return KEY_NAMED_BACKSPACE;
		case KEY_DC: return KEY_NAMED_DEL;
		case KEY_IC: return KEY_NAMED_INS;
		case KEY_BTAB: return KEY_NAMED_BTAB;
		case KEY_RESIZE: return KEY_NAMED_RESIZE;
		default:
			if (wch >= (wint_t)KEY_F(1) && wch <= (wint_t)KEY_F(12))
				return KEY_F_((int)(wch - (wint_t)KEY_F(0)));
			return -1;
		}
	}
	switch (wch) {
	case '\n': case '\r': return KEY_NAMED_ENTER;
	case 27: return KEY_NAMED_ESC;
	case '\t': return KEY_NAMED_TAB;
	case ' ': return KEY_NAMED_SPACE;
	case 127: case 8: return KEY_NAMED_BACKSPACE;
	default:
		if (wch >= 1 && wch <= 26)
			return KEY_CTRL_('a' + (int)wch - 1);
		return (int)wch;
	}
}

/* Reads the next script line into keys or a command; false at the end. */
static bool
script_next_line(struct app *app)
{
	char line[1024];

	while (fgets(line, sizeof line, app->script)) {
		char *p = line, *save = NULL;

		app->script_line++;
		line[strcspn(line, "\r\n")] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			continue;
		app->ahead = strncmp(p, ":typeahead ", 11) == 0;
		if (app->ahead)
			p += 11;
		else if (*p == ':') {
			snprintf(app->script_command, sizeof app->script_command, "%s", p + 1);
			app->have_command = true;
			return true;
		}
		app->npending = app->pending_at = 0;
		for (char *w = strtok_r(p, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
			int key = key_from_name(w);

			if (key >= 0) {
				if (app->npending < (int)(sizeof app->pending / sizeof app->pending[0]))
					app->pending[app->npending++] = key;
				continue;
			}
			/* not a key name: type it */
			{
				mbstate_t ps = { 0 };
				const char *s = w;
				size_t left = strlen(w);

				while (left > 0) {
					wchar_t wc;
					size_t n = mbrtowc(&wc, s, left, &ps);

					if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
						break;
					if (app->npending < (int)(sizeof app->pending / sizeof app->pending[0]))
						app->pending[app->npending++] = (int)wc;
					s += n;
					left -= n;
				}
			}
		}
		if (app->npending)
			return true;
	}
	return false;
}

/* True when a key is already waiting: idle work then waits too. */
static bool
key_waiting(struct app *app)
{
	wint_t wch;
	int rc;

	if (app->script || !app->body)
		return false;
	wtimeout(app->body, 0);
	rc = wget_wch(app->body, &wch);
	wtimeout(app->body, -1);
	if (rc == ERR)
		return false;
	if (rc == KEY_CODE_YES)
		ungetch((int)wch);
	else
		unget_wch((wchar_t)wch);
	return true;
}

bool
app_key_waiting(struct app *app)
{
	if (app->script)
		return app->ahead && app->pending_at < app->npending;
	return key_waiting(app);
}

static bool
poll_key(void *ctx)
{
	return key_waiting(ctx);
}

/* One piece of the top screen's idle work, giving way to a key that
 * comes while it runs (store_idle_begin; never while painting: a page
 * read then must finish). */
static bool
idle_piece(struct app *app, struct view *v)
{
	bool more;

	store_idle_begin(app->st, poll_key, app);
	more = v->ops->idle(v);
	store_idle_end(app->st);
	return more;
}

/* persons a piece of the lapse sweep: a few milliseconds, so a key
 * waits little when it comes between the progress handler's looks */
#define SWEEP_BATCH 64

/* One batch of the lapse sweep, when the day has one (store_sweep_due:
 * not on a read-only or an auditor's store). It gives way to a key as
 * the screens' idle work does (the batch is rolled back and done again
 * at the next pause) and never waits for another process's write lock:
 * busy or failing, it is left to the next start. When it is done and
 * changed something, the screens read their rows again. */
static bool
sweep_piece(struct app *app)
{
	bool done = false, gave_way;
	enum status rc;

	if (!app->sweep_asked) {
		app->sweep_asked = true;
		if (store_sweep_due(app->st))
			app->sweep = store_rederive_new(app->st, REDERIVE_LAPSED);
	}
	if (!app->sweep)
		return false;
	store_idle_begin(app->st, poll_key, app);
	rc = store_rederive_step(app->sweep, SWEEP_BATCH, false, &done);
	gave_way = store_gave_way(app->st);
	store_idle_end(app->st);
	if (rc != ST_OK && gave_way)
		return true;
	if (rc == ST_OK && !done)
		return true;
	if (rc == ST_OK && store_rederive_counts(app->sweep)->changed > 0) {
		for (int i = 0; i < app->depth; i++)
			if (app->stack[i]->ops->reload)
				app->stack[i]->ops->reload(app->stack[i]);
		app_dirty_all(app);
	}
	store_rederive_free(&app->sweep);
	return true;
}

/* Runs the top screen's idle work, then the lapse sweep's, while no key
 * waits, painting after each piece. */
static void
run_idle(struct app *app)
{
	struct view *v = top(app);

	while (v && !app->too_small && !key_waiting(app) &&
	       ((v->ops->idle && idle_piece(app, v)) || sweep_piece(app)))
		paint(app);
	/* then the heap the two connections' page caches will fill (and
	 * the search's buffers: a little more), so a keystroke pays no faults */
	while (!key_waiting(app) &&
	       heap_prefault_piece(store_interactive_cache_bytes() + (2u << 20)))
		;
}

/* The next key (>= 0), -2 for a script command in app->script_command,
 * or -1 at the end of the script. */
static int
next_input(struct app *app)
{
	if (app->script) {
		if (app->pending_at < app->npending)
			return app->pending[app->pending_at++];
		if (!script_next_line(app))
			return -1;
		if (app->have_command) {
			app->have_command = false;
			return -2;
		}
		return app->pending[app->pending_at++];
	}
	for (;;) {
		WINDOW *w = app->body ? app->body : stdscr;
		wint_t wch = 0;
		int rc, key;

		/* left alone, the screen hides itself (DESIGN.md 7) */
		wtimeout(w, app->idle_ms > 0 && !app->hidden ? app->idle_ms : -1);
		errno = 0;
		rc = wget_wch(w, &wch);
		wtimeout(w, -1);
		if (rc == ERR) {
			if (errno == EINTR)
				continue;
			if (app->idle_ms > 0 && !app->hidden) {
				app->hidden = true;
				paint(app);
				continue;
			}
			return -1;
		}
		if ((key = translate_key(rc, wch)) >= 0)
			return key;
	}
}

/* microseconds, with the nanoseconds' fraction (CASEPATH_TIMING) */
static double
now_us(void)
{
	return (double)mono_ns() / 1e3;
}

static double start_us;

void
app_note_start(void)
{
	start_us = now_us();
}

/* The peak resident memory, for make bench: VmHWM in kB. */
static long
peak_rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	return kb;
}

/* --- setup ------------------------------------------------------------------ */
static SCREEN *
start_curses(struct app *app, FILE **devnull_out, FILE **devnull_in)
{
	SCREEN *scr = NULL;

	if (app->script) {
		/* no terminal: draw to /dev/null at the size LINES and COLUMNS
		 * say (80x24 by default) */
		const char *term = getenv("TERM");

		if (!getenv("LINES"))
			setenv("LINES", "24", 1);
		if (!getenv("COLUMNS"))
			setenv("COLUMNS", "80", 1);
		*devnull_out = fopen("/dev/null", "w");
		*devnull_in = fopen("/dev/null", "r");
		if (!*devnull_out || !*devnull_in)
			return NULL;
		use_env(TRUE);
		scr = newterm(str_empty(term) || strcmp(term, "dumb") == 0 ? "xterm" : term,
		              *devnull_out, *devnull_in);
		if (!scr)
			scr = newterm("xterm", *devnull_out, *devnull_in);
	} else {
		scr = newterm(NULL, stdout, stdin);
	}
	if (!scr)
		return NULL;
	set_term(scr);
	return scr;
}

static void
stop_flow_control(void)
{
	struct termios t;

	/* Ctrl-S saves a form: take it from the terminal's flow control */
	if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= (tcflag_t)~IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
	}
}

int
app_run(struct store *st, const char *db_path)
{
	struct app app = { .st = st, .db_path = db_path };
	const char *script = getenv("CASEPATH_SCRIPT");
	const char *timing = getenv("CASEPATH_TIMING");
	FILE *dn_out = NULL, *dn_in = NULL;
	SCREEN *scr;
	char keyfile[1024], err[1200] = "";
	bool painted = false;
	int bad;

	app.today = day_today();
	{
		/* seconds without a key before the screen hides; 0 never */
		const char *idle = getenv("CASEPATH_IDLE_HIDE");
		long secs = str_empty(idle) ? 300 : strtol(idle, NULL, 10);

		app.idle_ms = secs > 0 && secs < 86400 ? (int)(secs * 1000) : 0;
	}
	if (!str_empty(script) && !(app.script = fopen(script, "r"))) {
		fprintf(stderr, "casepath: %s: %s\n", script, strerror(errno));
		return EXIT_FAILURE;
	}
	if (!str_empty(timing) && (app.timing = fopen(timing, "a")))
		store_time_sql(st, true);
	keymap_reset();
	bad = keymap_load_file(keymap_user_file(keyfile, sizeof keyfile), err, sizeof err);
	lineedit_init(&app.history);

	if (!(scr = start_curses(&app, &dn_out, &dn_in))) {
		fprintf(stderr, _("casepath: cannot start the terminal (TERM=%s)\n"),
		        getenv("TERM") ? getenv("TERM") : "");
		return EXIT_FAILURE;
	}
	stop_flow_control();
	cbreak();
	noecho();
	nonl();
	set_escdelay(25);
	curs_set(0);
	setup_attrs(&app);
	relayout(&app);
	if (bad)
		app_error(&app, P_("%s (%d bad line in all)", "%s (%d bad lines in all)", bad), err, bad);

	app_push(&app, &view_list_ops, NULL);
	/* an overdue deadline comes first: the deadline view opens on top */
	{
		struct list_query q = { .sort = SORT_CASE };

		q.filter.today = app.today;
		q.filter.flags = LF_OVERDUE;
		if (store_list_any(st, &q))
			app_push(&app, &view_deadlines_ops, NULL);
	}
	paint(&app);
	painted = true;
	if (app.timing)
		fprintf(app.timing, "first-paint %.1f %.1f\n", now_us() - start_us,
		        store_sql_us(st));
	while (!app.quit && app.depth > 0) {
		int key;
		double t0, sql0;

		if (!painted)
			paint(&app);
		painted = false;
		run_idle(&app);
		key = next_input(&app);
		if (key == -1)
			break;
		if (key == -2) {
			run_command(&app, app.script_command);
			continue;
		}
		t0 = now_us();
		sql0 = app.timing ? store_sql_us(st) : 0;
		dispatch_key(&app, key);
		if (app.timing && !app.quit && app.depth > 0) {
			char name[32];

			paint(&app);
			painted = true;
			fprintf(app.timing, "%s %.1f %.1f\n", key_to_name(key, name, sizeof name),
			        now_us() - t0, store_sql_us(st) - sql0);
		}
	}
	if (app.timing)
		fprintf(app.timing, "peak-rss-kb %ld\n", peak_rss_kb());
	while (app.depth > 0)
		app_pop(&app);
	store_rederive_free(&app.sweep);
	prompt_reset(&app);
	lineedit_clear(&app.history);
	if (app.title) {
		delwin(app.title);
		delwin(app.body);
		delwin(app.status);
	}
	endwin();
	delscreen(scr);
	if (dn_out)
		fclose(dn_out);
	if (dn_in)
		fclose(dn_in);
	if (app.script)
		fclose(app.script);
	if (app.timing)
		fclose(app.timing);
	return EXIT_SUCCESS;
}
