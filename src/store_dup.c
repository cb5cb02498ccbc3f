/* store_dup.c: possible duplicates, merge and undo (store_dup.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/dupscore.h"
#include "casepath/i18n.h"
#include "casepath/namekey.h"
#include "casepath/rules.h"
#include "casepath/store_dup.h"
#include "casepath/store_view.h"
#include "casepath/util.h"
#include "store_internal.h"

#define KEYLEN (NAMEKEY_MAX + 1)
/* a block this big is walked by birth date, not pair by pair */
#define SMALL_BLOCK 48
/* an approximate birth date reaches this many days further out */
#define APPROX_DAYS 731

/* --- finding candidates ------------------------------------------------- */

struct cand {
	int64_t id;
	int32_t lo, hi;          /* birth range, widened when approximate */
	char sex;
	bool born;               /* a birth date is known */
};

/* A blocking key's entry: the key's hash in the high bits, the record's
 * candidate index in the low IDX_BITS (8 bytes an entry: a million
 * persons make about twenty million). Two keys whose hashes agree in
 * their high 38 bits meet by mistake once in billions of pairs: a
 * candidate more to score, never a pair lost. */
#define IDX_BITS 26
#define IDX_MASK (((uint64_t)1 << IDX_BITS) - 1)

struct pair {
	uint32_t i, j;           /* cand indexes, cand[i].id < cand[j].id */
};

struct scan {
	struct cand *c;
	size_t nc, capc;
	uint64_t *e;
	size_t ne, cape;
	struct pair *p;
	size_t np, capp;
};

