/* keymap.c: actions, key names and bindings (see keymap.h). The default
 * table below is the one source of the help screen, the man page's KEYS
 * section (`casepath keys --mdoc`, checked against the page by the
 * tests) and the names scripts and configuration files use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "casepath/i18n.h"
#include "casepath/keymap.h"
#include "casepath/util.h"

static const char *const action_names[] = {
	"",
#define ACTION_NAME(id, name, help) name,
	ACTIONS(ACTION_NAME)
#undef ACTION_NAME
};
static const char *const action_helps[] = {
	"",
#define ACTION_HELP(id, name, help) help,
	ACTIONS(ACTION_HELP)
#undef ACTION_HELP
};

const char *
action_name(enum action a)
{
	return a < ACT_COUNT ? action_names[a] : "";
}

const char *
action_help(enum action a)
{
	return a < ACT_COUNT && a > 0 ? _(action_helps[a]) : "";
}

enum action
action_from_name(const char *name)
{
	for (int a = 1; a < ACT_COUNT; a++)
		if (strcmp(action_names[a], name) == 0)
			return (enum action)a;
	return ACT_NONE;
}

static const char *const keymap_names[] = {
#define KEYMAP_NAME(id, name, title) name,
	KEYMAPS(KEYMAP_NAME)
#undef KEYMAP_NAME
};
static const char *const keymap_titles[] = {
#define KEYMAP_TITLE(id, name, title) title,
	KEYMAPS(KEYMAP_TITLE)
#undef KEYMAP_TITLE
};

const char *
keymap_name(enum keymap km)
{
	return km < KM_COUNT ? keymap_names[km] : "?";
}

const char *
keymap_title(enum keymap km)
{
	return km < KM_COUNT ? _(keymap_titles[km]) : "?";
}

int
keymap_from_name(const char *name)
{
	for (int i = 0; i < KM_COUNT; i++)
		if (strcmp(keymap_names[i], name) == 0)
			return i;
	return -1;
}

/* --- key names ------------------------------------------------------------ */
static const struct {
	int key;
	const char *name;
} named_keys[] = {
	{ KEY_NAMED_ENTER, "Enter" }, { KEY_NAMED_ESC, "Esc" },
	{ KEY_NAMED_TAB, "Tab" }, { KEY_NAMED_BTAB, "BTab" },
	{ KEY_NAMED_SPACE, "Space" }, { KEY_NAMED_BACKSPACE, "Backspace" },
	{ KEY_NAMED_DEL, "Del" }, { KEY_NAMED_INS, "Ins" },
	{ KEY_NAMED_UP, "Up" }, { KEY_NAMED_DOWN, "Down" },
	{ KEY_NAMED_LEFT, "Left" }, { KEY_NAMED_RIGHT, "Right" },
	{ KEY_NAMED_PGUP, "PgUp" }, { KEY_NAMED_PGDN, "PgDn" },
	{ KEY_NAMED_HOME, "Home" }, { KEY_NAMED_END, "End" },
	{ KEY_NAMED_RESIZE, "Resize" },
};
#define NNAMED (sizeof named_keys / sizeof named_keys[0])

char *
key_to_name(int key, char *buf, size_t len)
{
	for (size_t i = 0; i < NNAMED; i++)
		if (named_keys[i].key == key) {
			snprintf(buf, len, "<%s>", named_keys[i].name);
			return buf;
		}
	if (key >= KEY_NAMED_F1 && key < KEY_NAMED_F1 + 12)
		snprintf(buf, len, "<F%d>", key - KEY_NAMED_F1 + 1);
	else if (key >= KEY_NAMED_CTRL && key < KEY_NAMED_CTRL + 26)
		snprintf(buf, len, "<C-%c>", 'a' + (key - KEY_NAMED_CTRL));
	else if (key > 0x20 && key < KEY_BASE && key != 0x7f) {
		char mb[8] = "";
		mbstate_t ps = { 0 };
		size_t n = wcrtomb(mb, (wchar_t)key, &ps);

		if (n == (size_t)-1)
			snprintf(buf, len, "<U+%04X>", (unsigned)key);
		else
			snprintf(buf, len, "%.*s", (int)n, mb);
	} else
		snprintf(buf, len, "<U+%04X>", (unsigned)key);
	return buf;
}

