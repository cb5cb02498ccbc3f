/* keymap.h: keys, their names and what they are bound to. Curses-free:
 * a key is a Unicode code point, or one of the KEY_* codes below for the
 * keys that have no character; the frame translates curses' codes into
 * these. Key names are those of the configuration file, test scripts and
 * help: "j", "G", "?", "<Enter>", "<Esc>", "<C-f>", "<PgDn>", "<F2>".
 *
 * The user's file ($XDG_CONFIG_HOME/casepath/keys, else
 * ~/.config/casepath/keys) has one binding a line:
 *     bind KEYMAP KEY ACTION      # e.g. "bind list <C-n> move-down"
 *     unbind KEYMAP KEY
 * with '#' comments and blank lines. */
#ifndef CASEPATH_KEYMAP_H
#define CASEPATH_KEYMAP_H

#include "casepath/i18n.h"

#include <stdbool.h>
#include <stddef.h>

#include "casepath/action.h"

/* Keys past the last Unicode code point. */
enum {
	KEY_BASE = 0x110000,
	KEY_NAMED_ENTER = KEY_BASE, KEY_NAMED_ESC, KEY_NAMED_TAB, KEY_NAMED_BTAB,
	KEY_NAMED_SPACE, KEY_NAMED_BACKSPACE, KEY_NAMED_DEL, KEY_NAMED_INS,
	KEY_NAMED_UP, KEY_NAMED_DOWN, KEY_NAMED_LEFT, KEY_NAMED_RIGHT,
	KEY_NAMED_PGUP, KEY_NAMED_PGDN, KEY_NAMED_HOME, KEY_NAMED_END,
	KEY_NAMED_RESIZE,
	KEY_NAMED_F1,                 /* F1..F12 follow */
	KEY_NAMED_CTRL = KEY_NAMED_F1 + 12  /* Ctrl-A..Ctrl-Z follow */
};
#define KEY_F_(n) (KEY_NAMED_F1 + (n) - 1)
#define KEY_CTRL_(c) (KEY_NAMED_CTRL + ((c) - 'a'))

#define KEYMAPS(X)                                   \
	X(KM_GLOBAL, "global", N_("Anywhere"))           \
	X(KM_LIST, "list", N_("Case list"))              \
	X(KM_DETAIL, "detail", N_("Person detail"))      \
	X(KM_TIMELINE, "timeline", N_("Timeline"))       \
	X(KM_DEADLINES, "deadlines", N_("Deadlines"))    \
	X(KM_REVIEW, "review", N_("Review session"))     \
	X(KM_AUDIT, "audit", N_("Audit trail"))          \
	X(KM_REPORT, "report", N_("Report"))             \
	X(KM_DUPS, "duplicates", N_("Possible duplicates")) \
	X(KM_HELP, "help", N_("Help"))                   \
	X(KM_FORM, "form", N_("Forms"))

enum keymap {
#define KEYMAP_ENUM(id, name, title) id,
	KEYMAPS(KEYMAP_ENUM)
#undef KEYMAP_ENUM
	KM_COUNT
};

const char *keymap_name(enum keymap km);
const char *keymap_title(enum keymap km);
int keymap_from_name(const char *name);     /* -1 when unknown */

/* Writes the key's name into buf ("j", "<C-f>", "İ"); returns buf. */
char *key_to_name(int key, char *buf, size_t len);
/* Parses one key name; -1 when it is not one. */
int key_from_name(const char *name);

/* Restores the default bindings (a static table in keymap.c). */
void keymap_reset(void);
/* The action bound to key in km, falling back to the global keymap
 * (except in forms, which take their own keys only). ACT_NONE when
 * the key is unbound. */
enum action keymap_lookup(enum keymap km, int key);
/* Binds (action ACT_NONE: unbinds) key in km. */
void keymap_bind(enum keymap km, int key, enum action a);
/* Reads a key configuration file. Returns the number of lines in error;
 * the first one's "FILE:LINE: reason" goes into err. A missing file is
 * not an error. */
int keymap_load_file(const char *path, char *err, size_t errlen);
/* The user's file path ($XDG_CONFIG_HOME/casepath/keys ...) into buf. */
char *keymap_user_file(char *buf, size_t len);

/* Calls fn for every binding of km in table order: the key names bound
 * to each action joined by ", " ("j, <Down>"), the action. */
typedef void (*keymap_each_fn)(void *ctx, const char *keys, enum action a);
void keymap_each(enum keymap km, keymap_each_fn fn, void *ctx);

#endif