static uint64_t
hash_key(char space, const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ULL;

	h = (h ^ (unsigned char)space) * 1099511628211ULL;
	for (const char *s = a; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	h = (h ^ '|') * 1099511628211ULL;
	for (const char *s = b; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void
put_entry(struct scan *sc, uint64_t h)
{
	if (sc->ne == sc->cape) {
		sc->cape = sc->cape ? sc->cape * 2 : 4096;
		sc->e = xrealloc(sc->e, sc->cape * sizeof *sc->e);
	}
	sc->e[sc->ne++] = (h & ~IDX_MASK) | (uint64_t)(sc->nc - 1);
}

/* The keys of one name text for the record last added: the pair of
 * its first and last words' skeletons in a fixed order; for the
 * record's own name also the pair with one letter deleted from either
 * key (so two names one typo apart share a key). */
static void
name_entries(struct scan *sc, const char *text, bool main)
{
	char f[KEYLEN], l[KEYLEN], *k1, *k2, del[KEYLEN];

	if (!dup_name_pair(text, f, l, KEYLEN))
		return;
	k1 = strcmp(f, l) <= 0 ? f : l;
	k2 = k1 == f ? l : f;
	put_entry(sc, hash_key('1', k1, k2));
	if (!main)
		return;
	put_entry(sc, hash_key('2', k1, k2));
	for (int which = 0; which < 2; which++) {
		const char *k = which ? k2 : k1;
		size_t n = strlen(k);

		if (n < 4)
			continue;           /* dupscore.c: no typo in a short word */
		for (size_t i = 0; i < n; i++) {
			if (i > 0 && k[i] == k[i - 1])
				continue;           /* the same deletion again */
			memcpy(del, k, i);
			memcpy(del + i, k + i + 1, n - i);
			put_entry(sc, which ? hash_key('2', k1, del) : hash_key('1', del, k2));
		}
	}
}

static int
cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* Sorts the entries in place: split by their top byte (counted, then
 * swapped into place), then each part sorted alone, so no copy of all
 * of them is ever made (qsort's merge sort would allocate one). */
static void
sort_entries(uint64_t *e, size_t n)
{
	size_t count[256] = { 0 }, start[257], next[256];

	for (size_t i = 0; i < n; i++)
		count[e[i] >> 56]++;
	start[0] = 0;
	for (int b = 0; b < 256; b++)
		start[b + 1] = start[b] + count[b];
	memcpy(next, start, sizeof next);
	for (int b = 0; b < 256; b++)
		while (next[b] < start[b + 1]) {
			uint64_t v = e[next[b]];
			size_t to = v >> 56;

			if ((int)to == b) {
				next[b]++;
				continue;
			}
			e[next[b]] = e[next[to]];
			e[next[to]++] = v;
		}
	for (int b = 0; b < 256; b++)
		if (count[b] > 1)
			qsort(e + start[b], count[b], sizeof *e, cmp_u64);
}

static int
cmp_pair(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;

	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

static bool
may_pair(const struct cand *a, const struct cand *b)
{
	if ((a->sex == 'F' && b->sex == 'M') || (a->sex == 'M' && b->sex == 'F'))
		return false;
	return !a->born || !b->born || (a->lo <= b->hi && b->lo <= a->hi);
}

static void
put_pair(struct scan *sc, uint32_t x, uint32_t y)
{
	if (x == y || !may_pair(&sc->c[x], &sc->c[y]))
		return;
	if (sc->np == sc->capp) {
		sc->capp = sc->capp ? sc->capp * 2 : 1024;
		sc->p = xrealloc(sc->p, sc->capp * sizeof *sc->p);
	}
	sc->p[sc->np].i = x < y ? x : y;   /* read in id order: x < y <=> id < id */
	sc->p[sc->np++].j = x < y ? y : x;
}

static const struct cand *sort_base;

static int
cmp_by_birth(const void *x, const void *y)
{
	const struct cand *a = &sort_base[*(const uint32_t *)x];
	const struct cand *b = &sort_base[*(const uint32_t *)y];

	return a->lo < b->lo ? -1 : a->lo > b->lo;
}

/* One block of records sharing a key: every pair when small; when big
 * (a common name), only records whose birth ranges meet, by a sweep
 * over the block sorted by birth (records without a date are left
 * out of a big block: they would pair with all of it). */
static void
block_pairs(struct scan *sc, uint32_t *e, size_t n)
{
	uint32_t *idx = e;
	size_t m = 0;

	if (n <= SMALL_BLOCK) {
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++)
				put_pair(sc, e[i], e[j]);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (sc->c[e[i]].born)
			idx[m++] = e[i];
	sort_base = sc->c;
	qsort(idx, m, sizeof *idx, cmp_by_birth);
	for (size_t i = 0; i < m; i++)
		for (size_t j = i + 1; j < m && sc->c[idx[j]].lo <= sc->c[idx[i]].hi; j++)
			put_pair(sc, idx[i], idx[j]);
}

static enum status
scan_persons(struct store *st, struct scan *sc)
{
	sqlite3_stmt *s = NULL;
	enum status rc;
	int src;

	rc = store_prepare(st,
		"SELECT id, given_names || ' ' || family_name, native_name, sex,"
		" birth_lo, birth_hi, substr(birth_date, 1, 1) = '~',"
		" (SELECT group_concat(name, char(31)) FROM person_alias a"
		"   WHERE a.person_id = person.id)"
		" FROM person WHERE merged_into IS NULL ORDER BY id", &s);
	if (rc != ST_OK)
		return rc;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		struct cand *c;
		const char *aliases = column_text(s, 7);

		if (sc->nc > IDX_MASK) {
			sqlite3_finalize(s);
			return store_fail(st, SQLITE_OK, "too many persons to look for duplicates");
		}
		if (sc->nc == sc->capc) {
			sc->capc = sc->capc ? sc->capc * 2 : 4096;
			sc->c = xrealloc(sc->c, sc->capc * sizeof *sc->c);
		}
		c = &sc->c[sc->nc++];
		c->id = sqlite3_column_int64(s, 0);
		c->sex = column_text(s, 3)[0];
		c->born = sqlite3_column_type(s, 4) != SQLITE_NULL;
		c->lo = sqlite3_column_int(s, 4);
		c->hi = sqlite3_column_int(s, 5);
		if (sqlite3_column_int(s, 6)) {
			c->lo -= APPROX_DAYS;
			c->hi += APPROX_DAYS;
		}
		name_entries(sc, column_text(s, 1), true);
		name_entries(sc, column_text(s, 2), false);
		while (*aliases) {
			const char *end = strchr(aliases, '\x1f');
			size_t len = end ? (size_t)(end - aliases) : strlen(aliases);
			char one[512];

			snprintf(one, sizeof one, "%.*s", (int)len, aliases);
			name_entries(sc, one, false);
			aliases += len + (end ? 1 : 0);
		}
	}
	sqlite3_finalize(s);
	if (src != SQLITE_DONE)
		return store_fail(st, src, "cannot read the persons");
	sort_entries(sc->e, sc->ne);
	for (size_t i = 0; i < sc->ne;) {
		size_t j = i + 1, n = 1;
		/* the block's indexes, written over its own entries */
		uint32_t *block = (uint32_t *)(sc->e + i);
		uint64_t key = sc->e[i] & ~IDX_MASK, last = sc->e[i] & IDX_MASK;

		block[0] = (uint32_t)last;
		while (j < sc->ne && (sc->e[j] & ~IDX_MASK) == key) {
			/* one record's names may share a key: count it once */
			if ((sc->e[j] & IDX_MASK) != last) {
				last = sc->e[j] & IDX_MASK;
				block[n++] = (uint32_t)last;
			}
			j++;
		}
		if (n > 1)
			block_pairs(sc, block, n);
		i = j;
	}
	if (sc->np)   /* qsort may not be given the NULL of no pairs */
		qsort(sc->p, sc->np, sizeof *sc->p, cmp_pair);
	{
		size_t keep = 0;

		for (size_t i = 0; i < sc->np; i++)
			if (!keep || cmp_pair(&sc->p[keep - 1], &sc->p[i]) != 0)
				sc->p[keep++] = sc->p[i];
		sc->np = keep;
	}
	return ST_OK;
}

/* --- one record as the scoring reads it ----------------------------------- */

/* Read with a few indexed lookups (the person row, alias names,
 * document numbers, relatives' ids), not the whole detail: a search
 * reads tens of thousands of them. */
struct loaded {
	struct dup_person p;
	char *family, *given, *native, *birth, *nat, *claimed, *case_no;
	char **aliases, **docs;
	int64_t *relatives;
	struct dup_names *names;
	bool ok;
};

static void
loaded_clear(struct loaded *l)
{
	free(l->family);
	free(l->given);
	free(l->native);
	free(l->birth);
	free(l->nat);
	free(l->claimed);
	free(l->case_no);
	for (size_t i = 0; i < l->p.naliases; i++)
		free(l->aliases[i]);
	for (size_t i = 0; i < l->p.ndocuments; i++)
		free(l->docs[i]);
	free(l->aliases);
	free(l->docs);
	free(l->relatives);
	dup_names_free(l->names);
	memset(l, 0, sizeof *l);
}

static enum status
read_list(struct store *st, const char *sql, int64_t id, char ***out, size_t *n)
{
	sqlite3_stmt *s = store_cached_sql(st, sql);
	size_t cap = 0;
	int src;

	*out = NULL;
	*n = 0;
	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		(*out)[(*n)++] = xstrdup(column_text(s, 0));
	}
	sqlite3_reset(s);
	return src == SQLITE_DONE ? ST_OK : store_fail(st, src, "cannot read a person");
}

static int
cmp_id(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return a < b ? -1 : a > b;
}

static enum status
load_person(struct store *st, int64_t id, struct loaded *l)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT case_no, family_name, given_names, native_name, sex, birth_date,"
		" coalesce(nationality, ''), coalesce(claimed_nationality, '')"
		" FROM person WHERE id = ?1");
	enum status rc = ST_OK;
	size_t cap = 0;
	int src;

	loaded_clear(l);
	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	if ((src = sqlite3_step(s)) == SQLITE_ROW) {
		l->case_no = xstrdup(column_text(s, 0));
		l->family = xstrdup(column_text(s, 1));
		l->given = xstrdup(column_text(s, 2));
		l->native = xstrdup(column_text(s, 3));
		l->p.sex = column_text(s, 4)[0] ? column_text(s, 4)[0] : 'U';
		l->birth = xstrdup(column_text(s, 5));
		l->nat = xstrdup(column_text(s, 6));
		l->claimed = xstrdup(column_text(s, 7));
	}
	sqlite3_reset(s);
	if (src == SQLITE_DONE) {
		snprintf(st->err, sizeof st->err, "no person with id %lld", (long long)id);
		return ST_ERR_NOT_FOUND;
	}
	if (src != SQLITE_ROW)
		return store_fail(st, src, "cannot read a person");
	rc = read_list(st, "SELECT name FROM person_alias WHERE person_id = ?1"
	               " ORDER BY ord", id, &l->aliases, &l->p.naliases);
	if (rc == ST_OK)
		rc = read_list(st, "SELECT number FROM identity_document"
		               " WHERE person_id = ?1 AND number <> ''", id, &l->docs,
		               &l->p.ndocuments);
	if (rc == ST_OK) {
		s = store_cached_sql(st, "SELECT other_id FROM relation WHERE person_id = ?1"
		                     " UNION ALL SELECT person_id FROM relation"
		                     " WHERE other_id = ?1");
		if (!s)
			return ST_ERR_DB;
		sqlite3_bind_int64(s, 1, id);
		while ((src = sqlite3_step(s)) == SQLITE_ROW) {
			if (l->p.nrelatives == cap) {
				cap = cap ? cap * 2 : 4;
				l->relatives = xrealloc(l->relatives, cap * sizeof *l->relatives);
			}
			l->relatives[l->p.nrelatives++] = sqlite3_column_int64(s, 0);
		}
		sqlite3_reset(s);
		if (src != SQLITE_DONE)
			rc = store_fail(st, src, "cannot read a person's relatives");
		if (l->p.nrelatives)
			qsort(l->relatives, l->p.nrelatives, sizeof *l->relatives, cmp_id);
	}
	l->p.id = id;
	l->p.case_no = l->case_no;
	l->p.family = l->family;
	l->p.given = l->given;
	l->p.native = l->native;
	l->p.aliases = (const char *const *)l->aliases;
	l->p.birth_date = l->birth;
	l->p.nationality = l->nat;
	l->p.claimed = l->claimed;
	l->p.documents = (const char *const *)l->docs;
	l->p.relatives = l->relatives;
	l->p.names = NULL;
	if (rc == ST_OK)
		l->p.names = l->names = dup_names_new(&l->p);
	l->ok = rc == ST_OK;
	return rc;
}

/* The records the scoring holds, a bounded number. The order the pairs
 * will read them in is known before the first is read, so when every
 * slot is taken the record let go is the one read again last, or never
 * (Belady's choice: the fewest reads a cache of this size can make).
 * Holding every record still ahead took 312,000 records (about 300 MB)
 * at a million persons. */
#define CACHE_SLOTS 16384
#define NO_SLOT UINT32_MAX
#define NEVER UINT32_MAX

struct record_cache {
	struct loaded *slot;
	uint32_t *owner;      /* each slot's candidate */
	uint32_t *next;       /* each slot's next use: a pair's position */
	uint32_t *heap;       /* the held slots, the farthest next use on top */
	uint32_t *heap_at;    /* slot -> its place in heap */
	uint32_t *slot_of;    /* candidate -> slot, or NO_SLOT */
	uint32_t *next_use;   /* pair k's first (2k) and second (2k + 1)
	                       * record: the position of its next pair */
	size_t nslots, nheld;
	long loads;           /* records read, a record read again included */
};

static void
heap_swap(struct record_cache *c, size_t x, size_t y)
{
	uint32_t t = c->heap[x];

	c->heap[x] = c->heap[y];
	c->heap[y] = t;
	c->heap_at[c->heap[x]] = (uint32_t)x;
	c->heap_at[c->heap[y]] = (uint32_t)y;
}

/* Restores the heap after slot k's next use changed. */
static void
heap_fix(struct record_cache *c, uint32_t k)
{
	size_t at = c->heap_at[k];

	while (at > 0 && c->next[c->heap[(at - 1) / 2]] < c->next[k]) {
		heap_swap(c, at, (at - 1) / 2);
		at = (at - 1) / 2;
	}
	for (;;) {
		size_t l = 2 * at + 1, r = l + 1, big = at;

		if (l < c->nheld && c->next[c->heap[l]] > c->next[c->heap[big]])
			big = l;
		if (r < c->nheld && c->next[c->heap[r]] > c->next[c->heap[big]])
			big = r;
		if (big == at)
			break;
		heap_swap(c, at, big);
		at = big;
	}
}

/* nslots: at least 2 (a pair's two records); the pairs sorted */
static struct record_cache *
cache_new(const struct scan *sc, size_t nslots)
{
	struct record_cache *c = xcalloc(1, sizeof *c);
	uint32_t *last = xmalloc(sc->nc * sizeof *last);

	c->nslots = nslots < 2 ? 2 : nslots;
	c->slot = xcalloc(c->nslots, sizeof *c->slot);
	c->owner = xmalloc(c->nslots * sizeof *c->owner);
	c->next = xmalloc(c->nslots * sizeof *c->next);
	c->heap = xmalloc(c->nslots * sizeof *c->heap);
	c->heap_at = xmalloc(c->nslots * sizeof *c->heap_at);
	c->slot_of = xmalloc(sc->nc * sizeof *c->slot_of);
	memset(c->slot_of, 0xff, sc->nc * sizeof *c->slot_of);
	c->next_use = xmalloc(2 * sc->np * sizeof *c->next_use);
	memset(last, 0xff, sc->nc * sizeof *last);
	for (size_t k = sc->np; k-- > 0;) {
		c->next_use[2 * k] = last[sc->p[k].i];
		c->next_use[2 * k + 1] = last[sc->p[k].j];
		last[sc->p[k].i] = last[sc->p[k].j] = (uint32_t)k;
	}
	free(last);
	return c;
}

static void
cache_free(struct record_cache **cp)
{
	struct record_cache *c = *cp;

	if (!c)
		return;
	for (size_t k = 0; k < c->nheld; k++)
		loaded_clear(&c->slot[k]);
	free(c->slot);
	free(c->owner);
	free(c->next);
	free(c->heap);
	free(c->heap_at);
	free(c->slot_of);
	free(c->next_use);
	xfree(cp);
}

/* The record of pair k's first (side 0) or second (side 1) record,
 * read if not held. */
static struct loaded *
cache_get(struct store *st, struct record_cache *c, const struct scan *sc,
          size_t k, int side, enum status *rc)
{
	uint32_t cand = side ? sc->p[k].j : sc->p[k].i;
	uint32_t slot = c->slot_of[cand];

	if (slot == NO_SLOT) {
		if (c->nheld < c->nslots) {
			slot = (uint32_t)c->nheld;
			c->heap[c->nheld] = slot;
			c->heap_at[slot] = (uint32_t)c->nheld++;
		} else {
			slot = c->heap[0];
			c->slot_of[c->owner[slot]] = NO_SLOT;
			loaded_clear(&c->slot[slot]);
		}
		c->owner[slot] = cand;
		c->slot_of[cand] = slot;
		c->loads++;
		*rc = load_person(st, sc->c[cand].id, &c->slot[slot]);
	}
	/* the pair's first record, until its second is read, comes next
	 * of all (no next use is before the current pair): never let go */
	c->next[slot] = side ? c->next_use[2 * k + 1] : (uint32_t)k;
	heap_fix(c, slot);
	return &c->slot[slot];
}

/* Pair k read: its first record's next use is its next pair's. */
static void
cache_done(struct record_cache *c, const struct scan *sc, size_t k)
{
	uint32_t slot = c->slot_of[sc->p[k].i];

	c->next[slot] = c->next_use[2 * k];
	heap_fix(c, slot);
}

enum status
store_dup_score(struct store *st, int64_t a, int64_t b, struct dup_result *out)
{
	struct loaded la = { 0 }, lb = { 0 };
	enum status rc = load_person(st, a, &la);

	if (rc == ST_OK)
		rc = load_person(st, b, &lb);
	if (rc == ST_OK)
		dup_score(&la.p, &lb.p, out);
	loaded_clear(&la);
	loaded_clear(&lb);
	return rc;
}

/* --- the kept pairs --------------------------------------------------------- */

static int64_t
audit_tail(struct store *st)
{
	sqlite3_stmt *s = store_cached_sql(st, "SELECT coalesce(max(seq), 0) FROM audit");
	int64_t v = -1;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	if (s)
		sqlite3_reset(s);
	return v;
}

int
store_dup_fresh(struct store *st)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'dup_pairs_seq')"
		" AND coalesce((SELECT value FROM meta WHERE key = 'dup_pairs_lang'), '') = ?1"
		" AND NOT EXISTS (SELECT 1 FROM audit WHERE seq >"
		"  (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'dup_pairs_seq')"
		"  AND tbl NOT IN ('event', 'review_mark', 'deadline', 'app_user')"
		"  AND NOT (tbl = 'load' AND json_extract(after, '$.persons') = 0"
		"   AND json_extract(after, '$.relations') = 0"
		"   AND json_extract(after, '$.documents') = 0))");
	int v = -1;

	if (!s)
		return -1;
	/* the kept evidence is in the language it was found in: another
	 * language's user gets it found again in theirs */
	sqlite3_bind_text(s, 1, i18n_language(), -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	else
		store_fail(st, sqlite3_errcode(st->db), "cannot read the duplicates");
	sqlite3_reset(s);
	return v;
}

