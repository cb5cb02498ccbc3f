/* cli_commands.c: demo, export, show, deadlines, verify. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/clock_text.h"
#include "casepath/cli.h"
#include "casepath/csv.h"
#include "casepath/date.h"
#include "casepath/demo.h"
#include "casepath/i18n.h"
#include "casepath/rules.h"
#include "casepath/vocab.h"
#include "casepath/store.h"
#include "casepath/u8.h"
#include "casepath/i18n.h"
#include "casepath/store_dup.h"
#include "casepath/store_view.h"
#include "casepath/util.h"

/* Writes s to out with every control and bidi character made visible:
 * a record's text never reaches a terminal as a command. */
static void
put_clean(FILE *out, const char *s)
{
	char small[512];
	size_t need = u8_sanitize(s, small, sizeof small);

	if (need < sizeof small) {
		fputs(small, out);
	} else {
		char *big = xmalloc(need + 1);

		u8_sanitize(s, big, need + 1);
		fputs(big, out);
		free(big);
	}
}

static bool
parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (str_empty(s))
		return false;
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* --- demo ----------------------------------------------------------------- */

struct demo_ctx {
	struct loader *l;
	struct store *st;
	char failure[1024];
};

static int
demo_failed(struct demo_ctx *d, enum status rc, const char *case_no,
            const struct load_error *err)
{
	if (rc == ST_ERR_INPUT)
		snprintf(d->failure, sizeof d->failure,
		         _("the demo generator made an invalid row for %s (column %s): %s"),
		         case_no ? case_no : "?", err->column ? err->column : "-",
		         err->reason);
	else
		snprintf(d->failure, sizeof d->failure, "%s", store_errmsg(d->st));
	return 1;
}

static int
demo_person(void *ctx, const struct person_in *p)
{
	struct demo_ctx *d = ctx;
	struct load_error err;
	enum status rc = loader_person(d->l, p, &err);

	return rc == ST_OK ? 0 : demo_failed(d, rc, p->case_no, &err);
}

static int
demo_event(void *ctx, const struct event_in *e)
{
	struct demo_ctx *d = ctx;
	struct load_error err;
	enum status rc = loader_event(d->l, e, &err);

	return rc == ST_OK ? 0 : demo_failed(d, rc, e->case_no, &err);
}

static int
demo_relation(void *ctx, const struct relation_in *r)
{
	struct demo_ctx *d = ctx;
	struct load_error err;
	enum status rc = loader_relation(d->l, r, &err);

	return rc == ST_OK ? 0 : demo_failed(d, rc, r->case_no, &err);
}

static int
demo_document(void *ctx, const struct document_in *doc)
{
	struct demo_ctx *d = ctx;
	struct load_error err;
	enum status rc = loader_document(d->l, doc, &err);

	return rc == ST_OK ? 0 : demo_failed(d, rc, doc->case_no, &err);
}


