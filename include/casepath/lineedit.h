/* lineedit.h: the text being typed in a prompt (search "/", the
 * command line ":", form fields): a UTF-8 buffer with a cursor, a
 * history and word completion. No curses here: the view hands in
 * operations and draws what lineedit_view() writes.
 *
 * Invariants: the text is always valid UTF-8 and NUL-terminated; the
 * cursor is a byte offset on a code point boundary. Moves and deletes
 * go by whole characters, a base character with the combining marks
 * after it (zero-width code points) counting as one. Text typed in is
 * refused when it holds control characters; text set from a record
 * may hold them, and lineedit_view() shows them as visible marks. */
#ifndef CASEPATH_LINEEDIT_H
#define CASEPATH_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

/* Most history entries kept; the oldest goes first. */
#define LINEEDIT_HISTORY_MAX 200

enum lineedit_op {
	LE_LEFT,          /* one character left */
	LE_RIGHT,         /* one character right */
	LE_HOME,          /* Ctrl-A: to the start */
	LE_END,           /* Ctrl-E: to the end */
	LE_BACKSPACE,     /* the character before the cursor */
	LE_DELETE,        /* the character under the cursor */
	LE_KILL_LINE,     /* Ctrl-U: from the start to the cursor */
	LE_KILL_END,      /* Ctrl-K: from the cursor to the end */
	LE_KILL_WORD,     /* Ctrl-W: the word before the cursor */
	LE_WORD_LEFT,     /* to the start of this or the previous word */
	LE_WORD_RIGHT,    /* to the end of this or the next word */
	LE_HISTORY_PREV,  /* Up: the previous (older) history entry */
	LE_HISTORY_NEXT   /* Down: the next entry, at last the line typed */
};

/* Fields are private to lineedit.c; they are here so a view can hold
 * the struct in its own state. */
struct lineedit {
	char *buf;        /* the text; NULL until something is written */
	size_t len, cap;
	size_t cursor;    /* byte offset into buf */
	size_t scroll;    /* byte offset of the first character shown */
	char **hist;      /* owned copies, oldest first */
	size_t nhist;
	size_t hist_at;   /* entry shown while walking; nhist: not walking */
	char *typed;      /* owned: the line being typed when the walk began */
	struct {
		bool active;  /* the last call completed and nothing changed since */
		size_t start; /* byte offset of the word being completed */
		char *prefix; /* owned: the word as typed, before completing */
		size_t next;  /* the match a further call shows */
	} comp;
};

/* Makes *le empty, with no history. Allocates nothing. */
void lineedit_init(struct lineedit *le);
/* Frees everything *le owns (text, history, completion state) and
 * leaves it as lineedit_init() does; for a struct held in place. */
void lineedit_clear(struct lineedit *le);
/* A new, empty editor on the heap; abort()s on out of memory. Free it
 * with lineedit_free(). */
struct lineedit *lineedit_new(void);
/* Frees *lep and what it owns, and sets *lep to NULL; NULL is fine. */
void lineedit_free(struct lineedit **lep);

/* Replaces the text with a copy of text (NULL: ""), cursor at the end;
 * ends any history walk and completion. Control characters are kept
 * (they are shown as marks); each invalid UTF-8 sequence becomes one
 * U+FFFD. Returns false when the text had to be repaired so. */
bool lineedit_set(struct lineedit *le, const char *text);
/* The text, valid until the next call that changes *le. Never NULL. */
const char *lineedit_text(const struct lineedit *le);
/* The cursor as a byte offset into lineedit_text(). */
size_t lineedit_cursor(const struct lineedit *le);

/* Inserts utf8 at the cursor and moves the cursor past it. Returns
 * false, changing nothing, when utf8 is NULL or "", is not valid UTF-8,
 * or holds a C0 control (TAB and newline too), DEL or a C1 control. */
bool lineedit_insert(struct lineedit *le, const char *utf8);

/* Applies one editing operation. Returns true when the text or the
 * cursor changed (false, e.g., for LE_LEFT at the start). Words are
 * runs between separators: white space and ASCII punctuation other
 * than '_', '-' and '\'', plus the Arabic and CJK commas and full
 * stop. Walking history keeps the line being typed: LE_HISTORY_NEXT
 * past the newest entry restores it; edits made to a recalled entry
 * are dropped when walking on. */
bool lineedit_key(struct lineedit *le, enum lineedit_op op);

/* Appends a copy of text to the history, unless it is NULL, "" or the
 * same as the newest entry; drops the oldest past
 * LINEEDIT_HISTORY_MAX. Ends any walk. Returns whether it was added. */
bool lineedit_history_add(struct lineedit *le, const char *text);

/* Completes the word before the cursor (back to the previous
 * separator) against words[0..nwords), matched as a byte prefix, case
 * sensitive; duplicates, NULLs and words lineedit_insert() would refuse
 * are skipped. One match: the word is completed and a space added (or
 * the cursor moved past one already there). Several: the word grows to
 * their longest common prefix (cut at a character boundary), and a
 * further call with nothing changed in between puts each match in turn
 * in its place, in list order, round and round. The caller keeps
 * words; it should pass the same list each time. Returns the number of
 * matches (0: nothing changed). */
size_t lineedit_complete(struct lineedit *le, const char *const *words,
                         size_t nwords);

/* Writes into out (outlen bytes, always NUL-terminated) the part of
 * the text that shows in a field width display columns wide,
 * sanitised as u8_sanitize() does, padded with spaces to exactly
 * width columns; *cursor_col (if non-NULL) gets the cursor's column,
 * 0..width-1. The window scrolls only as far as it must to keep the
 * cursor and the character under it in view (so *le remembers where
 * it is), and back when the text gets shorter. A double-width
 * character that would straddle the right edge is left out. Cuts only
 * at whole characters. Returns the width written (less than width only
 * when outlen is too small; 0 when width <= 0). */
int lineedit_view(struct lineedit *le, int width, int *cursor_col,
                  char *out, size_t outlen);

#endif
