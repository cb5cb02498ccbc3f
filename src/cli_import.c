/* cli_import.c: casepath import persons|events|relations FILE.csv.
 * All or nothing: the rows go in one transaction, and the first bad row
 * (or, with --dry-run, every bad row) is reported as
 * FILE:LINE: column NAME (N): reason. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/cli.h"
#include "casepath/digest.h"
#include "casepath/csv.h"
#include "casepath/i18n.h"
#include "casepath/record.h"
#include "casepath/store.h"
#include "casepath/util.h"

/* Where each CSV column goes in the row struct. */
struct field_map {
	const char *name;
	size_t offset;
	bool required;
};

#define F(type, name, req) { #name, offsetof(struct type, name), req }
static const struct field_map person_map[] = {
	F(person_in, case_no, true), F(person_in, family_name, false),
	F(person_in, given_names, false), F(person_in, native_name, false),
	F(person_in, aliases, false), F(person_in, sex, false),
	F(person_in, birth_date, false), F(person_in, nationality, false),
	F(person_in, claimed_nationality, false), F(person_in, ethnicity, false),
	F(person_in, languages, false), F(person_in, interpreter_needed, false),
	F(person_in, category, false), F(person_in, notes, false),
	{ NULL, 0, false }
};
static const struct field_map event_map[] = {
	F(event_in, case_no, true), F(event_in, date, true), F(event_in, kind, true),
	F(event_in, place, false), F(event_in, country, false), F(event_in, ref, false),
	F(event_in, duration, false), F(event_in, outcome, false),
	F(event_in, note, false),
	{ NULL, 0, false }
};
static const struct field_map relation_map[] = {
	F(relation_in, case_no, true), F(relation_in, relation, true),
	F(relation_in, other_case_no, true), F(relation_in, verification, false),
	F(relation_in, note, false),
	{ NULL, 0, false }
};
#undef F

static const struct field_map *const maps[] = {
	[REC_PERSONS] = person_map, [REC_EVENTS] = event_map,
	[REC_RELATIONS] = relation_map,
};

struct import {
	const char *file;
	enum record_kind kind;
	const char *kind_word;    /* "persons" */
	const struct field_map *map;
	int *slot_of_column;      /* header column -> index in map */
	size_t ncolumns;
	char **header;
	bool dry_run;
	const char *override;     /* a supervisor's reason, or NULL */
	long rows, bad;
};

/* The file, read a window at a time and hashed as it is read: a
 * million persons' events are 2 GB, and holding them whole was most of
 * an import's memory. The window always holds INPUT_AHEAD bytes past
 * the reader's position (or the rest of the file), more than any valid
 * record (fields of at most 32 KiB), so a record never meets the
 * window's end unless it is the file's. */
#define INPUT_AHEAD ((size_t)8 << 20)
#define INPUT_CAP   ((size_t)24 << 20)

struct input {
	FILE *f;
	char *buf;
	size_t len;
	bool eof;
	struct digest *hash;     /* of every byte read */
};

/* Moves what the reader has not taken to the window's start and reads
 * on, when less than INPUT_AHEAD is left; false on a read error. */
static bool
input_fill(struct input *in, struct csv_reader *r)
{
	size_t pos = r ? csv_reader_offset(r) : 0;

	if (in->eof || in->len - pos >= INPUT_AHEAD)
		return true;
	memmove(in->buf, in->buf + pos, in->len - pos);
	in->len -= pos;
	while (!in->eof && in->len < INPUT_CAP) {
		size_t got = fread(in->buf + in->len, 1, INPUT_CAP - in->len, in->f);

		if (got == 0) {
			if (ferror(in->f))
				return false;
			in->eof = true;
		}
		digest_update(in->hash, in->buf + in->len, got);
		in->len += got;
	}
	if (r)
		csv_reader_feed(r, in->buf, in->len);
	return true;
}

