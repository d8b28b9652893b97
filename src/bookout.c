/* bookout.c: an edition's pages out: the outline, the PDF's metadata and
 * file name, --dump, and the check that every word reached the pages.
 * book.c calls bookout_write once the front matter is on. */
#include "bookrun.h"
#include "messages.h"
#include "dump.h"
#include "index.h"
#include "output.h"
#include "pdf.h"
#include "words.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *keywords(const struct model *bk)
{
	struct buf b;
	buf_init(&b);
	for (int i = 1; i < bk->n; i++) {
		if (!model_has_chapter(bk, i))
			continue;
		if (b.len)
			buf_adds(&b, ", ");
		buf_adds(&b, bk->ch[i].role);
	}
	buf_cstr(&b);
	return buf_detach(&b);
}

/* pdf_job.progress, passed on to the caller's with the files all laid out. */
struct pages_progress {
	const struct book_opts *o;
	int files;
};

static void pages_written(void *ctx, int written, int pages)
{
	const struct pages_progress *p = ctx;
	p->o->progress(p->o->progress_ctx, p->files, p->files, written, pages);
}

/* The layout is in the PDF document once pdf_build returns: free it
 * before the file is assembled, which is when a big book peaks. */
void bookout_release(struct run *u, struct arena **arena, struct book_index **ix,
                           struct pages *pp[3], struct build_out *gl, struct vlist *iv,
                           struct strmap **folios)
{
	for (int i = 0; i < 3; i++)
		pages_done(pp[i]);
	vlist_done(iv);
	vlist_done(&u->dgv);
	vlist_done(&u->chv);
	build_out_done(&u->bo);
	build_out_done(gl);
	strmap_free(*folios);
	*folios = NULL;
	index_free(*ix); /* after the pages: they hold its destination keys */
	*ix = NULL;
	arena_free(*arena);
	*arena = NULL;
}

/* What the existing file out names among the book's inputs (a content
 * file, an image, the index terms, a font, the patterns), or NULL: -o
 * onto an input would destroy the source. */
static const char *input_named(const struct output *out, const struct content *c,
                               const struct fonts *f, const char *hyph_dict)
{
	if (content_has_read(c, out->dev, out->ino))
		return "one of the content's files";
	struct stat st;
	struct buf terms;
	buf_init(&terms);
	buf_addf(&terms, "%s/index-terms.txt", c->dir); /* index.c reads it by name */
	int same = stat(buf_cstr(&terms), &st) == 0 && st.st_dev == out->dev && st.st_ino == out->ino;
	buf_done(&terms);
	if (same)
		return "the content's index terms";
	for (int i = 0; i < FACE__MAX; i++)
		if (font_path(f, (enum face)i) && stat(font_path(f, (enum face)i), &st) == 0 && st.st_dev == out->dev && st.st_ino == out->ino)
			return "a font file";
	if (hyph_dict && stat(hyph_dict, &st) == 0 && st.st_dev == out->dev && st.st_ino == out->ino)
		return "the hyphenation patterns";
	return NULL;
}

/* Writes the finished PDF to path (output.c decides how), unless path is
 * one of the book's inputs.  Returns 0 or -1 with an error in d. */
static int write_output(const char *path, const struct content *c, const struct fonts *f,
                     const char *hyph_dict, const char *data, size_t len, struct diags *d)
{
	struct output out;
	int rc = -1;
	if (output_init(&out, path, d) != 0)
		goto done;
	const char *input = out.exists ? input_named(&out, c, f, hyph_dict) : NULL;
	if (input && out.kind == OUTPUT_STDOUT)
		diag_error(d, NULL, 0, "standard output is an input of the book (%s); not overwritten", input);
	else if (input)
		diag_error(d, path, 0, "is an input of the book (%s); not overwritten", input);
	else
		rc = output_write(&out, data, len, d);
done:
	output_done(&out);
	return rc;
}

/* Every word of the chapters the edition holds whole is on the pages, or
 * a warning says where it is not: checked before the content goes. */