int
cli_demo(const struct cli *c)
{
	struct demo_options opt = { .persons = 1000, .seed = 1 };
	struct demo_ctx d = { 0 };
	struct demo_sink sink = { &d, demo_person, demo_event, demo_relation,
	                          demo_document };
	struct load_counts n;
	uint64_t t0;
	struct store *st;
	char source[64];
	bool bad = false;
	long existing;
	int status = EXIT_USER;

	for (int i = 0; i < c->argc && !bad; i++) {
		const char *v = NULL;
		long num = 0;

		if (cli_option(c, &i, "--persons", &v, &bad)) {
			if (bad)
				break;
			if (!parse_long(v, 1, 100000000, &num))
				return cli_usage_error(c, _("--persons needs a number from 1 to"
				                       " 100000000, not '%s'"), v);
			opt.persons = num;
		} else if (cli_option(c, &i, "--seed", &v, &bad)) {
			if (bad)
				break;
			if (!parse_long(v, 0, 2147483647L, &num))
				return cli_usage_error(c, _("--seed needs a number from 0 to"
				                       " 2147483647, not '%s'"), v);
			opt.seed = (uint64_t)num;
		} else {
			return cli_usage_error(c, _("unknown argument '%s'"), c->argv[i]);
		}
	}
	if (bad)
		return EXIT_USAGE;
	opt.today = day_today();
	if (!(st = cli_open_db(c, STORE_CREATE)))
		return EXIT_USER;
	existing = store_person_count(st);
	if (existing != 0) {
		cli_error(_("%s: already holds %ld persons; demo fills only a new, empty"
		          " database"), store_path(st), existing);
		cli_close_db(&st);
		return EXIT_USER;
	}
	t0 = mono_ns();
	d.st = st;
	if (store_bulk_begin(st) != ST_OK || store_tx_begin(st) != ST_OK) {
		cli_error("%s", store_errmsg(st));
		goto out;
	}
	if (!(d.l = loader_new(st, LOADER_AUDIT_SUMMARY))) {
		cli_error("%s", store_errmsg(st));
		store_tx_rollback(st);
		goto out;
	}
	if (demo_generate(&opt, &sink) != 0) {
		cli_error(_("%s: %s; nothing written"), store_path(st), d.failure);
		store_tx_rollback(st);
		goto out;
	}
	snprintf(source, sizeof source, "seed %llu, %ld persons",
	         (unsigned long long)opt.seed, opt.persons);
	{
		struct load_error err;
		enum status rc = loader_finish(d.l, "demo", source, NULL, &err);

		if (rc == ST_ERR_INPUT || rc == ST_ERR_PERMISSION) {
			cli_error(_("%s: the demo generator broke a rule: %s; nothing written"),
			          store_path(st), err.reason);
			store_tx_rollback(st);
			goto out;
		}
		if (rc != ST_OK || store_tx_commit(st) != ST_OK) {
			cli_error(_("%s: %s; nothing written"), store_path(st), store_errmsg(st));
			store_tx_rollback(st);
			goto out;
		}
	}
	n = loader_counts(d.l);
	/* for make bench: how long deriving the stages and clocks took */
	if (getenv("CASEPATH_LOAD_TIMING"))
		cli_load_timing(&n, n.derived < 0 ? n.persons : n.derived);
	printf(_("%s: %ld fictional persons, %ld events, %ld relations, %ld documents"
	       " in %.2f s\n"), store_path(st), n.persons, n.events, n.relations,
	       n.documents, (double)(mono_ns() - t0) / 1e9);
	status = 0;
out:
	loader_free(&d.l);
	store_bulk_end(st);
	cli_close_db(&st);
	return status;
}

/* --- export ---------------------------------------------------------------- */

struct export_ctx {
	bool json;
	long rows;
};

static int
export_row(void *ctx, const char *const *fields, size_t n)
{
	struct export_ctx *x = ctx;

	if (x->json)
		printf("%s%s", x->rows ? ",\n" : "", fields[0]);
	else
		csv_write_row(stdout, fields, n);
	x->rows++;
	return ferror(stdout) ? 1 : 0;
}

/* Shared by export and deadlines: --format csv|json[|text]. */
static int
parse_format(const struct cli *c, const char *v, bool allow_text, int *format)
{
	if (strcmp(v, "csv") == 0)
		*format = 1;
	else if (strcmp(v, "json") == 0)
		*format = 2;
	else if (allow_text && strcmp(v, "text") == 0)
		*format = 0;
	else
		return cli_usage_error(c, _("unknown format '%s' (%s)"), v,
		                       allow_text ? _("text, csv or json") : _("csv or json"));
	return 0;
}

static int
finish_output(struct store **st, enum status rc)
{
	int status = 0;

	if (rc != ST_OK)
		status = cli_error("%s", store_errmsg(*st));
	else if (fflush(stdout) != 0 || ferror(stdout))
		status = cli_error(_("cannot write the output"));
	store_close(st);
	return status;
}

