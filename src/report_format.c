/* report_format.c: the report (report.h) as text, CSV and HTML. No
 * curses, no SQL: the TUI's report view uses the same bars. Every text
 * from the model is sanitised before it is written (u8.h), and for
 * HTML escaped as well, so a hostile name can neither drive a terminal
 * nor break the page. Numbers are laid out with integer arithmetic
 * only, so the same report gives the same bytes everywhere. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/csv.h"
#include "casepath/date.h"
#include "casepath/i18n.h"
#include "casepath/report.h"
#include "casepath/u8.h"
#include "casepath/util.h"

/* --- bars and sparklines ---------------------------------------------------- */

static const char *const eighths[8] = {
	"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c",
	"\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89"
};
#define FULL_BLOCK "\xe2\x96\x88"

/* Appends text to out (outlen bytes, always terminated) when it fits
 * whole. */
static bool
put(char *out, size_t outlen, size_t *at, const char *text)
{
	size_t n = strlen(text);

	if (*at + n >= outlen)
		return false;
	memcpy(out + *at, text, n + 1);
	*at += n;
	return true;
}

int
report_bar(long value, long max, int cells, bool unicode, char *out,
           size_t outlen)
{
	size_t at = 0;
	int used = 0;

	if (outlen)
		out[0] = '\0';
	if (value <= 0 || max <= 0 || cells <= 0 || !outlen)
		return 0;
	if (value > max)
		value = max;
	if (unicode) {
		/* in eighths of a cell, rounded to the nearest */
		long long e = ((long long)value * cells * 8 + max / 2) / max;

		if (e < 1)
			e = 1;
		for (long long i = 0; i < e / 8; i++, used++)
			if (!put(out, outlen, &at, FULL_BLOCK))
				return used;
		if (e % 8 && put(out, outlen, &at, eighths[e % 8]))
			used++;
	} else {
		long long n = ((long long)value * cells + max / 2) / max;

		if (n < 1)
			n = 1;
		for (long long i = 0; i < n; i++, used++)
			if (!put(out, outlen, &at, "#"))
				return used;
	}
	return used;
}

int
report_spark(const long *values, size_t n, bool unicode, char *out, size_t outlen)
{
	static const char *const blocks[9] = {
		" ", "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
	};
	static const char *const ascii[8] = { " ", ".", ":", "-", "=", "+", "*", "#" };
	const char *const *levels = unicode ? blocks : ascii;
	long levels_n = unicode ? 9 : 8, max = 0;
	size_t at = 0;
	int used = 0;

	if (outlen)
		out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	for (size_t i = 0; i < n; i++) {
		long v = values[i] < 0 ? 0 : values[i];
		/* rounded up, so a value above zero is never blank */
		long l = max ? (long)(((long long)v * (levels_n - 1) + max - 1) / max) : 0;

		if (!put(out, outlen, &at, levels[l]))
			break;
		used++;
	}
	return used;
}

bool
report_unicode_ok(const char *codeset, const char *term)
{
	if (!codeset || (strcmp(codeset, "UTF-8") != 0 && strcmp(codeset, "utf8") != 0))
		return false;
	return !term || !(strncmp(term, "vt", 2) == 0 || strcmp(term, "dumb") == 0);
}

/* --- shared helpers ----------------------------------------------------------- */

/* The largest row value a section's bars are scaled to. */
static long
bar_max(const struct report_section *s)
{
	long max = 0;

	for (size_t i = 0; i < s->nrows; i++)
		if (s->rows[i].value > max)
			max = s->rows[i].value;
	return max;
}

/* "19.7%": per mille rounded half up, integer only. */
static char *
share(long value, long total, char *buf, size_t len)
{
	long long pm;

	if (total <= 0) {
		snprintf(buf, len, "-");
		return buf;
	}
	pm = ((long long)value * 1000 + total / 2) / total;
	snprintf(buf, len, "%lld.%lld%%", pm / 10, pm % 10);
	return buf;
}

static char *
signed_number(long v, char *buf, size_t len)
{
	snprintf(buf, len, "%+ld", v);
	return buf;
}

/* A sanitised copy of s, allocated. */
static char *
clean(const char *s)
{
	size_t need = u8_sanitize(s, NULL, 0);
	char *out = xmalloc(need + 1);

	u8_sanitize(s, out, need + 1);
	return out;
}

/* --- text ----------------------------------------------------------------------- */