static void check_words(struct run *u, struct book_result *r)
{
	const struct model *bk = u->bk;
	int *chap = xcalloc((size_t)bk->n + 1, sizeof(*chap)), nchap = 0;
	if (!u->ed->per_role) {
		/* the README too when it is no chapter, its title alone (book.c):
		 * its words are the title page's */
		for (int i = 0; i < bk->n; i++)
			if (model_has_chapter(bk, i) || i == 0)
				chap[nchap++] = i;
	} else {
		chap[nchap++] = u->role;
		if (u->o->edition == ED_REVIEW && u->next)
			chap[nchap++] = u->next;
	}
	struct words_count wc;
	words_check(bk, u->c, chap, nchap, &u->all, &u->po.g, u->d, &wc);
	r->words_in = wc.in;
	r->words_out = wc.out;
	r->words_warned = wc.warned;
	r->words_lost = wc.lost;
	free(chap);
}

/* The outline: the front matter's parts, then the chapters and their
 * sections.  Returns a malloc'd array of *n entries. */
static struct outline_entry *job_outline(struct run *u, int *n)
{
	struct outline_entry *ol = xcalloc((size_t)(u->bo.nol + u->gl.nol) + 3, sizeof(*ol));
	int nol = 0;
	if (u->ed->contents)
		ol[nol++] = (struct outline_entry){ 1, msg(MSG_CONTENTS), "#contents", -1 };
	if (u->since)
		ol[nol++] = (struct outline_entry){ 1, u->since_title, "#since", -1 };
	if (u->ed->contents) {
		if (strmap_get(u->folios, "#career-journey", NULL))
			ol[nol++] = (struct outline_entry){ 1, msg(MSG_CAREER_JOURNEY), "#career-journey", -1 };
		nol = book_append_entries(ol, nol, u->gl.ol, u->gl.nol);
	}
	*n = book_append_entries(ol, nol, u->bo.ol, u->bo.nol);
	return ol;
}

/* Where the PDF goes: -o, else DIR/NAME.pdf for an edition of one role,
 * else memory (NULL).  malloc'd. */
/* The file name of role chapter `chap`'s edition without its suffix: the
 * level file's name, or the configuration's editions.file_name template
 * ({track}-{code}, {name}, {title}, {org}) made safe for any file system:
 * letters, digits and '_' kept (and every non-ASCII byte), any other run
 * of characters one '-' between them, so no '/', '.' or leading '-'. */
void bookout_file_name(const struct book_opts *o, const struct model *bk, const struct framework *fw,
                           const struct content *c, int chap, struct buf *out)
{
	const char *tmpl = o->config ? o->config->file_name : NULL;
	if (!tmpl) {
		framework_role_name(bk, c, chap, out);
		return;
	}
	struct buf name, raw;
	buf_init(&name);
	buf_init(&raw);
	framework_role_name(bk, c, chap, &name);
	const char *vals[CFG_F__MAX] = { 0 };
	vals[CFG_F_ORG] = bk->org;
	vals[CFG_F_TITLE] = bk->ch[chap].role;
	vals[CFG_F_TRACK] = framework_track(fw, chap);
	vals[CFG_F_CODE] = bk->ch[chap].code;
	vals[CFG_F_NAME] = buf_cstr(&name);
	config_expand(tmpl, vals, &raw);
	size_t start = out->len;
	int dash = 0;
	for (const char *p = buf_cstr(&raw); *p; p++) {
		unsigned char ch = (unsigned char)*p;
		int keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		           ch == '_' || ch >= 0x80;
		if (keep && ch != '-') {
			if (dash)
				buf_addc(out, '-');
			buf_addc(out, (char)ch);
			dash = 0;
		} else if (out->len > start) {
			dash = 1;
		}
	}
	if (out->len == start) /* nothing usable: the level file's name */
		buf_adds(out, buf_cstr(&name));
	buf_done(&name);
	buf_done(&raw);
}

static char *output_path(const struct run *u)
{
	if (u->o->output)
		return xstrdup(u->o->output);
	if (!u->o->out_dir || !u->ed->per_role)
		return NULL;
	struct buf p;
	buf_init(&p);
	if (strcmp(u->o->out_dir, "."))
		buf_addf(&p, "%s/", u->o->out_dir);
	bookout_file_name(u->o, u->bk, u->fw, u->c, u->role, &p);
	buf_adds(&p, u->ed->suffix);
	return buf_detach(&p);
}