int
cli_export(const struct cli *c)
{
	struct export_ctx x = { 0 };
	unsigned flags = 0;
	int kind = -1, format = 1;
	bool bad = false;
	struct store *st;
	enum status rc;

	for (int i = 0; i < c->argc && !bad; i++) {
		const char *v = NULL;

		if (cli_option(c, &i, "--format", &v, &bad)) {
			if (!bad && parse_format(c, v, false, &format))
				return EXIT_USAGE;
		} else if (strcmp(c->argv[i], "--redact") == 0) {
			flags |= EXPORT_REDACT;
		} else if (kind < 0 && c->argv[i][0] != '-') {
			if ((kind = store_kind_from_word(c->argv[i])) < 0)
				return cli_usage_error(c, _("unknown kind '%s' (persons, events"
				                       " or relations)"), c->argv[i]);
		} else {
			return cli_usage_error(c, _("unknown argument '%s'"), c->argv[i]);
		}
	}
	if (bad)
		return EXIT_USAGE;
	if (kind < 0)
		return cli_usage_error(c, _("needs a kind (persons, events or relations)"));
	if (format == 2)
		flags |= EXPORT_JSON;
	x.json = format == 2;
	/* redacted: the first one creates the database's pseudonym secret */
	if (!(st = cli_open_db(c, (flags & EXPORT_REDACT) ? 0 : STORE_READONLY)))
		return EXIT_USER;
	if (x.json) {
		fputs("[\n", stdout);
	} else {
		size_t n;
		const char *const *cols = store_columns((enum record_kind)kind, &n);

		csv_write_row(stdout, cols, n);
	}
	rc = store_export(st, (enum record_kind)kind, flags, NULL, export_row, &x);
	if (x.json)
		fputs(x.rows ? "\n]\n" : "]\n", stdout);
	return finish_output(&st, rc);
}

/* --- show ------------------------------------------------------------------- */

struct show_ctx {
	int32_t as_of;
	long shown, hidden;
	bool timeline;
};

static void
put_labelled(const char *label, const char *value)
{
	char pad[128];

	if (str_empty(value))
		return;
	printf("  %s ", u8_pad(label, 20, pad, sizeof pad));
	put_clean(stdout, value);
	putchar('\n');
}

static int
show_person(void *ctx, const char *const *f, size_t n)
{
	long *found = ctx;
	char day[PDATE_TEXT_MAX + 8];

	(void)n;
	(*found)++;
	/* columns as in store_columns(REC_PERSONS) */
	put_clean(stdout, f[0]);
	fputs("  ", stdout);
	put_clean(stdout, f[1]);
	fputs(", ", stdout);
	put_clean(stdout, f[2]);
	putchar('\n');
	put_labelled(_("native name"), f[3]);
	put_labelled(_("aliases"), f[4]);
	put_labelled(_("sex"), vocab_label(vocab_sexes, f[5]));
	put_labelled(_("birth date"), pdate_display(f[6], day, sizeof day));
	put_labelled(_("nationality"), f[7]);
	if (*f[8] && strcmp(f[7], f[8]) != 0) {
		char pad[128];

		printf("  %s ", u8_pad(_("claimed nationality"), 20, pad, sizeof pad));
		put_clean(stdout, f[8]);
		fputs(_("  (disputed)\n"), stdout);
	}
	put_labelled(_("ethnicity"), f[9]);
	put_labelled(_("languages"), f[10]);
	put_labelled(_("interpreter needed"), strcmp(f[11], "yes") == 0 ?
	             i18n_pgettext("yes/no field", "yes") : strcmp(f[11], "no") == 0 ?
	             i18n_pgettext("yes/no field", "no") : f[11]);
	put_labelled(_("category"), i18n_category(f[12]));
	put_labelled(_("notes"), f[13]);
	return 0;
}

