/* tui.c: the case list, the first screen. A deliberately small frame
 * until the screen-stack issue lands: one view, keyset paging (never
 * OFFSET), only the visible rows in memory, one doupdate() per key. */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/cli.h"
#include "casepath/date.h"
#include "casepath/store.h"
#include "casepath/store_view.h"
#include "casepath/u8.h"
#include "casepath/util.h"

#define MIN_COLS 40
#define MIN_LINES 10

struct list_view {
	struct store *st;
	struct list_row *rows;   /* the visible page */
	int nrows, cap;          /* rows held, rows the screen shows */
	int cursor;              /* index into rows */
	long pos, total;         /* 1-based position of the cursor, row count */
	int32_t today;
	struct list_query q;
	char status[256];
};

static void
page_clear(struct list_view *v)
{
	list_rows_clear(v->rows, v->nrows);
	v->nrows = 0;
}

static void
reverse_rows(struct list_row *rows, int n)
{
	for (int i = 0, j = n - 1; i < j; i++, j--) {
		struct list_row t = rows[i];

		rows[i] = rows[j];
		rows[j] = t;
	}
}

static void
load_first(struct list_view *v)
{
	page_clear(v);
	v->nrows = store_list_page(v->st, &v->q, NULL, false, v->cap, v->rows);
	v->cursor = 0;
	v->pos = v->nrows ? 1 : 0;
}

static void
load_last(struct list_view *v)
{
	page_clear(v);
	v->nrows = store_list_page(v->st, &v->q, NULL, true, v->cap, v->rows);
	reverse_rows(v->rows, v->nrows);
	v->cursor = v->nrows - 1;
	v->pos = v->total;
}

/* Moves the window down by up to n rows; returns how far it moved. */
static int
scroll_down(struct list_view *v, int n)
{
	struct list_row *more = xcalloc((size_t)n, sizeof *more);
	int got;

	if (v->nrows == 0) {
		free(more);
		return 0;
	}
	got = store_list_page(v->st, &v->q, &v->rows[v->nrows - 1], false, n, more);
	if (got > 0) {
		int keep = v->nrows + got > v->cap ? v->cap - got : v->nrows;
		int drop = v->nrows - keep;

		list_rows_clear(v->rows, drop);
		memmove(v->rows, v->rows + drop, (size_t)keep * sizeof *v->rows);
		memcpy(v->rows + keep, more, (size_t)got * sizeof *more);
		v->nrows = keep + got;
		v->cursor -= drop;
	}
	free(more);
	return got;
}

static int
scroll_up(struct list_view *v, int n)
{
	struct list_row *more = xcalloc((size_t)n, sizeof *more);
	int got;

	if (v->nrows == 0) {
		free(more);
		return 0;
	}
	got = store_list_page(v->st, &v->q, &v->rows[0], true, n, more);
	if (got > 0) {
		int keep = v->nrows + got > v->cap ? v->cap - got : v->nrows;

		reverse_rows(more, got);
		list_rows_clear(v->rows + keep, v->nrows - keep);
		memmove(v->rows + got, v->rows, (size_t)keep * sizeof *v->rows);
		memcpy(v->rows, more, (size_t)got * sizeof *more);
		v->nrows = keep + got;
		v->cursor += got;
	}
	free(more);
	return got;
}

static void
move_cursor(struct list_view *v, int delta)
{
	if (delta > 0) {
		int room = v->nrows - 1 - v->cursor;

		if (delta > room)
			scroll_down(v, delta - room);
		room = v->nrows - 1 - v->cursor;
		delta = delta > room ? room : delta;
	} else if (delta < 0) {
		if (-delta > v->cursor)
			scroll_up(v, -delta - v->cursor);
		delta = -delta > v->cursor ? -v->cursor : delta;
	}
	v->cursor += delta;
	v->pos += delta;
}

/* Draws s cut (by display width, never by bytes) to cols columns. */
static void
put_cell(int y, int x, const char *s, int cols)
{
	char buf[1024];

	if (cols <= 0)
		return;
	u8_fit(s, cols, true, buf, sizeof buf);
	mvaddstr(y, x, buf);
}

/* Draws a cell at *x, then a one-column gap, and moves *x past both. */
static void
cell(int y, int *x, const char *s, int cols)
{
	put_cell(y, *x, s, cols);
	put_cell(y, *x + cols, " ", 1);
	*x += cols + 1;
}

