/* util.c: allocation wrappers and small helpers shared by every layer. */
#include <errno.h>
#include <malloc.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "casepath/i18n.h"
#include "casepath/util.h"

static void
oom(void)
{
	fputs(_("casepath: out of memory\n"), stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom();
	return q;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s ? s : "") + 1;
	char *d = xmalloc(n);

	memcpy(d, s ? s : "", n);
	return d;
}

void
xfree(void *pp)
{
	void **p = pp;

	free(*p);
	*p = NULL;
}

void
strlcpy_safe(char *dst, const char *src, size_t len)
{
	if (len == 0)
		return;
	snprintf(dst, len, "%s", src ? src : "");
}

int
str_empty(const char *s)
{
	return !s || !*s;
}

char *
os_login(char *buf, size_t len)
{
	struct passwd *pw = getpwuid(geteuid());

	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(buf, len, "%s", pw->pw_name);
	else
		snprintf(buf, len, "uid:%ld", (long)geteuid());
	return buf;
}

char *
utc_now(char *buf, size_t len)
{
	const char *fixed = getenv("CASEPATH_NOW");
	time_t t = time(NULL);
	struct tm tm;

	/* tests pin the clock, as CASEPATH_TODAY pins the day */
	if (fixed && strlen(fixed) == 20 && fixed[10] == 'T' && fixed[19] == 'Z') {
		snprintf(buf, len, "%s", fixed);
		return buf;
	}
	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

char *
read_whole_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	int err;

	if (!f)
		return NULL;
	do {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 1 << 16;
			buf = xrealloc(buf, cap + 1);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	if (ferror(f)) {
		err = errno;
		fclose(f);
		free(buf);
		errno = err;
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int
make_dirs(const char *path, unsigned mode)
{
	char buf[4096];
	size_t len = strlen(path);

	if (len == 0 || len >= sizeof buf)
		return -1;
	memcpy(buf, path, len + 1);
	for (char *p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	return mkdir(buf, (mode_t)mode) == 0 || errno == EEXIST ? 0 : -1;
}

void
text_add(struct text_buf *t, const char *s)
{
	size_t n = strlen(s);

	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = xrealloc(t->s, t->cap);
	}
	memcpy(t->s + t->len, s, n + 1);
	t->len += n;
}

uint64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int64_t
mono_us(void)
{
	return (int64_t)(mono_ns() / 1000);
}

/* --- heap prefaulting -------------------------------------------------------
 * On a virtual machine the first touch of a page of fresh heap costs a
 * fault of 11 us or more (15 us measured here), three times a database
 * page's read from the OS's cache: a cold search keystroke that reads
 * 500 pages spent half its time in faults. The screens therefore grow
 * the heap while idle, a megabyte a call, fault it in at once
 * (MADV_POPULATE_WRITE: a tenth of the price of page-by-page faults),
 * and free it into malloc's keeping (no trim below 64 MiB), where SQLite's
 * page caches then find it. Only glibc's malloc is known to keep it. */
#define WARM_PIECE ((size_t)1 << 20)

bool
heap_prefault_piece(size_t total)
{
#if defined(__GLIBC__) && defined(MADV_POPULATE_WRITE)
	static void *piece[64];
	static size_t n, want;

	if (want == 0) {
		want = total / WARM_PIECE;
		if (want > sizeof piece / sizeof piece[0])
			want = sizeof piece / sizeof piece[0];
		/* a piece from the heap, not a mapping of its own; kept when freed */
		mallopt(M_MMAP_THRESHOLD, (int)(2 * WARM_PIECE));
		mallopt(M_TRIM_THRESHOLD, (int)(64 * WARM_PIECE));
	}
	if (n >= want)
		return false;
	if ((piece[n] = malloc(WARM_PIECE)) != NULL) {
		uintptr_t page = ((uintptr_t)piece[n] + 4095) & ~(uintptr_t)4095;

		/* an older kernel says EINVAL: the faults are then paid later */
		(void)madvise((void *)page, WARM_PIECE - 4096, MADV_POPULATE_WRITE);
	}
	if (++n < want)
		return true;
	for (size_t i = 0; i < n; i++)
		free(piece[i]);
	return false;
#else
	(void)total;
	return false;
#endif
}
