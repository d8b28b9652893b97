/* bookcheck.c: the runs that write no PDF: --explain (the framework as
 * the program understood it), --check (every edition laid out, messages
 * kept) and --list-roles (the model alone). */
#include "book.h"
#include "bookrun.h"
#include "explain.h"
#include "level.h"

#include <stdlib.h>
#include <string.h>

int book_explain(const struct book_opts *o, struct diags *d, char **text)
{
	struct content c;
	struct shared sh;
	struct buf b;
	buf_init(&b);
	memset(&sh, 0, sizeof(sh));
	*text = NULL;
	int rc = -1;
	struct book_opts oo = *o;
	oo.no_hyph = 1; /* nothing is laid out */
	if (content_load(&c, o->content_dir, d) == 0 && !d->errors && book_shared_init(&sh, &oo, &c, d) == 0) {
		explain_write(&sh.bk, &c, &sh.fw, &b);
		buf_cstr(&b);
		*text = buf_detach(&b);
		rc = 0;
	}
	book_shared_done(&sh);
	content_done(&c);
	buf_done(&b);
	return rc;
}

/* One edition laid out for book_check, its messages kept once. */
static int check_one(const struct book_opts *o, struct shared *sh, struct diags *d)
{
	struct diags one;
	struct book_result r;
	diags_init(&one);
	int rc = book_run(o, sh, 0, &one, &r);
	book_result_done(&r);
	diags_merge(d, &one);
	diags_done(&one);
	return rc;
}

int book_check(const struct book_opts *o, struct diags *d, int *editions)
{
	struct content c;
	struct shared sh;
	struct book_opts ro = *o;
	memset(&sh, 0, sizeof(sh));
	*editions = 0;
	int rc = -1;
	ro.output = NULL;
	ro.out_dir = NULL;
	ro.no_pdf = 1;
	ro.progress = NULL;
	/* the book, framework, fonts and patterns once, for every edition */
	if (content_load(&c, o->content_dir, d) != 0 || d->errors || book_shared_init(&sh, &ro, &c, d) != 0)
		goto done;
	ro.edition = ED_HANDBOOK;
	rc = check_one(&ro, &sh, d);
	(*editions)++;
	for (int i = 0; i < sh.fw.n; i++) {
		ro.role = c.v[sh.bk.ch[sh.fw.roles[i].chapter].src].name; /* the exact name: never ambiguous */
		for (int e = ED_ROLE; e <= ED_REVIEW; e++) {
			ro.edition = (enum edition_kind)e;
			if (check_one(&ro, &sh, d) != 0)
				rc = -1;
			(*editions)++;
		}
	}
done:
	book_shared_done(&sh);
	content_done(&c);
	return rc;
}

int book_list_roles(const char *content_dir, struct diags *d, struct book_role_info **v, int *n)
{
	struct content c;
	struct shared sh;
	struct book_opts o;
	memset(&o, 0, sizeof(o));
	memset(&sh, 0, sizeof(sh));
	o.content_dir = content_dir;
	o.fonts = NULL;
	*v = NULL;
	*n = 0;
	int rc = -1;
	if (content_load(&c, content_dir, d) != 0 || d->errors)
		goto done;
	/* the model alone: no fonts, no patterns */
	model_build(&sh.bk, &c, NULL, NULL, d);
	framework_build(&sh.fw, &sh.bk, &c, d);
	*v = xcalloc((size_t)(sh.fw.n ? sh.fw.n : 1), sizeof(**v));
	for (int i = 0; i < sh.fw.n; i++) {
		const struct fw_role *ro = &sh.fw.roles[i];
		const struct chapter *ch = &sh.bk.ch[ro->chapter];
		struct book_role_info *ri = &(*v)[(*n)++];
		ri->file = xstrdup(c.v[ch->src].name);
		ri->code = ch->code ? xstrdup(ch->code) : NULL;
		ri->title = xstrdup(ch->role ? ch->role : ch->title);
		ri->track = ro->track ? xstrdup(ro->track) : NULL;
		ri->rank = ro->level < 0 ? -1 : ro->level / LEVEL_SUB; /* the level number: 3 for 3a */
		ri->next = ro->next > 0 ? xstrdup(c.v[sh.bk.ch[ro->next].src].name) : NULL;
	}
	rc = 0;
	framework_done(&sh.fw);
	model_done(&sh.bk);
done:
	content_done(&c);
	return rc;
}

void book_roles_free(struct book_role_info *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].file);
		free(v[i].code);
		free(v[i].title);
		free(v[i].track);
		free(v[i].next);
	}
	free(v);
}
