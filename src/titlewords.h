/* titlewords.h: which words of a chapter title name a job or a page about
 * the framework, in the book's eleven languages (titlewords.c).  Words are
 * given lower-cased by titlewords_lower.
 *
 *   titlewords_lower(w);
 *   if (titlewords_job(w)) ... a role whatever else the title says
 *   else if (titlewords_page(w)) ... a page, not a role */
#ifndef HANDBOOK_TITLEWORDS_H
#define HANDBOOK_TITLEWORDS_H

/* 1 when the lower-case word names a person doing a job. */
int titlewords_job(const char *w);

/* 1 when the lower-case word names a page about the framework. */
int titlewords_page(const char *w);

/* A Japanese or Chinese title, whose words are not spaced: *job is 1 when
 * it holds a job word; else returns the page word it holds, or NULL. */
const char *titlewords_cjk(const char *title, int *job);

/* Lower-cases w in place: ASCII, Latin-1, Cyrillic and Greek capitals
 * (each keeps its byte length in UTF-8). */
void titlewords_lower(char *w);

#endif