#define LABEL_COLS 30
#define VALUE_COLS 8
#define SHARE_COLS 7
#define CHANGE_COLS 8

struct text {
	FILE *out;
	int width;
	bool unicode, since;
};

/* s cut or padded to cols columns (sanitised by u8_fit). */
static void
put_fit(FILE *out, const char *s, int cols)
{
	char buf[1024];

	u8_fit(s, cols, true, buf, sizeof buf);
	fputs(buf, out);
}

/* Words of text wrapped to width columns, each line indented. */
static void
put_wrapped(FILE *out, const char *text, int indent, int width)
{
	char *t = clean(text), *save = NULL;
	int col = 0;

	for (char *w = strtok_r(t, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		int ww = u8_width(w);

		if (col > 0 && col + 1 + ww > width - indent) {
			fputc('\n', out);
			col = 0;
		}
		if (col == 0)
			fprintf(out, "%*s", indent, "");
		else
			fputc(' ', out), col++;
		fputs(w, out);
		col += ww;
	}
	if (col > 0)
		fputc('\n', out);
	free(t);
}

static int
bar_cols(const struct text *t, const struct report_section *s)
{
	int fixed = 2 + LABEL_COLS + 1 + 1 + VALUE_COLS + (s->shares ? SHARE_COLS : 0) +
	            (t->since ? CHANGE_COLS : 0);
	int cols = t->width - fixed;

	if (s->chart == CHART_SERIES && cols < (int)s->nmonths)
		cols = (int)s->nmonths;
	return cols < 10 ? 10 : cols;
}

/* value, share, change: the figures' columns. */
static void
put_figures(const struct text *t, const struct report_section *s, long value,
            bool has_change, long change)
{
	char buf[32];

	fprintf(t->out, " %*ld", VALUE_COLS, value);
	if (s->shares)
		fprintf(t->out, " %*s", SHARE_COLS - 1, share(value, s->total, buf, sizeof buf));
	if (t->since)
		fprintf(t->out, " %*s", CHANGE_COLS - 1,
		        has_change ? signed_number(change, buf, sizeof buf) : "");
}

/* " " then s right-aligned in cols terminal columns (cut to them when
 * longer: a translated heading keeps the columns in place). */
static void
put_right(FILE *out, const char *s, int cols)
{
	char cut[256];
	int w = u8_fit(s, cols, false, cut, sizeof cut);

	fprintf(out, " %*s%s", w < cols ? cols - w : 0, "", cut);
}

static void
text_header(const struct text *t, const struct report_section *s, int bars)
{
	char title[256];
	int left = 2 + LABEL_COLS + 1 + bars;

	snprintf(title, sizeof title, "%s", s->title);
	if (s->chart == CHART_SERIES && s->nmonths)
		snprintf(title, sizeof title, _("%s, %s to %s"), s->title, s->months[0],
		         s->months[s->nmonths - 1]);
	if (u8_width(title) > left) {
		put_wrapped(t->out, title, 0, t->width);
		fprintf(t->out, "%*s", left, "");
	} else {
		put_fit(t->out, title, left);
	}
	put_right(t->out, s->unit, VALUE_COLS);
	if (s->shares)
		put_right(t->out, _("share"), SHARE_COLS - 1);
	if (t->since)
		put_right(t->out, _("change"), CHANGE_COLS - 1);
	fputc('\n', t->out);
}

static void
text_limit(const struct text *t, const char *note)
{
	const char *dash = t->unicode ? "\xe2\x94\x84\xe2\x94\x84" : "--";

	fprintf(t->out, "  %s ", dash);
	put_fit(t->out, note, u8_width(note) < t->width - 8 ? u8_width(note) : t->width - 8);
	fprintf(t->out, " %s\n", dash);
}

static void
text_section(const struct text *t, const struct report_section *s)
{
	int cols = bar_cols(t, s);
	long max = bar_max(s);
	char *bar = xmalloc((size_t)cols * 4 + 8);

	text_header(t, s, cols);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct report_row *r = &s->rows[i];
		int used;

		if ((r->flags & ROW_LIMIT) && *r->note)
			text_limit(t, r->note);
		fputs(r->flags & ROW_ALERT ? "! " : "  ", t->out);
		put_fit(t->out, r->label, LABEL_COLS);
		fputc(' ', t->out);
		if (s->chart == CHART_SERIES && r->series)
			used = report_spark(r->series, s->nmonths, t->unicode, bar,
			                    (size_t)cols * 4 + 8);
		else
			used = report_bar(r->value, max, cols, t->unicode, bar,
			                  (size_t)cols * 4 + 8);
		fprintf(t->out, "%s%*s", bar, cols - used, "");
		put_figures(t, s, r->value, r->has_change, r->change);
		fputc('\n', t->out);
		if (!(r->flags & ROW_LIMIT) && *r->note)
			put_wrapped(t->out, r->note, 2 + LABEL_COLS + 1, t->width);
	}
	if (s->chart == CHART_SERIES && s->nmonths >= 2) {
		/* the axis under the sparklines: first and last month */
		int gap = (int)s->nmonths - u8_width(s->months[0]) -
		          u8_width(s->months[s->nmonths - 1]);

		fprintf(t->out, "%*s", 2 + LABEL_COLS + 1, "");
		if (gap > 0)
			fprintf(t->out, "%s%*s%s\n", s->months[0], gap, "",
			        s->months[s->nmonths - 1]);
		else
			fprintf(t->out, "%s\n", s->months[0]);
	}
	if (*s->total_label) {
		fputs("  ", t->out);
		put_fit(t->out, s->total_label, LABEL_COLS + 1 + cols);
		fputc(' ', t->out);
		fprintf(t->out, " %*ld", VALUE_COLS - 1, s->total);
		if (s->shares)
			fprintf(t->out, " %*s", SHARE_COLS - 1, "");
		if (t->since) {
			char buf[32];

			fprintf(t->out, " %*s", CHANGE_COLS - 1,
			        s->has_change ? signed_number(s->change, buf, sizeof buf) : "");
		}
		fputc('\n', t->out);
	}
	if (*s->note)
		put_wrapped(t->out, s->note, 2, t->width);
	free(bar);
}

