/* cli_report.c: casepath report, the supervisor's Monday figures as
 * text, CSV files or an HTML page (report.h). */
#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casepath/cli.h"
#include "casepath/date.h"
#include "casepath/i18n.h"
#include "casepath/report.h"
#include "casepath/store.h"
#include "casepath/store_view.h"

#define TEXT_WIDTH 80

enum report_format { FMT_TEXT, FMT_CSV, FMT_HTML };

/* Writes the report to --out (a file; a directory for CSV) or to
 * standard output. */
static int
write_report(const struct report *r, enum report_format format, const char *out)
{
	char err[1024];
	FILE *f = stdout;
	int bad;

	if (format == FMT_CSV) {
		if (report_write_csv_dir(out, r, err, sizeof err) != 0)
			return cli_error("%s", err);
		return 0;
	}
	/* umask 077 (main.c): the file is the user's alone */
	if (out && !(f = fopen(out, "w")))
		return cli_error(_("%s: cannot write: %s"), out, strerror(errno));
	if (format == FMT_HTML)
		bad = report_write_html(f, r);
	else
		bad = report_write_text(f, r, TEXT_WIDTH,
		                        report_unicode_ok(nl_langinfo(CODESET),
		                                          !out && isatty(STDOUT_FILENO)
		                                          ? getenv("TERM") : NULL));
	if (out ? fclose(f) != 0 || bad : fflush(f) != 0 || bad || ferror(f))
		return cli_error(_("%s: cannot write the report"), out ? out : _("standard output"));
	return 0;
}

int
cli_report(const struct cli *c)
{
	struct list_filter filter = { .today = 0 };
	enum report_format format = FMT_TEXT;
	const char *out = NULL, *filter_text = "";
	int32_t as_of = day_today(), since = -1;
	struct report r = { .since = -1 };
	bool bad = false;
	struct store *st;
	char err[256];
	int status;

	for (int i = 0; i < c->argc && !bad; i++) {
		const char *v = NULL;

		if (cli_option(c, &i, "--format", &v, &bad)) {
			if (bad)
				break;
			if (strcmp(v, "text") == 0)
				format = FMT_TEXT;
			else if (strcmp(v, "csv") == 0)
				format = FMT_CSV;
			else if (strcmp(v, "html") == 0)
				format = FMT_HTML;
			else
				return cli_usage_error(c, _("unknown format '%s' (text, csv or html)"), v);
		} else if (cli_option(c, &i, "--out", &v, &bad)) {
			out = v;
		} else if (cli_option(c, &i, "--as-of", &v, &bad)) {
			const char *why = bad ? NULL : day_parse(v, &as_of);

			if (why)
				return cli_usage_error(c, _("--as-of '%s': %s"), v, why);
		} else if (cli_option(c, &i, "--since", &v, &bad)) {
			const char *why = bad ? NULL : day_parse(v, &since);

			if (why)
				return cli_usage_error(c, _("--since '%s': %s"), v, why);
		} else if (cli_option(c, &i, "--filter", &v, &bad)) {
			filter_text = v;
		} else {
			return cli_usage_error(c, _("unknown argument '%s'"), c->argv[i]);
		}
	}
	if (bad)
		return EXIT_USAGE;
	if (list_filter_parse(filter_text, &filter, err, sizeof err) != ST_OK)
		return cli_usage_error(c, _("--filter: %s"), err);
	/* day numbers count from 1970; -1 means no comparison */
	if (since != -1 && (since < 0 || since >= as_of))
		return cli_usage_error(c, _("--since must be a day from 1970-01-01 and"
		                       " before the report's day"));
	if (format == FMT_CSV && !out)
		return cli_usage_error(c, _("--format csv needs --out DIR (a file a section)"));
	if (!(st = cli_open_db(c, STORE_READONLY)))
		return EXIT_USER;
	if (store_report(st, &filter, as_of, since, &r) != ST_OK) {
		status = cli_error("%s", store_errmsg(st));
		cli_close_db(&st);
		return status;
	}
	cli_close_db(&st);
	status = write_report(&r, format, out);
	report_clear(&r);
	return status;
}
