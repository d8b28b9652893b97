/* level.h: level codes as real frameworks write them.
 *
 * A role's level is read from its title, else from its file name:
 *
 *   "L3: Senior Engineer"        code L3, rank 3, ladder "L"
 *   "IC 3 - Senior Engineer"     code IC3, rank 3, ladder "IC"  (also E3, P2, M1, EM5, TL4, D1)
 *   "Level 3: Senior Engineer"   code "Level 3", rank 3, no ladder
 *   "Engineer II (IC 3a)"        code IC3a, rank 3 sub-level a, ladder "IC"
 *   "Senior Engineer (L4)"       code L4 after the title
 *   "Engineer II"                no code, rank 2 (a roman grade at the end)
 *   "# L1" with file L1-Junior-Engineer.md   code L1, title "Junior Engineer"
 *   "Senior Engineer" in IC3-Senior-Engineer.md   code IC3 from the file name
 *
 * Ranks compare as major * LEVEL_SUB + minor (3a -> 301, 3b -> 302, 3 ->
 * 300), so sub-levels sort between their level and the next.  A code's
 * letters must be capitals (or a lone "l"), at most three of them, so
 * ordinary words ("A1 Steak", "Go 2") are not taken for codes unless they
 * stand before a colon or dash. */
#ifndef HANDBOOK_LEVEL_H
#define HANDBOOK_LEVEL_H

#include <stddef.h>

/* Minor steps per level: "3a" is 3 * LEVEL_SUB + 1. */
#define LEVEL_SUB 100

/* Ranks above this are taken as this (no framework has a million levels;
 * it keeps sums of ranks far from overflow). */
#define LEVEL_MAX_MAJOR 100000

enum level_from { LEVEL_NONE, LEVEL_TITLE, LEVEL_TITLE_END, LEVEL_GRADE, LEVEL_FILE, LEVEL_FRONT, LEVEL_ORDER,
                  LEVEL_AFTER, LEVEL__MAX };

struct level_code {
	char code[32];           /* as shown: "L3", "IC3a", "Level 3"; "" when none */
	char ladder[8];          /* the code's letters, upper-cased: "L", "IC", "M"; "" none */
	int rank;                /* major * LEVEL_SUB + minor, -1 when none */
	enum level_from from;    /* where it was found */
};

/* Reads the level of a role from its title and its file name (either may
 * be NULL).  *role_start and *role_len give the role title without the
 * code (the whole title when the code is not at its start; the file name's
 * words when the title is only a code: then *role_alloc is a malloc'd
 * string the caller frees, else NULL). */
void level_read(const char *title, const char *file, struct level_code *lc, const char **role_start,
                size_t *role_len, char **role_alloc);

/* A declared level (front matter "level: IC3", "level: 3a"): 0 and lc
 * filled, or -1 when the value is no level. */
int level_parse_value(const char *value, struct level_code *lc);

/* The rank as text: "3", "3a". */
void level_rank_text(int rank, char *out, size_t n);

#endif
