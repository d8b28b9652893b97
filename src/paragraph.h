/* paragraph.h: a paragraph's horizontal material and its setting into lines.
 *
 * The block builder feeds text with a style (para_text), spaces and breaks;
 * para_set breaks the paragraph with the optimal-fit breaker and returns
 * each line's drawing items, positioned from the line's top-left corner. */
#ifndef HANDBOOK_PARAGRAPH_H
#define HANDBOOK_PARAGRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "box.h"
#include "dlist.h"
#include "layout.h"
#include "util.h"

enum span_flag {
	SP_CODE = 1,    /* inline code: mono, shaded, breaks after punctuation */
	SP_STRIKE = 2,  /* struck through */
	SP_URL = 4,     /* breaks after / . - _ ? & = without a hyphen */
	SP_SUP = 8,     /* superscript (footnote references) */
	SP_NOHYPH = 16, /* never hyphenated (headings) */
	SP_INDEX = 32,  /* body text the index searches: its items get DLF_INDEX */
};

struct span_style {
	int face;           /* enum face */
	fx size;            /* 1/1000 pt */
	uint32_t rgb;       /* colour */
	int flags;          /* enum span_flag */
	const char *link;   /* destination key or "uri:...", arena-owned, or NULL */
};

/* One box's look and text: boxes and parts correspond via item.ref. */
struct span {
	struct span_style st;
	size_t off;   /* start in the paragraph's text buffer */
	int len;      /* bytes */
	int line;     /* source line, for messages */
};

struct para {
	struct item *it;   /* items, owned */
	int n, cap;
	struct span *sp;   /* parts, owned */
	int np, pcap;
	struct buf text;   /* every box's text, back to back */
	fx size;           /* base font size: sets the leading */
	const char *file;  /* its source file, for messages; NULL: none (a made part) */
	struct lstats *stats; /* where its lines are counted: NULL, the book's (L->stats);
	                    * else apart (a trial setting, lines counted where they are
	                    * set again, a diagram box's text kept with it) */
	int ends_space;    /* internal: the last item is glue */
	int rtl;           /* internal: 1 when a character is right-to-left (bidi_is_rtl) */
};

enum align { AL_JUSTIFY, AL_LEFT, AL_CENTER, AL_RIGHT, AL__MAX };

struct pline {
	fx h;                   /* line height, 1/1000 pt */
	struct dl_item *items;  /* arena-owned, y from the line top */
	int n;
};

void para_init(struct para *p, fx size);
void para_done(struct para *p);
int para_empty(const struct para *p);

/* Adds text (UTF-8) in style st; white space becomes glue.  `line` is the
 * source line for messages. */
void para_text(struct lctx *L, struct para *p, const char *s, size_t n,
               const struct span_style *st, int line);
/* A forced line break. */
void para_break(struct para *p);

/* Natural width of the widest line (no breaks but forced ones), and the
 * widest unbreakable piece: the two measures a table column needs. */
fx para_max_width(const struct para *p);
fx para_min_width(const struct para *p);

/* Sets the string s in the one style st at width: its lines into *out
 * (arena-owned), their number returned.  file (or NULL) is named in
 * messages; stats is where the lines count (para.stats).  With strict, a
 * word wider than width sets nothing and returns -1 (the caller tries a
 * smaller size). */
int para_set_string(struct lctx *L, const char *file, struct lstats *stats, const char *s,
                    const struct span_style *st, fx width, enum align al, int strict, struct pline **out);
/* Breaks and sets the paragraph into lines of `width`.  Returns the number
 * of lines; *out is arena-owned.  Ends the paragraph if not yet ended. */
int para_set(struct lctx *L, struct para *p, fx width, enum align al, struct pline **out);

/* The face for a bold/italic combination. */
int face_for(int bold, int italic);

/* Reports character cp, which no face has, at line:col of L's file: the
 * file's first such character is a warning there; every later one adds to
 * that warning's count and list (one warning per file, not a line per
 * character). */
void para_missing(struct lctx *L, const char *file, int line, int col, uint32_t cp);

/* Frees what laying text out made for L (ICU's break iterator). */
void para_release(struct lctx *L);

#endif
