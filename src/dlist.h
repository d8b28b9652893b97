/* dlist.h: the display list, the boundary between layout and output.
 *
 * Layout produces vertical-list nodes (vnode) whose boxes hold positioned
 * drawing items; paginate.c places them on pages.  A page is a flat array
 * of items in page coordinates: x from the sheet's left edge, y from its top
 * edge downwards, both 1/1000 pt.  pdf.c is the only reader of pages. */
#ifndef HANDBOOK_DLIST_H
#define HANDBOOK_DLIST_H

#include <stdint.h>

#include <stddef.h>

#include "units.h"

enum dl_kind {
	DL_TEXT,   /* str[0..len) in face at size, baseline at (x, y), advance w */
	DL_RECT,   /* (x, y) top-left, w x h; filled when size is 0, else stroked with width size */
	DL_LINE,   /* from (x, y) to (x + w, y + h), width size; dotted when face is DL_DOTTED */
	DL_IMAGE,  /* image number `face` drawn in (x, y, w, h) */
	DL_LINK,   /* active area (x, y, w, h) to str: "uri:..." or a destination key */
	DL_DEST,   /* named destination str at (x, y) */
	DL_TAG_BEGIN, /* a structure element of role `face` (enum tag_role) opens; str: its
	               * alternative text (Figure /Alt) or NULL; x, y unused */
	DL_TAG_END,   /* the innermost open structure element closes */
	DL_FIELD,  /* a form field over (x, y, w, h) named str: face DL_FIELD_TEXT, or k (1..) for
	            * choice k of the one-of-several row str */
	DL__MAX
};

/* A large book holds millions of items, each once in a box and once on a
 * page: the small fields are packed so that an item takes 40 bytes. */
struct dl_item {
	fx x, y;        /* see enum dl_kind; 1/1000 pt */
	fx w, h;        /* size or extent, 1/1000 pt */
	fx size;        /* text: font size; rect, line: stroke width; 1/1000 pt */
	uint32_t rgb;   /* colour 0xRRGGBB */
	const char *str; /* text, link target or destination key; arena-owned */
	int len;        /* bytes of str */
	uint8_t kind;   /* enum dl_kind */
	uint8_t flags;  /* DLF_* */
	int16_t face;   /* text: enum face; image: index in the book's image table */
};

/* Images a book holds at most: their numbers go in dl_item.face. */
#define DL_MAX_IMAGES INT16_MAX

#define DL_DOTTED 1        /* DL_LINE face: round dots every DL_DOT_STEP */
#define DL_DOT_STEP PT(4.5)

#define DL_FIELD_TEXT 0    /* DL_FIELD face: a multi-line text field */

#define DLF_INDEX 1     /* text: body text the index searches (not headings, code, furniture) */
#define DLF_HYPHEN 4    /* text: ends with a hyphen the line break added (not the author's) */
#define DLF_ARTIFACT 2  /* not content (running head, folio, repeated table head): drawn as an
                         * Artifact; a tag item with it is ignored */

#define DLF_BAR 8       /* rect: a --since change bar, laid out in the left margin until
                         * book.c moves it to the outer one */
#define DLF_RTL 16      /* text: right-to-left, str in logical order; drawn reversed (dl_visual) */

/* Structure roles (ISO 32000-1 §14.8.4), tag_names[] their PDF names.
 * Layout brackets content with DL_TAG_BEGIN/DL_TAG_END items of these;
 * pdf.c turns them into the structure tree and marked content.  Content
 * outside every tag belongs to the Document; shapes (rules, boxes,
 * leaders) outside a Figure are Artifacts. */
enum tag_role {
	TAG_DOCUMENT, TAG_PART, TAG_H1, TAG_H2, TAG_H3, TAG_H4, TAG_H5, TAG_H6, TAG_P,
	TAG_L, TAG_LI, TAG_LBL, TAG_LBODY, TAG_TABLE, TAG_THEAD, TAG_TBODY, TAG_TR, TAG_TH,
	TAG_TD, TAG_CODE, TAG_BLOCKQUOTE, TAG_NOTE, TAG_LINK, TAG_FIGURE, TAG_TOC, TAG_TOCI,
	TAG_CAPTION, TAG_FORM,
	TAG__MAX
};
extern const char *const tag_names[TAG__MAX];

