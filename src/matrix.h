/* matrix.h: the competency matrix, read at load time.
 *
 * Many frameworks keep their expectations in one table (Markdown, or raw
 * HTML that html.c has made a table) whose rows are competencies and whose
 * columns are levels:
 *
 *   | Competency | [L1](L1-Engineer.md) | L2   | Senior Engineer |
 *   |------------|----------------------|------|-----------------|
 *   | Delivery   | Ships small changes  | ...  | ...             |
 *
 * A table is a matrix when two or more cells of its header row after the
 * first each name a different level file of the content: by a link to it,
 * by its level code ("L2", "IC 3"), or by its title or role title.  For
 * each such column, every body row with a competency name (its first cell)
 * and text in that column becomes a section at the end of that level
 * file's syntax tree: a level-2 heading naming the competency and a list
 * whose items are the cell's lines (split at line breaks, a leading bullet
 * dropped), so the role's chapter shows it and the framework model reads
 * it as a competency section with one expectation per line (sections.h).
 * A level file that already has a heading of that title keeps its own.
 * The matrix itself stays where it is. */
#ifndef HANDBOOK_MATRIX_H
#define HANDBOOK_MATRIX_H

struct content;

/* Expands every matrix of c's files into its level files (c->v[1..n)).
 * Returns how many sections were added.  Never fails: running out of
 * memory ends in util.c's one exit. */
int matrix_expand(struct content *c);

#endif
