/* store_edit.h: single edits from the screens: a person added or
 * changed, an event added, changed or deleted, a relation added, a case
 * marked reviewed. Each call is one whole transaction of its own
 * (BEGIN IMMEDIATE ... COMMIT, rolled back on any failure) that writes
 * its audit records, re-derives the person's stage and deadlines and
 * checks the pathway guardrails exactly as an import does.
 *
 * Values come in the text shape of record.h and are validated by the
 * same code as import (src/store_load.c); a bad value returns
 * ST_ERR_INPUT with err->column naming the field and err->reason the
 * sentence to show beside it.
 *
 * Optimistic locking: every update or delete names the version the
 * caller read; when the row changed since, the write is refused with
 * ST_ERR_STALE and err->reason reads "changed by LOGIN at TIME since
 * you opened it". Nothing is written then; the caller keeps the edit. */
#ifndef CASEPATH_STORE_EDIT_H
#define CASEPATH_STORE_EDIT_H

#include <stdint.h>

#include "casepath/record.h"
#include "casepath/status.h"

struct store;
struct load_error;

/* A guardrail a write would break comes back as ST_ERR_INPUT with
 * err->column NULL and err->reason the rule's one-sentence message;
 * `override` (a supervisor's written reason, or NULL) passes it and is
 * stored as an "override" event, as import --override does. */

enum status store_person_add(struct store *st, const struct person_in *p,
                             int64_t *id, struct load_error *err);
/* Replaces every field of person id (case_no included; aliases and
 * languages as the ';'-separated lists of person_in). */
enum status store_person_update(struct store *st, int64_t id, int64_t version,
                                const struct person_in *p,
                                struct load_error *err);

/* e->case_no names the person. */
enum status store_event_add(struct store *st, const struct event_in *e,
                            const char *override, int64_t *id,
                            struct load_error *err);
enum status store_event_update(struct store *st, int64_t id, int64_t version,
                               const struct event_in *e, const char *override,
                               struct load_error *err);
enum status store_event_delete(struct store *st, int64_t id, int64_t version,
                               const char *override, struct load_error *err);

enum status store_relation_add(struct store *st, const struct relation_in *r,
                               struct load_error *err);

/* Review marks: `session` names the review (the list filter's text). */
enum status store_review_mark(struct store *st, const char *session,
                              int64_t person_id, const char *note,
                              struct load_error *err);
/* Whether person_id is marked in session; -1 on a database error. */
int store_review_is_marked(struct store *st, const char *session,
                           int64_t person_id);
/* How many persons are marked in session. */
long store_review_count(struct store *st, const char *session);

#endif
