/* app.h: the frame. An explicit screen stack (STYLE.md items 1, 2, 5,
 * 7): each screen is a `struct view` driven by its `view_ops` table;
 * only the top one gets input; handlers change state and set dirty
 * flags, and only the loop paints, with one doupdate() per key. The
 * title line (database, filter, counts) and the status line (messages,
 * prompt, position) belong to the frame. Views never see SQL: they call
 * the store's row functions (store_view.h, store_edit.h). */
#ifndef CASEPATH_APP_H
#define CASEPATH_APP_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "casepath/keymap.h"
#include "casepath/status.h"

struct app;
struct view;

struct view_ops {
	const char *name;
	enum keymap keymap;
	size_t private_size;          /* the frame allocates and frees it */
	/* arg is the view's own (a person id, ...); a failure pops it and
	 * shows the message the view set with app_error(). */
	enum status (*open)(struct view *v, const void *arg);
	void (*close)(struct view *v);
	/* Paints the body window (lines x cols). */
	void (*draw)(struct view *v, WINDOW *win, int lines, int cols);
	/* An action for this screen; false passes it to the frame. */
	bool (*handle)(struct view *v, enum action a);
	/* Optional: a raw key before the keymap (forms take text). */
	bool (*key)(struct view *v, int key);
	/* Optional: the body's size changed (also called once after open). */
	void (*resize)(struct view *v, int lines, int cols);
	/* Optional: the title's middle part and the position ("123/100000"). */
	void (*title)(struct view *v, char *buf, size_t len);
	void (*position)(struct view *v, char *buf, size_t len);
	/* Optional: the data may have changed under this screen (an edit
	 * in a screen above it); reload what it shows. */
	void (*reload)(struct view *v);
	/* Optional: slow work kept off the keystroke path (a count over a
	 * million rows, a position), run after the screen is painted and
	 * only when no key is waiting. Returns true when it did something
	 * (the screen is painted again). */
	bool (*idle)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct app *app;
	void *priv;
	bool dirty;                   /* repaint the whole body */
	int lines, cols;              /* the body's size */
	int cursor_y, cursor_x;       /* set by draw() to show the cursor
	                                 there (a form field); -1: hidden */
};

/* Pushes a new screen on top; false (with the message shown) when its
 * open() fails. */
bool app_push(struct app *app, const struct view_ops *ops, const void *arg);
/* Pops the top screen; popping the last one ends the program. */
void app_pop(struct app *app);
int app_depth(const struct app *app);
const char *app_top_name(const struct app *app);

struct store *app_store(struct app *app);
int32_t app_today(const struct app *app);
const char *app_db_name(const struct app *app);

/* One line on the status line until the next key. */
void app_message(struct app *app, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void app_error(struct app *app, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Whether the user has pressed a key that has not been read yet (in
 * script mode: a ":typeahead" line's next key), so that slow work for
 * the key being handled can give way to it. Reads no key. */
bool app_key_waiting(struct app *app);
/* Everything repaints (after a resize, a pop). */
void app_dirty_all(struct app *app);
/* Every screen below the top reloads its data (after an edit). */
void app_reload_below(struct app *app);

/* The argument of the action being handled when it came from the
 * command line (":filter stage=prison" gives "stage=prison"); NULL when
 * it came from a key. */
const char *app_action_arg(const struct app *app);

/* A one-line prompt on the status line. on_change runs after every
 * edit (search as you type); on_done once, with accepted false when
 * the user pressed Esc. completions (NULL-terminated, may be NULL)
 * feed Tab. */
typedef void (*prompt_fn)(struct app *app, void *ctx, const char *text,
                          bool accepted);
typedef void (*prompt_change_fn)(struct app *app, void *ctx, const char *text);
void app_prompt(struct app *app, const char *label, const char *initial,
                prompt_change_fn on_change, prompt_fn on_done, void *ctx,
                const char *const *completions);

/* A question answered with one key: on_done gets accepted true for
 * 'y'. */
void app_confirm(struct app *app, const char *question, prompt_fn on_done,
                 void *ctx);

/* Drawing helpers for views: the colours and attributes of the
 * terminal's palette, plain attributes on a monochrome terminal or
 * with NO_COLOR set. */
enum ui_role {
	UI_NORMAL, UI_TITLE, UI_HEADER, UI_CURSOR, UI_ERROR, UI_OVERDUE,
	UI_FUTURE, UI_WARN, UI_DIM, UI_BAND, UI_MARK, UI_ROLE_COUNT
};
attr_t app_attr(const struct app *app, enum ui_role role);
/* Writes s at (y, x) of win, sanitised and cut to cols display columns
 * (padded to exactly cols when pad). Never cuts by bytes. */
void ui_put(WINDOW *win, int y, int x, const char *s, int cols, bool pad);
/* Fills the rest of the line from x with blanks. */
void ui_clear_to_eol(WINDOW *win, int y, int x, int cols);

/* Runs the TUI over an open store: the list first, or the deadline
 * view when anything is overdue. Script mode when $CASEPATH_SCRIPT is
 * set. Returns the exit status. */
int app_run(struct store *st, const char *db_path);
/* Marks the program's start, from which $CASEPATH_TIMING measures the
 * first paint. */
void app_note_start(void);

#endif
