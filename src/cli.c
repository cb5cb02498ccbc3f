/* cli.c: command-line parsing and the command table. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/cli.h"
#include "casepath/i18n.h"
#include "casepath/rules.h"
#include "casepath/store.h"

const struct cli_command cli_commands[] = {
	{ "demo", cli_demo, "[--persons N] [--seed S]",
	  N_("fill a new database with fictional, reproducible demo data"),
	  N_("  --persons N   how many persons (default 1000)\n"
	  "  --seed S      the random seed (default 1); the same seed gives the same data\n") },
	{ "import", cli_import, "persons|events|relations FILE.csv [--dry-run]",
	  N_("import a CSV file, all or nothing"),
	  N_("  --dry-run     check every row and report every bad one; write nothing\n") },
	{ "export", cli_export, "persons|events|relations [--format csv|json] [--redact]",
	  N_("write every row of a kind to standard output"),
	  N_("  --format F    csv (default) or json\n"
	  "  --redact      stable pseudonyms instead of case numbers and names; birth\n"
	  "                year, event month; no aliases, notes, places or references\n") },
	{ "show", cli_show, "CASE_NO [--timeline] [--as-of DATE]",
	  N_("print one person's record"),
	  N_("  --timeline    list every event in date order\n"
	  "  --as-of DATE  show the record as of DATE (YYYY-MM-DD) instead of today\n") },
	{ "deadlines", cli_deadlines,
	  "[--as-of DATE] [--within DAYS] [--lapsed] [--format text|csv|json]",
	  N_("list legal clocks that run out"),
	  N_("  --as-of DATE   count from DATE (YYYY-MM-DD) instead of today\n"
	  "  --within DAYS  only clocks due within DAYS days (overdue ones included)\n"
	  "  --lapsed       lapsed clocks too (windows that closed unused)\n"
	  "  --format F     text (default), csv or json\n") },
	{ "report", cli_report,
	  "[--format text|csv|html] [--out DIR|FILE] [--as-of DATE] [--since DATE]"
	  " [--filter WORDS]",
	  N_("print the caseload figures a supervisor reads on Monday"),
	  N_("  --format F     text (default), csv (a file a section, into --out DIR)\n"
	  "                 or html (one page with inline SVG charts)\n"
	  "  --out PATH     the file (text, html) or directory (csv); default\n"
	  "                 standard output\n"
	  "  --as-of DATE   count on DATE (YYYY-MM-DD) instead of today\n"
	  "  --since DATE   add each figure's change since DATE, from the event history\n"
	  "  --filter W     only the persons the list filter W selects, e.g.\n"
	  "                 \"stage=removal_centre nat=SYR\"\n") },
	{ "duplicates", cli_duplicates,
	  "[--min-score N] [--limit N] [--format text|csv] [--case CASE_NO] [--refresh]",
	  N_("list pairs of records that are probably one person, with the evidence"),
	  N_("  --min-score N  only pairs scoring N or more (30 to 100, default 60)\n"
	  "  --limit N      at most N pairs, highest scores first\n"
	  "  --format F     text (default) or csv\n"
	  "  --case CASE    only the pairs of this person\n"
	  "  --refresh      look again even when the pairs kept are current\n") },
	{ "merge", cli_merge, "CASE_NO OTHER_CASE_NO",
	  N_("merge the second record into the first, keeping everything of both"), "" },
	{ "unmerge", cli_unmerge, "MERGE_ID",
	  N_("undo a merge: both records as they were before it"), "" },
	{ "rederive", cli_rederive, "[--lapsed | --all]",
	  N_("derive stages and legal clocks again: those lapsed by date, or all"),
	  N_("  --lapsed  only the persons holding an open clock whose lapse day has\n"
	  "            come (the default; the screens do this once a day by themselves)\n"
	  "  --all     every person, under the current rules file (after it changed)\n") },
	{ "verify", cli_verify, "",
	  N_("check the database's integrity and its audit chain"), "" },
	{ "backup", cli_backup, "DEST [--passphrase-fd N] [--kdf-cost COST]",
	  N_("write an encrypted, consistent copy of the database to DEST (a new file)"),
	  N_("  --passphrase-fd N  read the passphrase (one line) from file descriptor N\n"
	  "                     instead of asking twice on the terminal\n"
	  "  --kdf-cost COST    Argon2id cost: interactive, moderate (default) or\n"
	  "                     sensitive; stored in the backup, restore follows it\n") },
	{ "restore", cli_restore, "SRC [--force] [--no-keep] [--passphrase-fd N]",
	  N_("check an encrypted backup, then make it the database"),
	  N_("  --force            replace an existing database (kept as\n"
	  "                     DB.before-restore-YYYYMMDDTHHMMSS)\n"
	  "  --no-keep          with --force, do not keep the replaced database\n"
	  "  --passphrase-fd N  read the passphrase (one line) from file descriptor N\n") },
	{ "keys", cli_keys, "[--mdoc] [--default]",
	  N_("list the key bindings of every screen"),
	  N_("  --mdoc      as the man page's KEYS section\n"
	  "  --default   without the user's key file\n") },
	{ NULL, NULL, NULL, NULL, NULL }
};

const struct cli_command *
cli_find(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (name && strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void
print_main_help(FILE *out)
{
	fprintf(out,
		_("usage: casepath [--db PATH]                 open the case manager\n"
		"       casepath COMMAND [--db PATH] [ARGS]  run a batch command\n"
		"\ncommands:\n"));
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, _(c->summary));
	fprintf(out,
		_("\noptions:\n"
		"  --db PATH   the database (default: $CASEPATH_DB, else\n"
		"              $XDG_DATA_HOME/casepath/casepath.db)\n"
		"  --allow-shared-file  open a database other users can read\n"
		"  --lang LL   the language of messages and screens (tr, ru, en),\n"
		"              instead of $LANGUAGE / $LC_MESSAGES\n"
		"  --date-format iso|locale|PATTERN\n"
		"              how screens and the text report show dates: ISO\n"
		"              YYYY-MM-DD (default), the language's own (23.11.2026)\n"
		"              or a pattern of %%d %%m %%Y such as %%d/%%m/%%Y\n"
		"  --version   print the version\n"
		"  --help      this text; 'casepath COMMAND --help' for a command\n"
		"\nexit status: 0 success, 1 an error in the data or files, 2 a usage error\n"
		"see casepath(1)\n"));
}

int
cli_print_help(const struct cli_command *cmd)
{
	printf(_("usage: casepath %s [--db PATH]%s%s\n%s\n"), cmd->name,
	       *cmd->usage ? " " : "", cmd->usage, _(cmd->summary));
	if (*cmd->help)
		printf(_("\noptions:\n%s"), _(cmd->help));
	printf(_("  --db PATH     the database (default: $CASEPATH_DB, else"
	       " $XDG_DATA_HOME/casepath/casepath.db)\n"));
	printf(_("  --lang LL     the language of messages (tr, ru, en)\n"));
	printf(_("  --date-format iso|locale|PATTERN  how dates are shown (default iso)\n"));
	return 0;
}

int
cli_parse(int argc, char **argv, struct cli *c)
{
	static char *none[1];
	char **rest = calloc((size_t)argc + 1, sizeof *rest);
	int n = 0;

	memset(c, 0, sizeof *c);
	c->argv = none;
	if (!rest)
		return cli_error(_("out of memory"));
	/* --db may stand anywhere; the first word is the command. */
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--db") == 0) {
			if (i + 1 >= argc) {
				free(rest);
				fprintf(stderr, _("casepath: --db needs a path\n"));
				return EXIT_USAGE;
			}
			c->db = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			c->db = a + 5;
		} else if (strcmp(a, "--allow-shared-file") == 0) {
			c->allow_shared = true;
		} else if (strcmp(a, "--lang") == 0) {
			if (i + 1 >= argc) {
				free(rest);
				fprintf(stderr, _("casepath: --lang needs a language, e.g. tr\n"));
				return EXIT_USAGE;
			}
			c->lang = argv[++i];
		} else if (strncmp(a, "--lang=", 7) == 0) {
			c->lang = a + 7;
		} else if (strcmp(a, "--date-format") == 0) {
			if (i + 1 >= argc) {
				free(rest);
				fprintf(stderr, _("casepath: --date-format needs iso, locale or a pattern\n"));
				return EXIT_USAGE;
			}
			c->date_format = argv[++i];
		} else if (strncmp(a, "--date-format=", 14) == 0) {
			c->date_format = a + 14;
		} else if (!c->command && (strcmp(a, "--version") == 0)) {
			free(rest);
			printf(_("casepath %s (SQLite schema %d)\n"), CASEPATH_VERSION,
			       store_schema_version());
			return 0;
		} else if (!c->command && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			free(rest);
			print_main_help(stdout);
			return 0;
		} else if (!c->command && a[0] != '-') {
			c->command = a;
		} else if (!c->command) {
			free(rest);
			fprintf(stderr, _("casepath: unknown option '%s'; see 'casepath --help'\n"), a);
			return EXIT_USAGE;
		} else {
			rest[n++] = argv[i];
		}
	}
	c->argc = n;
	c->argv = rest;
	if (c->command && !cli_find(c->command)) {
		fprintf(stderr, _("casepath: unknown command '%s'; see 'casepath --help'\n"),
		        c->command);
		free(rest);
		c->argv = none;
		return EXIT_USAGE;
	}
	return -1;
}

