/* content.h: finds and reads the README and the level files it lists.
 *
 * content_load reads CONTENT_DIR/README.md, parses it, follows the links of
 * its role list in order, and appends level files the README does not list
 * (with a warning).  Every text is cleaned on the way in: a BOM dropped,
 * invalid UTF-8, NUL and control characters replaced by U+FFFD with a
 * warning naming the line.  Every file is opened from the folder's
 * descriptor and must resolve beneath it (images: beneath its Git work
 * tree); see content_read_rel. */
#ifndef HANDBOOK_CONTENT_H
#define HANDBOOK_CONTENT_H

#include <stddef.h>
#include <cmark-gfm.h>

#include "diagnostics.h"
#include "frontmatter.h"

struct source {
	char *path;        /* the file as diagnostics name it: DIR/NAME */
	char *name;        /* path relative to the content folder */
	char *text;        /* cleaned UTF-8, NUL-terminated */
	size_t len;        /* bytes of text */
	cmark_node *root;  /* parsed AST, owned */
	int listed_line;   /* README line whose link listed it; 0 for the README and unlisted files */
	int in_listing;    /* 1: the README links it from a list item or a table cell */
	struct front_matter fm; /* its YAML front matter (frontmatter.h); all NULL when none */
	int track_of_file;  /* 1: a level section of a track file (split.h), fm's track its title;
	                    * 2: its track the level-2 heading over the section */
	char *part_of;      /* split.h: the name of the file this level section was cut from, else NULL; owned */
	char *matrix_in;    /* matrix.h: the name of the file whose matrix gave it sections, else NULL; owned */
	int landing;        /* 1: a landing page (a folder's README, an index.md) whose links list
	                     * levels: its own text is a chapter, never a role */
};

/* The identity of a file read on the content's behalf: an output path
 * must never name one of them (-o onto an input would destroy it). */
struct file_id {
	unsigned long long dev, ino;
};

struct file_ids {
	struct file_id *v;  /* owned */
	int n, cap;
};

/* Where reads resolve (see content_read_rel); opaque, owned by content. */
struct content_fs;

struct content {
	char *dir;         /* the content folder as given */
	struct content_fs *fs; /* the folder opened once, and its Git work tree; owned */
	struct source *v;  /* v[0] is the README, then the levels in book order */
	int n, cap;
	struct file_ids *reads; /* every file opened so far, owned; a pointer so that
	                         * readers holding a const content still record */
	struct strmap *followed; /* landing pages and folders the role list was read
	                          * through (names as in source.name, folders without
	                          * a '/'), or NULL; owned */
};

/* Returns 0, or -1 with an error in d when the book cannot be made (no
 * README, a listed file missing, no levels).  content_done frees all. */
int content_load(struct content *c, const char *dir, struct diags *d);
void content_done(struct content *c);

/* Frees the files' text and syntax trees, keeping their names and paths:
 * for when the book is laid out and only messages may still name them. */
void content_release(struct content *c);

/* Builds content from memory instead of a folder (the fuzzer, tests):
 * content_init, then content_add_text for the README first and each level.
 * Images and other files are looked up under dir, which is opened here
 * (when it cannot be, every such read fails). */
void content_init(struct content *c, const char *dir);
int content_add_text(struct content *c, const char *name, const char *text, size_t len,
                     struct diags *d);

/* 1 when name (relative to the content folder) is a landing page or a
 * folder the README's role list was read through: a link to it is no
 * chapter, and no fault. */
int content_followed(const struct content *c, const char *name);

/* The index in c->v of the file a relative link target names (after "./",
 * percent-decoding and dropping any #fragment), or -1. */
int content_find(const struct content *c, const char *target);

/* 1 when a link target is a local Markdown file reference (no scheme, ends in .md). */
int content_is_md_link(const char *url);

/* "makers/senior_engineer.md" -> "senior engineer": a file's name as a
 * title, for a file with no heading.  malloc'd. */
char *content_name_title(const char *name);

/* How far a file read for the content may resolve. */
enum content_scope {
	SCOPE_FOLDER, /* beneath the content folder: Markdown, index-terms.txt */
	SCOPE_TREE,   /* beneath the Git work tree holding the folder (the nearest
	               * ancestor with a .git entry), else the folder: images */
	SCOPE__MAX
};

/* Why content_read_rel returned NULL. */
enum content_fail {
	CONTENT_READ_OK,
	CONTENT_MISSING,    /* no such file: callers may treat it as absent */
	CONTENT_OUTSIDE,    /* the path as written leaves the scope (absolute, "..") */
	CONTENT_ESCAPES,    /* a symbolic link on the way resolves outside the
	                     * scope: an error, nothing of the target was read */
	CONTENT_UNREADABLE, /* not a regular file, too large, or an I/O error */
	CONTENT_FAIL__MAX
};

/* Reads a file named relative to the content folder (a link target:
 * "./" and percent-escapes allowed, "#fragment" dropped).  The file is
 * opened from the folder's descriptor, opened once at content_init, with
 * every symbolic link resolved by the kernel beneath the scope's root
 * (openat2 RESOLVE_BENEATH, else realpath and a prefix test), then checked
 * as a regular file of at most max bytes.  SCOPE_FOLDER refuses any ".."
 * component; SCOPE_TREE allows ".." that stays beneath the work tree.
 * Returns a malloc'd, NUL-terminated buffer (size in *len), or NULL with a
 * reason in *why (valid until the next read) and the kind in *fail (may be
 * NULL). */
char *content_read_rel(const struct content *c, const char *rel, enum content_scope scope,
                       size_t *len, size_t max, const char **why, enum content_fail *fail);

/* Tests only: 1 makes reads resolve with realpath, as on a kernel without
 * openat2. */
extern int content_no_openat2;

/* 1 when a file with this device and inode was read for the content. */
int content_has_read(const struct content *c, unsigned long long dev, unsigned long long ino);

/* Largest file read, in bytes; a bigger one is refused. */
#define CONTENT_MAX_FILE (64u << 20)

#endif