/* The pairs are derived data, as the deadlines are: keeping them is no
 * change of record, so it is not audited and an auditor's listing
 * keeps them too (the audit trail's own tail is what they are current
 * as of). */
static enum status
mark_fresh(struct store *st)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"INSERT OR REPLACE INTO meta(key, value) VALUES ('dup_pairs_seq', ?1),"
		" ('dup_pairs_lang', ?2)");
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, audit_tail(st));
	sqlite3_bind_text(s, 2, i18n_language(), -1, SQLITE_STATIC);
	src = sqlite3_step(s);
	sqlite3_reset(s);
	return src == SQLITE_DONE ? ST_OK : store_fail(st, src, "cannot keep the duplicates");
}

enum status
store_dup_refresh(struct store *st, bool force, long *candidates, long *pairs)
{
	struct scan sc = { 0 };
	struct record_cache *cache = NULL;
	sqlite3_stmt *ins = NULL;
	enum status rc = ST_OK;
	long kept = 0;
	int fresh = store_dup_fresh(st), src;

	if (candidates)
		*candidates = 0;
	if (pairs)
		*pairs = 0;
	if (fresh < 0)
		return ST_ERR_DB;
	if (fresh && !force)
		return ST_OK;
	if (st->in_tx)
		return store_fail(st, SQLITE_OK, "a transaction is already open");
	src = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return store_fail(st, src, "%s: cannot keep the duplicates", st->path);
	rc = scan_persons(st, &sc);
	if (rc == ST_OK)
		rc = store_exec(st, "DELETE FROM dup_pair");
	if (rc == ST_OK)
		rc = store_prepare(st, "INSERT INTO dup_pair(a, b, score, evidence)"
		                   " VALUES (?1, ?2, ?3, ?4)", &ins);
	/* the blocking keys are spent: only the pairs and the records'
	 * birth ranges are read from here on */
	xfree(&sc.e);
	if (rc == ST_OK && sc.np >= NEVER)
		rc = store_fail(st, SQLITE_OK, "too many candidate pairs to score");
	if (rc == ST_OK && sc.np)
		cache = cache_new(&sc, st->dup_cache_slots ? st->dup_cache_slots : CACHE_SLOTS);
	for (size_t k = 0; k < sc.np && rc == ST_OK; k++) {
		const struct cand *a = &sc.c[sc.p[k].i], *b = &sc.c[sc.p[k].j];
		struct loaded *la, *lb;
		struct dup_result r;
		char ev[DUP_EVIDENCE_MAX * DUP_PHRASE_MAX];

		la = cache_get(st, cache, &sc, k, 0, &rc);
		if (rc == ST_OK)
			lb = cache_get(st, cache, &sc, k, 1, &rc);
		if (rc != ST_OK)
			break;
		cache_done(cache, &sc, k);
		if (dup_score(&la->p, &lb->p, &r) < DUP_KEEP_SCORE || r.excluded)
			continue;
		sqlite3_bind_int64(ins, 1, a->id);
		sqlite3_bind_int64(ins, 2, b->id);
		sqlite3_bind_int(ins, 3, r.score);
		sqlite3_bind_text(ins, 4, dup_evidence_text(&r, ev, sizeof ev), -1,
		                  SQLITE_TRANSIENT);
		src = sqlite3_step(ins);
		sqlite3_reset(ins);
		if (src != SQLITE_DONE)
			rc = store_fail(st, src, "cannot keep the duplicates");
		kept++;
	}
	sqlite3_finalize(ins);
	if (rc == ST_OK)
		rc = mark_fresh(st);
	if (rc == ST_OK && (src = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
		rc = store_fail(st, src, "%s: cannot keep the duplicates", st->path);
	if (rc != ST_OK)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (candidates)
		*candidates = (long)sc.np;
	if (pairs)
		*pairs = kept;
	if (cache && getenv("CASEPATH_LOAD_TIMING"))
		fprintf(stderr, "duplicates: %ld records read for %zu candidate pairs\n",
		        cache->loads, sc.np);
	cache_free(&cache);
	free(sc.c);
	free(sc.e);
	free(sc.p);
	return rc;
}

/* The listing's statement: the pairs in (score DESC, a, b) order, the
 * order of the index dup_pair_score, from a key on (keyset paging, no
 * OFFSET): forward, the pairs after it; backward, the pairs before it,
 * nearest first. */
static sqlite3_stmt *
pairs_sql(struct store *st, bool keyed, bool backward, bool inclusive)
{
	static const char *const head =
		"SELECT d.a, d.b, d.score, d.evidence, pa.case_no, pb.case_no,"
		" upper(pa.family_name) || ', ' || pa.given_names,"
		" upper(pb.family_name) || ', ' || pb.given_names"
		" FROM dup_pair d JOIN person pa ON pa.id = d.a JOIN person pb ON pb.id = d.b"
		" WHERE d.score >= ?1 AND (?2 = 0 OR d.a = ?2 OR d.b = ?2)"
		" AND pa.merged_into IS NULL AND pb.merged_into IS NULL"
		" AND NOT EXISTS (SELECT 1 FROM dup_dismissed x WHERE x.a = d.a AND x.b = d.b)";
	char sql[2048];

	snprintf(sql, sizeof sql, "%s%s%s", head,
		!keyed ? "" : backward
		? (inclusive ? " AND d.score >= ?4 AND (d.score > ?4 OR (d.a, d.b) <= (?5, ?6))"
		             : " AND d.score >= ?4 AND (d.score > ?4 OR (d.a, d.b) < (?5, ?6))")
		: (inclusive ? " AND d.score <= ?4 AND (d.score < ?4 OR (d.a, d.b) >= (?5, ?6))"
		             : " AND d.score <= ?4 AND (d.score < ?4 OR (d.a, d.b) > (?5, ?6))"),
		backward ? " ORDER BY d.score, d.a DESC, d.b DESC LIMIT ?3"
		         : " ORDER BY d.score DESC, d.a, d.b LIMIT ?3");
	return store_cached_sql(st, sql);
}

enum status
store_dup_page(struct store *st, int min_score, int64_t person_id,
               const struct dup_pair_row *from, bool backward, bool inclusive,
               long limit, dup_pair_fn fn, void *ctx)
{
	sqlite3_stmt *s = pairs_sql(st, from != NULL, backward, inclusive);
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int(s, 1, min_score);
	sqlite3_bind_int64(s, 2, person_id);
	sqlite3_bind_int64(s, 3, limit < 0 ? -1 : limit);
	if (from) {
		sqlite3_bind_int(s, 4, from->score);
		sqlite3_bind_int64(s, 5, from->a);
		sqlite3_bind_int64(s, 6, from->b);
	}
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		struct dup_pair_row r;

		memset(&r, 0, sizeof r);
		r.a = sqlite3_column_int64(s, 0);
		r.b = sqlite3_column_int64(s, 1);
		r.score = sqlite3_column_int(s, 2);
		snprintf(r.evidence, sizeof r.evidence, "%s", column_text(s, 3));
		snprintf(r.a_case, sizeof r.a_case, "%s", column_text(s, 4));
		snprintf(r.b_case, sizeof r.b_case, "%s", column_text(s, 5));
		snprintf(r.a_name, sizeof r.a_name, "%s", column_text(s, 6));
		snprintf(r.b_name, sizeof r.b_name, "%s", column_text(s, 7));
		if (fn(ctx, &r))
			break;
	}
	sqlite3_reset(s);
	return src == SQLITE_ROW || src == SQLITE_DONE ? ST_OK
	       : store_fail(st, src, "cannot read the duplicates");
}

enum status
store_dup_pairs(struct store *st, int min_score, int64_t person_id, long limit,
                dup_pair_fn fn, void *ctx)
{
	return store_dup_page(st, min_score, person_id, NULL, false, false, limit, fn, ctx);
}

/* --- writes ----------------------------------------------------------------- */

/* Runs sql with ?1.. bound to the int64s given (n of them). */
static enum status
run_ids(struct store *st, const char *sql, const int64_t *v, int n)
{
	sqlite3_stmt *s = store_cached_sql(st, sql);
	int src;

	if (!s)
		return ST_ERR_DB;
	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(s, i + 1, v[i]);
	while ((src = sqlite3_step(s)) == SQLITE_ROW)
		;
	sqlite3_reset(s);
	return src == SQLITE_DONE ? ST_OK : store_fail(st, src, "cannot write a merge");
}

int
store_dup_dismissed(struct store *st, int64_t a, int64_t b)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT EXISTS (SELECT 1 FROM dup_dismissed WHERE a = min(?1, ?2)"
		" AND b = max(?1, ?2))");
	int v = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return v;
}