const char *
cli_lang(int argc, char **argv)
{
	const char *lang = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
		else if (strcmp(argv[i], "--db") == 0)
			i++;
	}
	return lang;
}

const char *
cli_db_path(const struct cli *c, char *buf, unsigned long len)
{
	if (c->db) {
		snprintf(buf, len, "%s", c->db);
		return buf;
	}
	return store_default_path(buf, len);
}

int
cli_usage_error(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "casepath %s: ", c->command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _("; see 'casepath %s --help'\n"), c->command);
	return EXIT_USAGE;
}

int
cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("casepath: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USER;
}

bool
cli_option(const struct cli *c, int *i, const char *name, const char **value,
           bool *bad)
{
	const char *a = c->argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) != 0)
		return false;
	if (a[n] == '=') {
		*value = a + n + 1;
		return true;
	}
	if (a[n] != '\0')
		return false;
	if (*i + 1 >= c->argc) {
		cli_usage_error(c, _("%s needs a value"), name);
		*bad = true;
		return true;
	}
	*value = c->argv[++*i];
	return true;
}

bool
cli_help_requested(const struct cli *c)
{
	for (int i = 0; i < c->argc; i++)
		if (strcmp(c->argv[i], "--help") == 0 || strcmp(c->argv[i], "-h") == 0)
			return true;
	return false;
}

/* The rule set lives as long as the one database a command opens. */
static struct ruleset *open_rules;

struct store *
cli_open_db(const struct cli *c, unsigned flags)
{
	struct store *st = NULL;
	char path[4096], err[1024];
	const char *shared = getenv("CASEPATH_ALLOW_SHARED");

	if (c->allow_shared || (shared && strcmp(shared, "1") == 0))
		flags |= STORE_ALLOW_SHARED;
	if (!open_rules && !(open_rules = ruleset_load_default(err, sizeof err))) {
		cli_error("%s", err);
		return NULL;
	}
	if (store_open(cli_db_path(c, path, sizeof path), flags, &st, err,
	               sizeof err) != ST_OK) {
		cli_error("%s", err);
		return NULL;
	}
	store_set_rules(st, open_rules);
	/* the list's name order follows the interface's language */
	store_set_name_order(st, strcmp(i18n_language(), "tr") == 0 ?
	                     NAME_ORDER_TR : NAME_ORDER_FOLDED);
	return st;
}

void
cli_close_db(struct store **st)
{
	store_close(st);
	ruleset_free(&open_rules);
}
