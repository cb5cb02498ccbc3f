/* store_dup.h: possible duplicates, merging two records and undoing a
 * merge (schema 7).
 *
 * Finding pairs never compares every person with every other: each
 * record's names give blocking keys (the skeletons of a name's first
 * and last words, namekey.h; for the record's own name also each key
 * one letter shorter, so one typo still meets), records sharing a key
 * whose sex and birth dates do not exclude it become candidates, and
 * only those are scored (dupscore.h). The pairs found are kept in the
 * database with the audit record they are current as of: any later
 * change to a person, alias, document or relation (an event does not
 * count) makes them stale and the next listing finds them again. A
 * dismissal or a merge updates them in place.
 *
 * A merge moves every event, document and relation of the absorbed
 * record to the survivor; relations between the two are dropped (no
 * one is their own relative); the survivor keeps its own values, takes
 * the absorbed record's where its own are empty (or less exact, for a
 * birth date), keeps the absorbed record's differing names as aliases
 * and its other differing values in the notes, and says which record
 * each field came from. The absorbed record stays, empty of events,
 * marked as merged into the survivor. Everything is audited. An undo
 * puts both records back exactly as they were; it is refused when
 * either record was changed after the merge. */
#ifndef CASEPATH_STORE_DUP_H
#define CASEPATH_STORE_DUP_H

#include <stdbool.h>
#include <stdint.h>

#include "casepath/dupscore.h"
#include "casepath/status.h"

struct store;
struct load_error;

/* The lowest score kept: a listing may ask for less than the default
 * threshold down to this. */
#define DUP_KEEP_SCORE 30

struct dup_pair_row {
	int64_t a, b;                /* person ids, a < b */
	int score;
	char a_case[48], b_case[48];
	char a_name[160], b_name[160];   /* "FAMILY, Given" as stored */
	char evidence[DUP_EVIDENCE_MAX * DUP_PHRASE_MAX];
};

/* Whether the kept pairs are current. -1 on a database error. */
int store_dup_fresh(struct store *st);
/* Finds the pairs again when stale (or always, with force); *pairs
 * (may be NULL) gets how many were kept, *candidates how many were
 * scored. */
enum status store_dup_refresh(struct store *st, bool force, long *candidates,
                              long *pairs);

/* Pairs scoring at least min_score, highest first (then by ids), not
 * dismissed, neither merged; with person_id non-zero only that
 * person's. At most limit (< 0: all). fn returns non-zero to stop. */
typedef int (*dup_pair_fn)(void *ctx, const struct dup_pair_row *row);
enum status store_dup_pairs(struct store *st, int min_score, int64_t person_id,
                            long limit, dup_pair_fn fn, void *ctx);

/* The same, a page at a time by key (never OFFSET): with from NULL the
 * first pairs; else those after from in the listing's order (backward:
 * before it, nearest first), from itself too when inclusive. */
enum status store_dup_page(struct store *st, int min_score, int64_t person_id,
                           const struct dup_pair_row *from, bool backward,
                           bool inclusive, long limit, dup_pair_fn fn, void *ctx);

/* Scores two records as they are now. */
enum status store_dup_score(struct store *st, int64_t a, int64_t b,
                            struct dup_result *out);

/* "Not the same person": remembered and audited; the pair is never
 * listed again. */
enum status store_dup_dismiss(struct store *st, int64_t a, int64_t b,
                              const char *note, struct load_error *err);
/* Whether a pair was dismissed; -1 on a database error. */
int store_dup_dismissed(struct store *st, int64_t a, int64_t b);

/* Merges absorbed into survivor, each as the caller read it (versions:
 * ST_ERR_STALE when either changed since). *merge_id gets the merge's
 * number for store_unmerge. */
enum status store_merge(struct store *st, int64_t survivor, int64_t survivor_version,
                        int64_t absorbed, int64_t absorbed_version,
                        int64_t *merge_id, struct load_error *err);
/* Undoes a merge (see above for when it is refused). */
enum status store_unmerge(struct store *st, int64_t merge_id,
                          struct load_error *err);

/* The merge that absorbed person_id (0 when none) and the survivor's
 * case number (into buf); the latest merge that kept person_id as the
 * survivor, not undone, into *kept_merge (0 when none). */
enum status store_merge_of(struct store *st, int64_t person_id,
                           int64_t *absorbed_by_merge, char *survivor_case,
                           size_t len, int64_t *kept_merge);

/* Where a case number absorbed by a merge lives on: the case number
 * of the record now holding it (a merged survivor followed to the
 * live one) into survivor_case; ST_ERR_NOT_FOUND when case_no is no
 * absorbed record. */
enum status store_merge_target(struct store *st, const char *case_no,
                               char *survivor_case, size_t len);

/* A merge's provenance: which record each field of the survivor came
 * from, "field: CASE" lines joined with "; " into buf. */
enum status store_merge_provenance(struct store *st, int64_t merge_id,
                                   char *buf, size_t len);

#endif