static int
show_document(void *ctx, const char *const *f, size_t n)
{
	long *count = ctx;
	char day[PDATE_TEXT_MAX + 8];

	(void)n;
	if ((*count)++ == 0)
		puts(_("\nIdentity documents"));
	printf("  ");
	for (size_t i = 0; i < 6; i++) {
		const char *v = i == 0 ? vocab_label(vocab_document_types, f[0]) :
		                i == 3 || i == 4 ? pdate_display(f[i], day, sizeof day) :
		                i == 5 ? vocab_label(vocab_document_statuses, f[5]) : f[i];

		if (i)
			fputs(i == 2 ? _("  issued by ") : i == 3 ? _("  issued ") :
			      i == 4 ? _("  expires ") : "  ", stdout);
		put_clean(stdout, *v ? v : "-");
	}
	if (*f[6]) {
		fputs("  ", stdout);
		put_clean(stdout, f[6]);
	}
	putchar('\n');
	return 0;
}

static int
show_relation(void *ctx, const char *const *f, size_t n)
{
	long *count = ctx;
	char pad[128];

	(void)n;
	if ((*count)++ == 0)
		puts(_("\nFamily and companions"));
	printf("  %s ", u8_pad(vocab_label(vocab_relations, f[1]), 17, pad, sizeof pad));
	put_clean(stdout, f[2]);
	printf("  (%s)", vocab_label(vocab_verifications, f[3]));
	if (*f[4]) {
		fputs("  ", stdout);
		put_clean(stdout, f[4]);
	}
	putchar('\n');
	return 0;
}

static int
show_event(void *ctx, const char *const *f, size_t n)
{
	struct show_ctx *s = ctx;
	struct pdate d;
	char pad[128], day[PDATE_TEXT_MAX + 8], when[64];

	(void)n;
	if (s->as_of && !pdate_parse(f[1], &d) && pdate_earliest(&d) > s->as_of) {
		s->hidden++;
		return 0;
	}
	s->shown++;
	if (!s->timeline)
		return 0;
	if (s->shown == 1)
		puts(_("\nTimeline"));
	printf("  %s %s", u8_pad_min(pdate_display(f[1], day, sizeof day), 11, when, sizeof when),
	       u8_pad(KIND_LABEL(f[2]), 27, pad, sizeof pad));
	for (size_t i = 3; i < 9; i++) {
		if (!*f[i])
			continue;
		fputs("  ", stdout);
		if (i == 6)
			fputs(_("for "), stdout);
		put_clean(stdout, i == 6 ? duration_display(f[6], day, sizeof day) :
		          i == 7 ? vocab_label(vocab_outcomes, f[7]) : f[i]);
	}
	putchar('\n');
	return 0;
}

/* The stage, every clock with its arithmetic, and every violation. */
static enum status
show_pathway(struct store *st, const char *case_no, int32_t as_of)
{
	struct rule_result r = { .stage = -1 };
	char a[PDATE_TEXT_MAX], b[PDATE_TEXT_MAX], pad[128], arith[256];
	enum status rc = store_pathway(st, case_no, as_of, &r);

	if (rc != ST_OK)
		return rc;
	printf(_("\nStage as of %s: "), day_display(as_of, a, sizeof a));
	if (r.stage >= 0)
		printf(P_("%s since %s (%ld day)\n", "%s since %s (%ld days)\n",
		          as_of - r.stage_since), STAGE_LABEL(vocab_stages[r.stage]),
		       day_display(r.stage_since, b, sizeof b),
		       (long)(as_of - r.stage_since));
	else
		puts(_("none recorded"));
	if (r.nclocks)
		puts(_("\nLegal clocks"));
	for (size_t i = 0; i < r.nclocks; i++) {
		const struct rule_clock *c = &r.clocks[i];

		printf("  %s %-10s", u8_pad(CLOCK_LABEL(c->name), 24, pad, sizeof pad),
		       day_display(c->due, a, sizeof a));
		if (c->due_latest != c->due)
			printf("..%s", day_display(c->due_latest, b, sizeof b));
		printf("  %s %-9s %s\n", u8_pad(vocab_label(vocab_clock_statuses,
		       clock_status_word(c->status)), 8, pad, sizeof pad), c->rule,
		       clock_arithmetic_display(c->arithmetic, arith, sizeof arith));
	}
	if (r.nviolations)
		puts(_("\nRule violations"));
	for (size_t i = 0; i < r.nviolations; i++)
		printf("  %s%s\n", r.violations[i].message,
		       r.violations[i].blocking ? _(" (guardrail)") : "");
	rule_result_clear(&r);
	return ST_OK;
}

