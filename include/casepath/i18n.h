/* i18n.h: marking user-visible text for translation (GNU gettext, the
 * casepath text domain).
 *
 *   _("text")            translated now; any string a person reads
 *   N_("text")           marked for xgettext, translated where it is shown
 *                        (static tables: keymap help, column titles)
 *   P_("one", "many", n) plural forms (Russian has three)
 *   V_("ctx", "word")    a stored identifier's display label in the
 *                        context ctx (marks only; vocab_label() shows it)
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
#define V_(c, s)    (s)

/* Sets the locale from the environment and binds the casepath domain.
 * lang (--lang, or NULL) overrides LANGUAGE; the message catalogues come
 * from $CASEPATH_LOCALEDIR, else the compiled-in CASEPATH_LOCALEDIR. When
 * the locale is the plain C one, LC_MESSAGES and LC_CTYPE become C.UTF-8
 * so that a language chosen by --lang still shows (glibc ignores
 * LANGUAGE under "C"). */
void i18n_init(const char *lang);

/* gettext with a context (msgctxt), for short words that mean different
 * things in different places. Returns msgid when untranslated. */
const char *i18n_pgettext(const char *ctx, const char *msgid);

/* The language the messages come out in ("en" when untranslated), from
 * the catalogue's header: "tr", "ru". */
const char *i18n_language(void);

/* Reference names in the interface's language: a country's or a
 * language's English ISO name through Debian's iso-codes catalogues
 * (iso_3166-1, iso_639-3), a person's category through ours. The stored
 * name or identifier is returned when there is no translation. */
const char *i18n_country(const char *english_name);
const char *i18n_language_name(const char *english_name);
const char *i18n_category(const char *category);

#endif
