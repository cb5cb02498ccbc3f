/* i18n.c: gettext set-up and the context lookup (i18n.h). */
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/i18n.h"

#ifndef CASEPATH_LOCALEDIR
#define CASEPATH_LOCALEDIR "/usr/local/share/locale"
#endif

static char language[16] = "en";

static int
plain_c(const char *name)
{
	return !name || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}

void
i18n_init(const char *lang)
{
	const char *dir = getenv("CASEPATH_LOCALEDIR");
	const char *hdr, *p;

	if (lang && *lang)
		setenv("LANGUAGE", lang, 1);
	setlocale(LC_ALL, "");
	if (plain_c(setlocale(LC_MESSAGES, NULL)) && lang && *lang)
		setlocale(LC_MESSAGES, "C.UTF-8");
	if (plain_c(setlocale(LC_CTYPE, NULL)) && lang && *lang)
		setlocale(LC_CTYPE, "C.UTF-8");
	bindtextdomain(CASEPATH_DOMAIN, dir && *dir ? dir : CASEPATH_LOCALEDIR);
	bind_textdomain_codeset(CASEPATH_DOMAIN, "UTF-8");
	textdomain(CASEPATH_DOMAIN);
	/* The header's Language: line says which catalogue answered. */
	hdr = gettext("");
	if (hdr && *hdr && (p = strstr(hdr, "Language: ")) != NULL) {
		size_t n = strcspn(p + 10, "\n_.@");

		if (n > 0 && n < sizeof language) {
			memcpy(language, p + 10, n);
			language[n] = '\0';
		}
	}
}

const char *
i18n_pgettext(const char *ctx, const char *msgid)
{
	char key[256];
	const char *t;
	int n = snprintf(key, sizeof key, "%s\004%s", ctx, msgid);

	if (n < 0 || (size_t)n >= sizeof key)
		return msgid;
	t = gettext(key);
	return t == key ? msgid : t;
}

const char *
i18n_language(void)
{
	return language;
}

/* iso-codes' domains live in the system's locale directory, where
 * dgettext finds them without a binding; only their charset is set. */
static const char *
iso_name(const char *domain, const char *name)
{
	static bool ready;

	if (!name || !*name)
		return name ? name : "";
	if (!ready) {
		bind_textdomain_codeset("iso_3166-1", "UTF-8");
		bind_textdomain_codeset("iso_639-3", "UTF-8");
		ready = true;
	}
	return dgettext(domain, name);
}

const char *
i18n_country(const char *english_name)
{
	/* the two codes casepath adds to ISO's list */
	if (english_name && strcmp(english_name, "Stateless") == 0)
		return i18n_pgettext("country", "Stateless");
	if (english_name && strcmp(english_name, "Unknown") == 0)
		return i18n_pgettext("country", "Unknown");
	return iso_name("iso_3166-1", english_name);
}

const char *
i18n_language_name(const char *english_name)
{
	return iso_name("iso_639-3", english_name);
}

/* The demo's and DESIGN.md's categories; any other stays as stored. */
static const char *const categories[] = {
	V_("category", "foreign_national"), V_("category", "turkish_returnee"),
	V_("category", "central_asian_repatriate"), V_("category", "nes_camp_resident"),
	NULL,
};

const char *
i18n_category(const char *category)
{
	for (size_t i = 0; category && categories[i]; i++)
		if (strcmp(categories[i], category) == 0)
			return i18n_pgettext("category", category);
	return category ? category : "";
}
