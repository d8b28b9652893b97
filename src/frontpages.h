/* frontpages.h: the pages at the front: title page, contents, an edition's cover.
 *
 * Both are laid out after the body, from the destinations paginate placed:
 * the body is numbered from 1 whatever the front matter's length, so one
 * pass gives the true page numbers. */
#ifndef HANDBOOK_FRONTPAGES_H
#define HANDBOOK_FRONTPAGES_H

#include "build.h"
#include "dlist.h"
#include "layout.h"
#include "model.h"

struct title_info {
	const char *title;     /* the book's title */
	const char *org;       /* organisation, or NULL */
	const char *edition;   /* "Edition of 28 November 2026", or NULL */
	const char *version;   /* "Version 1a2b3c4+dirty", or NULL */
	const char *subtitle;  /* a line under the title, or NULL */
	const char *prepared;  /* "Prepared for Jane Doe, 15 January 2026" (--for), or NULL */
	const struct dl_item *logo; /* the organisation's logo (DL_IMAGE, sized) above the title, or NULL */
};

/* What the cover of an edition says. */
struct cover_info {
	const char *kicker;    /* small line above the title ("DevOps Support Roles: role description") */
	const char *title;     /* the role's title */
	const char *lines[4];  /* lines under the title (level, track, next step), NULL after the last */
	const char *org;       /* organisation, or NULL */
	const char *edition;   /* "Edition of 28 November 2026", or NULL */
	const char *version;   /* "Version 1a2b3c4+dirty", or NULL */
	const char *prepared;  /* "Prepared for Jane Doe, 15 January 2026" (--for), or NULL */
	const struct dl_item *logo; /* the organisation's logo (DL_IMAGE, sized) above the title, or NULL */
};

/* The title page as a vertical list for a text area of width x height. */
void fp_title_page(struct lctx *L, const struct title_info *t, fx width, fx height, struct vlist *out);

/* The contents: one entry per outline entry of level <= 2, each with dot
 * leaders, its page number (looked up in folios: key -> printed number,
 * negative for a roman front-matter number) and a link to its destination. */
void fp_contents(struct lctx *L, const struct outline_entry *ol, int nol,
                 const struct strmap *folios, fx width, struct vlist *out);

/* The same list under another title (a page of its own, with destination
 * key; its title and key must live as long as the pages), with a
 * paragraph `intro` under the title (NULL: none). */
void fp_list(struct lctx *L, const char *title, const char *key, const char *intro,
             const struct outline_entry *ol, int nol, const struct strmap *folios, fx width,
             struct vlist *out);

/* An edition's cover, one page: the title block, then "In this document"
 * with the level-1 entries of ol (page numbers from folios, linked like
 * the contents), and the edition date and version at the foot of the page. */
void fp_cover(struct lctx *L, const struct cover_info *ci, const struct outline_entry *ol, int nol,
              const struct strmap *folios, fx width, fx height, struct vlist *out);

#endif