int
report_write_text(FILE *out, const struct report *r, int width, bool unicode)
{
	struct text t = { out, width < 60 ? 60 : width, unicode, r->since >= 0 };
	char a[PDATE_TEXT_MAX];

	fprintf(out, _("casepath report as of %s\n"), day_display(r->as_of, a, sizeof a));
	fputs(_("filter: "), out);
	put_wrapped(out, *r->filter ? r->filter : _("none (every person)"), 0, t.width);
	if (r->since >= 0)
		fprintf(out, _("change: since %s, from the event history\n"),
		        day_display(r->since, a, sizeof a));
	fprintf(out, _("persons selected: %ld\n"), r->persons);
	for (size_t i = 0; i < r->nsections; i++) {
		fputc('\n', out);
		text_section(&t, &r->sections[i]);
	}
	return ferror(out) ? -1 : 0;
}

/* --- CSV ---------------------------------------------------------------------- */

static void
flag_words(unsigned flags, char *buf, size_t len)
{
	static const struct {
		unsigned flag;
		const char *word;
	} words[] = {
		{ ROW_ALERT, "alert" }, { ROW_LIMIT, "limit" }, { ROW_REST, "rest" },
		{ ROW_TOTAL, "total" },
	};
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (flags & words[i].flag) {
			int n = snprintf(buf + at, len - at, "%s%s", at ? ";" : "",
			                 words[i].word);

			if (n > 0 && (size_t)n < len - at)
				at += (size_t)n;
		}
}

