/* cli_rederive.c: casepath rederive: derive stored persons again, the
 * ones holding a clock lapsed by date (the default: what a day passing
 * leaves stale) or all of them (after the rules file changed), in
 * audited batches (store_sweep.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "casepath/cli.h"
#include "casepath/i18n.h"
#include "casepath/rules.h"
#include "casepath/store.h"
#include "casepath/store_sweep.h"
#include "casepath/util.h"
#include "casepath/vocab.h"

/* persons a transaction: a few milliseconds of work each, so a kill
 * loses little and another process waits little for the write lock */
#define CLI_BATCH 500

static const char *
status_label(int s)
{
	return vocab_label(vocab_clock_statuses, clock_status_word((enum clock_status)s));
}

/* "open -> lapsed 4700, new open 2" in the user's language. */
static void
print_clocks(const struct rederive_counts *n)
{
	bool any = false;

	for (int a = 0; a <= CLOCK_LAPSED; a++) {
		const char *wa = status_label(a);

		for (int b = 0; b <= CLOCK_LAPSED; b++) {
			if (!n->status[a][b])
				continue;
			if (a == b)
				/* TRANSLATORS: clocks whose status stayed but whose days,
				 * rule or arithmetic changed; %s is a status word */
				printf(_("%s%s (recomputed) %ld"), any ? ", " : "", wa, n->status[a][b]);
			else
				printf("%s%s \u2192 %s %ld", any ? ", " : "", wa,
				       status_label(b), n->status[a][b]);
			any = true;
		}
		if (n->added[a]) {
			/* TRANSLATORS: clocks the rules give now and did not before */
			printf(_("%snew %s %ld"), any ? ", " : "", wa, n->added[a]);
			any = true;
		}
		if (n->removed[a]) {
			/* TRANSLATORS: clocks stored before that the rules no longer give */
			printf(_("%sgone %s %ld"), any ? ", " : "", wa, n->removed[a]);
			any = true;
		}
	}
	if (!any)
		fputs(_("no clock changed"), stdout);
	putchar('\n');
}

int
cli_rederive(const struct cli *c)
{
	enum rederive_mode mode = REDERIVE_LAPSED;
	bool done = false, progress = isatty(STDERR_FILENO) == 1, shown = false;
	const struct rederive_counts *n;
	struct rederive *r;
	struct store *st;
	enum status rc = ST_OK;
	uint64_t t0 = mono_ns(), last_shown = 0;
	clock_t c0 = clock();
	long total;

	for (int i = 0; i < c->argc; i++) {
		if (strcmp(c->argv[i], "--lapsed") == 0)
			mode = REDERIVE_LAPSED;
		else if (strcmp(c->argv[i], "--all") == 0)
			mode = REDERIVE_ALL;
		else
			return cli_usage_error(c, _("unknown argument '%s'"), c->argv[i]);
	}
	if (!(st = cli_open_db(c, 0)))
		return EXIT_USER;
	if (!(r = store_rederive_new(st, mode))) {
		cli_error("%s", store_errmsg(st));
		cli_close_db(&st);
		return EXIT_USER;
	}
	if (store_rederive_resumed(r))
		fprintf(stderr, _("casepath: carrying on where an earlier pass stopped"
		        " (after person id %lld)\n"), (long long)store_rederive_resumed(r));
	total = progress ? store_rederive_total(r) : -1;
	n = store_rederive_counts(r);
	while (!done && rc == ST_OK) {
		rc = store_rederive_step(r, CLI_BATCH, true, &done);
		if (progress && rc == ST_OK && mono_ns() - last_shown > 100000000) {
			last_shown = mono_ns();
			fputs("\r", stderr);
			if (total > 0)
				fprintf(stderr, _("re-deriving: %ld of %ld persons"), n->persons,
				        total);
			else
				fprintf(stderr, _("re-deriving: %ld persons"), n->persons);
			shown = true;
		}
	}
	if (shown)
		fputs("\r\033[K", stderr);
	if (rc != ST_OK && n->batches > 0) {
		cli_error(_("%s (the batches before it are saved; run it again to finish)"),
		          store_errmsg(st));
	} else if (rc != ST_OK) {
		cli_error("%s", store_errmsg(st));
	} else {
		printf(P_("re-derived %ld person (%ld changed) in %.2f s (%.2f s CPU): ",
		          "re-derived %ld persons (%ld changed) in %.2f s (%.2f s CPU): ",
		          (unsigned long)n->persons),
		       n->persons, n->changed, (double)(mono_ns() - t0) / 1e9,
		       (double)(clock() - c0) / CLOCKS_PER_SEC);
		print_clocks(n);
	}
	store_rederive_free(&r);
	cli_close_db(&st);
	return rc == ST_OK ? 0 : EXIT_USER;
}
