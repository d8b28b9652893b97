/* buildint.h: what the block builder's files share (build.c: blocks and
 * the chapter; buildinline.c: inlines into a paragraph; buildbox.c:
 * images, code blocks and tables, set as boxes and sliced at page breaks).
 * Not for other modules: they use build.h. */
#ifndef HANDBOOK_BUILDINT_H
#define HANDBOOK_BUILDINT_H

#include "build.h"
#include "paragraph.h"

/* Structure tags open at once at most: BUILD_MAX_DEPTH blocks, each
 * opening at most four (L, LI, LBody, P), and the chapter's Part; deeper
 * ones are counted but not written, so begins and ends stay balanced. */
#define TAG_MAX_OPEN (BUILD_MAX_DEPTH * 4 + 8)


struct builder {
	struct lctx *L;
	const struct model *bk;
	const struct content *c;
	const struct build_opts *o;
	struct build_out *out;
	int chap;               /* chapter index */
	const char *name;       /* file name, for destination keys */
	const char *path;       /* the chapter's file, for messages */
	fx left;                /* indent from the text left, 1/1000 pt */
	const struct deco *deco;
	struct dl_item marker[4]; /* pending list marker items, y from the line top */
	int nmarker;
	int marker_art;         /* 1: the pending marker is a bullet or tick box: an Artifact
	                         * (its list's /ListNumbering says it), not an Lbl element */
	int bare_para;          /* 1: the next paragraph is a list item's only block: its
	                         * lines go straight into the LBody, without a P */
	int depth;              /* block nesting */
	int nhead;              /* next heading of the chapter model */
	int first;              /* 1: the next block is first in its container: no space before */
	int tight;              /* 1: inside a tight list */
	int html_warned;        /* raw HTML reported once per file */
	int depth_warned;
	const char *marks[8];   /* index markers waiting for the next box: "index:term > sub" */
	int nmarks;
	cmark_node **notes;     /* footnote definitions, in order */
	int nnotes, notescap;
	struct strmap *keys;    /* link key -> index in keyv: one arena copy per distinct key */
	const char **keyv;      /* arena strings */
	int nkeys, keycap;
	int bar;                /* --since: >0 while a changed or added block is built */
	/* structure tags (dlist.h) opened and not yet in a box: they join the
	 * next box, in front of its items, so that tagging never adds a node
	 * to the vertical list and pagination stays as it was */
	struct dl_item pend[TAG_MAX_OPEN];
	int npend;
	int pend_lbl;           /* pending tags before the list marker's Lbl */
	int pend_end;           /* elements closed after their last box: their ends open the
	                         * next box (the same place in item order, without copying
	                         * the last box to append them) */
	int placed[TAG_MAX_OPEN]; /* per open tag: 1 once it is in a box */
	int nopen;
	int last_level;         /* the last heading's tagged level (the chapter title is 1) */
	int warn_levels;        /* 1: a skipped heading level is reported (a whole file, not picked blocks) */
};

/* Opens a structure element of role r; alt is its /Alt (arena-owned) or NULL. */
void bld_tag_open(struct builder *b, enum tag_role r, const char *alt);
/* Closes the innermost element: its end waits for the next box (or
 * tag_flush), or, when no box came since it opened, the element is
 * dropped as empty. */
void bld_tag_close(struct builder *b);
void bld_vglue(struct builder *b, fx h);
void bld_vpen(struct builder *b, int pen);
void bld_space_before(struct builder *b, fx h);
struct vnode *bld_vbox(struct builder *b, fx h, const struct dl_item *items, int n, fx dx);
/* Paragraph lines as boxes, with no break after the first or before the
 * last line: no orphans, no widows. */
void bld_emit_lines(struct builder *b, struct pline *ln, int n, int keep_all);
fx bld_avail(const struct builder *b);
/* para_init for a paragraph of this chapter: messages name its file, and
 * its lines count unless the options say they are counted elsewhere. */
void bld_para_init(struct builder *b, struct para *p, fx size);
/* The arena's copy of a link key, made once per distinct key: a target
 * used a thousand times (a reference, a long URL) is stored once, and every
 * span and link item points at it.  Frees key. */
const char *bld_arena_key(struct builder *b, char *key);
/* Text items for a string in one style, split where the face changes;
 * returns the advance.  Missing characters become U+FFFD with a warning. */
fx bld_text_items(struct builder *b, struct dl_item *out, int *n, int max, fx x, fx y,
                   const char *s, size_t len, int face, fx size, uint32_t rgb, int line);
/* Feeds the inline children of n into p; images are collected for the
 * caller to place after the text.  Iterative: emphasis may nest deeply. */
int bld_inlines(struct builder *b, struct para *p, cmark_node *n, const struct span_style *base,
                cmark_node ***images, int *nimages);
int bld_is_comment(const char *html);
/* `<!-- index: term -->` or `<!-- index: term > sub-term -->`: queued for
 * the next box as a destination the index finds (index.c). */
void bld_index_marker(struct builder *b, const char *html);
void bld_warn_html(struct builder *b, cmark_node *n);
void bld_image(struct builder *b, cmark_node *n);
void bld_code(struct builder *b, cmark_node *n, int face, fx size);
void bld_table(struct builder *b, cmark_node *n);
/* --since: a changed block's destination joins its first box, and an
 * added or changed one is barred until change_end.  Returns 1 when a bar
 * began. */
int bld_change_begin(struct builder *b, cmark_node *n);
void bld_change_end(struct builder *b, int began);

/* buildhead.c: the chapter's title when no heading of its file shows it;
 * a heading block. */
void build_title(struct builder *b, const struct chapter *ch);
void build_heading(struct builder *b, cmark_node *n);

#endif