int
key_from_name(const char *name)
{
	size_t n = strlen(name);

	if (n >= 3 && name[0] == '<' && name[n - 1] == '>') {
		char inner[32];

		if (n - 2 >= sizeof inner)
			return -1;
		memcpy(inner, name + 1, n - 2);
		inner[n - 2] = '\0';
		for (size_t i = 0; i < NNAMED; i++)
			if (strcasecmp(named_keys[i].name, inner) == 0)
				return named_keys[i].key;
		if ((inner[0] == 'C' || inner[0] == 'c') && inner[1] == '-' &&
		    inner[2] >= 'a' && inner[2] <= 'z' && !inner[3])
			return KEY_CTRL_(inner[2]);
		if ((inner[0] == 'C' || inner[0] == 'c') && inner[1] == '-' &&
		    inner[2] >= 'A' && inner[2] <= 'Z' && !inner[3])
			return KEY_CTRL_(inner[2] - 'A' + 'a');
		if (inner[0] == 'F' || inner[0] == 'f') {
			char *end;
			long f = strtol(inner + 1, &end, 10);

			if (end != inner + 1 && !*end && f >= 1 && f <= 12)
				return KEY_F_((int)f);
		}
		if (strncmp(inner, "U+", 2) == 0) {
			char *end;
			long cp = strtol(inner + 2, &end, 16);

			if (end != inner + 2 && !*end && cp > 0 && cp < KEY_BASE)
				return (int)cp;
		}
		return -1;
	}
	/* one character */
	{
		wchar_t wc;
		mbstate_t ps = { 0 };
		size_t used = mbrtowc(&wc, name, n, &ps);

		if (used == 0 || used == (size_t)-1 || used == (size_t)-2 || used != n)
			return -1;
		if (wc == ' ')
			return KEY_NAMED_SPACE;
		return wc > 0x20 && wc != 0x7f ? (int)wc : -1;
	}
}

/* --- bindings ------------------------------------------------------------- */
struct binding {
	enum keymap km;
	const char *key;
	enum action action;
};

