/* store_history.h: the audit trail and the access log as the audit view
 * reads them: who changed what (with before and after), who opened
 * whose file; by person, user and date, newest first, paged by key
 * (the record's sequence number). Reading only: the trail is
 * append-only and store_verify() checks its chain. */
#ifndef CASEPATH_STORE_HISTORY_H
#define CASEPATH_STORE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "casepath/status.h"

struct store;

/* Each field set narrows; empty or zero means any. */
struct history_filter {
	char case_no[64];         /* the person the record is about */
	char login[64];           /* who did it */
	int32_t since, until;     /* day numbers, inclusive; 0: open */
	bool overrides_only;      /* guardrails passed by a supervisor */
};

/* "person=TR-1 user=ayse since=2026-01-01 until=2026-03-31 overrides"
 * -> filter; "" clears. ST_ERR_INPUT with the bad word in err. */
enum status history_filter_parse(const char *text, struct history_filter *f,
                                 char *err, size_t errlen);
char *history_filter_format(const struct history_filter *f, char *buf, size_t len);

struct audit_row {
	int64_t seq;
	char *at, *login, *tbl, *row_id, *action;
	char *case_no;            /* the person concerned, "" when none */
	char *fields;             /* an update's changed fields "a, b"; "" */
	char *before, *after;     /* JSON, "" when none */
	bool override;            /* a supervisor passed a guardrail */
};

/* Up to n records strictly older than `after` (backward: newer,
 * nearest first); after NULL: the newest (backward: the oldest).
 * Returns the count, or -1 (store_errmsg). */
int store_audit_page(struct store *st, const struct history_filter *f,
                     const struct audit_row *after, bool backward, int n,
                     struct audit_row *rows);
void audit_rows_clear(struct audit_row *rows, int n);
/* A deep copy of src into dst (which owns it then). */
void audit_row_copy(struct audit_row *dst, const struct audit_row *src);

/* One record's fields side by side: key, value before, value after
 * ("" where absent); *fields is allocated. */
struct audit_field { char *key, *before, *after; };
enum status store_audit_fields(struct store *st, int64_t seq,
                               struct audit_field **fields, size_t *n);
void audit_fields_free(struct audit_field **fields, size_t n);

struct access_row {
	int64_t seq;
	char *at, *login, *case_no, *name;
};

int store_access_page(struct store *st, const struct history_filter *f,
                      const struct access_row *after, bool backward, int n,
                      struct access_row *rows);
void access_rows_clear(struct access_row *rows, int n);
void access_row_copy(struct access_row *dst, const struct access_row *src);

#endif
