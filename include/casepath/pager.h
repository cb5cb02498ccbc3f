/* pager.h: a window of rows over a list too big to hold, paged by key.
 * Curses-free and store-free: the owner gives a fetch function ("up to
 * n rows after this one, or before it") and the pager keeps only the
 * rows the screen shows, moving the window one fetch at a time, so a
 * move costs the same anywhere in the list. Rows are opaque, row_size
 * bytes each; the pager owns the rows it holds and frees them with the
 * owner's clear function. */
#ifndef CASEPATH_PAGER_H
#define CASEPATH_PAGER_H

#include <stdbool.h>
#include <stddef.h>

struct pager_source {
	size_t row_size;
	/* Up to n rows strictly after `after` (backward: before it, nearest
	 * first); after NULL: from the start (backward: from the end).
	 * Returns the count, or -1 on an error (the rows untouched). */
	int (*fetch)(void *ctx, const void *after, bool backward, int n, void *rows);
	/* Frees what n rows own. */
	void (*clear)(void *rows, int n);
	/* Deep-copies one row. */
	void (*copy)(void *dst, const void *src);
	void *ctx;
};

struct pager {
	struct pager_source src;
	char *rows;          /* cap rows of row_size bytes; nrows in use */
	int nrows, cap;
	int cursor;          /* index into rows; 0 when empty */
	long pos;            /* 1-based position of the cursor, 0 when empty */
	bool error;          /* the last fetch failed */
};

void pager_init(struct pager *p, const struct pager_source *src);
void pager_free(struct pager *p);
/* Sets how many rows the screen shows; keeps the cursor's row when it
 * can (call pager_around with it). */
void pager_set_cap(struct pager *p, int cap);
/* The row at index i of the window, or the cursor's; NULL when empty. */
void *pager_row(const struct pager *p, int i);
void *pager_current(const struct pager *p);

void pager_first(struct pager *p);
/* total: the list's length, for the position. */
void pager_last(struct pager *p, long total);
/* Moves by delta rows (a page is delta = cap), fetching past the
 * window's edge; stops at the ends. */
void pager_move(struct pager *p, int delta);
/* Turns a page: the window moves by its height and the cursor keeps
 * its row on the screen; near an end the cursor goes to the end. */
void pager_page(struct pager *p, bool down);
/* Shows `row` (copied) a third of the way down the window, with its
 * neighbours; pos is its position if known (else 0). */
void pager_around(struct pager *p, const void *row, long pos);
/* Drops every row (after the list changed). */
void pager_clear(struct pager *p);

#endif