enum vn_kind {
	VN_BOX,      /* material of height h: items relative to (text left, box top) */
	VN_GLUE,     /* space of height h, dropped at a page break */
	VN_PENALTY,  /* a possible page break with a cost; <= -PEN_INF forces one */
	VN_CHAPTER,  /* a chapter starts here: a new page (odd in duplex), running head str */
	VN__MAX
};

/* Bars beside a stretch of the vertical list (block quotes): drawn at each
 * x over the full height of every box and glue that carries them. */
struct deco {
	int n;          /* bars */
	fx x[16];       /* bar left edges from the text left, 1/1000 pt */
};

#define VN_LINE 1        /* flag: a line of a paragraph (for widow/orphan stats) */
#define VN_TABLE_HEAD 2  /* flag: a table's header row, repeated after a break */
#define VN_FIRST 4       /* flag: the first line of a paragraph */
#define VN_LAST 8        /* flag: the last line of a paragraph */
#define VN_HEADING 16    /* flag: a line of a heading */

struct vnode {
	const struct deco *deco;  /* quote bars, or NULL */
	struct dl_item *items;    /* box: arena-owned */
	const struct dl_item *pre; /* box: structure tags (and a list marker in its Lbl) placed
	                           * before items, arena-owned, or NULL */
	const char *str;          /* chapter: running-head title */
	enum vn_kind kind;        /* (after the pointers: no padding) */
	fx h;                     /* box, glue: height, 1/1000 pt */
	int penalty;              /* penalty: cost */
	int flags;                /* VN_LINE, VN_TABLE_HEAD */
	int head;                 /* box in a table: index of its header row node, -1 none */
	int n;                    /* box: items */
	int npre;                 /* box: items in pre */
};

struct vlist {
	struct vnode *v;
	int n, cap;
};

void vlist_done(struct vlist *vl);
struct vnode *vlist_add(struct vlist *vl, enum vn_kind kind);

/* A growable array of drawing items: a box, a line or a diagram in the
 * making, before its items go to the arena or a page. */
struct dl_items {
	struct dl_item *v;  /* owned */
	int n, cap;
};

/* A zeroed item of kind k at the end of o. */
struct dl_item *dl_items_add(struct dl_items *o, enum dl_kind k);
void dl_items_done(struct dl_items *o);

/* Makes the boxes vl->v[from..] one structure element of role r (enum
 * tag_role) with /Alt alt (arena-owned, or NULL): a DL_TAG_BEGIN at the
 * front of the first box's pre and a DL_TAG_END after the last box's
 * items, copied into arena a, so tag the inner elements first.  For boxes
 * made outside build.c (whose pre holds the ends of earlier elements).
 * Nothing when there is no box. */
struct arena;
void vlist_tag(struct vlist *vl, int from, int r, const char *alt, struct arena *a);

struct page {
	struct dl_item *items; /* owned */
	int n, cap;
	int folio;             /* printed number */
	int roman;             /* 1: folio in lower-case roman (front matter) */
	int blank;             /* 1: a blank left-hand page added for duplex */
	int chapter_start;     /* 1: a chapter opens here: no running head */
	const char *chapter;   /* running-head title in force */
	fx w, h;               /* sheet size, 1/1000 pt; 0: the document's default */
};

struct pages {
	struct page *v;
	int n, cap;
};

void pages_done(struct pages *p);
struct page *pages_add(struct pages *p);
struct dl_item *page_add(struct page *pg);
/* Makes room for n more items on pg: exactly that many when the page is
 * still empty (the caller knows what it will hold), else growing by a
 * quarter at least, as page_add does. */
void page_reserve(struct page *pg, int n);

/* The n bytes of UTF-8 text s in visual order for right-to-left drawing
 * into out (n bytes): characters reversed, brackets mirrored (UAX #9 rule
 * L4), a combining mark kept after its base letter. */
void dl_visual(const char *s, size_t n, char *out);

#endif