static void
draw(struct list_view *v, const char *db)
{
	int w = COLS, h = LINES, y;
	char line[4608], name[8200];
	int name_w, native_w;

	erase();
	if (w < MIN_COLS || h < MIN_LINES) {
		mvaddstr(0, 0, "terminal too small");
		snprintf(line, sizeof line, "need %dx%d", MIN_COLS, MIN_LINES);
		mvaddstr(1, 0, line);
		return;
	}
	/* title: the database and the count */
	attron(A_REVERSE);
	snprintf(line, sizeof line, " casepath  %s  %ld persons", db, v->total);
	put_cell(0, 0, line, w);
	attroff(A_REVERSE);
	/* columns: case 16, sex 3, born 11, nat 4, stage 18, days 5; the
	 * names share the rest, and the stage goes first when it is narrow */
	{
		int fixed = 16 + 3 + 11 + 4 + 6;
		int stage_w = w - fixed - 30 >= 24 ? 18 : 0;
		int days_w = stage_w ? 5 : 0;
		int x;

		name_w = (w - fixed - stage_w - days_w - (stage_w ? 2 : 0)) * 3 / 5;
		native_w = w - fixed - stage_w - days_w - (stage_w ? 2 : 0) - name_w;
		attron(A_BOLD);
		x = 0;
		cell(1, &x, "Case", 16);
		cell(1, &x, "Name", name_w);
		cell(1, &x, "Native name", native_w);
		cell(1, &x, "Sex", 3);
		cell(1, &x, "Born", 11);
		cell(1, &x, "Nat", stage_w ? 4 : w - x);
		if (stage_w) {
			cell(1, &x, "Stage", stage_w);
			put_cell(1, x, " Days", w - x);
		}
		attroff(A_BOLD);
		for (y = 0; y < v->nrows; y++) {
			struct list_row *r = &v->rows[y];
			char days[16] = "";

			if (y == v->cursor)
				attron(A_REVERSE);
			x = 0;
			snprintf(name, sizeof name, "%s, %s", r->family_name, r->given_names);
			cell(y + 2, &x, r->case_no, 16);
			cell(y + 2, &x, name, name_w);
			cell(y + 2, &x, r->native_name, native_w);
			cell(y + 2, &x, r->sex, 3);
			cell(y + 2, &x, r->birth_date, 11);
			cell(y + 2, &x, r->nationality, stage_w ? 4 : w - x);
			if (stage_w) {
				if (r->stage_since >= 0)
					snprintf(days, sizeof days, "%5ld",
					         (long)(v->today - r->stage_since));
				cell(y + 2, &x, *r->stage ? r->stage : "-", stage_w);
				put_cell(y + 2, x, days, w - x);
			}
			if (y == v->cursor)
				attroff(A_REVERSE);
		}
	}
	snprintf(line, sizeof line, "%s", v->status[0] ? v->status
	         : "j/k move  PgDn/PgUp page  g/G first/last  q quit");
	put_cell(h - 1, 0, line, w - 20);
	snprintf(line, sizeof line, "%ld/%ld", v->pos, v->total);
	put_cell(h - 1, w - 20, line, 20);
}

static void
relayout(struct list_view *v)
{
	int cap = LINES - 3;
	const char *key;
	char *keep;

	if (cap < 1)
		cap = 1;
	/* Keep the cursor's row on top after a resize. */
	key = v->nrows ? v->rows[v->cursor].case_no : NULL;
	keep = key ? xstrdup(key) : NULL;
	page_clear(v);
	v->rows = xrealloc(v->rows, (size_t)cap * sizeof *v->rows);
	memset(v->rows, 0, (size_t)cap * sizeof *v->rows);
	v->cap = cap;
	if (keep) {
		/* the row itself: one step back from it, then forward */
		struct list_row at[1] = { { 0 } };

		if (store_list_row(v->st, &v->q, keep, 0, at) == ST_OK)
			v->nrows = store_list_page(v->st, &v->q, at, true, 1, v->rows) +
			           0;
		list_rows_clear(v->rows, v->nrows);
		v->nrows = store_list_page(v->st, &v->q, NULL, false, cap, v->rows);
		list_rows_clear(at, 1);
		v->cursor = 0;
	} else {
		load_first(v);
	}
	free(keep);
}

int
tui_run(const struct cli *c)
{
	struct list_view v = { 0 };
	char path[4096];
	bool running = true;

	cli_db_path(c, path, sizeof path);
	if (!(v.st = cli_open_db(c, STORE_CREATE)))
		return EXIT_USER;
	v.total = store_person_count(v.st);
	v.today = day_today();

	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	relayout(&v);
	while (running) {
		int ch;

		draw(&v, path);
		wnoutrefresh(stdscr);
		doupdate();
		ch = getch();
		v.status[0] = '\0';
		switch (ch) {
		case 'q':
			running = false;
			break;
		case 'j':
		case KEY_DOWN:
			move_cursor(&v, 1);
			break;
		case 'k':
		case KEY_UP:
			move_cursor(&v, -1);
			break;
		case KEY_NPAGE:
		case 6: /* Ctrl-F */
			move_cursor(&v, v.cap);
			break;
		case KEY_PPAGE:
		case 2: /* Ctrl-B */
			move_cursor(&v, -v.cap);
			break;
		case 'g':
		case KEY_HOME:
			load_first(&v);
			break;
		case 'G':
		case KEY_END:
			load_last(&v);
			break;
		case KEY_RESIZE:
			relayout(&v);
			break;
		default:
			snprintf(v.status, sizeof v.status, "unknown key; q quits");
			break;
		}
	}
	endwin();
	page_clear(&v);
	free(v.rows);
	cli_close_db(&v.st);
	return 0;
}