static bool
person_exists(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_cached_sql(st, "SELECT 1 FROM person WHERE id = ?1");
	bool v = false;

	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, id);
	v = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return v;
}

enum status
store_dup_dismiss(struct store *st, int64_t a, int64_t b, const char *note,
                  struct load_error *err)
{
	sqlite3_stmt *s;
	char now[32];
	enum status rc;
	int fresh;

	if ((rc = edit_begin(st, err)) != ST_OK)
		return rc;
	fresh = store_dup_fresh(st);
	if (a == b || !person_exists(st, a) || !person_exists(st, b)) {
		edit_fail(err, NULL, "%s", _("no such pair of persons"));
		rc = ST_ERR_NOT_FOUND;
	} else if (!loader_check_text(note, "note", err)) {
		rc = ST_ERR_INPUT;
	} else if (store_dup_dismissed(st, a, b) == 1) {
		rc = ST_OK;         /* said before: nothing new to record */
		fresh = 0;
	} else if (!(s = store_cached_sql(st,
		"INSERT INTO dup_dismissed(a, b, login, at, note)"
		" VALUES (min(?1, ?2), max(?1, ?2), ?3, ?4, ?5)"
		" RETURNING a || '-' || b, json_object('a', (SELECT case_no FROM person"
		"  WHERE id = a), 'b', (SELECT case_no FROM person WHERE id = b),"
		"  'login', login, 'at', at, 'note', note)"))) {
		rc = ST_ERR_DB;
	} else {
		sqlite3_bind_int64(s, 1, a);
		sqlite3_bind_int64(s, 2, b);
		sqlite3_bind_text(s, 3, store_login(st), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 4, utc_now(now, sizeof now), -1, SQLITE_TRANSIENT);
		bind_text(s, 5, note ? note : "", false);
		rc = store_write_row(st, s, "dup_dismissed", "insert", true, NULL);
	}
	/* the kept pairs stay current: the listing leaves dismissed out */
	if (rc == ST_OK && fresh == 1)
		rc = mark_fresh(st);
	return edit_finish(st, rc, err);
}

