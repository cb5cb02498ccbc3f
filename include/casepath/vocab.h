/* vocab.h: the fixed vocabularies of DESIGN.md section 3 (event kinds,
 * relations, verification, sex, alias and document types). Each list is
 * a NULL-terminated array of constant strings; vocab_index() finds a
 * word in one (exact, case-sensitive) or returns -1. */
#ifndef CASEPATH_VOCAB_H
#define CASEPATH_VOCAB_H

#include <stdbool.h>

extern const char *const vocab_event_kinds[];
extern const char *const vocab_relations[];      /* as written in CSV */
extern const char *const vocab_verifications[];
extern const char *const vocab_sexes[];
extern const char *const vocab_alias_types[];
extern const char *const vocab_document_types[];
extern const char *const vocab_document_statuses[];
extern const char *const vocab_stages[];
extern const char *const vocab_clocks[];          /* display only */
extern const char *const vocab_clock_statuses[];  /* open met overdue waived lapsed */
extern const char *const vocab_outcomes[];        /* display only */

/* The display label of a stored identifier of one of the lists above:
 * the identifier itself in English, its translation in the user's
 * language (the database and files keep the identifier). An unknown word
 * comes back unchanged. */
const char *vocab_label(const char *const *list, const char *word);
#define STAGE_LABEL(w) vocab_label(vocab_stages, (w))
#define KIND_LABEL(w)  vocab_label(vocab_event_kinds, (w))
#define CLOCK_LABEL(w) vocab_label(vocab_clocks, (w))

int vocab_index(const char *const *list, const char *word);

/* True for three capital letters: the shape of an ISO 3166-1 alpha-3
 * code (whether it is a known country is the store's question). */
bool vocab_country_shaped(const char *code);

/* The inverse of a relation word ("parent" -> "child"); symmetric
 * relations return themselves. NULL for an unknown word. */
const char *vocab_relation_inverse(const char *relation);

/* Writes "a, b, c" of the list into buf for error messages. */
char *vocab_join(const char *const *list, char *buf, unsigned long len);

#endif
