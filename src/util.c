/* util.c: memory, buffers, the arena and UTF-8 decoding used by every stage. */
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void (*oom_hook)(void);

void util_on_oom(void (*fn)(void))
{
	oom_hook = fn;
}

/* Every allocation failure ends here, cmark's included (md.c gives it these
 * functions).  The hook (main.c's) reports and exits; without one (unit
 * tests, the fuzzer) there is no caller to tell, so abort. */
void xoom(void)
{
	if (oom_hook)
		oom_hook();
	fputs("handbook: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		xoom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		xoom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		xoom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

void grow(void **p, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return;
	int c = *cap ? *cap : 8;
	while (c < need)
		c *= 2;
	*p = xrealloc(*p, (size_t)c * size);
	*cap = c;
}

void buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void buf_done(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void buf_grow(struct buf *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	size_t c = b->cap ? b->cap : 64;
	while (c < b->len + n + 1)
		c *= 2;
	b->data = xrealloc(b->data, c);
	b->cap = c;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(tmp)) {
		buf_add(b, tmp, (size_t)n);
		return;
	}
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void buf_add_utf8(struct buf *b, uint32_t cp)
{
	char s[4];
	int n;
	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, s, (size_t)n);
}

void buf_add_collapsed(struct buf *b, const char *s, size_t n)
{
	int sp = 0, any = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			sp = any;
			continue;
		}
		if (sp)
			buf_addc(b, ' ');
		sp = 0;
		any = 1;
		buf_addc(b, c);
	}
}

const char *buf_cstr(struct buf *b)
{
	buf_reserve(b, 0);
	b->data[b->len] = 0;
	return b->data;
}

void buf_add_url_path(struct buf *b, const char *url)
{
	for (const char *p = url; *p && *p != '#' && *p != '?'; p++) {
		if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
			char hex[3] = { p[1], p[2], 0 };
			buf_addc(b, (int)strtol(hex, NULL, 16));
			p += 2;
		} else {
			buf_addc(b, *p);
		}
	}
}

char *buf_detach(struct buf *b)
{
	buf_cstr(b);
	char *d = b->data;
	buf_init(b);
	return d;
}

/* Arena blocks: big enough that a run allocates a few hundred at most. */
#define ARENA_BLOCK (256 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t used, size; /* bytes */
	max_align_t data[];
};

struct arena {
	struct arena_block *head;
};

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	struct arena_block *b = a->head, *next;
	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

/* n bytes at an offset in the current block that is a multiple of align
 * (a power of two), in a new block when they do not fit. */
static void *arena_take(struct arena *a, size_t n, size_t align)
{
	struct arena_block *b = a->head;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
	if (!b || at + n > b->size) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->next = a->head;
		a->head = b;
		at = 0;
	}
	b->used = at + n;
	return (char *)b->data + at;
}

void *arena_alloc(struct arena *a, size_t n)
{
	return arena_take(a, n, sizeof(max_align_t));
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	/* strings need no alignment: packed, a book's millions of words take
	 * half the room */
	char *d = arena_take(a, n + 1, 1);
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

void *arena_memdup(struct arena *a, const void *p, size_t n)
{
	void *d = arena_alloc(a, n);
	if (n)
		memcpy(d, p, n);
	return d;
}

int utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	unsigned c = s[0];
	int len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if ((size_t)len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return len;
}

size_t utf8_count(const char *s, size_t n)
{
	size_t count = 0, i = 0;
	while (i < n) {
		uint32_t cp;
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		count++;
	}
	return count;
}

struct strmap_slot {
	char *key;     /* in the map's key pool; NULL when empty */
	uint32_t hash; /* of the key: compared before the key, kept for regrowing */
	int val;
};

/* Keys are copied into chunks of at least STRMAP_CHUNK bytes, not one
 * allocation each: a run puts tens of thousands of destination keys, and
 * a malloc and a free per key cost more than the lookups. */
#define STRMAP_CHUNK 4096

struct strmap_chunk {
	struct strmap_chunk *next;
	char text[];
};

struct strmap {
	struct strmap_slot *slot;
	size_t cap, n;               /* slots (a power of two), used */
	struct strmap_chunk *chunks; /* the key pool, newest first; owned */
	char *free_at;               /* the first free byte of the newest chunk */
	size_t left;                 /* bytes free there */
	struct strmap_log *log;      /* strmap_get's lookups go here; NULL none */
};

static uint32_t hash_str(const char *s, size_t *len)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	const char *p = s;
	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	*len = (size_t)(p - s);
	return (uint32_t)(h ^ h >> 32);
}

