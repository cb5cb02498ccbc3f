/* textkey.c: see textkey.h. */
#include <wchar.h>

#include "casepath/keymap.h"
#include "casepath/textkey.h"

bool
textkey_apply(struct lineedit *le, int key, bool *changed)
{
	int op;

	*changed = false;
	switch (key) {
	case KEY_NAMED_LEFT: op = LE_LEFT; break;
	case KEY_NAMED_RIGHT: op = LE_RIGHT; break;
	case KEY_NAMED_HOME: case KEY_CTRL_('a'): op = LE_HOME; break;
	case KEY_NAMED_END: case KEY_CTRL_('e'): op = LE_END; break;
	case KEY_NAMED_BACKSPACE: case KEY_CTRL_('h'): op = LE_BACKSPACE; break;
	case KEY_NAMED_DEL: case KEY_CTRL_('d'): op = LE_DELETE; break;
	case KEY_CTRL_('u'): op = LE_KILL_LINE; break;
	case KEY_CTRL_('k'): op = LE_KILL_END; break;
	case KEY_CTRL_('w'): op = LE_KILL_WORD; break;
	case KEY_CTRL_('b'): op = LE_WORD_LEFT; break;
	case KEY_CTRL_('f'): op = LE_WORD_RIGHT; break;
	case KEY_NAMED_SPACE:
		*changed = lineedit_insert(le, " ");
		return true;
	default:
		if (key > 0x20 && key < KEY_BASE && key != 0x7f) {
			char mb[8];
			mbstate_t ps = { 0 };
			size_t n = wcrtomb(mb, (wchar_t)key, &ps);

			if (n != (size_t)-1) {
				mb[n] = '\0';
				*changed = lineedit_insert(le, mb);
			}
			return true;
		}
		return false;
	}
	*changed = lineedit_key(le, (enum lineedit_op)op);
	return true;
}
