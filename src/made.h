/* made.h: set pieces for the chapters an edition makes itself (levels at
 * a glance, what changes, the worksheet): a chapter title set like a level
 * file's, section headings, plain text, item arrays.  They append to a
 * vertical list with the body's paragraph machinery and styles, so a made
 * chapter looks like a written one.  Strings given as keys or running
 * heads must outlive the layout (arena or static). */
#ifndef HANDBOOK_MADE_H
#define HANDBOOK_MADE_H

#include "dlist.h"
#include "paragraph.h"
#include "layout.h"


/* Appends o's items as one box of height h (copied to the arena) and
 * empties o. */
struct vnode *made_box(struct lctx *L, struct vlist *out, struct dl_items *o, fx h);

/* Rows taller than this share of the text height are cut between lines:
 * a row is otherwise never split, and must fit a page. */
#define MADE_MAX_ROW_PCT 85

/* The same for a row that must not split unless it cannot fit a page:
 * taller than maxh, it is cut into slices at heights that cross no line
 * of text or image (a slice taller only when one line is), with a page
 * break allowed between them.  Each box gets `head` as its table head. */
void made_box_sliced(struct lctx *L, struct vlist *out, struct dl_items *o, fx h, fx maxh,
                     int head);

/* Appends set lines to o, the first line's top at (x, y); returns their height. */
fx made_put_lines(struct dl_items *o, const struct pline *ln, int n, fx x, fx y);

/* Sets s in one style into width, its top-left corner at (x, y), adding
 * the items to o (a link over each line when link is set).  Returns the
 * height used. */
fx made_set(struct lctx *L, struct dl_items *o, const char *s, int face, fx size, uint32_t rgb,
            const char *link, fx x, fx y, fx width, enum align al);

/* A new chapter: VN_CHAPTER with running head `head`, destination key at
 * the top, the title in the level-1 heading style with the accent rule
 * under it. */
void made_chapter(struct lctx *L, struct vlist *out, const char *title, const char *head,
                  const char *key, fx width);

/* A heading in the style of a Markdown heading of `level` (2..4), with a
 * destination key (or NULL), kept with the two lines that follow. */
void made_heading(struct lctx *L, struct vlist *out, const char *text, int level, const char *key,
                  fx width);

/* A paragraph of plain text, one box per line, with no break after its
 * first line or before its last. */
void made_text(struct lctx *L, struct vlist *out, const char *s, int face, fx size, uint32_t rgb,
               fx width, enum align al);

void made_glue(struct vlist *out, fx h);
void made_penalty(struct vlist *out, int pen);

/* Appends a structure tag to o: an element of role (enum tag_role) opens,
 * or, for role -1, the innermost closes.  Tags have no extent: a sliced
 * row (made_box_sliced) keeps them in its first slice, so wrap only rows
 * that are never cut, or tag the whole row's boxes with vlist_tag. */
void made_tag(struct dl_items *o, int role);


#endif
