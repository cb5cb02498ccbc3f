/* cli_keys.c: `casepath keys`: the key bindings, as the help screen
 * shows them, from the same table (keymap.c). With --mdoc it writes the
 * man page's KEYS section, which the tests compare with man/casepath.1
 * so the page cannot drift from the code. The user's key file is
 * applied unless --default is given. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "casepath/cli.h"
#include "casepath/i18n.h"
#include "casepath/keymap.h"

static void
print_text(void *ctx, const char *keys, enum action a)
{
	(void)ctx;
	printf("  %-22s %-14s %s\n", keys, action_name(a), action_help(a));
}

/* "j, <Down>" as mdoc arguments: "j , <Down>" */
static void
print_mdoc(void *ctx, const char *keys, enum action a)
{
	(void)ctx;
	fputs(".It Cm", stdout);
	for (const char *p = keys; *p; p++) {
		if (p[0] == ',' && p[1] == ' ') {
			fputs(" ,", stdout);
			continue;
		}
		if (p == keys || p[-1] == ' ')
			putchar(' ');
		if (*p != ' ')
			putchar(*p);
	}
	printf("\n%s\n.Pq Ic %s\n", action_help(a), action_name(a));
}

static void
count(void *ctx, const char *keys, enum action a)
{
	(void)keys;
	(void)a;
	++*(int *)ctx;
}

int
cli_keys(const struct cli *c)
{
	bool mdoc = false, defaults = false;

	for (int i = 0; i < c->argc; i++) {
		if (strcmp(c->argv[i], "--mdoc") == 0)
			mdoc = true;
		else if (strcmp(c->argv[i], "--default") == 0)
			defaults = true;
		else
			return cli_usage_error(c, _("unknown argument '%s'"), c->argv[i]);
	}
	keymap_reset();
	if (!defaults) {
		char path[1024], err[1200];

		if (keymap_load_file(keymap_user_file(path, sizeof path), err, sizeof err))
			fprintf(stderr, "casepath: %s\n", err);
	}
	if (mdoc) {
		puts(".Sh KEYS");
		puts("Each key runs a named action; the names are those of the key file");
		puts("and of the");
		puts(".Ic \\&:");
		puts("command line.");
		puts("A screen's own keys come first; the global ones work everywhere");
		puts("except in forms, where keys type text.");
	}
	for (int km = 0; km < KM_COUNT; km++) {
		int n = 0;

		keymap_each((enum keymap)km, count, &n);
		if (n == 0)
			continue;
		if (mdoc) {
			printf(".Ss %s (%s)\n.Bl -tag -width Ds -compact\n",
			       keymap_title((enum keymap)km), keymap_name((enum keymap)km));
			keymap_each((enum keymap)km, print_mdoc, NULL);
			puts(".El");
		} else {
			printf("%s (%s)\n", keymap_title((enum keymap)km),
			       keymap_name((enum keymap)km));
			keymap_each((enum keymap)km, print_text, NULL);
		}
	}
	return 0;
}
