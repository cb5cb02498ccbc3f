/* tui.c: the interactive entry point: opens the database as the batch
 * commands do (cli_open_db: the sharing check, the rule set), then
 * hands it to the frame (app.c). */
#include <stdlib.h>

#include "casepath/app.h"
#include "casepath/cli.h"
#include "casepath/store.h"

int
tui_run(const struct cli *c)
{
	struct store *st;
	char path[4096];
	int rc;

	app_note_start();
	cli_db_path(c, path, sizeof path);
	if (!(st = cli_open_db(c, STORE_CREATE)))
		return EXIT_USER;
	store_tune_interactive(st);
	rc = app_run(st, path);
	cli_close_db(&st);
	return rc;
}
