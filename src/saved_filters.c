/* saved_filters.c: see saved_filters.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casepath/i18n.h"
#include "casepath/saved_filters.h"
#include "casepath/util.h"

static char *
filters_file(char *buf, size_t len)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (!str_empty(xdg))
		snprintf(buf, len, "%s/casepath/filters", xdg);
	else
		snprintf(buf, len, "%s/.config/casepath/filters", str_empty(home) ? "." : home);
	return buf;
}

/* The name of a "NAME<TAB>text" line, cut in place; NULL when none. */
static char *
split_line(char *line, char **text)
{
	char *tab = strchr(line, '\t');

	line[strcspn(line, "\n")] = '\0';
	if (!tab)
		return NULL;
	*tab = '\0';
	*text = tab + 1;
	return line;
}

bool
saved_filter_get(const char *name, char *out, size_t len)
{
	char path[1024], line[1024];
	FILE *f = fopen(filters_file(path, sizeof path), "r");
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof line, f)) {
		char *text, *n = split_line(line, &text);

		if (n && strcmp(n, name) == 0) {
			snprintf(out, len, "%s", text);
			found = true;
		}
	}
	fclose(f);
	return found;
}

bool
saved_filter_put(const char *name, const char *text, char *err, size_t errlen)
{
	char path[1024], tmp[1100], dir[1024], line[1024];
	FILE *in, *out;

	if (!name[0] || strpbrk(name, " \t\n")) {
		snprintf(err, errlen, _("a filter's name is one word"));
		return false;
	}
	filters_file(path, sizeof path);
	snprintf(dir, sizeof dir, "%s", path);
	*strrchr(dir, '/') = '\0';
	if (make_dirs(dir, 0700) != 0) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return false;
	}
	snprintf(tmp, sizeof tmp, "%s.new", path);
	if (!(out = fopen(tmp, "w"))) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return false;
	}
	/* keep the others, replace this name's line */
	if ((in = fopen(path, "r"))) {
		while (fgets(line, sizeof line, in)) {
			char copy[1024], *t, *n;

			snprintf(copy, sizeof copy, "%s", line);
			n = split_line(copy, &t);
			if (!n || strcmp(n, name) != 0)
				fputs(line, out);
		}
		fclose(in);
	}
	fprintf(out, "%s\t%s\n", name, text);
	if (fclose(out) != 0 || rename(tmp, path) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return false;
	}
	return true;
}

char **
saved_filter_names(void)
{
	char path[1024], line[1024];
	FILE *f = fopen(filters_file(path, sizeof path), "r");
	char **names = xcalloc(1, sizeof *names);
	size_t n = 0;

	if (!f)
		return names;
	while (fgets(line, sizeof line, f)) {
		char *text, *name = split_line(line, &text);

		if (!name)
			continue;
		names = xrealloc(names, (n + 2) * sizeof *names);
		names[n++] = xstrdup(name);
		names[n] = NULL;
	}
	fclose(f);
	return names;
}

void
saved_filter_names_free(char ***names)
{
	for (char **p = *names; p && *p; p++)
		free(*p);
	free(*names);
	*names = NULL;
}