int
report_write_csv(FILE *out, const struct report *r, const struct report_section *s)
{
	size_t ncols = 2 + (s->chart == CHART_SERIES ? s->nmonths : 0) + 1 +
	               (s->shares ? 1 : 0) + (r->since >= 0 ? 1 : 0) + 2;
	const char **f = xcalloc(ncols, sizeof *f);
	char (*num)[32] = xcalloc(ncols, sizeof *num);
	size_t n = 0;

	/* header */
	f[n++] = "key";
	f[n++] = "label";
	for (size_t m = 0; s->chart == CHART_SERIES && m < s->nmonths; m++)
		f[n++] = s->months[m];
	f[n++] = s->chart == CHART_SERIES ? "total" : "value";
	if (s->shares)
		f[n++] = "share";
	if (r->since >= 0)
		f[n++] = "change";
	f[n++] = "flags";
	f[n++] = "note";
	csv_write_row(out, f, n);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct report_row *row = &s->rows[i];
		char *key = clean(row->key), *label = clean(row->label),
		     *note = clean(row->note);
		size_t k = 0;

		n = 0;
		f[n++] = key;
		f[n++] = label;
		for (size_t m = 0; s->chart == CHART_SERIES && m < s->nmonths; m++) {
			snprintf(num[k], sizeof num[k], "%ld", row->series ? row->series[m] : 0L);
			f[n++] = num[k++];
		}
		snprintf(num[k], sizeof num[k], "%ld", row->value);
		f[n++] = num[k++];
		if (s->shares) {
			share(row->value, s->total, num[k], sizeof num[k]);
			/* a number for a spreadsheet: "19.7", no sign */
			num[k][strcspn(num[k], "%")] = '\0';
			f[n++] = num[k++];
		}
		if (r->since >= 0) {
			if (row->has_change)
				snprintf(num[k], sizeof num[k], "%ld", row->change);
			else
				num[k][0] = '\0';
			f[n++] = num[k++];
		}
		flag_words(row->flags, num[k], sizeof num[k]);
		f[n++] = num[k++];
		f[n++] = note;
		csv_write_row(out, f, n);
		free(key);
		free(label);
		free(note);
	}
	free(f);
	free(num);
	return ferror(out) ? -1 : 0;
}

int
report_write_csv_dir(const char *dir, const struct report *r, char *err,
                     size_t errlen)
{
	if (make_dirs(dir, 0700) != 0) {
		snprintf(err, errlen, _("%s: cannot create the directory: %s"), dir,
		         strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < r->nsections; i++) {
		const struct report_section *s = &r->sections[i];
		size_t len = strlen(dir) + strlen(s->key) + 8;
		char *path = xmalloc(len);
		FILE *out;
		int bad;

		snprintf(path, len, "%s/%s.csv", dir, s->key);
		if (!(out = fopen(path, "w"))) {
			snprintf(err, errlen, _("%s: cannot write: %s"), path, strerror(errno));
			free(path);
			return -1;
		}
		bad = report_write_csv(out, r, s);
		if (fclose(out) != 0 || bad) {
			snprintf(err, errlen, _("%s: cannot write: %s"), path, strerror(errno));
			free(path);
			return -1;
		}
		free(path);
	}
	return 0;
}

/* --- HTML with inline SVG ------------------------------------------------------- */

/* Sanitises and escapes one UTF-8 character or mark at a time. U+FFFE
 * and U+FFFF, which u8_sanitize leaves alone, are not XML characters:
 * they become U+FFFD. */
size_t
report_xml_escape(const char *s, char *out, size_t outlen)
{
	char *c = clean(s);
	size_t need = 0, at = 0;
	bool full = false;

	for (const char *p = c; *p;) {
		char one[8];
		size_t n = 1;
		const char *rep = NULL;

		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBF &&
			    ((unsigned char)p[2] == 0xBE || (unsigned char)p[2] == 0xBF)) {
				rep = "\xef\xbf\xbd";
				n = 3;
			}
			break;
		}
		if (!rep) {
			one[0] = *p;
			one[1] = '\0';
			rep = one;
		}
		need += strlen(rep);
		if (!full && !put(out, outlen, &at, rep))
			full = true;
		p += n;
	}
	if (outlen && at < outlen)
		out[at] = '\0';
	free(c);
	return need;
}

/* Writes s escaped. */
static void
xput(FILE *out, const char *s)
{
	size_t need = report_xml_escape(s, NULL, 0);
	char *buf = xmalloc(need + 1);

	report_xml_escape(s, buf, need + 1);
	fputs(buf, out);
	free(buf);
}