static void fill_result(const struct run *u, struct book_result *r)
{
	r->chapters = 0;
	for (int i = 0; i < u->bk->n; i++)
		r->chapters += model_has_chapter(u->bk, i);
	r->expectations = u->expectations;
	r->lines = u->L.stats.lines;
	r->hyphenated = u->L.stats.hyphenated;
	r->overfull = u->L.stats.overfull;
	r->worst_spacing = u->L.stats.worst;
	r->widows = u->st.widows;
	r->orphans = u->st.orphans;
	r->stranded = u->st.stranded;
	r->body_paginations = u->body_paginated;
}

/* --dump: the final pages as text (dump.h) instead of a PDF. */
static int dump_edition(struct run *u, struct book_result *r)
{
	char *path = output_path(u);
	if (!u->o->output && path) /* --all-roles: which edition each part of the stream is */
		fprintf(u->o->dump, "file %s\n", strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
	free(path);
	r->pages = u->all.n;
	fill_result(u, r);
	if (dump_pages(u->o->dump, &u->all, u->po.g.width, u->po.g.height) != 0) {
		diag_error(u->d, NULL, 0, "cannot write the dump: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* The pages to a PDF: built, the layout freed, then saved.  last_use: the
 * content's text and trees may go before the document is built, when a big
 * book peaks. */
int bookout_write(struct run *u, int last_use, struct book_result *r)
{
	const struct model *bk = u->bk;
	check_words(u, r);
	if (u->o->no_pdf) { /* --check: everything a message can come from has run */
		r->pages = u->all.n;
		fill_result(u, r);
		return 0;
	}
	if (u->o->dump)
		return dump_edition(u, r);
	struct pdf_label labels[2] = { { 0, 1, 1 }, { u->nfront, 0, 1 } };
	struct pdf_job job;
	memset(&job, 0, sizeof(job));
	job.pages = &u->all;
	job.img = u->bo.img.v;
	job.nimg = u->bo.img.n;
	job.ol = job_outline(u, &job.nol);
	job.labels = u->nfront > 0 ? labels : &labels[1];
	job.nlabels = u->nfront > 0 ? 2 : 1;
	struct buf title;
	buf_init(&title);
	if (u->ed->title_kind)
		buf_addf(&title, "%s%s \xE2\x80\x94 %s", u->ed->title_kind, bk->ch[u->role].title, bk->title);
	else
		buf_adds(&title, bk->title);
	char *kw = keywords(bk), *path = output_path(u);
	struct buf subject; /* --for names the reader in the metadata too */
	buf_init(&subject);
	buf_adds(&subject, u->ed->subject);
	if (u->prepared[0])
		buf_addf(&subject, " \xE2\x80\x94 %s", u->prepared);
	job.meta = (struct pdf_meta){ buf_cstr(&title), bk->org, buf_cstr(&subject), kw,
		                          "handbook " HANDBOOK_VERSION, u->year, u->month, u->day,
		                          u->lang ? u->lang : "en-US" };
	job.standard = (enum pdf_standard)u->o->pdf_standard;
	job.page_w = u->po.g.width;
	job.page_h = u->po.g.height;
	struct pages_progress pgp = { u->o, bk->n };
	if (u->o->progress) {
		job.progress = pages_written;
		job.progress_ctx = &pgp;
	}
	if (last_use)
		content_release(u->c);
	int rc = -1;
	/* an error while laying out (an image linked out of the repository)
	 * means the PDF cannot be trusted: none is written */
	struct pdf_doc *doc = u->d->errors > u->errors_before ? NULL : pdf_build(&job, u->L.fonts, path, u->d);
	free((void *)job.ol);
	r->pages = u->all.n;
	fill_result(u, r);
	char *bytes = NULL;
	if (doc) {
		book_run_done(u);
		rc = pdf_save(doc, path, u->d, &bytes, &r->bytes);
	}
	if (rc == 0 && !path) {
		r->pdf = bytes;
		bytes = NULL;
	} else if (rc == 0) {
		rc = write_output(path, u->c, u->L.fonts, u->hyph_path, bytes, r->bytes, u->d);
	}
	free(bytes);
	if (rc == 0 && path) {
		r->path = path;
		path = NULL;
	}
	free(kw);
	free(path);
	buf_done(&title);
	buf_done(&subject);
	return rc;
}
