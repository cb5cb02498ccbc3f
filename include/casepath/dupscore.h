/* dupscore.h: whether two person records are probably one person, and
 * why. Pure functions (no SQL, no curses): the store's candidate search
 * (store_dup.c) hands two records in, a score and its evidence come
 * out, each piece of evidence a short phrase the screens and the batch
 * command show as they are.
 *
 * The rules, in order:
 *  - Names: the name skeletons (namekey.h) of each record's names (the
 *    name, the native name, each alias) are compared by their first
 *    and last words. Same skeleton: 50; one letter apart in one word
 *    of four sounds or more: 30; only through an alias or the native name: 40 (same) or 25
 *    (one letter). No name match at all: never a pair. A kunya (a
 *    name starting Abu or Umm) is no name here: thousands share one.
 *  - Birth dates by their ranges (an approximate date widened by two
 *    years each side): ranges that cannot meet exclude the pair; the
 *    same exact day adds 25, ranges that meet add 10 (5 when neither
 *    date is an exact day); an unknown date adds nothing.
 *  - Sex: F against M excludes; the same known sex adds 5.
 *  - Nationality: the same adds 10; one's nationality the other's
 *    claimed one adds 5; two different known nationalities with no
 *    claim between them take 15 off.
 *  - Two records linked to each other by a relation are two people.
 *    A relative both records are linked to adds 15 (30 at most).
 *  - The same identity document number adds 40.
 * The score is cut to 0..100. */
#ifndef CASEPATH_DUPSCORE_H
#define CASEPATH_DUPSCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DUP_EVIDENCE_MAX 8
#define DUP_PHRASE_MAX 96
/* The listing's default threshold. */
#define DUP_MIN_SCORE 60

/* One record as the scoring reads it; every pointer may be NULL. */
struct dup_names;

struct dup_person {
	int64_t id;
	const char *case_no;
	const char *family, *given, *native;
	const char *const *aliases;     /* alias names, without their type */
	size_t naliases;
	char sex;                        /* 'F', 'M', 'X' or 'U' */
	const char *birth_date;          /* as written ("~1990", "1990-03") */
	const char *nationality, *claimed;
	const char *const *documents;    /* document numbers */
	size_t ndocuments;
	const int64_t *relatives;        /* ids of linked persons, sorted */
	size_t nrelatives;
	/* the name keys, made once by dup_names_new for a record compared
	 * many times; NULL: made on each comparison */
	const struct dup_names *names;
};

/* The keys of p's names (its names must stay as they are while used). */
struct dup_names *dup_names_new(const struct dup_person *p);
void dup_names_free(struct dup_names *names);

struct dup_result {
	int score;                       /* 0..100; 0 when excluded */
	bool excluded;                   /* a rule says not the same person */
	size_t nevidence;
	char evidence[DUP_EVIDENCE_MAX][DUP_PHRASE_MAX];
};

/* Scores a against b; out->evidence says why (and, when excluded, the
 * reason as its last phrase). Returns out->score. */
int dup_score(const struct dup_person *a, const struct dup_person *b,
              struct dup_result *out);

/* The evidence joined with "; " into buf (len bytes). */
char *dup_evidence_text(const struct dup_result *r, char *buf, size_t len);

/* The blocking keys of a name text: its first and last word's
 * skeletons (one word: the same key twice) into first and last; false
 * when the text has no word with a skeleton, or is a kunya. */
bool dup_name_pair(const char *text, char *first, char *last, size_t len);

#endif
