/* doc.c: see doc.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/doc.h"
#include "casepath/util.h"

void
doc_add(struct doc *d, const struct doc_line *proto, const char *label,
        const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		d->lines = xrealloc(d->lines, (size_t)d->cap * sizeof *d->lines);
	}
	d->lines[d->n] = *proto;
	d->lines[d->n].label = xstrdup(label);
	d->lines[d->n].text = xstrdup(text);
	d->n++;
}

void
doc_clear(struct doc *d)
{
	for (int i = 0; i < d->n; i++) {
		free(d->lines[i].label);
		free(d->lines[i].text);
	}
	d->n = 0;
}

void
doc_free(struct doc *d)
{
	doc_clear(d);
	free(d->lines);
	memset(d, 0, sizeof *d);
}

void
doc_step(struct doc *d, int delta)
{
	int step = delta > 0 ? 1 : -1, i = d->cursor;

	for (int left = abs(delta); left > 0;) {
		int next = i + step;

		while (next >= 0 && next < d->n && !d->lines[next].selectable)
			next += step;
		if (next < 0 || next >= d->n)
			break;
		i = next;
		left--;
	}
	d->cursor = i;
}

void
doc_first(struct doc *d)
{
	d->cursor = 0;
	d->top = 0;
	doc_settle(d);
}

void
doc_last(struct doc *d)
{
	d->cursor = d->n - 1;
	doc_settle(d);
}

void
doc_settle(struct doc *d)
{
	if (d->cursor >= d->n)
		d->cursor = d->n - 1;
	if (d->cursor < 0)
		d->cursor = 0;
	for (int k = 0; k < d->n && !d->lines[d->cursor].selectable; k++) {
		if (d->cursor - k >= 0 && d->lines[d->cursor - k].selectable)
			d->cursor -= k;
		else if (d->cursor + k < d->n && d->lines[d->cursor + k].selectable)
			d->cursor += k;
	}
}

void
doc_scroll(struct doc *d, int lines)
{
	if (d->cursor < d->top)
		d->top = d->cursor;
	if (lines > 0 && d->cursor >= d->top + lines)
		d->top = d->cursor - lines + 1;
	if (d->top < 0)
		d->top = 0;
}

const struct doc_line *
doc_current(const struct doc *d)
{
	return d->cursor >= 0 && d->cursor < d->n ? &d->lines[d->cursor] : NULL;
}