/* Prints FILE:LINE: column NAME (N): reason. */
static void
report(const struct import *im, unsigned long line, const char *column,
       const char *reason)
{
	size_t index = 0;

	for (size_t i = 0; column && i < im->ncolumns; i++)
		if (strcmp(im->header[i], column) == 0)
			index = i + 1;
	if (column && index)
		fprintf(stderr, _("%s:%lu: column %s (%zu): %s\n"), im->file, line, column,
		        index, reason);
	else if (column)
		fprintf(stderr, _("%s:%lu: column %s: %s\n"), im->file, line, column, reason);
	else
		fprintf(stderr, "%s:%lu: %s\n", im->file, line, reason);
}

static bool
read_header(struct import *im, struct csv_reader *r)
{
	size_t n;
	char why[512];

	switch (csv_read(r)) {
	case 0:
		fprintf(stderr, _("%s:1: the file is empty; a header row is required\n"),
		        im->file);
		return false;
	case -1: {
		unsigned long line;
		size_t field;
		const char *e = csv_reader_error(r, &line, &field);

		fprintf(stderr, _("%s:%lu: field %zu: %s\n"), im->file, line, field, e);
		return false;
	}
	default:
		break;
	}
	n = csv_field_count(r);
	im->ncolumns = n;
	im->header = xcalloc(n, sizeof *im->header);
	im->slot_of_column = xcalloc(n, sizeof *im->slot_of_column);
	for (size_t i = 0; i < n; i++)
		im->header[i] = xstrdup(csv_field(r, i));
	for (size_t i = 0; i < n; i++) {
		int slot = -1;

		for (int k = 0; im->map[k].name; k++)
			if (strcmp(im->map[k].name, im->header[i]) == 0)
				slot = k;
		if (slot < 0) {
			size_t used = 0;

			why[0] = '\0';
			for (int k = 0; im->map[k].name && used < sizeof why; k++)
				used += (size_t)snprintf(why + used, sizeof why - used, "%s%s",
				                         k ? ", " : "", im->map[k].name);
			fprintf(stderr, _("%s:%lu: column %zu: unknown column '%s' (the %s"
			        " columns are: %s)\n"), im->file, csv_record_line(r), i + 1,
			        im->header[i], im->kind_word, why);
			return false;
		}
		for (size_t j = 0; j < i; j++)
			if (im->slot_of_column[j] == slot) {
				fprintf(stderr, _("%s:%lu: column %zu: column '%s' appears twice\n"),
				        im->file, csv_record_line(r), i + 1, im->header[i]);
				return false;
			}
		im->slot_of_column[i] = slot;
	}
	for (int k = 0; im->map[k].name; k++) {
		bool found = false;

		for (size_t i = 0; i < n; i++)
			found |= im->slot_of_column[i] == k;
		if (im->map[k].required && !found) {
			fprintf(stderr, _("%s:%lu: the header lacks the required column '%s'\n"),
			        im->file, csv_record_line(r), im->map[k].name);
			return false;
		}
	}
	return true;
}

/* Loads one record; returns ST_OK, ST_ERR_INPUT (reported) or another
 * status (a database failure, reported by the caller). */
static enum status
load_record(struct import *im, struct loader *l, struct csv_reader *r)
{
	union {
		struct person_in p;
		struct event_in e;
		struct relation_in rel;
	} row;
	struct load_error err = { 0 };
	size_t n = csv_field_count(r);
	enum status rc;

	if (n != im->ncolumns) {
		char why[128];

		snprintf(why, sizeof why, _("%zu fields, but the header has %zu"), n,
		         im->ncolumns);
		report(im, csv_record_line(r), NULL, why);
		return ST_ERR_INPUT;
	}
	memset(&row, 0, sizeof row);
	for (size_t i = 0; i < n; i++)
		*(const char **)((char *)&row + im->map[im->slot_of_column[i]].offset) =
			csv_field(r, i);
	switch (im->kind) {
	case REC_PERSONS:
		rc = loader_person(l, &row.p, &err);
		break;
	case REC_EVENTS:
		rc = loader_event(l, &row.e, &err);
		break;
	default:
		rc = loader_relation(l, &row.rel, &err);
		break;
	}
	if (rc == ST_ERR_INPUT)
		report(im, csv_record_line(r), err.column, err.reason);
	return rc;
}

