/* infer.h: the inference framework.c builds on (infer.c); for
 * framework.c only. */
#ifndef HANDBOOK_INFER_H
#define HANDBOOK_INFER_H

#include "framework.h"
#include "level.h"

/* Levels above this are taken as this: no framework has a million levels,
 * and it keeps sums of levels far from overflow. */
#define INFER_LEVEL_MAX LEVEL_MAX_MAJOR

/* A track while the model is built; tracks are numbered in order of appearance. */
struct fw_track {
	char *name;   /* as first seen, owned */
	int lowest;   /* lowest level, INT_MAX when no role has one */
	int nroles;   /* roles in it */
	int nsub;     /* rows it needs */
	int row0;     /* its first row */
};

/* White-space runs collapsed to one space, trimmed; malloc'd. */
char *infer_normalise(const char *s, size_t n);

/* The track of each role, by the rules in framework.h.  Fills r[i]'s
 * chapter, code, title, rank, track_from; returns a malloc'd array of n
 * malloc'd names. */
char **infer_track_names(const struct model *bk, const struct content *c, struct fw_role *r, int n,
                         const int *chap);

/* Ranks from the README's order for tracks most of whose roles have no
 * code (framework.h).  Returns 1 when some rank was given. */
int infer_rank_by_order(struct fw_role *r, int n, const int *tk, const struct fw_track *t, int nt);

/* enum fw_chapter of chapter i (1..bk->n-1) by the rules in framework.h;
 * a front-matter role that is neither true nor false is a warning in d
 * (may be NULL). */
int infer_chapter_kind(const struct model *bk, const struct content *c, int i, struct diags *d);

/* 1 when a title holds a word naming a person doing a job (engineer,
 * manager, lead, a word ending in -er, -or, -ist but the few that name
 * no person). */
int infer_job_title(const char *title);

/* The word of a title that names a page, not a job ("glossary"), into w
 * (size n), or NULL when the title has none or also names a job. */
const char *infer_page_word(const char *title, char *w, size_t n);

#endif
