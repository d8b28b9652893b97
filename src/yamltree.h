/* yamltree.h: a YAML document as a small tree of mappings, sequences and
 * scalars with their lines, read with libyaml's event parser, for
 * handbook.yml (config.c) and Markdown front matter (frontmatter.c). */
#ifndef HANDBOOK_YAMLTREE_H
#define HANDBOOK_YAMLTREE_H

#include "diagnostics.h"

#include <stddef.h>

/* Nesting past this is no document this program reads (the deepest
 * configuration key, theme.colours.primary, is three levels down). */
#define YT_MAX_DEPTH 16

enum ykind { Y_SCALAR, Y_MAP, Y_SEQ };

struct ynode {
	enum ykind kind;
	char *s;              /* Y_SCALAR: the text (owned) */
	int line;             /* 1-based line of the node in the file */
	struct ynode **kids;  /* Y_MAP: key, value, key, value ...; Y_SEQ: items (owned) */
	int n;
};

/* Whose YAML it is, for the warnings' wording. */
enum yt_doc { YT_CONFIG, YT_FRONT_MATTER };

/* The first document of text[0..len) as a tree, its lines counted from
 * first_line; or NULL with a warning naming path and line (not YAML, or
 * nested too deep).  An empty document gives an empty mapping.  Free
 * with ynode_free. */
struct ynode *yaml_tree(const char *text, size_t len, const char *path, int first_line, enum yt_doc doc,
                        struct diags *d);
void ynode_free(struct ynode *y);

/* The value of key in mapping m, or NULL (also when m is no mapping). */
const struct ynode *ynode_get(const struct ynode *m, const char *key);

#endif