/* Writes the formatted text escaped. */
static void xput_printf(FILE *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
xput_printf(FILE *out, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	xput(out, buf);
}

#define SVG_WIDTH 720
#define SVG_LABEL 260      /* label area, right-aligned at its end */
#define SVG_BAR 360        /* the longest bar */
#define SVG_ROW 20

static const char *const palette[] = {
	"#3b6ea5", "#e08a2e", "#5a9e4b", "#8c6bb1", "#c9453e", "#7f7f7f",
	"#b59a2a", "#2ea3a3"
};
#define NPALETTE (sizeof palette / sizeof palette[0])

static void
svg_bars(FILE *out, const struct report_section *s)
{
	long max = bar_max(s);
	int limits = 0, y = 4, height;

	for (size_t i = 0; i < s->nrows; i++)
		limits += (s->rows[i].flags & ROW_LIMIT) ? 1 : 0;
	height = (int)s->nrows * SVG_ROW + limits * SVG_ROW + 8;
	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
	        " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", SVG_WIDTH, height,
	        SVG_WIDTH, height);
	xput(out, s->title);
	fputs("\">\n", out);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct report_row *r = &s->rows[i];
		long w = max > 0 ? (long)(((long long)r->value * SVG_BAR + max / 2) / max) : 0;

		if ((r->flags & ROW_LIMIT) && *r->note) {
			fprintf(out, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c9453e\""
			        " stroke-dasharray=\"4 3\"/>\n", y + SVG_ROW / 2, SVG_WIDTH,
			        y + SVG_ROW / 2);
			fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#c9453e\">",
			        SVG_LABEL + 4, y + SVG_ROW / 2 - 3);
			xput(out, r->note);
			fputs("</text>\n", out);
			y += SVG_ROW;
		}
		if (r->value > 0 && w < 1)
			w = 1;
		fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">",
		        SVG_LABEL - 6, y + 14);
		xput(out, r->label);
		fprintf(out, "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%ld\" height=\"%d\""
		        " fill=\"%s\"/>\n", SVG_LABEL, y + 3, w, SVG_ROW - 6,
		        r->flags & ROW_ALERT ? "#c9453e" :
		        r->flags & ROW_TOTAL ? "#7f7f7f" : "#3b6ea5");
		fprintf(out, "<text x=\"%ld\" y=\"%d\" font-size=\"12\">%ld</text>\n",
		        SVG_LABEL + w + 4, y + 14, r->value);
		y += SVG_ROW;
	}
	fputs("</svg>\n", out);
}

/* Stacked columns, a month each, of every row but the totals. */
static void
svg_series(FILE *out, const struct report_section *s)
{
	const int left = 48, plot = 160;
	const int col = (SVG_WIDTH - left - 8) / (s->nmonths ? (int)s->nmonths : 1);
	int height = plot + 40 + 18 * (int)((s->nrows + 3) / 4);
	long max = 0;

	for (size_t m = 0; m < s->nmonths; m++) {
		long sum = 0;

		for (size_t i = 0; i < s->nrows; i++)
			if (!(s->rows[i].flags & ROW_TOTAL) && s->rows[i].series)
				sum += s->rows[i].series[m];
		if (sum > max)
			max = sum;
	}
	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
	        " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", SVG_WIDTH, height,
	        SVG_WIDTH, height);
	xput(out, s->title);
	fputs("\">\n", out);
	fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n",
	        left, plot + 4, SVG_WIDTH - 8, plot + 4);
	fprintf(out, "<text x=\"%d\" y=\"14\" font-size=\"11\" text-anchor=\"end\">%ld</text>\n",
	        left - 4, max);
	for (size_t m = 0; m < s->nmonths; m++) {
		int x = left + (int)m * col + 1, base = plot + 4;
		size_t colour = 0;

		for (size_t i = 0; i < s->nrows; i++, colour++) {
			const struct report_row *r = &s->rows[i];
			long h;

			if ((r->flags & ROW_TOTAL) || !r->series || r->series[m] <= 0)
				continue;
			h = max > 0 ? (long)(((long long)r->series[m] * plot + max / 2) / max) : 0;
			if (h < 1)
				h = 1;
			base -= (int)h;
			fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%ld\""
			        " fill=\"%s\"><title>", x, base, col - 2, h,
			        palette[colour % NPALETTE]);
			xput(out, s->months[m]);
			fputs(" ", out);
			xput(out, r->label);
			fprintf(out, ": %ld</title></rect>\n", r->series[m]);
		}
		if (m % 6 == 0 || m + 1 == s->nmonths) {
			fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"10\">", x, plot + 18);
			xput(out, s->months[m]);
			fputs("</text>\n", out);
		}
	}
	/* the legend */
	for (size_t i = 0, k = 0; i < s->nrows; i++) {
		int x = left + (int)(k % 4) * 160, y = plot + 30 + 18 * (int)(k / 4);

		if (s->rows[i].flags & ROW_TOTAL)
			continue;
		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
		        "<text x=\"%d\" y=\"%d\" font-size=\"11\">", x, y, palette[i % NPALETTE],
		        x + 14, y + 9);
		xput(out, s->rows[i].label);
		fputs("</text>\n", out);
		k++;
	}
	fputs("</svg>\n", out);
}

