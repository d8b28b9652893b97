/* explain.c: the framework model as text (explain.h).  It only reads the
 * model: what it prints is what the diagram, the glance, the review packet
 * and the worksheet use. */
#include "explain.h"
#include "infer.h"
#include "level.h"

#include <string.h>

static const char *const rank_why[LEVEL__MAX] = {
	[LEVEL_NONE] = "no level code found",
	[LEVEL_TITLE] = "code at the start of the title",
	[LEVEL_TITLE_END] = "code after the title",
	[LEVEL_GRADE] = "grade (II, III ... or 2, 3 ...) ending the title",
	[LEVEL_FILE] = "code in the file name",
	[LEVEL_FRONT] = "level in the front matter",
	[LEVEL_ORDER] = "its place in the README's list: its track has no level codes",
	[LEVEL_AFTER] = "the rank after the role before it in its track, which has codes or grades",
};

static const char *const track_why[TRACK__MAX] = {
	[TRACK_TITLE] = "the title without its seniority words",
	[TRACK_COMMENT] = "a <!-- track: ... --> comment",
	[TRACK_LADDER] = "the ladder of its level code",
	[TRACK_FRONT] = "track in the front matter",
	[TRACK_FOLDER] = "the folder it is in",
	[TRACK_FILE] = "the title of the file holding its levels",
	[TRACK_SECTION] = "the heading over its level's section",
	[TRACK_JOB] = ("its title: a track of its own, as the roles listed with it have no level codes and "
	               "each names a different job"),
};

/* "L3 Senior Engineer", or the title alone. */
static void role_label(const struct model *bk, int chap, struct buf *out)
{
	const struct chapter *ch = &bk->ch[chap];
	if (ch->code)
		buf_addf(out, "%s ", ch->code);
	buf_adds(out, ch->role ? ch->role : ch->title);
}

static void explain_role(const struct model *bk, const struct content *c, const struct framework *fw,
                         const struct fw_role *ro, struct buf *out)
{
	const struct chapter *ch = &bk->ch[ro->chapter];
	char rank[16];
	level_rank_text(ro->level, rank, sizeof(rank));
	buf_adds(out, "  ");
	role_label(bk, ro->chapter, out);
	buf_addf(out, "\n    file: %s", c->v[ch->src].name);
	if (c->v[ch->src].part_of)
		buf_addf(out, " (a level section of %s, line %d)", c->v[ch->src].part_of, ro->line);
	buf_addf(out, "\n    rank: %s (%s)\n", rank,
	         rank_why[ro->rank_from >= 0 && ro->rank_from < LEVEL__MAX ? ro->rank_from : 0]);
	buf_adds(out, "    next: ");
	if (!ro->next)
		buf_adds(out, ro->level < 0 ? "none (no rank)" : "none (top of its track)");
	else
		role_label(bk, ro->next, out);
	if (ro->next_declared)
		buf_adds(out, " (declared in the front matter)");
	int steps[8], ns = framework_next_steps(fw, ro->chapter, steps, 8);
	for (int k = 0; k < ns; k++)
		if (steps[k] != ro->next) {
			buf_adds(out, "; branches to ");
			role_label(bk, steps[k], out);
		}
	buf_addf(out, "\n    competencies: %d, expectations: %d", ro->nsec, ro->nexpect);
	for (int k = 0; k < ro->nsec; k++)
		buf_addf(out, "%s%s", k ? ", " : " (", ro->sec[k].title);
	buf_adds(out, ro->nsec ? ")" : "");
	if (c->v[ch->src].matrix_in)
		buf_addf(out, ", from the matrix in %s", c->v[ch->src].matrix_in);
	buf_addc(out, '\n');
}

/* The chapters that are no roles, and why. */
static void explain_pages(const struct model *bk, const struct content *c, const struct framework *fw,
                          struct buf *out)
{
	static const char *const why[CHAPTER__MAX] = {
		[CHAPTER_DECLARED] = "role: false in its front matter",
		[CHAPTER_LANDING] = "a landing page: its links list the levels, its own text is a chapter",
		[CHAPTER_TITLE] = "its title names a page, not a job",
		[CHAPTER_EMPTY] = "it has no text of its own, only front matter",
		[CHAPTER_CONTENT] = "no competency holds an expectation, and its title names no job",
		[CHAPTER_MENTIONED] = "the README links it from its text, not from its role list",
		[CHAPTER_UNDECLARED] = "every role declares level: in its front matter; it declares none and its "
		                       "title holds no level code",
		[CHAPTER_COMPARISON] = "its title compares roles ('vs'): a page about them, not a job",
	};
	int any = 0;
	for (int i = 1; i < bk->n; i++) {
		int k = framework_chapter_kind(fw, i);
		if (k == CHAPTER_ROLE || k < 0 || k >= CHAPTER__MAX)
			continue;
		if (!any++)
			buf_adds(out, "\nchapters that are not roles (role: true in the front matter makes one a role):\n");
		buf_addf(out, "  %s\n    file: %s\n    why: %s", bk->ch[i].title, c->v[bk->ch[i].src].name, why[k]);
		char w[64];
		if (k == CHAPTER_TITLE && infer_page_word(bk->ch[i].role ? bk->ch[i].role : bk->ch[i].title, w, sizeof(w)))
			buf_addf(out, " ('%s')", w);
		buf_addc(out, '\n');
	}
}

void explain_write(const struct model *bk, const struct content *c, const struct framework *fw,
                   struct buf *out)
{
	int ntracks = 0;
	for (int r = 0; r < fw->nrows; r++)
		ntracks += !framework_extra_row(fw, r);
	buf_addf(out, "%s: %d role%s in %d track%s, %d rank%s\n", bk->title, fw->n, fw->n == 1 ? "" : "s", ntracks,
	         ntracks == 1 ? "" : "s", fw->ncols, fw->ncols == 1 ? "" : "s");
	for (int r = 0; r < fw->nrows; r++) {
		if (framework_extra_row(fw, r))
			continue;
		int first = framework_row_first(fw, r, 0);
		buf_addf(out, "\ntrack %s (from %s)", fw->tracks[r],
		         first >= 0 ? track_why[fw->roles[first].track_from] : "?");
		int from = framework_branch_from(fw, r);
		if (from >= 0) {
			buf_adds(out, ", branching from ");
			role_label(bk, fw->roles[from].chapter, out);
		}
		buf_adds(out, "\n");
		/* the track's roles by rank, then book order */
		for (int col = 0; col < fw->ncols; col++)
			for (int row = r; row < fw->nrows && (row == r || framework_extra_row(fw, row)); row++)
				for (int i = 0; i < fw->n; i++)
					if (fw->roles[i].row == row && fw->roles[i].col == col)
						explain_role(bk, c, fw, &fw->roles[i], out);
	}
	explain_pages(bk, c, fw, out);
	if (fw->nphases)
		buf_adds(out, "\nphases:");
	for (int i = 0; i < fw->nphases; i++)
		buf_addf(out, " %s (columns %d-%d)%s", fw->phases[i].label, fw->phases[i].from_col + 1,
		         fw->phases[i].to_col + 1, i + 1 < fw->nphases ? ";" : "\n");
}