struct strmap *strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof(*m));
	m->cap = 64;
	m->slot = xcalloc(m->cap, sizeof(*m->slot));
	return m;
}

void strmap_free(struct strmap *m)
{
	if (!m)
		return;
	while (m->chunks) {
		struct strmap_chunk *c = m->chunks;
		m->chunks = c->next;
		free(c);
	}
	free(m->slot);
	free(m);
}

static struct strmap_slot *find_slot(const struct strmap *m, const char *key, uint32_t h)
{
	size_t i = h & (m->cap - 1);
	while (m->slot[i].key && (m->slot[i].hash != h || strcmp(m->slot[i].key, key)))
		i = (i + 1) & (m->cap - 1);
	return &m->slot[i];
}

static char *key_copy(struct strmap *m, const char *key, size_t len)
{
	if (len + 1 > m->left) {
		size_t size = len + 1 > STRMAP_CHUNK ? len + 1 : STRMAP_CHUNK;
		struct strmap_chunk *c = xmalloc(sizeof(*c) + size);
		c->next = m->chunks;
		m->chunks = c;
		m->free_at = c->text;
		m->left = size;
	}
	char *k = m->free_at;
	memcpy(k, key, len + 1);
	m->free_at += len + 1;
	m->left -= len + 1;
	return k;
}

int strmap_put(struct strmap *m, const char *key, int val)
{
	if ((m->n + 1) * 2 > m->cap) {
		struct strmap old = *m;
		m->cap *= 2;
		m->slot = xcalloc(m->cap, sizeof(*m->slot));
		for (size_t i = 0; i < old.cap; i++)
			if (old.slot[i].key) { /* keys are distinct: the first empty slot */
				size_t k = old.slot[i].hash & (m->cap - 1);
				while (m->slot[k].key)
					k = (k + 1) & (m->cap - 1);
				m->slot[k] = old.slot[i];
			}
		free(old.slot);
	}
	size_t len;
	uint32_t h = hash_str(key, &len);
	struct strmap_slot *s = find_slot(m, key, h);
	if (s->key) {
		s->val = val;
		return 0;
	}
	s->key = key_copy(m, key, len);
	s->hash = h;
	s->val = val;
	m->n++;
	return 1;
}

int strmap_get(const struct strmap *m, const char *key, int *val)
{
	size_t len;
	struct strmap_slot *s = find_slot(m, key, hash_str(key, &len));
	if (m->log) {
		struct strmap_log *l = m->log;
		GROW(l->v, l->cap, l->n + 1);
		l->v[l->n++] = (struct strmap_read){ l->keys.len, s->key != NULL, s->key ? s->val : 0 };
		buf_add(&l->keys, key, len + 1);
	}
	if (!s->key)
		return 0;
	if (val)
		*val = s->val;
	return 1;
}

void strmap_watch(struct strmap *m, struct strmap_log *log)
{
	m->log = log;
}

int strmap_log_same(struct strmap *m, const struct strmap_log *log)
{
	struct strmap_log *was = m->log;
	m->log = NULL;
	int same = 1;
	for (int i = 0; same && i < log->n; i++) {
		int v = 0, found = strmap_get(m, log->keys.data + log->v[i].key, &v);
		same = found == log->v[i].found && (!found || v == log->v[i].val);
	}
	m->log = was;
	return same;
}

void strmap_log_clear(struct strmap_log *log)
{
	log->n = 0;
	log->keys.len = 0;
}

void strmap_log_done(struct strmap_log *log)
{
	free(log->v);
	buf_done(&log->keys);
	memset(log, 0, sizeof(*log));
}

size_t strmap_count(const struct strmap *m)
{
	return m->n;
}

int util_next_line(const char *data, size_t n, size_t *at, char *buf, size_t size)
{
	if (*at >= n)
		return 0;
	size_t k = n - *at < size - 1 ? n - *at : size - 1;
	const char *nl = memchr(data + *at, '\n', k);
	if (nl)
		k = (size_t)(nl - (data + *at)) + 1;
	memcpy(buf, data + *at, k);
	buf[k] = 0;
	*at += k;
	return 1;
}