/* The defaults. Order matters: help lists actions in this order. */
static const struct binding default_bindings[] = {
	{ KM_GLOBAL, "q", ACT_QUIT },
	{ KM_GLOBAL, "<Esc>", ACT_BACK },
	{ KM_GLOBAL, "Q", ACT_QUIT_ALL },
	{ KM_GLOBAL, "?", ACT_HELP },
	{ KM_GLOBAL, "<F1>", ACT_HELP },
	{ KM_GLOBAL, ":", ACT_COMMAND },
	{ KM_GLOBAL, "<C-l>", ACT_PRIVACY },
	{ KM_GLOBAL, "<C-r>", ACT_REDRAW },
	{ KM_GLOBAL, "D", ACT_DEADLINES },
	{ KM_GLOBAL, "A", ACT_AUDIT },
	{ KM_GLOBAL, "R", ACT_REPORT },
	{ KM_GLOBAL, "M", ACT_DUPLICATES },
	{ KM_GLOBAL, "j", ACT_MOVE_DOWN },
	{ KM_GLOBAL, "<Down>", ACT_MOVE_DOWN },
	{ KM_GLOBAL, "k", ACT_MOVE_UP },
	{ KM_GLOBAL, "<Up>", ACT_MOVE_UP },
	{ KM_GLOBAL, "<PgDn>", ACT_PAGE_DOWN },
	{ KM_GLOBAL, "<C-f>", ACT_PAGE_DOWN },
	{ KM_GLOBAL, "<Space>", ACT_PAGE_DOWN },
	{ KM_GLOBAL, "<PgUp>", ACT_PAGE_UP },
	{ KM_GLOBAL, "<C-b>", ACT_PAGE_UP },
	{ KM_GLOBAL, "g", ACT_FIRST },
	{ KM_GLOBAL, "<Home>", ACT_FIRST },
	{ KM_GLOBAL, "G", ACT_LAST },
	{ KM_GLOBAL, "<End>", ACT_LAST },
	{ KM_GLOBAL, "<Enter>", ACT_OPEN },

	{ KM_LIST, "t", ACT_TIMELINE },
	{ KM_LIST, "/", ACT_SEARCH },
	{ KM_LIST, "n", ACT_SEARCH_NEXT },
	{ KM_LIST, "N", ACT_SEARCH_PREV },
	{ KM_LIST, "s", ACT_SORT_NEXT },
	{ KM_LIST, "S", ACT_SORT_REVERSE },
	{ KM_LIST, "f", ACT_FILTER },
	{ KM_LIST, "F", ACT_FILTER_CLEAR },
	{ KM_LIST, "r", ACT_REVIEW },
	{ KM_LIST, "a", ACT_ADD },
	{ KM_LIST, "e", ACT_EDIT },

	{ KM_DETAIL, "t", ACT_TIMELINE },
	{ KM_DETAIL, "e", ACT_EDIT },
	{ KM_DETAIL, "l", ACT_LINK },
	{ KM_DETAIL, "u", ACT_UNMERGE },

	{ KM_TIMELINE, "a", ACT_ADD },
	{ KM_TIMELINE, "e", ACT_EDIT },
	{ KM_TIMELINE, "d", ACT_DELETE },

	{ KM_DEADLINES, "t", ACT_TIMELINE },
	{ KM_DEADLINES, "r", ACT_REVIEW },
	{ KM_DEADLINES, "L", ACT_LAPSED },

	{ KM_REVIEW, "n", ACT_REVIEW_NEXT },
	{ KM_REVIEW, "p", ACT_REVIEW_PREV },
	{ KM_REVIEW, "m", ACT_REVIEW_MARK },
	{ KM_REVIEW, "t", ACT_TIMELINE },

	{ KM_AUDIT, "<Tab>", ACT_SWITCH },
	{ KM_AUDIT, "f", ACT_FILTER },
	{ KM_AUDIT, "F", ACT_FILTER_CLEAR },

	{ KM_REPORT, "<Tab>", ACT_SWITCH },
	{ KM_REPORT, "]", ACT_SWITCH },
	{ KM_REPORT, "<BTab>", ACT_SECTION_PREV },
	{ KM_REPORT, "[", ACT_SECTION_PREV },

	{ KM_DUPS, "m", ACT_MERGE },
	{ KM_DUPS, "n", ACT_NOT_SAME },
	{ KM_DUPS, "u", ACT_UNMERGE },

	{ KM_FORM, "<Tab>", ACT_FIELD_NEXT },
	{ KM_FORM, "<Down>", ACT_FIELD_NEXT },
	{ KM_FORM, "<Enter>", ACT_FIELD_NEXT },
	{ KM_FORM, "<BTab>", ACT_FIELD_PREV },
	{ KM_FORM, "<Up>", ACT_FIELD_PREV },
	{ KM_FORM, "<C-s>", ACT_SAVE },
	{ KM_FORM, "<F2>", ACT_SAVE },
	{ KM_FORM, "<Esc>", ACT_CANCEL },
	{ KM_FORM, "<F1>", ACT_HELP },
};

struct bound {
	int key;
	enum action action;
};

static struct {
	struct bound *items;
	size_t n, cap;
} bindings[KM_COUNT];
static bool bindings_ready;

void
keymap_bind(enum keymap km, int key, enum action a)
{
	struct bound *b = bindings[km].items;

	for (size_t i = 0; i < bindings[km].n; i++)
		if (b[i].key == key) {
			if (a == ACT_NONE) {
				memmove(&b[i], &b[i + 1], (bindings[km].n - i - 1) * sizeof *b);
				bindings[km].n--;
			} else {
				b[i].action = a;
			}
			return;
		}
	if (a == ACT_NONE)
		return;
	if (bindings[km].n == bindings[km].cap) {
		bindings[km].cap = bindings[km].cap ? 2 * bindings[km].cap : 32;
		bindings[km].items = xrealloc(bindings[km].items,
		                              bindings[km].cap * sizeof *b);
	}
	bindings[km].items[bindings[km].n++] = (struct bound){ key, a };
}

void
keymap_reset(void)
{
	for (int km = 0; km < KM_COUNT; km++)
		bindings[km].n = 0;
	for (size_t i = 0; i < sizeof default_bindings / sizeof default_bindings[0]; i++) {
		int key = key_from_name(default_bindings[i].key);

		if (key >= 0)
			keymap_bind(default_bindings[i].km, key, default_bindings[i].action);
	}
	bindings_ready = true;
}

