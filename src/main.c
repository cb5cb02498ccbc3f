/* main.c: casepath's entry point: the TUI, or a batch command. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "casepath/cli.h"
#include "casepath/date.h"
#include "casepath/i18n.h"

int
main(int argc, char **argv)
{
	struct cli c;
	const char *why;
	int rc;

	/* Everything casepath creates is the user's alone. */
	umask(077);
	i18n_init(cli_lang(argc, argv));
	rc = cli_parse(argc, argv, &c);
	if (rc >= 0)
		return rc;
	if (c.date_format && (why = date_display_set(c.date_format)) != NULL) {
		fprintf(stderr, _("casepath: --date-format '%s': %s\n"), c.date_format, why);
		free(c.argv);
		return EXIT_USAGE;
	}
	if (!c.command)
		rc = tui_run(&c);
	else if (cli_help_requested(&c))
		rc = cli_print_help(cli_find(c.command));
	else
		rc = cli_find(c.command)->run(&c);
	free(c.argv);
	return rc;
}
