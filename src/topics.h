/* topics.h: levels written as data in a file's front matter, the way the
 * progression-framework site template (Monzo's, and its many forks) keeps
 * a discipline's whole ladder:
 *
 *	---
 *	title: "🛠️ Backend Engineering Framework"
 *	levels: 6
 *	topics:
 *	  - name: "communication"
 *	    title: "💬 Communication"
 *	    content:
 *	      - level: 1
 *	        criteria:
 *	          - "Provides regular status updates"
 *	        exampleCriteria:
 *	          - criteria: "Writes PR descriptions that give context"
 *	            examples:
 *	              - "I chose X over Y because ..."
 *	---
 *	### About our frameworks (the page's own text)
 *
 * Such a file is a track (named by its title, without a leading emoji and a
 * closing "Framework"), and each level a topic names is a role of it: a
 * chapter "L1: Backend Engineering" with a `##` section per topic (titled by
 * its title, else its name), the criteria its expectations and each
 * example listed under its criterion.  Every node made carries the line of
 * the YAML it came from, so diagnostics name the real place.  The file's
 * own text stays a chapter when it has one. */
#ifndef HANDBOOK_TOPICS_H
#define HANDBOOK_TOPICS_H

struct content;
struct source;

/* Levels 1..TOPICS_MAX_LEVEL are read; another level number is ignored. */
#define TOPICS_MAX_LEVEL 30

/* The level sections of s, whose front matter holds topics (s->fm.topics),
 * appended to (*out)[*n...] as new sources named after s ("backend.md" ->
 * "backend-L1.md"; the caller makes the names unique).  Returns how many
 * were made: 0 when the topics name no level. */
int topics_cut(const struct source *s, struct source **out, int *n, int *cap);

#endif
