/* messages.h: the words the book sets itself (headings it makes, labels,
 * the edition line), in the book's language.
 *
 *     msg_set_lang("de-CH");            (book.c, from the book's language)
 *     heading(msg(MSG_CONTENTS));       -> "Inhalt"
 *     msg_override("contents", "Übersicht");  (a config file's messages: map)
 *
 * The catalogue holds English, German, French, Spanish, Portuguese, Dutch,
 * Russian, Japanese, Chinese, Greek and Hebrew; another language gets English.  The
 * current language and the overrides are process-wide: layout runs on one
 * thread. */
#ifndef HANDBOOK_MESSAGES_H
#define HANDBOOK_MESSAGES_H

#include <stddef.h>

enum msg_id {
	MSG_CONTENTS,           /* the contents page's heading */
	MSG_INDEX,              /* the index's heading */
	MSG_INDEX_OTHER,        /* index letter group of words in other scripts */
	MSG_INDEX_SYMBOLS,      /* index letter group of symbols */
	MSG_CAREER_JOURNEY,     /* the journey diagram's heading */
	MSG_JOURNEY_BRANCH,     /* its legend when a branch changes track */
	MSG_JOURNEY_TRACKS,     /* its legend otherwise */
	MSG_JOURNEY_PAGES,      /* added to the legend: page numbers (starts with its space) */
	MSG_JOURNEY_MARKS,      /* added to the legend: the highlighted box (starts with its space) */
	MSG_THIS_ROLE,          /* under the highlighted box */
	MSG_NEXT_STEP,          /* under the box it leads to */
	MSG_PAGE_ABBREV,        /* before a page number: "p." */
	MSG_LEVELS_AT_A_GLANCE, /* the glance chapter's heading */
	MSG_WHAT_CHANGES,       /* the comparison's heading */
	MSG_IN_THIS_DOCUMENT,   /* a role edition's short contents */
	MSG_SUBTITLE,           /* the handbook's title-page subtitle */
	MSG_WORKSHEET,          /* the review worksheet's heading */
	MSG_AGREED_NEXT_STEPS,  /* its last section */
	MSG_EXPECTATION,        /* its column head */
	MSG_EVIDENCE,           /* the rule under each expectation */
	MSG_NOT_YET,            /* the scale, low to high */
	MSG_SOMETIMES,
	MSG_CONSISTENTLY,
	MSG_ENGINEER,           /* who signs: the person reviewed */
	MSG_MANAGER,            /* and their manager */
	MSG_NAME,               /* signature fields */
	MSG_SIGNATURE,
	MSG_DATE,
	MSG_EDITION,            /* before the edition date: "Edition of" */
	MSG_VERSION,            /* before the content version: "Version" */
	MSG_JOURNEY_BOXES,      /* the journey's legend when it draws no arrow */
	MSG_CHANGED_SINCE,      /* --since: the changes page's heading, before the revision */
	MSG_REVIEWER,           /* who signs with a manager reviewed */
	MSG_PREPARED_FOR,       /* --for: before the reader's name on the cover */
	MSG_NEXT_STEPS_NOTE,    /* under the worksheet's next steps: {person}, {reviewer} are filled in */
	MSG_JOURNEY_EXCERPT,    /* added to the legend of a role edition's excerpt (starts with its space) */
	MSG_JOURNEY_JOBS,       /* the legend of a journey of one-role tracks, drawn as rows of boxes */
	MSG_JOURNEY_SELF,       /* MSG_JOURNEY_MARKS where no next step is marked (starts with its space) */
	MSG__MAX
};

/* Sets the language of msg() from a BCP 47 tag ("de", "pt-BR"; its
 * language subtag counts); NULL or an unknown language: English. */
void msg_set_lang(const char *tag);

/* The text of id in the current language, or its override.  Static or
 * owned by the catalogue: valid until the next msg_override of its key. */
const char *msg(enum msg_id id);

/* The key of id in a config file's messages: map ("contents", "next_step"). */
const char *msg_key(enum msg_id id);

/* Uses text for key in every language from now on.  Returns 0, or -1 when
 * no message has that key.  text is copied; NULL removes the override. */
int msg_override(const char *key, const char *text);

/* Frees the overrides (for leak checkers at exit, and tests). */
void msg_reset(void);

/* "Edition of 1 December 2026" in the current language, with its month
 * names and date order, into out (size bytes). */
void msg_edition(char *out, size_t size, int year, int month, int day);

/* The date alone, as msg_edition sets it: "1 December 2026", "1. Dezember 2026". */
void msg_date(char *out, size_t size, int year, int month, int day);

#endif
