/* pager.c: see pager.h. */
#include <stdlib.h>
#include <string.h>

#include "casepath/pager.h"
#include "casepath/util.h"

#define ROW(p, i) ((p)->rows + (size_t)(i) * (p)->src.row_size)

void
pager_init(struct pager *p, const struct pager_source *src)
{
	memset(p, 0, sizeof *p);
	p->src = *src;
}

void
pager_clear(struct pager *p)
{
	if (p->nrows)
		p->src.clear(p->rows, p->nrows);
	p->nrows = 0;
	p->cursor = 0;
	p->pos = 0;
}

void
pager_free(struct pager *p)
{
	pager_clear(p);
	free(p->rows);
	p->rows = NULL;
	p->cap = 0;
}

void *
pager_row(const struct pager *p, int i)
{
	return i >= 0 && i < p->nrows ? ROW(p, i) : NULL;
}

void *
pager_current(const struct pager *p)
{
	return pager_row(p, p->cursor);
}

static void
reverse(struct pager *p, char *rows, int n)
{
	size_t size = p->src.row_size;
	char *tmp = xmalloc(size);

	for (int i = 0, j = n - 1; i < j; i++, j--) {
		memcpy(tmp, rows + (size_t)i * size, size);
		memcpy(rows + (size_t)i * size, rows + (size_t)j * size, size);
		memcpy(rows + (size_t)j * size, tmp, size);
	}
	free(tmp);
}

static int
fetch(struct pager *p, const void *after, bool backward, int n, void *rows)
{
	int got;

	if (n <= 0)
		return 0;
	memset(rows, 0, (size_t)n * p->src.row_size);
	got = p->src.fetch(p->src.ctx, after, backward, n, rows);
	p->error = got < 0;
	return got < 0 ? 0 : got;
}

void
pager_set_cap(struct pager *p, int cap)
{
	char *keep = NULL;
	long pos = p->pos;

	if (cap < 1)
		cap = 1;
	if (p->nrows) {
		keep = xcalloc(1, p->src.row_size);
		p->src.copy(keep, pager_current(p));
	}
	pager_clear(p);
	p->rows = xrealloc(p->rows, (size_t)cap * p->src.row_size);
	p->cap = cap;
	if (keep) {
		pager_around(p, keep, pos);
		p->src.clear(keep, 1);
		free(keep);
	} else {
		pager_first(p);
	}
}

void
pager_first(struct pager *p)
{
	pager_clear(p);
	p->nrows = fetch(p, NULL, false, p->cap, p->rows);
	p->pos = p->nrows ? 1 : 0;
}

void
pager_last(struct pager *p, long total)
{
	pager_clear(p);
	p->nrows = fetch(p, NULL, true, p->cap, p->rows);
	reverse(p, p->rows, p->nrows);
	p->cursor = p->nrows ? p->nrows - 1 : 0;
	p->pos = p->nrows ? total : 0;
}

/* Moves the window by up to n rows past its edge; returns how far. */
static int
scroll(struct pager *p, int n, bool down)
{
	size_t size = p->src.row_size;
	char *more;
	int got, keep, drop;

	if (p->nrows == 0 || n <= 0)
		return 0;
	if (n > p->cap)
		n = p->cap;
	more = xmalloc((size_t)n * size);
	got = fetch(p, down ? ROW(p, p->nrows - 1) : ROW(p, 0), !down, n, more);
	if (got > 0) {
		keep = p->nrows + got > p->cap ? p->cap - got : p->nrows;
		drop = p->nrows - keep;
		if (down) {
			p->src.clear(ROW(p, 0), drop);
			memmove(ROW(p, 0), ROW(p, drop), (size_t)keep * size);
			memcpy(ROW(p, keep), more, (size_t)got * size);
			p->cursor -= drop;
		} else {
			reverse(p, more, got);
			p->src.clear(ROW(p, keep), drop);
			memmove(ROW(p, got), ROW(p, 0), (size_t)keep * size);
			memcpy(ROW(p, 0), more, (size_t)got * size);
			p->cursor += got;
		}
		p->nrows = keep + got;
	}
	free(more);
	return got;
}

void
pager_move(struct pager *p, int delta)
{
	/* a move longer than the window goes a window at a time */
	while (delta > 0) {
		int room = p->nrows - 1 - p->cursor, step;

		if (delta > room && scroll(p, delta - room, true) == 0)
			delta = room;
		room = p->nrows - 1 - p->cursor;
		step = delta > room ? room : delta;
		p->cursor += step;
		p->pos += step;
		delta -= step;
		if (step == 0)
			break;
	}
	while (delta < 0) {
		int step;

		if (-delta > p->cursor && scroll(p, -delta - p->cursor, false) == 0)
			delta = -p->cursor;
		step = -delta > p->cursor ? -p->cursor : delta;
		p->cursor += step;
		p->pos += step;
		delta -= step;
		if (step == 0)
			break;
	}
}

void
pager_page(struct pager *p, bool down)
{
	int row = p->cursor, got;

	/* the window turns a page and the cursor keeps its screen row, as
	 * in tig and mutt; at an end, the cursor goes to the last row */
	if (p->nrows < p->cap) {
		pager_move(p, down ? p->cap : -p->cap);
		return;
	}
	got = scroll(p, p->cap, down);
	p->pos += down ? got : -got;
	p->cursor = row;
	if (got < p->cap)
		pager_move(p, down ? p->cap - got : -(p->cap - got));
}

void
pager_around(struct pager *p, const void *row, long pos)
{
	int want_before = p->cap / 3, before, after;

	pager_clear(p);
	before = fetch(p, row, true, want_before, p->rows);
	reverse(p, p->rows, before);
	p->src.copy(ROW(p, before), row);
	after = fetch(p, row, false, p->cap - before - 1, ROW(p, before + 1));
	p->nrows = before + 1 + after;
	p->cursor = before;
	/* near the end: fill the window from above */
	if (p->nrows < p->cap && before == want_before)
		scroll(p, p->cap - p->nrows, false);
	p->pos = pos;
}
