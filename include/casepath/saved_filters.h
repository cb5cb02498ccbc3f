/* saved_filters.h: the list filters a user keeps by name, one a line
 * ("NAME<TAB>filter text") in $XDG_CONFIG_HOME/casepath/filters (else
 * ~/.config/casepath/filters). Per user, like the key file: a filter is
 * a way of working, not case data. Curses-free and SQL-free. */
#ifndef CASEPATH_SAVED_FILTERS_H
#define CASEPATH_SAVED_FILTERS_H

#include <stdbool.h>
#include <stddef.h>

/* The filter saved under name into out; false when there is none. */
bool saved_filter_get(const char *name, char *out, size_t len);
/* Saves (or replaces) name's filter, writing a new file and renaming it
 * over the old one so a crash leaves one or the other. false with the
 * reason in err (a name holding blanks, a file that cannot be written). */
bool saved_filter_put(const char *name, const char *text, char *err, size_t errlen);
/* The saved names, NULL-terminated, for completion; free with
 * saved_filter_names_free. */
char **saved_filter_names(void);
void saved_filter_names_free(char ***names);

#endif