/* --- merge ------------------------------------------------------------------ */

#define SQL_ALIASES \
	"coalesce((SELECT group_concat(CASE WHEN type = 'unknown' THEN name" \
	" ELSE name || ' (' || type || ')' END, ';') FROM (SELECT name, type" \
	" FROM person_alias a WHERE a.person_id = person.id ORDER BY ord)), '')"
#define SQL_LANGUAGES \
	"coalesce((SELECT group_concat(tag, ';') FROM (SELECT tag FROM" \
	" person_language l WHERE l.person_id = person.id ORDER BY ord)), '')"
#define SYMMETRIC "('spouse', 'sibling', 'travel_companion')"

enum { F_FAMILY, F_GIVEN, F_NATIVE, F_SEX, F_BIRTH, F_NAT, F_CLAIMED,
       F_ETHNICITY, F_LANGUAGES, F_INTERPRETER, F_CATEGORY, F_NOTES, F_COUNT };
static const char *const field_name[F_COUNT] = {
	"family_name", "given_names", "native_name", "sex", "birth_date",
	"nationality", "claimed_nationality", "ethnicity", "languages",
	"interpreter_needed", "category", "notes"
};

static bool
blank(const char *s)
{
	return !s || !s[0];
}

/* Whether name is already one of the list's ';'-separated names (a
 * type in parentheses ignored). */
static bool
list_has(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if ((len == n || (len > n && p[n] == ' ' && p[n + 1] == '(')) &&
		    strncmp(p, name, n) == 0)
			return true;
		p += len + (end ? 1 : 0);
	}
	return false;
}

static void
list_put(struct text_buf *t, const char *item)
{
	if (blank(item) || list_has(t->s, item) || strchr(item, ';'))
		return;
	if (t->len)
		text_add(t, ";");
	text_add(t, item);
}

/* The survivor's fields after the merge, and where each came from. */
struct merged {
	struct text_buf aliases, languages, notes, lost;
	char name_a[512], birth[PDATE_TEXT_MAX + 4];
	const char *value[F_COUNT];
	const char *from[F_COUNT];     /* the case number of its record */
	struct person_in in;
};

static void
merged_clear(struct merged *m)
{
	free(m->aliases.s);
	free(m->languages.s);
	free(m->notes.s);
	free(m->lost.s);
}

static void
lost(struct merged *m, const char *what, const char *value)
{
	if (m->lost.len)
		text_add(&m->lost, "; ");
	text_add(&m->lost, what);
	text_add(&m->lost, " ");
	text_add(&m->lost, value);
}

static void
merge_fields(const struct person_detail *s, const struct person_detail *a,
             struct merged *m)
{
	const char *sv[F_COUNT] = { s->family_name, s->given_names, s->native_name,
		strcmp(s->sex, "U") ? s->sex : "", s->birth_date,
		strcmp(s->nationality, "XXX") ? s->nationality : "", s->claimed_nationality,
		s->ethnicity, "", s->interpreter_needed ? "yes" : "", s->category, s->notes };
	const char *av[F_COUNT] = { a->family_name, a->given_names, a->native_name,
		strcmp(a->sex, "U") ? a->sex : "", a->birth_date,
		strcmp(a->nationality, "XXX") ? a->nationality : "", a->claimed_nationality,
		a->ethnicity, "", a->interpreter_needed ? "yes" : "", a->category, a->notes };

