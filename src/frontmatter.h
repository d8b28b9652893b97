/* frontmatter.h: YAML front matter at the top of a Markdown file, the way
 * GitHub, Jekyll and Hugo read it:
 *
 *	---
 *	title: Senior Engineer
 *	level: IC3
 *	track: Engineering
 *	next: IC4-Staff-Engineer.md
 *	---
 *
 * It is how an author corrects what the framework model infers, without
 * renaming files.  The keys read are those of enum fm_key; another key is
 * a warning naming its line only when it looks like a slip for one of them
 * ("titel", "levels"): other tools keep their own keys in the same block.  Values are plain scalars.  The front matter's
 * lines are blanked in place (newlines kept), so cmark never sees them and
 * every later line keeps its number. */
#ifndef HANDBOOK_FRONTMATTER_H
#define HANDBOOK_FRONTMATTER_H

#include <stddef.h>

#include "diagnostics.h"

/* FM_LANG: the book's language, read from the README only (book.c) */
/* FM_ROLE: "false" makes a page no role (a chapter only), "true" a role
 * whatever its title and content say (infer.c) */
enum fm_key { FM_TITLE, FM_LEVEL, FM_TRACK, FM_NEXT, FM_SUMMARY, FM_LANG, FM_ROLE, FM__MAX };

struct ynode;

struct front_matter {
	char *v[FM__MAX];   /* each key's value, malloc'd, or NULL */
	int line[FM__MAX];  /* the line it was on */
	struct ynode *topics; /* the progression-framework template's levels as data
	                       * (`topics:`, topics.h), or NULL; owned */
	double order;         /* a site's place for the page (sidebar_position, nav_order,
	                       * weight, order), valid when has_order */
	int has_order;
};

/* Reads and blanks the front matter at the start of text[0..len) (text is
 * modified).  Returns 1 when there was front matter (*fm filled; free
 * with fm_done), 0 when there was none; problems are warnings naming path
 * and line, and a block that is not valid YAML is left out as a whole. */
int fm_read(char *text, size_t len, const char *path, struct front_matter *fm, struct diags *d);
void fm_done(struct front_matter *fm);

/* The key's name, for messages. */
extern const char *const fm_key_names[FM__MAX];

#endif