static enum action
lookup_in(enum keymap km, int key)
{
	for (size_t i = 0; i < bindings[km].n; i++)
		if (bindings[km].items[i].key == key)
			return bindings[km].items[i].action;
	return ACT_NONE;
}

enum action
keymap_lookup(enum keymap km, int key)
{
	enum action a;

	if (!bindings_ready)
		keymap_reset();
	a = lookup_in(km, key);
	if (a == ACT_NONE && km != KM_FORM)
		a = lookup_in(KM_GLOBAL, key);
	return a;
}

void
keymap_each(enum keymap km, keymap_each_fn fn, void *ctx)
{
	bool done[ACT_COUNT] = { false };

	if (!bindings_ready)
		keymap_reset();
	for (size_t i = 0; i < bindings[km].n; i++) {
		enum action a = bindings[km].items[i].action;
		char keys[256] = "", name[32];
		size_t at = 0;

		if (done[a])
			continue;
		done[a] = true;
		for (size_t j = i; j < bindings[km].n; j++) {
			if (bindings[km].items[j].action != a)
				continue;
			key_to_name(bindings[km].items[j].key, name, sizeof name);
			at += (size_t)snprintf(keys + at, sizeof keys - at, "%s%s",
			                       at ? ", " : "", name);
			if (at >= sizeof keys)
				break;
		}
		fn(ctx, keys, a);
	}
}

char *
keymap_user_file(char *buf, size_t len)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (!str_empty(xdg))
		snprintf(buf, len, "%s/casepath/keys", xdg);
	else
		snprintf(buf, len, "%s/.config/casepath/keys", str_empty(home) ? "." : home);
	return buf;
}

/* One line of the file; false with the reason in why. */
static bool
config_line(char *line, char *why, size_t whylen)
{
	char *save = NULL, *verb, *kmw, *keyw, *actw, *extra;
	int km, key;
	enum action a = ACT_NONE;

	verb = strtok_r(line, " \t", &save);
	if (!verb || verb[0] == '#')
		return true;
	kmw = strtok_r(NULL, " \t", &save);
	keyw = strtok_r(NULL, " \t", &save);
	if (strcmp(verb, "bind") == 0)
		actw = strtok_r(NULL, " \t", &save);
	else if (strcmp(verb, "unbind") == 0)
		actw = NULL;
	else {
		snprintf(why, whylen, _("unknown word '%s' (bind or unbind)"), verb);
		return false;
	}
	extra = strtok_r(NULL, " \t", &save);
	if (!kmw || !keyw || (strcmp(verb, "bind") == 0 && !actw)) {
		snprintf(why, whylen, strcmp(verb, "bind") == 0 ? _("%s needs KEYMAP KEY ACTION")
		         : _("%s needs KEYMAP KEY"), verb);
		return false;
	}
	if (extra && extra[0] != '#') {
		snprintf(why, whylen, _("unexpected '%s' after the binding"), extra);
		return false;
	}
	if ((km = keymap_from_name(kmw)) < 0) {
		snprintf(why, whylen, _("unknown keymap '%s'"), kmw);
		return false;
	}
	if ((key = key_from_name(keyw)) < 0) {
		snprintf(why, whylen, _("unknown key '%s'"), keyw);
		return false;
	}
	if (actw && (a = action_from_name(actw)) == ACT_NONE) {
		snprintf(why, whylen, _("unknown action '%s'"), actw);
		return false;
	}
	keymap_bind((enum keymap)km, key, a);
	return true;
}

int
keymap_load_file(const char *path, char *err, size_t errlen)
{
	size_t len = 0;
	char *text = read_whole_file(path, &len);
	unsigned long lineno = 0;
	int bad = 0;

	if (!bindings_ready)
		keymap_reset();
	if (!text)
		return 0;
	/* split by hand: strtok_r would skip empty lines and miscount */
	for (char *line = text, *next; line; line = next) {
		char why[160];

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (!config_line(line, why, sizeof why) && bad++ == 0)
			snprintf(err, errlen, "%s:%lu: %s", path, lineno, why);
	}
	free(text);
	return bad;
}
