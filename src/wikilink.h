/* wikilink.h: links as wikis and sites write them, made links to the
 * Markdown files they mean, right after a file is parsed, so that the
 * role list, chapter links and the index see ordinary links:
 *
 *	[Engineer](Engineer)            a GitHub wiki page      -> Engineer.md
 *	[Impact](./engineer_one#impact) a site's permalink      -> engineer_one.md#impact
 *	[[Senior Engineer]]             GitHub wiki, Obsidian   -> Senior-Engineer.md or "Senior Engineer.md"
 *	[[the next level|Senior Engineer]]  GitHub: text|page
 *	[[Senior Engineer|the next level]]  Obsidian: page|text
 *
 * A page is looked for beside the linking file, then in the content
 * folder, and a [[page]] then by its name in any folder (four deep), as
 * Obsidian finds a note anywhere in its vault.  An extensionless link to no file stays as it was; a [[name]]
 * naming no page is its text, with a warning. */
#ifndef HANDBOOK_WIKILINK_H
#define HANDBOOK_WIKILINK_H

#include "content.h"
#include "diagnostics.h"

void wikilink_rewrite(const struct content *c, struct source *s, struct diags *d);

#endif
