/* i18n.h: marking user-visible text for translation (GNU gettext, the
 * casepath text domain).
 *
 *   _("text")            translated now; any string a person reads
 *   N_("text")           marked for xgettext, translated where it is shown
 *                        (static tables: keymap help, column titles)
 *   P_("one", "many", n) plural forms (Russian has three)
 *
 * Never translate what is stored or exchanged: stage and event-kind
 * identifiers, CSV column names, audit fields and SQL stay English; only
 * their display goes through gettext. */
#ifndef CASEPATH_I18N_H
#define CASEPATH_I18N_H

#include <libintl.h>

#define CASEPATH_DOMAIN "casepath"

#define _(s)        gettext(s)
#define N_(s)       (s)
#define P_(s, p, n) ngettext((s), (p), (unsigned long)(n))

#endif
