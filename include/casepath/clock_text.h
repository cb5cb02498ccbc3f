/* clock_text.h: a clock's arithmetic as the user reads it. The rules
 * write it in English with ISO dates ("notified 2026-06-12 + 7d =
 * 2026-06-19") and the deadline table stores it so (files and exports
 * stay language-neutral); the screens and the batch commands' human
 * output show it rebuilt from its parts: the verb, the durations and
 * the words in the interface's language, the dates in the display
 * format (--date-format). */
#ifndef CASEPATH_CLOCK_TEXT_H
#define CASEPATH_CLOCK_TEXT_H

#include <stddef.h>

/* The display text of a stored arithmetic into buf (NUL-terminated,
 * cut at len). Text that is not one of the rules' forms is copied as it
 * is. Returns buf. */
char *clock_arithmetic_display(const char *stored, char *buf, size_t len);

/* A duration as stored ("7d", "3y6m") with the units in the
 * interface's language ("7g", "3г6м"); other text copied. Returns buf. */
char *duration_display(const char *stored, char *buf, size_t len);

#endif
