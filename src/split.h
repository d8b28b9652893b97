/* split.h: one file holding several levels, made one source per level.
 *
 * Frameworks write a track as one file whose sections are its levels
 * ("## L1: Junior Engineer", "## Engineer II", each with ### competencies
 * or bold-lead paragraphs), or the whole ladder in one file (the README
 * itself, when it links no level file).  A file is such a file when two or
 * more of its headings at one level (# in a level file, ## anywhere) name a
 * level: a level code or a roman grade (level.h).  Each of those sections,
 * up to the next heading of its level or above, becomes a source of its
 * own right after the file, in order, with its headings raised one level
 * when they were ## (so the level is the part's title and its ###
 * competencies are ## sections).  What is left (the title, the intro, other
 * sections) stays a chapter of the book when it holds more than the title;
 * in the README it stays the README.
 *
 * A part keeps its file's path, so diagnostics name the real file and
 * line; its name (what links, --role and --all-roles use) is the file's
 * name with the level's title added ("backend.md" -> "backend-L1-Junior-
 * Engineer.md", in the same folder, so its relative links resolve as the
 * file's).  When two or more files are split, each is a track: its parts
 * get the file's title (or its front matter's track) as their track. */
#ifndef HANDBOOK_SPLIT_H
#define HANDBOOK_SPLIT_H

struct content;
struct diags;

/* Splits every level file of c (and the README when c holds no level
 * file) that holds several levels.  Returns how many files were split.
 * Never fails: running out of memory ends in util.c's one exit. */
int split_levels(struct content *c, struct diags *d);

#endif
