/* util.h: allocation wrappers that abort on out-of-memory, and small
 * string helpers. */
#ifndef CASEPATH_UTIL_H
#define CASEPATH_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Frees *p and sets it to NULL. */
void xfree(void *pp);

/* snprintf that never overflows and always terminates. */
void strlcpy_safe(char *dst, const char *src, size_t len);

/* The monotonic clock (never set back), in nanoseconds and in
 * microseconds: for timing work and budgets, not for dates. */
uint64_t mono_ns(void);
int64_t mono_us(void);
/* For idle time: grows the heap by its next megabyte of total, faults it
 * in at once and, after the last, leaves it to malloc for later use, so
 * that a keystroke does not pay the faults. True while some is left. */
bool heap_prefault_piece(size_t total);

/* True when s is NULL or "". */
int str_empty(const char *s);

/* A growing NUL-terminated text (s is NULL until the first add; the
 * owner frees s). */
struct text_buf {
	char *s;
	size_t len, cap;
};
void text_add(struct text_buf *t, const char *s);

/* The login name of the effective user ("uid:1000" when unknown).
 * Writes into buf. */
char *os_login(char *buf, size_t len);

/* Reads a whole file into a new NUL-terminated buffer (the caller
 * frees it); *len gets its length without the NUL. NULL on failure,
 * with errno set. */
char *read_whole_file(const char *path, size_t *len);

/* mkdir -p with this mode for the directories it creates. 0 or -1
 * (errno set). */
int make_dirs(const char *path, unsigned mode);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into buf (>= 21 bytes);
 * $CASEPATH_NOW in that form replaces it (tests). */
char *utc_now(char *buf, size_t len);

#endif