static void
html_table(FILE *out, const struct report *r, const struct report_section *s)
{
	char buf[32];

	fputs("<table>\n<thead><tr><th></th>", out);
	for (size_t m = 0; s->chart == CHART_SERIES && m < s->nmonths; m++) {
		fputs("<th>", out);
		xput(out, s->months[m]);
		fputs("</th>", out);
	}
	fputs("<th>", out);
	xput(out, s->unit);
	fputs("</th>", out);
	if (s->shares)
		fprintf(out, "<th>%s</th>", _("share"));
	if (r->since >= 0)
		fprintf(out, "<th>%s</th>", _("change"));
	fputs("</tr></thead>\n<tbody>\n", out);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct report_row *row = &s->rows[i];

		fprintf(out, "<tr%s><th scope=\"row\">",
		        row->flags & ROW_ALERT ? " class=\"alert\"" :
		        row->flags & ROW_TOTAL ? " class=\"total\"" : "");
		xput(out, row->label);
		if (*row->note) {
			fputs("<br/><small>", out);
			xput(out, row->note);
			fputs("</small>", out);
		}
		fputs("</th>", out);
		for (size_t m = 0; s->chart == CHART_SERIES && m < s->nmonths; m++)
			fprintf(out, "<td>%ld</td>", row->series ? row->series[m] : 0L);
		fprintf(out, "<td>%ld</td>", row->value);
		if (s->shares)
			fprintf(out, "<td>%s</td>", share(row->value, s->total, buf, sizeof buf));
		if (r->since >= 0)
			fprintf(out, "<td>%s</td>", row->has_change ?
			        signed_number(row->change, buf, sizeof buf) : "");
		fputs("</tr>\n", out);
	}
	if (*s->total_label) {
		fputs("<tr class=\"total\"><th scope=\"row\">", out);
		xput(out, s->total_label);
		fputs("</th>", out);
		fprintf(out, "<td>%ld</td>", s->total);
		if (s->shares)
			fputs("<td></td>", out);
		if (r->since >= 0)
			fprintf(out, "<td>%s</td>", s->has_change ?
			        signed_number(s->change, buf, sizeof buf) : "");
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

int
report_write_html(FILE *out, const struct report *r)
{
	char a[PDATE_TEXT_MAX], b[PDATE_TEXT_MAX];

	day_display(r->as_of, a, sizeof a);
	fprintf(out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""
	        " lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>", i18n_language());
	xput_printf(out, _("casepath report as of %s"), a);
	fputs("</title>\n<style>\n"
	      "body { font-family: sans-serif; margin: 2em; color: #222; }\n"
	      "table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 90%; }\n"
	      "th, td { border: 1px solid #ccc; padding: 2px 6px; }\n"
	      "td { text-align: right; }\n"
	      "th[scope=row] { text-align: left; font-weight: normal; }\n"
	      "tr.alert th, tr.alert td { color: #a01e1e; font-weight: bold; }\n"
	      "tr.total th, tr.total td { font-weight: bold; }\n"
	      "p.note { color: #555; font-size: 90%; max-width: 50em; }\n"
	      "@media print { section { page-break-inside: avoid; } }\n"
	      "</style>\n</head>\n<body>\n<h1>", out);
	xput(out, _("casepath report"));
	fputs("</h1>\n<p>", out);
	xput_printf(out, _("As of %s"), a);
	xput_printf(out, _("; filter: %s"), *r->filter ? r->filter : _("none (every person)"));
	if (r->since >= 0)
		xput_printf(out, _("; change since %s, from the event history"),
		            day_display(r->since, b, sizeof b));
	xput_printf(out, _(". Persons selected: %ld."), r->persons);
	fputs("</p>\n", out);
	for (size_t i = 0; i < r->nsections; i++) {
		const struct report_section *s = &r->sections[i];

		fputs("<section id=\"", out);
		xput(out, s->key);
		fputs("\">\n<h2>", out);
		xput(out, s->title);
		fputs("</h2>\n", out);
		if (s->chart == CHART_SERIES)
			svg_series(out, s);
		else
			svg_bars(out, s);
		html_table(out, r, s);
		if (*s->note) {
			fputs("<p class=\"note\">", out);
			xput(out, s->note);
			fputs("</p>\n", out);
		}
		fputs("</section>\n", out);
	}
	fputs("</body>\n</html>\n", out);
	return ferror(out) ? -1 : 0;
}
