/* record.h: the text shape of one row of each kind, as the CSV formats
 * of DESIGN.md section 5 define it. Import, demo generation and export
 * all speak this shape, so validation lives in one place (the loader).
 *
 * Every pointer is borrowed: valid only for the call it is passed to.
 * A NULL or "" field means "not given". */
#ifndef CASEPATH_RECORD_H
#define CASEPATH_RECORD_H

struct person_in {
	const char *case_no;             /* required, unique */
	const char *family_name;
	const char *given_names;
	const char *native_name;         /* name in its own script */
	const char *aliases;             /* ';'-separated, "name" or "name (type)" */
	const char *sex;                 /* F, M, X, U */
	const char *birth_date;          /* partial date */
	const char *nationality;         /* ISO 3166-1 alpha-3, XXA, XXX */
	const char *claimed_nationality;
	const char *ethnicity;
	const char *languages;           /* ';'-separated, "ar-levantine;ru" */
	const char *interpreter_needed;  /* yes, no */
	const char *category;
	const char *notes;
};

struct event_in {
	const char *case_no;
	const char *date;                /* partial date */
	const char *kind;                /* vocab_event_kinds */
	const char *place;
	const char *country;             /* ISO 3166-1 alpha-3 */
	const char *ref;
	const char *duration;            /* "7d", "6m", "3y6m" */
	const char *outcome;
	const char *note;
};

/* "other_case_no is case_no's <relation>": "M-1,child,C-1" reads
 * "C-1 is M-1's child". */
struct relation_in {
	const char *case_no;
	const char *relation;            /* vocab_relations */
	const char *other_case_no;
	const char *verification;        /* vocab_verifications */
	const char *note;
};

/* Identity documents are not part of the CSV formats; demo data and
 * the TUI write them. */
struct document_in {
	const char *case_no;
	const char *doc_type;            /* vocab_document_types */
	const char *number;
	const char *issuing_country;     /* ISO 3166-1 alpha-3 */
	const char *issued;              /* partial date */
	const char *expires;             /* partial date */
	const char *status;              /* vocab_document_statuses */
	const char *note;
};

#endif