	for (int f = 0; f < F_COUNT; f++) {
		bool take = blank(sv[f]) && !blank(av[f]);

		m->value[f] = take ? av[f] : sv[f];
		m->from[f] = take ? a->case_no : s->case_no;
		if (!take && !blank(av[f]) && strcmp(sv[f], av[f]) != 0 &&
		    f != F_FAMILY && f != F_GIVEN && f != F_NATIVE && f != F_NOTES &&
		    f != F_BIRTH)
			lost(m, field_name[f], av[f]);
	}
	/* a more exact birth date inside the survivor's range wins */
	if (!blank(s->birth_date) && !blank(a->birth_date) &&
	    strcmp(s->birth_date, a->birth_date) != 0) {
		if (a->birth_lo >= s->birth_lo && a->birth_hi <= s->birth_hi &&
		    a->birth_hi - a->birth_lo < s->birth_hi - s->birth_lo) {
			m->value[F_BIRTH] = a->birth_date;
			m->from[F_BIRTH] = a->case_no;
			lost(m, field_name[F_BIRTH], s->birth_date);
		} else {
			lost(m, field_name[F_BIRTH], a->birth_date);
		}
	}
	if (blank(m->value[F_SEX]))
		m->value[F_SEX] = "U";
	/* every name of both stays: the survivor's aliases, then the other
	 * record's name, native name and aliases */
	for (size_t i = 0; i < s->naliases; i++) {
		char one[512];

		if (strcmp(s->aliases[i].type, "unknown") == 0)
			snprintf(one, sizeof one, "%s", s->aliases[i].name);
		else
			snprintf(one, sizeof one, "%s (%s)", s->aliases[i].name,
			         s->aliases[i].type);
		list_put(&m->aliases, one);
	}
	snprintf(m->name_a, sizeof m->name_a, "%s %s", a->given_names, a->family_name);
	{
		char mine[512];

		snprintf(mine, sizeof mine, "%s %s", m->value[F_GIVEN], m->value[F_FAMILY]);
		if (strcmp(mine, m->name_a) != 0 && strcmp(a->given_names, "") + strcmp(a->family_name, ""))
			list_put(&m->aliases, m->name_a);
	}
	if (!blank(a->native_name) && strcmp(a->native_name, m->value[F_NATIVE]) != 0)
		list_put(&m->aliases, a->native_name);
	for (size_t i = 0; i < a->naliases; i++) {
		char one[512];

		if (strcmp(a->aliases[i].type, "unknown") == 0)
			snprintf(one, sizeof one, "%s", a->aliases[i].name);
		else
			snprintf(one, sizeof one, "%s (%s)", a->aliases[i].name,
			         a->aliases[i].type);
		list_put(&m->aliases, one);
	}
	for (size_t i = 0; i < s->nlanguages; i++)
		list_put(&m->languages, s->languages[i].tag);
	for (size_t i = 0; i < a->nlanguages; i++)
		list_put(&m->languages, a->languages[i].tag);
	m->from[F_LANGUAGES] = a->nlanguages && !s->nlanguages ? a->case_no : s->case_no;
	/* notes: the survivor's, the other's, and what else differed (kept
	 * in English: it is stored) */
	text_add(&m->notes, "");
	text_add(&m->notes, s->notes);
	if (!blank(a->notes) && strcmp(a->notes, s->notes) != 0) {
		if (m->notes.len)
			text_add(&m->notes, "\n");
		text_add(&m->notes, a->notes);
		m->from[F_NOTES] = blank(s->notes) ? a->case_no : s->case_no;
	}
	if (m->lost.len) {
		if (m->notes.len)
			text_add(&m->notes, "\n");
		text_add(&m->notes, "Merged from ");
		text_add(&m->notes, a->case_no);
		text_add(&m->notes, ": ");
		text_add(&m->notes, m->lost.s);
	}
	text_add(&m->aliases, "");
	text_add(&m->languages, "");
	memset(&m->in, 0, sizeof m->in);
	m->in.case_no = s->case_no;
	m->in.family_name = m->value[F_FAMILY];
	m->in.given_names = m->value[F_GIVEN];
	m->in.native_name = m->value[F_NATIVE];
	m->in.aliases = m->aliases.s;
	m->in.sex = m->value[F_SEX];
	m->in.birth_date = m->value[F_BIRTH];
	m->in.nationality = blank(m->value[F_NAT]) ? s->nationality : m->value[F_NAT];
	m->in.claimed_nationality = m->value[F_CLAIMED];
	m->in.ethnicity = m->value[F_ETHNICITY];
	m->in.languages = m->languages.s;
	m->in.interpreter_needed = blank(m->value[F_INTERPRETER]) ? "no" : "yes";
	m->in.category = m->value[F_CATEGORY];
	m->in.notes = m->notes.s;
}

static enum status
read_text(struct store *st, const char *sql, const int64_t *v, int n, char **out)
{
	sqlite3_stmt *s = store_cached_sql(st, sql);
	int src;

	*out = NULL;
	if (!s)
		return ST_ERR_DB;
	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(s, i + 1, v[i]);
	if ((src = sqlite3_step(s)) == SQLITE_ROW)
		*out = xstrdup(column_text(s, 0));
	sqlite3_reset(s);
	return src == SQLITE_ROW ? ST_OK : store_fail(st, src, "cannot read a merge");
}

static enum status
derive_quietly(struct store *st, int64_t id)
{
	struct rule_violation v;
	bool blocked = false;

	return store_derive_person(st, id, INT64_MAX, NULL, 0, &blocked, &v);
}

enum status
store_merge(struct store *st, int64_t survivor, int64_t survivor_version,
            int64_t absorbed, int64_t absorbed_version, int64_t *merge_id,
            struct load_error *err)
{
	struct person_detail ls, la;
	struct merged m;
	char *snapshot = NULL, *cs = NULL, *ca = NULL, *merged_s = NULL;
	int64_t pid = 0, ids[2] = { survivor, absorbed }, mid = 0;
	sqlite3_stmt *s;
	char now[32];
	enum status rc;
	int fresh;

	memset(&m, 0, sizeof m);
	memset(&ls, 0, sizeof ls);
	memset(&la, 0, sizeof la);
	if ((rc = edit_begin(st, err)) != ST_OK)
		return rc;
	fresh = store_dup_fresh(st);
	if (survivor == absorbed) {
		edit_fail(err, NULL, "%s", _("a record cannot be merged with itself"));
		rc = ST_ERR_INPUT;
	}
	if (rc == ST_OK)
		rc = store_check_version(st, "person", survivor, survivor_version, &pid,
		                         &cs, err);
	if (rc == ST_OK)
		rc = store_check_version(st, "person", absorbed, absorbed_version, &pid,
		                         &ca, err);
	if (rc == ST_OK)
		rc = read_text(st, "SELECT coalesce((SELECT case_no FROM person p"
		               " WHERE p.id = person.merged_into), '') FROM person"
		               " WHERE id IN (?1, ?2) AND merged_into IS NOT NULL"
		               " UNION ALL SELECT '' LIMIT 1", ids, 2, &merged_s);
	if (rc == ST_OK && merged_s[0]) {
		edit_fail(err, NULL, _("already merged into %s: undo that merge first"), merged_s);
		rc = ST_ERR_INPUT;
	}
	if (rc == ST_OK)
		rc = store_person_detail(st, survivor, &ls);
	if (rc == ST_OK)
		rc = store_person_detail(st, absorbed, &la);
	/* the snapshot: what an undo puts back */
	if (rc == ST_OK)
		rc = read_text(st, "SELECT json_object("
			"'survivor', (SELECT " PERSON_JSON(SQL_ALIASES, SQL_LANGUAGES)
			"  FROM person WHERE id = ?1),"
			"'survivor_version', (SELECT version FROM person WHERE id = ?1),"
			"'absorbed', (SELECT " PERSON_JSON(SQL_ALIASES, SQL_LANGUAGES)
			"  FROM person WHERE id = ?2),"
			"'absorbed_version', (SELECT version FROM person WHERE id = ?2),"
			"'events', (SELECT json_group_array(id) FROM"
			"  (SELECT id FROM event WHERE person_id = ?2 ORDER BY id)),"
			"'documents', (SELECT json_group_array(id) FROM"
			"  (SELECT id FROM identity_document WHERE person_id = ?2 ORDER BY id)),"
			"'relations', (SELECT json_group_array(json_array(id, person_id, kind,"
			"  other_id, verification, note, version)) FROM (SELECT * FROM relation"
			"  WHERE person_id = ?2 OR other_id = ?2 ORDER BY id)))",
			ids, 2, &snapshot);
	/* move every row of the absorbed record */
	if (rc == ST_OK)
		rc = run_ids(st, "UPDATE event SET person_id = ?1 WHERE person_id = ?2", ids, 2);
	if (rc == ST_OK)
		rc = run_ids(st, "UPDATE identity_document SET person_id = ?1"
		             " WHERE person_id = ?2", ids, 2);
	if (rc == ST_OK)
		rc = run_ids(st, "DELETE FROM relation WHERE (person_id = ?1 AND other_id = ?2)"
		             " OR (person_id = ?2 AND other_id = ?1)", ids, 2);
	/* the survivor's end of a relation, symmetric kinds kept in id
	 * order; one the survivor already has stays once */
	if (rc == ST_OK)
		rc = run_ids(st, "UPDATE OR IGNORE relation SET"
			" person_id = CASE WHEN kind IN " SYMMETRIC " THEN min(?1,"
			"  CASE WHEN person_id = ?2 THEN other_id ELSE person_id END)"
			"  WHEN person_id = ?2 THEN ?1 ELSE person_id END,"
			" other_id = CASE WHEN kind IN " SYMMETRIC " THEN max(?1,"
			"  CASE WHEN person_id = ?2 THEN other_id ELSE person_id END)"
			"  WHEN other_id = ?2 THEN ?1 ELSE other_id END"
			" WHERE person_id = ?2 OR other_id = ?2", ids, 2);
	if (rc == ST_OK)
		rc = run_ids(st, "DELETE FROM relation WHERE person_id = ?1 OR other_id = ?1",
		             ids + 1, 1);
	/* the survivor's fields, through the edit's own path (checked,
	 * audited, indexed, re-derived with its relatives) */
	if (rc == ST_OK) {
		merge_fields(&ls, &la, &m);
		rc = store_person_update_tx(st, survivor, survivor_version, &m.in, err);
	}
	if (rc == ST_OK) {
		if (!(s = store_cached_sql(st,
			"UPDATE person SET merged_into = ?1, version = version + 1"
			" WHERE id = ?2 RETURNING id, json_object('case_no', case_no,"
			" 'merged_into', (SELECT case_no FROM person p WHERE p.id = ?1))"))) {
			rc = ST_ERR_DB;
		} else {
			sqlite3_bind_int64(s, 1, survivor);
			sqlite3_bind_int64(s, 2, absorbed);
			rc = store_write_row(st, s, "person", "merge", true, NULL);
		}
	}
	if (rc == ST_OK)
		rc = derive_quietly(st, absorbed);
	if (rc == ST_OK) {
		if (!(s = store_cached_sql(st,
			"INSERT INTO person_merge(survivor, absorbed, at, login, snapshot,"
			" provenance) VALUES (?1, ?2, ?3, ?4, ?5, json_object("
			" 'family_name', ?6, 'given_names', ?7, 'native_name', ?8, 'sex', ?9,"
			" 'birth_date', ?10, 'nationality', ?11, 'claimed_nationality', ?12,"
			" 'ethnicity', ?13, 'languages', ?14, 'interpreter_needed', ?15,"
			" 'category', ?16, 'notes', ?17))"
			" RETURNING id, json_object('id', id, 'survivor', (SELECT case_no"
			"  FROM person WHERE id = survivor), 'absorbed', (SELECT case_no"
			"  FROM person WHERE id = absorbed), 'provenance', json(provenance),"
			"  'snapshot', json(snapshot))"))) {
			rc = ST_ERR_DB;
		} else {
			sqlite3_bind_int64(s, 1, survivor);
			sqlite3_bind_int64(s, 2, absorbed);
			sqlite3_bind_text(s, 3, utc_now(now, sizeof now), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 4, store_login(st), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 5, snapshot, -1, SQLITE_STATIC);
			for (int f = 0; f < F_COUNT; f++)
				sqlite3_bind_text(s, 6 + f, m.from[f], -1, SQLITE_STATIC);
			rc = store_write_row(st, s, "person_merge", "insert", true, &mid);
		}
	}
	/* the kept pairs: the absorbed record's are gone; the survivor's
	 * stay until the next full search */
	if (rc == ST_OK)
		rc = run_ids(st, "DELETE FROM dup_pair WHERE a = ?1 OR b = ?1", ids + 1, 1);
	if (rc == ST_OK && fresh == 1)
		rc = mark_fresh(st);
	if (rc == ST_OK && merge_id)
		*merge_id = mid;
	merged_clear(&m);
	person_detail_clear(&ls);
	person_detail_clear(&la);
	free(snapshot);
	free(merged_s);
	free(cs);
	free(ca);
	return edit_finish(st, rc, err);
}

