/* cli_dup.c: casepath duplicates, merge and unmerge (store_dup.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/cli.h"
#include "casepath/csv.h"
#include "casepath/i18n.h"
#include "casepath/store.h"
#include "casepath/store_dup.h"
#include "casepath/store_view.h"
#include "casepath/u8.h"
#include "casepath/util.h"

static void
put_clean(FILE *out, const char *s)
{
	char buf[2048];

	u8_sanitize(s, buf, sizeof buf);
	fputs(buf, out);
}

static bool
parse_num(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return false;
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

struct dup_ctx {
	bool csv;
	long rows;
};

static int
print_pair(void *ctx, const struct dup_pair_row *r)
{
	struct dup_ctx *d = ctx;

	d->rows++;
	if (d->csv) {
		char score[16];
		const char *f[6] = { score, r->a_case, r->a_name, r->b_case, r->b_name,
		                     r->evidence };

		snprintf(score, sizeof score, "%d", r->score);
		csv_write_row(stdout, f, 6);
		return 0;
	}
	printf("%3d  ", r->score);
	put_clean(stdout, r->a_case);
	fputs("  ", stdout);
	put_clean(stdout, r->a_name);
	fputs("\n     ", stdout);
	put_clean(stdout, r->b_case);
	fputs("  ", stdout);
	put_clean(stdout, r->b_name);
	fputs("\n     ", stdout);
	put_clean(stdout, r->evidence);
	fputs("\n", stdout);
	return 0;
}


int
cli_duplicates(const struct cli *c)
{
	struct dup_ctx d = { 0 };
	long min_score = DUP_MIN_SCORE, limit = -1, cands = 0, kept = 0;
	const char *case_no = NULL;
	bool bad = false, refresh = false;
	int64_t person = 0;
	uint64_t t0;
	struct store *st;
	enum status rc;
	int fresh;

	for (int i = 0; i < c->argc && !bad; i++) {
		const char *v = NULL;

		if (cli_option(c, &i, "--min-score", &v, &bad)) {
			if (!bad && !parse_num(v, DUP_KEEP_SCORE, 100, &min_score))
				return cli_usage_error(c, "--min-score needs a number from %d"
				                       " to 100, not '%s'", DUP_KEEP_SCORE, v);
		} else if (cli_option(c, &i, "--limit", &v, &bad)) {
			if (!bad && !parse_num(v, 1, 100000000, &limit))
				return cli_usage_error(c, "--limit needs a positive number,"
				                       " not '%s'", v);
		} else if (cli_option(c, &i, "--format", &v, &bad)) {
			if (!bad && strcmp(v, "csv") == 0)
				d.csv = true;
			else if (!bad && strcmp(v, "text") != 0)
				return cli_usage_error(c, "--format is text or csv, not '%s'", v);
		} else if (cli_option(c, &i, "--case", &v, &bad)) {
			case_no = v;
		} else if (strcmp(c->argv[i], "--refresh") == 0) {
			refresh = true;
		} else {
			return cli_usage_error(c, "unknown argument '%s'", c->argv[i]);
		}
	}
	if (bad)
		return EXIT_USAGE;
	if (!(st = cli_open_db(c, 0)))
		return EXIT_USER;
	if (case_no && !(person = store_person_id(st, case_no))) {
		cli_close_db(&st);
		return cli_error("no person with case number '%s'", case_no);
	}
	t0 = mono_ns();
	fresh = store_dup_fresh(st);
	rc = fresh < 0 ? ST_ERR_DB : store_dup_refresh(st, refresh, &cands, &kept);
	if (rc == ST_OK && (!fresh || refresh))
		fprintf(stderr, _("casepath: looked for duplicates again: %ld candidate"
		        " pairs, %ld kept, %.2f s\n"), cands, kept, (double)(mono_ns() - t0) / 1e9);
	if (rc == ST_OK && d.csv)
		puts("score,case_no,name,other_case_no,other_name,evidence");
	if (rc == ST_OK)
		rc = store_dup_pairs(st, (int)min_score, person, limit, print_pair, &d);
	if (rc == ST_OK && !d.csv && d.rows == 0)
		puts(_("no possible duplicates"));
	if (rc != ST_OK)
		cli_error("%s", store_errmsg(st));
	cli_close_db(&st);
	return rc == ST_OK ? 0 : EXIT_USER;
}

static int
person_by_case(struct store *st, const char *case_no, int64_t *id, int64_t *version)
{
	struct person_detail d;

	memset(&d, 0, sizeof d);
	if (!(*id = store_person_id(st, case_no)))
		return cli_error("no person with case number '%s'", case_no);
	if (store_person_detail(st, *id, &d) != ST_OK)
		return cli_error("%s", store_errmsg(st));
	*version = d.version;
	person_detail_clear(&d);
	return 0;
}

int
cli_merge(const struct cli *c)
{
	struct load_error err;
	int64_t s = 0, sv = 0, a = 0, av = 0, mid = 0;
	struct store *st;
	enum status rc;
	int ex;

	if (c->argc != 2 || c->argv[0][0] == '-' || c->argv[1][0] == '-')
		return cli_usage_error(c, "needs two case numbers: the record that stays,"
		                       " then the one merged into it");
	if (!(st = cli_open_db(c, 0)))
		return EXIT_USER;
	if ((ex = person_by_case(st, c->argv[0], &s, &sv)) != 0 ||
	    (ex = person_by_case(st, c->argv[1], &a, &av)) != 0) {
		cli_close_db(&st);
		return ex;
	}
	rc = store_merge(st, s, sv, a, av, &mid, &err);
	if (rc == ST_OK)
		printf(_("%s merged into %s as merge %lld; 'casepath unmerge %lld' undoes it\n"),
		       c->argv[1], c->argv[0], (long long)mid, (long long)mid);
	else
		cli_error("%s", err.reason);
	cli_close_db(&st);
	return rc == ST_OK ? 0 : EXIT_USER;
}

int
cli_unmerge(const struct cli *c)
{
	struct load_error err;
	long id = 0;
	struct store *st;
	enum status rc;

	if (c->argc != 1 || !parse_num(c->argv[0], 1, 0x7fffffff, &id))
		return cli_usage_error(c, "needs one merge number");
	if (!(st = cli_open_db(c, 0)))
		return EXIT_USER;
	rc = store_unmerge(st, id, &err);
	if (rc == ST_OK)
		printf(_("merge %ld undone\n"), id);
	else
		cli_error("%s", err.reason);
	cli_close_db(&st);
	return rc == ST_OK ? 0 : EXIT_USER;
}
