/* yamltree.c: libyaml's events gathered into a tree (yamltree.h). */
#include "yamltree.h"
#include "util.h"

#include <stdlib.h>
#include <yaml.h>

void ynode_free(struct ynode *y)
{
	if (!y)
		return;
	for (int i = 0; i < y->n; i++)
		ynode_free(y->kids[i]);
	free(y->kids);
	free(y->s);
	free(y);
}

const struct ynode *ynode_get(const struct ynode *m, const char *key)
{
	if (!m || m->kind != Y_MAP)
		return NULL;
	for (int i = 0; i + 1 < m->n; i += 2)
		if (m->kids[i] && m->kids[i]->kind == Y_SCALAR && !strcmp(m->kids[i]->s, key))
			return m->kids[i + 1];
	return NULL;
}

static void ynode_add(struct ynode *parent, struct ynode *kid)
{
	parent->kids = xrealloc(parent->kids, (size_t)(parent->n + 1) * sizeof(*parent->kids));
	parent->kids[parent->n++] = kid;
}

struct ynode *yaml_tree(const char *text, size_t len, const char *path, int first_line, enum yt_doc doc,
                        struct diags *d)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct ynode *stack[YT_MAX_DEPTH + 1], *root = NULL;
	int depth = 0, done = 0, bad = 0;
	if (!yaml_parser_initialize(&p))
		return NULL;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done && !bad) {
		if (!yaml_parser_parse(&p, &ev)) {
			const char *why = p.problem ? p.problem : "parse error";
			int at = first_line + (int)p.problem_mark.line;
			if (doc == YT_CONFIG)
				diag_warn(d, path, at, "configuration is not valid YAML (%s); it is left out", why);
			else
				diag_warn(d, path, at, "front matter is not valid YAML (%s); it is left out", why);
			bad = 1;
			break;
		}
		struct ynode *y = NULL;
		switch (ev.type) {
		case YAML_NO_EVENT: /* past the stream's end libyaml gives only these */
		case YAML_STREAM_END_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			done = 1; /* an empty document ends with the stream, never with a document */
			break;
		case YAML_SCALAR_EVENT:
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			y = xcalloc(1, sizeof(*y));
			y->line = first_line + (int)ev.start_mark.line;
			y->kind = ev.type == YAML_SCALAR_EVENT ? Y_SCALAR : ev.type == YAML_MAPPING_START_EVENT ? Y_MAP : Y_SEQ;
			if (y->kind == Y_SCALAR)
				y->s = xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
			if (depth)
				ynode_add(stack[depth - 1], y);
			else if (!root)
				root = y;
			else
				ynode_free(y); /* a second document: only the first is read */
			if (y->kind != Y_SCALAR) {
				if (depth == YT_MAX_DEPTH) {
					if (doc == YT_CONFIG)
						diag_warn(d, path, y->line, "configuration nested deeper than %d levels; it is left out",
						          YT_MAX_DEPTH);
					else
						diag_warn(d, path, y->line, "front matter nested deeper than %d levels; it is left out",
						          YT_MAX_DEPTH);
					bad = 1;
				} else {
					stack[depth++] = y;
				}
			}
			break;
		case YAML_ALIAS_EVENT:
			/* `key: *anchor`: an empty value, not the anchored node (copies
			 * of copies are how a few bytes of YAML fill memory), so that a
			 * mapping's keys and values stay paired */
			if (depth) {
				y = xcalloc(1, sizeof(*y));
				y->kind = Y_SCALAR;
				y->s = xstrdup("");
				y->line = first_line + (int)ev.start_mark.line;
				ynode_add(stack[depth - 1], y);
			}
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (depth)
				depth--;
			done = depth == 0;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (bad) {
		ynode_free(root);
		return NULL;
	}
	if (!root || (root->kind == Y_SCALAR && !*root->s)) {
		ynode_free(root);
		root = xcalloc(1, sizeof(*root));
		root->kind = Y_MAP;
		root->line = first_line;
	}
	return root;
}