/* --- undo ------------------------------------------------------------------- */

/* What an undo replays from the merge's snapshot (JSON, ?1): the rows
 * the merge moved go back to the absorbed record (?2), the relations the
 * merge dropped or rewrote come back as they were. */
static const struct {
	const char *sql, *what;
} undo_steps[] = {
	{ "UPDATE event SET person_id = ?2 WHERE id IN"
	  " (SELECT value FROM json_each(?1, '$.events'))",
	  N_("cannot move the events back") },
	{ "UPDATE identity_document SET person_id = ?2 WHERE id IN"
	  " (SELECT value FROM json_each(?1, '$.documents'))",
	  N_("cannot move the documents back") },
	{ "DELETE FROM relation WHERE id IN (SELECT json_extract(value, '$[0]')"
	  " FROM json_each(?1, '$.relations'))",
	  N_("cannot restore the relations") },
	{ "INSERT INTO relation(id, person_id, kind, other_id, verification, note,"
	  " version) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'),"
	  " json_extract(value, '$[2]'), json_extract(value, '$[3]'),"
	  " json_extract(value, '$[4]'), json_extract(value, '$[5]'),"
	  " json_extract(value, '$[6]') FROM json_each(?1, '$.relations')",
	  N_("cannot restore the relations") },
};

/* Runs one undo step: ?1 the snapshot, ?2 (where the SQL has it) the
 * absorbed record's id. */
static enum status
run_snapshot(struct store *st, const char *sql, const char *snapshot, int64_t absorbed,
             const char *what)
{
	sqlite3_stmt *s = store_cached_sql(st, sql);
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_text(s, 1, snapshot, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(s) >= 2)
		sqlite3_bind_int64(s, 2, absorbed);
	src = sqlite3_step(s);
	sqlite3_reset(s);
	return src == SQLITE_DONE ? ST_OK : store_fail(st, src, "%s", what);
}

