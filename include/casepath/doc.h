/* doc.h: a screen made of text lines, some of which the cursor can
 * stand on (the person detail, the timeline). Curses-free: it keeps
 * the lines, the cursor and the scroll; the view draws them. */
#ifndef CASEPATH_DOC_H
#define CASEPATH_DOC_H

#include <stdbool.h>
#include <stdint.h>

struct doc_line {
	char *label, *text;       /* owned */
	int role;                 /* the view's colour (enum ui_role) */
	bool heading;
	bool selectable;          /* the cursor can stand here */
	int64_t link;             /* what Enter opens (a person id), 0 none */
	int tag;                  /* the view's own index (an event), -1 none */
};

struct doc {
	struct doc_line *lines;
	int n, cap;
	int cursor, top;
};

/* Appends a line: label and the formatted text are copied; the rest
 * comes from proto. */
void doc_add(struct doc *d, const struct doc_line *proto, const char *label,
             const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Drops every line (the cursor stays, settle it after refilling). */
void doc_clear(struct doc *d);
void doc_free(struct doc *d);
/* Moves the cursor by delta selectable lines, stopping at the ends. */
void doc_step(struct doc *d, int delta);
void doc_first(struct doc *d);
void doc_last(struct doc *d);
/* Puts the cursor in range and on a selectable line, the nearest one,
 * earlier first (after the lines changed). */
void doc_settle(struct doc *d);
/* Scrolls so the cursor shows in a window `lines` high. */
void doc_scroll(struct doc *d, int lines);
/* The cursor's line, or NULL. */
const struct doc_line *doc_current(const struct doc *d);

#endif
