/* cli.h: the batch commands (DESIGN.md section 5). Each takes the
 * command's own arguments (global options already removed) and returns
 * the process exit status: 0 success, 1 user error (one line on
 * stderr), 2 usage error. */
#ifndef CASEPATH_CLI_H
#define CASEPATH_CLI_H

#include <stdbool.h>

#define EXIT_USER 1
#define EXIT_USAGE 2

struct cli {
	const char *db;      /* --db, or NULL for the default */
	bool allow_shared;   /* --allow-shared-file */
	const char *lang;    /* --lang, or NULL for LANGUAGE/LC_MESSAGES */
	const char *date_format;  /* --date-format, or NULL for ISO */
	const char *command;
	int argc;            /* the command's arguments */
	char **argv;
};

struct cli_command {
	const char *name;
	int (*run)(const struct cli *c);
	const char *usage;    /* after "casepath NAME " */
	const char *summary;  /* one line */
	const char *help;     /* the options, one per line */
};

extern const struct cli_command cli_commands[];

/* Parses argv into c. Returns -1 when it is fine, else an exit status
 * (after printing help, a version or a usage error). */
int cli_parse(int argc, char **argv, struct cli *c);
/* The value of --lang anywhere in argv, or NULL: read before cli_parse so
 * that even its messages come out in the chosen language. */
const char *cli_lang(int argc, char **argv);
const struct cli_command *cli_find(const char *name);

/* Helpers for the commands. */
/* The database path: --db, else the default. Written into buf. */
const char *cli_db_path(const struct cli *c, char *buf, unsigned long len);
/* Prints "casepath NAME: message" and returns EXIT_USAGE. */
int cli_usage_error(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints "casepath: message" to stderr and returns EXIT_USER. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* True when argv[*i] is the option name (as "--name VALUE" or
 * "--name=VALUE"): *value gets the value and *i moves past it. A
 * missing value is reported and *bad set. */
bool cli_option(const struct cli *c, int *i, const char *name,
                const char **value, bool *bad);
bool cli_help_requested(const struct cli *c);
int cli_print_help(const struct cli_command *cmd);
/* Opens the database named by --db (or the default) with the default
 * rule set attached, or prints why not and returns NULL. */
struct store;
struct store *cli_open_db(const struct cli *c, unsigned flags);
void cli_close_db(struct store **st);

struct load_counts;
/* CASEPATH_LOAD_TIMING: where a load's time went, on stderr (make bench) */
void cli_load_timing(const struct load_counts *n, long derived);

int cli_demo(const struct cli *c);
int cli_import(const struct cli *c);
int cli_export(const struct cli *c);
int cli_show(const struct cli *c);
int cli_deadlines(const struct cli *c);
int cli_report(const struct cli *c);
int cli_verify(const struct cli *c);
int cli_rederive(const struct cli *c);
int cli_backup(const struct cli *c);
int cli_restore(const struct cli *c);
int cli_keys(const struct cli *c);
int cli_duplicates(const struct cli *c);
int cli_merge(const struct cli *c);
int cli_unmerge(const struct cli *c);

/* The TUI (src/tui.c). */
int tui_run(const struct cli *c);

#endif
