/* demo.h: fictional, reproducible demo data.
 *
 * The generator knows nothing of SQL: it hands each row, as text, to a
 * sink, which validates and stores it (the same loader import uses).
 * The same seed, count and today give the same rows in the same order. */
#ifndef CASEPATH_DEMO_H
#define CASEPATH_DEMO_H

#include <stdint.h>

#include "casepath/record.h"

struct demo_sink {
	void *ctx;
	/* Each returns 0 to go on, non-zero to stop generation (that value
	 * is returned by demo_generate). Strings are borrowed for the call. */
	int (*person)(void *ctx, const struct person_in *p);
	int (*event)(void *ctx, const struct event_in *e);
	int (*relation)(void *ctx, const struct relation_in *r);
	int (*document)(void *ctx, const struct document_in *d);
};

struct demo_options {
	long persons;     /* how many persons in all (families included) */
	uint64_t seed;
	int32_t today;    /* day number all dates are placed before */
};

/* Generates opt->persons persons with their events, relations and
 * documents. A person is always emitted before any event, document or
 * relation that names them. Returns 0, or the first non-zero value a
 * sink callback returned. */
int demo_generate(const struct demo_options *opt, const struct demo_sink *sink);

#endif
