/* i18n.c: gettext set-up and the context lookup (i18n.h). */
#include <locale.h>
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