/* A database failure mid-import: the whole file is rolled back. What a
 * user can act on (free space, wait for the other process) is said
 * plainly; anything else with SQLite's own words. */
static void
report_db_failure(const struct import *im, struct store *st, unsigned long line,
                  enum status rc)
{
	if (rc == ST_ERR_FULL || rc == ST_ERR_BUSY)
		fprintf(stderr, _("%s: %s; nothing was imported\n"), im->file,
		        status_message(rc));
	else if (line)
		fprintf(stderr, _("%s:%lu: %s; nothing was imported\n"), im->file, line,
		        store_errmsg(st));
	else
		fprintf(stderr, _("%s: %s; nothing was imported\n"), im->file,
		        store_errmsg(st));
}

static int
run_import(struct import *im, struct store *st, struct input *in)
{
	struct csv_reader *r = csv_reader_new(in->buf, in->len);
	struct loader *l = NULL;
	enum status rc = ST_OK;
	int got, status = EXIT_USER;

	if (!read_header(im, r))
		goto out;
	if ((rc = store_bulk_begin(st)) != ST_OK ||
	    (rc = store_tx_begin(st)) != ST_OK) {
		report_db_failure(im, st, 0, rc);
		goto out;
	}
	if (!(l = loader_new(st, LOADER_AUDIT_IMPORT))) {
		cli_error("%s", store_errmsg(st));
		goto rollback;
	}
	loader_set_override(l, im->override);
	{
		size_t n = strlen(im->kind_word) + strlen(im->file) + 16;
		char *command = xmalloc(n);

		snprintf(command, n, "import %s %s", im->kind_word, im->file);
		loader_set_command(l, command);
		free(command);
	}
	for (;;) {
		if (!input_fill(in, r)) {
			cli_error(_("%s: cannot read: %s"), im->file, strerror(errno));
			im->bad++;
			break;
		}
		if ((got = csv_read(r)) == 0) {
			if (in->eof)
				break;
			continue;   /* a window of blank lines */
		}
		if (got > 0 && !in->eof && csv_reader_offset(r) >= in->len) {
			report(im, csv_record_line(r), NULL, _("a record longer than 8 MiB"));
			im->bad++;
			break;
		}
		if (got < 0) {
			unsigned long line;
			size_t field;
			const char *e = csv_reader_error(r, &line, &field);

			if (field >= 1 && field <= im->ncolumns)
				fprintf(stderr, _("%s:%lu: column %s (%zu): %s\n"), im->file, line,
				        im->header[field - 1], field, e);
			else
				fprintf(stderr, _("%s:%lu: field %zu: %s\n"), im->file, line, field, e);
			im->bad++;
			/* The reader cannot resynchronise after a broken quote. */
			break;
		}
		im->rows++;
		loader_set_tag(l, csv_record_line(r));
		rc = load_record(im, l, r);
		if (rc == ST_ERR_INPUT) {
			im->bad++;
			if (!im->dry_run)
				break;
			continue;
		}
		if (rc != ST_OK) {
			report_db_failure(im, st, csv_record_line(r), rc);
			im->bad++;
			break;
		}
	}
	/* the pathway rules see the whole file at once */
	if (!im->bad) {
		struct load_error err;
		unsigned char hash[DIGEST_BYTES];
		char digest[DIGEST_HEX_LEN + 1];

		digest_final(in->hash, hash);
		digest_hex(hash, digest);
		rc = loader_finish(l, "import", im->file, digest, &err);
		if (rc == ST_ERR_INPUT || rc == ST_ERR_PERMISSION) {
			report(im, err.line, err.column, err.reason);
			im->bad++;
		} else if (rc != ST_OK) {
			report_db_failure(im, st, 0, rc);
			im->bad++;
		}
	}
	if (im->dry_run) {
		if (im->bad)
			fprintf(stderr, _("%s: %ld bad of %ld rows; nothing written (dry run)\n"),
			        im->file, im->bad, im->rows);
		else
			printf(_("%s: all %ld rows are valid; nothing written (dry run)\n"),
			       im->file, im->rows);
		status = im->bad ? EXIT_USER : 0;
		goto rollback;
	}
	if (im->bad)
		goto rollback;
	if ((rc = store_tx_commit(st)) != ST_OK) {
		report_db_failure(im, st, 0, rc);
		goto out;
	}
	printf(_("%s: imported %ld %s\n"), im->file, im->rows, im->kind_word);
	/* for make bench: how long deriving the stages and clocks took */
	if (getenv("CASEPATH_LOAD_TIMING")) {
		struct load_counts n = loader_counts(l);

		cli_load_timing(&n, n.derived < 0 ? store_person_count(st) : n.derived);
	}
	status = 0;
	goto out;
rollback:
	store_tx_rollback(st);
out:
	loader_free(&l);
	store_bulk_end(st);
	csv_reader_free(&r);
	return status;
}

