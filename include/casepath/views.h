/* views.h: the screens (one file each, src/view_*.c) and what each
 * takes as its open() argument. */
#ifndef CASEPATH_VIEWS_H
#define CASEPATH_VIEWS_H

#include <stdint.h>

#include "casepath/app.h"
#include "casepath/store_view.h"

/* arg: NULL */
extern const struct view_ops view_list_ops;
/* arg: const int64_t *person_id */
extern const struct view_ops view_detail_ops;
/* arg: const int64_t *person_id */
extern const struct view_ops view_timeline_ops;
/* The timeline band an event kind opens or belongs to, untranslated
 * ("Custody"), or NULL for a kind that stays in the band it happens in
 * (notes, overrides, DNA tests, measures). */
const char *view_timeline_band(const char *kind);
/* arg: const struct view_ops *, the screen whose keys to list */
extern const struct view_ops view_help_ops;
/* arg: NULL */
extern const struct view_ops view_deadlines_ops;
/* arg: const struct list_filter * (copied), or NULL for every person */
extern const struct view_ops view_report_ops;
/* arg: NULL: the possible duplicates (store_dup.h) */
extern const struct view_ops view_dups_ops;
/* arg: const struct dup_pair_arg * (copied): two records side by side */
struct dup_pair_arg {
	int64_t a, b;
};
extern const struct view_ops view_dup_pair_ops;
/* arg: NULL; refuses to open for a caseworker */
extern const struct view_ops view_audit_ops;

/* arg: const struct review_arg * (copied) */
struct review_arg {
	struct list_query query;      /* the cases to walk */
	char session[256];            /* names the review (the filter) */
};
extern const struct view_ops view_review_ops;

/* arg: const struct form_arg * (copied) */
enum form_kind { FORM_PERSON_ADD, FORM_PERSON_EDIT, FORM_EVENT_ADD,
                 FORM_EVENT_EDIT, FORM_RELATION_ADD };
struct form_arg {
	enum form_kind kind;
	int64_t person_id;            /* the person (edit, event, relation) */
	int64_t event_id;             /* FORM_EVENT_EDIT */
};
extern const struct view_ops view_form_ops;

#endif