int
cli_show(const struct cli *c)
{
	struct show_ctx s = { 0 };
	const char *case_no = NULL;
	long found = 0, docs = 0, rels = 0;
	bool bad = false;
	struct store *st;
	enum status rc;

	for (int i = 0; i < c->argc && !bad; i++) {
		const char *v = NULL;

		if (strcmp(c->argv[i], "--timeline") == 0) {
			s.timeline = true;
		} else if (cli_option(c, &i, "--as-of", &v, &bad)) {
			const char *why = bad ? NULL : day_parse(v, &s.as_of);

			if (why)
				return cli_usage_error(c, _("--as-of '%s': %s"), v, why);
		} else if (!case_no && c->argv[i][0] != '-') {
			case_no = c->argv[i];
		} else {
			return cli_usage_error(c, _("unknown argument '%s'"), c->argv[i]);
		}
	}
	if (bad)
		return EXIT_USAGE;
	if (!case_no)
		return cli_usage_error(c, _("needs a case number"));
	if (!(st = cli_open_db(c, STORE_READONLY)))
		return EXIT_USER;
	rc = store_export(st, REC_PERSONS, 0, case_no, show_person, &found);
	if (rc == ST_OK && found == 0) {
		cli_close_db(&st);
		return cli_error(_("no person with case number '%s'"), case_no);
	}
	if (rc == ST_OK) {
		int64_t merge = 0, kept = 0;
		char into[64] = "";

		rc = store_merge_of(st, store_person_id(st, case_no), &merge, into,
		                    sizeof into, &kept);
		if (rc == ST_OK && into[0])
			printf(_("\nmerged into %s (merge %lld; 'casepath unmerge %lld'"
			         " undoes it)\n"), into, (long long)merge, (long long)merge);
		else if (rc == ST_OK && kept)
			printf(_("\nholds a merged record (merge %lld)\n"), (long long)kept);
	}
	if (rc == ST_OK)
		rc = store_documents(st, case_no, show_document, &docs);
	if (rc == ST_OK)
		rc = store_export(st, REC_RELATIONS, 0, case_no, show_relation, &rels);
	if (rc == ST_OK)
		rc = store_export(st, REC_EVENTS, 0, case_no, show_event, &s);
	if (rc == ST_OK && !s.timeline)
		printf(_("\n%ld events; 'casepath show %s --timeline' lists them\n"),
		       s.shown, case_no);
	if (rc == ST_OK && s.timeline)
		rc = show_pathway(st, case_no, s.as_of ? s.as_of : day_today());
	return finish_output(&st, rc);
}

/* --- deadlines ------------------------------------------------------------- */

struct deadline_ctx {
	int format;   /* 0 text, 1 csv, 2 json */
	int32_t as_of;
	long rows;
};

