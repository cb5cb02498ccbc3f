/* main.c: casepath's entry point: the TUI, or a batch command. */
#include <stdlib.h>
#include <sys/stat.h>

#include "casepath/cli.h"
#include "casepath/i18n.h"

int
main(int argc, char **argv)
{
	struct cli c;
	int rc;

	/* Everything casepath creates is the user's alone. */
	umask(077);
	i18n_init(cli_lang(argc, argv));
	rc = cli_parse(argc, argv, &c);
	if (rc >= 0)
		return rc;
	if (!c.command)
		rc = tui_run(&c);
	else if (cli_help_requested(&c))
		rc = cli_print_help(cli_find(c.command));
	else
		rc = cli_find(c.command)->run(&c);
	free(c.argv);
	return rc;
}