enum status
store_unmerge(struct store *st, int64_t merge_id, struct load_error *err)
{
	sqlite3_stmt *s;
	char *snapshot = NULL, now[32];
	char scase[64] = "", acase[64] = "";
	int64_t survivor = 0, absorbed = 0, seq = 0, cur_version = 0;
	bool undone = false;
	enum status rc;
	int src;

	if ((rc = edit_begin(st, err)) != ST_OK)
		return rc;
	if (!(s = store_cached_sql(st,
		"SELECT m.survivor, m.absorbed, m.snapshot, m.undone_at IS NOT NULL,"
		" ps.case_no, pa.case_no, (SELECT max(seq) FROM audit"
		"  WHERE tbl = 'person_merge' AND row_id = CAST(m.id AS TEXT)),"
		" ps.version"
		" FROM person_merge m JOIN person ps ON ps.id = m.survivor"
		" JOIN person pa ON pa.id = m.absorbed WHERE m.id = ?1"))) {
		rc = ST_ERR_DB;
	} else {
		sqlite3_bind_int64(s, 1, merge_id);
		if ((src = sqlite3_step(s)) == SQLITE_ROW) {
			survivor = sqlite3_column_int64(s, 0);
			absorbed = sqlite3_column_int64(s, 1);
			snapshot = xstrdup(column_text(s, 2));
			undone = sqlite3_column_int(s, 3);
			snprintf(scase, sizeof scase, "%s", column_text(s, 4));
			snprintf(acase, sizeof acase, "%s", column_text(s, 5));
			seq = sqlite3_column_int64(s, 6);
			cur_version = sqlite3_column_int64(s, 7);
		} else if (src == SQLITE_DONE) {
			edit_fail(err, NULL, _("no merge %lld"), (long long)merge_id);
			rc = ST_ERR_NOT_FOUND;
		} else {
			rc = store_fail(st, src, "cannot read the merge");
		}
		sqlite3_reset(s);
	}
	if (rc == ST_OK && undone) {
		edit_fail(err, NULL, _("merge %lld is already undone"), (long long)merge_id);
		rc = ST_ERR_INPUT;
	}
	/* either record changed after the merge: an undo would lose it */
	if (rc == ST_OK) {
		if (!(s = store_cached_sql(st,
			"SELECT login, at FROM audit WHERE coalesce(json_extract(after,"
			" '$.case_no'), json_extract(before, '$.case_no')) IN (?1, ?2)"
			" AND seq > ?3 ORDER BY seq LIMIT 1"))) {
			rc = ST_ERR_DB;
		} else {
			sqlite3_bind_text(s, 1, scase, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, acase, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 3, seq);
			if ((src = sqlite3_step(s)) == SQLITE_ROW) {
				edit_fail(err, NULL, _("%s or %s was changed after the merge (by %s at %s):"
				     " undoing it would lose that change"), scase, acase,
				     column_text(s, 0), column_text(s, 1));
				rc = ST_ERR_STALE;
			} else if (src != SQLITE_DONE) {
				rc = store_fail(st, src, "cannot read the audit trail");
			}
			sqlite3_reset(s);
		}
	}
	/* the moved rows back, and the relations as they were */
	for (size_t i = 0; rc == ST_OK && i < sizeof undo_steps / sizeof undo_steps[0]; i++)
		rc = run_snapshot(st, undo_steps[i].sql, snapshot, absorbed,
		                  _(undo_steps[i].what));
	/* the survivor's fields as they were, through the edit's path */
	if (rc == ST_OK && !(s = store_cached_sql(st,
		"SELECT json_extract(?1, '$.survivor.' || value) FROM json_each(json_array("
		" 'case_no', 'family_name', 'given_names', 'native_name', 'aliases', 'sex',"
		" 'birth_date', 'nationality', 'claimed_nationality', 'ethnicity',"
		" 'languages', 'interpreter_needed', 'category', 'notes'))"
		" UNION ALL SELECT json_extract(?1, '$.survivor_version')"
		" UNION ALL SELECT json_extract(?1, '$.absorbed_version')")))
		rc = ST_ERR_DB;
	if (rc == ST_OK) {
		char *v[16] = { 0 };
		int n = 0;
		struct person_in in;

		sqlite3_bind_text(s, 1, snapshot, -1, SQLITE_STATIC);
		while (n < 16 && (src = sqlite3_step(s)) == SQLITE_ROW)
			v[n++] = xstrdup(column_text(s, 0));
		sqlite3_reset(s);
		if (n != 16) {
			rc = store_fail(st, SQLITE_OK, "merge %lld: its snapshot is damaged",
			                (long long)merge_id);
		} else {
			in.case_no = v[0];
			in.family_name = v[1];
			in.given_names = v[2];
			in.native_name = v[3];
			in.aliases = v[4];
			in.sex = v[5];
			in.birth_date = v[6];
			in.nationality = v[7];
			in.claimed_nationality = v[8];
			in.ethnicity = v[9];
			in.languages = v[10];
			in.interpreter_needed = strcmp(v[11], "1") == 0 ? "yes" : "no";
			in.category = v[12];
			in.notes = v[13];
			rc = store_person_update_tx(st, survivor, cur_version, &in, err);
			if (rc == ST_OK) {
				int64_t put[2] = { survivor, strtoll(v[14], NULL, 10) };

				rc = run_ids(st, "UPDATE person SET version = ?2 WHERE id = ?1",
				             put, 2);
			}
			if (rc == ST_OK) {
				if (!(s = store_cached_sql(st,
					"UPDATE person SET merged_into = NULL, version = ?2"
					" WHERE id = ?1 RETURNING id, json_object('case_no', case_no,"
					" 'merged_into', NULL)"))) {
					rc = ST_ERR_DB;
				} else {
					sqlite3_bind_int64(s, 1, absorbed);
					sqlite3_bind_int64(s, 2, strtoll(v[15], NULL, 10));
					rc = store_write_row(st, s, "person", "unmerge", true, NULL);
				}
			}
		}
		for (int i = 0; i < n; i++)
			free(v[i]);
	}
	if (rc == ST_OK)
		rc = derive_quietly(st, absorbed);
	if (rc == ST_OK)
		rc = derive_quietly(st, survivor);
	if (rc == ST_OK) {
		if (!(s = store_cached_sql(st,
			"UPDATE person_merge SET undone_at = ?2, undone_by = ?3 WHERE id = ?1"
			" RETURNING id, json_object('id', id, 'survivor', ?4, 'absorbed', ?5,"
			" 'undone_at', undone_at, 'undone_by', undone_by)"))) {
			rc = ST_ERR_DB;
		} else {
			sqlite3_bind_int64(s, 1, merge_id);
			sqlite3_bind_text(s, 2, utc_now(now, sizeof now), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 3, store_login(st), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 4, scase, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 5, acase, -1, SQLITE_STATIC);
			rc = store_write_row(st, s, "person_merge", "unmerge", true, NULL);
		}
	}
	free(snapshot);
	return edit_finish(st, rc, err);
}

enum status
store_merge_of(struct store *st, int64_t person_id, int64_t *absorbed_by_merge,
               char *survivor_case, size_t len, int64_t *kept_merge)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT (SELECT m.id FROM person_merge m WHERE m.absorbed = ?1"
		"   AND m.undone_at IS NULL ORDER BY m.id DESC LIMIT 1),"
		" (SELECT p.case_no FROM person p JOIN person me ON me.merged_into = p.id"
		"   WHERE me.id = ?1),"
		" (SELECT m.id FROM person_merge m WHERE m.survivor = ?1"
		"   AND m.undone_at IS NULL ORDER BY m.id DESC LIMIT 1)");
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, person_id);
	src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		if (absorbed_by_merge)
			*absorbed_by_merge = sqlite3_column_int64(s, 0);
		if (survivor_case && len)
			snprintf(survivor_case, len, "%s", column_text(s, 1));
		if (kept_merge)
			*kept_merge = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	return src == SQLITE_ROW ? ST_OK : store_fail(st, src, "cannot read the merges");
}

enum status
store_merge_target(struct store *st, const char *case_no, char *survivor_case,
                   size_t len)
{
	/* a survivor may itself have been absorbed later: follow the chain
	 * (bounded: a chain is as long as the merges made one after another) */
	sqlite3_stmt *s = store_cached_sql(st,
		"WITH RECURSIVE up(id, merged, depth) AS ("
		" SELECT id, merged_into, 0 FROM person WHERE case_no = ?1"
		" UNION ALL SELECT p.id, p.merged_into, depth + 1 FROM up"
		"  JOIN person p ON p.id = up.merged WHERE depth < 64)"
		" SELECT p.case_no FROM up JOIN person p ON p.id = up.id"
		" WHERE up.merged IS NULL AND up.depth > 0");
	int src;

	survivor_case[0] = '\0';
	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_text(s, 1, case_no, -1, SQLITE_TRANSIENT);
	if ((src = sqlite3_step(s)) == SQLITE_ROW)
		snprintf(survivor_case, len, "%s", column_text(s, 0));
	sqlite3_reset(s);
	if (src == SQLITE_ROW)
		return ST_OK;
	if (src == SQLITE_DONE)
		return ST_ERR_NOT_FOUND;
	return store_fail(st, src, "cannot read the merges");
}

enum status
store_merge_provenance(struct store *st, int64_t merge_id, char *buf, size_t len)
{
	sqlite3_stmt *s = store_cached_sql(st,
		"SELECT group_concat(key || ': ' || value, '; ') FROM person_merge,"
		" json_each(person_merge.provenance) WHERE person_merge.id = ?1");
	int src;

	if (!s)
		return ST_ERR_DB;
	sqlite3_bind_int64(s, 1, merge_id);
	if ((src = sqlite3_step(s)) == SQLITE_ROW)
		snprintf(buf, len, "%s", column_text(s, 0));
	sqlite3_reset(s);
	return src == SQLITE_ROW ? ST_OK : store_fail(st, src, "cannot read the merge");
}