static int
deadline_row(void *ctx, const char *const *f, size_t n)
{
	struct deadline_ctx *d = ctx;

	if (d->format == 1) {
		csv_write_row(stdout, f, n);
	} else if (d->format == 2) {
		printf("%s%s", d->rows ? ",\n" : "", f[0]);
	} else {
		int32_t due = 0;
		char pad[128];
		long left = day_parse(f[2], &due) ? 0 : (long)(due - d->as_of);

		if (d->rows == 0) {
			char h[6][128];

			/* TRANSLATORS: the columns of 'casepath deadlines'
			 * (text): due 10 columns, days 5, case 16, clock 24,
			 * status 8; longer titles are cut. */
			int dw = u8_width(_("days"));

			/* days is right-aligned over its numbers */
			printf("%s  %*s%s  %s  %s  %s  %s\n", u8_pad(_("due"), 10, h[0], sizeof h[0]),
			       dw < 5 ? 5 - dw : 0, "", _("days"),
			       u8_pad(_("case"), 16, h[2], sizeof h[2]),
			       u8_pad(_("clock"), 24, h[3], sizeof h[3]),
			       u8_pad(_("status"), 8, h[4], sizeof h[4]), _("rule"));
		}
		{
			char day[64];

			/* the text is for reading: the display format (csv and
			 * json keep ISO, for machines) */
			printf("%s  %5ld  ", u8_pad_min(pdate_display(f[2], day, sizeof day), 10,
			                                pad, sizeof pad), left);
		}
		put_clean(stdout, f[0]);
		printf("%*s  %s  ", (int)(16 - (int)strlen(f[0]) > 0 ?
		       16 - (int)strlen(f[0]) : 0), "", u8_pad(CLOCK_LABEL(f[1]), 24, pad, sizeof pad));
		printf("%s  ", u8_pad(vocab_label(vocab_clock_statuses, f[4]), 8, pad, sizeof pad));
		put_clean(stdout, f[5]);
		putchar('\n');
	}
	d->rows++;
	return ferror(stdout) ? 1 : 0;
}

int
cli_deadlines(const struct cli *c)
{
	struct deadline_ctx d = { 0 };
	long within = -1;
	bool bad = false, lapsed = false;
	struct store *st;
	enum status rc;

	d.as_of = day_today();
	for (int i = 0; i < c->argc && !bad; i++) {
		const char *v = NULL;

		if (cli_option(c, &i, "--as-of", &v, &bad)) {
			const char *why = bad ? NULL : day_parse(v, &d.as_of);

			if (why)
				return cli_usage_error(c, _("--as-of '%s': %s"), v, why);
		} else if (strcmp(c->argv[i], "--lapsed") == 0) {
			lapsed = true;
		} else if (cli_option(c, &i, "--within", &v, &bad)) {
			if (!bad && !parse_long(v, 0, 36500, &within))
				return cli_usage_error(c, _("--within needs a number of days,"
				                       " not '%s'"), v);
		} else if (cli_option(c, &i, "--format", &v, &bad)) {
			if (!bad && parse_format(c, v, true, &d.format))
				return EXIT_USAGE;
		} else {
			return cli_usage_error(c, _("unknown argument '%s'"), c->argv[i]);
		}
	}
	if (bad)
		return EXIT_USAGE;
	if (!(st = cli_open_db(c, STORE_READONLY)))
		return EXIT_USER;
	if (d.format == 1)
		puts("case_no,clock,due,due_latest,status,rule");
	else if (d.format == 2)
		fputs("[\n", stdout);
	rc = store_deadlines(st, d.as_of, (int)within,
	                     (d.format == 2 ? EXPORT_JSON : 0) |
	                     (lapsed ? DEADLINES_LAPSED : 0), deadline_row, &d);
	if (d.format == 2)
		fputs(d.rows ? "\n]\n" : "]\n", stdout);
	else if (d.format == 0 && d.rows == 0 && rc == ST_OK)
		puts(_("no open deadlines"));
	return finish_output(&st, rc);
}

/* --- verify ----------------------------------------------------------------- */

int
cli_verify(const struct cli *c)
{
	struct store *st;
	char report[1024];
	enum status rc;

	if (c->argc > 0)
		return cli_usage_error(c, _("unknown argument '%s'"), c->argv[0]);
	if (!(st = cli_open_db(c, STORE_READONLY)))
		return EXIT_USER;
	rc = store_verify(st, report, sizeof report);
	if (rc == ST_OK)
		printf("%s: %s\n", store_path(st), report);
	else
		cli_error("%s: %s", store_path(st), report);
	cli_close_db(&st);
	return rc == ST_OK ? 0 : EXIT_USER;
}
