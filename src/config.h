/* config.h: the organisation's configuration, `handbook.yml` in the
 * content folder (or --config FILE, or a bundled theme), read with libyaml.
 *
 * Every key is optional; a key this program does not know, or a value it
 * cannot use, is a FILE:LINE warning and is ignored, so an old handbook
 * reads a newer file.  The command line overrides the file: main.c writes
 * its options over the loaded values with config_set, and --print-config
 * prints the result with config_print.
 *
 *   struct config c;
 *   config_init(&c);
 *   config_load(&c, path, d);       once per file: a theme, then handbook.yml
 *   config_set(&c, "page.paper", "letter", NULL, 0, d);
 *   ...
 *   config_done(&c);
 */
#ifndef HANDBOOK_CONFIG_H
#define HANDBOOK_CONFIG_H

#include <stdint.h>

#include "diagnostics.h"
#include "style.h"
#include "units.h"

struct buf;

/* The colours a theme may set; each replaces one of style.h's defaults. */
enum cfg_colour {
	CFG_PRIMARY,      /* headings and titles (STYLE_HEADING_RGB) */
	CFG_ACCENT,       /* links, the title page's bar (STYLE_ACCENT_RGB, STYLE_LINK_RGB) */
	CFG_TEXT,         /* body text (STYLE_TEXT_RGB) */
	CFG_RULES,        /* rules and borders (STYLE_RULE_RGB) */
	CFG_TABLE_HEADER, /* the shading of table header rows (STYLE_TABLE_HEAD_BG_RGB) */
	CFG_COVER,        /* the cover's background; set: title-page text turns light */
	CFG_COLOUR__MAX
};

/* The faces a theme may choose: font.h's enum face up to FACE_MONO. */
#define CFG_FACES 5

/* The margins a file may set (page.margins.*). */
enum cfg_margin { CFG_INNER, CFG_OUTER, CFG_TOP, CFG_BOTTOM, CFG_MARGIN__MAX };

/* Which edition a per-edition value belongs to (edition.h's order). */
enum cfg_edition { CFG_ED_HANDBOOK, CFG_ED_ROLE, CFG_ED_REVIEW, CFG_ED__MAX };

/* One entry of the `messages:` map, kept for the message catalogue. */
struct cfg_message {
	char *key;    /* owned */
	char *value;  /* owned */
};

struct config {
	char *path;                  /* the last file read, or NULL (owned) */
	char *org;                   /* organisation (owned) or NULL: the README's */
	char *title;                 /* the book's title, or NULL: the README's */
	char *subtitle;              /* the title page's second line, or NULL: the default */
	char *language;              /* language tag (hyphenation), or NULL */
	char *date_format;           /* strftime format of the edition date, or NULL */
	char *prepared_for;          /* --for: "Prepared for NAME, DATE" on the cover, or NULL */
	uint32_t rgb[CFG_COLOUR__MAX]; /* 0xRRGGBB, valid where has_rgb has the bit */
	unsigned has_rgb;            /* bit per enum cfg_colour */
	char *face[CFG_FACES];       /* theme.fonts: a file (made absolute or relative to the working
	                              * folder: it holds a '/') or a family name, per font.h's first
	                              * faces (regular, bold, italic, bold italic, mono), or NULL */
	char *logo;                  /* PNG or JPEG for the cover, relative to the file's folder, or NULL */
	int logo_in_head;            /* 1: also in the running head */
	int paper_set;               /* 1: paper (and paper_w/h for PAPER_CUSTOM) set */
	enum paper paper;            /* the sheet */
	fx paper_w, paper_h;         /* PAPER_CUSTOM's sheet, 1/1000 pt */
	fx margin[CFG_MARGIN__MAX];  /* 1/1000 pt; 0: the default */
	int duplex;                  /* -1 unset, 0 simplex, 1 duplex */
	fx base_size;                /* body text size, 1/1000 pt; 0: the default */
	int leading_pct;             /* line height, percent of the size; 0: the default */
	int heading_pct;             /* heading sizes, percent of the built-in ones; 0: 100 */
	fx mono_size;                /* code size, 1/1000 pt; 0: the default */
	char *head, *foot;           /* running head and foot templates ({org} {title} ...), or NULL */
	char *confidential;          /* a line at the foot of every page, or NULL */
	char *watermark[CFG_ED__MAX]; /* diagonal text per edition, or NULL */
	char *leave_out;             /* README sections a role edition leaves out: title words,
	                              * comma-separated ("contribut,licen"), or NULL: the built-in rule */
	char *leave_out_text;        /* phrases: a README paragraph holding one is left out of a role
	                              * edition ("this repository"), comma-separated, or NULL: none */
	char *person, *reviewer;     /* review.person, review.reviewer: the worksheet's nouns, or NULL */
	char *file_name;             /* --all-roles file name template ("{track}-{code}"), or NULL */
	struct cfg_message *messages; /* `messages:` in file order (owned) */
	int nmessages;
};

void config_init(struct config *c);
void config_done(struct config *c);

/* Reads path into c, over what c holds.  A missing file is no error when
 * optional is set (handbook.yml need not exist).  Returns 0, or -1 when the
 * file exists but cannot be read or is not YAML (a warning in d: the book
 * is still made, with the defaults). */
int config_load(struct config *c, const char *path, int optional, struct diags *d);

/* Sets one key ("theme.colours.primary", "page.paper") from text, as the
 * file would; file and line name the source for a warning (NULL, 0 for
 * the command line).  Returns 0, or -1 with a warning when the key is
 * unknown or the value unusable. */
int config_set(struct config *c, const char *key, const char *value, const char *file, int line,
               struct diags *d);

/* The value of a `messages:` key, or NULL. */
const char *config_message(const struct config *c, const char *key);

/* The effective configuration as YAML that config_load reads back. */
void config_print(const struct config *c, struct buf *out);
/* The editions' names as keys (watermark.handbook, ...). */
extern const char *const config_edition_keys[CFG_ED__MAX];

/* The page geometry: the configured paper and margins over style_page's
 * defaults for paper (the command line's choice, already in c->paper
 * when given). */
struct page_geom config_page(const struct config *c);

/* Makes the colours and sizes of c the ones style.h's names give, for the
 * layout of the next book (style_theme_reset restores the defaults). */
void config_apply_style(const struct config *c);

/* Expands a head/foot template: {org} {title} {chapter} {page} {pages}
 * {date} {version} {edition}; an unknown {field} is kept as written.
 * vals is indexed like the field list; a NULL value expands to nothing. */
enum cfg_field { CFG_F_ORG, CFG_F_TITLE, CFG_F_CHAPTER, CFG_F_PAGE, CFG_F_PAGES, CFG_F_DATE,
                 CFG_F_VERSION, CFG_F_EDITION, CFG_F_TRACK, CFG_F_CODE, CFG_F_NAME, CFG_F__MAX };
void config_expand(const char *tmpl, const char *const vals[CFG_F__MAX], struct buf *out);

#endif
