/* textkey.h: a key typed into a line being edited (a prompt or a form
 * field): the editing keys readline users expect (Ctrl-A, Ctrl-E,
 * Ctrl-U, Ctrl-K, Ctrl-W, arrows, Backspace, Delete) and printable
 * characters. Curses-free: keys are keymap.h's codes. */
#ifndef CASEPATH_TEXTKEY_H
#define CASEPATH_TEXTKEY_H

#include <stdbool.h>

#include "casepath/lineedit.h"

/* Applies key to le. Returns true when the key is a text key (it was
 * consumed, whether or not anything changed; *changed says), false
 * when it is not one (Enter, Tab, Esc, Up, function keys...). */
bool textkey_apply(struct lineedit *le, int key, bool *changed);

#endif
