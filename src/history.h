/* history.h: the content folder as it was at an earlier revision, read
 * with libgit2 for --since (never by running git; see stamp.h for why).
 *
 *   struct history *h = history_start(dir, "v1.0");   a child process starts reading
 *   if (history_wait(h, &why) != 0) usage error naming why
 *   for (i < history_count(h)) history_file(h, i, &name, &text, &len);
 *   history_free(h);
 *
 * REV is anything libgit2's revparse takes (a commit, a tag, "HEAD~3"), or
 * a day YYYY-MM-DD: the newest commit reachable from HEAD made before that
 * day began (UTC).  Every Markdown file (.md, .markdown) beneath the
 * content folder in that commit's tree is read, names relative to the
 * folder; a folder that did not exist then gives no files (everything is
 * new).  history_start forks: call it before any thread starts. */
#ifndef HANDBOOK_HISTORY_H
#define HANDBOOK_HISTORY_H

#include <stddef.h>

struct history;

/* Starts reading dir's repository at rev (in a child, or later in
 * history_wait when none can be started).  Never NULL. */
struct history *history_start(const char *dir, const char *rev);

/* Waits for the answer.  Returns 0, or -1 with *why a sentence naming the
 * problem ("content is not in a Git checkout", "no commit, tag or date
 * 'v9' in the repository"), owned by h. */
int history_wait(struct history *h, const char **why);

/* The revision as given, and the commit it named (short hash). */
const char *history_rev(const struct history *h);
const char *history_commit(const struct history *h);

/* The Markdown files at the revision, in tree order. */
int history_count(const struct history *h);
void history_file(const struct history *h, int i, const char **name, const char **text, size_t *len);

void history_free(struct history *h);

/* Tests: a history made in memory, as if rev held these files. */
struct history *history_new(const char *rev);
void history_add(struct history *h, const char *name, const char *text, size_t len);

/* Bytes of old Markdown read at most: the content itself is limited to
 * 64 MiB a file; a history holding more is refused, not truncated. */
#define HISTORY_MAX_BYTES (256u << 20)

#endif