void
cli_load_timing(const struct load_counts *n, long derived)
{
	fprintf(stderr, _("derive: %ld persons in %.3f s, %.3f s CPU\n"), derived,
	        n->derive_seconds, n->derive_cpu_seconds);
	fprintf(stderr, _("load phases: rows %.3f s (%.3f s CPU), names %.3f s"
	        " (%.3f s CPU), indexes %.3f s (%.3f s CPU)\n"), n->rows_seconds,
	        n->rows_cpu_seconds, n->names_seconds, n->names_cpu_seconds,
	        n->index_seconds, n->index_cpu_seconds);
}

int
cli_import(const struct cli *c)
{
	struct import im = { 0 };
	const char *words[2] = { NULL, NULL };
	int nwords = 0, status, kind;
	struct store *st = NULL;
	struct input in = { 0 };

	for (int i = 0; i < c->argc; i++) {
		const char *v = NULL;
		bool bad = false;

		if (cli_option(c, &i, "--override", &v, &bad)) {
			if (bad)
				return EXIT_USAGE;
			if (str_empty(v))
				return cli_usage_error(c, _("--override needs a written reason"));
			im.override = v;
		} else if (strcmp(c->argv[i], "--dry-run") == 0)
			im.dry_run = true;
		else if (c->argv[i][0] == '-' && c->argv[i][1])
			return cli_usage_error(c, _("unknown option '%s'"), c->argv[i]);
		else if (nwords < 2)
			words[nwords++] = c->argv[i];
		else
			return cli_usage_error(c, _("too many arguments"));
	}
	if (nwords < 2)
		return cli_usage_error(c, _("needs a kind (persons, events or relations)"
		                       " and a file"));
	kind = store_kind_from_word(words[0]);
	if (kind < 0)
		return cli_usage_error(c, _("unknown kind '%s' (persons, events or"
		                       " relations)"), words[0]);
	im.kind = (enum record_kind)kind;
	im.kind_word = words[0];
	im.map = maps[kind];
	im.file = words[1];

	if (!(in.f = fopen(im.file, "rb")))
		return cli_error(_("%s: cannot read: %s"), im.file, strerror(errno));
	in.hash = digest_new();
	in.buf = xmalloc(INPUT_CAP);
	if (!input_fill(&in, NULL)) {
		status = cli_error(_("%s: cannot read: %s"), im.file, strerror(errno));
		goto out;
	}
	if (!(st = cli_open_db(c, STORE_CREATE))) {
		status = EXIT_USER;
		goto out;
	}
	status = run_import(&im, st, &in);
	cli_close_db(&st);
out:
	for (size_t i = 0; i < im.ncolumns; i++)
		free(im.header[i]);
	free(im.header);
	free(im.slot_of_column);
	free(in.buf);
	digest_free(&in.hash);
	fclose(in.f);
	return status;
}
