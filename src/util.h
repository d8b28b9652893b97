/* util.h: allocation that never returns NULL, a growable byte buffer, an
 * arena for layout objects that live for the whole run, and UTF-8 helpers. */
#ifndef HANDBOOK_UTIL_H
#define HANDBOOK_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Out of memory calls the function given to util_on_oom, which must not
 * return (main.c's prints one line and exits 1; the old PDF stays, as the
 * temporary file is written only after every allocation).  With none
 * installed it aborts with a message. */
void util_on_oom(void (*fn)(void));
/* Reports running out of memory as xmalloc does, for allocators that are
 * not ours (libdeflate); does not return. */
void xoom(void) __attribute__((noreturn));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows *p (an array of *cap elements of `size` bytes) to hold at least need. */
void grow(void **p, int *cap, int need, size_t size);
/* The test is inline: most calls find room (a call per added element was
 * a million calls a run).  need and cap are evaluated twice. */
#define GROW(arr, cap, need) \
	do { \
		if ((need) > (cap)) \
			grow((void **)&(arr), &(cap), (need), sizeof(*(arr))); \
	} while (0)

struct buf {
	char *data; /* NUL-terminated when len > 0 or after buf_cstr */
	size_t len; /* bytes used */
	size_t cap; /* bytes allocated */
};

void buf_init(struct buf *b);
void buf_done(struct buf *b);
/* Grows b to room for n more bytes (and a NUL); buf_reserve's slow path. */
void buf_grow(struct buf *b, size_t n);

/* Makes room for n more bytes (and a NUL) without changing len.  Inline:
 * the number writers reserve before every number. */
static inline void buf_reserve(struct buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap)
		buf_grow(b, n);
}

/* buf_add, buf_adds and buf_addc are inline: the PDF writers add a byte
 * or a keyword at a time, tens of thousands of calls a run, and a literal's
 * length is then known where it is added. */
static inline void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) /* the call only when it grows */
		buf_grow(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = 0;
}

static inline void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static inline void buf_addc(struct buf *b, int c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = 0;
}
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_add_utf8(struct buf *b, uint32_t cp);
const char *buf_cstr(struct buf *b);
/* Appends s[0..n) trimmed, each run of white space made one space. */
void buf_add_collapsed(struct buf *b, const char *s, size_t n);
/* Appends a link's path: up to its #fragment or ?query, %XX escapes
 * decoded. */
void buf_add_url_path(struct buf *b, const char *url);
/* Hands the data over to the caller, who frees it; the buffer is left empty. */
char *buf_detach(struct buf *b);

/* An arena: many small allocations freed at once by arena_free. */
struct arena;
struct arena *arena_new(void);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void *arena_memdup(struct arena *a, const void *p, size_t n);

/* Decodes one UTF-8 sequence at s (at most n bytes); stores the code point
 * (U+FFFD for a malformed sequence) and returns the bytes consumed (>= 1). */
int utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Number of code points in s[0..n). */
size_t utf8_count(const char *s, size_t n);



/* A string-keyed hash map to int; keys are copied.  Lookups are O(1), so
 * resolving 50,000 headings or links stays linear. */
struct strmap;
struct strmap *strmap_new(void);
void strmap_free(struct strmap *m);
/* Sets key to val; returns 1 if the key was new. */
int strmap_put(struct strmap *m, const char *key, int val);
/* Returns 1 and stores the value when found. */
int strmap_get(const struct strmap *m, const char *key, int *val);
/* Number of keys. */
size_t strmap_count(const struct strmap *m);

/* What strmap_get answered while a log watched the map: settle.c skips a
 * layout whose every lookup would answer the same again. */
struct strmap_read {
	size_t key;  /* offset of the key in keys */
	int found;   /* 1: found, with val */
	int val;
};
struct strmap_log {
	struct strmap_read *v;
	int n, cap;
	struct buf keys; /* the keys looked up, each NUL-ended */
};
/* From now on strmap_get records its lookups in log (NULL: no more). */
void strmap_watch(struct strmap *m, struct strmap_log *log);
/* 1 when every lookup in log gives the same answer in m now. */
int strmap_log_same(struct strmap *m, const struct strmap_log *log);
void strmap_log_clear(struct strmap_log *log);
void strmap_log_done(struct strmap_log *log);

/* The next line of data[*at..n) into buf as fgets(buf, size) reads it:
 * at most size - 1 bytes, through the first newline; *at moves past it.
 * Returns 0 at the end. */
int util_next_line(const char *data, size_t n, size_t *at, char *buf, size_t size);

#endif
